/**
 * `orgkey import` on real parts: the built CLI, the OS keychain, real settings files and folders,
 * and the fake org for the Data Loader proof login. Data Loader folders are written by OrgKey's own
 * exporter (in another data folder) and in Data Loader's `encrypt` format by the test; every run is
 * scanned for the secrets it handled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptForDataLoader, newKey } from '../../../electron/core/dataloader/codec';
import { errorLineOf, runCli, useCliSuite, type CliEnv, type CliResult, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../../support/fake-org';
import { keychainEntries, purgeKeychain, uniqueKeychainService } from '../../support/keychain';
import { makeTempDir, readAllFiles, removeTempDir } from '../../support/temp';

const suite = useCliSuite('cli-import');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
let work: string;
let other: CliEnv;
beforeEach(() => {
  ({ fake, control, target } = suite);
  work = makeTempDir('cli-import-files');
  other = { dataDir: makeTempDir('cli-import-other'), service: uniqueKeychainService('cli-import-other') };
});
afterEach(async () => {
  await purgeKeychain(other.service);
  removeTempDir(other.dataDir);
  removeTempDir(work);
});

/** Secrets must appear in none of: the settings folder (settings.json, orgkey.log), stdout, stderr. */
function leaks(secrets: string[], runs: CliResult[]): string[] {
  const places = [...readAllFiles(target.dataDir).map(({ file, text }) => ({ where: path.basename(file), text })), ...runs.flatMap((run, i) => [{ where: `stdout #${i}`, text: run.stdout }, { where: `stderr #${i}`, text: run.stderr }])];
  return places.flatMap(({ where, text }) => secrets.filter((secret) => text.includes(secret)).map(() => where));
}

/** A Data Loader folder as an admin writes it with Data Loader's own `encrypt -k` / `encrypt -e`. */
function dataLoaderFolder(name: string, username: string, glued: string): string {
  const folder = path.join(work, name);
  fs.mkdirSync(folder);
  const key = newKey();
  fs.writeFileSync(path.join(folder, 'dataLoader.key'), key, { mode: 0o600 });
  fs.writeFileSync(
    path.join(folder, 'config.properties'),
    [`sfdc.endpoint=${fake.org.loginUrl}`, `sfdc.username=${username}`, `sfdc.password=${encryptForDataLoader(glued, key)}`, 'process.encryptionKeyFile=dataLoader.key', ''].join('\n'),
  );
  return folder;
}

const listJson = async () => JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<Record<string, unknown>>;

