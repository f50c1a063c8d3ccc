/**
 * The browser host: the built renderer in Debian's Chromium, with `window.orgkey` bound through
 * Playwright to the same handler table as Electron's IPC, over a real core (real keychain, real
 * settings file, real jsforce). Where Electron's binary cannot be downloaded, this is how the whole
 * app is tested and looked at (docs/ARCHITECTURE.md, "Processes").
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright';
import { METHOD_NAMES, type MethodName } from '../../shared/methods';
import { ERROR_CATALOG } from '../../shared/errors';
import { openCore, startScheduleTimer, type Core } from '../../electron/core';
import { allowListedOpener } from '../../electron/core/external-opener';
import type { Clock, DialogPort, Logger } from '../../electron/core/ports';
import { createHandlerTable } from '../../electron/handlers';
import { CONTENT_SECURITY_POLICY, isAppUrl } from '../../electron/security';
import type { EventName } from '../../shared/events';
import type { DesktopNotification } from '../../shared/notifications';
import { queueEvents } from './event-queue';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = path.join(root, 'dist', 'renderer');

/** The page's origin. Requests to it are answered from `dist/renderer`; nothing reaches a network. */
export const BROWSER_HOST_ORIGIN = 'https://orgkey.browser-host.test';

export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export interface BrowserHostOptions {
  /** The user-data folder: `settings.json` lives here. */
  dataDir: string;
  /** Keychain service name, so tests never touch a real user's entries. */
  keychainService: string;
  headless?: boolean;
  clock?: Clock;
  logger?: Logger;
  /** The user's home folder as core sees it (`~`, Data Loader's default key); tests point it at a temp folder. */
  homeDir?: string;
  /** Run the scheduler's timer as the app does (`npm run app:browser`); tests fire `tick()` instead. */
  scheduleTimer?: boolean;
}

/**
 * The core's clock for e2e tests: the real time plus an offset the test moves, so scheduled runs,
 * expiries and retirements come due without waiting. Keep one per test across `restart()`.
 */
export interface TestClock {
  now(): Date;
  /** From now on the clock reads `at` (and runs on from there). */
  set(at: Date): void;
  advance(ms: number): void;
}

export function testClock(start?: Date): TestClock {
  let offset = start ? start.getTime() - Date.now() : 0;
  return {
    now: () => new Date(Date.now() + offset),
    set: (at) => void (offset = at.getTime() - Date.now()),
    advance: (ms) => void (offset += ms),
  };
}

/** A desktop notification the app asked for: recorded instead of shown, and clickable by the test. */
export interface RecordedNotification extends DesktopNotification {
  /** As if the admin clicked it: the core's `notification.clicked` reaches the page. */
  click(): void;
}

/** One call the app made to a file picker. */
export interface DialogCall {
  kind: 'folder' | 'file' | 'save';
  options: { title?: string; defaultPath?: string };
}

/**
 * The browser host's stand-in for the OS file pickers: answers are scripted by the test, in order.
 *
 * With nothing queued a picker answers null, as if the admin pressed Cancel.
 */
export interface ScriptedDialogs extends DialogPort {
  /** Queue the path (or null = cancelled) the next picker returns. */
  answerNext(path: string | null): void;
  /** Every picker the app opened, oldest first. */
  readonly calls: DialogCall[];
}

export function scriptedDialogs(): ScriptedDialogs {
  const answers: Array<string | null> = [];
  const calls: DialogCall[] = [];
  const answer = async (kind: DialogCall['kind'], options: DialogCall['options']) => {
    calls.push({ kind, options: { ...options } });
    return answers.shift() ?? null;
  };
  return {
    answerNext: (path) => void answers.push(path),
    calls,
    pickFolder: (options) => answer('folder', options),
    pickFile: (options) => answer('file', options),
    pickSaveFile: (options) => answer('save', options),
  };
}

