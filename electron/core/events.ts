/**
 * The core's events (shared/events.ts), for hosts to pass on: the app's IPC sends them to its window,
 * the browser host to its page. A listener that throws is logged and does not stop the others, nor
 * the work that emitted the event.
 */
import type { EventName, EventPayloads } from '../../shared/events';
import { silentLogger, type Logger } from './ports';

export interface CoreEvents {
  /** Call `listener` with every `name` event from now on; returns the function that stops it. */
  on<N extends EventName>(name: N, listener: (payload: EventPayloads[N]) => void): () => void;
}

export interface EventHub extends CoreEvents {
  emit<N extends EventName>(name: N, payload: EventPayloads[N]): void;
}

export function createEventHub(logger: Logger = silentLogger): EventHub {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(name, payload) {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          (listener as (payload: EventPayloads[typeof name]) => void)(payload);
        } catch (error) {
          logger.error('[events]', `a ${name} listener failed: ${error instanceof Error ? error.name : typeof error}`);
        }
      }
    },
  };
}
