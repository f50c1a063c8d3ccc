/**
 * How scheduled checks read in the window: the Settings form's rules and words, the status line,
 * each notification cause's label, and one line per check in an org's *Check history*.
 *
 * Pure functions over the core's answers (`schedule.get`, `checks.history`); the core applies the
 * same schedule rules again, so a field error here only saves a round trip.
 */
import { CERTIFICATE_WARNING_DAYS } from '../../shared/certificates';
import { TEST_FAILURE_CATALOG } from '../../shared/codes';
import type { CheckHistoryEntry, ScheduleStatus } from '../../shared/domain';
import { PASSWORD_WARNING_DAYS } from '../../shared/password-expiry';
import { RETIREMENT_NOTICE_DAYS, SCHEDULE_HOURS_LIMITS, SCHEDULE_TIME_PATTERN, type NotificationCause, type SchedulePreference } from '../../shared/notifications';
import { formatNumber, formatTimestamp, timeAgo } from './format';

/** What a notification cause's switch says: the event, then when exactly it fires. */
export const CAUSE_TEXT: Record<NotificationCause, { label: string; hint: string }> = {
  'login-failing': { label: 'A login starts failing', hint: 'Salesforce refuses an org’s login (a network failure does not count).' },
  'password-expiring': { label: 'A password expires soon', hint: `An org’s password expires within ${PASSWORD_WARNING_DAYS[0]} days, or has expired.` },
  'refresh-token-revoked': { label: 'A browser sign-in ends', hint: 'A browser-login org’s refresh token was revoked or expired: sign in again.' },
  'certificate-expiring': { label: 'A JWT certificate expires soon', hint: `A JWT org’s certificate expires within ${CERTIFICATE_WARNING_DAYS} days, or has expired.` },
  'retirement-near': { label: 'A login method is about to be retired', hint: `Salesforce retires the way an org logs in within ${RETIREMENT_NOTICE_DAYS} days.` },
  'sandbox-refreshed': { label: 'A sandbox was refreshed', hint: 'A sandbox is a new org (a new org id) and you have not confirmed it yet.' },
};

/** The schedule form as typed: text, so a half-typed value is never lost. */
export interface ScheduleForm {
  mode: SchedulePreference['mode'];
  time: string;
  everyHours: string;
}

export type ScheduleField = 'time' | 'everyHours';

export const formOf = (schedule: SchedulePreference): ScheduleForm => ({ mode: schedule.mode, time: schedule.time, everyHours: String(schedule.everyHours) });

/**
 * The schedule to save, or a message per bad field. Only the field the chosen mode uses is checked;
 * the other keeps the value saved before (`saved`) unless it holds a good one.
 */
export function checkScheduleForm(form: ScheduleForm, saved: SchedulePreference): { ok: true; schedule: SchedulePreference } | { ok: false; errors: Partial<Record<ScheduleField, string>> } {
  const time = form.time.trim();
  const hoursText = form.everyHours.trim();
  const hours = Number(hoursText);
  const timeOk = SCHEDULE_TIME_PATTERN.test(time);
  const hoursOk = /^\d+$/.test(hoursText) && hours >= SCHEDULE_HOURS_LIMITS.min && hours <= SCHEDULE_HOURS_LIMITS.max;
  const errors: Partial<Record<ScheduleField, string>> = {};
  if (form.mode === 'daily' && !timeOk) errors.time = 'Enter a time of day as hours and minutes, such as 07:00.';
  if (form.mode === 'hours' && !hoursOk) errors.everyHours = `Enter a whole number of hours from ${SCHEDULE_HOURS_LIMITS.min} to ${SCHEDULE_HOURS_LIMITS.max}.`;
  if (errors.time || errors.everyHours) return { ok: false, errors };
  return { ok: true, schedule: { mode: form.mode, time: timeOk ? time : saved.time, everyHours: hoursOk ? hours : saved.everyHours } };
}

