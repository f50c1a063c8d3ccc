/**
 * Copy a secret to the clipboard and take it away again.
 *
 * The main process writes the clipboard, so the renderer never receives the secret to do it. After
 * the configured delay (default 30 s) and on quit, the clipboard is cleared — but only if it still
 * holds what OrgKey put there: something the user copied meanwhile is left alone.
 */
import type { ClipboardState, CopyWhat } from '../../../shared/domain';
import type { AccessTokens } from '../connection/access-token';
import { OrgKeyError } from '../errors';
import { findOrgRecord } from '../org-records';
import type { CorePorts } from '../ports';
import { silentLogger } from '../ports';
import { orgSecretsOf } from './org-secrets';

export interface ClipboardGuard {
  /** `confirmRetry`: for `accessToken`, log in past the lockout guard, as a confirmed test does. */
  copy(id: string, what: CopyWhat, options?: { confirmRetry?: boolean }): Promise<ClipboardState>;
  status(): ClipboardState | null;
  /** Clear now if the clipboard still holds our copy (used on quit). */
  clearNow(): Promise<void>;
}

const WHAT_LABEL: Record<CopyWhat, string> = {
  combined: 'password + token',
  password: 'password',
  token: 'security token',
  username: 'username',
  accessToken: 'access token',
};

/** `accessTokens`: where an access token comes from (a login); without it, copying one is refused. */
export function createClipboardGuard(ports: CorePorts, accessTokens?: AccessTokens): ClipboardGuard {
  const { settings, clock } = ports;
  const logger = ports.logger ?? silentLogger;
  let pending: { text: string; state: ClipboardState; timer?: ReturnType<typeof setTimeout> } | null = null;

  const clipboard = () => {
    if (!ports.clipboard) throw new OrgKeyError('CLIPBOARD_UNAVAILABLE');
    return ports.clipboard;
  };

  const clearIfOurs = async () => {
    const current = pending;
    if (!current) return;
    if (current.timer) clearTimeout(current.timer);
    pending = null;
    try {
      if ((await clipboard().readText()) === current.text) {
        await clipboard().clear();
        logger.info('[clipboard]', `cleared the ${WHAT_LABEL[current.state.what]} of org ${current.state.orgId}`);
      } else {
        logger.info('[clipboard]', 'left the clipboard alone: it changed since OrgKey copied');
      }
    } catch {
      logger.warn('[clipboard]', 'could not clear the clipboard');
    }
  };

  const valueOf = async (id: string, what: CopyWhat, confirmRetry: boolean): Promise<string> => {
    const record = findOrgRecord(settings, id);
    if (what === 'username') return record.username;
    if (what === 'accessToken') {
      if (!accessTokens) throw new OrgKeyError('NOTHING_TO_COPY', { message: 'OrgKey cannot log in from here to get an access token.' });
      // Checked before the login: a session for a clipboard that is not there would be wasted.
      clipboard();
      return (await accessTokens.require(id, confirmRetry ? { confirmRetry } : {})).accessToken;
    }
    const stored = await orgSecretsOf(ports).read(id, what === 'token' ? ['token'] : what === 'password' ? ['password'] : ['password', 'token']);
    const password = stored.password ?? null;
    const token = stored.token ?? null;
    if (what !== 'token' && !password) throw new OrgKeyError('NOTHING_TO_COPY', { message: 'No password is stored for this org.' });
    if (what === 'token' && !token) throw new OrgKeyError('NOTHING_TO_COPY', { message: 'No security token is stored for this org.' });
    return what === 'combined' ? `${password}${token ?? ''}` : what === 'password' ? password! : token!;
  };

  return {
    async copy(id, what, options = {}) {
      const text = await valueOf(id, what, !!options.confirmRetry);
      if (pending?.timer) clearTimeout(pending.timer);
      await clipboard().writeSecret(text);
      const seconds = settings.read().preferences.clipboardClearSeconds;
      const now = clock.now();
      const state: ClipboardState = {
        orgId: id,
        what,
        copiedAt: now.toISOString(),
        clearsAt: seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : null,
      };
      pending = { text, state };
      if (seconds > 0) {
        pending.timer = setTimeout(() => void clearIfOurs(), seconds * 1000);
        pending.timer.unref?.();
      }
      logger.info('[clipboard]', `copied the ${WHAT_LABEL[what]} of org ${id}`);
      return state;
    },
    status: () => pending?.state ?? null,
    clearNow: clearIfOurs,
  };
}
