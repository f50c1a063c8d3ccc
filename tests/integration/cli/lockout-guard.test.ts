/**
 * The lockout guard across processes: several `orgkey` commands testing one org with a wrong
 * password at the same moment, and one killed in the middle of its login. Real CLI processes, the
 * real keychain and settings file, the fake org's login history as the witness.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { STALE_MARGIN_MS } from '../../../electron/core/connection/lockout-guard';
import { openConfSettings } from '../../../electron/core/settings/store';
import { DEFAULT_PREFERENCES } from '../../../shared/domain';
import { errorLineOf, runCli, startCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, type Control } from '../../support/fake-org';

const suite = useCliSuite('cli-guard');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

const GUARD = DEFAULT_PREFERENCES.lockoutGuardFailures;
const WRONG_TOKEN = 'WrongToken0123456789abcde';
const logins = async () => (await control.loginHistory(PROD_ADMIN)).length;
const settingsFile = () => JSON.parse(fs.readFileSync(path.join(target.dataDir, 'settings.json'), 'utf8')) as {
  orgs: Array<{ consecutiveFailures: number }>;
  loginAttempts: Array<{ id: string; orgId: string; startedAt: string }>;
};

async function addWithWrongToken() {
  const { password } = await credentials(control, PROD_ADMIN);
  const added = await runCli(target, ['add', 'Prod', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${password}\n${WRONG_TOKEN}\n` });
  expect(added.code, added.stderr).toBe(0);
}

describe('concurrent orgkey processes', () => {
  it('send no more than the guard’s number of logins with a wrong password, however many test at once', async () => {
    await addWithWrongToken();
    // Slow logins, so that every process checks the guard while the first logins are still in flight.
    await control.injectFaults({ path: '/services/Soap/u', count: 6, latencyMs: 1500 });
    const runs = await Promise.all([
      runCli(target, ['test', 'Prod', '--json']),
      runCli(target, ['test', 'Prod', '--json']),
      runCli(target, ['test', 'Prod', '--json']),
      runCli(target, ['test', 'Prod', '--json']),
      runCli(target, ['test', '--all', '--json']),
      runCli(target, ['token', 'Prod', '--json'], { input: 'AbCdEfGhIjKlMnOpQrStUvWx1\n' }),
    ]);
    const sent = await logins();
    expect(sent).toBeLessThanOrEqual(GUARD);

    const codes = runs.map((run) => {
      const parsed = JSON.parse(run.stdout) as { code: string } | Array<{ code: string }> | { test: { code: string } };
      return Array.isArray(parsed) ? parsed[0]!.code : 'test' in parsed ? parsed.test.code : parsed.code;
    });
    expect(codes.filter((code) => code === 'INVALID_LOGIN')).toHaveLength(sent);
    expect(codes.filter((code) => code !== 'INVALID_LOGIN')).toEqual(Array(runs.length - sent).fill('LOCKOUT_GUARD'));
    for (const run of runs) expect(run.code).toBe(1);
    expect(settingsFile().orgs[0]!.consecutiveFailures).toBe(sent);
    expect(settingsFile().loginAttempts).toEqual([]);
  });
});

// Last in the file: the killed process's login is still delayed at the fake org when the test ends
// (the server's shutdown after the file ends it before it can reach the login history of another test).
describe('a process killed mid-login', () => {
  it('leaves an attempt that counts as in flight, then as a failure once stale, and --confirm-retry still gets through', async () => {
    await addWithWrongToken();
    await control.injectFaults({ path: '/services/Soap/u', count: 1, latencyMs: 60_000 });
    const killed = startCli(target, ['test', 'Prod']);
    // Killed once its login has reached the fake org (the slow answer has taken the fault).
    await expect.poll(async () => (await control.state()).faults.length, { timeout: 20_000 }).toBe(0);
    killed.child.kill('SIGKILL');
    await killed.result;
    expect(settingsFile().loginAttempts).toHaveLength(1);

    // In flight as far as anyone knows: one more login fits under a guard of 2, then the guard holds.
    expect(errorLineOf(await runCli(target, ['test', 'Prod']))).toMatch(/^orgkey: INVALID_LOGIN: /);
    const held = await runCli(target, ['test', 'Prod']);
    expect(errorLineOf(held)).toMatch(/^orgkey: LOCKOUT_GUARD: The last login of admin@acme\.example failed, and 1 login more is still under way/);

    // Time passes beyond the test timeout and the margin: the dead attempt is counted and cleared.
    const long = new Date(Date.now() - DEFAULT_PREFERENCES.testTimeoutSeconds * 1000 - STALE_MARGIN_MS - 1000).toISOString();
    openConfSettings(target.dataDir).update((doc) => ({ ...doc, loginAttempts: doc.loginAttempts.map((attempt) => ({ ...attempt, startedAt: long })) }));
    const counted = await runCli(target, ['test', 'Prod']);
    expect(errorLineOf(counted)).toMatch(/^orgkey: LOCKOUT_GUARD: The last 2 logins of admin@acme\.example failed\./);
    expect(settingsFile()).toMatchObject({ loginAttempts: [], orgs: [{ consecutiveFailures: 2 }] });

    const before = await logins();
    expect(errorLineOf(await runCli(target, ['test', 'Prod', '--confirm-retry']))).toMatch(/^orgkey: INVALID_LOGIN: /);
    expect(await logins()).toBe(before + 1);
  });
});
