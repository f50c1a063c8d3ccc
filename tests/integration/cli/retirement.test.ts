/**
 * What `orgkey list` and `show` tell about the end of each org's way of logging in: the consumer
 * key + password orgs' published date (OAuth username-password flow), SOAP login()'s release, and
 * browser login unaffected — in the JSON `retirement` field, the LOGIN column, the note on stderr
 * and show's row. The built command on a real settings file, the real keychain and the fake org.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN, type Control } from '../../support/fake-org';

const suite = useCliSuite('cli-retirement');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

const LONG = 90_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days from today's UTC date to 20 Feb 2027, 0 from then on: what the CLI must have counted. */
function daysToDeadline(now = new Date()): number {
  return Math.max(0, Math.round((Date.UTC(2027, 1, 20) - Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) / DAY_MS));
}

/** Run the CLI and note the days left before and after, so a run across midnight (UTC) still has one right answer. */
async function cliOnDay(args: string[]) {
  const before = daysToDeadline();
  const result = await runCli(target, args);
  const after = daysToDeadline();
  return { result, days: [before, after] };
}

/** The note's line for one consumer key + password org, `n` days before the deadline. */
const oauthLine = (n: number) =>
  n > 0 ? `  OAuth username-password flow: off 20 Feb 2027 (in ${n === 1 ? '1 day' : `${n} days`}) — 1 org` : '  OAuth username-password flow: off since 20 Feb 2027 — 1 org can no longer log in this way';

/** Password orgs with and without a consumer key (one of them refused SOAP login() at its test) and a browser org. */
async function addOneOfEach() {
  const prod = await credentials(control, PROD_ADMIN);
  const sandbox = await credentials(control, SANDBOX_ADMIN);
  const add = (alias: string, username: string, secrets: string, extra: string[] = []) =>
    runCli(target, ['add', alias, '--username', username, '--env', fake.org.loginUrl, '--secrets-stdin', ...extra], { input: secrets });
  expect((await add('Key and password', PROD_ADMIN, `${prod.password}\n${prod.token}\n${prod.connectedApp.clientSecret}\n`, ['--client-id', prod.connectedApp.clientId])).code).toBe(0);
  expect((await add('Soap works', PROD_ADMIN, `${prod.password}\n${prod.token}\n`)).code).toBe(0);
  expect((await add('Soap off', SANDBOX_ADMIN, `${sandbox.password}\n${sandbox.token}\n`)).code).toBe(0);
  const app = (await control.state()).orgs.find((org) => org.id === prod.orgId)!.externalClientApps[0]!;
  expect((await runCli(target, ['add', 'Browser', '--browser-login', '--client-id', app.clientId, '--env', fake.org.loginUrl])).code).toBe(0);
  expect((await runCli(target, ['test', 'Soap works'])).code).toBe(0);
  await control.patchOrg(sandbox.orgId, { soapLoginEnabled: false });
  expect((await runCli(target, ['test', 'Soap off'])).code).toBe(1);
}

