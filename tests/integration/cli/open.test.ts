/**
 * `orgkey open` end to end: a real login, the fake org's single-use link printed into a pipe (and
 * refused onto a terminal), opened once and not twice, and the browser launched through xdg-open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorLineOf, onTerminal, runCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, type Control } from '../../support/fake-org';

const suite = useCliSuite('cli-open');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

async function addProd() {
  const creds = await credentials(control, PROD_ADMIN);
  const result = await runCli(target, ['add', 'Prod', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${creds.password}\n${creds.token}\n` });
  expect(result.code, result.stderr).toBe(0);
}

const visit = async (url: string) => (await fetch(url, { redirect: 'manual' })).status;

describe('orgkey open', () => {
  it('--url-only prints a single-use link into a pipe that lands on --path once', async () => {
    await addProd();
    const result = await runCli(target, ['open', 'Prod', '--url-only', '--path', '/lightning/setup/SetupOneHome/home']);
    expect(result.code, result.stderr).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.pathname).toBe('/secur/frontdoor.jsp');
    expect(url.searchParams.get('startURL')).toBe('/lightning/setup/SetupOneHome/home');
    expect(url.searchParams.has('sid')).toBe(false);
    expect(await visit(url.toString())).toBe(200);
    expect(await visit(url.toString())).toBe(401);
  });

  it('--url-only refuses a terminal without --force, before logging in', async () => {
    await addProd();
    const { code, screen } = await onTerminal(target, ['open', 'Prod', '--url-only']).finish();
    expect(code).toBe(2);
    expect(screen).toContain('STDOUT_IS_TERMINAL');
    expect(screen).not.toContain('frontdoor.jsp');
    expect(await control.loginHistory(PROD_ADMIN)).toHaveLength(0);
  });

  it('refuses a --path that does not start with /', async () => {
    await addProd();
    const result = await runCli(target, ['open', 'Prod', '--url-only', '--path', 'lightning/setup']);
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toContain('starts with /');
    expect(await control.loginHistory(PROD_ADMIN)).toHaveLength(0);
  });

  it('opens the link with xdg-open, one argument, and prints nothing of it', async () => {
    await addProd();
    const bin = path.join(target.dataDir, 'bin');
    const opened = path.join(target.dataDir, 'opened.txt');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\nexit 0\n`, { mode: 0o755 });
    const result = await runCli({ ...target, env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } }, ['open', 'Prod']);
    expect(result.code, result.stderr).toBe(0);
    const lines = fs.readFileSync(opened, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(new URL(lines[0]!).searchParams.has('otp')).toBe(true);
    expect(result.stdout + result.stderr).not.toContain('otp=');
    expect(result.stderr).toContain('Opened Prod in your browser with a single-use login link.');
  });

  it('says so and prints the login page when Salesforce gives no single-use link', async () => {
    await addProd();
    await control.injectFaults({ path: '/services/oauth2/singleaccess', status: 403, count: 1 });
    const result = await runCli(target, ['open', 'Prod', '--url-only']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Salesforce gave no single-use login link');
    expect(new URL(result.stdout.trim()).origin).toBe(new URL(fake.org.loginUrl).origin);
  });
});
