/**
 * The password expiry forecast and the integration-user checklist on real parts: the core with the
 * real keychain and a settings file in a temp folder, jsforce, and the fake org's password
 * policies and user permissions, set through its control API. OrgKey's clock (the core's clock
 * port) and the fake org's move forward together, as days pass.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { integrationChecklist } from '../../shared/integration-checklist';
import { passwordExpiryStanding } from '../../shared/password-expiry';
import { credentials, NO_API_USER, PROD_ADMIN, type Control } from '../support/fake-org';
import { bootRealCore, useCoreSuite, type CoreSuite } from '../support/core';

const suite = useCoreSuite('expiry');
let fake: CoreSuite['fake'];
let control: Control;
let dir: string;
let service: string;
beforeEach(() => ({ fake, control, dir, service } = suite));

const DAY_MS = 86_400_000;

/**
 * A core whose clock runs with the fake org's (which earlier tests in the file may have moved on),
 * and moves forward with it.
 */
async function coreWithClock(): Promise<{ core: Core; now(): Date; moveDays(days: number): Promise<void> }> {
  let ahead = Date.parse((await control.state()).now) - Date.now();
  const now = () => new Date(Date.now() + ahead);
  const core = bootRealCore(dir, service, { clock: { now } });
  return {
    core,
    now,
    /** Both clocks, OrgKey's and the fake org's, `days` forward. */
    async moveDays(days) {
      ahead += days * DAY_MS;
      await control.advanceClock(days * 24 * 60);
    },
  };
}

async function addOrg(core: Core, username = PROD_ADMIN) {
  const creds = await credentials(control, username);
  const { org } = await core.orgs.add({ alias: `Org ${Math.random().toString(36).slice(2, 6)}`, environment: 'custom', customUrl: fake.org.loginUrl, username, password: creds.password, token: creds.token });
  return { id: org.id, ...creds };
}

const lastChange = async (username: string) => (await control.state()).users.find((user) => user.username === username)!.lastPasswordChangeDate;
const logins = async (username: string) => (await control.loginHistory(username)).length;
const codes = (warnings: Array<{ code: string }>) => warnings.map((warning) => warning.code);

describe('the password expiry forecast', () => {
  it('reads the last change and the org’s policy at each test, keeps them across a restart, with one login per test', async () => {
    const { core, now } = await coreWithClock();
    const { id } = await addOrg(core);
    const outcome = await core.tester.test(id);
    expect(outcome.ok).toBe(true);
    const changed = await lastChange(PROD_ADMIN);
    const policy = core.orgs.list()[0]!.passwordPolicy!;
    expect(policy).toMatchObject({ source: 'org', expiryDays: 90, neverExpires: false, lastChangedAt: new Date(changed).toISOString() });
    expect(policy.expiresAt).toBe(new Date(Date.parse(changed) + 90 * DAY_MS).toISOString());
    expect(Date.parse(policy.readAt)).toBeGreaterThanOrEqual(Date.parse(outcome.testedAt));
    // 20 days since the change: 70 left, no warning.
    expect(passwordExpiryStanding(policy, now())).toMatchObject({ state: 'expires', daysLeft: 70, warnAt: null });
    expect(codes(outcome.warnings)).not.toContain('PASSWORD_EXPIRES_SOON');
    expect(bootRealCore(dir, service).orgs.list()[0]!.passwordPolicy).toEqual(policy);
    expect(await logins(PROD_ADMIN)).toBe(1);
  });

  it('warns 14, 7 and 1 days ahead as the days pass, and the login fails once the password has expired', async () => {
    const { core, now, moveDays } = await coreWithClock();
    const { id } = await addOrg(core);
    const warningAfter = async (days: number) => {
      await moveDays(days);
      const outcome = await core.tester.test(id);
      expect(outcome.ok).toBe(true);
      return outcome.warnings.find((warning) => warning.code === 'PASSWORD_EXPIRES_SOON')?.message;
    };
    // Changed 20 days before the start: 70 days left, then 15, 14, 7 and 1.
    expect(await warningAfter(55)).toBeUndefined();
    expect(await warningAfter(1)).toMatch(/^The password expires on .+ \(in 14 days\) under the org’s password policy \(90 days\)/);
    expect(await warningAfter(7)).toContain('(in 7 days)');
    expect(await warningAfter(6)).toContain('(in 1 day)');
    await moveDays(1);
    const expired = await core.tester.test(id);
    expect(expired.failure?.code).toBe('PASSWORD_EXPIRED');
    // The failed login read nothing new: the forecast stays as last read, and now reads “expired”.
    expect(passwordExpiryStanding(core.orgs.list()[0]!.passwordPolicy, now()).state).toBe('expired');
    expect(await logins(PROD_ADMIN)).toBe(5);
  });

  it('takes the profile’s password policy over the org’s', async () => {
    const { core, now } = await coreWithClock();
    const { id, orgId } = await addOrg(core);
    await control.putProfilePasswordPolicy(orgId, 'System Administrator', { passwordExpiration: 30 });
    const outcome = await core.tester.test(id);
    const policy = core.orgs.list()[0]!.passwordPolicy!;
    expect(policy).toMatchObject({ source: 'profile', expiryDays: 30 });
    // 20 days since the change under 30: 10 left.
    expect(passwordExpiryStanding(policy, now())).toMatchObject({ daysLeft: 10, warnAt: 14 });
    expect(outcome.warnings.find((warning) => warning.code === 'PASSWORD_EXPIRES_SOON')?.message).toContain('under the profile’s password policy (30 days)');
  });

  it('never expires with the Password Never Expires permission, or under an org policy of never', async () => {
    const { core, now } = await coreWithClock();
    const { id, orgId } = await addOrg(core);
    await control.patchUser(PROD_ADMIN, { passwordNeverExpires: true, lastPasswordChangeDaysAgo: 400 });
    await core.tester.test(id);
    expect(core.orgs.list()[0]!.passwordPolicy).toMatchObject({ neverExpires: true, source: 'permission', expiresAt: null });
    await control.patchUser(PROD_ADMIN, { passwordNeverExpires: false, lastPasswordChangeDaysAgo: 10 });
    await control.patchOrg(orgId, { passwordExpiryDays: 0 });
    await core.tester.test(id);
    expect(passwordExpiryStanding(core.orgs.list()[0]!.passwordPolicy, now())).toEqual({ state: 'never' });
  });

  it('says “unknown” and why when the user may not read the policy, with what can be known, and the test still passes', async () => {
    const { core } = await coreWithClock();
    const { id } = await addOrg(core);
    await control.patchUser(PROD_ADMIN, { modifyAllData: false });
    const outcome = await core.tester.test(id);
    expect(outcome.ok).toBe(true);
    const policy = core.orgs.list()[0]!.passwordPolicy!;
    expect(policy).toMatchObject({ source: 'unknown', expiryDays: null, expiresAt: null });
    expect(policy.lastChangedAt).not.toBeNull();
    expect(policy.unknownReason).toContain('INSUFFICIENT_ACCESS');
    expect(policy.unknownReason).toMatch(/under Salesforce’s default policy \(90 days\) it would expire on/);
    expect(await logins(PROD_ADMIN)).toBe(1);
  });
});

