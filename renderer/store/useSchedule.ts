/** The window's schedule store (schedule.ts) and the hook views read it through. */
import { useSyncExternalStore } from 'react';
import { call, onEvent } from '../lib/api';
import { createScheduleStore, type ScheduleState } from './schedule';

export const scheduleStore = createScheduleStore({ call, onScheduleFinished: (listener) => onEvent('onScheduleFinished', listener) });

export const useSchedule = (): ScheduleState => useSyncExternalStore(scheduleStore.subscribe, scheduleStore.getState);
