/**
 * The check history on disk: a check is appended to `checks/<id>.jsonl` (the file is not rewritten
 * at every test), a torn last line from a process killed mid-append reads as nothing, and the file
 * is trimmed to the checks kept now and then.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_HISTORY_LENGTH, checkHistory } from '../../electron/core/schedule/history';
import { makeTempDir, removeTempDir } from '../support/temp';

const ID = '4d1c6f0e-1b2a-4c3d-9e8f-0a1b2c3d4e5f';
let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDir('check-history');
});
afterEach(() => removeTempDir(dataDir));

const check = (i: number) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), ok: i % 2 === 0, scheduled: false, latencyMs: i });

describe('the check history file', () => {
  it('appends each check to the same file, owner-only, and lists them newest first', () => {
    const history = checkHistory({ dataDir });
    const file = path.join(dataDir, 'checks', `${ID}.jsonl`);
    history.record(ID, check(1));
    const { ino } = fs.statSync(file);
    history.record(ID, check(2));
    // Appended, not written anew by rename: the test's durable writes are the settings file's.
    expect(fs.statSync(file).ino).toBe(ino);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(history.list(ID)).toEqual([check(2), check(1)]);
  });

  it('makes its folder again when it was removed under a running process', () => {
    const history = checkHistory({ dataDir });
    history.record(ID, check(1));
    fs.rmSync(path.join(dataDir, 'checks'), { recursive: true });
    history.record(ID, check(2));
    expect(history.list(ID)).toEqual([check(2)]);
  });

  it('carries the checks of the first build’s checks/<id>.json (newest first) into the .jsonl, then deletes it', () => {
    const history = checkHistory({ dataDir });
    fs.mkdirSync(path.join(dataDir, 'checks'), { recursive: true });
    const old = path.join(dataDir, 'checks', `${ID}.json`);
    fs.writeFileSync(old, JSON.stringify([check(2), check(1)]));
    expect(history.list(ID)).toEqual([check(2), check(1)]);
    expect(fs.existsSync(old)).toBe(false);
    history.record(ID, check(3));
    expect(history.list(ID)).toEqual([check(3), check(2), check(1)]);
    fs.writeFileSync(old, JSON.stringify([check(0)]));
    history.remove(ID);
    expect(fs.readdirSync(path.join(dataDir, 'checks'))).toEqual([]);
  });

  it('reads a torn last line (a process killed mid-append) as nothing, and appends after it', () => {
    const history = checkHistory({ dataDir });
    history.record(ID, check(1));
    const file = path.join(dataDir, 'checks', `${ID}.jsonl`);
    fs.appendFileSync(file, '{"at":"2026-01-01T00:0');
    expect(history.list(ID)).toEqual([check(1)]);
    history.record(ID, check(2));
    expect(history.list(ID)).toEqual([check(2), check(1)]);
  });

  it('keeps the last checks only, trimming the file now and then, and removes it with the org', () => {
    const history = checkHistory({ dataDir });
    const total = CHECK_HISTORY_LENGTH * 5;
    for (let i = 0; i < total; i += 1) history.record(ID, check(i));
    const file = path.join(dataDir, 'checks', `${ID}.jsonl`);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(CHECK_HISTORY_LENGTH * 3);
    expect(history.list(ID)).toEqual(Array.from({ length: CHECK_HISTORY_LENGTH }, (_, i) => check(total - 1 - i)));
    history.remove(ID);
    expect(fs.existsSync(file)).toBe(false);
    expect(history.list(ID)).toEqual([]);
  });
});
