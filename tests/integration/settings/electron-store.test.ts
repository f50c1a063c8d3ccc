/**
 * The app's settings path: the real electron-store (over the real conf) writing `settings.json` in a
 * temp folder, opened the way the app opens it, and read by the CLI's way (conf) — and back.
 *
 * electron-store cannot load without Electron: it imports `electron` for `app.getPath('userData')`,
 * `app.getVersion()` and `ipcMain`. Those come from the recording stand-in; everything that touches
 * the file is electron-store's and conf's own code.
 */
import fs from 'node:fs';
import path from 'node:path';
import ElectronStore from 'electron-store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, openSettings } from '../../../electron/core';
import { emptySettings } from '../../../electron/core/settings/schema';
import { electronStoreSettings } from '../../../electron/settings-electron-store';
import { electron, resetElectron } from '../../support/electron';
import { bootRealCore } from '../../support/core';
import { purgeKeychain, uniqueKeychainService } from '../../support/keychain';
import { orgRecord as org } from '../../support/org-record';
import { makeTempDir, removeTempDir } from '../../support/temp';

vi.mock('electron', () => import('../../support/electron'));

let dir: string;
let userData: string;
let file: string;
beforeEach(() => {
  dir = makeTempDir('electron-store');
  // Electron's own folder is elsewhere: the store must write where the core asks, not there.
  userData = makeTempDir('electron-userdata');
  file = path.join(dir, 'settings.json');
  resetElectron({ userData });
});
afterEach(() => {
  removeTempDir(dir);
  removeTempDir(userData);
});

const app = () => openSettings(dir, electronStoreSettings(ElectronStore));
const cli = () => openSettings(dir);

describe('the app’s settings through electron-store', () => {
  it('writes settings.json in the data folder, owner-only, by atomic rename, and nothing in Electron’s own folder', () => {
    const settings = app();
    expect(settings.path).toBe(file);
    settings.update((doc) => ({ ...doc, orgs: [org('Alpha')] }));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const inode = fs.statSync(file).ino;
    settings.update((doc) => ({ ...doc, orgs: [...doc.orgs, org('Beta')] }));
    expect(fs.statSync(file).ino).not.toBe(inode);
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
    expect(fs.readdirSync(userData)).toEqual([]);
    // electron-store did load in this process's main side: it answered its renderer channel.
    expect([...electron.state.ipcListeners.keys()]).toEqual(['electron-store-get-data']);
  });

  it('writes plain JSON that the CLI’s conf reads, and reads what the CLI wrote', () => {
    app().update((doc) => ({ ...doc, orgs: [org('From app')] }));
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ schemaVersion: emptySettings().schemaVersion, orgs: [{ alias: 'From app' }] });
    expect(cli().read().orgs.map((o) => o.alias)).toEqual(['From app']);
    cli().update((doc) => ({ ...doc, orgs: [...doc.orgs, org('From CLI')] }));
    expect(app().read().orgs.map((o) => o.alias)).toEqual(['From app', 'From CLI']);
  });

  it('sets a damaged file aside before electron-store would refuse it, and starts empty', () => {
    fs.writeFileSync(file, '{"schemaVersion":');
    const settings = app();
    expect(settings.recovery?.reason).toMatch(/not valid JSON/);
    expect(fs.readFileSync(settings.recovery!.movedTo, 'utf8')).toBe('{"schemaVersion":');
    settings.update((doc) => ({ ...doc, orgs: [org('Fresh')] }));
    expect(cli().read().orgs.map((o) => o.alias)).toEqual(['Fresh']);
  });
});

describe('the core opened as the app opens it', () => {
  let service: string;
  beforeEach(() => {
    service = uniqueKeychainService('electron-store');
  });
  afterEach(() => purgeKeychain(service));

  it('stores an org the CLI’s core then lists and reveals, on the same file and keychain', async () => {
    const { core } = openCore({ host: 'electron', version: 'test', dataDir: dir, keychainService: service, settings: electronStoreSettings(ElectronStore), logSource: 'app' });
    const { org: added } = await core.orgs.add({ alias: 'Acme', environment: 'production', username: 'admin@acme.example', password: 'App-Pass-1', token: '' });
    expect(core.info()).toMatchObject({ host: 'electron', settingsPath: file, keychainService: service });

    const other = bootRealCore(dir, service);
    expect(other.orgs.list().map((o) => o.alias)).toEqual(['Acme']);
    expect(await other.reveal(added.id, 'password')).toEqual({ value: 'App-Pass-1' });
    expect(fs.readFileSync(file, 'utf8')).not.toContain('App-Pass-1');
  });
});
