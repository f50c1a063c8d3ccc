/**
 * The core on real parts: the OS keychain and a real settings file in a temp folder. "Restart" means
 * a second core built from scratch on the same folder and service, as the app does at launch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/core/settings/schema';
import { bootRealCore } from '../support/core';
import { keychainEntries, purgeKeychain, uniqueKeychainService } from '../support/keychain';
import { makeTempDir, readAllFiles, removeTempDir } from '../support/temp';
import { secretsFromEntries } from '../support/org-secrets';

const PASSWORD = 'Correct-Horse-9!';
const TOKEN = 'Zq7RtY2uIoP4aSdF6gHjK8lMn';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function fixture() {
  const dir = makeTempDir('core');
  const service = uniqueKeychainService('core');
  cleanups.push(() => removeTempDir(dir), () => purgeKeychain(service));
  const boot = () => bootRealCore(dir, service);
  return { dir, service, boot, settingsFile: path.join(dir, 'settings.json') };
}

describe('orgs on the real keychain and settings file', () => {
  it('are still there after a restart, with their secrets in the keychain', async () => {
    const { boot, service } = fixture();
    const { org } = await boot().orgs.add({
      alias: 'Production',
      environment: 'production',
      username: 'admin@acme.com',
      password: PASSWORD,
      token: TOKEN,
    });

    const restarted = boot();
    expect(restarted.orgs.list()).toEqual([org]);
    expect(await restarted.orgs.get(org.id)).toMatchObject({ secrets: { password: { present: true }, token: { present: true, length: 25 } } });
    // One entry for the org, holding both.
    const entries = await keychainEntries(service);
    expect(entries.map((entry) => entry.account)).toEqual([`org:${org.id}`]);
    expect(secretsFromEntries(entries, org.id)).toEqual({ password: PASSWORD, token: TOKEN });
  });

  it('never write the password or token to any file in the data folder', async () => {
    const { boot, dir, settingsFile } = fixture();
    const core = boot();
    const { org } = await core.orgs.add({ alias: 'A', environment: 'sandbox', username: 'a@acme.com.uat', password: PASSWORD, token: TOKEN });
    await core.orgs.update(org.id, { alias: 'B' });
    expect(fs.existsSync(settingsFile)).toBe(true);
    for (const { file, text } of readAllFiles(dir)) {
      expect(text, file).not.toContain(PASSWORD);
      expect(text, file).not.toContain(TOKEN);
    }
  });

  it('keep the settings file readable by its owner only', async () => {
    const { boot, settingsFile } = fixture();
    await boot().orgs.add({ alias: 'A', environment: 'production', username: 'a@acme.com', password: PASSWORD });
    if (process.platform !== 'win32') expect(fs.statSync(settingsFile).mode & 0o077).toBe(0);
  });

  it('are removed together with their keychain entries', async () => {
    const { boot, service } = fixture();
    const core = boot();
    const { org: keep } = await core.orgs.add({ alias: 'Keep', environment: 'production', username: 'k@acme.com', password: 'p1', token: TOKEN });
    const { org: gone } = await core.orgs.add({ alias: 'Gone', environment: 'production', username: 'g@acme.com', password: 'p2', token: TOKEN });
    await core.orgs.remove(gone.id);

    expect(boot().orgs.list().map((o) => o.alias)).toEqual(['Keep']);
    const accounts = (await keychainEntries(service)).map((e) => e.account).sort();
    expect(accounts).toEqual([`org:${keep.id}`]);
  });

  it('are upgraded from a file written before schema versions existed', async () => {
    const { boot, settingsFile } = fixture();
    const legacy = {
      orgs: [
        {
          id: 'legacy-1',
          alias: 'Legacy',
          username: 'l@acme.com',
          environment: 'production',
          loginUrl: 'https://login.salesforce.com',
          hasToken: false,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
    };
    fs.writeFileSync(settingsFile, JSON.stringify(legacy));
    expect(boot().orgs.list().map((o) => o.alias)).toEqual(['Legacy']);
    expect(JSON.parse(fs.readFileSync(settingsFile, 'utf8'))).toMatchObject({ schemaVersion: SCHEMA_VERSION });
  });

  it('leave a settings file from a newer OrgKey untouched', async () => {
    const { boot, settingsFile } = fixture();
    const newer = JSON.stringify({ schemaVersion: 99, orgs: [], future: true });
    fs.writeFileSync(settingsFile, newer);
    const core = boot();
    expect(() => core.orgs.list()).toThrow(/newer version of OrgKey/);
    await expect(core.orgs.add({ alias: 'A', environment: 'production', username: 'a@acme.com', password: 'p' })).rejects.toThrow(/newer version/);
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(newer);
  });

  it('keep a damaged settings file aside instead of overwriting it (tests/integration/settings-recovery.test.ts has the rest)', async () => {
    const { dir, service, settingsFile } = fixture();
    fs.writeFileSync(settingsFile, '{"schemaVersion":1,"orgs":[');
    const core = bootRealCore(dir, service);
    const kept = core.info().settingsRecovery!.movedTo;
    expect(fs.readFileSync(kept, 'utf8')).toBe('{"schemaVersion":1,"orgs":[');
    expect(core.orgs.list()).toEqual([]);
  });
});
