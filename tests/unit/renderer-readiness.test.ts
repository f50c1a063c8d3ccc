/** The password-login retirements as the list's badges and banner and the detail's row show them. */
import { describe, expect, it } from 'vitest';
import type { OrgSummary } from '../../shared/domain';
import { readinessOf, retirementLines, switchAdvice } from '../../renderer/lib/readiness';

type Org = Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'>;
const at = '2026-11-28T10:00:00.000Z';
const browser: Org = { auth: 'browser', clientId: 'key' };
const oauthPassword: Org = { auth: 'password', clientId: 'key' };
const soapOff: Org = { auth: 'password', soapLogin: { allowed: false, at } };
const soapOn: Org = { auth: 'password', soapLogin: { allowed: true, at } };
const untested: Org = { auth: 'password' };
const december = Date.parse('2026-12-02T09:00:00Z');
const march = Date.parse('2027-03-01T09:00:00Z');

describe('readiness', () => {
  it('labels each way of logging in with when Salesforce stops it; only browser login is unaffected', () => {
    const views = [browser, oauthPassword, soapOff, soapOn, untested].map((org) => readinessOf(org, december));
    expect(views.map(({ label, deadlineText, affected }) => [label, deadlineText, affected])).toEqual([
      ['Browser', null, false],
      ['OAuth password', 'until 20 Feb 2027', true],
      ['SOAP (off in this org)', null, true],
      ['SOAP', 'until Summer ’27', true],
      ['SOAP (untested)', 'until Summer ’27', true],
    ]);
    expect(readinessOf(soapOff, december).sentence).toMatch(/already has switched off.*Summer ’27/);
  });

  it('tells a consumer key + password org its deadline and the days left, not that it is unaffected', () => {
    const view = readinessOf(oauthPassword, december);
    expect(view.readiness).toBe('oauth-password');
    expect(view.retirement).toEqual({ flow: 'oauth-password', affected: true, deadline: '2027-02-20', deadlineLabel: '20 Feb 2027', daysLeft: 80 });
    expect(view.badgeClass).toBe('slds-badge slds-theme_warning');
    expect(view.sentence).toBe(
      'Logs in with a consumer key and the password — the OAuth username-password flow, which Salesforce turns off for connected apps on 20 Feb 2027 (in 80 days), with no extension; External Client Apps never supported it. Switch it to Browser login (OAuth) before then.',
    );
    expect(view.sentence).not.toMatch(/not affect/);
  });

  it('says the flow is off from the deadline on, never a negative count', () => {
    for (const now of [Date.parse('2027-02-20T00:00:00Z'), march]) {
      const view = readinessOf(oauthPassword, now);
      expect([view.label, view.deadlineText]).toEqual(['OAuth password', 'off since 20 Feb 2027']);
      expect(view.badgeClass).toBe('slds-badge slds-theme_error');
      expect(view.sentence).toContain('turned off for connected apps on 20 Feb 2027: its logins fail');
      expect(view.sentence).not.toMatch(/-\d|in \d+ day/);
    }
    expect(readinessOf(soapOn, march).deadlineText).toBe('until Summer ’27');
  });
});

describe('the banner lines', () => {
  it('count both retirements, nearest first, with the orgs each stops and those already off', () => {
    const orgs = [browser, soapOn, oauthPassword, soapOff, untested, soapOff, oauthPassword];
    expect(retirementLines(orgs, december).map((line) => [line.flow, line.orgs, line.alreadyOff, line.text])).toEqual([
      ['oauth-password', 2, 0, 'OAuth username-password flow: off 20 Feb 2027 (in 80 days) — 2 orgs'],
      ['soap', 4, 2, 'SOAP login(): retired in Summer ’27 — 4 orgs, 2 already have it off'],
    ]);
  });

  it('show only the retirements that stop an org, and none when every org uses browser login', () => {
    expect(retirementLines([oauthPassword, browser], december).map((line) => line.text)).toEqual(['OAuth username-password flow: off 20 Feb 2027 (in 80 days) — 1 org']);
    expect(retirementLines([soapOff], december).map((line) => line.text)).toEqual(['SOAP login(): retired in Summer ’27 — 1 org, 1 already has it off']);
    expect(retirementLines([browser], december)).toEqual([]);
  });

  it('say “off since” once the deadline has come', () => {
    expect(retirementLines([oauthPassword, soapOn], march).map((line) => line.text)).toEqual([
      'OAuth username-password flow: off since 20 Feb 2027 — 1 org can no longer log in this way',
      'SOAP login(): retired in Summer ’27 — 1 org',
    ]);
  });
});

describe('the method that fits', () => {
  const exported = { dataLoaderExports: [{ id: 'x' }] } as unknown as Pick<OrgSummary, 'dataLoaderExports'>;

  it('shows client credentials and JWT bearer as not affected', () => {
    for (const auth of ['client-credentials', 'jwt'] as const) {
      const view = readinessOf({ auth, clientId: 'key' }, december);
      expect([view.readiness, view.affected, view.deadlineText]).toEqual([auth, false, null]);
      expect(view.sentence).toMatch(/do not affect it/);
    }
    expect(retirementLines([{ auth: 'client-credentials', clientId: 'key' }, { auth: 'jwt', clientId: 'key' }], december)).toEqual([]);
  });

  it('offers browser login for an org a person uses, and client credentials or JWT for one a Data Loader job uses', () => {
    expect(readinessOf(soapOn, december).fit).toBe('person');
    const server = readinessOf({ ...soapOn, ...exported }, december);
    expect(server.fit).toBe('server');
    expect(server.sentence).toMatch(/switch it to Client credentials or JWT bearer, which need no person and no password, before then\.$/);
    expect(switchAdvice([soapOn, untested, { ...oauthPassword, ...exported }, browser], december)).toEqual([
      { fit: 'person', orgs: 2, text: 'Switch them to Browser login (OAuth): open an org and choose “Set up browser login”.' },
      {
        fit: 'server',
        orgs: 1,
        text: 'The org a tool logs in with (a Data Loader export is set up): switch it to Client credentials or JWT bearer, which need no person: open the org and choose “Set up client credentials” or “Set up JWT bearer”.',
      },
    ]);
    expect(switchAdvice([browser, { auth: 'jwt', clientId: 'key', ...exported }], december)).toEqual([]);
  });
});
