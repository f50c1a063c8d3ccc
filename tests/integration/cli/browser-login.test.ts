/**
 * Browser login from a terminal: `orgkey add --browser-login`, `login`, `logout`, `edit`, and what
 * `list`, `show` and `test` say about it, with the built command, a real settings file, the real
 * keychain and the fake org's authorize pages, walked by a minimal browser
 * (tests/support/fake-browser.ts) that follows the redirect to the CLI's loopback callback.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorLineOf, onTerminal, runCli, startCli, useCliSuite, type CliEnv, type CliResult, type CliSuite } from '../../support/cli';
import { fakeBrowser } from '../../support/fake-browser';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../../support/fake-org';
import { keychainEntries } from '../../support/keychain';
import { readAllFiles } from '../../support/temp';
import { freePort } from '../../support/ports';
import { secretsFromEntries } from '../../support/org-secrets';
import type { SecretKind } from '../../../shared/login-methods';

const suite = useCliSuite('cli-browser');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

/** Many CLI runs in one test: give them room on a busy machine. */
const LONG = 90_000;


/** Whether something can listen on `port` on the loopback right now (nothing holds it). */
async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const callbackUrl = (port: number) => `http://localhost:${port}/oauth/callback`;

/** The production org's External Client App with its callback URL set to `port`'s (or a new app). */
async function appFor(port: number, options: { requireSecret?: boolean } = {}) {
  const { orgId } = await credentials(control, PROD_ADMIN);
  if (options.requireSecret) {
    return control.createExternalClientApp(orgId, { name: 'Secret app', callbackUrls: [callbackUrl(port)], requireSecret: true });
  }
  const app = (await control.state()).orgs.find((org) => org.id === orgId)!.externalClientApps[0]!;
  await control.patchApp(app.clientId, { callbackUrls: [callbackUrl(port)] });
  return app;
}

/** `orgkey add <alias> --browser-login` on the fake org, through an app whose callback is on a free port. */
async function addBrowserOrg(alias = 'Acme') {
  const port = await freePort();
  const app = await appFor(port);
  const added = await runCli(target, ['add', alias, '--browser-login', '--client-id', app.clientId, '--port', String(port), '--env', fake.org.loginUrl]);
  expect(added.code, added.stderr).toBe(0);
  return { port, app, added };
}

const AUTHORIZE_LINE = /^Open this address to sign in: (\S+)$/m;

/**
 * Run `orgkey login alias` and play the browser on the address it printed: log in as PROD_ADMIN and
 * press Allow or Deny; the browser follows the redirect to the CLI's callback.
 */
async function login(alias: string, decision: 'Allow' | 'Deny' = 'Allow', env: CliEnv = target, extra: string[] = ['--no-browser']) {
  const run = startCli(env, ['login', alias, ...extra]);
  const [, authorizeUrl] = await run.stdoutMatch(AUTHORIZE_LINE);
  const { password } = await credentials(control, PROD_ADMIN);
  const page = await fakeBrowser().signIn(authorizeUrl!, { username: PROD_ADMIN, password, decision });
  return { result: await run.result, authorizeUrl: authorizeUrl!, page, pid: run.child.pid };
}

/** One kind of the (one) org's secrets, from its keychain entry. */
const keychainOf = async (kind: SecretKind) => {
  const entries = await keychainEntries(target.service);
  const orgId = entries.map((entry) => /^org:([^:]+)/.exec(entry.account)?.[1]).find(Boolean);
  const password = orgId ? secretsFromEntries(entries, orgId)[kind] : undefined;
  return password === undefined ? undefined : { password };
};
const listJson = async () => JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<Record<string, unknown>>;

