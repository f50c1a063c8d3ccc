/**
 * "Test all": every org, a few at a time, with progress per org and a summary — the one
 * implementation behind the app's Test all, `orgkey test --all` and the bench.
 *
 * A slow org holds only its own slot. Each test goes through the tester, so the lockout guard holds
 * as for a single test: an org behind it is reported as guarded, never tested (unless the caller
 * confirmed, as `--confirm-retry` does). Cancelling stops new starts and cancels the logins in flight.
 */
import { randomUUID } from 'node:crypto';
import { ERROR_CATALOG } from '../../../shared/errors';
import type { TestAllProgress, TestAllSummary } from '../../../shared/events';
import { isOrgKeyError, OrgKeyError } from '../errors';
import { silentLogger, type Logger } from '../ports';
import type { ConnectionTester, KeptResult } from './tester';

const TAG = '[test-all]';

export interface TestAllOptions {
  /** The orgs to test, in this order; by default every org, by name. */
  ids?: readonly string[];
  /** Tests at a time; by default the `testConcurrency` preference. */
  concurrency?: number;
  /** The user confirmed testing orgs behind the lockout guard too. */
  confirmRetry?: boolean;
  /** A scheduled run: each test is kept as a scheduled check (never with `confirmRetry`: schedule/service.ts). */
  scheduled?: boolean;
  signal?: AbortSignal;
  /** Names the run in its progress; a new id by default. */
  runId?: string;
  /** Every step of the run, in order (shared/events.ts). */
  onProgress?: (progress: TestAllProgress) => void;
}

export interface TestAll {
  /** Run in this process, reporting through `onProgress`; resolves with the summary once every test has ended. */
  run(options?: TestAllOptions): Promise<TestAllSummary>;
  /**
   * Start a run in the background (the app's window): its steps go out as `testAll.progress`
   * events. One run at a time: TEST_RUNNING while another is under way.
   */
  start(runId: string): { runId: string; total: number };
  /** Cancel the background run `runId`; whether it was running. */
  cancel(runId: string): boolean;
}

export interface TestAllDeps {
  /** Each slot tests its orgs one after another, a result written with the next org's reservation. */
  sequence: ConnectionTester['sequence'];
  /** Every org's id, by name. */
  orgIds: () => string[];
  /** The `testConcurrency` preference. */
  concurrency: () => number;
  /** Where a background run's steps go. */
  emit: (progress: TestAllProgress) => void;
  logger?: Logger;
}

export function createTestAll({ sequence, orgIds, concurrency, emit, logger = silentLogger }: TestAllDeps): TestAll {
  let background: { runId: string; controller: AbortController } | null = null;

  async function run(options: TestAllOptions = {}): Promise<TestAllSummary> {
    const { signal, confirmRetry, scheduled } = options;
    const runId = options.runId ?? randomUUID();
    const ids = options.ids ?? orgIds();
    const report = (progress: TestAllProgress) => {
      try {
        options.onProgress?.(progress);
      } catch (error) {
        // The run goes on: every other org still gets its test and its step.
        logger.error(TAG, `a progress listener failed: ${error instanceof Error ? error.name : typeof error}`);
      }
    };
    const summary: TestAllSummary = { total: ids.length, ok: 0, failed: 0, guarded: 0, errors: 0, notTested: 0, cancelled: false };
    report({ runId, kind: 'run-started', total: ids.length });

    const unexpected = (id: string, error: unknown) => {
      summary.errors += 1;
      // Anything but the core's own errors may carry anything (paths, library text): only its kind is logged.
      if (!isOrgKeyError(error)) logger.error(TAG, `org ${id}: the test failed unexpectedly: ${error instanceof Error ? error.name : typeof error}`);
      report({ runId, kind: 'org-error', id, error: isOrgKeyError(error) ? error.appError : { code: 'INTERNAL', ...ERROR_CATALOG.INTERNAL } });
    };
    /** A result once it is on disk (or the error that kept it off). */
    const kept = (id: string, result: KeptResult) => {
      if ('error' in result) return unexpected(id, result.error);
      const { outcome } = result;
      if (outcome.failure?.code === 'CANCELLED') summary.cancelled = true;
      else if (outcome.ok) summary.ok += 1;
      else summary.failed += 1;
      report({ runId, kind: 'org-result', id, outcome });
    };
    const testOptions = { ...(signal ? { signal } : {}), ...(confirmRetry ? { confirmRetry } : {}), ...(scheduled ? { scheduled } : {}) };
    // At most `concurrency` slots, each testing the next org in order until none is left or the run
    // is cancelled. A slot's tests share their writes: a login is two settings writes (the lockout
    // guard's reservation, the result), and a result goes out in the next org's reservation.
    let next = 0;
    const slot = async () => {
      const tests = sequence(kept);
      try {
        while (next < ids.length && !signal?.aborted) {
          const id = ids[next++]!;
          const testing = tests.test(id, testOptions);
          report({ runId, kind: 'org-started', id });
          try {
            await testing;
          } catch (error) {
            if (isOrgKeyError(error) && error.appError.code === 'LOCKOUT_GUARD') {
              summary.guarded += 1;
              report({ runId, kind: 'org-guarded', id, error: error.appError });
            } else unexpected(id, error);
          }
        }
      } finally {
        tests.end();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? concurrency(), ids.length)) }, slot));

    summary.cancelled ||= !!signal?.aborted;
    summary.notTested = summary.total - summary.ok - summary.failed - summary.guarded - summary.errors;
    logger.info(TAG, `run ${runId}: ${summary.ok} ok, ${summary.failed} failed, ${summary.guarded} guarded, ${summary.errors} errors, ${summary.notTested} not tested`);
    report({ runId, kind: 'run-finished', summary });
    return summary;
  }

  return {
    run,
    start(runId) {
      if (background) throw new OrgKeyError('TEST_RUNNING', { message: 'Test all is already running.', remedy: 'Wait for it to finish or cancel it.' });
      // Read here, so a settings file that cannot be read is this call's error, not a silent run's.
      const ids = orgIds();
      const width = concurrency();
      const controller = new AbortController();
      const current = { runId, controller };
      background = current;
      run({ runId, ids, concurrency: width, signal: controller.signal, onProgress: emit })
        .catch((error: unknown) => logger.error(TAG, `run ${runId} failed: ${error instanceof Error ? error.name : typeof error}`))
        .finally(() => {
          if (background === current) background = null;
        });
      return { runId, total: ids.length };
    },
    cancel(runId) {
      if (background?.runId !== runId) return false;
      background.controller.abort();
      return true;
    },
  };
}
