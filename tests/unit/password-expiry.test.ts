/**
 * When a password expires (shared/password-expiry.ts): the standing on a day, the warning steps at
 * 14, 7 and 1 days, the policy's edges (never, unreadable, no last change, the permission), and the
 * words of the integration-user checklist (shared/integration-checklist.ts).
 */
import { describe, expect, it } from 'vitest';
import { integrationChecklist, type IntegrationUserReading } from '../../shared/integration-checklist';
import { passwordExpiryView } from '../../renderer/lib/passwordExpiry';
import { passwordExpiresAt, passwordExpiryNotice, passwordExpiryStanding, passwordExpiryText, type PasswordPolicyReading } from '../../shared/password-expiry';

const changed = '2026-09-03T09:00:00.000Z';
const reading = (over: Partial<PasswordPolicyReading> = {}): PasswordPolicyReading => ({
  readAt: '2026-11-20T08:00:00.000Z',
  lastChangedAt: changed,
  neverExpires: false,
  expiryDays: 90,
  source: 'org',
  expiresAt: passwordExpiresAt(changed, 90),
  ...over,
});
// 90 days after 3 Sep 2026 09:00 UTC.
const expiry = '2026-12-02T09:00:00.000Z';
const daysBefore = (days: number, hours = 0) => new Date(Date.parse(expiry) - days * 86_400_000 - hours * 3_600_000);

describe('passwordExpiryStanding', () => {
  it('counts the policy’s days from the last password change', () => {
    expect(passwordExpiresAt(changed, 90)).toBe(expiry);
    expect(passwordExpiryStanding(reading(), daysBefore(30))).toEqual({ state: 'expires', expiresAt: expiry, daysLeft: 30, warnAt: null });
  });

  it('warns at 14, 7 and 1 days, each step until the next one, a part day counted whole', () => {
    const warnAt = (days: number, hours = 0) => {
      const standing = passwordExpiryStanding(reading(), daysBefore(days, hours));
      return standing.state === 'expires' ? [standing.daysLeft, standing.warnAt] : standing.state;
    };
    expect(warnAt(15)).toEqual([15, null]);
    expect(warnAt(14, 1)).toEqual([15, null]);
    expect(warnAt(14)).toEqual([14, 14]);
    expect(warnAt(8)).toEqual([8, 14]);
    expect(warnAt(7)).toEqual([7, 7]);
    expect(warnAt(2)).toEqual([2, 7]);
    expect(warnAt(1)).toEqual([1, 1]);
    expect(warnAt(0, 3)).toEqual([1, 1]);
    expect(warnAt(0)).toBe('expired');
  });

  it('is expired from the expiry on', () => {
    expect(passwordExpiryStanding(reading(), daysBefore(-3))).toEqual({ state: 'expired', expiresAt: expiry });
  });

  it('never expires with the permission, or under a policy of 0 days (“Never expires”)', () => {
    expect(passwordExpiryStanding(reading({ neverExpires: true, source: 'permission', expiresAt: null }), daysBefore(0))).toEqual({ state: 'never' });
    expect(passwordExpiryStanding(reading({ expiryDays: 0, source: 'profile', expiresAt: null }), daysBefore(0))).toEqual({ state: 'never' });
    expect(passwordExpiresAt(changed, 0)).toBeNull();
  });

  it('is unknown, with the reason, when the policy or the last change could not be read', () => {
    const unreadable = reading({ expiryDays: null, source: 'unknown', expiresAt: null, unknownReason: 'The user may not read the password policy.' });
    expect(passwordExpiryStanding(unreadable, daysBefore(1))).toEqual({ state: 'unknown', reason: 'The user may not read the password policy.' });
    expect(passwordExpiryStanding(reading({ lastChangedAt: null, expiresAt: null, source: 'unknown' }), daysBefore(1)).state).toBe('unknown');
  });

  it('is not read before a test read it', () => {
    expect(passwordExpiryStanding(undefined, daysBefore(1))).toEqual({ state: 'not-read' });
  });

  it('says it in a few words', () => {
    const say = (r: PasswordPolicyReading | undefined, now: Date) => passwordExpiryText(passwordExpiryStanding(r, now));
    expect(say(reading(), daysBefore(12))).toBe('expires in 12 days');
    expect(say(reading(), daysBefore(1))).toBe('expires in 1 day');
    expect(say(reading(), daysBefore(-1))).toBe('expired on 2 Dec 2026');
    expect(say(reading({ neverExpires: true }), daysBefore(1))).toBe('never expires');
    expect(say(undefined, daysBefore(1))).toBe('not read yet');
  });
});

describe('passwordExpiryNotice', () => {
  it('warns within 14 days with the date, the days and the policy it comes from', () => {
    expect(passwordExpiryNotice(reading(), daysBefore(15))).toBeNull();
    const notice = passwordExpiryNotice(reading({ source: 'profile' }), daysBefore(7));
    expect(notice?.code).toBe('PASSWORD_EXPIRES_SOON');
    expect(notice?.message).toContain('expires on 2 Dec 2026 (in 7 days) under the profile’s password policy (90 days)');
    expect(notice?.message).toContain('Password Never Expires');
  });

  it('says an expiry already past by the policy, and nothing for a password that never expires or is unknown', () => {
    expect(passwordExpiryNotice(reading(), daysBefore(-2))?.message).toContain('expired on 2 Dec 2026');
    expect(passwordExpiryNotice(reading({ neverExpires: true, source: 'permission', expiresAt: null }), daysBefore(1))).toBeNull();
    expect(passwordExpiryNotice(reading({ expiryDays: null, source: 'unknown', expiresAt: null }), daysBefore(1))).toBeNull();
  });
});