describe('orgkey add --browser-login', () => {
  it('adds an org that keeps no password, and prints the callback URL to register', async () => {
    const { port, app, added } = await addBrowserOrg();
    expect(added.stdout).toContain(`Added “Acme” (${fake.org.loginUrl}, browser login through consumer key ${app.clientId}).`);
    expect(added.stdout).toContain(`Callback URL to register in the app: http://localhost:${port}/oauth/callback`);
    expect(added.stdout).toContain('Sign in: orgkey login Acme');
    // stdin was a pipe and no --secrets-stdin: stdin is not read, and the CLI says no secret was asked for.
    expect(added.stderr).toMatch(/^note: there is no terminal to ask for a consumer secret on, so none is stored; to give one, pipe it and add --secrets-stdin\.$/m);
    expect(await keychainEntries(target.service)).toEqual([]);
    const [org] = await listJson();
    expect(org).toMatchObject({
      alias: 'Acme', auth: 'browser', login: 'oauth', clientId: app.clientId, username: null, passwordUpdatedAt: null, hasToken: false,
      signedIn: false, signedInAt: null, callbackPort: port, callbackUrl: callbackUrl(port), soapLogin: null,
      readiness: 'browser', dependsOnSoapLogin: false,
    });
  });

  it('refuses a missing --client-id with a message that names it, adding nothing (exit 2)', async () => {
    const result = await runCli(target, ['add', 'Acme', '--browser-login', '--env', fake.org.loginUrl]);
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toBe(
      'orgkey: INVALID_INPUT: --client-id: Browser login signs in through your External Client App (or connected app): give its consumer key with --client-id KEY.',
    );
    const portAlone = await runCli(target, ['add', 'Acme', '--username', PROD_ADMIN, '--port', '1718', '--secrets-stdin'], { input: 'x\n\n' });
    expect(portAlone.code).toBe(2);
    expect(errorLineOf(portAlone)).toMatch(/^orgkey: USAGE: --port is the callback port of browser login: it goes with --browser-login\./);
    const lowPort = await runCli(target, ['add', 'Acme', '--browser-login', '--client-id', '3MVG9abcdefghijklmnop', '--port', '80']);
    expect(lowPort.code).toBe(2);
    expect(errorLineOf(lowPort)).toMatch(/^orgkey: USAGE: --port must be a whole number from 1024 to 65535\./);
    // Not a number at all: the same range, not another one.
    const notPort = await runCli(target, ['add', 'Acme', '--browser-login', '--client-id', '3MVG9abcdefghijklmnop', '--port', 'abc']);
    expect(errorLineOf(notPort)).toMatch(/^orgkey: USAGE: --port must be a whole number from 1024 to 65535\./);
    expect(await listJson()).toEqual([]);
  });
});

