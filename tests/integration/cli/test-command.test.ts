/**
 * `orgkey test` against the fake org with real jsforce and the real keychain: the JSON shapes,
 * exit codes, the lockout guard, `--all`, and that `orgkey list` never loads jsforce.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorLineOf, runCli, startCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../../support/fake-org';

const RECORDER = path.join(import.meta.dirname, 'fixtures', 'record-modules.mjs');
const TEST_JSON_KEYS = [
  'alias', 'ok', 'code', 'message', 'remedy', 'orgId', 'orgName', 'isSandbox', 'userName', 'instanceUrl', 'apiRequestsRemaining', 'apiRequestsUnavailable', 'latencyMs', 'testedAt',
];

const suite = useCliSuite('cli-test');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

async function add(alias: string, username: string, secrets?: { password: string; token: string }) {
  const { password, token } = secrets ?? (await credentials(control, username));
  const result = await runCli(target, ['add', alias, '--username', username, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${password}\n${token}\n` });
  expect(result.code, result.stderr).toBe(0);
}

const attempts = async (username: string) => (await control.loginHistory(username)).length;

describe('orgkey test <alias>', () => {
  it('logs in and prints the documented JSON, exit 0', async () => {
    await add('Prod', PROD_ADMIN);
    const { orgId } = await credentials(control, PROD_ADMIN);
    const result = await runCli(target, ['test', 'Prod', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(TEST_JSON_KEYS);
    expect(json).toMatchObject({
      alias: 'Prod',
      ok: true,
      code: null,
      message: null,
      remedy: null,
      orgId,
      orgName: 'Acme Corporation',
      isSandbox: false,
      userName: PROD_ADMIN,
      instanceUrl: fake.org.loginUrl,
    });
    expect(json.apiRequestsRemaining).toEqual(expect.any(Number));
    expect(json.apiRequestsUnavailable).toBeNull();
    expect(json.latencyMs).toEqual(expect.any(Number));
    expect(Date.parse(json.testedAt as string)).not.toBeNaN();
    expect(result.stderr).toBe('');
    expect(await attempts(PROD_ADMIN)).toBe(1);

    // The result is stored like the app's: list shows it as the last test.
    const [listed] = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<{ lastTest: Record<string, unknown>; testedSinceTokenSet: boolean }>;
    const { alias: _alias, ...lastTest } = json;
    expect(listed!.lastTest).toEqual(lastTest);
    expect(listed!.testedSinceTokenSet).toBe(true);
  });

  it('passes for a user without View Setup and Configuration, saying the API requests left are unavailable and why', async () => {
    await add('Prod', PROD_ADMIN);
    await control.patchUser(PROD_ADMIN, { viewSetup: false });
    const human = await runCli(target, ['test', 'Prod']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^ok {6}Prod: logged in as /);
    expect(human.stdout).toContain('API requests left: unavailable — this user lacks “View Setup and Configuration”');
    expect(human.stdout).toContain('Setup → Users → Permission Sets or Profiles → System Permissions');
    const json = await runCli(target, ['test', 'Prod', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      code: null,
      userName: PROD_ADMIN,
      apiRequestsRemaining: null,
      apiRequestsUnavailable: expect.stringMatching(/^this user lacks “View Setup and Configuration”/),
    });
  });

  it('says in words why a login failed, on stdout and as one stderr line, exit 1', async () => {
    const { password } = await credentials(control, PROD_ADMIN);
    await add('Prod', PROD_ADMIN, { password, token: 'WrongToken0123456789abcde' });
    const human = await runCli(target, ['test', 'Prod']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^failed {2}Prod: INVALID_LOGIN: /);
    expect(errorLineOf(human)).toMatch(/^orgkey: INVALID_LOGIN: \S.* \S/);

    const json = await runCli(target, ['test', 'Prod', '--json', '--confirm-retry']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ alias: 'Prod', ok: false, code: 'INVALID_LOGIN', message: expect.any(String), remedy: expect.any(String), orgId: null, orgName: null, isSandbox: null });
  });

  it('refuses a third failing login without --confirm-retry (lockout guard), exit 1, and makes no attempt', async () => {
    const { password } = await credentials(control, PROD_ADMIN);
    await add('Prod', PROD_ADMIN, { password, token: 'WrongToken0123456789abcde' });
    expect((await runCli(target, ['test', 'Prod'])).code).toBe(1);
    expect((await runCli(target, ['test', 'Prod'])).code).toBe(1);
    expect(await attempts(PROD_ADMIN)).toBe(2);

    const guarded = await runCli(target, ['test', 'Prod', '--json']);
    expect(guarded.code).toBe(1);
    expect(errorLineOf(guarded)).toMatch(/^orgkey: LOCKOUT_GUARD: The last 2 logins of admin@acme\.example failed\./);
    expect(JSON.parse(guarded.stdout)).toMatchObject({ alias: 'Prod', ok: false, code: 'LOCKOUT_GUARD', testedAt: null, latencyMs: null });
    expect(await attempts(PROD_ADMIN)).toBe(2);

    const confirmed = await runCli(target, ['test', 'Prod', '--confirm-retry']);
    expect(confirmed.code).toBe(1);
    expect(errorLineOf(confirmed)).toMatch(/^orgkey: INVALID_LOGIN: /);
    expect(await attempts(PROD_ADMIN)).toBe(3);
  });
});

describe('orgkey test --all', () => {
  it('tests every org and prints an array in name order; exit 1 when one fails', async () => {
    await add('b-sandbox', SANDBOX_ADMIN);
    const { password } = await credentials(control, PROD_ADMIN);
    await add('a-prod', PROD_ADMIN, { password, token: 'WrongToken0123456789abcde' });
    const result = await runCli(target, ['test', '--all', '--json', '--concurrency', '2']);
    expect(result.code).toBe(1);
    const results = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(results.map((r) => [r.alias, r.ok, r.code, r.isSandbox])).toEqual([
      ['a-prod', false, 'INVALID_LOGIN', null],
      ['b-sandbox', true, null, true],
    ]);
    for (const entry of results) expect(Object.keys(entry)).toEqual(TEST_JSON_KEYS);
    expect(errorLineOf(result)).toBe('orgkey: TESTS_FAILED: 1 of 2 orgs did not pass the test.');
  });

  it('exit 0 when all pass; an org held by the lockout guard is reported, not tested', async () => {
    await add('Sandbox', SANDBOX_ADMIN);
    const ok = await runCli(target, ['test', '--all']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ok {6}Sandbox: logged in as admin@acme\.example\.uat/m);

    const { password } = await credentials(control, PROD_ADMIN);
    await add('Prod', PROD_ADMIN, { password, token: 'WrongToken0123456789abcde' });
    await runCli(target, ['test', 'Prod']);
    await runCli(target, ['test', 'Prod']);
    const before = await attempts(PROD_ADMIN);
    const all = await runCli(target, ['test', '--all']);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/^skipped Prod: LOCKOUT_GUARD: .* Test it alone with: orgkey test Prod --confirm-retry$/m);
    expect(await attempts(PROD_ADMIN)).toBe(before);
  });
});

describe('start-up cost', () => {
  const modulesLoaded = async (args: string[]) => {
    const log = path.join(target.dataDir, 'modules.log');
    fs.writeFileSync(log, '');
    const result = await runCli({ ...target, env: { ORGKEY_TEST_MODULE_LOG: log } }, args, { nodeOptions: ['--import', RECORDER] });
    expect(result.code, result.stderr).toBe(0);
    return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  };
  // A package as asked for by name: `import jsforce`, `import jsforce/lib/transport.js`, `require keytar`.
  const isModule = (name: string) => (line: string) => new RegExp(`^(import|require) ${name}(/.*)?$`).test(line);

  it('orgkey list loads neither jsforce nor keytar nor React; orgkey test does load jsforce', async () => {
    await add('Prod', PROD_ADMIN);
    const listing = await modulesLoaded(['list']);
    expect(listing, listing.join('\n')).toContain('import node:fs'); // the recorder sees the command's imports (list loads no package: not even conf)
    expect(listing.filter(isModule('jsforce'))).toEqual([]);
    expect(listing.filter(isModule('keytar'))).toEqual([]);
    expect(listing.filter(isModule('react'))).toEqual([]);

    const testing = await modulesLoaded(['test', 'Prod']);
    expect(testing.some(isModule('jsforce'))).toBe(true);
  });
});

// Last in the file: the interrupted login is still delayed at the fake org when the test ends, and
// must not reach the login history of another test.
describe('orgkey test --all, interrupted', () => {
  it('Ctrl-C cancels the login in flight and starts no more: each org is CANCELLED in the JSON, exit 130', async () => {
    await add('a-prod', PROD_ADMIN);
    await add('b-sandbox', SANDBOX_ADMIN);
    await control.injectFaults({ path: '/services/Soap/u', count: 1, latencyMs: 60_000 });
    const run = startCli(target, ['test', '--all', '--json', '--concurrency', '1']);
    // Interrupted once the first login has reached the fake org (the slow answer has taken the fault).
    await expect.poll(async () => (await control.state()).faults.length, { timeout: 20_000 }).toBe(0);
    run.child.kill('SIGINT');
    const result = await run.result;
    expect(result.code, result.stderr).toBe(130);
    expect((JSON.parse(result.stdout) as Array<Record<string, unknown>>).map((r) => [r.alias, r.code, r.message])).toEqual([
      ['a-prod', 'CANCELLED', expect.any(String)],
      ['b-sandbox', 'CANCELLED', 'Not tested: the run was interrupted.'],
    ]);
    expect(errorLineOf(result)).toBe('orgkey: CANCELLED: Interrupted: the remaining tests were cancelled.');
    expect(await attempts(SANDBOX_ADMIN)).toBe(0);
  });
});
