/**
 * The browser host's stand-in for preload: runs in the page before the app's scripts and builds
 * `window.orgkey` with the same `buildApi` preload uses, over Playwright bindings instead of IPC.
 * The bindings themselves are taken off `window`, as preload leaves no `ipcRenderer` behind.
 */
import { buildApi, type Subscribe } from '../../shared/bridge';

type Binding = (name: string, input: unknown) => Promise<unknown>;
/** Waits for the next core events, as a JSON array of [name, payload]; `null`: none will come to this frame. */
type Pull = () => Promise<string>;
const BINDING = '__orgkeyInvoke';
const EVENTS = '__orgkeyEvents';

const globalObject = window as unknown as Record<string, unknown>;
const binding = globalObject[BINDING] as Binding | undefined;
const pull = globalObject[EVENTS] as Pull | undefined;
if (typeof binding === 'function' && typeof pull === 'function' && !('orgkey' in globalObject)) {
  delete globalObject[BINDING];
  delete globalObject[EVENTS];

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const subscribe: Subscribe = (name, listener) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(listener);
    return () => void set.delete(listener);
  };
  const deliver = async () => {
    for (;;) {
      const batch = JSON.parse(await pull()) as Array<[string, unknown]> | null;
      if (!batch) return;
      for (const [name, payload] of batch) {
        for (const listener of [...(listeners.get(name) ?? [])]) {
          try {
            listener(payload);
          } catch (error) {
            // As with an IPC listener: reported, and the next events still arrive.
            queueMicrotask(() => {
              throw error;
            });
          }
        }
      }
    }
  };
  // Rejected only when the page goes away.
  deliver().catch(() => undefined);

  // Answers cross as JSON text: Playwright serialises one string far faster than a large object
  // graph (2,000 orgs), and the envelopes are plain JSON anyway, as Electron's structured clone keeps them.
  const api = buildApi(async (name, input) => JSON.parse((await binding(name, input)) as string) as never, subscribe);
  for (const domain of Object.values(api)) Object.freeze(domain);
  Object.defineProperty(window, 'orgkey', { value: Object.freeze(api), enumerable: true });
}