describe('orgkey login', () => {
  it('signs in through the browser: names the user, keeps the refresh token, and test uses it (SOAP login off)', { timeout: LONG }, async () => {
    const { port, app } = await addBrowserOrg();
    const { orgId } = await credentials(control, PROD_ADMIN);
    // Browser login must not need SOAP login() at all.
    await control.patchOrg(orgId, { soapLoginEnabled: false });

    const { result, authorizeUrl, page } = await login('Acme');
    expect(result.code, result.stderr).toBe(0);
    const authorize = new URL(authorizeUrl);
    expect(authorize.origin + authorize.pathname).toBe(`${fake.org.loginUrl}/services/oauth2/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(callbackUrl(port));
    expect(authorize.searchParams.get('client_id')).toBe(app.clientId);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(result.stderr).toContain(`Waiting for the browser to come back to ${callbackUrl(port)}`);
    expect(result.stdout.trim().split('\n').at(-1)).toBe(`Signed in to Acme as ${PROD_ADMIN}.`);
    expect(page.status).toBe(200);

    const issued = (await control.state()).refreshTokens.filter((token) => token.clientId === app.clientId && token.username === PROD_ADMIN);
    expect(issued).toHaveLength(1);
    expect(issued[0]!.revoked).toBe(false);
    expect((await keychainOf('refreshToken'))?.password).toBe(issued[0]!.token);

    const [org] = await listJson();
    expect(org).toMatchObject({ auth: 'browser', username: PROD_ADMIN, signedIn: true, readiness: 'browser', dependsOnSoapLogin: false });
    expect(Date.now() - Date.parse(org!.signedInAt as string)).toBeLessThan(120_000);
    const table = await runCli(target, ['list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+USERNAME\s+ENVIRONMENT\s+LOGIN\s+TOKEN\s+PASSWORD\s+LAST TEST$/);
    expect(table.stdout).toMatch(new RegExp(`^Acme\\s+${PROD_ADMIN.replace(/\./g, '\\.')}\\s+127\\.0\\.0\\.1:\\d+\\s+browser\\s+-\\s+-\\s+never$`, 'm'));

    const tested = await runCli(target, ['test', 'Acme']);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/^ok {6}Acme: logged in as admin@acme\.example to Acme Corporation/m);
    expect(tested.stdout).toMatch(/ms via browser sign-in \(refresh token\)$/m);

    const shown = await runCli(target, ['show', 'Acme']);
    expect(shown.stdout).toMatch(/^ {2}signed in\s+yes, \d{4}-\d\d-\d\d \(just now\); the refresh token is in the keychain$/m);
    expect(shown.stdout).toMatch(/^ {2}login retirement\s+not affected: Salesforce has announced no end for browser login$/m);
    const detail = JSON.parse((await runCli(target, ['show', 'Acme', '--json'])).stdout) as { secrets: Record<string, { present: boolean }> };
    expect(detail.secrets.refreshToken!.present).toBe(true);
    expect(detail.secrets.password!.present).toBe(false);
  });

  it('Deny in the browser: exit 1 with the denial on stderr, and nothing stored', async () => {
    await addBrowserOrg();
    const { result, page } = await login('Acme', 'Deny');
    expect(page.redirectedTo).toContain('error=access_denied');
    expect(result.code).toBe(1);
    expect(errorLineOf(result)).toMatch(/^orgkey: SIGN_IN_DENIED: The sign-in was denied in the browser \(“Deny” on Salesforce’s Allow Access page\), so nothing was stored\. Sign in again and choose “Allow”\.$/);
    expect(result.stdout).not.toContain('Signed in');
    expect(await keychainOf('refreshToken')).toBeUndefined();
    expect((await control.state()).refreshTokens).toEqual([]);
    expect((await listJson())[0]).toMatchObject({ signedIn: false, signedInAt: null });
  });

  it('a callback port held by another program: exit 3, naming the port and how to choose another', async () => {
    const { port } = await addBrowserOrg();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen({ port, host: '127.0.0.1' }, resolve));
    try {
      const result = await runCli(target, ['login', 'Acme', '--no-browser']);
      expect(result.code).toBe(3);
      expect(errorLineOf(result)).toBe(
        `orgkey: SIGN_IN_PORT_IN_USE: Another program holds port ${port} on this computer, so OrgKey cannot receive the sign-in on http://localhost:${port}/oauth/callback. ` +
          'Close that program (another sign-in, or the Salesforce CLI waiting for its own) and try again, or give this org another port: orgkey edit Acme --port N, then add http://localhost:N/oauth/callback to the app’s callback URLs.',
      );
      expect(result.stdout).not.toContain('Open this address');
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('a callback with another state (another tab or page) gets an error page, and the sign-in goes on to succeed', { timeout: LONG }, async () => {
    const { port } = await addBrowserOrg();
    const run = startCli(target, ['login', 'Acme', '--no-browser']);
    const [, authorizeUrl] = await run.stdoutMatch(AUTHORIZE_LINE);
    await run.stderrHas('Ctrl-C cancels');
    const stray = await fetch(`http://127.0.0.1:${port}/oauth/callback?state=x&code=y`);
    expect(stray.status).toBe(400);
    expect(await stray.text()).toContain('OrgKey is still waiting');

    const { password } = await credentials(control, PROD_ADMIN);
    const page = await fakeBrowser().signIn(authorizeUrl!, { username: PROD_ADMIN, password });
    expect(page.status).toBe(200);
    const result = await run.result;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Signed in to Acme as ${PROD_ADMIN}.`);
    expect((await keychainOf('refreshToken'))?.password).toBeTruthy();
    // Taken once: the port is free again, and a replay of the callback reaches nothing.
    expect(await portIsFree(port)).toBe(true);
    await expect(fetch(page.redirectedTo!)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('Ctrl-C cancels the sign-in (exit 130), frees the port, and a late browser is turned away', async () => {
    const { port } = await addBrowserOrg();
    const run = startCli(target, ['login', 'Acme', '--no-browser']);
    const [, authorizeUrl] = await run.stdoutMatch(AUTHORIZE_LINE);
    await run.stderrHas('Ctrl-C cancels');
    expect(await portIsFree(port)).toBe(false);
    run.child.kill('SIGINT');
    const result = await run.result;
    expect(result.code).toBe(130);
    expect(errorLineOf(result)).toBe('orgkey: CANCELLED: Interrupted: the sign-in was cancelled and nothing was stored.');
    expect(await portIsFree(port)).toBe(true);
    const { password } = await credentials(control, PROD_ADMIN);
    const late = await fakeBrowser().signIn(authorizeUrl!, { username: PROD_ADMIN, password, followCallback: false });
    expect(late.redirectedTo).toMatch(new RegExp(`^http://localhost:${port}/oauth/callback\\?code=`));
    await expect(fetch(late.redirectedTo!)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    expect(await keychainOf('refreshToken')).toBeUndefined();
  });

  it('a password org has nothing to sign in to (exit 2), and says how to switch', async () => {
    const creds = await credentials(control, PROD_ADMIN);
    await runCli(target, ['add', 'Prod', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${creds.password}\n${creds.token}\n` });
    const result = await runCli(target, ['login', 'Prod']);
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toBe(
      'orgkey: NOT_BROWSER_LOGIN: “Prod” logs in with a password, not in the browser, so there is nothing to sign in to. Switch it to browser login first: orgkey edit Prod --browser-login --client-id KEY',
    );
  });

  describe('opening the browser', () => {
    /** A stand-in `xdg-open` first on PATH that records its arguments and exits with `code`. */
    function withOpener(code: number): { env: CliEnv; opened: string } {
      const bin = path.join(target.dataDir, 'bin');
      const opened = path.join(target.dataDir, 'opened.txt');
      fs.mkdirSync(bin, { recursive: true });
      fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\nexit ${code}\n`, { mode: 0o755 });
      return { env: { ...target, env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } }, opened };
    }

    it('opens the authorize page (one argument, nothing else) and still prints it', async () => {
      await addBrowserOrg();
      const { env, opened } = withOpener(0);
      const { result, authorizeUrl } = await login('Acme', 'Allow', env, []);
      expect(result.code, result.stderr).toBe(0);
      expect(fs.readFileSync(opened, 'utf8')).toBe(`${authorizeUrl}\n`);
      expect(result.stderr).toMatch(/^Opened it in your browser\.$/m);
      expect(result.stdout).toContain(`Signed in to Acme as ${PROD_ADMIN}.`);
    });

    it('says so when no browser opens, and keeps waiting for one opened by hand', async () => {
      await addBrowserOrg();
      const { env, opened } = withOpener(3);
      const { result } = await login('Acme', 'Allow', env, []);
      expect(fs.existsSync(opened)).toBe(true);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/^warning: no browser could be opened here; open the address above yourself\.$/m);
      expect(result.stdout).toContain(`Signed in to Acme as ${PROD_ADMIN}.`);
    });
  });
});

describe('signed out, revoked', () => {
  it('orgkey logout revokes the refresh token at Salesforce and deletes it from the keychain', { timeout: LONG }, async () => {
    const { app } = await addBrowserOrg();
    expect((await login('Acme')).result.code).toBe(0);
    const token = (await keychainOf('refreshToken'))!.password;

    const result = await runCli(target, ['logout', 'Acme']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Signed out of Acme: the sign-in was revoked at Salesforce and removed from the keychain.\n');
    expect((await control.state()).refreshTokens.find((entry) => entry.token === token)).toMatchObject({ clientId: app.clientId, revoked: true });
    expect(await keychainOf('refreshToken')).toBeUndefined();
    expect((await listJson())[0]).toMatchObject({ signedIn: false, signedInAt: null });

    const tested = await runCli(target, ['test', 'Acme']);
    expect(tested.code).toBe(1);
    expect(errorLineOf(tested)).toMatch(/^orgkey: NOT_SIGNED_IN: /);
    expect(tested.stdout).toMatch(/^ {8}Sign in: orgkey login Acme$/m);

    // Signed out already: nothing was there to revoke, which JSON says with null.
    const again = await runCli(target, ['logout', 'Acme', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ alias: 'Acme', wasSignedIn: false, revoked: null });
    expect(again.stderr).toBe('');
  });

  it('a refresh token revoked by an admin: orgkey test exits 1 and says to sign in again', { timeout: LONG }, async () => {
    await addBrowserOrg();
    expect((await login('Acme')).result.code).toBe(0);
    expect(await control.revokeRefreshTokens(PROD_ADMIN)).toBe(1);

    const tested = await runCli(target, ['test', 'Acme']);
    expect(tested.code).toBe(1);
    expect(tested.stdout).toMatch(/^failed {2}Acme: OAUTH_SIGN_IN_AGAIN: The browser sign-in for this org has expired or was revoked/m);
    expect(tested.stdout).toContain('Sign in again');
    expect(tested.stdout).toMatch(/^ {8}Sign in: orgkey login Acme$/m);
    expect(errorLineOf(tested)).toMatch(/^orgkey: OAUTH_SIGN_IN_AGAIN: .* Sign in again with the browser\.$/);
    // Not a lockout risk: signing in again clears it.
    expect((await login('Acme')).result.code).toBe(0);
    expect((await runCli(target, ['test', 'Acme'])).code).toBe(0);
  });
});

describe('secrets', () => {
  it('an app that requires its secret: taken on stdin or a hidden prompt, never in argv, output or files', { timeout: LONG }, async () => {
    const port = await freePort();
    const app = await appFor(port, { requireSecret: true });
    const addArgs = ['--browser-login', '--client-id', app.clientId, '--port', String(port), '--env', fake.org.loginUrl];
    const outputs: CliResult[] = [];

    // On a terminal the secret is asked for with hidden input.
    const session = onTerminal(target, ['add', 'Typed', ...addArgs]);
    await session.answer('Consumer secret (leave empty if the app does not require one): ', `${app.clientSecret}\r`);
    const typed = await session.finish();
    expect(typed.code, typed.screen).toBe(0);
    expect(typed.screen).not.toContain(app.clientSecret);
    expect((await keychainOf('clientSecret'))?.password).toBe(app.clientSecret);

    const added = await runCli(target, ['add', 'Acme', ...addArgs, '--secrets-stdin'], { input: `${app.clientSecret}\n` });
    expect(added.code, added.stderr).toBe(0);
    outputs.push(added);

    const run = startCli(target, ['login', 'Acme', '--no-browser']);
    const [, authorizeUrl] = await run.stdoutMatch(AUTHORIZE_LINE);
    const argv = fs.existsSync(`/proc/${run.child.pid}/cmdline`) ? fs.readFileSync(`/proc/${run.child.pid}/cmdline`, 'utf8') : run.child.spawnargs.join('\0');
    const { password } = await credentials(control, PROD_ADMIN);
    const page = await fakeBrowser().signIn(authorizeUrl!, { username: PROD_ADMIN, password });
    const signedIn = await run.result;
    expect(signedIn.code, signedIn.stderr).toBe(0);
    outputs.push(signedIn);
    const code = new URL(page.redirectedTo!).searchParams.get('code')!;
    const refreshToken = (await keychainOf('refreshToken'))!.password;
    expect(refreshToken.length).toBeGreaterThan(20);

    for (const args of [['test', 'Acme'], ['list'], ['list', '--json'], ['show', 'Acme'], ['show', 'Acme', '--json'], ['logout', 'Acme']]) {
      const result = await runCli(target, args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      outputs.push(result);
    }
    const secrets = { consumerSecret: app.clientSecret, password, code, refreshToken };
    for (const [name, secret] of Object.entries(secrets)) {
      expect(argv, name).not.toContain(secret);
      expect(authorizeUrl, name).not.toContain(secret);
      for (const output of outputs) expect(output.stdout + output.stderr, name).not.toContain(secret);
      for (const { file, text } of readAllFiles(target.dataDir)) expect(text, `${name} in ${file}`).not.toContain(secret);
    }
  });

  it('orgkey token and password refuse a browser-login org: it keeps neither (exit 2)', async () => {
    await addBrowserOrg();
    for (const command of ['token', 'password']) {
      const result = await runCli(target, [command, 'Acme'], { input: 'Abcdefghij0123456789KLMNO\n' });
      expect(result.code, command).toBe(2);
      expect(errorLineOf(result)).toBe(
        'orgkey: NOT_PASSWORD_LOGIN: “Acme” signs in with the browser: OrgKey keeps no password or security token for it. Sign in again with: orgkey login Acme (or switch back: orgkey edit Acme --password-login).',
      );
    }
    expect(await keychainEntries(target.service)).toEqual([]);
  });
});

describe('switching and SOAP login() readiness', () => {
  it('edit switches a password org to browser login and back; the password stays, the sign-in is kept until the password is proved, then revoked on request', { timeout: LONG }, async () => {
    const creds = await credentials(control, PROD_ADMIN);
    const added = await runCli(target, ['add', 'Prod', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${creds.password}\n${creds.token}\n` });
    expect(added.code, added.stderr).toBe(0);
    expect((await runCli(target, ['test', 'Prod'])).code).toBe(0);
    expect((await listJson())[0]).toMatchObject({ auth: 'password', login: 'soap', readiness: 'soap-allowed', dependsOnSoapLogin: true, soapLogin: { allowed: true } });

    const refused = await runCli(target, ['edit', 'Prod', '--port', '1718']);
    expect(refused.code).toBe(2);
    expect(errorLineOf(refused)).toMatch(/^orgkey: USAGE: --port is the callback port of browser login, and “Prod” logs in with a password\./);

    const port = await freePort();
    const app = await appFor(port);
    const switched = await runCli(target, ['edit', 'Prod', '--browser-login', '--client-id', app.clientId, '--port', String(port)]);
    expect(switched.code, switched.stderr).toBe(0);
    expect(switched.stdout).toContain(`Callback URL to register in the app: ${callbackUrl(port)}`);
    expect(switched.stdout).toContain('Sign in: orgkey login Prod');
    expect((await listJson())[0]).toMatchObject({ auth: 'browser', clientId: app.clientId, callbackPort: port, signedIn: false, readiness: 'browser', dependsOnSoapLogin: false });
    expect((await keychainOf('password'))?.password).toBe(creds.password);

    expect((await login('Prod')).result.code).toBe(0);
    const token = (await keychainOf('refreshToken'))!.password;
    const back = await runCli(target, ['edit', 'Prod', '--password-login']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('It logs in with its password + token again.');
    expect(back.stderr).toContain('orgkey forget-previous Prod');
    // The sign-in is the way back until a password test works.
    expect((await control.state()).refreshTokens.find((entry) => entry.token === token)?.revoked).toBe(false);
    expect((await listJson())[0]).toMatchObject({ auth: 'password', login: 'soap', signedIn: null, callbackPort: null, previousSecrets: { auth: 'browser', kinds: ['refreshToken'], provedAt: null } });
    expect((await runCli(target, ['test', 'Prod'])).code).toBe(0);
    expect((await runCli(target, ['forget-previous', 'Prod'])).code).toBe(0);
    expect((await control.state()).refreshTokens.find((entry) => entry.token === token)?.revoked).toBe(true);
    expect(await keychainOf('refreshToken')).toBeUndefined();
  });

  it('list shows how each org logs in and until when, and notes the orgs whose login Salesforce retires', { timeout: LONG }, async () => {
    const prod = await credentials(control, PROD_ADMIN);
    const sandbox = await credentials(control, SANDBOX_ADMIN);
    const add = (alias: string, username: string, secrets: string, extra: string[] = []) =>
      runCli(target, ['add', alias, '--username', username, '--env', fake.org.loginUrl, '--secrets-stdin', ...extra], { input: secrets });
    expect((await add('Untested', PROD_ADMIN, `${prod.password}\n${prod.token}\n`)).code).toBe(0);
    expect((await add('Works', PROD_ADMIN, `${prod.password}\n${prod.token}\n`)).code).toBe(0);
    expect((await add('Off', SANDBOX_ADMIN, `${sandbox.password}\n${sandbox.token}\n`)).code).toBe(0);
    expect((await add('Flow', PROD_ADMIN, `${prod.password}\n${prod.token}\n${prod.connectedApp.clientSecret}\n`, ['--client-id', prod.connectedApp.clientId])).code).toBe(0);
    await addBrowserOrg('Browser');
    expect((await runCli(target, ['test', 'Works'])).code).toBe(0);
    await control.patchOrg(sandbox.orgId, { soapLoginEnabled: false });
    expect((await runCli(target, ['test', 'Off'])).code).toBe(1);

    const list = await runCli(target, ['list']);
    expect(list.code, list.stderr).toBe(0);
    const loginOf = (alias: string) => new RegExp(`^${alias}\\s+\\S+\\s+\\S+\\s+(.+?)\\s{2,}`, 'm').exec(list.stdout)?.[1];
    expect(['Browser', 'Flow', 'Off', 'Untested', 'Works'].map(loginOf)).toEqual([
      'browser (not signed in)', expect.stringMatching(/^oauth-password \((until|off since) 20 Feb 2027\)$/), 'soap (off)', 'soap (untested, until Summer ’27)', 'soap (until Summer ’27)',
    ]);
    // Both retirements, nearest first (tests/integration/cli/retirement.test.ts checks the days).
    expect(list.stderr).toMatch(/^note: Salesforce retires the password logins of these orgs:\n {2}OAuth username-password flow: .* — 1 org.*\n {2}SOAP login\(\): retired in Summer ’27 — 3 orgs, 1 already has it off\nSwitch them to browser login \(a person signs in\): orgkey edit <alias> --browser-login --client-id KEY\nor, for a server or a script, to client credentials or JWT: orgkey edit <alias> --client-credentials --client-id KEY --env MY_DOMAIN_URL \(or --jwt\)\n$/);
    const readiness = Object.fromEntries((await listJson()).map((org) => [org.alias, [org.readiness, org.dependsOnSoapLogin]]));
    expect(readiness).toEqual({
      Browser: ['browser', false],
      Flow: ['oauth-password', false],
      Off: ['soap-disabled', true],
      Untested: ['soap-unknown', true],
      Works: ['soap-allowed', true],
    });
    const off = await runCli(target, ['show', 'Off']);
    expect(off.stdout).toMatch(/^ {2}login retirement\s+SOAP login\(\) is switched off in this org: password logins fail already$/m);
  });
});
