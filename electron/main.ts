/**
 * The Electron main process: app lifecycle, the one hardened window, and the Electron adapters
 * for the core's ports (electron-store for settings, keytar for secrets).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, net, protocol, session, shell, utilityProcess, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { createCore } from './core';
import { OrgKeyError } from './core/errors';
import { allowListedOpener } from './core/external-opener';
import { systemClock, type ClipboardPort, type DialogPort, type Logger } from './core/ports';
import { createFileLogger } from './core/logging/file-logger';
import { createRedactor } from './core/logging/redactor';
import { keytarSecretStore } from './core/secrets/keytar-store';
import { keychainServiceName } from './core/secrets/accounts';
import { setAsideDamagedSettings } from './core/settings/recovery';
import { SETTINGS_FILE_NAME, settingsStoreOn } from './core/settings/store';
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

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');

if (process.env.ORGKEY_DATA_DIR) app.setPath('userData', path.resolve(process.env.ORGKEY_DATA_DIR));

// One redactor for the whole process: the core feeds it every secret it touches, the log hides them.
const redactor = createRedactor();
const logger: Logger = createFileLogger({
  dir: app.getPath('userData'),
  redactor,
  clock: systemClock,
  source: 'app',
  ...(app.isPackaged ? {} : { echo: (line: string) => console.log(line) }),
});

// Must run before `ready`: a standard, secure scheme gets a real origin, so CSP 'self' and the
// IPC sender check both mean "the app's own files". corsEnabled: Vite's module scripts load in CORS mode.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

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
const platformClipboard = systemClipboard({ platform: process.platform, env: process.env, startX11Owner: startX11OwnerProcess });
const unavailable = (error: unknown) =>
  error instanceof ClipboardFailure ? new OrgKeyError('CLIPBOARD_UNAVAILABLE', { message: error.message }, { cause: error }) : error;
const electronClipboard: ClipboardPort = platformClipboard.method
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

/** The OS browser, behind the allow-list: for the core (sign-in, reset page) and for the window's links. */
const browserOpener = allowListedOpener((url) => shell.openExternal(url));

/** One policy for every webContents: no navigation away, no new windows, no webviews. */
function applyContentPolicy(contents: WebContents): void {
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
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Show the OS open dialog, modal to the app's window; null when the admin cancelled. */
async function pickPath(options: Electron.OpenDialogOptions): Promise<string | null> {
  const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const answer = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return answer.canceled ? null : (answer.filePaths[0] ?? null);
}

const electronDialogs: DialogPort = {
  pickFolder: ({ title, defaultPath }) =>
    pickPath({ title: title ?? 'Choose a folder', properties: ['openDirectory', 'createDirectory', 'promptToCreate'], ...(defaultPath ? { defaultPath } : {}) }),
  pickFile: ({ title, defaultPath }) =>
    pickPath({ title: title ?? 'Choose a file', properties: ['openFile', 'showHiddenFiles'], ...(defaultPath ? { defaultPath } : {}) }),
};

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  serveRenderer();

  // electron-store is conf with Electron's userData folder: the CLI opens the same settings.json.
  // A damaged settings.json is moved aside (never deleted) before electron-store would refuse it.
  const recovery = setAsideDamagedSettings(path.join(app.getPath('userData'), `${SETTINGS_FILE_NAME}.json`), systemClock);
  if (recovery) logger.warn('[settings]', `damaged settings file set aside as ${recovery.movedTo}: ${recovery.reason}`);
  const store = new ElectronStore<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, configFileMode: 0o600 });
  const core = createCore(
    {
      settings: settingsStoreOn(store, recovery),
      secrets: keytarSecretStore(keychainServiceName()),
      clock: systemClock,
      logger,
      redactor,
      clipboard: electronClipboard,
      opener: browserOpener,
      dialogs: electronDialogs,
    },
    { host: 'electron', version: app.getVersion() },
  );
  registerIpc(createHandlerTable(core, logger), logger);
  forwardEvents(core.events, () => BrowserWindow.getAllWindows().map((window) => window.webContents));
  createMainWindow();

  // On quit, take back a secret that is still on the clipboard (issue 5: "and on quit").
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
}

app.on('web-contents-created', (_event, contents) => applyContentPolicy(contents));
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

start().catch((error: unknown) => {
  logger.error('[main]', `start failed: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
