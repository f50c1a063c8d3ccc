/**
 * What `orgkey` echoes from input and from servers reaches the terminal shown, not obeyed: control
 * characters in a pasted email's username, an org name, an alias. `--json` escapes them too, and
 * pastes far larger than a reset email are refused with their size before anything reads them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { errorLineOf, onTerminal, runCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, type Control } from '../../support/fake-org';
import { keychainEntries } from '../../support/keychain';
import { storedKinds } from '../../support/org-secrets';

const suite = useCliSuite('cli-terminal');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

async function addProd(alias = 'Prod', secrets?: { password: string; token: string }) {
  const { password, token } = secrets ?? (await credentials(control, PROD_ADMIN));
  const result = await runCli(target, ['add', alias, '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], {
    input: `${password}\n${token}\n`,
  });
  expect(result.code, result.stderr).toBe(0);
  return { password, token };
}

const stored = async (kind: 'password' | 'token') => storedKinds(await keychainEntries(target.service)).find(([found]) => found === kind)?.[1];
const attempts = async () => (await control.loginHistory(PROD_ADMIN)).length;

/** Characters a terminal would obey: ESC, BEL, CR, DEL, C1 (U+009B is CSI), bidirectional overrides. */
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('control characters from a pasted email', () => {
  const evilUser = 'evil\u001b[2J\u0007@acme.example';
  const shown = 'evil\\x1b[2J\\x07@acme.example';

  async function evilMail(username = evilUser) {
    await control.resetToken(PROD_ADMIN);
    const mail = (await control.outbox(PROD_ADMIN)).at(-1)!.text;
    return mail.replace(`Username: ${PROD_ADMIN}`, `Username: ${username}`);
  }

  it('are written out in the error line, not sent to the terminal (stdin)', async () => {
    await addProd();
    const result = await runCli(target, ['token', 'Prod'], { input: await evilMail() });
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toBe(`orgkey: CONFIRMATION_NEEDED: Using the token from ${shown}’s email for “Prod” needs a confirmation, and there is no terminal to ask on. Add --yes to confirm.`);
    expect(result.stderr + result.stdout).not.toMatch(OBEYED);
  });

  it('are written out in the question on a terminal', async () => {
    await addProd();
    // The prompt itself drops C0 controls typed or pasted; C1 and bidirectional controls get through to the question.
    const mail = await evilMail('evil\u009b2J\u202e@acme.example');
    const session = onTerminal(target, ['token', 'Prod']);
    await session.answer('then press Enter (hidden): ', `\u001b[200~${mail}\u001b[201~\r`);
    await session.answer('Use its token anyway? [y/N] ', 'n\r');
    const { code, screen } = await session.finish();
    expect(code).toBe(1);
    expect(screen).toContain(`This email is for evil\\x9b2J\\u202e@acme.example, but “Prod” logs in as ${PROD_ADMIN}.`);
    expect(screen).not.toMatch(/[\u009b\u202e]/);
  });
});

describe('control characters from the server and in names', () => {
  // DEL, CSI (a C1 control), a right-to-left override: what a hostile server could call its org.
  const orgName = 'Acme\u009b2J\u202eCorp\u007f';

  it('are written out in test results, and escaped in --json, which still parses to the same name', async () => {
    await addProd();
    const { orgId } = await credentials(control, PROD_ADMIN);
    await control.patchOrg(orgId, { name: orgName });

    const text = await runCli(target, ['test', 'Prod']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`to Acme\\x9b2J\\u202eCorp\\x7f (${orgId}`);
    expect(text.stdout).not.toMatch(OBEYED);

    const json = await runCli(target, ['test', 'Prod', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toContain('"orgName": "Acme\\u009b2J\\u202eCorp\\u007f"');
    expect(json.stdout).not.toMatch(OBEYED);
    expect((JSON.parse(json.stdout) as { orgName: string }).orgName).toBe(orgName);

    const list = await runCli(target, ['list', '--json']);
    expect(list.stdout).not.toMatch(OBEYED);
    expect((JSON.parse(list.stdout) as Array<{ lastTest: { orgName: string } }>)[0]?.lastTest.orgName).toBe(orgName);
  });

  it('cannot start a line of their own: a line break in a name is shown as \\n, on the line it belongs to', async () => {
    await addProd();
    const { orgId } = await credentials(control, PROD_ADMIN);
    // A name that would otherwise print a forged verdict of OrgKey's on a line of its own.
    await control.patchOrg(orgId, { name: 'Acme\r\nok Prod: stored the new security token' });

    const text = await runCli(target, ['test', 'Prod']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`to Acme\\x0d\\nok Prod: stored the new security token (${orgId}`);
    expect(text.stdout.split('\n').some((line) => line.startsWith('ok Prod: stored'))).toBe(false);

    const json = await runCli(target, ['test', 'Prod', '--json']);
    expect((JSON.parse(json.stdout) as { orgName: string }).orgName).toBe('Acme\r\nok Prod: stored the new security token');
  });

  it('are written out in an alias (bidirectional overrides pass the alias rules)', async () => {
    await addProd('Prod\u202edorp');
    const list = await runCli(target, ['list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('Prod\\u202edorp');
    expect(list.stdout).not.toMatch(OBEYED);
  });

  it('leave a secret printed into a pipe exactly as stored', async () => {
    const password = 'Pa\u202ess\u0085w0rd-1';
    await addProd('Odd', { password, token: 'AbCdEfGhIjKlMnOpQrStUvWx1' });
    expect((await runCli(target, ['secret', 'Odd', '--what', 'password'])).stdout).toBe(`${password}\n`);
  });
});

describe('a paste far larger than a reset email', () => {
  it('is refused with its size, before any login, and nothing changes (token and password)', async () => {
    const { password, token } = await addProd();
    await control.resetToken(PROD_ADMIN);
    // A real reset email after 1.2 MB of something else: refused for its size, whatever it holds.
    const huge = `${'x'.repeat(1_200_000)}\n${(await control.outbox(PROD_ADMIN)).at(-1)!.text}`;
    for (const [command, input] of [['token', huge], ['password', `Brand-New-Pass-2025\n${huge}`]] as const) {
      const result = await runCli(target, [command, 'Prod'], { input });
      expect(result.code, command).toBe(2);
      expect(errorLineOf(result), command).toBe(
        'orgkey: INVALID_INPUT: the token or email: This is 1.2 MB; a reset email is a few KB. Paste only the email or the token.',
      );
    }
    expect(await attempts()).toBe(0);
    expect([await stored('password'), await stored('token')]).toEqual([password, token]);
  });

  it('is measured in characters below what stdin refuses unread', async () => {
    await addProd();
    const result = await runCli(target, ['token', 'Prod'], { input: `${'x'.repeat(150_000)}\nAbCdEfGhIjKlMnOpQrStUvWx1` });
    expect(result.code).toBe(2);
    expect(errorLineOf(result)).toBe('orgkey: INVALID_INPUT: the token or email: This is 150 KB; a reset email is a few KB. Paste only the email or the token.');
  });
});
