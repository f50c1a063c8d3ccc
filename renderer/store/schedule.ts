/**
 * The window's one copy of the scheduled checks' status: the schedule, the next run, the last
 * run's summary and whether one is running. Settings and the line above the org list read it.
 *
 * Fed only by the core: the answers to `schedule.get|set|runNow` and the `schedule.finished` event.
 * An answer asked for before a newer status arrived (an event, another answer) is dropped, so a
 * slow `schedule.get` never brings back a run that has already ended.
 */
import type { OrgKeyApi } from '../../shared/api';
import type { ScheduleStatus } from '../../shared/domain';
import type { SchedulePreference } from '../../shared/notifications';
import type { AppError, Result } from '../../shared/result';
import type { Caller } from './orgs';

export interface ScheduleState {
  status: ScheduleStatus | null;
  /** Why the status could not be read. */
  error: AppError | null;
}

export interface ScheduleStoreDeps {
  call: Caller;
  /** `window.orgkey.events.onScheduleFinished`. */
  onScheduleFinished: (listener: (status: ScheduleStatus) => void) => () => void;
}

export interface ScheduleStore {
  getState(): ScheduleState;
  subscribe(listener: () => void): () => void;
  /** Start taking `schedule.finished`; returns the function that stops. */
  connect(): () => void;
  /** Ask for the status (on opening Settings, at start). */
  load(): Promise<void>;
  save(schedule: SchedulePreference): Promise<Result<ScheduleStatus>>;
  /** *Check now*: a scheduled run at once; it ends with `schedule.finished`. */
  runNow(): Promise<Result<ScheduleStatus>>;
  /** Called with the status after each run has ended (scheduled or *Check now*). */
  onFinished(listener: (status: ScheduleStatus) => void): () => void;
}

export function createScheduleStore({ call, onScheduleFinished }: ScheduleStoreDeps): ScheduleStore {
  let state: ScheduleState = { status: null, error: null };
  const listeners = new Set<() => void>();
  const finishedListeners = new Set<(status: ScheduleStatus) => void>();
  // Each status taken is numbered; an answer keeps out of the way of any taken after it was asked for.
  let taken = 0;

  function set(next: ScheduleState) {
    state = next;
    for (const listener of [...listeners]) listener();
  }
  const take = (status: ScheduleStatus) => {
    taken += 1;
    set({ status, error: null });
  };

  async function ask(run: (api: OrgKeyApi) => Promise<Result<ScheduleStatus>>): Promise<Result<ScheduleStatus>> {
    const since = taken;
    const result = await call(run);
    if (taken !== since) return result;
    if (result.ok) take(result.value);
    return result;
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    connect: () =>
      onScheduleFinished((status) => {
        take(status);
        for (const listener of [...finishedListeners]) listener(status);
      }),
    async load() {
      const result = await ask((api) => api.schedule.get());
      if (!result.ok && !state.status) set({ status: null, error: result.error });
    },
    save: (schedule) => ask((api) => api.schedule.set({ schedule })),
    runNow: () => ask((api) => api.schedule.runNow()),
    onFinished(listener) {
      finishedListeners.add(listener);
      return () => void finishedListeners.delete(listener);
    },
  };
}
