/**
 * A recording stand-in for the parts of Electron's main-process API that OrgKey and electron-store
 * use, so the app's glue (electron/app.ts) and electron-store itself run under Node, where Electron's
 * binary cannot be downloaded. A test file swaps it in for the real module:
 *
 *     vi.mock('electron', () => import('../support/electron'));
 *
 * (electron-store is processed by vitest — `server.deps.inline` in vitest.config.ts — so its own
 * `import electron from 'electron'` gets the stand-in too.) Everything the app registers is kept in
 * `electron.state` for the test to read and drive; `resetElectron()` starts a fresh app.
 *
 * It answers as Electron documents: `ipcMain.handle` refuses a second handler for a channel,
 * `getPath('userData')` reflects `setPath`, a new BrowserWindow fires `web-contents-created`.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any -- Electron's listeners take any arguments

/** An Electron event: records whether a handler called preventDefault(). */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  const event = {
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  /** Call every listener of `event` as Electron would; the test's way to fire an event. */
  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A frame as the IPC sender check sees it. */
export interface FakeFrame {
  url: string;
}

export class FakeWebContents extends Emitter {
  readonly mainFrame: FakeFrame = { url: '' };
  /** What the main process sent the page (`webContents.send`): the core's events. */
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  isDestroyed(): boolean {
    return false;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Fire `event` (will-navigate, will-redirect, …) for `url`; true when a handler prevented it. */
  attempt(event: string, url = ''): boolean {
    const e = fakeEvent();
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  focused = false;
  loadedUrl: string | undefined;
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    state.windows.push(this);
    state.calls.push('new BrowserWindow');
    appEvents.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return [...state.windows];
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return state.windows.find((w) => w.focused) ?? null;
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  /**
   * The window's close button: `close` fires, and unless a listener prevented it the window goes
   * (and with the last one, `window-all-closed`). True when it was prevented.
   */
  close(): boolean {
    const e = fakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return true;
    state.windows = state.windows.filter((w) => w !== this);
    this.emit('closed');
    if (state.windows.length === 0) appEvents.emit('window-all-closed', fakeEvent());
    return false;
  }
  restore(): void {
    this.minimized = false;
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string) => boolean;

interface State {
  /** Every call that matters for order (setPath, the lock, schemes, ready, windows), in order. */
  calls: string[];
  paths: Record<string, string>;
  isPackaged: boolean;
  version: string;
  /** What requestSingleInstanceLock answers: false = another instance holds the lock. */
  lockGranted: boolean;
  quits: number;
  exits: number[];
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  windows: FakeBrowserWindow[];
  openedExternally: string[];
  clipboard: string;
  ipcHandlers: Map<string, IpcHandler>;
  ipcListeners: Map<string, IpcHandler[]>;
  dialogs: unknown[];
  /** Tray icons made (a destroyed one stays, marked), and every notification shown, in order. */
  trays: FakeTray[];
  notifications: FakeNotification[];
  notificationsSupported: boolean;
}

function freshState(options: ResetOptions): State {
  return {
    calls: [],
    paths: { userData: options.userData, temp: options.userData },
    isPackaged: options.isPackaged ?? true,
    version: '0.0.0-fake-electron',
    lockGranted: options.lockGranted ?? true,
    quits: 0,
    exits: [],
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    permissionRequestHandler: undefined,
    permissionCheckHandler: undefined,
    windows: [],
    openedExternally: [],
    clipboard: '',
    ipcHandlers: new Map(),
    ipcListeners: new Map(),
    dialogs: [],
    trays: [],
    notifications: [],
    notificationsSupported: true,
  };
}

let state: State = freshState({ userData: '/nonexistent/orgkey-fake-electron' });
let appEvents = new Emitter();

export interface ResetOptions {
  /** What `app.getPath('userData')` answers until the app sets it. */
  userData: string;
  isPackaged?: boolean;
  lockGranted?: boolean;
}

/** Start a fresh app: no listeners, windows, handlers or recorded calls. */
export function resetElectron(options: ResetOptions): State {
  state = freshState(options);
  appEvents = new Emitter();
  return state;
}

export const electron = {
  get state(): State {
    return state;
  },
};

export const app = {
  get isPackaged(): boolean {
    return state.isPackaged;
  },
  getVersion: () => state.version,
  getPath(name: string): string {
    const value = state.paths[name];
    if (!value) throw new Error(`[fake electron] no path for ${name}`);
    return value;
  },
  setPath(name: string, value: string): void {
    state.calls.push(`app.setPath(${name})`);
    state.paths[name] = value;
  },
  requestSingleInstanceLock(): boolean {
    state.calls.push('app.requestSingleInstanceLock');
    return state.lockGranted;
  },
  async whenReady(): Promise<void> {
    state.calls.push('app.whenReady');
  },
  on(event: string, listener: Listener) {
    appEvents.on(event, listener);
    return app;
  },
  once(event: string, listener: Listener) {
    appEvents.once(event, listener);
    return app;
  },
  /** Fire an app event as Electron would (before-quit, second-instance, activate, …); returns the event. */
  emit(event: string, ...args: unknown[]): FakeEvent {
    const e = fakeEvent();
    appEvents.emit(event, e, ...args);
    return e;
  },
  listenerCount: (event: string) => appEvents.listenerCount(event),
  quit(): void {
    state.quits += 1;
  },
  exit(code = 0): void {
    state.exits.push(code);
  },
};

export const BrowserWindow = FakeBrowserWindow;

/** A menu item as the app builds it; `click` is the test's way to choose it. */
export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export const Menu = {
  buildFromTemplate: (template: FakeMenuItem[]) => ({ items: template }),
};

export const nativeImage = {
  createFromBuffer: (buffer: Buffer, options?: { scaleFactor?: number }) => ({ size: buffer.length, scaleFactor: options?.scaleFactor ?? 1 }),
};

export class FakeTray extends Emitter {
  toolTip = '';
  menu: { items: FakeMenuItem[] } | null = null;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    state.trays.push(this);
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The menu item labelled `label` (the test clicks it). */
  item(label: string): FakeMenuItem {
    const found = this.menu?.items.find((item) => item.label === label);
    if (!found) throw new Error(`[fake electron] the tray menu has no “${label}”`);
    return found;
  }
}

export const Tray = FakeTray;

export class FakeNotification extends Emitter {
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  static isSupported(): boolean {
    return state.notificationsSupported;
  }
  show(): void {
    this.shown = true;
    state.notifications.push(this);
  }
}

export const Notification = FakeNotification;

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    state.calls.push('protocol.registerSchemesAsPrivileged');
    state.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    state.protocolHandlers.set(scheme, handler);
  },
};

/** `net.fetch` for the `file:` URLs the app's protocol handler asks for. */
export const net = {
  async fetch(url: string): Promise<Response> {
    const file = fileURLToPath(url);
    return new Response(fs.readFileSync(file), { status: 200, headers: { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'application/octet-stream' } });
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      state.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      state.permissionCheckHandler = handler;
    },
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    state.openedExternally.push(url);
  },
  async openPath(): Promise<string> {
    return '';
  },
};

export const clipboard = {
  writeText(text: string): void {
    state.clipboard = text;
  },
  readText: (): string => state.clipboard,
  clear(): void {
    state.clipboard = '';
  },
};

export const dialog = {
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    state.dialogs.push(args);
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    state.dialogs.push(args);
    return { canceled: true, filePath: '' };
  },
};

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    // As Electron: "Attempted to register a second handler for '<channel>'".
    if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    state.ipcHandlers.delete(channel);
  },
  on(channel: string, listener: IpcHandler) {
    state.ipcListeners.set(channel, [...(state.ipcListeners.get(channel) ?? []), listener]);
    return ipcMain;
  },
};

/** Call the handler registered for `channel` as a renderer frame at `url` would (`sub`: an iframe of that page). */
export async function invoke(channel: string, input: unknown, from: { url: string; frame?: 'main' | 'sub' }): Promise<unknown> {
  const handler = state.ipcHandlers.get(channel);
  if (!handler) throw new Error(`[fake electron] no handler for ${channel}`);
  const mainFrame: FakeFrame = { url: from.url };
  const senderFrame: FakeFrame = from.frame === 'sub' ? { url: from.url } : mainFrame;
  return handler({ sender: { mainFrame }, senderFrame }, input);
}

export const utilityProcess = {
  fork(): never {
    throw new Error('[fake electron] utilityProcess.fork: the X11 clipboard owner does not run under the stand-in');
  },
};

export default { app, BrowserWindow, protocol, net, session, shell, clipboard, dialog, ipcMain, utilityProcess, Menu, nativeImage, Tray, Notification };
