/**
 * A password org's test above the gateway: it asks for the user's password policy and permissions,
 * keeps what they say on the org (with the time read) and warns ahead of the expiry; a refused read
 * is kept as "unknown (why)" with what can be known, and never fails the test. A scripted gateway
 * answers in the port's own types; the wire reads meet real jsforce and the fake org in the
 * integration tests.
 */
import { describe, expect, it } from 'vitest';
import { integrationUserReading, passwordPolicyReading } from '../../electron/core/connection/password-user';
import type { PasswordUserFacts } from '../../electron/core/ports';
import { passwordExpiryStanding } from '../../shared/password-expiry';
import { scriptedCore, START } from '../support/scripted-core';
import { succeeds } from '../support/scripted-gateway';

const DAY = 86_400_000;
/** Changed `days` before the test's clock. */
const changedDaysAgo = (days: number) => new Date(START.getTime() - days * DAY).toISOString();
const permissions = { apiEnabled: true, apiOnly: true, passwordNeverExpires: false, useAnyApiAuth: true, mfaForApi: false };
const user = (days: number) => ({ lastPasswordChangeDate: changedDaysAgo(days), profileName: 'Integration' });

describe('passwordPolicyReading', () => {
  it('takes the profile’s policy or the org’s, whichever the gateway found applies, from the last change', () => {
    const reading = passwordPolicyReading({ user: user(10), permissions, policy: { source: 'profile', expiryDays: 30 } }, START);
    expect(reading).toEqual({ readAt: START.toISOString(), lastChangedAt: changedDaysAgo(10), neverExpires: false, expiryDays: 30, source: 'profile', expiresAt: new Date(START.getTime() + 20 * DAY).toISOString() });
    expect(passwordPolicyReading({ user: user(10), permissions, policy: { source: 'org', expiryDays: 90 } }, START)).toMatchObject({ source: 'org', expiryDays: 90 });
  });

  it('never expires with the permission, whatever the policy, or under a policy of never', () => {
    expect(passwordPolicyReading({ user: user(400), permissions: { ...permissions, passwordNeverExpires: true }, policyRefusal: 'INSUFFICIENT_ACCESS' }, START)).toMatchObject({ neverExpires: true, source: 'permission', expiresAt: null });
    expect(passwordExpiryStanding(passwordPolicyReading({ user: user(400), permissions, policy: { source: 'org', expiryDays: 0 } }, START), START)).toEqual({ state: 'never' });
  });

  it('is unknown when the policy was refused, saying why and what is known: the last change and the default policy’s date', () => {
    const reading = passwordPolicyReading({ user: { lastPasswordChangeDate: '2026-09-03T09:00:00.000Z', profileName: 'Integration' }, permissions, policyRefusal: 'INSUFFICIENT_ACCESS' }, START);
    expect(reading).toMatchObject({ source: 'unknown', expiryDays: null, expiresAt: null, lastChangedAt: '2026-09-03T09:00:00.000Z' });
    expect(reading.unknownReason).toContain('Salesforce refused it (INSUFFICIENT_ACCESS)');
    expect(reading.unknownReason).toContain('“Modify All Data”');
    expect(reading.unknownReason).toContain('last changed on 3 Sep 2026; under Salesforce’s default policy (90 days) it would expire on 2 Dec 2026');
  });

  it('is unknown without a last change, with the policy kept', () => {
    const reading = passwordPolicyReading({ user: { lastPasswordChangeDate: null, profileName: null }, permissions, policy: { source: 'org', expiryDays: 90 } }, START);
    expect(reading).toMatchObject({ source: 'unknown', expiryDays: 90, expiresAt: null });
    expect(reading.unknownReason).toBe('Salesforce has no date of the last password change for this user.');
  });
});

describe('integrationUserReading', () => {
  it('keeps each permission, or null for all with the reason when the read was refused', () => {
    expect(integrationUserReading({ permissions }, START)).toEqual({ readAt: START.toISOString(), ...permissions });
    const refused = integrationUserReading({ permissionsRefusal: 'INSUFFICIENT_ACCESS' }, START);
    expect(refused).toMatchObject({ apiOnly: null, passwordNeverExpires: null, apiEnabled: null, useAnyApiAuth: null, mfaForApi: null });
    expect(refused.unreadReason).toContain('INSUFFICIENT_ACCESS');
  });
});

describe('a test of a password org', () => {
  const facts = (passwordUser: PasswordUserFacts) => succeeds({ passwordUser });

  it('asks the gateway for the password user, and keeps the readings on the org with the time read', async () => {
    const { core, id, gateway, record } = await scriptedCore([facts({ user: user(83), permissions, policy: { source: 'org', expiryDays: 90 } })]);
    const outcome = await core.tester.test(id);
    expect(gateway.checks[0]!.readPasswordUser).toBe(true);
    expect(record().passwordPolicy).toMatchObject({ readAt: START.toISOString(), source: 'org', expiresAt: new Date(START.getTime() + 7 * DAY).toISOString() });
    expect(record().integrationChecklist).toMatchObject({ readAt: START.toISOString(), apiOnly: true, mfaForApi: false });
    expect(core.orgs.list()[0]!.passwordPolicy?.expiresAt).toBe(record().passwordPolicy!.expiresAt);
    // 7 days left: the test warns.
    expect(outcome.warnings.map((w) => w.code)).toContain('PASSWORD_EXPIRES_SOON');
  });

  it('warns from 14 days ahead only', async () => {
    const { core, id } = await scriptedCore([facts({ user: user(75), permissions, policy: { source: 'org', expiryDays: 90 } }), facts({ user: user(76), permissions, policy: { source: 'org', expiryDays: 90 } })]);
    expect((await core.tester.test(id)).warnings.map((w) => w.code)).not.toContain('PASSWORD_EXPIRES_SOON');
    expect((await core.tester.test(id)).warnings.find((w) => w.code === 'PASSWORD_EXPIRES_SOON')?.message).toContain('(in 14 days)');
  });

  it('still passes when every read about the user was refused, and keeps “unknown” with the reasons', async () => {
    const { core, id, record } = await scriptedCore([facts({ userRefusal: 'INSUFFICIENT_ACCESS', permissionsRefusal: 'INSUFFICIENT_ACCESS', policyRefusal: 'INSUFFICIENT_ACCESS' })]);
    const outcome = await core.tester.test(id);
    expect(outcome.ok).toBe(true);
    expect(outcome.warnings.map((w) => w.code)).not.toContain('PASSWORD_EXPIRES_SOON');
    expect(passwordExpiryStanding(record().passwordPolicy, START)).toMatchObject({ state: 'unknown' });
    expect(record().integrationChecklist?.unreadReason).toContain('INSUFFICIENT_ACCESS');
  });

  it('keeps no readings for an org of another login method, and does not ask for them', async () => {
    const { core, id, gateway, record } = await scriptedCore([succeeds({ via: 'client-credentials', userName: 'run-as@acme.com' })], {
      org: { auth: 'client-credentials', environment: 'custom', customUrl: 'https://acme.my.salesforce.com', username: '', password: '', token: '', clientId: '3MVG9ClientCredentialsKey00001', clientSecret: 'cc-secret-1234' },
    });
    await core.tester.test(id);
    expect(gateway.checks[0]!.readPasswordUser).toBeUndefined();
    expect(record().passwordPolicy).toBeUndefined();
  });
});
