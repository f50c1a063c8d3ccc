/**
 * A settings write checks and serialises only the orgs that changed (electron/core/settings/checked.ts):
 * the bytes are still exactly conf's text, an org already checked is not checked again and cannot be
 * changed in place, and a bad org is still refused with where it sits in the document.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { writeAll } from '../../electron/core/dataloader/files';
import { inFolder } from '../../electron/core/file-names';
import { checkSettings, settingsBytes } from '../../electron/core/settings/checked';
import { emptySettings, OrgRecordSchema, type OrgRecord, type SettingsDoc } from '../../electron/core/settings/schema';
import { orgRecord } from '../support/org-record';
import { makeTempDir, removeTempDir } from '../support/temp';

afterEach(() => vi.restoreAllMocks());

const docWith = (...orgs: OrgRecord[]): SettingsDoc => ({ ...emptySettings(), orgs });
const conf = (doc: unknown) => JSON.stringify(doc, undefined, '\t');
const settingsText = (doc: SettingsDoc) => Buffer.concat(settingsBytes(doc)).toString('utf8');

describe('the settings file’s bytes', () => {
  it('are JSON.stringify with tabs, in UTF-8, for orgs checked, orgs not checked, no orgs and members left undefined', () => {
    const tested: OrgRecord = {
      ...orgRecord('Tested'),
      group: 'Client “Ünïcode” \\ "quoted"\nline',
      lastTest: { ok: true, testedAt: '2026-01-02T00:00:00.000Z', latencyMs: 12, via: 'soap', usedToken: true, warnings: [{ code: 'URL_NORMALISED', message: 'The “URL” was\tnormalised.' }] },
    };
    const checked = checkSettings(docWith(orgRecord('Alpha'), tested));
    const mixed = { ...checked, orgs: [...checked.orgs, orgRecord('Unchecked')], scheduleState: undefined };
    for (const doc of [emptySettings(), { ...emptySettings(), preferences: undefined }, checked, mixed]) {
      expect(settingsText(doc as SettingsDoc)).toBe(conf(doc));
    }
    expect(settingsText({} as SettingsDoc)).toBe(conf({}));
  });

  it('are JSON.stringify with tabs for any JSON in any member (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme' }), fc.array(fc.jsonValue({ stringUnit: 'grapheme' }), { maxLength: 4 }), (value, orgs) => {
        const doc = { ...emptySettings(), orgs, extra: value } as unknown as SettingsDoc;
        expect(settingsText(doc)).toBe(conf(doc));
      }),
    );
  });
});

describe('checking a settings document', () => {
  it('answers what the schema answers, and checks a kept org only once', () => {
    const parses = vi.spyOn(OrgRecordSchema, 'safeParse');
    const first = checkSettings(docWith(orgRecord('Alpha'), orgRecord('Beta')));
    expect(first).toEqual(docWith(orgRecord('Alpha'), orgRecord('Beta')));
    expect(parses).toHaveBeenCalledTimes(2);
    // The next write changes Beta by spreading it and adds Gamma: Alpha is taken as it is.
    const second = checkSettings({ ...first, orgs: [first.orgs[0]!, { ...first.orgs[1]!, consecutiveFailures: 1 }, orgRecord('Gamma')] });
    expect(parses).toHaveBeenCalledTimes(4);
    expect(second.orgs[0]).toBe(first.orgs[0]);
    expect(second.orgs.map((org) => [org.alias, org.consecutiveFailures])).toEqual([
      ['Alpha', 0],
      ['Beta', 1],
      ['Gamma', 0],
    ]);
  });

  it('refuses to let a checked org be changed in place, however deep', () => {
    const doc = checkSettings(docWith({ ...orgRecord('Alpha'), soapLogin: { allowed: true, at: '2026-01-01T00:00:00.000Z' } }));
    const org = doc.orgs[0]!;
    expect(() => {
      org.alias = 'Changed';
    }).toThrow(TypeError);
    expect(() => {
      org.soapLogin!.allowed = false;
    }).toThrow(TypeError);
    expect(() => org.dataLoaderExports.push({} as never)).toThrow(TypeError);
  });

  it('still refuses a bad org, saying where it is, and strips what the schema does not know', () => {
    const good = checkSettings(docWith(orgRecord('Alpha'))).orgs[0]!;
    const bad = { ...orgRecord('Beta'), consecutiveFailures: -1 };
    let error: unknown;
    try {
      checkSettings(docWith(good, bad));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]!.path).toEqual(['orgs', 1, 'consecutiveFailures']);
    const stripped = checkSettings({ ...docWith({ ...orgRecord('Gamma'), unknownField: 1 } as OrgRecord), unknownMember: 2 });
    expect(stripped).not.toHaveProperty('unknownMember');
    expect(stripped.orgs[0]).not.toHaveProperty('unknownField');
  });
});

describe('writing the bytes in pieces', () => {
  it('writes every piece in order, going on after a short write from the middle of a piece', () => {
    const file = path.join(makeTempDir('write-all'), 'pieces');
    const fd = fs.openSync(file, 'w');
    const calls: number[] = [];
    try {
      // A system that writes at most 5 bytes a call, as a pipe or a full disk may.
      writeAll(fd, [Buffer.from('{"a": '), Buffer.alloc(0), Buffer.from('"ü"'), Buffer.from(', "b": [1, 2, 3]}')], (target, pieces) => {
        const bytes = Buffer.concat(pieces).subarray(0, 5);
        calls.push(pieces.length);
        return fs.writeSync(target, bytes);
      });
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a": "ü", "b": [1, 2, 3]}');
    expect(calls.length).toBe(Math.ceil(Buffer.byteLength('{"a": "ü", "b": [1, 2, 3]}') / 5));
    expect(calls[0]).toBe(3);
    removeTempDir(path.dirname(file));
  });
});

describe('writing into a folder that may be missing', () => {
  it('makes a missing folder and writes again; an error in a folder that is there is the caller’s', () => {
    const root = makeTempDir('in-folder');
    const folder = path.join(root, 'gone', 'data');
    let tries = 0;
    inFolder(folder, () => {
      tries += 1;
      fs.writeFileSync(path.join(folder, 'file'), 'x');
    });
    expect(tries).toBe(2);
    expect(fs.readFileSync(path.join(folder, 'file'), 'utf8')).toBe('x');
    tries = 0;
    expect(() =>
      inFolder(folder, () => {
        tries += 1;
        fs.openSync(path.join(folder, 'file'), 'wx');
      }),
    ).toThrow(/EEXIST/);
    expect(tries).toBe(1);
    removeTempDir(root);
  });
});