describe('the retirement of password logins in orgkey list and show', () => {
  it('list --json gives every org its flow, deadline and days left; SOAP the release without a date', { timeout: LONG }, async () => {
    await addOneOfEach();
    const { result, days } = await cliOnDay(['list', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const retirement = Object.fromEntries((JSON.parse(result.stdout) as Array<{ alias: string; retirement: unknown }>).map((org) => [org.alias, org.retirement]));
    expect(retirement).toEqual({
      Browser: { flow: 'browser', affected: false, deadline: null, deadlineLabel: null, daysLeft: null },
      'Key and password': { flow: 'oauth-password', affected: true, deadline: '2027-02-20', deadlineLabel: '20 Feb 2027', daysLeft: expect.any(Number) },
      'Soap off': { flow: 'soap', affected: true, deadline: null, deadlineLabel: 'Summer ’27', daysLeft: null },
      'Soap works': { flow: 'soap', affected: true, deadline: null, deadlineLabel: 'Summer ’27', daysLeft: null },
    });
    expect(days).toContain((retirement['Key and password'] as { daysLeft: number }).daysLeft);
    // The readiness field keeps its meaning next to it.
    expect((JSON.parse(result.stdout) as Array<{ alias: string; readiness: string }>).map((org) => org.readiness)).toEqual([
      'browser', 'oauth-password', 'soap-disabled', 'soap-allowed',
    ]);
  });

  it('list shows the deadline in the LOGIN column and notes both retirements on stderr, nearest first', { timeout: LONG }, async () => {
    await addOneOfEach();
    const { result, days } = await cliOnDay(['list']);
    expect(result.code, result.stderr).toBe(0);
    const loginOf = (alias: string) => new RegExp(`^${alias}\\s{2,}\\S+\\s+\\S+\\s+(.+?)\\s{2,}`, 'm').exec(result.stdout)?.[1];
    const left = days[0]!;
    const oauthLogin = left > 0 ? 'oauth-password (until 20 Feb 2027)' : 'oauth-password (off since 20 Feb 2027)';
    expect(['Browser', 'Key and password', 'Soap off', 'Soap works'].map(loginOf)).toEqual([
      'browser (not signed in)', oauthLogin, 'soap (off)', 'soap (until Summer ’27)',
    ]);
    expect(days.map((n) => [
      'note: Salesforce retires the password logins of these orgs:',
      oauthLine(n),
      '  SOAP login(): retired in Summer ’27 — 2 orgs, 1 already has it off',
      'Switch them to browser login (a person signs in): orgkey edit <alias> --browser-login --client-id KEY',
      'or, for a server or a script, to client credentials or JWT: orgkey edit <alias> --client-credentials --client-id KEY --env MY_DOMAIN_URL (or --jwt)',
      '',
    ].join('\n'))).toContain(result.stderr);
  });

  it('show says when the flow stops, and show --json has the same retirement field', { timeout: LONG }, async () => {
    await addOneOfEach();
    const { result, days } = await cliOnDay(['show', 'Key and password']);
    expect(result.code, result.stderr).toBe(0);
    const row = /^ {2}login retirement\s{2,}(.+)$/m.exec(result.stdout)?.[1];
    expect(days.map((n) =>
      n > 0
        ? `the OAuth username-password flow, which Salesforce turns off for connected apps on 20 Feb 2027 (in ${n === 1 ? '1 day' : `${n} days`})`
        : 'the OAuth username-password flow, which Salesforce turned off for connected apps on 20 Feb 2027: its logins fail',
    )).toContain(row);

    const detail = JSON.parse((await runCli(target, ['show', 'Key and password', '--json'])).stdout) as { retirement: { daysLeft: number } };
    expect(detail.retirement).toMatchObject({ flow: 'oauth-password', affected: true, deadline: '2027-02-20', deadlineLabel: '20 Feb 2027' });
    expect(days).toContain(detail.retirement.daysLeft);
    const soap = await runCli(target, ['show', 'Soap works']);
    expect(soap.stdout).toMatch(/^ {2}login retirement\s{2,}depends on SOAP login\(\) \(it worked at the last test\), which Salesforce retires in Summer ’27$/m);
    const browser = JSON.parse((await runCli(target, ['show', 'Browser', '--json'])).stdout) as { retirement: unknown };
    expect(browser.retirement).toEqual({ flow: 'browser', affected: false, deadline: null, deadlineLabel: null, daysLeft: null });
  });

  it('list notes the consumer key + password orgs even when no org uses SOAP login()', { timeout: LONG }, async () => {
    const prod = await credentials(control, PROD_ADMIN);
    const input = `${prod.password}\n${prod.token}\n${prod.connectedApp.clientSecret}\n`;
    const added = await runCli(target, ['add', 'Flow', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin', '--client-id', prod.connectedApp.clientId], { input });
    expect(added.code, added.stderr).toBe(0);
    const { result, days } = await cliOnDay(['list']);
    expect(result.code).toBe(0);
    const note = (n: number) =>
      ['note: Salesforce retires the password logins of these orgs:', oauthLine(n), 'Switch them to browser login (a person signs in): orgkey edit <alias> --browser-login --client-id KEY', 'or, for a server or a script, to client credentials or JWT: orgkey edit <alias> --client-credentials --client-id KEY --env MY_DOMAIN_URL (or --jwt)', ''].join('\n');
    expect(days.map(note)).toContain(result.stderr);
  });
});
