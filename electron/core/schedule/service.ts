/**
 * Scheduled checks: every org tested on the schedule the admin set, with the scheduled rules
 * (rules.ts), each org's check history (history.ts), and the desktop notifications that follow
 * (causes.ts). The host's timer calls `runDue()` often; a run happens only when due by the core's
 * clock, so a test can move the clock instead of waiting. `orgkey test --all --scheduled` runs
 * `runChecks` with the same rules and no notifications.
 */
import type { CheckHistoryEntry, ScheduleStatus, ScheduledRunSummary, TestOutcome } from '../../../shared/domain';
import type { TestAllProgress, TestAllSummary } from '../../../shared/events';
import type { SchedulePreference } from '../../../shared/notifications';
import { ERROR_CATALOG } from '../../../shared/errors';
import type { AppError } from '../../../shared/result';
import type { TestAll } from '../connection/test-all';
import { OrgKeyError } from '../errors';
import { silentLogger, type CorePorts, type Logger } from '../ports';
import type { OrgRecord, SettingsDoc } from '../settings/schema';
import { causesToTell } from './causes';
import { checkSchedule, isDue, nextRunAt } from './due';
import type { CheckHistory } from './history';
import { needsPerson } from './rules';

const TAG = '[schedule]';

/** One org in a scheduled run: its test, or why it was not tested. */
export type ScheduledCheck =
  | { id: string; kind: 'tested'; outcome: TestOutcome }
  | { id: string; kind: 'skipped'; reason: NonNullable<CheckHistoryEntry['skipped']>; error: AppError }
  | { id: string; kind: 'error'; error: AppError };

export interface ScheduledRun {
  summary: ScheduledRunSummary;
  /** Every org, by name. */
  checks: ScheduledCheck[];
}

export interface RunChecksOptions {
  signal?: AbortSignal;
  /** Each org as it is done, in the order they end. */
  onCheck?: (check: ScheduledCheck) => void;
  /** Tests at a time; by default the `testConcurrency` preference. */
  concurrency?: number;
}

export interface Scheduler {
  status(): ScheduleStatus;
  /** Set the schedule (field errors on `time` and `everyHours`); it counts from now. */
  set(schedule: SchedulePreference): ScheduleStatus;
  /** The host's timer: run when due and none is running; resolves when that run ends (null: nothing ran). */
  runDue(): Promise<ScheduleStatus | null>;
  /** Start a run now in the background (the tray's *Check now*, `schedule.runNow`); `schedule.finished` follows. */
  runNow(): ScheduleStatus;
  /** One run with the scheduled rules, in the caller's process: the app's runs and `orgkey test --all --scheduled`. */
  runChecks(options?: RunChecksOptions): Promise<ScheduledRun>;
  /** The orgs' notification causes after a test: told once each, forgotten when cleared. */
  evaluate(ids?: readonly string[]): void;
}

export interface SchedulerDeps {
  ports: CorePorts;
  testAll: Pick<TestAll, 'run'>;
  history: CheckHistory;
  emitFinished: (status: ScheduleStatus) => void;
  notificationClicked: (orgId: string) => void;
}

const NEEDS_PERSON: AppError = { code: 'NEEDS_PERSON', ...ERROR_CATALOG.NEEDS_PERSON };

function anchorOf(state: { since?: string | undefined; lastRun?: { at: string } | undefined } | undefined): Date | null {
  const times = [state?.since, state?.lastRun?.at].filter((at): at is string => !!at).map((at) => Date.parse(at));
  return times.length ? new Date(Math.max(...times)) : null;
}

