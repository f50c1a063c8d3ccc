/**
 * The window's side of groups and colours: the list's group headings and filter, and what the add
 * and edit forms send for a group and a colour.
 */
import { describe, expect, it } from 'vitest';
import type { OrgSummary } from '../../shared/domain';
import { SANDBOX_DEFAULT_COLOR } from '../../shared/org-colors';
import { orgKindText } from '../../renderer/lib/format';
import { EMPTY_ORG_FORM, checkFields, formFromDetail, toDraft, toPatch } from '../../renderer/lib/orgForm';
import { groupedRows, inGroupFilter } from '../../renderer/lib/orgGroups';
import { orgDetail } from '../support/org-record';

const org = (alias: string, group?: string): OrgSummary => orgDetail({ id: alias, alias, ...(group ? { group } : {}) });
const read = (rows: ReturnType<typeof groupedRows>) => rows?.map((row) => (row.kind === 'group' ? `# ${row.group ?? '-'} ${row.count}` : row.org.alias));

describe('the list’s groups', () => {
  it('no headings while no org has a group', () => {
    expect(groupedRows([org('A'), org('B')])).toBeNull();
  });

  it('a heading per group in name order, each group’s orgs in the list’s order, the orgs in no group last', () => {
    const orgs = [org('Alpha', 'Zeta'), org('Beta'), org('Gamma', 'client a'), org('Delta', 'Client A'), org('Epsilon', 'Zeta')];
    expect(read(groupedRows(orgs))).toEqual(['# client a 2', 'Gamma', 'Delta', '# Zeta 2', 'Alpha', 'Epsilon', '# - 1', 'Beta']);
  });

  it('the filter: all, one group in any case, or the orgs in none', () => {
    const [a, b] = [org('A', 'Client A'), org('B')];
    expect([a, b].filter((each) => inGroupFilter(each, { kind: 'all' }))).toEqual([a, b]);
    expect([a, b].filter((each) => inGroupFilter(each, { kind: 'group', name: 'CLIENT A' }))).toEqual([a]);
    expect([a, b].filter((each) => inGroupFilter(each, { kind: 'none' }))).toEqual([b]);
  });
});

describe('the forms’ group and colour', () => {
  it('the wizard sends a group and a colour only when given', () => {
    const values = { ...EMPTY_ORG_FORM, alias: 'Acme', username: 'a@acme.com', password: 'pw' };
    expect(toDraft(values)).not.toHaveProperty('group');
    expect(toDraft(values)).not.toHaveProperty('color');
    expect(toDraft({ ...values, group: 'Client A', color: '#0b827c' })).toMatchObject({ group: 'Client A', color: '#0b827c' });
  });

  it('a group too long is refused in the form with the core’s words', () => {
    const check = checkFields({ ...EMPTY_ORG_FORM, group: 'g'.repeat(81) }, ['group', 'color']);
    expect(check.errors.group).toMatch(/80 characters or fewer/);
    expect(check.firstInvalid).toBe('group');
  });

  it('an edit sends only a changed group or colour; emptied, they clear', () => {
    const stored = orgDetail({ group: 'Client A', color: '#dd7a01', colorIsDefault: false });
    const values = formFromDetail(stored);
    expect(values).toMatchObject({ group: 'Client A', color: '#dd7a01' });
    expect(toPatch(values, stored)).toEqual({});
    expect(toPatch({ ...values, group: 'Client B', color: '#0b827c' }, stored)).toEqual({ group: 'Client B', color: '#0b827c' });
    expect(toPatch({ ...values, group: '', color: '' }, stored)).toEqual({ group: '', color: '' });
    // A default colour is no choice: the form starts on “Default”.
    expect(formFromDetail(orgDetail({ environment: 'sandbox', color: SANDBOX_DEFAULT_COLOR, colorIsDefault: true })).color).toBe('');
  });
});

describe('the kind of org in words beside its colour', () => {
  it('says whether a My Domain org is a sandbox as far as OrgKey knows', () => {
    expect(orgKindText({ environment: 'production', loginUrl: 'https://login.salesforce.com' })).toBe('Production');
    expect(orgKindText({ environment: 'custom', loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' })).toBe('Sandbox (My Domain)');
    expect(orgKindText({ environment: 'custom', loginUrl: 'https://acme.my.salesforce.com' })).toBe('Production (My Domain)');
    expect(orgKindText({ environment: 'custom', loginUrl: 'https://acme--uat.my.salesforce.com' })).toBe('My Domain, not known to be a sandbox');
  });
});
