/**
 * Playwright fixtures for the browser host: every test gets a fresh data folder and its own keychain
 * service name, a `restart()` that relaunches the host on the same folder and keychain (like quitting
 * and reopening the app), and cleanup of both afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { test as base, type Page } from '@playwright/test';
import { launchBrowserHost, testClock, type BrowserHost, type ScriptedDialogs, type TestClock } from './hosts/browser-host';
import { keychainEntries, purgeKeychain } from '../tests/support/keychain';
import { fakeOrgControl, startFakeOrg, type FakeOrg } from './fake-org';

export interface AppFixture {
  readonly page: Page;
  readonly host: BrowserHost;
  dataDir: string;
  /** The home folder core sees (`~`, Data Loader's default key file): an empty temp folder. */
  homeDir: string;
  keychainService: string;
  settingsFile: string;
  /** The current host's scripted file pickers (`answerNext(path | null)`, `calls`). */
  readonly dialogs: ScriptedDialogs;
  /** The core's clock, kept across `restart()`: move it (and the fake org's, `fake.control`) to make a schedule, an expiry or a retirement come due. */
  clock: TestClock;
  /** Close the host and open a new one on the same data folder and keychain service. */
  restart(): Promise<Page>;
  keychain(): Promise<Array<{ account: string; password: string }>>;
  /** Reload the page (after changing data through the core) and wait until the list is ready. */
  reload(): Promise<void>;
  /** A page of "the system browser": a context apart from the app's, where any URL may load. */
  systemBrowserPage(): Promise<Page>;
}

export interface FakeOrgFixture {
  org: FakeOrg;
  control: ReturnType<typeof fakeOrgControl>;
}

export const test = base.extend<{ app: AppFixture; fake: FakeOrgFixture }, { fakeWorker: FakeOrgFixture }>({
  // One fake org per worker, back to its seed before every test that uses it.
  fakeWorker: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured
    async ({}, use) => {
      const org = await startFakeOrg();
      await use({ org, control: fakeOrgControl(org.loginUrl) });
      await org.close();
    },
    { scope: 'worker' },
  ],
  fake: async ({ fakeWorker }, use) => {
    await fakeWorker.control.reset();
    await use(fakeWorker);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured
  app: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-e2e-'));
    const keychainService = `OrgKey-e2e-${randomBytes(4).toString('hex')}`;
    const homeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-e2e-home-'));
    const clock = testClock();
    let host = await launchBrowserHost({ dataDir, keychainService, homeDir, clock });
    const fixture: AppFixture = {
      get page() {
        return host.page;
      },
      get host() {
        return host;
      },
      get dialogs() {
        return host.dialogs;
      },
      dataDir,
      homeDir,
      keychainService,
      clock,
      settingsFile: path.join(dataDir, 'settings.json'),
      async restart() {
        await host.close();
        host = await launchBrowserHost({ dataDir, keychainService, homeDir, clock });
        return host.page;
      },
      keychain: () => keychainEntries(keychainService),
      async reload() {
        await host.page.reload();
        await host.page.waitForFunction(() => document.documentElement.dataset.orgkeyReady === 'true');
      },
      systemBrowserPage: () => host.openSystemBrowserPage(),
    };
    await use(fixture);
    await host.close();
    await purgeKeychain(keychainService);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(homeDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
