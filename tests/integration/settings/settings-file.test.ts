/**
 * Reading settings.json on a real disk: a healthy file is parsed once at start (the damage check's
 * parse serves the first read), an unchanged file is never parsed again, any change is seen at once,
 * and every document read is the caller’s own copy; what this process wrote is not even read again.
 * Writes still go through conf, atomically, 0600.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptySettings, SettingsDocSchema, type SettingsDoc } from '../../../electron/core/settings/schema';
import { systemClock } from '../../../electron/core/ports';
import { openConfSettings } from '../../../electron/core/settings/store';
import { orgRecord as org } from '../../support/org-record';
import { makeTempDir, removeTempDir } from '../../support/temp';

let dir: string;
let file: string;
beforeEach(() => {
  dir = makeTempDir('settings-file');
  file = path.join(dir, 'settings.json');
});
afterEach(() => {
  vi.restoreAllMocks();
  removeTempDir(dir);
});

const docWith = (...aliases: string[]): SettingsDoc => ({ ...emptySettings(), orgs: aliases.map(org) });
/** Written as conf writes it, but in place (same inode), as an editor or a cut-down tool might. */
const writeInPlace = (doc: SettingsDoc) => fs.writeFileSync(file, JSON.stringify(doc, undefined, '\t'));

describe('reading the settings file', () => {
  it('parses a healthy file once from the damage check at start through the reads after it', () => {
    writeInPlace(docWith('Alpha', 'Beta'));
    const parses = vi.spyOn(SettingsDocSchema, 'safeParse');
    const settings = openConfSettings(dir);
    expect(settings.recovery).toBeUndefined();
    expect(settings.read().orgs.map((o) => o.alias)).toEqual(['Alpha', 'Beta']);
    expect(settings.read().orgs.map((o) => o.alias)).toEqual(['Alpha', 'Beta']);
    expect(parses).toHaveBeenCalledTimes(1);
  });

  it('neither reads nor parses again what this process wrote itself, and still sees a write by anyone else', () => {
    const settings = openConfSettings(dir);
    settings.update((doc) => ({ ...doc, orgs: [org('Alpha')] }));
    const parses = vi.spyOn(SettingsDocSchema, 'safeParse');
    const reads = vi.spyOn(fs, 'readFileSync');
    const readsOfFile = () => reads.mock.calls.filter(([target]) => target === file).length;
    // The next write re-reads the file inside the lock: the file is the one written, so what was
    // written is taken as it is, without reading the file.
    const written = settings.update((doc) => ({ ...doc, orgs: [...doc.orgs, org('Beta')] }));
    expect(settings.read().orgs.map((o) => o.alias)).toEqual(['Alpha', 'Beta']);
    expect(parses).not.toHaveBeenCalled();
    expect(readsOfFile()).toBe(0);
    // What update() hands back is the store's own copy, read-only to the caller (checked by the
    // type checker: this function is never run); what read() hands back is the caller's own.
    const _changeWritten = () => {
      // @ts-expect-error the document update() answers is read-only
      written.orgs[0]!.alias = 'Changed';
    };
    settings.read().orgs[0]!.alias = 'Changed';
    expect(settings.read().orgs[0]!.alias).toBe('Alpha');
    expect(written.orgs[0]!.alias).toBe('Alpha');
    // A change may not alter a kept org in place (it would be written unchecked: checked.ts)...
    expect(() =>
      settings.update((doc) => {
        doc.orgs[0]!.alias = 'In place';
        return doc;
      }),
    ).toThrow(TypeError);
    // ...and a change thrown away half-made is not kept.
    expect(() =>
      settings.update((doc) => {
        doc.orgs = [];
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(settings.read().orgs.map((o) => o.alias)).toEqual(['Alpha', 'Beta']);
    openConfSettings(dir).update((doc) => ({ ...doc, orgs: [...doc.orgs, org('Gamma')] }));
    expect(settings.read().orgs.map((o) => o.alias)).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('sees a change at once, even one of the same size, in place, with the old modification time', () => {
    const then = new Date('2026-01-01T12:00:00Z');
    writeInPlace(docWith('Alpha'));
    fs.utimesSync(file, then, then);
    const settings = openConfSettings(dir);
    expect(settings.read().orgs[0]!.alias).toBe('Alpha');
    const before = fs.statSync(file);
    writeInPlace(docWith('Omega'));
    fs.utimesSync(file, then, then);
    expect(fs.statSync(file)).toMatchObject({ ino: before.ino, size: before.size, mtimeMs: before.mtimeMs });
    expect(settings.read().orgs[0]!.alias).toBe('Omega');
  });

  it('sees what another store (another process) wrote, and that store sees this one’s writes', () => {
    const mine = openConfSettings(dir);
    const theirs = openConfSettings(dir);
    expect(mine.read().orgs).toEqual([]);
    theirs.update((doc) => ({ ...doc, orgs: [org('Theirs')] }));
    expect(mine.read().orgs.map((o) => o.alias)).toEqual(['Theirs']);
    mine.update((doc) => ({ ...doc, orgs: [...doc.orgs, org('Mine')] }));
    expect(theirs.read().orgs.map((o) => o.alias)).toEqual(['Theirs', 'Mine']);
  });

  it('hands every caller its own copy: changing a document read changes neither the file nor the next read', () => {
    writeInPlace(docWith('Alpha'));
    const settings = openConfSettings(dir);
    const first = settings.read();
    first.orgs[0]!.alias = 'Changed';
    first.orgs.push(org('Extra'));
    first.preferences.testConcurrency = 99;
    const second = settings.read();
    expect(second.orgs.map((o) => o.alias)).toEqual(['Alpha']);
    expect(second.preferences).toEqual(emptySettings().preferences);
    // A change that edits the document it was given in place, then fails validation, leaves nothing behind.
    expect(() =>
      settings.update((doc) => {
        doc.orgs[0]!.alias = 'Half-done';
        doc.orgs[0]!.consecutiveFailures = -1;
        return doc;
      }),
    ).toThrow();
    expect(settings.read().orgs[0]).toMatchObject({ alias: 'Alpha', consecutiveFailures: 0 });
  });

  it('reads a damaged file that appears after start as SETTINGS_UNAVAILABLE, and a vanished one as empty', () => {
    writeInPlace(docWith('Alpha'));
    const settings = openConfSettings(dir);
    expect(settings.read().orgs).toHaveLength(1);
    fs.writeFileSync(file, '{"schemaVersion":');
    expect(() => settings.read()).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'SETTINGS_UNAVAILABLE' }) }) as unknown as Error);
    fs.rmSync(file);
    expect(settings.read()).toEqual(emptySettings());
  });

  it('upgrades an older file in place once, on the first read', () => {
    const v3 = { schemaVersion: 3, orgs: [{ ...org('Old'), auth: undefined }], preferences: emptySettings().preferences };
    fs.writeFileSync(file, JSON.stringify(v3));
    const settings = openConfSettings(dir);
    expect(settings.read().orgs[0]).toMatchObject({ alias: 'Old', auth: 'password' });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ schemaVersion: emptySettings().schemaVersion, orgs: [{ auth: 'password' }] });
  });
});

