/**
 * Exposes exactly the API methods on `window.orgkey`, nothing else: no `ipcRenderer`, no generic
 * invoke, no Node (STYLE.md practice 3). Runs sandboxed, so it is bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/bridge';
import { channelOf } from '../shared/methods';

contextBridge.exposeInMainWorld(
  'orgkey',
  buildApi((name, input) => ipcRenderer.invoke(channelOf(name), input)),
);