describe('a new password', () => {
  it('proved and stored brings the new expiry, without a test of its own, and the warning goes', async () => {
    const { core, now } = await coreWithClock();
    const { id } = await addOrg(core);
    await control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 85 });
    expect(codes((await core.tester.test(id)).warnings)).toContain('PASSWORD_EXPIRES_SOON');
    const token = await control.setPassword(PROD_ADMIN, 'Brand-new-Passw0rd!');
    const proof = await core.tokens.changePassword(id, { password: 'Brand-new-Passw0rd!', pasted: token });
    expect(proof.stored).toBe(true);
    expect(codes(proof.outcome!.warnings)).not.toContain('PASSWORD_EXPIRES_SOON');
    expect(passwordExpiryStanding(core.orgs.list()[0]!.passwordPolicy, now())).toMatchObject({ state: 'expires', daysLeft: 90, warnAt: null });
    expect(await logins(PROD_ADMIN)).toBe(2);
  });
});

describe('the integration-user checklist', () => {
  it('reads each permission from the org and says what to change', async () => {
    const { core } = await coreWithClock();
    const { id } = await addOrg(core);
    await control.patchUser(PROD_ADMIN, { apiOnly: true, mfaForApi: true, passwordNeverExpires: false });
    await core.tester.test(id);
    const org = core.orgs.list()[0]!;
    expect(org.integrationChecklist).toMatchObject({ apiOnly: true, mfaForApi: true, passwordNeverExpires: false, apiEnabled: true, useAnyApiAuth: true });
    const lines = Object.fromEntries(integrationChecklist(org.integrationChecklist, org)!.map((line) => [line.id, line.state]));
    expect(lines).toEqual({ 'api-only': 'ok', 'password-never-expires': 'change', 'api-enabled': 'ok', 'soap-login': 'ok', 'mfa-for-api': 'change' });
  });

  it('is not read, and nothing is kept, when the login itself fails', async () => {
    const { core } = await coreWithClock();
    const { id } = await addOrg(core, NO_API_USER);
    const outcome = await core.tester.test(id);
    expect(outcome.ok).toBe(false);
    expect(core.orgs.list()[0]!.integrationChecklist).toBeUndefined();
    expect(core.orgs.list()[0]!.passwordPolicy).toBeUndefined();
  });
});
