/**
 * The events the main process sends to the window, as the API table's other half.
 *
 * Methods are asked for by the window; events arrive on their own, e.g. each org's result while
 * "Test all" runs. Each event has one payload type here. `electron/ipc.ts` sends exactly these to
 * the app's own page, `electron/preload.ts` exposes one named subscribe function per event
 * (`window.orgkey.events.onTestAllProgress(listener)`, which returns its unsubscribe), and a test
 * holds the lists equal, as for methods. Plain data only, so preload bundles it without zod.
 */
import type { ScheduleStatus, TestOutcome } from './domain';
import type { LoginAudit } from './login-audit';
import type { AppError } from './result';

/** How a "Test all" run ended, for the summary line. */
export interface TestAllSummary {
  /** Orgs in the run. */
  total: number;
  /** Tests that logged in. */
  ok: number;
  /** Tests that failed (a cancelled test is neither: it says nothing about the org). */
  failed: number;
  /** Orgs the lockout guard skipped: testing them needs a confirmation, org by org. */
  guarded: number;
  /** Orgs that could not be tested (the keychain, the org removed meanwhile, a test already running). */
  errors: number;
  /** Orgs not tested because the run was cancelled (never started, or stopped mid-login). */
  notTested: number;
  cancelled: boolean;
}

/**
 * One step of a "Test all" run, in order: `run-started`; per org `org-started` and then one of
 * `org-result`, `org-guarded`, `org-error`; last `run-finished`. Every step names its run.
 */
export type TestAllProgress =
  | { runId: string; kind: 'run-started'; total: number }
  | { runId: string; kind: 'org-started'; id: string }
  /** The test ran; a `CANCELLED` outcome is not kept by the core, so the org's last result stands. */
  | { runId: string; kind: 'org-result'; id: string; outcome: TestOutcome }
  /** The lockout guard refused the login: no login was sent. */
  | { runId: string; kind: 'org-guarded'; id: string; error: AppError }
  /** No test could be made (keychain, settings, the org gone or already being tested). */
  | { runId: string; kind: 'org-error'; id: string; error: AppError }
  | { runId: string; kind: 'run-finished'; summary: TestAllSummary };

/** A login audit under way (`audit.run`): Login History rows and pages read so far. */
export interface AuditProgress {
  runId: string;
  rows: number;
  pages: number;
}

/** A login audit ended: complete, or cancelled with the rows read until then (`complete: false`). */
export interface AuditDone {
  runId: string;
  result: LoginAudit;
}

/** A login audit could not run or stopped on an error (the login refused, the query failed): nothing kept. */
export interface AuditFailed {
  runId: string;
  error: AppError;
}

/** The payload of each event. */
export interface EventPayloads {
  'testAll.progress': TestAllProgress;
  'audit.progress': AuditProgress;
  'audit.done': AuditDone;
  'audit.failed': AuditFailed;
  /** A scheduled run ended (by the timer or `schedule.runNow`): the schedule's status after it. */
  'schedule.finished': ScheduleStatus;
  /** The admin clicked a desktop notification about this org: the window opens it. */
  'notification.clicked': { orgId: string };
}

/** The event names, as plain data (the subscribe functions are built from this list). */
export const EVENT_NAMES = ['testAll.progress', 'audit.progress', 'audit.done', 'audit.failed', 'schedule.finished', 'notification.clicked'] as const;

export type EventName = (typeof EVENT_NAMES)[number];

// The list and the payload table name the same events.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _SameEvents = Assert<Same<EventName, keyof EventPayloads>>;

/** The IPC channel an event travels on; apart from the method channels. */
export function eventChannelOf(name: EventName): string {
  return `orgkey:event:${name}`;
}

type SubscriberName<N extends string> = N extends `${infer D}.${infer A}` ? `on${Capitalize<D>}${Capitalize<A>}` : never;

/** The subscribe function's name for an event: `testAll.progress` → `onTestAllProgress`. */
export function subscriberOf<N extends EventName>(name: N): SubscriberName<N> {
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return `on${name.split('.').map(capital).join('')}` as SubscriberName<N>;
}

/** What the window finds at `window.orgkey.events`: one subscribe function per event, each returning its unsubscribe. */
export type OrgKeyEvents = {
  [N in EventName as SubscriberName<N>]: (listener: (payload: EventPayloads[N]) => void) => () => void;
};