describe('integrationChecklist', () => {
  const user = (over: Partial<IntegrationUserReading> = {}): IntegrationUserReading => ({
    readAt: '2026-11-20T08:00:00.000Z',
    apiOnly: true,
    passwordNeverExpires: true,
    apiEnabled: true,
    useAnyApiAuth: true,
    mfaForApi: false,
    ...over,
  });
  const soapOn = { soapLogin: { allowed: true, at: '2026-11-20T08:00:00.000Z' } };

  it('is nothing before a test read it', () => {
    expect(integrationChecklist(undefined, soapOn)).toBeNull();
  });

  it('passes an integration user set up for unattended logins, item by item', () => {
    const lines = integrationChecklist(user(), soapOn)!;
    expect(lines.map((line) => [line.id, line.state])).toEqual([
      ['api-only', 'ok'],
      ['password-never-expires', 'ok'],
      ['api-enabled', 'ok'],
      ['soap-login', 'ok'],
      ['mfa-for-api', 'ok'],
    ]);
    expect(lines.every((line) => line.change === undefined)).toBe(true);
  });

  it('says what to change, in Setup’s words, for each item set the wrong way', () => {
    const lines = integrationChecklist(user({ apiOnly: false, passwordNeverExpires: false, useAnyApiAuth: false, mfaForApi: true }), { soapLogin: { allowed: false, at: '2026-11-20T08:00:00.000Z' } })!;
    const change = Object.fromEntries(lines.map((line) => [line.id, line.change]));
    expect(lines.every((line) => line.state === 'change')).toBe(true);
    expect(change['api-only']).toMatch(/^Give it “API Only User” \(Setup › Permission Sets, or the user’s profile › System Permissions\)/);
    expect(change['password-never-expires']).toContain('“Password Never Expires”');
    expect(change['api-enabled']).toContain('“Use Any API Auth”');
    expect(change['soap-login']).toContain('“Enable SOAP API login()” (Setup › User Interface)');
    expect(change['mfa-for-api']).toContain('“Multi-Factor Authentication for API Logins”');
  });

  it('asks for API Enabled before Use Any API Auth, and does not ask for the latter with a connected app', () => {
    const noApi = integrationChecklist(user({ apiEnabled: false, useAnyApiAuth: false }), soapOn)!.find((line) => line.id === 'api-enabled')!;
    expect(noApi.change).toContain('“API Enabled”');
    const oauth = integrationChecklist(user({ useAnyApiAuth: false }), { clientId: 'connected-app-key' })!;
    expect(oauth.find((line) => line.id === 'api-enabled')!.state).toBe('ok');
    expect(oauth.find((line) => line.id === 'soap-login')!.seen).toContain('Not used');
  });

  it('marks what was not read as unknown, with Salesforce’s reason, and SOAP login() as unknown before it was tried', () => {
    const lines = integrationChecklist(user({ apiOnly: null, passwordNeverExpires: null, apiEnabled: null, useAnyApiAuth: null, mfaForApi: null, unreadReason: 'Salesforce refused the read (INSUFFICIENT_ACCESS).' }), {})!;
    expect(lines.map((line) => line.state)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(lines[0]!.seen).toBe('Not read: Salesforce refused the read (INSUFFICIENT_ACCESS).');
    expect(lines[3]!.seen).toContain('no SOAP login() has been tried yet');
  });
});

describe('the list’s badge and the detail’s sentence', () => {
  const org = (passwordPolicy?: PasswordPolicyReading) => ({ auth: 'password' as const, ...(passwordPolicy ? { passwordPolicy } : {}) });

  it('is a plain badge beyond 14 days, a warning within them, an error once expired, nothing for orgs without a password', () => {
    expect(passwordExpiryView(org(reading()), daysBefore(30).getTime())).toMatchObject({ label: 'Expires in 30 days', badgeClass: 'slds-badge slds-badge_lightest' });
    expect(passwordExpiryView(org(reading()), daysBefore(14).getTime())).toMatchObject({ label: 'Expires in 14 days', badgeClass: 'slds-badge slds-theme_warning' });
    expect(passwordExpiryView(org(reading()), daysBefore(-1).getTime())).toMatchObject({ label: 'Expired', badgeClass: 'slds-badge slds-theme_error' });
    expect(passwordExpiryView({ auth: 'browser' }, daysBefore(1).getTime())).toBeNull();
  });

  it('says never, not read yet, or unknown with the reason as its sentence', () => {
    expect(passwordExpiryView(org(reading({ neverExpires: true, source: 'permission', expiresAt: null })), 0)).toMatchObject({ label: 'Never expires', sentence: 'The password never expires, by the “Password Never Expires” permission.' });
    expect(passwordExpiryView(org(), 0)).toMatchObject({ label: 'Not read yet' });
    expect(passwordExpiryView(org(reading({ expiryDays: null, source: 'unknown', expiresAt: null, unknownReason: 'Why.' })), 0)).toMatchObject({ label: 'Expiry unknown', sentence: 'Why.' });
  });
});
