/**
 * The browser host's stand-in for preload: runs in the page before the app's scripts and builds
 * `window.orgkey` with the same `buildApi` preload uses, over a Playwright binding instead of IPC.
 * The binding itself is taken off `window`, as preload leaves no `ipcRenderer` behind.
 */
import { buildApi } from '../../shared/bridge';

type Binding = (name: string, input: unknown) => Promise<unknown>;
const BINDING = '__orgkeyInvoke';

const globalObject = window as unknown as Record<string, unknown>;
const binding = globalObject[BINDING] as Binding | undefined;
if (typeof binding === 'function' && !('orgkey' in globalObject)) {
  delete globalObject[BINDING];
  // Answers cross as JSON text: Playwright serialises one string far faster than a large object
  // graph (2,000 orgs), and the envelopes are plain JSON anyway, as Electron's structured clone keeps them.
  const api = buildApi(async (name, input) => JSON.parse((await binding(name, input)) as string) as never);
  for (const domain of Object.values(api)) Object.freeze(domain);
  Object.defineProperty(window, 'orgkey', { value: Object.freeze(api), enumerable: true });
}