/** "Every day at 07:00", "Every 6 hours", "Off". */
export function scheduleText(schedule: SchedulePreference): string {
  if (schedule.mode === 'daily') return `Every day at ${schedule.time}`;
  if (schedule.mode === 'hours') return schedule.everyHours === 1 ? 'Every hour' : `Every ${schedule.everyHours} hours`;
  return 'Off';
}

const orgs = (count: number) => `${formatNumber(count)} ${count === 1 ? 'org' : 'orgs'}`;

/** "3 orgs checked: 1 failed, 1 skipped" — the last run's summary. */
export function runSummaryText(run: NonNullable<ScheduleStatus['lastRun']>): string {
  const rest: string[] = [];
  if (run.failed) rest.push(`${formatNumber(run.failed)} failed`);
  if (run.skipped) rest.push(`${formatNumber(run.skipped)} skipped`);
  return `${orgs(run.checked)} checked: ${rest.length ? rest.join(', ') : 'all OK'}`;
}

/** The status under the schedule: the run under way or the next one, and how the last one went. */
export function statusLines(status: ScheduleStatus): { next: string; last: string } {
  let next: string;
  if (status.running) next = 'Checking now…';
  else if (status.schedule.mode === 'off' || !status.nextRunAt) next = 'No check is scheduled.';
  else next = `Next check: ${formatTimestamp(status.nextRunAt)}`;
  const last = status.lastRun ? `Last check ${formatTimestamp(status.lastRun.at)} — ${runSummaryText(status.lastRun)}` : 'No check has run yet.';
  return { next, last };
}

/**
 * The app's one line about scheduled checks, above the org list (where a tray icon would say it):
 * null while no schedule is on and none has run.
 */
export function scheduleLine(status: ScheduleStatus, now: number): string | null {
  if (status.running) return 'Scheduled check running…';
  if (!status.lastRun && status.schedule.mode === 'off') return null;
  const parts: string[] = [];
  if (status.lastRun) parts.push(`Last scheduled check ${timeAgo(status.lastRun.at, now)} — ${runSummaryText(status.lastRun)}`);
  if (status.schedule.mode !== 'off' && status.nextRunAt) parts.push(`next ${formatTimestamp(status.nextRunAt)}`);
  else if (status.schedule.mode === 'off') parts.push('scheduled checks are off');
  return parts.join(' · ');
}

/** Why a scheduled check left an org alone, in the history. */
export const SKIP_TEXT: Record<NonNullable<CheckHistoryEntry['skipped']>, string> = {
  'needs-person': 'Skipped: its last failure needs you (a wrong password or a locked-out user). Test it by hand once it is fixed.',
  guarded: 'Skipped: the lockout guard holds after failed logins in a row. Test it by hand to confirm.',
  busy: 'Skipped: a test of this org was already under way.',
};

/** One row of the *Check history*. `tone` picks the badge; `code` is the failure's, for tests and tooltips. */
export interface HistoryRow {
  at: string;
  how: 'Scheduled' | 'By hand';
  tone: 'ok' | 'failed' | 'skipped';
  label: string;
  detail: string | null;
  code: string | null;
}

export function historyRow(entry: CheckHistoryEntry): HistoryRow {
  const how = entry.scheduled ? 'Scheduled' : 'By hand';
  if (entry.skipped) return { at: entry.at, how, tone: 'skipped', label: 'Skipped', detail: SKIP_TEXT[entry.skipped], code: null };
  if (entry.ok) return { at: entry.at, how, tone: 'ok', label: 'OK', detail: entry.latencyMs !== undefined ? `${formatNumber(entry.latencyMs)} ms` : null, code: null };
  const code = entry.code ?? 'UNKNOWN_FAILURE';
  return { at: entry.at, how, tone: 'failed', label: TEST_FAILURE_CATALOG[code].label, detail: TEST_FAILURE_CATALOG[code].message, code };
}

/** The history newest first, whatever order it was kept in. */
export function historyRows(entries: readonly CheckHistoryEntry[]): HistoryRow[] {
  return [...entries].sort((a, b) => b.at.localeCompare(a.at)).map(historyRow);
}
