/**
 * The security-token workflow: read the pasted email, prove the new token (or new password) with a
 * real login, and only then replace what is stored. Salesforce voids the old token with every
 * "Reset My Security Token", so a token that is kept unproved may lock tools out.
 *
 * A failed proof keeps the old secrets and says what the failure means right after a reset; the
 * admin may still "save anyway" (e.g. when the org cannot be reached from here). A proof reads the
 * org's record once and writes the settings twice: the login's reservation, then the result.
 */
import type { ProofResult, TokenInspection } from '../../../shared/domain';
import { isOpenableExternalUrl, isSalesforceHost } from '../../../shared/salesforce-hosts';
import { checkPassword, checkPastedSize } from '../../../shared/validation';
import { recordOutcome, type LoginAttempts } from '../connection/login-attempt';
import { fieldError, OrgKeyError } from '../errors';
import { findOrgRecord, updateOrgRecord } from '../org-records';
import type { CorePorts } from '../ports';
import { orgSecretsOf } from '../secrets/org-secrets';
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
  /**
   * Prove a password (and token) read from elsewhere with one login through the lockout guard, and
   * store them only if it works: the importers' proof of a Data Loader folder's value (never a retry).
   */
  proveAndStore(id: string, secrets: { password: string; token?: string }): Promise<ProofResult>;
}

const NEWER_EMAIL_HINT =
  'Right after a reset this usually means a newer reset email exists: each reset voids the token before it. Use the newest “Your new Salesforce security token” email.';
const PASSWORD_CHANGE_HINT =
  'After a password change Salesforce emails a new security token; the old one stops working. Paste that email together with the new password.';

const IMPORTED_HINT =
  'The folder’s password or security token may be out of date (a password change or token reset since it was written); Data Loader runs with it would fail the same way.';

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

/** New secrets for an org: the password, the token, or both. */
type NewSecrets = { password?: string; token?: string };

export function createTokenWorkflow(ports: CorePorts, logins: LoginAttempts): TokenWorkflow {
  const { settings, clock } = ports;

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

  /**
   * Keep the given secrets in the keychain; resolves when they were stored and what that changes in
   * the org's record (written by the caller, in the one write it makes anyway).
   */
  const keep = async (id: string, next: NewSecrets): Promise<{ at: string; change: (record: OrgRecord) => OrgRecord }> => {
    // One write of the org's keychain entry, whichever of the two changed.
    await orgSecretsOf(ports).write(id, { ...(next.password !== undefined ? { password: next.password } : {}), ...(next.token !== undefined ? { token: next.token } : {}) });
    const at = clock.now().toISOString();
    // They are new, so earlier failures say nothing: the lockout guard's count starts again. An org
    // imported without its password (`awaitingSecrets`) has it now.
    const change = ({ awaitingSecrets: _awaiting, ...org }: OrgRecord): OrgRecord => ({
      ...org,
      ...(next.password === undefined && _awaiting ? { awaitingSecrets: _awaiting } : {}),
      ...(next.password !== undefined ? { passwordUpdatedAt: at } : {}),
      ...(next.token !== undefined ? { tokenUpdatedAt: at, hasToken: true } : {}),
      consecutiveFailures: 0,
      updatedAt: at,
    });
    return { at, change };
  };

  /** Prove `next` with a login, then keep it; `record` was read (once) by the caller. */
  const prove = async (record: OrgRecord, next: NewSecrets, options: { saveAnyway?: boolean; confirmRetry?: boolean }, hint: string): Promise<ProofResult> => {
    const { id } = record;
    // A browser-login org never uses a password or token: "proving" one would test its refresh token instead.
    if (record.auth === 'browser') throw new OrgKeyError('NOT_PASSWORD_LOGIN');
    if (options.saveAnyway) {
      updateOrgRecord(settings, id, (await keep(id, next)).change);
      return { stored: true };
    }
    const login = await logins.login(id, { ...(options.confirmRetry ? { confirmRetry: true } : {}), secrets: next });
    try {
      if (!login.outcome.ok) {
        // A failed proof counts toward the guard but is not the org's result: the stored secrets were not tried.
        login.settle(recordOutcome(login.outcome, { asLastTest: false }));
        const outcome = { ...login.outcome };
        if (outcome.failure && ['INVALID_LOGIN', 'OAUTH_INVALID_GRANT'].includes(outcome.failure.code)) {
          outcome.failure = { ...outcome.failure, hints: [hint, ...outcome.failure.hints] };
        }
        return { stored: false, outcome };
      }
      const kept = await keep(id, next);
      // A proved token is the one just stored: this login tested it.
      const outcome = next.token !== undefined ? { ...login.outcome, tokenAsOf: kept.at } : login.outcome;
      login.settle((current) => recordOutcome(outcome, { asLastTest: true })(kept.change(current)));
      return { stored: true, outcome };
    } finally {
      // Unless settled above: the keychain refused the proved secrets, so the login says nothing to record.
      login.release();
      // The proof is over once its session has ended (the writes above overlapped its logout).
      await login.ended;
    }
  };

  return {
    async inspect(id, pasted) {
      const record = findRecord(id);
      const found = extract(pasted);
      const stored = await orgSecretsOf(ports).get(id, 'token');
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
      const record = findRecord(id);
      const { token } = extract(input.pasted);
      return prove(record, { token }, input, NEWER_EMAIL_HINT);
    },

    async changePassword(id, input) {
      const record = findRecord(id);
      const password = checkPassword(input.password);
      if (!password.ok) throw fieldError('password', password.message);
      ports.redactor?.add(password.value);
      const next: NewSecrets = { password: password.value };
      if (input.pasted?.trim()) next.token = extract(input.pasted).token;
      return prove(record, next, input, PASSWORD_CHANGE_HINT);
    },

    async proveAndStore(id, secrets) {
      const record = findRecord(id);
      for (const value of [secrets.password, secrets.token]) if (value) ports.redactor?.add(value);
      return prove(record, { password: secrets.password, ...(secrets.token ? { token: secrets.token } : {}) }, {}, IMPORTED_HINT);
    },
  };
}
