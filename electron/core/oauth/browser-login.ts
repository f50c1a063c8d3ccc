/**
 * Browser login: the OAuth 2.0 web-server flow with PKCE, for orgs whose `auth` is `browser`.
 *
 * `start` listens on the org's loopback callback port, opens the system browser on the org's
 * authorize page (PKCE S256 + a fresh `state`) and returns the URL, so a front end can also show
 * it. `finish` waits for the one callback, exchanges the code, keeps the refresh token in the
 * keychain and the username in the settings file. Testing such an org then uses the refresh
 * token; `signOut` revokes it. The code, verifier and tokens never leave this process.
 */
import { callbackPortFor, SIGN_IN_TIMEOUT_MS, type SignedIn, type SignInStart } from '../../../shared/domain';
import { isOpenableExternalUrl } from '../../../shared/salesforce-hosts';
import { gatewayOf } from '../connection/jsforce-gateway';
import { OrgKeyError } from '../errors';
import { findOrgRecord, updateOrgRecord } from '../org-records';
import { silentLogger, type CorePorts, type SettingsStore } from '../ports';
import { orgSecretsOf } from '../secrets/org-secrets';
import type { OrgRecord } from '../settings/schema';
import { listenForCallback, type CallbackListener } from './loopback';
import { newPkce, newState } from './pkce';

const TAG = '[browser-login]';

/**
 * What OrgKey asks for: the API, the identity URL (who signed in) and a refresh token. The app's
 * OAuth settings must offer these three (README "Browser login").
 */
export const SIGN_IN_SCOPES = 'api id refresh_token';


export interface BrowserLogin {
  start(id: string, options?: { openBrowser?: boolean }): Promise<SignInStart>;
  finish(id: string): Promise<SignedIn>;
  /** Stop waiting for the browser; resolves whether a sign-in was waiting. */
  cancel(id: string): boolean;
  /** Revoke the refresh token and forget it; resolves whether Salesforce confirmed the revocation. */
  signOut(id: string): Promise<{ revoked: boolean }>;
}

