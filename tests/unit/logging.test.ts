/**
 * The log: structured lines, rotation, owner-only files, and secrets redacted by construction —
 * including a deliberate attempt to log one.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createFileLogger, LOG_FILE } from '../../electron/core/logging/file-logger';
import { createRedactor, REDACTED } from '../../electron/core/logging/redactor';
import { watchedSecretStore } from '../../electron/core/secrets/watched-store';
import { memorySecrets, memorySettings } from '../support/memory';
import { makeTempDir, removeTempDir } from '../support/temp';

const clock = { now: () => new Date('2026-11-28T10:00:00Z') };
let dir = '';
beforeEach(() => (dir = makeTempDir('log')));
afterEach(() => removeTempDir(dir));

const lines = (file = path.join(dir, LOG_FILE)) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string>);

describe('the log file', () => {
  it('writes one JSON object per line with time, level, tag and message, readable by the owner only', () => {
    const logger = createFileLogger({ dir, redactor: createRedactor(), clock, source: 'app' });
    logger.info('[orgs]', 'added org 1');
    logger.warn('[ipc]', 'orgs.test failed: INVALID_LOGIN');
    expect(lines()).toEqual([
      { time: '2026-11-28T10:00:00.000Z', level: 'info', tag: '[orgs]', message: 'added org 1', source: 'app' },
      { time: '2026-11-28T10:00:00.000Z', level: 'warn', tag: '[ipc]', message: 'orgs.test failed: INVALID_LOGIN', source: 'app' },
    ]);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, LOG_FILE)).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps only the newest files', () => {
    const logger = createFileLogger({ dir, redactor: createRedactor(), clock, maxBytes: 300, keep: 2 });
    for (let i = 0; i < 20; i += 1) logger.info('[t]', `line ${i} ${'x'.repeat(60)}`);
    expect(fs.readdirSync(dir).sort()).toEqual(['orgkey.1.log', 'orgkey.2.log', 'orgkey.log']);
    for (const file of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(300);
    expect(lines().at(-1)!.message).toMatch(/^line 19 /);
  });

  it('never throws when the log cannot be written', () => {
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    const logger = createFileLogger({ dir: blocked, redactor: createRedactor(), clock });
    expect(() => logger.error('[t]', 'still fine')).not.toThrow();
  });
});

describe('redaction', () => {
  it('hides every secret that passed the keychain port, even when someone tries to log it', async () => {
    const redactor = createRedactor();
    const secrets = watchedSecretStore(memorySecrets(), redactor);
    await secrets.set('org:1:password', 'Sup3r secret!');
    await secrets.set('org:1:token', 'AbCdEfGhIjKlMnOpQrStUvWx1');
    const logger = createFileLogger({ dir, redactor, clock });
    logger.error('[oops]', 'login failed for Sup3r secret!AbCdEfGhIjKlMnOpQrStUvWx1 (token AbCdEfGhIjKlMnOpQrStUvWx1)');
    const text = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(text).not.toContain('Sup3r secret!');
    expect(text).not.toContain('AbCdEfGhIjKlMnOpQrStUvWx1');
    expect(lines()[0]!.message).toBe(`login failed for ${REDACTED}${REDACTED} (token ${REDACTED})`);
  });

  it('hides secrets wherever they stand: repeated, at either end, inside a longer secret, with any characters', () => {
    const redactor = createRedactor();
    for (const secret of ['pass', 'pass+word', 'a.b*c(d)?$', 'Zürich-🔑-Key', 'tail9']) redactor.add(secret);
    expect(redactor.redact('pass and pass')).toBe(`${REDACTED} and ${REDACTED}`);
    expect(redactor.redact('xpass+wordx')).toBe(`x${REDACTED}x`);
    expect(redactor.redact('a.b*c(d)?$ then a.b*c(d)?')).toBe(`${REDACTED} then a.b*c(d)?`);
    expect(redactor.redact('key Zürich-🔑-Key;')).toBe(`key ${REDACTED};`);
    expect(redactor.redact('passtail9')).toBe(`${REDACTED}${REDACTED}`);
    expect(redactor.redact('pas')).toBe('pas');
    expect(redactor.redact('')).toBe('');
  });

  it('leaves text alone when no secret is in it, and short values are not taken as secrets', () => {
    const redactor = createRedactor();
    redactor.add('abc');
    redactor.add('');
    redactor.add(null);
    redactor.add('Sup3r secret!');
    expect(redactor.redact('abc Sup3r secret? Sup3r')).toBe('abc Sup3r secret? Sup3r');
  });

  it('never lets a known secret through, whatever surrounds it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 4, maxLength: 30, unit: 'binary' }), { minLength: 1, maxLength: 5 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 6 }), (secrets, noise) => {
        const redactor = createRedactor();
        for (const secret of secrets) redactor.add(secret);
        const line = noise.map((text, i) => text + secrets[i % secrets.length]!).join('') + secrets.join(' ');
        const out = redactor.redact(line);
        // What is left of the line must not hold any secret: every occurrence was replaced.
        for (const secret of secrets) expect(out.split(REDACTED).some((part) => part.includes(secret))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('hides session ids, bearer tokens and passwords in SOAP or form bodies by their shape', () => {
    const redactor = createRedactor();
    const session = '00D5g000004ABCD!AQ0AQH8xR1pGk3rLq2s.Zy_9Wv7uT6s';
    const text = redactor.redact(
      `sid ${session}; Authorization: Bearer abcdefghijklmnop.qrstuv; <n1:password>pw+tok</n1:password>; grant_type=password&password=hunter2tok&client_secret=xyz123`,
    );
    expect(text).toBe(
      `sid ${REDACTED}; Authorization: Bearer ${REDACTED}; <n1:password>${REDACTED}</n1:password>; grant_type=password&password=${REDACTED}&client_secret=${REDACTED}`,
    );
  });

  it('is part of every core: a secret read through the core is hidden from the logger it was given', async () => {
    const seen: string[] = [];
    const logger = { info: (_t: string, m: string) => seen.push(m), warn: (_t: string, m: string) => seen.push(m), error: (_t: string, m: string) => seen.push(m) };
    const redactor = createRedactor();
    const core = createCore({ settings: memorySettings(), secrets: memorySecrets(), clock, logger, redactor }, { host: 'browser', version: 'test' });
    const { org } = await core.orgs.add({ alias: 'P', environment: 'production', username: 'a@b.co', password: 'Sup3r secret!', token: '' });
    await core.reveal(org.id, 'password');
    expect(redactor.redact('x Sup3r secret! y')).toBe(`x ${REDACTED} y`);
    expect(seen.join('\n')).not.toContain('Sup3r secret!');
    expect(seen.some((line) => line.includes('revealed the password'))).toBe(true);
  });
});
