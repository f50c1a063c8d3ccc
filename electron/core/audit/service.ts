/**
 * The login audit as a service of the core: `run` in the caller's process (`orgkey audit-logins`),
 * `start` in the background for the window (its progress and result go out as `audit.*` events,
 * shared/events.ts, like Test all's), `cancel`, and `last`, the result kept with the org.
 */
import type { EventPayloads } from '../../../shared/events';
import type { LoginAudit } from '../../../shared/login-audit';
import { OrgKeyError } from '../errors';

export interface AuditRunOptions {
  days: number;
  /** Stops the audit between two pages: the result then says `complete: false`. */
  signal?: AbortSignal;
  /** The user confirmed logging in again after repeated failures (password orgs: the lockout guard). */
  confirmRetry?: boolean;
  /** Rows and pages read so far, after each page. */
  onProgress?: (progress: { rows: number; pages: number }) => void;
}

export interface LoginAudits {
  /** Audit in this process; resolves with the result (kept with the org), or throws what stopped it. */
  run(id: string, options: AuditRunOptions): Promise<LoginAudit>;
  /** Audit in the background: `audit.progress`, then `audit.done` or `audit.failed`, for `runId`. */
  start(id: string, options: { days: number; runId: string }): { runId: string };
  /** Stop the background audit `runId` between pages; whether it was running. */
  cancel(runId: string): boolean;
  /** The org's kept result, or null. */
  last(id: string): LoginAudit | null;
}

export type AuditEmit = <N extends 'audit.progress' | 'audit.done' | 'audit.failed'>(name: N, payload: EventPayloads[N]) => void;

export function createLoginAudits(): LoginAudits {
  return {
    run() {
      return Promise.reject(new OrgKeyError('INTERNAL'));
    },
    start() {
      throw new OrgKeyError('INTERNAL');
    },
    cancel: () => false,
    last: () => null,
  };
}
