/**
 * The one catalogue of codes: every code has its words, its kind and its exit code, and what the
 * app logs, the CLI's exit codes and the README's exit table all follow it.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, isTestRefusal } from '../../cli/errors';
import { createCore } from '../../electron/core';
import { OrgKeyError } from '../../electron/core/errors';
import { createHandlerTable } from '../../electron/handlers';
import { memorySecrets, memorySettings } from '../support/memory';
import { CODE_FAMILIES, CODES, EXIT, isRefusal, isWorthLogging, type Code } from '../../shared/codes';

const ALL = Object.keys(CODES) as Code[];

describe('the catalogue', () => {
  it.each(ALL)('%s has a kind, an exit code, a message and a remedy', (code) => {
    const entry = CODES[code];
    expect(['usage', 'refusal', 'outcome', 'fault']).toContain(entry.kind);
    expect([EXIT.FAILED, EXIT.USAGE, EXIT.ENVIRONMENT, EXIT.INTERRUPTED]).toContain(entry.exit);
    expect(entry.message).toMatch(/\S/);
    expect(typeof entry.remedy).toBe('string');
  });

  it('gives a remedy for every code but the answer to a page that is not OrgKey’s', () => {
    expect(ALL.filter((code) => !CODES[code].remedy.trim())).toEqual(['UNTRUSTED_SENDER']);
  });

  it('holds each code in one family only, so no entry hides another', () => {
    const families = Object.values(CODE_FAMILIES).map((family) => Object.keys(family));
    expect(families.flat()).toHaveLength(new Set(families.flat()).size);
    expect(families.flat().sort()).toEqual([...ALL].sort());
  });

  it('labels every test failure, in one to three words, and nothing else', () => {
    for (const [code, entry] of Object.entries(CODE_FAMILIES.testFailure)) {
      expect(entry.label.split(' ').length, code).toBeLessThanOrEqual(3);
      expect(entry.kind, code).toBe('outcome');
    }
    for (const code of [...Object.keys(CODE_FAMILIES.api), ...Object.keys(CODE_FAMILIES.cli)]) expect(CODES[code as Code].label, code).toBeUndefined();
  });
});

describe('what follows from a code’s kind', () => {
  it('the CLI exits with the catalogue’s code, and 1 for a code outside it', () => {
    for (const code of ALL) expect(exitCodeFor(code), code).toBe(CODES[code].exit);
    expect(exitCodeFor('SOMETHING_NEW')).toBe(EXIT.FAILED);
  });

  it('a refusal of the core is a result for its org in the CLI, a fault is not', () => {
    expect(isTestRefusal(new OrgKeyError('LOCKOUT_GUARD'))).toBe(true);
    expect(isTestRefusal(new OrgKeyError('TEST_RUNNING'))).toBe(true);
    expect(isTestRefusal(new OrgKeyError('ORG_NOT_FOUND'))).toBe(true);
    expect(isTestRefusal(new OrgKeyError('KEYCHAIN_UNAVAILABLE'))).toBe(false);
    expect(isTestRefusal(new OrgKeyError('INVALID_INPUT'))).toBe(false);
    expect(ALL.filter(isRefusal).every((code) => CODES[code].kind === 'refusal')).toBe(true);
  });

  it('the app logs faults and outcomes, not a wrong value or a refusal', async () => {
    const warnings: string[] = [];
    const logger = { info() {}, warn: (_tag: string, message: string) => warnings.push(message), error() {} };
    const secrets = memorySecrets();
    const core = createCore({ settings: memorySettings(), secrets, clock: { now: () => new Date() } }, { host: 'browser', version: 't' });
    const handlers = createHandlerTable(core, logger);
    const draft = { alias: 'Prod', environment: 'production', username: 'admin@acme.com', password: 'hunter2-secret' };
    await handlers['orgs.add'](draft);
    expect(await handlers['orgs.add'](draft)).toMatchObject({ ok: false, error: { code: 'ALIAS_TAKEN' } });
    expect(await handlers['orgs.add']({ ...draft, alias: 'Other', username: 'nobody' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(warnings).toEqual([]);
    secrets.set = async () => {
      throw new OrgKeyError('KEYCHAIN_UNAVAILABLE');
    };
    expect(await handlers['orgs.add']({ ...draft, alias: 'Third' })).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(warnings).toEqual(['orgs.add failed: KEYCHAIN_UNAVAILABLE']);
    expect(ALL.filter(isWorthLogging).map((code) => CODES[code].kind)).not.toContain('usage');
  });
});

describe('the README’s exit-code table', () => {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### Exit codes and errors');
  const section = readme.slice(start, readme.indexOf('\n#', start + 1));
  const rows = new Map<number, string[]>();
  for (const [, exit, text] of section.matchAll(/^\| (\d+) \| (.*) \|$/gm)) {
    rows.set(Number(exit), [...text!.matchAll(/`([A-Z][A-Z_]+)`/g)].map((match) => match[1]!));
  }
  const withExit = (exit: number) => ALL.filter((code) => CODES[code].exit === exit && CODES[code].cli !== false).sort();

  it('names each code under the exit the catalogue gives it', () => {
    expect([...rows.keys()]).toEqual([0, 1, 2, 3, 130]);
    for (const [exit, named] of rows) {
      for (const code of named) expect(CODES[code as Code]?.exit, `${code} under ${exit}`).toBe(exit);
    }
  });

  it('names every code the CLI reports with 2, 3 or 130 (1 is every other failure)', () => {
    for (const exit of [EXIT.USAGE, EXIT.ENVIRONMENT, EXIT.INTERRUPTED]) expect([...new Set(rows.get(exit))].sort(), `exit ${exit}`).toEqual(withExit(exit));
  });
});
