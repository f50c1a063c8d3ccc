/**
 * IPC fuzzing: every API method, called with wrong types, huge strings, prototype-pollution keys,
 * unknown fields and arbitrary values, answers with an error envelope — never a crash, never a
 * changed store, never a polluted prototype.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createHandlerTable, type HandlerTable } from '../../electron/handlers';
import { METHOD_NAMES, type MethodName } from '../../shared/methods';
import { memorySecrets, memorySettings } from '../support/memory';

const EXPORT_ID = '00000000-0000-4000-8000-000000000001';
const RUN_ID = '00000000-0000-4000-8000-000000000002';
let handlers: HandlerTable;
let settings: ReturnType<typeof memorySettings>;
let secrets: ReturnType<typeof memorySecrets>;
let id = '';

beforeAll(async () => {
  settings = memorySettings();
  secrets = memorySecrets();
  const board = { text: '' };
  const core = createCore(
    {
      settings,
      secrets,
      clock: { now: () => new Date('2026-11-28T10:00:00Z') },
      clipboard: { writeSecret: async (t) => void (board.text = t), readText: async () => board.text, clear: async () => void (board.text = '') },
      opener: { open: async () => {} },
      dialogs: { pickFolder: async () => null, pickFile: async () => null, pickSaveFile: async () => null },
    },
    { host: 'browser', version: 'test' },
  );
  handlers = createHandlerTable(core);
  const added = await core.orgs.add({ alias: 'Prod', environment: 'production', username: 'admin@acme.com', password: 'Sup3r secret!', token: 'AbCdEfGhIjKlMnOpQrStUvWx1' });
  id = added.org.id;
});

/** A valid input for every method that takes one (methods taking none are checked apart). */
const valid = (): Partial<Record<MethodName, Record<string, unknown>>> => ({
  'orgs.get': { id },
  'orgs.add': { alias: 'New', environment: 'production', username: 'new@acme.com', password: 'pw-secret-1', token: '' },
  'orgs.update': { id, patch: { alias: 'Renamed' } },
  'orgs.remove': { id },
  'orgs.forgetPreviousSecrets': { id },
  'orgs.confirmSandboxRefresh': { id },
  'orgs.test': { id },
  'orgs.cancelTest': { id },
  'orgs.testAll': { runId: RUN_ID },
  'orgs.cancelTestAll': { runId: RUN_ID },
  'audit.run': { id, days: 30, runId: RUN_ID },
  'audit.cancel': { runId: RUN_ID },
  'audit.last': { id },
  'audit.saveCsv': { id, path: '/nonexistent/orgkey-fuzz-audit.csv' },
  'prefs.update': { testTimeoutSeconds: 30 },
  'tokens.inspect': { id, pasted: 'AbCdEfGhIjKlMnOpQrStUvWx2' },
  'tokens.replace': { id, pasted: 'AbCdEfGhIjKlMnOpQrStUvWx2', saveAnyway: true },
  'tokens.changePassword': { id, password: 'new-password-1', saveAnyway: true },
  'tokens.openResetPage': { id },
  'orgs.openInBrowser': { id, path: '/lightning/setup/SetupOneHome/home' },
  'secrets.copy': { id, what: 'combined' },
  'secrets.reveal': { id, what: 'password' },
  'dataloader.defaults': { id },
  'dataloader.export': { id, folder: '/nonexistent/orgkey-fuzz', keyFile: { kind: 'new' }, jobs: [{ operation: 'extract', object: 'Account' }] },
  'dataloader.refresh': { id, exportId: EXPORT_ID },
  'dataloader.forget': { id, exportId: EXPORT_ID },
  'dialogs.pickFolder': { title: 'x' },
  'dialogs.pickFile': { title: 'x' },
  'dialogs.pickSaveFile': { title: 'x' },
  'certificates.get': { id },
  'certificates.rotate': { id },
  'certificates.cancelRotation': { id },
  'certificates.save': { id, path: '/nonexistent/orgkey-fuzz.crt', which: 'current' },
  'signIn.start': { id },
  'signIn.finish': { id },
  'signIn.cancel': { id },
  'signIn.signOut': { id },
  'schedule.set': { schedule: { mode: 'daily', time: '07:00', everyHours: 6 } },
  'checks.history': { id },
  'imports.preview': { source: 'csv', path: '/nonexistent/orgkey-fuzz.csv' },
  'imports.apply': { previewId: EXPORT_ID, rows: [{ key: 'row-1', include: true, alias: 'Imported', tokenLength: 25 }], clientId: '3MVG9fuzz' },
});
const NO_INPUT: MethodName[] = ['app.info', 'prefs.get', 'secrets.clipboardStatus', 'schedule.get', 'schedule.runNow'];
/** Methods that act on no input at all: with it (their one valid input) they may change the store. */
const ACTS_WITHOUT_INPUT: MethodName[] = ['schedule.runNow'];
/** Methods whose input may be left out; each with inputs it must accept and refuse. */
const OPTIONAL_INPUT: Partial<Record<MethodName, { accepted: unknown[]; refused: unknown[] }>> = {
  'orgs.list': {
    accepted: [undefined, { first: 1 }, { first: 1000 }],
    refused: [{}, { first: 0 }, { first: 1001 }, { first: 1.5 }, { first: '10' }, { first: 10, isAdmin: true }, 'orgs', null, [], JSON.parse('{"__proto__":{"polluted":"yes"}}')],
  },
};

