/**
 * One keychain entry per org, on the real keychain: the move from one entry per secret (and a move
 * stopped halfway), two processes writing the same org's entry, and the sweep of what a killed
 * `orgkey add` left between its keychain write and its settings write.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keytarSecretStore } from '../../electron/core/secrets/keytar-store';
import { silentLogger, systemClock, type SecretStore } from '../../electron/core/ports';
import { keychainLock } from '../../electron/core/secrets/keychain-lock';
import { createOrgSecrets } from '../../electron/core/secrets/org-secrets';
import type { SecretKind } from '../../shared/login-methods';
import { openConfSettings } from '../../electron/core/settings/store';
import type { OrgRecord } from '../../electron/core/settings/schema';
import { bootRealCore } from '../support/core';
import { ensureCliBuilt, runCli, startCli, waitFor } from '../support/cli';
import { keychainEntries, purgeKeychain, uniqueKeychainService } from '../support/keychain';
import { secretsFromEntries } from '../support/org-secrets';
import { makeTempDir, removeTempDir } from '../support/temp';

const PASSWORD = 'Sup3r secret!';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx1';
const CLIENT_SECRET = 'consumer-secret-1';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function fixture(label: string) {
  const dataDir = makeTempDir(label);
  const service = uniqueKeychainService(label);
  cleanups.push(() => removeTempDir(dataDir), () => purgeKeychain(service));
  return { dataDir, service };
}

function record(id: string, alias: string): OrgRecord {
  const now = new Date().toISOString();
  return {
    id,
    alias,
    username: `admin@${alias}.example`,
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    auth: 'password',
    clientId: '3MVG9AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    hasToken: true,
    createdAt: now,
    updatedAt: now,
    passwordUpdatedAt: now,
    consecutiveFailures: 0,
    dataLoaderExports: [],
  };
}

/** A data folder as a build before one entry per org left it: its orgs, and one entry per secret. */
async function olderLayout(dataDir: string, service: string, ids: string[]) {
  openConfSettings(dataDir).update((doc) => {
    const { keychainLayout: _layout, ...rest } = doc;
    return { ...rest, orgs: ids.map((id, n) => record(id, `org${n}`)) };
  });
  const keychain = keytarSecretStore(service);
  for (const id of ids) {
    await keychain.set(`org:${id}:password`, `${PASSWORD}-${id}`);
    await keychain.set(`org:${id}:token`, TOKEN);
    await keychain.set(`org:${id}:clientSecret`, CLIENT_SECRET);
  }
}

const layoutOf = (dataDir: string) => JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).keychainLayout as string | undefined;
const accounts = async (service: string) => (await keychainEntries(service)).map((entry) => entry.account).sort();

describe('moving one entry per secret into one entry per org', () => {
  it('writes each org’s entry, then deletes the old ones, and marks the folder moved', async () => {
    const { dataDir, service } = fixture('move');
    await olderLayout(dataDir, service, ['a1', 'b2']);
    const core = bootRealCore(dataDir, service);
    await core.keychain.ready();

    expect(await accounts(service)).toEqual(['org:a1', 'org:b2']);
    const entries = await keychainEntries(service);
    expect(secretsFromEntries(entries, 'a1')).toEqual({ password: `${PASSWORD}-a1`, token: TOKEN, clientSecret: CLIENT_SECRET });
    expect(secretsFromEntries(entries, 'b2')).toEqual({ password: `${PASSWORD}-b2`, token: TOKEN, clientSecret: CLIENT_SECRET });
    expect(layoutOf(dataDir)).toBe('org-item');
    expect((await core.orgs.get('a1')).secrets).toMatchObject({ password: { present: true }, token: { present: true }, clientSecret: { present: true } });
  });

  it.each([1, 2])('stopped at delete %i (after the new entry was written and read back): loses nothing, and the next start finishes', async (stopAt) => {
    const { dataDir, service } = fixture('move-stop');
    await olderLayout(dataDir, service, ['a1']);
    const real = keytarSecretStore(service);
    let deletes = 0;
    // The process stops here: the keychain is real, only this call never happens.
    const stopping: SecretStore = {
      ...real,
      delete: async (account) => {
        deletes += 1;
        if (deletes === stopAt) throw new Error('stopped');
        return real.delete(account);
      },
    };
    await expect(bootRealCore(dataDir, service, { secrets: stopping }).keychain.ready()).rejects.toThrow('stopped');
    // Every secret is still there, in the new entry; the folder is not marked moved.
    expect(secretsFromEntries(await keychainEntries(service), 'a1')).toEqual({ password: `${PASSWORD}-a1`, token: TOKEN, clientSecret: CLIENT_SECRET });
    expect(await accounts(service)).toContain('org:a1');
    expect(layoutOf(dataDir)).toBeUndefined();

    const next = bootRealCore(dataDir, service);
    await next.keychain.ready();
    expect(await accounts(service)).toEqual(['org:a1']);
    expect(secretsFromEntries(await keychainEntries(service), 'a1')).toEqual({ password: `${PASSWORD}-a1`, token: TOKEN, clientSecret: CLIENT_SECRET });
    expect(layoutOf(dataDir)).toBe('org-item');
  });

  it('stopped before the new entry was written: the old entries are untouched, and the next start moves them', async () => {
    const { dataDir, service } = fixture('move-early');
    await olderLayout(dataDir, service, ['a1']);
    const real = keytarSecretStore(service);
    const stopping: SecretStore = { ...real, set: async () => Promise.reject(new Error('stopped')) };
    await expect(bootRealCore(dataDir, service, { secrets: stopping }).keychain.ready()).rejects.toThrow();
    expect(await accounts(service)).toEqual(['org:a1:clientSecret', 'org:a1:password', 'org:a1:token']);

    await bootRealCore(dataDir, service).keychain.ready();
    expect(await accounts(service)).toEqual(['org:a1']);
    expect(secretsFromEntries(await keychainEntries(service), 'a1')).toEqual({ password: `${PASSWORD}-a1`, token: TOKEN, clientSecret: CLIENT_SECRET });
  });

  it('leaves the entries of orgs this data folder does not have (another folder may share the service)', async () => {
    const { dataDir, service } = fixture('move-other');
    await olderLayout(dataDir, service, ['a1']);
    await keytarSecretStore(service).set('org:elsewhere:password', 'other-folder');
    await bootRealCore(dataDir, service).keychain.ready();
    expect(await accounts(service)).toEqual(['org:a1', 'org:elsewhere:password']);
  });
});

