import { useCallback, useEffect, useRef, useState } from 'react';
import type { LoginAudit } from '../../shared/login-audit';
import type { AppError } from '../../shared/result';
import { call, onEvent } from '../lib/api';
import { orgStore } from '../store/useOrgs';

/**
 * One org's login audit from its detail: the audit kept from the last run, a run under way with its
 * rows and pages read, and how the last run ended.
 */
export type AuditRun =
  | { status: 'idle' }
  | { status: 'running'; runId: string; rows: number; pages: number; cancelling: boolean }
  /** The run ended: `result.complete` is false when it was cancelled. */
  | { status: 'done'; result: LoginAudit }
  | { status: 'failed'; error: AppError };

export interface LoginAuditState {
  run: AuditRun;
  /** The audit kept with the org before this run (shown on opening, compared with the new one). */
  kept: LoginAudit | null;
  /** Why the kept audit could not be read, if it could not. */
  keptError: AppError | null;
  /** `confirmRetry`: past the lockout guard's refusal, the admin's "Log in anyway". */
  start: (days: number, options?: { confirmRetry?: boolean }) => Promise<void>;
  cancel: () => void;
}

/**
 * Runs the audit in the core (`audit.run`) and follows its events for the run this window named.
 * Leaving the detail cancels a run under way: nobody would see its result, and it holds the org's
 * login and Salesforce's query cursor.
 */
export function useLoginAudit(id: string): LoginAuditState {
  const [run, setRun] = useState<AuditRun>({ status: 'idle' });
  const [kept, setKept] = useState<LoginAudit | null>(null);
  const [keptError, setKeptError] = useState<AppError | null>(null);
  // The run under way, read by the event listeners and by unmount (state would be stale there).
  const current = useRef<string | null>(null);

  useEffect(() => {
    let stale = false;
    void call((api) => api.audit.last({ id })).then((result) => {
      if (stale) return;
      if (result.ok) setKept(result.value);
      else setKeptError(result.error);
    });
    return () => {
      stale = true;
    };
  }, [id]);

  useEffect(() => {
    const ours = (runId: string) => runId === current.current;
    const stops = [
      onEvent('onAuditProgress', ({ runId, rows, pages }) => {
        if (ours(runId)) setRun((previous) => (previous.status === 'running' ? { ...previous, rows, pages } : previous));
      }),
      onEvent('onAuditDone', ({ runId, result }) => {
        if (!ours(runId)) return;
        current.current = null;
        setRun({ status: 'done', result });
        // The org keeps the audit in brief (`lastAudit`): the store's copy catches up.
        void orgStore.loadOrg(id);
      }),
      onEvent('onAuditFailed', ({ runId, error }) => {
        if (!ours(runId)) return;
        current.current = null;
        setRun({ status: 'failed', error });
      }),
    ];
    return () => {
      stops.forEach((stop) => stop());
      const runId = current.current;
      current.current = null;
      if (runId) void call((api) => api.audit.cancel({ runId }));
    };
  }, [id]);

  const start = useCallback(
    async (days: number, options: { confirmRetry?: boolean } = {}) => {
      if (current.current) return;
      const runId = crypto.randomUUID();
      current.current = runId;
      // The audit shown until now becomes the one the new run is compared with.
      if (run.status === 'done') setKept(run.result);
      setRun({ status: 'running', runId, rows: 0, pages: 0, cancelling: false });
      const answer = await call((api) => api.audit.run({ id, days, runId, ...(options.confirmRetry ? { confirmRetry: true } : {}) }));
      if (!answer.ok && current.current === runId) {
        current.current = null;
        setRun({ status: 'failed', error: answer.error });
      }
    },
    [id, run],
  );

  const cancel = useCallback(() => {
    const runId = current.current;
    if (!runId) return;
    setRun((previous) => (previous.status === 'running' ? { ...previous, cancelling: true } : previous));
    void call((api) => api.audit.cancel({ runId }));
  }, []);

  return { run, kept, keptError, start, cancel };
}
