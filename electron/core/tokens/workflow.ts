/**
 * The security-token workflow: read the pasted email, prove the new token (or new password) with a
 * real login, and only then replace what is stored (reference: security-token-article.txt).
 *
 * A failed proof keeps the old secrets and says what the failure means right after a reset; the
 * admin may still "save anyway" (e.g. when the org cannot be reached from here).
 */
import type { ProofResult, TokenInspection } from '../../../shared/domain';
import { isOpenableExternalUrl, isSalesforceHost } from '../../../shared/salesforce-hosts';
import { checkPassword, checkPastedSize } from '../../../shared/validation';
import type { ConnectionTester } from '../connection/tester';
import { fieldError, OrgKeyError } from '../errors';
import { findOrgRecord, updateOrgRecord } from '../org-records';
import type { CorePorts } from '../ports';
import { accountFor } from '../secrets/accounts';
import type { OrgRecord } from '../settings/schema';
import { extractToken, maskedPreview } from './extract';

export type { ProofResult };

export interface TokenWorkflow {
  inspect(id: string, pasted: string): Promise<TokenInspection>;
  replaceToken(id: string, input: { pasted: string; saveAnyway?: boolean; confirmRetry?: boolean }): Promise<ProofResult>;
  /** Open the org's "Reset My Security Token" page in the OS browser; resolves the URL opened. */
  openResetPage(id: string): Promise<{ url: string }>;
  changePassword(
    id: string,
    input: { password: string; pasted?: string; saveAnyway?: boolean; confirmRetry?: boolean },
  ): Promise<ProofResult>;
}

const NEWER_EMAIL_HINT =
  'Right after a reset this usually means a newer reset email exists: each reset voids the token before it. Use the newest “Your new Salesforce security token” email.';
const PASSWORD_CHANGE_HINT =
  'After a password change Salesforce emails a new security token; the old one stops working. Paste that email together with the new password.';

/** Lightning's Reset My Security Token page (Setup → personal settings). */
export const RESET_TOKEN_PATH = '/lightning/settings/personal/ResetApiToken/home';

/**
 * Where the reset page lives: the org's My Domain if OrgKey knows it (the login URL of a My Domain
 * org, or the instance URL of the last successful test), else the login host, which redirects after
 * sign-in.
 */
export function resetPageUrl(record: OrgRecord): string {
  const origin = record.environment === 'custom' ? record.loginUrl : (record.lastTest?.facts?.instanceUrl ?? record.loginUrl);
  return new URL(RESET_TOKEN_PATH, origin).toString();
}

export function createTokenWorkflow(ports: CorePorts, tester: ConnectionTester): TokenWorkflow {
  const { settings, secrets, clock } = ports;

  const findRecord = (id: string) => findOrgRecord(settings, id);

  const extract = (pasted: string) => {
    // Every front end gets the same cap; the IPC schema applies it too, before the core is reached.
    const size = checkPastedSize(pasted);
    if (!size.ok) throw fieldError('pasted', size.message);
    const result = extractToken(pasted);
    if (!result.ok) throw fieldError('pasted', result.message);
    ports.redactor?.add(result.token);
    return result;
  };

  /** Keep the given secrets and reset the lockout guard: they are new, so earlier failures say nothing. */
  const store = async (id: string, next: { password?: string; token?: string }) => {
    if (next.password !== undefined) await secrets.set(accountFor(id, 'password'), next.password);
    if (next.token !== undefined) await secrets.set(accountFor(id, 'token'), next.token);
    const now = clock.now().toISOString();
    updateOrgRecord(settings, id, (org) => ({
      ...org,
      ...(next.password !== undefined ? { passwordUpdatedAt: now } : {}),
      ...(next.token !== undefined ? { tokenUpdatedAt: now, hasToken: true } : {}),
      consecutiveFailures: 0,
      updatedAt: now,
    }));
  };

  const prove = async (
    id: string,
    candidate: { password?: string; token?: string },
    options: { saveAnyway?: boolean; confirmRetry?: boolean },
    hint: string,
  ): Promise<ProofResult> => {
    // A browser-login org never uses a password or token: "proving" one would test its refresh token instead.
    if (findRecord(id).auth === 'browser') throw new OrgKeyError('NOT_PASSWORD_LOGIN');
    if (options.saveAnyway) {
      await store(id, candidate);
      return { stored: true };
    }
    const outcome = await tester.test(id, {
      ...(options.confirmRetry ? { confirmRetry: true } : {}),
      candidate: { ...candidate, store: () => store(id, candidate) },
    });
    if (!outcome.ok && outcome.failure && ['INVALID_LOGIN', 'OAUTH_INVALID_GRANT'].includes(outcome.failure.code)) {
      outcome.failure = { ...outcome.failure, hints: [hint, ...outcome.failure.hints] };
    }
    return { stored: outcome.ok, outcome };
  };

  return {
    async inspect(id, pasted) {
      const record = findRecord(id);
      const found = extract(pasted);
      const stored = await secrets.get(accountFor(id, 'token'));
      const mailFor = found.username;
      return {
        length: found.token.length,
        preview: maskedPreview(found.token),
        from: found.from,
        ...(mailFor ? { mailUsername: mailFor } : {}),
        wrongOrg: !!mailFor && mailFor.toLowerCase() !== record.username.toLowerCase(),
        sameAsStored: stored === found.token,
      };
    },

    async openResetPage(id) {
      const url = resetPageUrl(findRecord(id));
      // Narrower than the opener's allow-list (which also lets a sign-in reach loopback): the reset
      // page is always Salesforce's own, so only https Salesforce hosts are opened for it.
      if (!isOpenableExternalUrl(url) || !isSalesforceHost(new URL(url).hostname)) {
        throw new OrgKeyError('URL_NOT_ALLOWED', { message: `OrgKey only opens https:// Salesforce addresses, not ${new URL(url).origin}.` });
      }
      if (!ports.opener) throw new OrgKeyError('URL_NOT_ALLOWED', { message: 'This OrgKey cannot open a browser.' });
      await ports.opener.open(url);
      return { url };
    },

    async replaceToken(id, input) {
      findRecord(id);
      const { token } = extract(input.pasted);
      return prove(id, { token }, input, NEWER_EMAIL_HINT);
    },

    async changePassword(id, input) {
      findRecord(id);
      const password = checkPassword(input.password);
      if (!password.ok) throw fieldError('password', password.message);
      ports.redactor?.add(password.value);
      const candidate: { password: string; token?: string } = { password: password.value };
      if (input.pasted?.trim()) candidate.token = extract(input.pasted).token;
      return prove(id, candidate, input, PASSWORD_CHANGE_HINT);
    },
  };
}
