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
  const api = buildApi((name, input) => binding(name, input));
  for (const domain of Object.values(api)) Object.freeze(domain);
  Object.defineProperty(window, 'orgkey', { value: Object.freeze(api), enumerable: true });
}
