/**
 * A damaged settings file on a real disk: moved aside with a timestamp (never deleted), OrgKey
 * starts on empty settings and says where the old file is; a file from a newer OrgKey is refused
 * and left byte for byte as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgKeyError } from '../../electron/core/errors';
import { SCHEMA_VERSION } from '../../electron/core/settings/schema';
import { openConfSettings } from '../../electron/core/settings/store';
import { bootRealCore } from '../support/core';
import { ensureCliBuilt, errorLineOf, runCli } from '../support/cli';
import { purgeKeychain, uniqueKeychainService } from '../support/keychain';
import { makeTempDir, removeTempDir } from '../support/temp';

let dir: string;
let service: string;
let file: string;
beforeEach(() => {
  dir = makeTempDir('recovery');
  service = uniqueKeychainService('recovery');
  file = path.join(dir, 'settings.json');
});
afterEach(async () => {
  await purgeKeychain(service);
  removeTempDir(dir);
});

const damaged = () => fs.readdirSync(dir).filter((name) => /^settings\.damaged-.*\.json$/.test(name));

describe('a damaged settings file', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['cut short', '{"schemaVersion":3,"orgs":[{"id":"a","alias":"Pro', /not valid JSON/],
    ['not an object', '[1,2,3]', /does not hold OrgKey settings/],
    ['the wrong shape', JSON.stringify({ schemaVersion: SCHEMA_VERSION, orgs: 'none', preferences: {} }), /shape/],
  ];
  for (const [label, content, reason] of cases) {
    it(`(${label}) is moved aside, and OrgKey starts empty and says where it is`, async () => {
      fs.writeFileSync(file, content);
      const core = bootRealCore(dir, service);
      expect(core.orgs.list()).toEqual([]);
      const info = core.info();
      expect(info.settingsRecovery?.reason).toMatch(reason);
      expect(damaged()).toEqual([path.basename(info.settingsRecovery!.movedTo)]);
      expect(fs.readFileSync(info.settingsRecovery!.movedTo, 'utf8')).toBe(content);
      expect(fs.readFileSync(path.join(dir, 'orgkey.log'), 'utf8')).toContain(`damaged settings file set aside as ${info.settingsRecovery!.movedTo}`);

      // The next change writes a fresh file; the old one stays.
      await core.orgs.add({ alias: 'Fresh', environment: 'production', username: 'a@b.co', password: 'Secret-Pass-1', token: '' });
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ schemaVersion: SCHEMA_VERSION, orgs: [{ alias: 'Fresh' }] });
      expect(damaged()).toHaveLength(1);
      // A second start finds nothing wrong.
      expect(bootRealCore(dir, service).info().settingsRecovery).toBeUndefined();
    });
  }

  it('an empty file (a cut-off write) is set aside too, and a missing one is a first start', () => {
    expect(openConfSettings(dir).recovery).toBeUndefined();
    fs.writeFileSync(file, '');
    expect(openConfSettings(dir).recovery?.reason).toMatch(/empty/);
    expect(openConfSettings(dir).read().orgs).toEqual([]);
    expect(damaged()).toHaveLength(1);
  });

  it('the CLI warns on stderr where the old file is, and goes on', async () => {
    ensureCliBuilt();
    fs.writeFileSync(file, '{ not json');
    const result = await runCli({ dataDir: dir, service }, ['list']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^warning: the settings file was damaged \(it is not valid JSON.*\); it was kept as .*settings\.damaged-.*\.json/m);
    expect(damaged()).toHaveLength(1);
  });
});

describe('a settings file from a newer OrgKey', () => {
  it('is refused with SETTINGS_TOO_NEW and never moved or overwritten', async () => {
    const newer = JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, orgs: [], somethingNew: true });
    fs.writeFileSync(file, newer);
    const core = bootRealCore(dir, service);
    expect(core.info().settingsRecovery).toBeUndefined();
    expect(() => core.orgs.list()).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'SETTINGS_TOO_NEW' }) }) as unknown as Error);
    const refused = await core.orgs
      .add({ alias: 'X', environment: 'production', username: 'a@b.co', password: 'Secret-Pass-1', token: '' })
      .catch((e: OrgKeyError) => e.appError);
    expect(refused).toMatchObject({ code: 'SETTINGS_TOO_NEW' });
    expect(fs.readFileSync(file, 'utf8')).toBe(newer);
    expect(damaged()).toEqual([]);

    const cli = await runCli({ dataDir: dir, service }, ['list']);
    expect(cli.code).toBe(3);
    expect(errorLineOf(cli)).toMatch(/^orgkey: SETTINGS_TOO_NEW: /);
    expect(fs.readFileSync(file, 'utf8')).toBe(newer);
  });
});
