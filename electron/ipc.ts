/**
 * Binds every API method to Electron's IPC, checking who is asking before core sees anything.
 *
 * The only place `ipcMain` is used (lint enforces it). Each call must come from the main frame of an
 * app page (`app://orgkey/`); its input is then validated by the shared handler table.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, channelOf } from '../shared/methods';
import { ERROR_CATALOG } from '../shared/errors';
import type { HandlerTable } from './handlers';
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
