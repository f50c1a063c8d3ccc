/** A core on real parts — the OS keychain and a settings file in `dir` — opened as the app opens it at launch. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openCore, type Core, type HostPorts, type OpenedCore } from '../../electron/core';
import { startOrg, type Control } from './fake-org';
import { purgeKeychain, uniqueKeychainService } from './keychain';
import { makeTempDir, removeTempDir } from './temp';

/** The core and its logger (its lines go to `orgkey.log` in `dir` unless `extra` gives a logger). */
export function openRealCore(dir: string, keychainService: string, extra: HostPorts = {}): OpenedCore {
  return openCore({ host: 'browser', version: 'test', dataDir: dir, keychainService, logSource: 'test' }, extra);
}

export function bootRealCore(dir: string, keychainService: string, extra: HostPorts = {}): Core {
  return openRealCore(dir, keychainService, extra).core;
}

/** What a core test file against the fake org works with; a fresh core, folder and keychain service for every test. */
export interface CoreSuite {
  fake: Awaited<ReturnType<typeof startOrg>>;
  control: Control;
  core: Core;
  /** The core's settings folder. */
  dir: string;
  /** The core's keychain service. */
  service: string;
}

/**
 * Register the hooks of a core test file against the fake org: one fake org per file (reset before
 * each test), and per test a new settings folder and keychain service, removed after, with a core
 * booted on them. `ports` gives the test's own ports (opener, clipboard, home folder); it is called
 * before every test, after the folder exists.
 */
export function useCoreSuite(label: string, ports: () => HostPorts = () => ({})): CoreSuite {
  const suite = {} as CoreSuite;
  beforeAll(async () => {
    suite.fake = await startOrg();
    suite.control = suite.fake.control;
  });
  afterAll(() => suite.fake.org.close());
  beforeEach(async () => {
    await suite.control.reset();
    suite.dir = makeTempDir(label);
    suite.service = uniqueKeychainService(label);
    suite.core = bootRealCore(suite.dir, suite.service, ports());
  });
  afterEach(async () => {
    await purgeKeychain(suite.service);
    removeTempDir(suite.dir);
  });
  return suite;
}
