/**
 * The login audit as a service of the core: `run` in the caller's process (`orgkey audit-logins`),
 * `start` in the background for the window (its progress and result go out as `audit.*` events,
 * shared/events.ts, as Test all's do), `cancel`, and `last`, the result kept with the org (kept.ts).
 */
import { ERROR_CATALOG } from '../../../shared/errors';
import type { EventPayloads } from '../../../shared/events';
import { auditDaysProblem, auditSummary, type LoginAudit } from '../../../shared/login-audit';
import { fieldError, isOrgKeyError, OrgKeyError } from '../errors';
import { findOrgRecord, updateOrgRecord } from '../org-records';
import { silentLogger, type CorePorts } from '../ports';
import type { LoginAttempts } from '../connection/login-attempt';
import { auditOrg, type AuditOptions } from './engine';
import type { KeptAudits } from './kept';

const TAG = '[audit]';

export type AuditRunOptions = AuditOptions;

export interface LoginAudits {
  /**
   * Audit in this process; resolves with the result (also when cancelled: `complete: false`), kept
   * with the org, or throws what stopped it (a field error on `days`, the login, the query).
   */
  run(id: string, options: AuditRunOptions): Promise<LoginAudit>;
  /**
   * Audit in the background: `audit.progress`, then `audit.done` or `audit.failed`, for `runId`.
   * The days, the org and a run already under way for it are checked before it answers; the lockout
   * guard is asked by the login (audit.failed LOCKOUT_GUARD), and `confirmRetry` passes it, as a test's does.
   */
  start(id: string, options: { days: number; runId: string; confirmRetry?: boolean }): { runId: string };
  /** Stop the background audit `runId` between pages; whether it was running. */
  cancel(runId: string): boolean;
  /** The org's kept result, or null before its first audit. */
  last(id: string): LoginAudit | null;
}

type AuditEvent = 'audit.progress' | 'audit.done' | 'audit.failed';

export interface LoginAuditDeps {
  ports: CorePorts;
  logins: LoginAttempts;
  kept: KeptAudits;
  emit: <N extends AuditEvent>(name: N, payload: EventPayloads[N]) => void;
}

export function createLoginAudits({ ports, logins, kept, emit }: LoginAuditDeps): LoginAudits {
  const logger = ports.logger ?? silentLogger;
  /** Audits under way in this process, by org: one at a time per org. */
  const running = new Map<string, { runId?: string; controller: AbortController }>();

  /** Keep a result that says something: complete, or with rows read before a cancel. */
  function keep(id: string, audit: LoginAudit): void {
    if (!audit.complete && audit.rows === 0) return;
    // The summary in the org's record first: an org removed meanwhile keeps nothing.
    if (!updateOrgRecord(ports.settings, id, (record) => ({ ...record, lastAudit: auditSummary(audit) }))) return;
    kept.save(id, audit);
  }

  function claim(id: string, runId?: string): AbortController {
    if (running.has(id)) throw new OrgKeyError('TEST_RUNNING', { message: 'An audit of this org’s logins is already running.', remedy: 'Wait for it to finish or cancel it.' });
    const controller = new AbortController();
    running.set(id, { ...(runId ? { runId } : {}), controller });
    return controller;
  }

  async function run(id: string, options: AuditRunOptions, controller = claim(id)): Promise<LoginAudit> {
    const forward = () => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', forward, { once: true });
    try {
      const audit = await auditOrg(ports, logins, id, { ...options, signal: controller.signal });
      keep(id, audit);
      return audit;
    } finally {
      options.signal?.removeEventListener('abort', forward);
      running.delete(id);
    }
  }

  return {
    run,
    start(id, { days, runId, confirmRetry }) {
      const problem = auditDaysProblem(days);
      if (problem) throw fieldError('days', problem);
      findOrgRecord(ports.settings, id);
      const controller = claim(id, runId);
      run(id, { days, ...(confirmRetry ? { confirmRetry } : {}), onProgress: (progress) => emit('audit.progress', { runId, ...progress }) }, controller).then(
        (result) => emit('audit.done', { runId, result }),
        (error: unknown) => {
          // Anything but the core's own errors may carry anything (paths, library text): only its kind is logged.
          if (!isOrgKeyError(error)) logger.error(TAG, `audit ${runId} failed unexpectedly: ${error instanceof Error ? error.name : typeof error}`);
          emit('audit.failed', { runId, error: isOrgKeyError(error) ? error.appError : { code: 'INTERNAL', ...ERROR_CATALOG.INTERNAL } });
        },
      );
      return { runId };
    },
    cancel(runId) {
      const entry = [...running.values()].find((candidate) => candidate.runId === runId);
      entry?.controller.abort();
      return !!entry;
    },
    last(id) {
      findOrgRecord(ports.settings, id);
      return kept.load(id);
    },
  };
}