describe('writing the settings file', () => {
  it('creates the folder and writes the file owner-only (0600), by atomic rename', () => {
    const nested = path.join(dir, 'not', 'yet');
    const settings = openConfSettings(nested);
    expect(settings.read().orgs).toEqual([]);
    expect(fs.existsSync(nested)).toBe(false); // reading creates nothing
    settings.update((doc) => ({ ...doc, orgs: [org('Alpha')] }));
    const written = path.join(nested, 'settings.json');
    expect(fs.statSync(written).mode & 0o777).toBe(0o600);
    const inode = fs.statSync(written).ino;
    settings.update((doc) => ({ ...doc, orgs: [...doc.orgs, org('Beta')] }));
    expect(fs.statSync(written).ino).not.toBe(inode); // replaced whole, never rewritten in place
    expect(fs.readdirSync(nested)).toEqual(['settings.json']); // no lock or temp file left behind
  });

  it('through a conf instance handed in (as the app hands in electron-store), reading the same file', () => {
    const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', configFileMode: 0o600 });
    const settings = openConfSettings(dir, systemClock, () => conf);
    expect(settings.path).toBe(file);
    settings.update((doc) => ({ ...doc, orgs: [org('Alpha')] }));
    expect((conf.store as SettingsDoc).orgs.map((o) => o.alias)).toEqual(['Alpha']);
    conf.store = docWith('Beta') as unknown as Record<string, unknown>;
    expect(settings.read().orgs.map((o) => o.alias)).toEqual(['Beta']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a store handed in that would write another file than the one read, and writes nothing', () => {
    const elsewhere = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', configFileMode: 0o600 });
    const settings = openConfSettings(dir, systemClock, () => elsewhere);
    expect(() => settings.update((doc) => ({ ...doc, orgs: [org('Alpha')] }))).toThrow(/writes .*config\.json, not .*settings\.json/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
