/**
 * The browser host's half of the core's events (shared/events.ts): every event is queued here until
 * the page's bridge fetches it. The page asks (a Playwright binding call that waits) instead of
 * being called into, so nothing the host could reach is left on `window` — as in Electron, where
 * only the main process sends events.
 */
import { EVENT_NAMES, type EventName } from '../../shared/events';
import type { CoreEvents } from '../../electron/core/events';

export type EventBatch = Array<[EventName, unknown]>;

export interface EventQueue {
  /** The events since the last call, waiting for the next one if there are none. */
  next(): Promise<EventBatch>;
  /** Stop listening; a call still waiting gets an empty batch. */
  stop(): void;
}

/** Queue every core event; `seen` is told of each one first (the host's record of what the page got). */
export function queueEvents(events: CoreEvents, seen?: (name: EventName, payload: unknown) => void): EventQueue {
  let queued: EventBatch = [];
  let waiting: ((batch: EventBatch) => void) | null = null;
  const take = () => {
    const batch = queued;
    queued = [];
    return batch;
  };
  const stops = EVENT_NAMES.map((name) =>
    events.on(name, (payload) => {
      seen?.(name, payload);
      queued.push([name, payload]);
      const resolve = waiting;
      waiting = null;
      resolve?.(take());
    }),
  );
  return {
    next() {
      // Only a reloaded page asks while an earlier call still waits: that call's page is gone.
      waiting?.([]);
      waiting = null;
      if (queued.length) return Promise.resolve(take());
      return new Promise((resolve) => (waiting = resolve));
    },
    stop() {
      stops.forEach((stop) => stop());
      waiting?.([]);
      waiting = null;
    },
  };
}