/** The org's authorize URL with PKCE and state (Salesforce's web-server flow). */
export function authorizeUrlFor(record: OrgRecord, redirectUri: string, state: string, challenge: string): string {
  const url = new URL('/services/oauth2/authorize', record.loginUrl);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: record.clientId ?? '',
    redirect_uri: redirectUri,
    scope: SIGN_IN_SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  if (record.username) params.login_hint = record.username;
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

/**
 * What OrgKey hands to the system browser for a sign-in: a page on the org's own login host over
 * https (a custom domain too: the org's credentials go there anyway), or plain http on a loopback
 * address (the fake org, a local proxy) — the allow-list every opener applies, with that host added.
 */
export function isAuthorizeUrlAllowed(url: string, loginUrl: string): boolean {
  return isOpenableExternalUrl(url, [loginUrl]);
}

/** How long one call to Salesforce may take: the test timeout the admin set. */
const callTimeoutMs = (settings: SettingsStore) => settings.read().preferences.testTimeoutSeconds * 1000;

/**
 * Revoke a browser org's stored refresh token at Salesforce, then forget it. Resolves whether
 * Salesforce confirmed (true when none was stored); used by sign-out, removal and edits that end
 * the sign-in.
 */
export async function revokeStoredSignIn(ports: Pick<CorePorts, 'settings' | 'secrets' | 'salesforce' | 'clock' | 'logger' | 'dataDir'>, record: OrgRecord): Promise<boolean> {
  const stored = orgSecretsOf(ports);
  const token = await stored.get(record.id, 'refreshToken');
  if (!token) return true;
  const revoked = !!record.clientId && (await gatewayOf(ports).revokeToken({ loginUrl: record.loginUrl, clientId: record.clientId, token, timeoutMs: callTimeoutMs(ports.settings) }));
  await stored.write(record.id, { refreshToken: null });
  return revoked;
}

export function createBrowserLogin(ports: CorePorts): BrowserLogin {
  const { settings, clock } = ports;
  const orgSecrets = orgSecretsOf(ports);
  const logger = ports.logger ?? silentLogger;
  const salesforce = gatewayOf(ports);
  /** One sign-in per org: kept after it settles until `finish` collects its result or a new one starts. */
  const pending = new Map<string, { listener: CallbackListener; done: Promise<SignedIn>; settled: boolean }>();

  const browserRecord = (id: string): OrgRecord => {
    const record = findOrgRecord(settings, id);
    if (record.auth !== 'browser' || !record.clientId) throw new OrgKeyError('NOT_BROWSER_LOGIN');
    return record;
  };
  const timeoutMs = () => callTimeoutMs(settings);

  async function complete(id: string, record: OrgRecord, listener: CallbackListener, codeVerifier: string): Promise<SignedIn> {
    const code = await listener.code;
    const { clientSecret } = await orgSecrets.read(id, ['clientSecret']);
    const signedIn = await salesforce.exchangeCode({
      loginUrl: record.loginUrl,
      clientId: record.clientId!,
      ...(clientSecret ? { clientSecret } : {}),
      redirectUri: listener.redirectUri,
      code,
      codeVerifier,
      timeoutMs: timeoutMs(),
    });
    const previous = await orgSecrets.get(id, 'refreshToken');
    await orgSecrets.write(id, { refreshToken: signedIn.refreshToken });
    const signedInAt = clock.now().toISOString();
    const found = updateOrgRecord(settings, id, (current) => ({
      ...current,
      username: signedIn.username,
      signedInAt,
      updatedAt: signedInAt,
      consecutiveFailures: 0,
    }));
    if (!found) {
      // Removed while the browser was open: keep nothing.
      await salesforce.revokeToken({ loginUrl: record.loginUrl, clientId: record.clientId!, token: signedIn.refreshToken, timeoutMs: timeoutMs() });
      await orgSecrets.write(id, { refreshToken: null });
      throw new OrgKeyError('ORG_NOT_FOUND');
    }
    // Signing in again replaces the old grant; it is revoked rather than left valid.
    if (previous && previous !== signedIn.refreshToken) {
      await salesforce.revokeToken({ loginUrl: record.loginUrl, clientId: record.clientId!, token: previous, timeoutMs: timeoutMs() });
    }
    logger.info(TAG, `org ${id}: signed in`);
    return { username: signedIn.username, signedInAt };
  }

  return {
    async start(id, options = {}) {
      const record = browserRecord(id);
      pending.get(id)?.listener.cancel();
      const pkce = newPkce();
      const state = newState();
      const listener = await listenForCallback({
        port: callbackPortFor(record),
        state,
        timeoutMs: SIGN_IN_TIMEOUT_MS,
        // Any page in the browser can call the loopback address; such calls are turned away and the wait goes on.
        onRefused: () => logger.warn(TAG, `org ${id}: turned away a callback that is not this sign-in’s (wrong or no state)`),
      });
      const done = complete(id, record, listener, pkce.verifier);
      const entry = { listener, done, settled: false };
      pending.set(id, entry);
      void done.then(
        () => (entry.settled = true),
        (error: unknown) => {
          entry.settled = true;
          logger.info(TAG, `org ${id}: sign-in ended: ${error instanceof OrgKeyError ? error.appError.code : 'error'}`);
        },
      );
      const authorizeUrl = authorizeUrlFor(record, listener.redirectUri, state, pkce.challenge);
      if (!isAuthorizeUrlAllowed(authorizeUrl, record.loginUrl)) {
        listener.cancel();
        pending.delete(id);
        throw new OrgKeyError('URL_NOT_ALLOWED', { message: `OrgKey signs in only over https (or plain http on this computer), not at ${new URL(authorizeUrl).origin}.` });
      }
      let opened = false;
      if (options.openBrowser !== false && ports.opener) {
        // The authorize page is on the org's own login host, the one its credentials go to anyway.
        await ports.opener.open(authorizeUrl, { allowOrigin: new URL(record.loginUrl).origin }).then(
          () => (opened = true),
          () => logger.warn(TAG, `org ${id}: the browser could not be opened`),
        );
      }
      logger.info(TAG, `org ${id}: waiting for the browser on ${listener.redirectUri}`);
      return { authorizeUrl, callbackUrl: listener.redirectUri, opened };
    },

    finish(id) {
      const entry = pending.get(id);
      if (!entry) return Promise.reject(new OrgKeyError('SIGN_IN_NOT_STARTED'));
      // The browser may have come back before anyone asked: the result waits here until collected.
      return entry.done.finally(() => {
        if (pending.get(id) === entry) pending.delete(id);
      });
    },

    cancel(id) {
      const entry = pending.get(id);
      if (!entry || entry.settled) return false;
      entry.listener.cancel();
      return true;
    },

    async signOut(id) {
      const record = browserRecord(id);
      pending.get(id)?.listener.cancel();
      const revoked = await revokeStoredSignIn(ports, record);
      updateOrgRecord(settings, id, (current) => {
        const next = { ...current, updatedAt: clock.now().toISOString() };
        delete next.signedInAt;
        return next;
      });
      logger.info(TAG, `org ${id}: signed out${revoked ? '' : ' (Salesforce did not confirm the revocation)'}`);
      return { revoked };
    },
  };
}
