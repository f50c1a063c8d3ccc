/**
 * When a scheduled run is due, by the core's clock: the host's timer asks often (`runDue`), and a
 * run happens only once its time has come. Pure, so the rule is tested without waiting.
 */
import { SCHEDULE_HOURS_LIMITS, SCHEDULE_TIME_PATTERN, type SchedulePreference } from '../../../shared/notifications';
import { fieldError } from '../errors';

const HOUR_MS = 3_600_000;

/**
 * The next run after `anchor` (the last run, or when the schedule was set if later): `anchor` +
 * N hours, or the first HH:MM of this computer's local time after `anchor`. Null when off. A time
 * at or before now means due: a run missed while the computer slept or the app was closed happens
 * at the next tick, once.
 */
export function nextRunAt(schedule: SchedulePreference, anchor: Date): Date | null {
  if (schedule.mode === 'off') return null;
  if (schedule.mode === 'hours') return new Date(anchor.getTime() + schedule.everyHours * HOUR_MS);
  const [hours, minutes] = schedule.time.split(':').map(Number) as [number, number];
  const next = new Date(anchor);
  next.setHours(hours, minutes, 0, 0);
  if (next.getTime() <= anchor.getTime()) {
    // The next local day at the same wall-clock time (setDate keeps it across a DST change).
    next.setDate(next.getDate() + 1);
    next.setHours(hours, minutes, 0, 0);
  }
  return next;
}

export function isDue(schedule: SchedulePreference, anchor: Date, now: Date): boolean {
  const next = nextRunAt(schedule, anchor);
  return next !== null && next.getTime() <= now.getTime();
}

/** The schedule as given, or a field error on `time` / `everyHours` (whichever mode is chosen, both are kept). */
export function checkSchedule(schedule: SchedulePreference): SchedulePreference {
  if (!SCHEDULE_TIME_PATTERN.test(schedule.time)) throw fieldError('time', 'Enter the time as HH:MM, from 00:00 to 23:59.');
  const { min, max } = SCHEDULE_HOURS_LIMITS;
  if (!Number.isInteger(schedule.everyHours) || schedule.everyHours < min || schedule.everyHours > max) {
    throw fieldError('everyHours', `Check every ${min} to ${max} hours (a whole number).`);
  }
  return { mode: schedule.mode, time: schedule.time, everyHours: schedule.everyHours };
}
