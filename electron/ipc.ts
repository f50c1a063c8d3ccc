/**
 * Binds every API method to Electron's IPC, checking who is asking before core sees anything, and
 * sends the core's events to the app's own page.
 *
 * The only place `ipcMain` is used (lint enforces it). Each call must come from the main frame of an
 * app page (`app://orgkey/`); its input is then validated by the shared handler table. Events go
 * only to windows whose top frame shows an app page, on their own channels (shared/events.ts).
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_NAMES, eventChannelOf } from '../shared/events';
import { METHOD_NAMES, channelOf } from '../shared/methods';
import { ERROR_CATALOG } from '../shared/errors';
import type { HandlerTable } from './handlers';
import type { CoreEvents } from './core/events';
import type { Logger } from './core/ports';
import { isAppUrl } from './security';

/** A sender is trusted when it is the top frame of a window showing the app's own page. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

export function registerIpc(handlers: HandlerTable, logger: Logger): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(channelOf(name), async (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        logger.warn('[ipc]', `refused ${name} from an untrusted sender`);
        return { ok: false, error: { code: 'UNTRUSTED_SENDER', ...ERROR_CATALOG.UNTRUSTED_SENDER } };
      }
      return handlers[name](input);
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}

/**
 * Send every core event to the app's own pages among `windows()`; returns the function that stops.
 * A window showing anything else (it never should: navigation is refused) gets nothing.
 */
export function forwardEvents(events: CoreEvents, windows: () => readonly WebContents[]): () => void {
  const stops = EVENT_NAMES.map((name) =>
    events.on(name, (payload) => {
      for (const contents of windows()) {
        if (!contents.isDestroyed() && isAppUrl(contents.mainFrame.url)) contents.send(eventChannelOf(name), payload);
      }
    }),
  );
  return () => stops.forEach((stop) => stop());
}
