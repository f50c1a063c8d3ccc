/**
 * Open the org in the browser without a session id in any URL: one login with the org's own method
 * (through the lockout guard, as a test), then Salesforce's UI Bridge API trades that session for a
 * single-use frontdoor URL (`/services/oauth2/singleaccess`, what `sf org open` does now). The old
 * `frontdoor.jsp?sid=` would leave a live session in the browser history; a used one-time code is worth nothing.
 *
 * The API session is not ended afterwards: Salesforce documents the bridged UI session as a new one
 * made from it, but not whether ending the session it came from ends the browser's (UNCONFIRMED), and
 * `sf org open` leaves its own alone. It ends with the org's session timeout and is never shown.
 */
import { checkOpenPath } from '../../../shared/validation';
import type { OpenedInBrowser, TestOutcome } from '../../../shared/domain';
import { fieldError, OrgKeyError } from '../errors';
import { findOrgRecord } from '../org-records';
import type { CorePorts } from '../ports';
import { gatewayOf } from './jsforce-gateway';
import type { AccessTokens } from './access-token';

export interface OpenInBrowserOptions {
  /** The page to land on, a path in the org (`/lightning/setup/SetupOneHome/home`). */
  path?: string;
  /** The user confirmed logging in again after repeated failures (the lockout guard). */
  confirmRetry?: boolean;
  signal?: AbortSignal;
}

/**
 * The address to open: the single-use URL, or the org's login page when Salesforce gave none (`reason`
 * says why). `url` is a one-time credential until used: only the CLI's `--url-only` prints it.
 */
export type BrowserAddress =
  | { ok: true; kind: 'single-use'; url: string; outcome: TestOutcome }
  | { ok: true; kind: 'login-page'; url: string; reason: string; outcome: TestOutcome }
  | { ok: false; outcome: TestOutcome };

export interface BrowserOpener {
  /** Log in and ask for the address; opens nothing. Throws INVALID_INPUT (path), LOCKOUT_GUARD, TEST_RUNNING or ORG_NOT_FOUND. */
  address(id: string, options?: OpenInBrowserOptions): Promise<BrowserAddress>;
  /** The same, opened with the host's browser opener (only Salesforce's pages and the org's own login host pass). */
  open(id: string, options?: OpenInBrowserOptions): Promise<OpenedInBrowser>;
}

export function createBrowserOpener(ports: CorePorts, accessTokens: AccessTokens): BrowserOpener {
  async function address(id: string, options: OpenInBrowserOptions = {}): Promise<BrowserAddress> {
    let path: string | undefined;
    if (options.path !== undefined) {
      const checked = checkOpenPath(options.path);
      if (!checked.ok) throw fieldError('path', checked.message);
      path = checked.value;
    }
    const record = findOrgRecord(ports.settings, id);
    const login = await accessTokens.issue(id, { ...(options.confirmRetry ? { confirmRetry: true } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    if (!login.ok) return login;
    const timeoutMs = ports.settings.read().preferences.testTimeoutSeconds * 1000;
    const answer = await gatewayOf(ports).singleAccess(login.session, { loginUrl: record.loginUrl, timeoutMs, ...(path !== undefined ? { path } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    if (answer.ok) {
      // A one-time credential until the browser uses it: no log line may show it.
      ports.redactor?.add(answer.url);
      ports.redactor?.add(new URL(answer.url).searchParams.get('otp'));
      return { ok: true, kind: 'single-use', url: answer.url, outcome: login.outcome };
    }
    const status = answer.failure.httpStatus ? ` (HTTP ${answer.failure.httpStatus}${answer.failure.salesforceCode ? `, ${answer.failure.salesforceCode}` : ''})` : '';
    ports.logger?.warn('[open]', `no single-use URL for org ${id}${status}; opening its login page`);
    // The login page takes `startURL` for after the login; it carries no credential.
    const loginPage = new URL(record.loginUrl);
    if (path !== undefined) loginPage.searchParams.set('startURL', path);
    return {
      ok: true,
      kind: 'login-page',
      url: loginPage.toString(),
      reason: `Salesforce gave no single-use login link for this org${status}, so its login page opens instead: log in there yourself.`,
      outcome: login.outcome,
    };
  }

  return {
    address,
    async open(id, options) {
      const found = await address(id, options);
      if (!found.ok) return found;
      if (!ports.opener) throw new OrgKeyError('URL_NOT_ALLOWED', { message: 'This OrgKey cannot open a browser.' });
      await ports.opener.open(found.url, { allowOrigin: new URL(findOrgRecord(ports.settings, id).loginUrl).origin });
      return found.kind === 'single-use' ? { ok: true, kind: 'single-use' } : { ok: true, kind: 'login-page', reason: found.reason };
    },
  };
}