export interface BrowserHost {
  page: Page;
  /** URLs the app asked the OS browser to open (the browser host records them instead). */
  openedUrls: string[];
  /** The scripted file pickers: queue answers with `answerNext`, read `calls`. */
  dialogs: ScriptedDialogs;
  /** Every answer delivered to the page through the API, in order (for leak scans). */
  ipcPayloads: Array<{ method: string; payload: unknown }>;
  /** Every event sent to the page, in order (for leak scans). */
  eventPayloads: Array<{ name: EventName; payload: unknown }>;
  /** Every desktop notification the app showed, oldest first. */
  notifications: RecordedNotification[];
  /** The scheduler's timer fired once: what the app's timer calls every minute (`runDue`); resolves when a run it started ends. */
  tick(): ReturnType<Core['schedule']['runDue']>;
  context: BrowserContext;
  browser: Browser;
  core: Core;
  /**
   * A page in a context of its own, standing in for the system browser the app opens URLs in (the
   * app's context refuses every other origin, as the Electron window does). Tests open the URLs
   * from `openedUrls` here: the org's login page, then the loopback callback.
   */
  openSystemBrowserPage(): Promise<Page>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

let bridgeScript: string | undefined;
function bridge(): string {
  bridgeScript ??= buildSync({
    entryPoints: [path.join(root, 'e2e', 'hosts', 'browser-bridge.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  }).outputFiles[0]!.text;
  return bridgeScript;
}

export async function launchBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build:renderer` first.');
  }
  // The page's own clipboard stands in for the system one, so tests read what the app copied.
  const opened: { page?: Page } = {};
  const inPage = <T>(fn: (text: string) => Promise<T>, text = '') => {
    if (!opened.page) throw new Error('[browser-host] the page is not open yet');
    return opened.page.evaluate(fn, text);
  };
  const openedUrls: string[] = [];
  const dialogs = scriptedDialogs();
  const notifications: RecordedNotification[] = [];
  // Opened as the app opens it (settings, keychain, log file in the data folder unless a logger is given).
  const { core, logger } = openCore(
    {
      host: 'browser',
      version: '0.0.0-browser-host',
      dataDir: options.dataDir,
      keychainService: options.keychainService,
      logSource: 'browser-host',
    },
    {
      clipboard: {
        writeSecret: (text) => inPage((t) => navigator.clipboard.writeText(t), text),
        readText: () => inPage(() => navigator.clipboard.readText()),
        clear: () => inPage(() => navigator.clipboard.writeText('')),
      },
      // The app's allow-list in front, as in the app and the CLI: what is refused is never recorded as opened.
      opener: allowListedOpener(async (url) => {
        openedUrls.push(url);
      }),
      dialogs,
      notifier: { show: (notification, onClick) => void notifications.push({ ...notification, click: onClick }) },
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.homeDir ? { homeDir: options.homeDir } : {}),
    },
  );
  const handlers = createHandlerTable(core, logger);
  const ipcPayloads: BrowserHost['ipcPayloads'] = [];
  const stopTimer = options.scheduleTimer ? startScheduleTimer(core.schedule, { logger }) : () => {};

  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    // Chromium refuses to run as root with its own sandbox; the page is our own build.
    args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BROWSER_HOST_ORIGIN });

  await context.route(`${BROWSER_HOST_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(RENDERER_DIR, relative);
    if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      return route.fulfill({ status: 404, body: 'Not found' });
    }
    return route.fulfill({
      status: 200,
      body: fs.readFileSync(file),
      headers: {
        'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      },
    });
  });
  // Anything else (a stray remote URL) is refused, as the Electron window refuses navigation.
  await context.route((url) => !url.href.startsWith(BROWSER_HOST_ORIGIN), (route) => route.abort('blockedbyclient'));

  const page = await context.newPage();
  opened.page = page;
  // The same rule as ipc.ts: only the top frame of the app's own page may call the API or get events.
  const trusted = (frame: Frame) => frame === page.mainFrame() && isAppUrl(frame.url(), BROWSER_HOST_ORIGIN);
  await page.exposeBinding('__orgkeyInvoke', async (source, name: unknown, input: unknown) => {
    if (!trusted(source.frame)) {
      return JSON.stringify({ ok: false, error: { code: 'UNTRUSTED_SENDER', ...ERROR_CATALOG.UNTRUSTED_SENDER } });
    }
    if (typeof name !== 'string' || !(METHOD_NAMES as readonly string[]).includes(name)) {
      return JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown API method.' } });
    }
    const payload = await handlers[name as MethodName](input);
    ipcPayloads.push({ method: name, payload });
    return JSON.stringify(payload);
  });
  // The core's events, fetched by the page's bridge (event-queue.ts); `null` tells another frame's bridge to stop asking.
  const eventPayloads: BrowserHost['eventPayloads'] = [];
  const events = queueEvents(core.events, (name, payload) => eventPayloads.push({ name, payload }));
  await page.exposeBinding('__orgkeyEvents', async (source) => (trusted(source.frame) ? JSON.stringify(await events.next()) : 'null'));
  await page.addInitScript({ content: bridge() });
  await page.goto(`${BROWSER_HOST_ORIGIN}/index.html`);
  await page.waitForFunction(() => document.documentElement.dataset.orgkeyReady === 'true');

  return {
    page,
    openedUrls,
    dialogs,
    ipcPayloads,
    eventPayloads,
    notifications,
    tick: () => core.schedule.runDue(),
    context,
    browser,
    core,
    openSystemBrowserPage: async () => (await browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage(),
    close: async () => {
      stopTimer();
      events.stop();
      await core.clipboard.clearNow();
      await browser.close();
    },
  };
}
