/**
 * What `orgkey list` and `show` tell about a password org's password expiry and its integration
 * user, as read by `orgkey test` from the fake org: the PASSWORD column, the note on stderr within
 * 14 days, the JSON fields, show's row and checklist, and "unknown" with why when the user may not
 * read the policy. The built command on a real settings file, the real keychain and the fake org.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, type Control } from '../../support/fake-org';

const suite = useCliSuite('cli-expiry');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
beforeEach(() => ({ fake, control, target } = suite));

const LONG = 60_000;
const DAY_MS = 86_400_000;

/** A password org, tested once by `orgkey test` after `patch` set up its user. */
async function addAndTest(patch: Parameters<Control['patchUser']>[1] = {}) {
  const creds = await credentials(control, PROD_ADMIN);
  await control.patchUser(PROD_ADMIN, patch);
  const added = await runCli(target, ['add', 'Prod', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], { input: `${creds.password}\n${creds.token}\n` });
  expect(added.code, added.stderr).toBe(0);
  const tested = await runCli(target, ['test', 'Prod']);
  expect(tested.code, tested.stderr).toBe(0);
  return tested;
}

const lastChange = async () => (await control.state()).users.find((user) => user.username === PROD_ADMIN)!.lastPasswordChangeDate;

describe('password expiry in orgkey', () => {
  it('test warns 7 days ahead; list shows it in the PASSWORD column, notes it, and gives the JSON fields', { timeout: LONG }, async () => {
    const tested = await addAndTest({ lastPasswordChangeDaysAgo: 83 });
    expect(tested.stdout).toMatch(/warning: The password expires on .+ \(in 7 days\) under the org’s password policy \(90 days\)/);

    const list = await runCli(target, ['list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^Prod\s+.+\s+expires in 7 days\s+ok, with warnings, just now$/m);
    expect(list.stderr).toMatch(/^note: Prod: The password expires on .+ \(in 7 days\)/m);

    const [org] = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(org).toMatchObject({ passwordExpiresAt: new Date(Date.parse(await lastChange()) + 90 * DAY_MS).toISOString(), passwordNeverExpires: false, passwordExpiryUnknownReason: null });
    // Read during that test: after it began, before its result came back.
    const testedAt = Date.parse((org!.lastTest as { testedAt: string }).testedAt);
    expect(Date.parse(org!.passwordPolicyReadAt as string) - testedAt).toBeGreaterThanOrEqual(0);
    expect(Date.parse(org!.passwordPolicyReadAt as string) - testedAt).toBeLessThanOrEqual((org!.lastTest as { latencyMs: number }).latencyMs + 1000);
  });

  it('show gives the expiry row and the integration-user checklist with what to change', { timeout: LONG }, async () => {
    await addAndTest({ apiOnly: false, mfaForApi: true });
    const shown = await runCli(target, ['show', 'Prod']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^ {2}password expires\s+\d{4}-\d\d-\d\d \(in 70 days\) under the org’s password policy \(90 days\); read \d{4}-\d\d-\d\d \(just now\)$/m);
    expect(shown.stdout).toContain('  Integration user (as read ');
    expect(shown.stdout).toMatch(/^ {4}change {2}API Only user: The user can also log in to the Salesforce pages\.$/m);
    expect(shown.stdout).toMatch(/^ {12}change: Give it “API Only User” \(Setup › Permission Sets, or the user’s profile › System Permissions\)/m);
    expect(shown.stdout).toMatch(/^ {4}ok {6}API Enabled \/ Use Any API Auth: /m);
    expect(shown.stdout).toMatch(/^ {4}change {2}MFA for API logins: /m);
  });

  it('says “unknown” and why, in the column, the JSON and show, when the user may not read the policy', { timeout: LONG }, async () => {
    await addAndTest({ modifyAllData: false, passwordNeverExpires: false });
    const list = await runCli(target, ['list']);
    expect(list.stdout).toMatch(/^Prod\s+.+\s+unknown\s+ok, just now$/m);
    const [org] = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(org).toMatchObject({ passwordExpiresAt: null, passwordNeverExpires: false });
    expect(org!.passwordExpiryUnknownReason).toMatch(/INSUFFICIENT_ACCESS.*would expire on/);
    const shown = await runCli(target, ['show', 'Prod']);
    expect(shown.stdout).toMatch(/^ {2}password expires\s+unknown — OrgKey could not read the password policy/m);
  });

  it('says “never expires” for a user with Password Never Expires', { timeout: LONG }, async () => {
    await addAndTest({ passwordNeverExpires: true });
    expect((await runCli(target, ['list'])).stdout).toMatch(/^Prod\s+.+\s+never expires\s+ok, just now$/m);
    const [org] = JSON.parse((await runCli(target, ['list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(org).toMatchObject({ passwordExpiresAt: null, passwordNeverExpires: true });
  });
});
