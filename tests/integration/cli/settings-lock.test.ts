/**
 * The app and the CLI write the same settings.json: concurrent read-modify-writes from separate
 * processes must never lose one another's changes (the lock in electron/core/settings/lock.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileLock } from '../../../electron/core/settings/lock';
import { openConfSettings } from '../../../electron/core/settings/store';
import { bootRealCore } from '../../support/core';
import { ensureCliBuilt, ROOT, runCli, waitFor } from '../../support/cli';
import { keychainEntries, purgeKeychain, uniqueKeychainService } from '../../support/keychain';
import { makeTempDir, removeTempDir } from '../../support/temp';
import { secretsFromEntries } from '../../support/org-secrets';

const WRITER = path.join(import.meta.dirname, 'fixtures', 'settings-writer.ts');

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
beforeAll(() => ensureCliBuilt());

function fixture() {
  const dir = makeTempDir('cli-lock');
  const service = uniqueKeychainService('cli-lock');
  cleanups.push(() => removeTempDir(dir), () => purgeKeychain(service));
  return { dataDir: dir, service };
}

/** A writer process, resolved once it is ready; `finished` resolves with its exit code. */
async function startWriter(dir: string, prefix: string, count: number, go: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, prefix, String(count), go], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const finished = new Promise<number | null>((resolve) => child.once('close', resolve));
  await waitFor(() => out.includes('ready') || child.exitCode !== null, () => `writer ${prefix} to start (stderr: ${err})`);
  return { finished, stderr: () => err };
}

describe('two processes writing the settings file at once', () => {
  it('lose no org: every update of both writers is in the file', async () => {
    const { dataDir } = fixture();
    const go = path.join(dataDir, 'go');
    const count = 150;
    const writers = await Promise.all([startWriter(dataDir, 'a', count, go), startWriter(dataDir, 'b', count, go)]);
    fs.writeFileSync(go, '');
    const codes = await Promise.all(writers.map((writer) => writer.finished));
    expect(codes, writers.map((w) => w.stderr()).join('\n')).toEqual([0, 0]);

    const ids = openConfSettings(dataDir).read().orgs.map((org) => org.id);
    expect(ids).toHaveLength(2 * count);
    for (const prefix of ['a', 'b']) {
      // Each writer's own updates also stay in order.
      expect(ids.filter((id) => id.startsWith(`${prefix}-`))).toEqual(Array.from({ length: count }, (_, n) => `${prefix}-${n}`));
    }
    expect(fs.existsSync(path.join(dataDir, 'settings.json.lock'))).toBe(false);
  });

  it('lose no org when the app and two orgkey commands add orgs at the same time', async () => {
    const target = fixture();
    const app = bootRealCore(target.dataDir, target.service);
    const perWriter = 6;
    const cliAdds = (prefix: string) => async () => {
      for (let n = 0; n < perWriter; n += 1) {
        const result = await runCli(target, ['add', `${prefix}-${n}`, '--username', `u${n}@${prefix}.example`, '--secrets-stdin'], { input: `pw-${prefix}-${n}\n` });
        expect(result.code, result.stderr).toBe(0);
      }
    };
    const appAdds = async () => {
      for (let n = 0; n < perWriter; n += 1) {
        await app.orgs.add({ alias: `app-${n}`, environment: 'sandbox', username: `u${n}@app.example`, password: `pw-app-${n}` });
      }
    };
    await Promise.all([cliAdds('cli1')(), cliAdds('cli2')(), appAdds()]);

    const aliases = app.orgs.list().map((org) => org.alias);
    expect(aliases).toHaveLength(3 * perWriter);
    for (const prefix of ['cli1', 'cli2', 'app']) {
      for (let n = 0; n < perWriter; n += 1) expect(aliases).toContain(`${prefix}-${n}`);
    }
    // Every org's password is in the keychain, under the id the settings file names.
    const entries = await keychainEntries(target.service);
    expect(entries).toHaveLength(3 * perWriter);
    for (const org of app.orgs.list()) {
      expect(secretsFromEntries(entries, org.id).password).toBe(`pw-${org.alias}`);
    }
  });

  it('take over a lock left behind by a process that died', async () => {
    const { dataDir } = fixture();
    const dead = spawn(process.execPath, ['-e', '']);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.once('close', resolve));
    const settings = openConfSettings(dataDir);
    fs.writeFileSync(`${settings.path}.lock`, JSON.stringify({ pid, host: os.hostname(), nonce: 'left-behind' }));

    settings.update((doc) => ({ ...doc, preferences: { ...doc.preferences, testConcurrency: 7 } }));
    expect(openConfSettings(dataDir).read().preferences.testConcurrency).toBe(7);
    expect(fs.existsSync(`${settings.path}.lock`)).toBe(false);
  });

  it('take over a lock that has been held far longer than any write takes', async () => {
    const { dataDir } = fixture();
    const settings = openConfSettings(dataDir);
    const lockPath = `${settings.path}.lock`;
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, host: os.hostname(), nonce: 'stuck' }));
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, past, past);

    settings.update((doc) => ({ ...doc, preferences: { ...doc.preferences, testTimeoutSeconds: 42 } }));
    expect(openConfSettings(dataDir).read().preferences.testTimeoutSeconds).toBe(42);
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('never write past a live lock: a writer gives up with SETTINGS_UNAVAILABLE, readers still read', async () => {
    const { dataDir } = fixture();
    const settings = openConfSettings(dataDir);
    settings.update((doc) => doc);
    // Held by a live process (this one's parent), and fresh.
    const lockPath = `${settings.path}.lock`;
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, host: os.hostname(), nonce: 'held' }));
    let ran = false;
    expect(() => fileLock(settings.path, { timeoutMs: 300 })(() => (ran = true))).toThrow(
      expect.objectContaining({ appError: expect.objectContaining({ code: 'SETTINGS_UNAVAILABLE' }) }),
    );
    expect(ran).toBe(false);
    expect(settings.read().orgs).toEqual([]);
    expect(fs.readFileSync(lockPath, 'utf8')).toContain('held');
  });
});