function snapshot() {
  return JSON.stringify({ settings: settings.doc, secrets: [...secrets.entries] });
}

/** Every way of breaking a valid input: each field wrong-typed or huge, unknown fields, pollution keys. */
function breakages(input: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const huge = 'x'.repeat(5_000_000);
  const walk = (value: Record<string, unknown>, replace: (v: Record<string, unknown>) => unknown, trail: string) => {
    for (const [key, field] of Object.entries(value)) {
      for (const wrong of [42, null, true, [], { nested: 1 }, Number.NaN]) {
        if (typeof field === typeof wrong && wrong !== null && !Array.isArray(wrong)) continue;
        out.push([`${trail}${key} = ${JSON.stringify(wrong)}`, replace({ ...value, [key]: wrong })]);
      }
      if (typeof field === 'string') out.push([`${trail}${key} = 5 MB string`, replace({ ...value, [key]: huge })]);
      if (field && typeof field === 'object' && !Array.isArray(field)) {
        walk(field as Record<string, unknown>, (inner) => replace({ ...value, [key]: inner }), `${trail}${key}.`);
      }
    }
  };
  walk(input, (v) => v, '');
  out.push(['unknown field', { ...input, isAdmin: true }]);
  out.push(['__proto__ key', JSON.parse(`{"__proto__":{"polluted":"yes"},${JSON.stringify(input).slice(1)}`)]);
  out.push(['constructor.prototype key', { ...input, constructor: { prototype: { polluted: 'yes' } } }]);
  out.push(['not an object', 'orgs']);
  out.push(['array', [input]]);
  out.push(['nothing', undefined]);
  return out;
}

describe('IPC fuzzing', () => {
  it('covers every method', () => {
    expect([...Object.keys(valid()), ...NO_INPUT, ...Object.keys(OPTIONAL_INPUT)].sort()).toEqual([...METHOD_NAMES].sort());
  });

  for (const [method, input] of Object.entries(valid()) as Array<[MethodName, Record<string, unknown>]>) {
    it(`${method}: every broken input is a validation error and changes nothing`, async () => {
      const before = snapshot();
      for (const [label, broken] of breakages(input)) {
        const result = await handlers[method](broken);
        expect(result, `${method} with ${label}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        expect(JSON.stringify(result).length, label).toBeLessThan(2_000);
      }
      expect(snapshot()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  for (const method of NO_INPUT) {
    it(`${method}: refuses any input at all`, async () => {
      for (const input of [{}, { x: 1 }, 'a', 0, null, [], JSON.parse('{"__proto__":{"polluted":"yes"}}')]) {
        expect(await handlers[method](input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
    });
  }

  for (const [method, { accepted, refused }] of Object.entries(OPTIONAL_INPUT) as Array<[MethodName, { accepted: unknown[]; refused: unknown[] }]>) {
    it(`${method}: takes its optional input or none, and refuses anything else`, async () => {
      for (const input of accepted) expect(await handlers[method](input), JSON.stringify(input)).toMatchObject({ ok: true });
      for (const input of refused) expect(await handlers[method](input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('arbitrary values, including pollution-shaped objects, never crash a handler or change the store', async () => {
    const before = snapshot();
    const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'patch', 'toString', 'valueOf');
    const value = fc.oneof(fc.anything({ key: fc.oneof(fc.string(), hostileKey), withNullPrototype: true, withMap: true, withSet: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true }), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHOD_NAMES), value, async (method, input) => {
        fc.pre(!(input === undefined && ACTS_WITHOUT_INPUT.includes(method)));
        const result = await handlers[method](input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 400 },
    );
    // Reading methods (list, info, prefs) may answer ok; nothing may have been written.
    expect(snapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
