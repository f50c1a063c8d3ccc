import { useCallback, useRef, useState } from 'react';
import type { AppError } from '../../shared/result';
import { call } from '../lib/api';
import { orgStore } from '../store/useOrgs';

export type OrgTestRun =
  | { status: 'idle' }
  | { status: 'running' }
  /** The last run was cancelled; core keeps no result for it, so the previous one still stands. */
  | { status: 'cancelled' }
  | { status: 'done'; ok: boolean }
  /** The lockout guard stopped the test before any login: the user must confirm. */
  | { status: 'guarded'; error: AppError }
  /** No test ran, e.g. TEST_RUNNING or an unreachable keychain. */
  | { status: 'error'; error: AppError };

/**
 * Test one org's connection from its detail.
 *
 * Never retries by itself; `run(true)` is only called after the user confirmed the lockout guard's
 * question. Every result core kept (all but a cancelled one) goes to the org store.
 */
export function useOrgTest(id: string): { run: OrgTestRun; test: (confirmRetry?: boolean) => Promise<OrgTestRun>; cancel: () => void; dismiss: () => void } {
  const [run, setRun] = useState<OrgTestRun>({ status: 'idle' });
  // A ref as well as state: a double click must not start two tests before React re-renders.
  const running = useRef(false);

  const test = useCallback(
    async (confirmRetry = false): Promise<OrgTestRun> => {
      if (running.current) return { status: 'running' };
      running.current = true;
      setRun({ status: 'running' });
      const result = await call((api) => api.orgs.test(confirmRetry ? { id, confirmRetry: true } : { id }));
      running.current = false;
      let next: OrgTestRun;
      if (result.ok) {
        if (result.value.failure?.code === 'CANCELLED') next = { status: 'cancelled' };
        else {
          orgStore.tested(id, result.value);
          next = { status: 'done', ok: result.value.ok };
        }
      } else if (result.error.code === 'LOCKOUT_GUARD') next = { status: 'guarded', error: result.error };
      else next = { status: 'error', error: result.error };
      setRun(next);
      return next;
    },
    [id],
  );

  const cancel = useCallback(() => {
    if (running.current) void call((api) => api.orgs.cancelTest({ id }));
  }, [id]);

  /** Close the lockout question without testing. */
  const dismiss = useCallback(() => setRun({ status: 'idle' }), []);

  return { run, test, cancel, dismiss };
}
