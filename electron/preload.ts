/**
 * Exposes exactly the API methods and event subscriptions on `window.orgkey`, nothing else: no
 * `ipcRenderer`, no generic invoke or channel listener, no Node — a script in the page could use a
 * generic one to reach any channel. Runs sandboxed, so it is bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../shared/bridge';
import { eventChannelOf } from '../shared/events';
import { channelOf } from '../shared/methods';

contextBridge.exposeInMainWorld(
  'orgkey',
  buildApi(
    (name, input) => ipcRenderer.invoke(channelOf(name), input),
    (name, listener) => {
      const channel = eventChannelOf(name);
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => void ipcRenderer.removeListener(channel, forward);
    },
  ),
);
