/**
 * The Electron main process: app lifecycle, the one hardened window, and the Electron adapters for
 * the core's ports (electron-store for settings, the clipboard, the OS browser, the file pickers).
 *
 * Importing this module does nothing; main.ts calls `startApp`. So a unit test runs it against a
 * recording stand-in for Electron's API (tests/unit/electron-app.test.ts).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, net, protocol, session, shell, utilityProcess, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { keychainServiceName, openCore, type ClipboardPort, type Core, type DialogPort, type HostPorts, type Logger } from './core';
import { OrgKeyError } from './core/errors';
import { allowListedOpener } from './core/external-opener';
import { electronNotifier, startBackground, type Background } from './background';
import { createHandlerTable } from './handlers';
import { ClipboardFailure, systemClipboard } from './platform/clipboard/system-clipboard';
import { OWNED, type OwnerRequest } from './platform/clipboard/x11-owner';
import { forwardEvents, registerIpc } from './ipc';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  appPathToFile,
  isAppUrl,
  isPermissionAllowed,
} from './security';
import { electronStoreSettings } from './settings-electron-store';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Ports in place of the app's own (a unit test's in-memory keychain); none in the app. */
  ports?: HostPorts;
}

export interface RunningApp {
  core: Core;
  logger: Logger;
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appPathToFile(request.url, rendererDir, path.join);
    if (!file || new URL(request.url).host !== APP_HOST) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/**
 * Start the X11 clipboard owner as a utility process (a Node process Electron allows with the
 * RunAsNode fuse off), hand it the request as a message, and resolve once it owns the clipboard.
 */
function startX11OwnerProcess(request: OwnerRequest): Promise<void> {
  const child = utilityProcess.fork(path.join(here, 'x11-clipboard-owner.cjs'), [], { stdio: 'ignore', serviceName: 'OrgKey clipboard' });
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the clipboard owner exited (${code})`));
    child.once('exit', onExit);
    child.once('spawn', () => child.postMessage(request));
    child.once('message', (message: unknown) => {
      child.off('exit', onExit);
      if (message === OWNED) return resolve();
      child.kill();
      reject(new Error(String(message).replace(/^failed /, '')));
    });
  });
}

/**
 * The system clipboard, each copy marked as a secret in the same write as its text
 * (platform/clipboard/system-clipboard.ts). Electron's own clipboard API cannot do that: `write`
 * takes only text, HTML, RTF, images and bookmarks, and each `writeBuffer` replaces what was there.
 * It is used only where no marked way exists (a Linux session without X11 or wl-clipboard).
 */
function electronClipboard(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): ClipboardPort {
  const platformClipboard = systemClipboard({ platform, env, startX11Owner: startX11OwnerProcess });
  const unavailable = (error: unknown) =>
    error instanceof ClipboardFailure ? new OrgKeyError('CLIPBOARD_UNAVAILABLE', { message: error.message }, { cause: error }) : error;
  return platformClipboard.method
    ? {
        writeSecret: (text) => platformClipboard.writeSecret(text).catch((error: unknown) => Promise.reject(unavailable(error))),
        readText: () => platformClipboard.readText().catch((error: unknown) => Promise.reject(unavailable(error))),
        clear: () => platformClipboard.clear().catch((error: unknown) => Promise.reject(unavailable(error))),
      }
    : {
        writeSecret: async (text) => clipboard.writeText(text),
        readText: async () => clipboard.readText(),
        clear: async () => clipboard.clear(),
      };
}

/** The OS browser, behind the allow-list: for the core (sign-in, reset page) and for the window's links. */
const browserOpener = allowListedOpener((url) => shell.openExternal(url));

/** One policy for every webContents: no navigation away, no new windows, no webviews. */
function applyContentPolicy(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void browserOpener.open(url).catch(() => logger.warn('[main]', 'refused to open a link outside the allow-list in the browser'));
    return { action: 'deny' };
  });
}

/**
 * While it answers true (a schedule is on and the app is not quitting), closing the window hides it
 * instead: the app runs on with its tray icon, and a notification's click reaches a live page that
 * opens the org at once.
 */
let hidesOnClose: () => boolean = () => false;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title: 'OrgKey',
    show: false,
    backgroundColor: '#f3f3f3',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      // Middle-click must not open links in a new window (Electron security checklist, "auxclick").
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!hidesOnClose()) return;
    event.preventDefault();
    window.hide();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** A second start of the app brings this one's window forward instead (see the lock in startApp). */
function focusMainWindow(): void {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) {
    createMainWindow(); // macOS keeps the app running with no window
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Show the OS open dialog, modal to the app's window; null when the admin cancelled. */
async function pickPath(options: Electron.OpenDialogOptions): Promise<string | null> {
  const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const answer = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return answer.canceled ? null : (answer.filePaths[0] ?? null);
}

/** Show the OS save dialog, modal to the app's window (it asks before replacing a file); null when cancelled. */
async function pickSavePath(options: Electron.SaveDialogOptions): Promise<string | null> {
  const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const answer = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  return answer.canceled ? null : (answer.filePath || null);
}

const electronDialogs: DialogPort = {
  pickFolder: ({ title, defaultPath }) =>
    pickPath({ title: title ?? 'Choose a folder', properties: ['openDirectory', 'createDirectory', 'promptToCreate'], ...(defaultPath ? { defaultPath } : {}) }),
  pickFile: ({ title, defaultPath }) =>
    pickPath({ title: title ?? 'Choose a file', properties: ['openFile', 'showHiddenFiles'], ...(defaultPath ? { defaultPath } : {}) }),
  // Linux's GTK dialog asks before replacing a file only when told to; macOS and Windows always ask.
  pickSaveFile: ({ title, defaultPath }) =>
    pickSavePath({ title: title ?? 'Save as', properties: ['createDirectory', 'showOverwriteConfirmation'], ...(defaultPath ? { defaultPath } : {}) }),
};

/**
 * Start the app. Resolves null when another instance already runs on the same data folder (this
 * one quits and that one comes forward), else once the window is created.
 */
export async function startApp(options: StartOptions): Promise<RunningApp | null> {
  const { env, platform } = options;
  if (env.ORGKEY_DATA_DIR) app.setPath('userData', path.resolve(env.ORGKEY_DATA_DIR));
  // Electron holds the lock on the userData folder, hence after setPath. Two instances on one
  // settings file would each keep their own clipboard guard and sign-in listeners, and race.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  // electron-store is conf with Electron's userData folder: the CLI opens the same settings.json.
  const { core, logger } = openCore(
    {
      host: 'electron',
      version: app.getVersion(),
      dataDir: app.getPath('userData'),
      keychainService: keychainServiceName(env),
      settings: electronStoreSettings(ElectronStore),
      logSource: 'app',
      ...(app.isPackaged ? {} : { echo: (line: string) => console.log(line) }),
    },
    { clipboard: electronClipboard(platform, env), opener: browserOpener, dialogs: electronDialogs, notifier: electronNotifier(focusMainWindow), ...options.ports },
  );

  // Before `ready`: a standard, secure scheme gets a real origin, so CSP 'self' and the IPC sender
  // check both mean "the app's own files". corsEnabled: Vite's module scripts load in CORS mode.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
  app.on('web-contents-created', (_event, contents) => applyContentPolicy(contents, logger));
  // While a schedule is on, the app stays (its tray icon and timer) with its window closed, on every OS.
  let background: Background | null = null;
  let quitting = false;
  hidesOnClose = () => !quitting && !!background?.keepsRunning();
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('second-instance', focusMainWindow);

  try {
    await app.whenReady();
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
    serveRenderer();
    registerIpc(createHandlerTable(core, logger), logger);
    forwardEvents(core.events, () => BrowserWindow.getAllWindows().map((window) => window.webContents));
    createMainWindow();
    background = startBackground(core, { showWindow: focusMainWindow, quit: () => app.quit(), logger });
    app.on('will-quit', () => background?.stop());
  } catch (error) {
    logger.error('[main]', `start failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }

  // On quit, take back a secret that is still on the clipboard.
  let clearedOnQuit = false;
  app.on('before-quit', (event) => {
    if (clearedOnQuit || !core.clipboard.status()) return;
    event.preventDefault();
    clearedOnQuit = true;
    void core.clipboard.clearNow().finally(() => app.quit());
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  return { core, logger };
}
