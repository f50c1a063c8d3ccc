/**
 * Secrets through `orgkey`: a new token proved from a whole reset email, a new password, printing a
 * secret only into a pipe, and the clipboard (on a private X server with xclip where installed).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorLineOf, onTerminal, runCli, startCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../../support/fake-org';
import { keychainEntries } from '../../support/keychain';
import { secretsFromEntries } from '../../support/org-secrets';

const suite = useCliSuite('cli-secrets');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

async function addProd(alias = 'Prod') {
  const creds = await credentials(control, PROD_ADMIN);
  const result = await runCli(target, ['add', alias, '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], {
    input: `${creds.password}\n${creds.token}\n`,
  });
  expect(result.code, result.stderr).toBe(0);
  return creds;
}

const stored = async (kind: 'password' | 'token') => {
  const entries = await keychainEntries(target.service);
  const orgId = /^org:([^:]+)$/.exec(entries.find((e) => /^org:[^:]+$/.test(e.account))?.account ?? '')?.[1];
  return orgId ? secretsFromEntries(entries, orgId)[kind] : undefined;
};
const latestMail = async (username: string) => (await control.outbox(username)).at(-1)!.text;
const attempts = async () => (await control.loginHistory(PROD_ADMIN)).length;

describe('orgkey token', () => {
  it('finds the token in a whole reset email on stdin, proves it with a login, and stores it', async () => {
    await addProd();
    const newToken = await control.resetToken(PROD_ADMIN);
    const mail = await latestMail(PROD_ADMIN);
    expect(mail).toContain(newToken);

    const result = await runCli(target, ['token', 'Prod'], { input: mail });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Found a 25-character token \(\S+\) in the email\.$/m);
    expect(result.stdout).toContain('Stored the new security token of “Prod”: it works.');
    expect(result.stdout + result.stderr).not.toContain(newToken);
    expect(await stored('token')).toBe(newToken);
    expect(await attempts()).toBe(1);
    expect((await runCli(target, ['test', 'Prod'])).code).toBe(0);
  });

  it('keeps the old token when the new one does not log in (a superseded email), exit 1', async () => {
    const { token: oldToken } = await addProd();
    await control.resetToken(PROD_ADMIN);
    const superseded = await latestMail(PROD_ADMIN);
    await control.resetToken(PROD_ADMIN);

    const result = await runCli(target, ['token', 'Prod', '--json'], { input: superseded });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ alias: 'Prod', stored: false, test: { ok: false, code: 'INVALID_LOGIN' } });
    expect(errorLineOf(result)).toMatch(/^orgkey: INVALID_LOGIN: /);
    expect(await stored('token')).toBe(oldToken);
  });

  it('--no-verify stores the token without a login', async () => {
    await addProd();
    const result = await runCli(target, ['token', 'Prod', '--no-verify'], { input: 'Abcdefghij0123456789KLMNO\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('without testing it');
    expect(await stored('token')).toBe('Abcdefghij0123456789KLMNO');
    expect(await attempts()).toBe(0);
  });

  it('stops at an email addressed to another user unless --yes, before any login', async () => {
    const { token } = await addProd();
    await control.resetToken(SANDBOX_ADMIN);
    const otherMail = await latestMail(SANDBOX_ADMIN);
    const result = await runCli(target, ['token', 'Prod'], { input: otherMail });
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toMatch(/^orgkey: CONFIRMATION_NEEDED: Using the token from admin@acme\.example\.uat’s email for “Prod” needs a confirmation.* Add --yes to confirm\.$/);
    expect(await stored('token')).toBe(token);
    expect(await attempts()).toBe(0);
  });

  it('takes the pasted email at a hidden prompt on a terminal', async () => {
    await addProd();
    const newToken = await control.resetToken(PROD_ADMIN);
    const mail = await latestMail(PROD_ADMIN);
    const session = onTerminal(target, ['token', 'Prod']);
    // A terminal wraps a paste in bracketed-paste markers: its line breaks are kept, the Enter
    // typed after it ends the answer.
    await session.answer('press Enter (hidden): ', `\u001b[200~${mail.replace(/\n/g, '\r')}\u001b[201~\r`);
    const { code, screen } = await session.finish();
    expect(code, screen).toBe(0);
    expect(screen).not.toContain(newToken);
    expect(await stored('token')).toBe(newToken);
  });

  it('an empty paste is a usage error', async () => {
    await addProd();
    const result = await runCli(target, ['token', 'Prod'], { input: '\n' });
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toMatch(/^orgkey: INVALID_INPUT: the token or email: Paste the security token/);
  });
});

describe('orgkey password', () => {
  it('proves the new password with the token from the email Salesforce sends, then stores both', async () => {
    await addProd();
    const newToken = await control.setPassword(PROD_ADMIN, 'Brand-New-Passw0rd');
    const mail = await latestMail(PROD_ADMIN);
    const result = await runCli(target, ['password', 'Prod'], { input: `Brand-New-Passw0rd\n${mail}` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Stored the new password and token of “Prod”: it works.');
    expect(await stored('password')).toBe('Brand-New-Passw0rd');
    expect(await stored('token')).toBe(newToken);
  });

  it('keeps the old password when the new one is refused, exit 1', async () => {
    const { password } = await addProd();
    const result = await runCli(target, ['password', 'Prod'], { input: 'Not-The-Password-1\n' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('The new password was not stored; “Prod” keeps the old one.');
    expect(await stored('password')).toBe(password);
  });

  it('answers in JSON when the lockout guard stops a proof, and makes no login (token and password)', async () => {
    const { password, token } = await addProd();
    for (const wrong of ['Not-The-Password-1', 'Not-The-Password-2']) expect((await runCli(target, ['password', 'Prod'], { input: `${wrong}\n` })).code).toBe(1);
    expect(await attempts()).toBe(2);
    const refused = { alias: 'Prod', stored: false, test: { alias: 'Prod', ok: false, code: 'LOCKOUT_GUARD', testedAt: null, latencyMs: null } };
    for (const [command, input] of [['token', 'AbCdEfGhIjKlMnOpQrStUvWx1'], ['password', 'Not-The-Password-3\n']] as const) {
      const result = await runCli(target, [command, 'Prod', '--json'], { input });
      expect(result.code, command).toBe(1);
      expect(JSON.parse(result.stdout), command).toMatchObject(refused);
      expect(errorLineOf(result), command).toMatch(/^orgkey: LOCKOUT_GUARD: The last 2 logins of /);
    }
    expect(await attempts()).toBe(2);
    expect(await stored('password')).toBe(password);
    expect(await stored('token')).toBe(token);
  });

  it('asks for both with hidden input on a terminal', async () => {
    await addProd();
    const newToken = await control.setPassword(PROD_ADMIN, 'Typed-Passw0rd-22');
    const session = onTerminal(target, ['password', 'Prod']);
    await session.answer(`New password for ${PROD_ADMIN}: `, 'Typed-Passw0rd-22\r');
    await session.answer('Enter keeps the stored token; hidden): ', `${newToken}\r`);
    const { code, screen } = await session.finish();
    expect(code, screen).toBe(0);
    expect(screen).not.toContain('Typed-Passw0rd-22');
    expect(screen).not.toContain(newToken);
    expect([await stored('password'), await stored('token')]).toEqual(['Typed-Passw0rd-22', newToken]);
  });
});

describe('orgkey secret', () => {
  it('prints each kind of secret into a pipe', async () => {
    const { password, token } = await addProd();
    const value = async (what: string) => (await runCli(target, ['secret', 'Prod', '--what', what])).stdout;
    expect(await value('combined')).toBe(`${password}${token}\n`);
    expect(await value('password')).toBe(`${password}\n`);
    expect(await value('token')).toBe(`${token}\n`);
    expect(await value('username')).toBe(`${PROD_ADMIN}\n`);
  });

  it('refuses to print onto a terminal, exit 2, without reading the secret', async () => {
    const { password, token } = await addProd();
    const session = onTerminal(target, ['secret', 'Prod']);
    const { code, screen } = await session.finish();
    expect(code).toBe(2);
    expect(screen).toContain('orgkey: STDOUT_IS_TERMINAL: orgkey secret prints a secret only into a pipe or a file, never onto the screen.');
    expect(screen).not.toContain(password);
    expect(screen).not.toContain(token);
  });
});

describe('orgkey copy', () => {
  it('fails with CLIPBOARD_UNAVAILABLE (exit 3) where there is no clipboard', async () => {
    await addProd();
    const result = await runCli(target, ['copy', 'Prod']);
    expect(result.code).toBe(3);
    expect(errorLineOf(result)).toMatch(/^orgkey: CLIPBOARD_UNAVAILABLE: No system clipboard is available here.* orgkey secret <alias> \| <tool>\.$/);
  });

  const haveX = ['Xvfb', 'xclip'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

  describe.skipIf(!haveX)('on an X11 clipboard (Xvfb + xclip)', () => {
    let xvfb: ChildProcess;
    let display: string;
    const onX = () => ({ ...target, env: { DISPLAY: display } });
    const clipboard = async () => {
      try {
        return (await promisify(execFile)('xclip', ['-selection', 'clipboard', '-out'], { env: { ...process.env, DISPLAY: display } })).stdout;
      } catch {
        return ''; // xclip fails when the clipboard holds no text
      }
    };
    /**
     * Another program copies `text`. xclip's first process exits once it has forked the one that
     * serves the selection, which may not own it yet: wait until the clipboard reads `text`.
     */
    const copyElsewhere = async (text: string) => {
      await new Promise<void>((resolve) => {
        const child = spawn('xclip', ['-selection', 'clipboard', '-in'], { env: { ...process.env, DISPLAY: display }, stdio: ['pipe', 'ignore', 'ignore'] });
        child.once('exit', () => resolve());
        child.stdin.end(text);
      });
      for (let tries = 0; (await clipboard()) !== text; tries += 1) {
        if (tries === 100) throw new Error(`the clipboard never held “${text}”`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    beforeAll(async () => {
      xvfb = spawn('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', '640x480x24'], { stdio: ['ignore', 'pipe', 'ignore'] });
      display = await new Promise<string>((resolve) => xvfb.stdout!.setEncoding('utf8').once('data', (chunk: string) => resolve(`:${chunk.trim()}`)));
    });
    afterAll(() => {
      xvfb.kill();
    });

    it('puts password + token on the clipboard and clears it on Ctrl-C', async () => {
      const { password, token } = await addProd();
      const run = startCli(onX(), ['copy', 'Prod', '--clear-after', '300']);
      await run.stderrHas('Ctrl-C clears it now.');
      expect(await clipboard()).toBe(`${password}${token}`);
      run.child.kill('SIGINT');
      const result = await run.result;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('Copied the password + token of “Prod” to the clipboard.');
      expect(result.stderr).toContain('Cleared the clipboard.');
      expect(await clipboard()).toBe('');
    });

    it('clears it after --clear-after seconds', async () => {
      const { token } = await addProd();
      const result = await runCli(onX(), ['copy', 'Prod', '--what', 'token', '--clear-after', '1']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('Clearing it in 1 s');
      expect(result.stderr).toContain('Cleared the clipboard.');
      expect(await clipboard()).not.toContain(token);
    });

    it('leaves the clipboard alone when something else was copied meanwhile', async () => {
      await addProd();
      const run = startCli(onX(), ['copy', 'Prod', '--what', 'password', '--clear-after', '300']);
      await run.stderrHas('Ctrl-C clears it now.');
      await copyElsewhere('a shopping list');
      run.child.kill('SIGINT');
      const result = await run.result;
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('Left the clipboard alone: something else was copied meanwhile.');
      expect(await clipboard()).toBe('a shopping list');
    });

    it('--clear-after 0 leaves the copy there and exits', async () => {
      await addProd();
      const result = await runCli(onX(), ['copy', 'Prod', '--what', 'username', '--clear-after', '0']);
      expect(result.code, result.stderr).toBe(0);
      expect(await clipboard()).toBe(PROD_ADMIN);
    });
  });
});
