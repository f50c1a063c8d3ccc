/**
 * When Salesforce stops each way OrgKey logs in (shared/retirements.ts over shared/retirements.json):
 * the flow of an org, the days left counted on UTC dates, what happens on and after a deadline, the
 * banner's tallies, and the README table generated from the same file.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OrgSummary } from '../../shared/domain';
import {
  daysUntil,
  LOGIN_FLOW_INFO,
  loginFlowOf,
  parseRetirements,
  retirementStatus,
  tallyRetirements,
  tallyText,
} from '../../shared/retirements';
import { README, retirementsTable, withTable } from '../../scripts/readme-retirements';

type Org = Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'>;
const at = '2026-11-28T10:00:00.000Z';
const browser: Org = { auth: 'browser', clientId: 'eca-key' };
const oauthPassword: Org = { auth: 'password', clientId: 'connected-app-key' };
const soapOn: Org = { auth: 'password', soapLogin: { allowed: true, at } };
const soapOff: Org = { auth: 'password', soapLogin: { allowed: false, at } };
const untested: Org = { auth: 'password' };

const day = (iso: string) => new Date(iso);

describe('the flow an org logs in with', () => {
  it('is the OAuth username-password flow for a password org with a consumer key, SOAP login() without one', () => {
    expect([browser, oauthPassword, soapOn, soapOff, untested].map(loginFlowOf)).toEqual(['browser', 'oauth-password', 'soap', 'soap', 'soap']);
  });
});

describe('retirementStatus', () => {
  const before = day('2026-12-02T05:43:00Z');

  it('gives the consumer key + password flow its published date and the days left', () => {
    expect(retirementStatus(oauthPassword, before)).toEqual({
      flow: 'oauth-password',
      affected: true,
      deadline: '2027-02-20',
      deadlineLabel: '20 Feb 2027',
      daysLeft: 80,
    });
  });

  it('gives SOAP login() the release, and no date or count, as Salesforce published no date', () => {
    for (const org of [soapOn, soapOff, untested]) {
      expect(retirementStatus(org, before)).toEqual({ flow: 'soap', affected: true, deadline: null, deadlineLabel: 'Summer ’27', daysLeft: null });
    }
  });

  it('leaves browser-login orgs unaffected', () => {
    expect(retirementStatus(browser, before)).toEqual({ flow: 'browser', affected: false, deadline: null, deadlineLabel: null, daysLeft: null });
  });

  it('counts whole days between UTC dates: 1 the day before, 0 on the deadline and every day after, never negative', () => {
    const left = (iso: string) => retirementStatus(oauthPassword, day(iso)).daysLeft;
    expect(left('2027-02-19T00:00:00Z')).toBe(1);
    expect(left('2027-02-19T23:59:59.999Z')).toBe(1);
    expect(left('2027-02-20T00:00:00Z')).toBe(0);
    expect(left('2027-02-20T23:59:59Z')).toBe(0);
    expect(left('2027-03-01T12:00:00Z')).toBe(0);
    expect(left('2030-01-01T00:00:00Z')).toBe(0);
    // The evening of the 19th in New York is already the 20th in UTC.
    expect(left('2027-02-19T21:00:00-05:00')).toBe(0);
    // Across the clock change and a leap day, a day is still a day.
    expect(daysUntil('2028-03-27', day('2028-02-27T12:00:00Z'))).toBe(29);
    expect(daysUntil('2027-03-30', day('2027-03-27T00:30:00+01:00'))).toBe(4);
  });

  it('keeps the same label and date after the deadline, so the flow can be said to be off since then', () => {
    expect(retirementStatus(oauthPassword, day('2027-04-01T00:00:00Z'))).toMatchObject({ deadline: '2027-02-20', deadlineLabel: '20 Feb 2027', daysLeft: 0 });
    expect(retirementStatus(soapOn, day('2027-09-01T00:00:00Z'))).toMatchObject({ deadlineLabel: 'Summer ’27', daysLeft: null });
  });
});

describe('the banner tallies', () => {
  const orgs = [soapOn, oauthPassword, soapOff, browser, untested, soapOff, oauthPassword, oauthPassword];

  it('list both retirements nearest first, with how many orgs each stops and how many it already stopped', () => {
    const tallies = tallyRetirements(orgs, day('2026-12-02T05:43:00Z'));
    expect(tallies.map(({ flow, orgs, alreadyOff, daysLeft }) => ({ flow, orgs, alreadyOff, daysLeft }))).toEqual([
      { flow: 'oauth-password', orgs: 3, alreadyOff: 0, daysLeft: 80 },
      { flow: 'soap', orgs: 4, alreadyOff: 2, daysLeft: null },
    ]);
    expect(tallies.map(tallyText)).toEqual([
      'OAuth username-password flow: off 20 Feb 2027 (in 80 days) — 3 orgs',
      'SOAP login(): retired in Summer ’27 — 4 orgs, 2 already have it off',
    ]);
  });

  it('say “in 1 day”, “1 org” and “1 already has it off” in the singular', () => {
    const tallies = tallyRetirements([oauthPassword, soapOff], day('2027-02-19T08:00:00Z'));
    expect(tallies.map(tallyText)).toEqual([
      'OAuth username-password flow: off 20 Feb 2027 (in 1 day) — 1 org',
      'SOAP login(): retired in Summer ’27 — 1 org, 1 already has it off',
    ]);
  });

  it('say the flow is off once its deadline has come, with every org counted as stopped', () => {
    for (const iso of ['2027-02-20T00:00:00Z', '2027-06-01T00:00:00Z']) {
      const [flow] = tallyRetirements(orgs, day(iso));
      expect(flow).toMatchObject({ flow: 'oauth-password', orgs: 3, alreadyOff: 3, daysLeft: 0 });
      expect(tallyText(flow!)).toBe('OAuth username-password flow: off since 20 Feb 2027 — 3 orgs can no longer log in this way');
    }
  });

  it('leave out a retirement no org depends on, and have nothing when every org uses browser login', () => {
    expect(tallyRetirements([soapOn, browser], day(at)).map((t) => t.flow)).toEqual(['soap']);
    expect(tallyRetirements([oauthPassword], day(at)).map((t) => t.flow)).toEqual(['oauth-password']);
    expect(tallyRetirements([browser, browser], day(at))).toEqual([]);
  });
});

describe('retirements.json', () => {
  it('has every flow once, each retirement with an https source', () => {
    expect(LOGIN_FLOW_INFO.map((entry) => entry.flow).sort()).toEqual(['browser', 'client-credentials', 'jwt', 'oauth-password', 'soap']);
    for (const { retirement } of LOGIN_FLOW_INFO) {
      for (const source of retirement?.sources ?? []) expect(source.url).toMatch(/^https:\/\/help\.salesforce\.com\//);
    }
  });

  it('is refused with a message naming the mistake: a bad date, an unknown flow, a missing flow, no source', () => {
    const valid = JSON.parse(fs.readFileSync(new URL('../../shared/retirements.json', import.meta.url), 'utf8')) as {
      flows: Array<{ flow: string; retirement: { deadline: string | null; sources: unknown[] } | null }>;
    };
    const changed = (edit: (flows: typeof valid.flows) => void) => {
      const copy = structuredClone(valid);
      edit(copy.flows);
      return () => parseRetirements(copy);
    };
    expect(parseRetirements(valid)).toHaveLength(5);
    expect(changed((flows) => (flows[0]!.retirement!.deadline = '20/02/2027'))).toThrow(/deadline "20\/02\/2027" is not a YYYY-MM-DD date/);
    expect(changed((flows) => (flows[0]!.flow = 'saml'))).toThrow(/unknown flow "saml"/);
    expect(changed((flows) => flows.splice(2, 1))).toThrow(/no entry for browser/);
    expect(changed((flows) => (flows[1]!.retirement!.sources = []))).toThrow(/needs at least one source/);
  });
});

describe('the README table', () => {
  it('is the one generated from retirements.json (run `npm run readme:retirements` after changing it)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(withTable(readme)).toBe(readme);
    expect(readme).toContain(retirementsTable());
  });

  it('changes when the data does, nearest retirement first', () => {
    const table = retirementsTable().split('\n');
    expect(table.slice(3, 6).map((row) => row.split(' | ')[0])).toEqual(['| OAuth username-password flow', '| SOAP login()', '| Browser login (OAuth web-server flow with PKCE)']);
    expect(table[3]).toContain('**20 Feb 2027**');
    expect(table[4]).toContain('the **Summer ’27** release (no date published)');
    const moved = LOGIN_FLOW_INFO.map((entry) =>
      entry.flow === 'oauth-password' ? { ...entry, retirement: { ...entry.retirement!, deadline: '2027-09-01' } } : entry,
    );
    const movedTable = retirementsTable(moved);
    expect(movedTable).toContain('**1 Sep 2027**');
    expect(movedTable.split('\n')[3]).toMatch(/^\| SOAP login\(\)/);
    expect(() => withTable('# README without markers\n')).toThrow(/needs the markers/);
  });
});
