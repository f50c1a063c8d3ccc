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
import { recordOutcome, type DeferredSettle, type LoginAttempts } from './login-attempt';

export interface TestOptions {
  /** The user confirmed testing again after repeated failures. */
  confirmRetry?: boolean;
  /** Cancels the test when aborted (used by "test all"). */
  signal?: AbortSignal;
  /** A scheduled check (schedule/service.ts), kept as such in the org's check history. */
  scheduled?: boolean;
}

/**
 * Tests one after another (a worker of Test all) whose writes are shared: each test's result is
 * written with the next test's reservation, one settings write for both, or by `end()`. A result
 * is told (`onKept`) once it is on disk, before the next login is sent.
 */
export interface TestSequence {
  /** Test `id`; throws as `test` does (LOCKOUT_GUARD, TEST_RUNNING, ORG_NOT_FOUND), its result told later. */
  test(id: string, options?: TestOptions): Promise<void>;
  /** Write the last result held and tell it. */
  end(): void;
}

/** A result of a sequence on disk, or the error that kept it off. */
export type KeptResult = { outcome: TestOutcome } | { error: unknown };

export interface ConnectionTester {
  test(id: string, options?: TestOptions): Promise<TestOutcome>;
  /** A sequence of tests sharing their writes (see TestSequence); `onKept` hears each result. */
  sequence(onKept: (id: string, result: KeptResult) => void): TestSequence;
  /** Cancel a running test; resolves whether one was running. */
  cancel(id: string): boolean;
}

/** Told of every test kept as the org's last (not a cancelled one): the check history and the notifications. */
export type TestedListener = (id: string, outcome: TestOutcome, options: TestOptions) => void;

export function createConnectionTester(logins: LoginAttempts, onTested: TestedListener = () => {}): ConnectionTester {
  /** Log in with the stored secrets and keep the outcome as the org's last test. */
  async function test(id: string, options: TestOptions = {}): Promise<TestOutcome> {
    const login = await logins.login(id, options);
    // Written while the session ends: the write and the logout's round trip overlap. The test is
    // over when both are.
    try {
      login.settle(recordOutcome(login.outcome, { asLastTest: true }));
    } finally {
      await login.ended;
    }
    // A cancelled test is not kept (login-attempt.ts): it says nothing about the org.
    if (login.outcome.failure?.code !== 'CANCELLED') onTested(id, login.outcome, options);
    return login.outcome;
  }

  function sequence(onKept: (id: string, result: KeptResult) => void): TestSequence {
    let held: { id: string; outcome: TestOutcome; options: TestOptions; settle: DeferredSettle } | null = null;
    /** Tell the held result, writing it alone if the write meant to carry it did not. */
    const flush = () => {
      const last = held;
      held = null;
      if (!last) return;
      try {
        logins.commit(last.settle);
      } catch (error) {
        onKept(last.id, { error });
        return;
      }
      if (last.outcome.failure?.code !== 'CANCELLED') onTested(last.id, last.outcome, last.options);
      onKept(last.id, { outcome: last.outcome });
    };
    return {
      async test(id, options = {}) {
        const alongside = held?.settle;
        // The login reserves (and writes the held settle with it) before it first waits.
        const pending = logins.login(id, { ...options, ...(alongside ? { alongside } : {}) });
        flush();
        const login = await pending;
        held = { id, outcome: login.outcome, options, settle: login.defer(recordOutcome(login.outcome, { asLastTest: true })) };
        // The slot's next login starts once this one's session has ended.
        await login.ended;
      },
      end: flush,
    };
  }

  return {
    test,
    sequence,
    cancel: (id) => logins.cancel(id),
  };
}
