import { useEffect, useState } from 'react';
import type { AppError } from '../../shared/result';
import { call } from '../lib/api';
import type { CheckHistoryEntry } from '../../shared/domain';
import { scheduleStore } from '../store/useSchedule';

export type CheckHistoryState = { status: 'loading' } | { status: 'ready'; entries: readonly CheckHistoryEntry[] } | { status: 'error'; error: AppError };

/**
 * One org's last checks (`checks.history`), asked for again whenever something may have added one:
 * a test from the window (`testedAt`, the org's last test, changes) or a scheduled run ending.
 */
export function useCheckHistory(id: string, testedAt: string | undefined): CheckHistoryState {
  const [state, setState] = useState<CheckHistoryState>({ status: 'loading' });
  const [runs, setRuns] = useState(0);

  useEffect(() => scheduleStore.onFinished(() => setRuns((count) => count + 1)), []);

  useEffect(() => {
    let stale = false;
    void call((api) => api.checks.history({ id })).then((result) => {
      if (stale) return;
      // A refresh keeps the rows on screen until the new ones are in.
      setState(result.ok ? { status: 'ready', entries: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      stale = true;
    };
  }, [id, testedAt, runs]);

  return state;
}
