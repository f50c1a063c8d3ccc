import { useCallback, useRef, useState } from 'react';
import { DEFAULT_PREFERENCES, type OrgSummary } from '../../shared/domain';
import { runPool } from '../../shared/pool';
import { call } from '../lib/api';

export interface TestAllState {
  running: boolean;
  /** Cancel was pressed; the running tests are being stopped. */
  cancelling: boolean;
  total: number;
  /** Orgs whose test has finished (or was skipped), for "Tested N of M". */
  done: number;
  /** Orgs whose test is in flight right now. */
  testing: ReadonlySet<string>;
  /**
   * Orgs the lockout guard skipped, with the time of the last test they had then: the mark holds
   * until that org is tested again (from its detail), so it never outlives what it describes.
   */
  guarded: ReadonlyMap<string, string | null>;
}

/** What a finished run reports, for the toast. */
export interface TestAllSummary {
  total: number;
  ok: number;
  failed: number;
  guarded: number;
  errors: number;
  cancelled: boolean;
}

const IDLE: TestAllState = { running: false, cancelling: false, total: 0, done: 0, testing: new Set(), guarded: new Map() };

export interface TestAllOptions {
  /** Show one org's new result at once (the row updates as its result arrives). */
  patchOrg: (id: string, change: Partial<OrgSummary>) => void;
  /** Called once the run has ended, cancelled or not. */
  onFinished: (summary: TestAllSummary) => void;
}

/**
 * "Test all": every org, `testConcurrency` at a time (shared `runPool`, as the CLI schedules it).
 *
 * Kept above the views (App), so leaving the list does not lose a run in progress. Never asks for
 * `confirmRetry`: an org behind the lockout guard is skipped and marked, and the user decides in its
 * detail. Cancel stops new starts and asks core to cancel the ones in flight.
 */
export function useTestAll({ patchOrg, onFinished }: TestAllOptions): {
  state: TestAllState;
  start: (orgs: readonly OrgSummary[]) => Promise<void>;
  cancel: () => void;
} {
  const [state, setState] = useState<TestAllState>(IDLE);
  const controller = useRef<AbortController | null>(null);
  const inFlight = useRef(new Set<string>());

  const start = useCallback(
    async (orgs: readonly OrgSummary[]) => {
      if (controller.current || orgs.length === 0) return;
      const abort = new AbortController();
      controller.current = abort;
      setState((previous) => ({ ...IDLE, running: true, total: orgs.length, guarded: previous.guarded }));

      const prefs = await call((api) => api.prefs.get());
      const concurrency = prefs.ok ? prefs.value.testConcurrency : DEFAULT_PREFERENCES.testConcurrency;
      const summary: TestAllSummary = { total: orgs.length, ok: 0, failed: 0, guarded: 0, errors: 0, cancelled: false };
      const guardedNow = new Map<string, string | null>();

      const update = (id: string, running: boolean) => {
        if (running) inFlight.current.add(id);
        else inFlight.current.delete(id);
        setState((previous) => {
          const testing = new Set(previous.testing);
          if (running) testing.add(id);
          else testing.delete(id);
          const guarded = new Map(previous.guarded);
          guarded.delete(id);
          if (guardedNow.has(id)) guarded.set(id, guardedNow.get(id) ?? null);
          return { ...previous, testing, guarded, done: previous.done + (running ? 0 : 1) };
        });
      };

      await runPool(
        orgs,
        concurrency,
        async (org) => {
          update(org.id, true);
          const result = await call((api) => api.orgs.test({ id: org.id }));
          if (result.ok) {
            const outcome = result.value;
            if (outcome.failure?.code === 'CANCELLED') {
              summary.cancelled = true; // not kept by core: the row keeps its previous result
            } else {
              patchOrg(org.id, { lastTest: outcome });
              if (outcome.ok) summary.ok += 1;
              else summary.failed += 1;
            }
          } else if (result.error.code === 'LOCKOUT_GUARD') {
            summary.guarded += 1;
            guardedNow.set(org.id, org.lastTest?.testedAt ?? null);
          } else {
            summary.errors += 1;
          }
          update(org.id, false);
        },
        abort.signal,
      );

      summary.cancelled ||= abort.signal.aborted;
      controller.current = null;
      inFlight.current.clear();
      setState((previous) => ({ ...IDLE, guarded: previous.guarded }));
      onFinished(summary);
    },
    [patchOrg, onFinished],
  );

  const cancel = useCallback(() => {
    const running = controller.current;
    if (!running || running.signal.aborted) return;
    running.abort();
    setState((previous) => ({ ...previous, cancelling: true }));
    for (const id of inFlight.current) void call((api) => api.orgs.cancelTest({ id }));
  }, []);

  return { state, start, cancel };
}

/** "Tested 4 orgs: 1 OK, 3 failed", plus what was skipped or cancelled. */
export function summaryText(summary: TestAllSummary): string {
  const tested = summary.ok + summary.failed;
  const parts = [`${summary.cancelled ? 'Tests cancelled. ' : ''}Tested ${tested} ${tested === 1 ? 'org' : 'orgs'}: ${summary.ok} OK, ${summary.failed} failed`];
  if (summary.guarded) parts.push(`${summary.guarded} skipped: ${summary.guarded === 1 ? 'needs' : 'need'} confirmation after failed logins`);
  if (summary.errors) parts.push(`${summary.errors} could not be tested`);
  if (summary.cancelled && tested + summary.guarded + summary.errors < summary.total) {
    parts.push(`${summary.total - tested - summary.guarded - summary.errors} not tested`);
  }
  return parts.join('; ');
}
