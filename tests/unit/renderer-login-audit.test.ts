/** The audit of an org's logins as the detail's *Audit logins* section shows and orders it. */
import { describe, expect, it } from 'vitest';
import {
  byDeadlineThenVolume,
  changeText,
  checkAuditDays,
  compareAudits,
  deadlineOf,
  flowsIn,
  goneSince,
  shownGroups,
  type LoginAudit,
  type LoginAuditGroup,
} from '../../renderer/lib/loginAudit';

const SOAP = { affected: true, deadline: null, deadlineLabel: 'Summer ’27', daysLeft: null };
const OAUTH = { affected: true, deadline: '2027-02-20', deadlineLabel: '20 Feb 2027', daysLeft: 80 };
const NONE = { affected: false, deadline: null, deadlineLabel: null, daysLeft: null };

function group(over: Partial<LoginAuditGroup>): LoginAuditGroup {
  return { username: 'user@acme.com', name: 'A User', application: 'App', flow: 'other', apiVersions: [], count: 1, retirement: NONE, ...over };
}

const dataLoader = group({ username: 'dl@acme.com', name: 'Data Loader Job', application: 'DataLoaderBulkUI', flow: 'soap', apiVersions: ['62.0'], count: 900, retirement: SOAP });
const newSoap = group({ username: 'new@acme.com', name: 'New Script', application: 'N/A', flow: 'soap', apiVersions: ['65.0'], count: 3, retirement: SOAP });
const script = group({ username: 'etl@acme.com', name: 'ETL Script', application: 'Nightly ETL', flow: 'oauth-password', apiVersions: ['61.0'], count: 30, retirement: OAUTH });
const browser = group({ username: 'ann@acme.com', name: 'Ann Admin', application: 'Browser', flow: 'ui', count: 5000 });
const cc = group({ username: 'run@acme.com', name: 'Run As', application: 'Job', flow: 'client-credentials', count: 120 });

describe('when a group stops working', () => {
  it('gives each retirement its badge: the date, the release, already failing at API ≥ 65, not affected', () => {
    expect([script, dataLoader, newSoap, browser].map((g) => [deadlineOf(g).kind, deadlineOf(g).label, deadlineOf(g).detail])).toEqual([
      ['dated', '20 Feb 2027', 'in 80 days'],
      ['release', 'Summer ’27', 'no date published yet'],
      ['failing', 'Already failing', 'at API 65.0: SOAP login() is gone from API 65.0'],
      ['none', 'Not affected', null],
    ]);
    expect(deadlineOf(dataLoader).badgeClass).toBe('slds-badge slds-theme_warning');
    expect(deadlineOf(newSoap).badgeClass).toBe('slds-badge slds-theme_error');
  });

  it('calls a dated flow already failing once its day has come', () => {
    const after = group({ ...script, retirement: { ...OAUTH, daysLeft: 0 } });
    expect([deadlineOf(after).kind, deadlineOf(after).detail]).toEqual(['failing', 'off since 20 Feb 2027']);
  });
});

describe('the table', () => {
  it('sorts by deadline (already failing first, not affected last), then by volume', () => {
    const sorted = [browser, cc, dataLoader, script, newSoap].sort(byDeadlineThenVolume);
    expect(sorted.map((g) => g.username)).toEqual(['new@acme.com', 'etl@acme.com', 'dl@acme.com', 'ann@acme.com', 'run@acme.com']);
  });

  it('filters by flow and by part of a name or username, any case', () => {
    const all = [browser, cc, dataLoader, script, newSoap];
    expect(shownGroups(all, { flow: 'soap', user: '' }).map((g) => g.username)).toEqual(['new@acme.com', 'dl@acme.com']);
    expect(shownGroups(all, { flow: '', user: 'etl' }).map((g) => g.username)).toEqual(['etl@acme.com']);
    expect(shownGroups(all, { flow: '', user: '  ANN ' }).map((g) => g.username)).toEqual(['ann@acme.com']);
    expect(shownGroups(all, { flow: 'soap', user: 'ann' })).toEqual([]);
    expect(flowsIn(all)).toEqual(['soap', 'oauth-password', 'client-credentials', 'ui']);
  });
});

describe('against the audit kept before', () => {
  const audit = (days: number, groups: LoginAuditGroup[]): LoginAudit => ({ days, groups });

  it('says per group whether it is new, or how many more or fewer logins it had', () => {
    const before = audit(30, [group({ ...dataLoader, count: 1000 }), group({ ...script, count: 10 }), browser, cc]);
    const now = audit(30, [dataLoader, script, browser, newSoap]);
    const changes = compareAudits(now, before)!;
    expect([dataLoader, script, browser, newSoap].map((g) => changeText(changes.get(`${g.username}\n${g.application}\n${g.flow}`)))).toEqual(['−100', '+20', '', 'new']);
    expect(goneSince(now, before)).toBe(1);
  });

  it('compares nothing with no audit before, or one over another number of days', () => {
    expect(compareAudits(audit(30, [dataLoader]), null)).toBeNull();
    expect(compareAudits(audit(30, [dataLoader]), audit(90, [dataLoader]))).toBeNull();
    expect(goneSince(audit(30, []), audit(90, [dataLoader]))).toBe(0);
  });
});

describe('the days field', () => {
  it('takes a whole number from 1 to 180 and says what is wrong otherwise', () => {
    expect(checkAuditDays(' 30 ')).toEqual({ ok: true, days: 30 });
    expect(checkAuditDays('180')).toEqual({ ok: true, days: 180 });
    expect(checkAuditDays('181')).toEqual({ ok: false, message: 'Salesforce keeps Login History for 6 months: enter 180 days or fewer.' });
    expect(checkAuditDays('0')).toEqual({ ok: false, message: 'Read at least 1 day.' });
    expect(checkAuditDays('2.5')).toEqual({ ok: false, message: 'Enter a whole number of days, from 1 to 180.' });
    expect(checkAuditDays('')).toEqual({ ok: false, message: 'Enter how many days to read, from 1 to 180.' });
  });
});
