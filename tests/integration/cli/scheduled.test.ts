/**
 * The command line for servers: `orgkey test --all --scheduled` with the scheduled checks' rules
 * against the fake org (its login history shows which orgs were logged in to), `orgkey schedule`
 * printing what to install, and `orgkey history`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CLI, errorLineOf, runCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../../support/fake-org';
import { makeTempDir, removeTempDir } from '../../support/temp';

const suite = useCliSuite('cli-sched');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

async function add(alias: string, username: string, password?: string) {
  const creds = await credentials(control, username);
  const result = await runCli(target, ['add', alias, '--username', username, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${password ?? creds.password}\n${creds.token}\n` });
  expect(result.code, result.stderr).toBe(0);
}
const logins = async (username: string) => (await control.loginHistory(username)).length;

describe('orgkey test --all --scheduled', () => {
  it('reports an org whose password is wrong as NEEDS_PERSON without logging in, tests the others, exit 1', async () => {
    await add('Good', PROD_ADMIN);
    await add('Wrong', SANDBOX_ADMIN, 'not-the-password');
    expect((await runCli(target, ['test', 'Wrong'])).code).toBe(1);
    expect(await logins(SANDBOX_ADMIN)).toBe(1);

    const human = await runCli(target, ['test', '--all', '--scheduled']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^ok {6}Good: logged in as /m);
    expect(human.stdout).toContain('skipped Wrong: NEEDS_PERSON: Not checked: the last login failed in a way only a person can fix');
    expect(human.stdout).toContain('Test it yourself with: orgkey test Wrong');
    expect(errorLineOf(human)).toBe('orgkey: TESTS_FAILED: 1 of 2 orgs did not pass the test.');
    expect(await logins(SANDBOX_ADMIN)).toBe(1);
    expect(await logins(PROD_ADMIN)).toBe(1);

    const json = await runCli(target, ['test', '--all', '--scheduled', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ alias: 'Good', ok: true, code: null }),
      expect.objectContaining({ alias: 'Wrong', ok: false, code: 'NEEDS_PERSON', testedAt: null }),
    ]);
    expect(await logins(SANDBOX_ADMIN)).toBe(1);

    // The history tells the scheduled checks from the tests, the skipped ones too.
    const history = await runCli(target, ['history', 'Wrong', '--json']);
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout)).toEqual([
      { at: expect.any(String), ok: false, scheduled: true, code: 'INVALID_LOGIN', skipped: 'needs-person', latencyMs: null },
      { at: expect.any(String), ok: false, scheduled: true, code: 'INVALID_LOGIN', skipped: 'needs-person', latencyMs: null },
      { at: expect.any(String), ok: false, scheduled: false, code: 'INVALID_LOGIN', skipped: null, latencyMs: expect.any(Number) },
    ]);
    const text = await runCli(target, ['history', 'Good']);
    expect(text.stdout.split('\n')[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}scheduled {2}ok {2}\d+ ms$/);
  });

  it('never passes the lockout guard, and refuses --confirm-retry and a missing --all', async () => {
    await add('Wrong', SANDBOX_ADMIN, 'not-the-password');
    await runCli(target, ['test', 'Wrong']);
    await runCli(target, ['test', 'Wrong', '--confirm-retry']);
    // An edit is a person acting: the org is no longer held back for a person, but the guard still holds.
    expect((await runCli(target, ['edit', 'Wrong', '--alias', 'Renamed'])).code).toBe(0);
    expect(await logins(SANDBOX_ADMIN)).toBe(2);
    const result = await runCli(target, ['test', '--all', '--scheduled', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ alias: 'Renamed', ok: false, code: 'LOCKOUT_GUARD' })]);
    expect(await logins(SANDBOX_ADMIN)).toBe(2);

    const usage = await runCli(target, ['test', '--all', '--scheduled', '--confirm-retry']);
    expect(usage.code).toBe(2);
    expect(errorLineOf(usage)).toContain('--scheduled does not go with --confirm-retry');
    expect((await runCli(target, ['test', 'Renamed', '--scheduled'])).code).toBe(2);
  });

  it('without a reachable keychain (a job outside the desktop session): KEYCHAIN_UNAVAILABLE, exit 3, no login', async () => {
    await add('Good', PROD_ADMIN);
    const result = await runCli({ ...target, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/orgkey-no-secret-service' } }, ['test', '--all', '--scheduled']);
    expect(result.code).toBe(3);
    expect(errorLineOf(result)).toMatch(/^orgkey: KEYCHAIN_UNAVAILABLE: /);
    expect(result.stderr).toContain('Secret Service');
    expect(await logins(PROD_ADMIN)).toBe(0);
  });

  it('runs from a job with a D-Bus session and a keyring of its own, unlocked from a file (the README’s recipe)', async () => {
    const home = makeTempDir('cli-sched-home');
    try {
      fs.writeFileSync(path.join(home, '.orgkey-keyring-password'), 'a-keyring-password', { mode: 0o600 });
      const { password, token } = await credentials(control, PROD_ADMIN);
      // Each job starts and unlocks the same keyring (kept under HOME) in a session of its own.
      const job = (command: string, input = '') =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          // As cron starts a job: no session bus, nothing of this test run's own keyring (its runtime and data folders).
          const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: home, ORGKEY_DATA_DIR: target.dataDir, ORGKEY_KEYCHAIN_SERVICE: target.service };
          for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'GNOME_KEYRING_CONTROL']) delete env[name];
          const script = `gnome-keyring-daemon --unlock --components=secrets < "$HOME/.orgkey-keyring-password" >/dev/null && ${command}`;
          const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], { env });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.stdin.end(input);
          child.on('close', (code) => resolve({ code, stdout, stderr }));
        });
      const orgkey = `"${process.execPath}" "${CLI}"`;
      const added = await job(`${orgkey} add Good --username ${PROD_ADMIN} --env ${fake.org.loginUrl} --secrets-stdin`, `${password}\n${token}\n`);
      expect(added.code, added.stderr).toBe(0);
      const checked = await job(`${orgkey} test --all --scheduled`);
      expect(checked.code, checked.stderr).toBe(0);
      expect(checked.stdout).toContain('The org passed.');
      expect(await logins(PROD_ADMIN)).toBe(1);
    } finally {
      removeTempDir(home);
    }
  });

  it('with no org needing a person and every login working: exit 0', async () => {
    await add('Good', PROD_ADMIN);
    const result = await runCli(target, ['test', '--all', '--scheduled']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('The org passed.');
  });
});

describe('orgkey schedule', () => {
  it('prints the crontab line, the launchd agent or the schtasks command that runs this orgkey on the schedule', async () => {
    const cron = await runCli(target, ['schedule', '--daily', '06:30', '--os', 'linux']);
    expect(cron.code, cron.stderr).toBe(0);
    expect(cron.stdout).toContain(`30 6 * * * ${process.execPath} ${CLI} --data-dir ${target.dataDir} test --all --scheduled\n`);

    const launchd = await runCli(target, ['schedule', '--every', '6', '--os', 'darwin']);
    expect(launchd.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(launchd.stdout).toContain('<key>StartInterval</key>\n  <integer>21600</integer>');
    expect(launchd.stdout).toContain(`<string>${CLI}</string>\n    <string>--data-dir</string>`);

    const windows = await runCli(target, ['schedule', '--every', '6', '--os', 'win32']);
    expect(windows.stdout).toMatch(/^schtasks \/Create \/TN "OrgKey scheduled checks" \/SC HOURLY \/MO 6 \/TR ".* test --all --scheduled" \/F$/m);
  });

  it('takes the app’s schedule when none is given, and refuses a bad time or both kinds', async () => {
    const fallback = await runCli(target, ['schedule', '--os', 'linux']);
    expect(fallback.stdout).toMatch(/^0 7 \* \* \* /m);
    for (const args of [['--daily', '7:00'], ['--every', '25'], ['--daily', '07:00', '--every', '2'], ['--os', 'beos']]) {
      const result = await runCli(target, ['schedule', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
    }
  });
});
