/**
 * Build the nested `window.orgkey` object from the method and event lists.
 *
 * Preload and the browser host both use this, so the page sees the same API on either host:
 * small named functions grouped by domain (`window.orgkey.orgs.add(draft)`), never a generic invoke,
 * and one named subscribe function per event (`window.orgkey.events.onTestAllProgress(listener)`),
 * never a generic channel listener.
 */
import type { OrgKeyApi } from './api';
import { EVENT_NAMES, subscriberOf, type EventName } from './events';
import { METHOD_NAMES, type MethodName } from './methods';

export type Invoke = (name: MethodName, input: unknown) => Promise<unknown>;
/** Start delivering one event's payloads to `listener`; returns the function that stops it. */
export type Subscribe = (name: EventName, listener: (payload: unknown) => void) => () => void;

export function buildApi(invoke: Invoke, subscribe: Subscribe): OrgKeyApi {
  const api: Record<string, Record<string, (input?: unknown) => unknown>> = {};
  for (const name of METHOD_NAMES) {
    const [domain, action] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][action] = (input?: unknown) => invoke(name, input);
  }
  const events: Record<string, (listener: unknown) => () => void> = {};
  for (const name of EVENT_NAMES) {
    events[subscriberOf(name)] = (listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${subscriberOf(name)} takes a function.`);
      // Only the payload reaches the page: never the IPC event, which would carry the sender.
      return subscribe(name, (payload) => void (listener as (payload: unknown) => void)(payload));
    };
  }
  api.events = events;
  return api as unknown as OrgKeyApi;
}
