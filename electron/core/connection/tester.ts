/**
 * Connection tests: one org, or all of them, without ever locking a user out.
 *
 * OrgKey never retries a login by itself. After `lockoutGuardFailures` failed logins in a row
 * (Salesforce locks users after as few as 3), a further test needs an explicit confirmation. The
 * count resets on success and when the password or token changes. Logins still in flight in any
 * process count too (lockout-guard.ts): each is recorded in the settings file before it is sent
 * (login-attempt.ts, which the token workflow's proofs share).
 */
import type { TestOutcome } from '../../../shared/domain';
import { recordOutcome, type LoginAttempts } from './login-attempt';

export interface TestOptions {
  /** The user confirmed testing again after repeated failures. */
  confirmRetry?: boolean;
  /** Cancels the test when aborted (used by "test all"). */
  signal?: AbortSignal;
  /** A scheduled check (schedule/service.ts), kept as such in the org's check history. */
  scheduled?: boolean;
}

export interface ConnectionTester {
  test(id: string, options?: TestOptions): Promise<TestOutcome>;
  /** Cancel a running test; resolves whether one was running. */
  cancel(id: string): boolean;
}

/** Told of every test kept as the org's last (not a cancelled one): the check history and the notifications. */
export type TestedListener = (id: string, outcome: TestOutcome, options: TestOptions) => void;

export function createConnectionTester(logins: LoginAttempts, onTested: TestedListener = () => {}): ConnectionTester {
  /** Log in with the stored secrets and keep the outcome as the org's last test. */
  async function test(id: string, options: TestOptions = {}): Promise<TestOutcome> {
    const login = await logins.login(id, options);
    login.settle(recordOutcome(login.outcome, { asLastTest: true }));
    // A cancelled test is not kept (login-attempt.ts): it says nothing about the org.
    if (login.outcome.failure?.code !== 'CANCELLED') onTested(id, login.outcome, options);
    return login.outcome;
  }

  return {
    test,
    cancel: (id) => logins.cancel(id),
  };
}
