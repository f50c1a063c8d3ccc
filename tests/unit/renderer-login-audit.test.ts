/** The audit of an org's logins as the detail's *Audit logins* section shows, filters and compares it. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AuditGroup, AuditRetirement, LoginAudit } from '../../shared/login-audit';
import { changeText, checkAuditDays, compareAudits, deadlineOf, flowsIn, goneSince, groupKey, shownGroups } from '../../renderer/lib/loginAudit';
import { LoginErrorAlert } from '../../renderer/components/LoginErrorAlert';

const NONE: AuditRetirement = { flow: 'browser', affected: false, deadline: null, deadlineLabel: null, daysLeft: null, alreadyOff: false };
const SOAP: AuditRetirement = { flow: 'soap', affected: true, deadline: null, deadlineLabel: 'Summer ’27', daysLeft: null, alreadyOff: false };
const SOAP_65: AuditRetirement = { ...SOAP, deadlineLabel: 'API 65.0', alreadyOff: true };
const OAUTH: AuditRetirement = { flow: 'oauth-password', affected: true, deadline: '2027-02-20', deadlineLabel: '20 Feb 2027', daysLeft: 80, alreadyOff: false };
const OTHER: AuditRetirement = { flow: null, affected: null, deadline: null, deadlineLabel: null, daysLeft: null, alreadyOff: false };

function group(over: Partial<AuditGroup>): AuditGroup {
  return {
    username: 'user@acme.com',
    name: 'A User',
    application: 'App',
    flow: 'other',
    loginType: null,
    loginSubType: null,
    apiType: null,
    apiVersions: [],
    apiVersionsMore: 0,
    sourceIps: [],
    sourceIpsMore: 0,
    count: 1,
    failures: 0,
    firstSeen: '2026-11-01T00:00:00.000Z',
    lastSeen: '2026-11-30T00:00:00.000Z',
    retirement: NONE,
    moveTo: null,
    ...over,
  };
}

// In the core's order: already off, then nearest deadline, then by count; not affected last.
const newSoap = group({ username: 'new@acme.com', name: 'New Script', flow: 'soap', count: 3, retirement: SOAP_65 });
const script = group({ username: 'etl@acme.com', name: 'ETL Script', application: 'Nightly ETL', flow: 'oauth-password', count: 30, retirement: OAUTH });
const dataLoader = group({ username: 'dl@acme.com', name: 'Data Loader Job', application: 'DataLoaderBulkBatch/64.1.0', flow: 'soap', count: 900, retirement: SOAP });
const ann = group({ username: 'ann@acme.com', name: 'Ann Admin', application: 'Browser', flow: 'ui', count: 5000 });
const cc = group({ username: 'run@acme.com', name: 'Run As', application: 'Job', flow: 'client-credentials', count: 120 });
const all = [newSoap, script, dataLoader, ann, cc];

describe('when a group stops working', () => {
  it('gives each retirement its badge: already failing, the date, the release, cannot tell, not affected', () => {
    const views = [SOAP_65, OAUTH, SOAP, OTHER, NONE].map(deadlineOf);
    expect(views.map(({ kind, label, detail }) => [kind, label, detail])).toEqual([
      ['failing', 'Already failing', 'SOAP login() is refused at API 65.0 and later'],
      ['dated', '20 Feb 2027', 'in 80 days'],
      ['release', 'Summer ’27', 'no date published yet'],
      ['unknown', 'Cannot tell', 'the row does not say how it logged in'],
      ['none', 'Not affected', null],
    ]);
    expect(views.map((view) => view.badgeClass)).toEqual([
      'slds-badge slds-theme_error',
      'slds-badge slds-theme_warning',
      'slds-badge slds-theme_warning',
      'slds-badge slds-badge_lightest',
      'slds-badge slds-theme_success',
    ]);
  });

  it('calls a dated flow already failing once its day has come, never a count of days', () => {
    const view = deadlineOf({ ...OAUTH, daysLeft: 0, alreadyOff: true });
    expect([view.kind, view.label, view.detail]).toEqual(['failing', 'Already failing', 'off since 20 Feb 2027']);
  });
});

describe('the filters', () => {
  it('filter by flow and by part of a name or username, any case, keeping the audit’s order', () => {
    expect(shownGroups(all, { flow: 'soap', user: '' }).map((g) => g.username)).toEqual(['new@acme.com', 'dl@acme.com']);
    expect(shownGroups(all, { flow: '', user: 'etl' }).map((g) => g.username)).toEqual(['etl@acme.com']);
    expect(shownGroups(all, { flow: '', user: '  ANN ' }).map((g) => g.username)).toEqual(['ann@acme.com']);
    expect(shownGroups(all, { flow: '', user: 'data loader' }).map((g) => g.username)).toEqual(['dl@acme.com']);
    expect(shownGroups(all, { flow: 'soap', user: 'ann' })).toEqual([]);
    expect(shownGroups(all, { flow: '', user: '' })).toEqual(all);
  });

  it('offer only the flows the audit has, in a fixed order', () => {
    expect(flowsIn(all)).toEqual(['soap', 'oauth-password', 'client-credentials', 'ui']);
  });
});

describe('against the audit kept before', () => {
  const audit = (days: number, groups: AuditGroup[], complete = true): LoginAudit => ({
    alias: 'Acme',
    days,
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-12-01T00:00:00.000Z',
    rows: groups.reduce((sum, g) => sum + g.count, 0),
    complete,
    scope: 'org',
    groups,
  });

  it('says per group whether it is new, or how many more or fewer logins it had, and how many are gone', () => {
    const before = audit(30, [group({ ...dataLoader, count: 1000 }), group({ ...script, count: 10 }), ann, cc]);
    const now = audit(30, [newSoap, script, dataLoader, ann]);
    const changes = compareAudits(now, before)!;
    expect([dataLoader, script, ann, newSoap].map((g) => changeText(changes.get(groupKey(g))))).toEqual(['−100', '+20', '', 'new']);
    expect(goneSince(now, before)).toBe(1);
  });

  it('compares nothing with no audit before, one over another number of days, or a cancelled one', () => {
    expect(compareAudits(audit(30, [dataLoader]), null)).toBeNull();
    expect(compareAudits(audit(30, [dataLoader]), audit(90, [dataLoader]))).toBeNull();
    expect(compareAudits(audit(30, [dataLoader]), audit(30, [dataLoader], false))).toBeNull();
    expect(goneSince(audit(30, []), audit(90, [dataLoader]))).toBe(0);
  });
});

describe('the days field', () => {
  it('takes a whole number from 1 to 180, and gives the message for anything else', () => {
    expect(checkAuditDays(' 30 ')).toEqual({ ok: true, days: 30 });
    expect(checkAuditDays('180')).toEqual({ ok: true, days: 180 });
    for (const bad of ['181', '0', '2.5', '', '-3', 'abc']) {
      expect(checkAuditDays(bad)).toEqual({ ok: false, message: expect.stringMatching(/^Choose a whole number of days from 1 to 180/) });
    }
  });
});

describe('a failed run', () => {
  const failure = (code: 'LOCKOUT_GUARD' | 'LOGIN_FAILED') =>
    renderToStaticMarkup(createElement(LoginErrorAlert, { error: { code, message: 'The last 2 logins of admin@acme.com failed.', remedy: 'Check the password.' }, onConfirmRetry: () => undefined }));

  it('offers Log in anyway when the lockout guard held the login, and only then', () => {
    expect(failure('LOCKOUT_GUARD')).toMatch(/data-error-code="LOCKOUT_GUARD".*The last 2 logins of admin@acme\.com failed\..*<button[^>]*>Log in anyway<\/button>/);
    expect(failure('LOGIN_FAILED')).toContain('The last 2 logins of admin@acme.com failed.');
    expect(failure('LOGIN_FAILED')).not.toContain('Log in anyway');
  });
});