export function createScheduler({ ports, testAll, history, emitFinished, notificationClicked }: SchedulerDeps): Scheduler {
  const { settings, clock } = ports;
  const logger = ports.logger ?? silentLogger;
  let running: Promise<ScheduleStatus> | null = null;

  function status(): ScheduleStatus {
    const doc = settings.read();
    const { schedule } = doc.preferences;
    const anchor = anchorOf(doc.scheduleState);
    const next = anchor ? nextRunAt(schedule, anchor) : null;
    return { schedule, nextRunAt: next?.toISOString() ?? null, lastRun: doc.scheduleState?.lastRun ?? null, running: running !== null };
  }

  function keepHistory(id: string, entry: CheckHistoryEntry) {
    try {
      history.record(id, entry);
    } catch (error) {
      logger.warn(TAG, `org ${id}: could not keep the check in its history (${error instanceof Error ? error.name : typeof error})`);
    }
  }

  function evaluate(ids?: readonly string[]) {
    const { notifier } = ports;
    // Without a way to show them (the CLI), causes are left for the app to tell.
    if (!notifier) return;
    const now = clock.now();
    const wanted = ids ? new Set(ids) : null;
    let tell: ReturnType<typeof causesToTell>['tell'] = [];
    /** The document with each wanted org's causes told and remembered; null when nothing changes. */
    const evaluated = (doc: SettingsDoc): SettingsDoc | null => {
      tell = [];
      let changes = false;
      const switches = doc.preferences.notifications;
      const changed = (record: OrgRecord): OrgRecord => {
        if (wanted && !wanted.has(record.id)) return record;
        const verdict = causesToTell(record, switches, now);
        tell.push(...verdict.tell);
        const before = record.notified ?? [];
        if (before.length === verdict.notified.length && before.every((cause) => verdict.notified.includes(cause))) return record;
        changes = true;
        const { notified: _old, ...rest } = record;
        return verdict.notified.length ? { ...rest, notified: verdict.notified } : rest;
      };
      const orgs = doc.orgs.map(changed);
      return changes ? { ...doc, orgs } : null;
    };
    // Most evaluations change nothing: only a change is written (again inside the lock, on the file as it is then).
    if (!evaluated(settings.read())) return;
    settings.update((doc) => evaluated(doc) ?? doc);
    // Shown after the write: a notification told is remembered even if showing it fails.
    for (const notification of tell) {
      try {
        notifier.show(notification, () => notificationClicked(notification.orgId));
        logger.info(TAG, `org ${notification.orgId}: notified ${notification.cause}`);
      } catch (error) {
        logger.warn(TAG, `org ${notification.orgId}: the ${notification.cause} notification could not be shown (${error instanceof Error ? error.name : typeof error})`);
      }
    }
  }

  async function runChecks(options: RunChecksOptions = {}): Promise<ScheduledRun> {
    const at = clock.now().toISOString();
    const records = [...settings.read().orgs].sort((a, b) => a.alias.localeCompare(b.alias, undefined, { sensitivity: 'base' }));
    const checks = new Map<string, ScheduledCheck>();
    const done = (check: ScheduledCheck) => {
      checks.set(check.id, check);
      options.onCheck?.(check);
    };
    const skip = (id: string, reason: NonNullable<CheckHistoryEntry['skipped']>, error: AppError, code?: CheckHistoryEntry['code']) => {
      keepHistory(id, { at, ok: false, scheduled: true, skipped: reason, ...(code ? { code } : {}) });
      done({ id, kind: 'skipped', reason, error });
    };
    const testable: string[] = [];
    for (const record of records) {
      if (needsPerson(record)) skip(record.id, 'needs-person', NEEDS_PERSON, record.lastTest?.failure?.code);
      else testable.push(record.id);
    }
    const onProgress = (progress: TestAllProgress) => {
      if (progress.kind === 'org-result') done({ id: progress.id, kind: 'tested', outcome: progress.outcome });
      else if (progress.kind === 'org-guarded') skip(progress.id, 'guarded', progress.error);
      else if (progress.kind === 'org-error' && progress.error.code === 'TEST_RUNNING') skip(progress.id, 'busy', progress.error);
      else if (progress.kind === 'org-error') done({ id: progress.id, kind: 'error', error: progress.error });
    };
    // Never `confirmRetry`: the lockout guard's refusal is reported, not overridden.
    const run: TestAllSummary = await testAll.run({
      ids: testable,
      scheduled: true,
      onProgress,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    });
    const all = records.map((record) => checks.get(record.id)).filter((check): check is ScheduledCheck => !!check);
    const skipped = all.filter((check) => check.kind === 'skipped').length;
    const failed = run.failed + all.filter((check) => check.kind === 'error').length;
    const summary: ScheduledRunSummary = { at, checked: run.ok + failed, failed, skipped };
    logger.info(TAG, `scheduled checks: ${summary.checked} checked, ${summary.failed} failed, ${summary.skipped} skipped`);
    return { summary, checks: all };
  }

  /** One run of the app's schedule: the checks, the notifications, the last run kept, `schedule.finished`. */
  function startRun(): Promise<ScheduleStatus> {
    const current = (async () => {
      try {
        const { summary } = await runChecks();
        settings.update((doc) => ({ ...doc, scheduleState: { ...doc.scheduleState, lastRun: summary } }));
        evaluate();
      } catch (error) {
        logger.error(TAG, `the scheduled run failed: ${error instanceof OrgKeyError ? error.appError.code : error instanceof Error ? error.name : typeof error}`);
      }
    })().then(() => {
      running = null;
      const after = status();
      emitFinished(after);
      return after;
    });
    running = current;
    return current;
  }

  return {
    status,
    set(schedule) {
      const checked = checkSchedule(schedule);
      const since = clock.now().toISOString();
      settings.update((doc) => ({ ...doc, preferences: { ...doc.preferences, schedule: checked }, scheduleState: { ...doc.scheduleState, since } }));
      logger.info(TAG, `schedule set: ${checked.mode === 'off' ? 'off' : checked.mode === 'daily' ? `daily at ${checked.time}` : `every ${checked.everyHours} h`}`);
      return status();
    },
    async runDue() {
      if (running) return null;
      const doc = settings.read();
      const { schedule } = doc.preferences;
      if (schedule.mode === 'off') return null;
      const anchor = anchorOf(doc.scheduleState);
      if (!anchor) {
        // A schedule that never went through `set` (a settings file from elsewhere) counts from now.
        settings.update((current) => ({ ...current, scheduleState: { ...current.scheduleState, since: clock.now().toISOString() } }));
        return null;
      }
      if (!isDue(schedule, anchor, clock.now())) return null;
      return startRun();
    },
    runNow() {
      if (!running) void startRun();
      return status();
    },
    runChecks,
    evaluate,
  };
}

/** The host's timer: `runDue()` every `intervalMs` (a minute by default) until the returned function stops it. */
export function startScheduleTimer(scheduler: Pick<Scheduler, 'runDue'>, { intervalMs = 60_000, logger = silentLogger }: { intervalMs?: number; logger?: Logger } = {}): () => void {
  const tick = () =>
    scheduler.runDue().catch((error: unknown) => {
      // The settings file could not be read: the next tick tries again.
      logger.warn(TAG, `the schedule could not be read: ${error instanceof OrgKeyError ? error.appError.code : error instanceof Error ? error.name : typeof error}`);
    });
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
