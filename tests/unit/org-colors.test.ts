import { describe, expect, it } from 'vitest';
import {
  ORG_COLOR_PALETTE,
  normalizeOrgColor,
  orgColorLabel,
  orgColorOf,
  PRODUCTION_DEFAULT_COLOR,
  SANDBOX_DEFAULT_COLOR,
  textColorOn,
  type ColoredOrg,
} from '../../shared/org-colors';
import { groupsOf, sameGroup } from '../../shared/org-groups';
import { checkGroup, checkOrgColor } from '../../shared/validation';

const message = (check: { ok: boolean; message?: string }) => (check.ok ? null : check.message);

describe('an org colour as typed', () => {
  it.each([
    ['red', '#ba0517'],
    [' Blue ', '#0176d3'],
    ['grey', SANDBOX_DEFAULT_COLOR],
    ['GRAY', SANDBOX_DEFAULT_COLOR],
    ['#1B96FF', '#1b96ff'],
    ['1b96ff', '#1b96ff'],
    // ORGanizer's export writes its colours this way.
    ['FF0000', '#ff0000'],
    ['#f0a', '#ff00aa'],
  ])('%j is kept as %j', (input, expected) => {
    expect(normalizeOrgColor(input)).toEqual({ ok: true, value: expected });
  });

  it('empty means the default', () => {
    expect(normalizeOrgColor('  ')).toEqual({ ok: true, value: undefined });
    expect(checkOrgColor('')).toMatchObject({ ok: true, value: undefined });
  });

  it.each(['crimson', 'f0a', '#12345', '#1234567', 'rgb(1,2,3)', '#ggg'])('%j is refused with the names and a hex example', (input) => {
    const text = message(normalizeOrgColor(input));
    expect(text).toContain(`“${input}” is not a colour`);
    expect(text).toContain(ORG_COLOR_PALETTE.map((entry) => entry.name).join(', '));
    expect(text).toMatch(/#1b96ff/);
    expect(message(checkOrgColor(input))).toBe(text);
  });

  it('shortens a long wrong value in the message', () => {
    expect(message(normalizeOrgColor('x'.repeat(100)))).toContain(`“${'x'.repeat(40)}…”`);
  });

  it('every palette colour is a lower-case #rrggbb that reads back as its name', () => {
    for (const { name, hex } of ORG_COLOR_PALETTE) {
      expect(hex).toMatch(/^#[0-9a-f]{6}$/);
      expect(normalizeOrgColor(name)).toEqual({ ok: true, value: hex });
      expect(orgColorLabel(hex.toUpperCase())).toBe(name);
    }
    expect(orgColorLabel('#123456')).toBe('#123456');
  });
});

describe('an org colour by default', () => {
  const org = (over: Partial<ColoredOrg>): ColoredOrg => ({ environment: 'production', loginUrl: 'https://login.salesforce.com', ...over });

  it('production is red and a sandbox grey, and the two differ', () => {
    expect(orgColorOf(org({}))).toBe(PRODUCTION_DEFAULT_COLOR);
    expect(orgColorOf(org({ environment: 'sandbox', loginUrl: 'https://test.salesforce.com' }))).toBe(SANDBOX_DEFAULT_COLOR);
    expect(PRODUCTION_DEFAULT_COLOR).not.toBe(SANDBOX_DEFAULT_COLOR);
  });

  it('a chosen colour wins over the default', () => {
    expect(orgColorOf(org({ color: '#0b827c' }))).toBe('#0b827c');
    expect(orgColorOf(org({ environment: 'sandbox', color: '#ba0517' }))).toBe('#ba0517');
  });

  it('a My Domain org is production unless its last test or its host says sandbox', () => {
    const custom = (loginUrl: string, isSandbox?: boolean) =>
      orgColorOf(org({ environment: 'custom', loginUrl, ...(isSandbox === undefined ? {} : { lastTest: { facts: { isSandbox } } }) }));
    expect(custom('https://acme.my.salesforce.com')).toBe(PRODUCTION_DEFAULT_COLOR);
    expect(custom('https://acme--uat.sandbox.my.salesforce.com')).toBe(SANDBOX_DEFAULT_COLOR);
    expect(custom('https://acme.scratch.my.salesforce.com')).toBe(SANDBOX_DEFAULT_COLOR);
    // A legacy `--` host does not say for certain: production until a test says otherwise.
    expect(custom('https://acme--uat.my.salesforce.com')).toBe(PRODUCTION_DEFAULT_COLOR);
    expect(custom('https://acme--uat.my.salesforce.com', true)).toBe(SANDBOX_DEFAULT_COLOR);
    // What a login saw beats what the host suggests.
    expect(custom('https://acme--uat.sandbox.my.salesforce.com', false)).toBe(PRODUCTION_DEFAULT_COLOR);
    expect(custom('http://localhost:4000')).toBe(PRODUCTION_DEFAULT_COLOR);
  });
});

describe('text on a colour', () => {
  it('is white on dark colours and near-black on light ones', () => {
    expect(textColorOn('#000000')).toBe('#ffffff');
    expect(textColorOn('#ffffff')).toBe('#181818');
    expect(textColorOn(PRODUCTION_DEFAULT_COLOR)).toBe('#ffffff');
    expect(textColorOn('#fcc003')).toBe('#181818');
  });
});

describe('a group', () => {
  it('is tidied as a name is; empty is no group', () => {
    expect(checkGroup('  Client   A ')).toMatchObject({ ok: true, value: 'Client A' });
    expect(checkGroup('   ')).toMatchObject({ ok: true, value: '' });
  });
  it('is at most 80 characters and has no control characters', () => {
    expect(checkGroup('g'.repeat(80)).ok).toBe(true);
    expect(message(checkGroup('g'.repeat(81)))).toMatch(/80 characters or fewer; this one has 81/);
    expect(message(checkGroup('Client\u0007A'))).toMatch(/invisible control character/);
  });
  it('matches another spelling of the same name in any case, not with other accents', () => {
    expect(sameGroup('Client A', ' client  a')).toBe(true);
    expect(sameGroup('Café', 'cafe')).toBe(false);
    expect(sameGroup('Client A', 'Client B')).toBe(false);
  });
  it('the groups there are: each once, sorted as names are', () => {
    expect(groupsOf([{ group: 'Beta' }, {}, { group: 'alpha 10' }, { group: 'BETA' }, { group: 'alpha 9' }])).toEqual(['alpha 9', 'alpha 10', 'Beta']);
  });
});
