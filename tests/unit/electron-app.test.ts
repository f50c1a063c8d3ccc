/**
 * The Electron glue (electron/app.ts), run against a recording stand-in for Electron's API: what the
 * window may do, what the app protocol serves, which handlers guard navigation, permissions and IPC,
 * the clipboard at quit and the single-instance lock. The app's settings go through the real
 * electron-store into a temp folder; the keychain is an in-memory one. The real-Electron spec
 * (e2e/electron) runs the same module where Electron's binary is installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp, type RunningApp } from '../../electron/app';
import type { HostPorts } from '../../electron/core';
import { memorySecrets } from '../support/memory';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { ERROR_CATALOG } from '../../shared/errors';
import { METHOD_NAMES, channelOf } from '../../shared/methods';
import { app, electron, FakeWebContents, invoke, resetElectron, type FakeBrowserWindow, type FakeTray, type ResetOptions } from '../support/electron';
import { fails, scriptedGateway, succeeds, type Script } from '../support/scripted-gateway';
import { makeTempDir, removeTempDir } from '../support/temp';

vi.mock('electron', () => import('../support/electron'));

let dir: string;
beforeEach(() => {
  dir = makeTempDir('electron-app');
});
afterEach(() => removeTempDir(dir));

const APP_PAGE = 'app://orgkey/index.html';

async function start(options: Partial<ResetOptions> = {}, env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux', ports: HostPorts = {}): Promise<RunningApp> {
  resetElectron({ userData: dir, ...options });
  // No DISPLAY or WAYLAND_DISPLAY: the app falls back to Electron's clipboard, the stand-in's.
  const running = await startApp({ env, platform, ports: { secrets: memorySecrets(), ...ports } });
  if (!running) throw new Error('the app did not start');
  return running;
}

const theWindow = (): FakeBrowserWindow => {
  expect(electron.state.windows).toHaveLength(1);
  return electron.state.windows[0]!;
};

describe('the window', () => {
  it('is the one hardened window: isolated, sandboxed, no Node, no webviews, DevTools off when packaged', async () => {
    await start();
    const window = theWindow();
    expect(window.options.webPreferences).toEqual({
      preload: expect.stringMatching(/[\\/]preload\.cjs$/) as unknown as string,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(window.loadedUrl).toBe(APP_PAGE);
    expect(window.options.show).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('has DevTools while the app is not packaged', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined); // unpackaged, log lines echo to the console
    await start({ isPackaged: false });
    expect(theWindow().options.webPreferences?.devTools).toBe(true);
    vi.mocked(console.log).mockRestore();
  });
});

describe('the app protocol', () => {
  it('is registered as standard and secure before the app is ready', async () => {
    await start();
    const { calls } = electron.state;
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('app.whenReady'));
    expect(electron.state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
  });

  it('serves the renderer with the strict CSP, and nothing outside its folder or from another host', async () => {
    await start();
    const serve = electron.state.protocolHandlers.get('app')!;
    const page = await serve(new Request(APP_PAGE));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await page.text()).toContain('<div id="root">');
    // An encoded slash survives URL parsing, so the path decodes to `docs/../../package.json`.
    expect((await serve(new Request('app://orgkey/docs%2f..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });
});

describe('navigation, new windows and permissions', () => {
  it('keeps every window on the app’s page and refuses webviews', async () => {
    await start();
    // The main window's contents, and any other Electron creates (a devtools or a popup attempt).
    const other = new FakeWebContents();
    app.emit('web-contents-created', other);
    for (const contents of [theWindow().webContents, other]) {
      expect(contents.attempt('will-navigate', 'app://orgkey/index.html#/orgs')).toBe(false);
      expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
      expect(contents.attempt('will-redirect', 'https://login.salesforce.com/')).toBe(true);
      expect(contents.attempt('will-attach-webview')).toBe(true);
      expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    }
  });

  it('opens no window: only allow-listed addresses go to the OS browser', async () => {
    await start();
    const open = theWindow().webContents.windowOpenHandler!;
    expect(open({ url: 'https://help.salesforce.com/s/articleView?id=000385436' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://evil.example/phish' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(electron.state.openedExternally).toEqual(['https://help.salesforce.com/s/articleView?id=000385436']));
  });

  it('refuses every permission except writing text to the clipboard from the app’s own page', async () => {
    await start();
    const request = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      electron.state.permissionRequestHandler!({}, permission, (answer) => (granted = answer), { requestingUrl });
      return granted;
    };
    const check = (permission: string, origin: string) => electron.state.permissionCheckHandler!({}, permission, origin);
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read']) {
      expect(request(permission, APP_PAGE), permission).toBe(false);
      expect(check(permission, 'app://orgkey'), permission).toBe(false);
    }
    expect(request('clipboard-sanitized-write', APP_PAGE)).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://orgkey')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });
});

describe('the API over IPC', () => {
  it('registers every method of the contract, each answering only the app page’s top frame', async () => {
    await start();
    expect([...electron.state.ipcHandlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelOf).sort());
    const untrusted = { ok: false, error: { code: 'UNTRUSTED_SENDER', ...ERROR_CATALOG.UNTRUSTED_SENDER } };
    for (const name of METHOD_NAMES) {
      expect(await invoke(channelOf(name), undefined, { url: 'https://evil.example/' }), name).toEqual(untrusted);
      expect(await invoke(channelOf(name), undefined, { url: APP_PAGE, frame: 'sub' }), name).toEqual(untrusted);
    }
    expect(await invoke(channelOf('app.info'), undefined, { url: APP_PAGE })).toMatchObject({
      ok: true,
      value: { host: 'electron', settingsPath: path.join(dir, 'settings.json') },
    });
  });

  it('keeps the settings in the app’s data folder, through electron-store', async () => {
    await start();
    const answer = await invoke(
      channelOf('orgs.add'),
      { alias: 'Acme', environment: 'production', username: 'admin@acme.example', password: 'Secret-Pass-1', token: '' },
      { url: APP_PAGE },
    );
    expect(answer).toMatchObject({ ok: true, value: { org: { alias: 'Acme' } } });
    const stored = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
    expect(JSON.parse(stored)).toMatchObject({ orgs: [{ alias: 'Acme' }] });
    expect(stored).not.toContain('Secret-Pass-1');
  });

  it('opens the data folder ORGKEY_DATA_DIR names, set before the lock is taken', async () => {
    const chosen = path.join(dir, 'chosen');
    const { core } = await start({}, { ORGKEY_DATA_DIR: chosen });
    expect(core.info().settingsPath).toBe(path.join(chosen, 'settings.json'));
    const { calls } = electron.state;
    expect(calls.slice(0, 2)).toEqual(['app.setPath(userData)', 'app.requestSingleInstanceLock']);
  });
});

describe('quitting', () => {
  it('takes a secret still on the clipboard back before the app quits', async () => {
    const { core } = await start();
    const { org } = await core.orgs.add({ alias: 'Acme', environment: 'production', username: 'admin@acme.example', password: 'Secret-Pass-1', token: '' });
    await core.clipboard.copy(org.id, 'password');
    expect(electron.state.clipboard).toBe('Secret-Pass-1');

    expect(app.emit('before-quit').defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(electron.state.quits).toBe(1));
    expect(electron.state.clipboard).toBe('');
    // The quit it started goes through.
    expect(app.emit('before-quit').defaultPrevented).toBe(false);
  });

  it('quits at once when no secret is on the clipboard', async () => {
    await start();
    expect(app.emit('before-quit').defaultPrevented).toBe(false);
  });

  it('quits when the last window closes, except on macOS, where activating opens a new one', async () => {
    await start();
    app.emit('window-all-closed');
    expect(electron.state.quits).toBe(1);
    await start({}, {}, 'darwin');
    app.emit('window-all-closed');
    expect(electron.state.quits).toBe(0);
    // …where a click on the Dock icon opens the window again.
    electron.state.windows.length = 0;
    app.emit('activate');
    expect(electron.state.windows).toHaveLength(1);
  });
});

describe('one instance per data folder', () => {
  it('a second start quits without opening settings, a window or the API', async () => {
    resetElectron({ userData: dir, lockGranted: false });
    expect(await startApp({ env: {}, platform: 'linux', ports: { secrets: memorySecrets() } })).toBeNull();
    expect(electron.state.quits).toBe(1);
    expect(electron.state.calls).toEqual(['app.requestSingleInstanceLock']);
    expect(electron.state.ipcHandlers.size).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('the running instance brings its window forward when another is started', async () => {
    await start();
    const window = theWindow();
    window.minimize();
    app.emit('second-instance', ['orgkey'], '/');
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
    expect(electron.state.windows).toHaveLength(1);
  });

  it('opens a window for another start when it has none (macOS keeps running without one)', async () => {
    await start();
    electron.state.windows.length = 0;
    app.emit('second-instance', ['orgkey'], '/');
    expect(electron.state.windows).toHaveLength(1);
    expect(electron.state.windows[0]!.loadedUrl).toBe(APP_PAGE);
  });
});

describe('in the background: scheduled checks with the window closed', () => {
  /** The app on a scripted Salesforce and a clock the test moves, with one password org. */
  async function startWithOrg(answers: Script[], platform: NodeJS.Platform = 'linux') {
    let now = new Date('2026-12-02T10:00:00.000Z');
    const running = await start({}, {}, platform, { salesforce: scriptedGateway(answers), clock: { now: () => now } });
    const { org } = await running.core.orgs.add({ alias: 'Prod', environment: 'production', username: 'admin@acme.com', password: 'Sup3r secret!', token: 'AbCdEfGhIjKlMnOpQrStUvWx1' });
    return { ...running, id: org.id, advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
  }
  const theTray = (): FakeTray => {
    expect(electron.state.trays).toHaveLength(1);
    return electron.state.trays[0]!;
  };
  const finished = (core: RunningApp['core']) =>
    new Promise<void>((resolve) => {
      const stop = core.events.on('schedule.finished', () => {
        stop();
        resolve();
      });
    });

  it('keeps running with its window closed while a schedule is on, on every OS; quits as before when it is off', async () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { core } = await start({}, {}, platform);
      core.schedule.set({ mode: 'daily', time: '07:00', everyHours: 6 });
      const window = theWindow();
      window.show();
      expect(window.close(), platform).toBe(true);
      expect(window.visible).toBe(false);
      expect(electron.state.quits).toBe(0);
      // The tray's Open brings it back.
      theTray().item('Open OrgKey').click!();
      expect(window.visible).toBe(true);
      // Quitting (the tray's Quit, Cmd+Q) closes it for good.
      app.emit('before-quit');
      expect(window.close()).toBe(false);
    }
    const { core } = await start();
    core.schedule.set({ mode: 'off', time: '07:00', everyHours: 6 });
    expect(theWindow().close()).toBe(false);
    expect(electron.state.quits).toBe(1);
  });

  it('a tray icon with the last run’s summary, Check now and Quit', async () => {
    const { core } = await startWithOrg([succeeds()]);
    const tray = theTray();
    expect(tray.menu!.items[0]).toMatchObject({ label: 'Scheduled checks are off', enabled: false });
    const done = finished(core);
    tray.item('Check now').click!();
    expect(tray.menu!.items[0]!.label).toBe('Checking the orgs…');
    await done;
    expect(tray.menu!.items[0]!.label).toMatch(/^Last check .*: 1 checked$/);
    expect(tray.toolTip).toMatch(/^OrgKey — Last check/);
    tray.item('Quit OrgKey').click!();
    expect(electron.state.quits).toBe(1);
    app.emit('will-quit');
    expect(tray.destroyed).toBe(true);
  });

  it('runs the schedule from its timer once due by the core’s clock', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { core, advance } = await startWithOrg([succeeds()]);
      core.schedule.set({ mode: 'hours', time: '07:00', everyHours: 1 });
      vi.advanceTimersByTime(60_000);
      expect(core.schedule.status().running).toBe(false);
      advance(3_600_000);
      const done = finished(core);
      vi.advanceTimersByTime(60_000);
      await done;
      expect(core.schedule.status().lastRun).toMatchObject({ checked: 1, failed: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows each notification with Electron’s Notification; a click brings the window forward and tells the page which org', async () => {
    const { core, id } = await startWithOrg([fails('API_CURRENTLY_DISABLED')]);
    const window = theWindow();
    window.webContents.mainFrame.url = APP_PAGE;
    await core.tester.test(id);
    expect(electron.state.notifications.map((n) => n.options.title)).toEqual(['Prod: login failing']);
    window.hide();
    electron.state.notifications[0]!.emit('click');
    expect(window).toMatchObject({ visible: true, focused: true });
    expect(window.webContents.sent).toContainEqual({ channel: 'orgkey:event:notification.clicked', payload: { orgId: id } });
  });
});
