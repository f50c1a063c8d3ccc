/** The SOAP login() retirement readiness as the list and the detail show it (issue 10). */
import { describe, expect, it } from 'vitest';
import type { OrgSummary } from '../../shared/domain';
import { dependentSentence, readinessCounts, readinessOf } from '../../renderer/lib/readiness';

type Org = Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'>;
const at = '2026-11-28T10:00:00.000Z';
const browser: Org = { auth: 'browser', clientId: 'key' };
const oauthPassword: Org = { auth: 'password', clientId: 'key' };
const soapOff: Org = { auth: 'password', soapLogin: { allowed: false, at } };
const soapOn: Org = { auth: 'password', soapLogin: { allowed: true, at } };
const untested: Org = { auth: 'password' };

describe('readiness', () => {
  it('labels each way of logging in, and only SOAP orgs depend on SOAP login()', () => {
    expect([browser, oauthPassword, soapOff, soapOn, untested].map((org) => [readinessOf(org).label, readinessOf(org).dependsOnSoap])).toEqual([
      ['Browser', false],
      ['OAuth password', false],
      ['SOAP (off in this org)', true],
      ['SOAP', true],
      ['SOAP (untested)', true],
    ]);
    expect(readinessOf(soapOff).sentence).toMatch(/already has switched off/);
  });

  it('counts the orgs that depend on it, and those where it is already off', () => {
    const counts = readinessCounts([browser, oauthPassword, soapOff, soapOn, untested, soapOff]);
    expect(counts).toEqual({ dependent: 4, disabled: 2 });
    expect(dependentSentence(counts)).toBe('4 of your orgs still depend on it (2 already have it switched off).');
    expect(dependentSentence({ dependent: 1, disabled: 1 })).toBe('1 of your orgs still depends on it (1 already has it switched off).');
    expect(dependentSentence({ dependent: 2, disabled: 0 })).toBe('2 of your orgs still depend on it.');
  });
});