describe('orgkey import dataloader', () => {
  it('imports a folder OrgKey exported after one proof login, and stores password and token split', async () => {
    const { password, token } = await credentials(control, PROD_ADMIN);
    const added = await runCli(other, ['add', 'Prod', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${password}\n${token}\n` });
    expect(added.code, added.stderr).toBe(0);
    const folder = path.join(work, 'prod');
    const exported = await runCli(other, ['export', 'dataloader', 'Prod', '--out', folder]);
    expect(exported.code, exported.stderr).toBe(0);

    const before = (await control.loginHistory(PROD_ADMIN)).length;
    const dry = await runCli(target, ['import', 'dataloader', folder, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/1 org found in .*: 1 new, 0 duplicate, 0 invalid\./);
    expect(dry.stdout).toContain(`password ${password.length} + token ${token.length}`);
    // A dry run: no login, nothing stored.
    expect((await control.loginHistory(PROD_ADMIN)).length).toBe(before);
    expect(await listJson()).toEqual([]);

    const run = await runCli(target, ['import', 'dataloader', folder, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Imported “prod” \(admin@acme\.example\): logged in, \d+ ms\.$/m);
    expect((await control.loginHistory(PROD_ADMIN)).length).toBe(before + 1);
    const [org] = await listJson();
    expect(org).toMatchObject({ alias: 'prod', username: PROD_ADMIN, hasToken: true, lastTest: expect.objectContaining({ ok: true }) });
    const entries = await keychainEntries(target.service);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.password).toContain(password);
    expect(entries[0]!.password).toContain(token);
    // Again: now a duplicate, and no login.
    const again = await runCli(target, ['import', 'dataloader', folder, '--yes']);
    expect(again.stdout).toContain('0 new, 1 duplicate');
    expect(again.stdout).toContain('Nothing to import.');
    expect((await control.loginHistory(PROD_ADMIN)).length).toBe(before + 1);
    expect(leaks([password, token, password + token], [dry, run, again])).toEqual([]);
  });

  it('a wrong value fails only its row (one login, no retry); the others are imported; exit 1', async () => {
    const prod = await credentials(control, PROD_ADMIN);
    const uat = await credentials(control, SANDBOX_ADMIN);
    const good = dataLoaderFolder('uat', SANDBOX_ADMIN, uat.password + uat.token);
    const bad = dataLoaderFolder('prod', PROD_ADMIN, 'Wrong-password-1' + prod.token);
    const before = (await control.loginHistory(PROD_ADMIN)).length;
    const run = await runCli(target, ['import', 'dataloader', bad, good, '--yes', '--json']);
    expect(run.code).toBe(1);
    expect(errorLineOf(run)).toBe('orgkey: IMPORT_INCOMPLETE: 1 of 2 orgs were not imported. Each row’s own line says why; the others are imported. Fix those rows and import the file again: the imported ones show as duplicates.');
    const out = JSON.parse(run.stdout) as { dryRun: boolean; result: { rows: Array<{ status: string; code?: string }>; counts: unknown } };
    expect(out.result.rows.map((row) => [row.status, row.code ?? null])).toEqual([
      ['failed', 'INVALID_LOGIN'],
      ['imported', null],
    ]);
    expect((await control.loginHistory(PROD_ADMIN)).length).toBe(before + 1);
    expect((await listJson()).map((org) => org.alias)).toEqual(['uat']);
    expect(leaks([uat.password, uat.token, 'Wrong-password-1'], [run])).toEqual([]);
  });

  it('the lockout guard stops the proof of a user whose logins failed under another org entry: nothing is sent', async () => {
    const { password, token } = await credentials(control, PROD_ADMIN);
    // The same user, kept under another host form of the same server, with two failed logins in a row.
    const localhost = fake.org.loginUrl.replace('127.0.0.1', 'localhost');
    const added = await runCli(target, ['add', 'Old prod', '--username', PROD_ADMIN, '--env', localhost, '--secrets-stdin'], { input: `old-password\n\n` });
    expect(added.code, added.stderr).toBe(0);
    const file = path.join(target.dataDir, 'settings.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { orgs: Array<{ consecutiveFailures: number }> };
    doc.orgs[0]!.consecutiveFailures = 2;
    fs.writeFileSync(file, JSON.stringify(doc));
    const folder = dataLoaderFolder('prod', PROD_ADMIN, password + token);
    const before = (await control.loginHistory(PROD_ADMIN)).length;
    const run = await runCli(target, ['import', 'dataloader', folder, '--yes']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Not imported: prod \(prod\/config\.properties\): LOCKOUT_GUARD: The last 2 logins of admin@acme\.example failed\. .*“Old prod”/);
    expect((await control.loginHistory(PROD_ADMIN)).length).toBe(before);
    expect((await listJson()).map((org) => org.alias)).toEqual(['Old prod']);
  });

  it('without a terminal and without --yes it shows the preview and refuses (exit 2), storing nothing', async () => {
    const { password, token } = await credentials(control, PROD_ADMIN);
    const folder = dataLoaderFolder('prod', PROD_ADMIN, password + token);
    const run = await runCli(target, ['import', 'dataloader', folder]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('1 new');
    expect(errorLineOf(run)).toBe('orgkey: CONFIRMATION_NEEDED: Importing 1 org needs a confirmation, and there is no terminal to ask on. Add --yes to import them, or --dry-run to see the preview only.');
    expect(await listJson()).toEqual([]);
  });
});

describe('orgkey import csv, organizer and sf', () => {
  it('csv: bad rows are listed with their lines; the good ones wait for their password and send no login', async () => {
    const file = path.join(work, 'orgs.csv');
    fs.writeFileSync(file, `alias,environment,username,group\nAcme,${fake.org.loginUrl},${PROD_ADMIN},Client A\nBad,prod,x@acme.example,\nNo user,sandbox,,\n`);
    const before = (await control.loginHistory(PROD_ADMIN)).length;
    const run = await runCli(target, ['import', 'csv', file, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('invalid: line 3: environment ‘prod’ is not production, sandbox or a My Domain URL');
    expect(run.stdout).toMatch(/invalid: line 4: the username: /);
    expect(run.stdout).toContain('1 imported, 0 failed, 2 skipped.');
    const [org] = await listJson();
    expect(org).toMatchObject({ alias: 'Acme', awaitingSecrets: true });
    expect((await runCli(target, ['list'])).stdout).toMatch(/^Acme\s.*\spassword needed\s/m);
    const test = await runCli(target, ['test', 'Acme', '--json']);
    expect(JSON.parse(test.stdout)).toMatchObject({ ok: false, code: 'SECRET_MISSING' });
    expect((await control.loginHistory(PROD_ADMIN)).length).toBe(before);
    expect(await keychainEntries(target.service)).toEqual([]);
  });

  it('csv: a password column refuses the file in words, exit 2', async () => {
    const file = path.join(work, 'secret.csv');
    fs.writeFileSync(file, 'alias,environment,username,password\nA,production,a@acme.example,hunter2\n');
    const run = await runCli(target, ['import', 'csv', file, '--yes']);
    expect(run.code).toBe(2);
    expect(errorLineOf(run)).toMatch(/^orgkey: INVALID_INPUT: The column “password” would hold secrets, and OrgKey never reads secrets from a CSV/);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('organizer: stores the file’s password and token, then a test works; says to delete the file', async () => {
    const { password, token } = await credentials(control, PROD_ADMIN);
    const file = path.join(work, 'organizer.json');
    fs.writeFileSync(file, JSON.stringify({ accounts: [{ n: 'Acme', u: PROD_ADMIN, p: password, t: token, r: fake.org.loginUrl, g: 'Client A' }], orgs: [] }));
    const run = await runCli(target, ['import', 'organizer', file, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`note: ${file} holds passwords in plain text: delete it (and any copy) once the import is done.`);
    const test = await runCli(target, ['test', 'Acme', '--json']);
    expect(JSON.parse(test.stdout)).toMatchObject({ ok: true });
    expect(leaks([password, token], [run])).toEqual([]);
  });

  it('sf: browser-login orgs through the given consumer key; the access token is kept nowhere', async () => {
    const ACCESS = '00DFAKE!AQ4AQSessionTokenFromSfOrgList';
    const file = path.join(work, 'orgs.json');
    const org = { alias: 'acme', username: PROD_ADMIN, instanceUrl: fake.org.loginUrl, loginUrl: fake.org.loginUrl, accessToken: ACCESS };
    fs.writeFileSync(file, JSON.stringify({ status: 0, result: { nonScratchOrgs: [org], devHubs: [org], scratchOrgs: [], sandboxes: [] } }));
    const missing = await runCli(target, ['import', 'sf', file, '--yes']);
    expect(missing.code).toBe(2);
    expect(errorLineOf(missing)).toMatch(/^orgkey: INVALID_INPUT: --client-id: /);
    const run = await runCli(target, ['import', 'sf', file, '--client-id', '3MVG9FakeExternalClientApp', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ dryRun: false, result: { counts: { imported: 1, failed: 0, skipped: 0 } } });
    expect(await listJson()).toEqual([expect.objectContaining({ alias: 'acme', auth: 'browser', clientId: '3MVG9FakeExternalClientApp' })]);
    expect(leaks([ACCESS], [missing, run])).toEqual([]);
  });
});