/**
 * A writer as another process has it: its own view of the org secrets (its own queue and its own
 * hold on keychain.lock), on the same data folder and keychain. It writes `kind` `count` times and
 * after each write reads the entry back: a value of its own gone is a write another writer dropped.
 */
async function writer(dataDir: string, service: string, kind: SecretKind, count: number): Promise<number> {
  const stored = createOrgSecrets(keytarSecretStore(service), openConfSettings(dataDir), systemClock, silentLogger, keychainLock(dataDir));
  let lost = 0;
  for (let n = 0; n < count; n += 1) {
    await stored.write('shared', { [kind]: `${kind}-${n}` });
    if ((await stored.get('shared', kind)) !== `${kind}-${n}`) lost += 1;
  }
  return lost;
}

describe('two writers of the same org’s entry at once (the app and orgkey)', () => {
  it('lose no kind: each write keeps what the other just wrote', async () => {
    const { dataDir, service } = fixture('keys-lock');
    const count = 25;
    expect(await Promise.all([writer(dataDir, service, 'token', count), writer(dataDir, service, 'clientSecret', count)])).toEqual([0, 0]);
    expect(secretsFromEntries(await keychainEntries(service), 'shared')).toEqual({ token: `token-${count - 1}`, clientSecret: `clientSecret-${count - 1}` });
    expect(fs.existsSync(path.join(dataDir, 'keychain.lock'))).toBe(false);
  });
});

describe('the sweep of an add killed between its keychain write and its settings write', () => {
  beforeAll(() => ensureCliBuilt());

  it('leaves nothing in the keychain after the next start', async () => {
    const { dataDir, service } = fixture('sweep');
    const target = { dataDir, service };
    // Hold the keychain lock so the add waits before its keychain write, once its intent is recorded.
    const keychainLock = path.join(dataDir, 'keychain.lock');
    const settingsLock = path.join(dataDir, 'settings.json.lock');
    const owner = JSON.stringify({ pid: process.pid, host: os.hostname(), nonce: 'test' });
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(keychainLock, owner);
    const add = startCli(target, ['add', 'Killed', '--username', 'admin@acme.com', '--secrets-stdin']);
    add.child.stdin!.end(`${PASSWORD}\n${TOKEN}\n`);
    const inFlight = () => {
      try {
        return JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).secretsInFlight as Array<{ orgId: string }> | undefined;
      } catch {
        return undefined;
      }
    };
    await waitFor(() => !!inFlight()?.length, () => 'the add to record its org as in flight');
    const orgId = inFlight()![0]!.orgId;
    // Now hold the settings file, and let the keychain write through: the add stops between the two.
    // Taken the way OrgKey takes it (O_EXCL): the add may still be releasing the lock of the write
    // just seen, and overwriting that file would let its release remove ours.
    const takeSettingsLock = () => {
      try {
        fs.writeFileSync(settingsLock, owner, { flag: 'wx' });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    };
    await waitFor(takeSettingsLock, () => 'the add to release the settings file after recording its intent');
    fs.rmSync(keychainLock);
    let seen = false;
    const watch = setInterval(() => {
      const now = new Date();
      // The settings lock stays fresh (never taken over as stale) until the add is killed.
      fs.utimesSync(settingsLock, now, now);
      void keychainEntries(service).then((entries) => (seen ||= entries.some((entry) => entry.account === `org:${orgId}`)));
    }, 20);
    try {
      await waitFor(() => seen, () => 'the add to write its keychain entry');
    } finally {
      clearInterval(watch);
    }
    add.child.kill('SIGKILL');
    await add.result;
    fs.rmSync(settingsLock, { force: true });
    expect(await accounts(service)).toEqual([`org:${orgId}`]);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).orgs).toEqual([]);

    // The next start: any command opens the core, which sweeps before anything else.
    const list = await runCli(target, ['list', '--json']);
    expect(list.code).toBe(0);
    expect(await accounts(service)).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).secretsInFlight).toBeUndefined();
  });

  it('leaves the entries of an add still running in another process', async () => {
    const { dataDir, service } = fixture('sweep-live');
    const settings = openConfSettings(dataDir);
    // This test's process stands for the adding one: alive, on this machine, just begun.
    settings.update((doc) => ({ ...doc, secretsInFlight: [{ orgId: 'live', pid: process.pid, host: os.hostname(), at: new Date().toISOString() }] }));
    await keytarSecretStore(service).set('org:live', JSON.stringify({ v: 1, password: PASSWORD }));
    const list = await runCli({ dataDir, service }, ['list', '--json']);
    expect(list.code).toBe(0);
    expect(await accounts(service)).toEqual(['org:live']);
  });
});
