/**
 * A fresh access token for a tool: one login with the org's own method (any of them), through the
 * lockout guard like a test, and the session handed over instead of ended.
 *
 * The token is a live session, as good as the password for as long as the org's session timeout
 * lets it live: the redactor knows it before anything could log it (login-attempt.ts), it is never
 * written to the settings file, and the app never sends it to the window (the clipboard guard copies
 * it in the main process). Only the command line prints it, and only into a pipe.
 */
import type { TestOutcome } from '../../../shared/domain';
import { OrgKeyError } from '../errors';
import type { Session } from '../ports';
import { recordOutcome, type LoginAttempts } from './login-attempt';

export interface AccessTokenOptions {
  /** The user confirmed logging in again after repeated failures (password orgs: the lockout guard). */
  confirmRetry?: boolean;
  signal?: AbortSignal;
}

/** A login for a session that worked (`session`), or the outcome of one that did not, diagnosed as a test's. */
export type AccessTokenAnswer = { ok: true; session: Session; outcome: TestOutcome } | { ok: false; outcome: TestOutcome };

export interface AccessTokens {
  /** Log in and hand the session over. Throws LOCKOUT_GUARD, TEST_RUNNING or ORG_NOT_FOUND instead of logging in. */
  issue(id: string, options?: AccessTokenOptions): Promise<AccessTokenAnswer>;
  /** The same, a refused login thrown as LOGIN_FAILED with the failure's own words (for the clipboard). */
  require(id: string, options?: AccessTokenOptions): Promise<Session>;
}

export function createAccessTokens(logins: LoginAttempts): AccessTokens {
  async function issue(id: string, options: AccessTokenOptions = {}): Promise<AccessTokenAnswer> {
    const login = await logins.login(id, { ...options, session: true });
    try {
      // Counted like any login (a refused password counts toward the guard); not the org's last test:
      // a session login reads no facts to show.
      login.settle(recordOutcome(login.outcome, { asLastTest: false }));
    } finally {
      login.release();
    }
    return login.session ? { ok: true, session: login.session, outcome: login.outcome } : { ok: false, outcome: login.outcome };
  }

  return {
    issue,
    async require(id, options) {
      const answer = await issue(id, options);
      if (answer.ok) return answer.session;
      const failure = answer.outcome.failure;
      throw new OrgKeyError('LOGIN_FAILED', failure ? { message: failure.message, remedy: failure.remedy, details: [failure.code] } : {});
    },
  };
}
