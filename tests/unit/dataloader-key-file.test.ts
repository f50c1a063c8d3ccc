/**
 * When a Data Loader key file is trusted: the user's own, closed to group and others, and holding the
 * key its keyed hash was made from.
 */
import { describe, expect, it } from 'vitest';
import { checkKeyFilePrivate, keyFingerprint, KeyFileNotPrivateError, matchesFingerprint } from '../../electron/core/dataloader/key-file';

const ME = { platform: 'linux' as const, uid: 1000 };
const file = '/home/ana/dl/dataLoader.key';
const refusal = (mode: number, uid = 1000, owner: { platform: NodeJS.Platform; uid: number | undefined } = ME) => {
  try {
    checkKeyFilePrivate(file, { mode: 0o100000 | mode, uid }, owner);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(KeyFileNotPrivateError);
    return error as KeyFileNotPrivateError;
  }
};

describe('a private key file', () => {
  it.each([0o600, 0o400, 0o700, 0o611])('accepts mode %o owned by the user', (mode) => {
    expect(refusal(mode)).toBeNull();
  });

  it.each([
    [0o644, 'read', '0644'],
    [0o640, 'read', '0640'],
    [0o604, 'read', '0604'],
    [0o620, 'changed', '0620'],
    [0o602, 'changed', '0602'],
    [0o666, 'read and changed', '0666'],
  ])('refuses mode %o: it can be %s by others', (mode, what, bits) => {
    const error = refusal(mode)!;
    expect(error.message).toBe(`The key file ${file} can be ${what} by other users of this computer (its permissions are ${bits}).`);
    expect(error.fix).toBe(`Make it yours alone with: chmod 600 "${file}"`);
  });

  it('refuses a key file that belongs to another user, whatever its mode', () => {
    expect(refusal(0o600, 0)!.message).toBe(`The key file ${file} belongs to another user of this computer, who could replace the key without you knowing.`);
  });

  it('leaves Windows to the folder’s permissions: mode bits say nothing there', () => {
    expect(refusal(0o666, 0, { platform: 'win32', uid: undefined })).toBeNull();
  });
});

describe('the key’s fingerprint', () => {
  const key = Buffer.alloc(16, 7);
  it('matches the key it was made from, and no other', () => {
    const fingerprint = keyFingerprint(key);
    expect(fingerprint).toMatch(/^hmac-sha256:[0-9a-f]{32}:[0-9a-f]{64}$/);
    expect(matchesFingerprint(key, fingerprint)).toBe(true);
    expect(matchesFingerprint(Buffer.alloc(16, 8), fingerprint)).toBe(false);
  });

  it('is salted afresh each time, and never holds the key', () => {
    const a = keyFingerprint(key);
    const b = keyFingerprint(key);
    expect(a).not.toBe(b);
    expect(a).not.toContain(key.toString('hex'));
  });

  it.each(['', 'sha256:abc', `hmac-sha256:${'0'.repeat(32)}:${'z'.repeat(64)}`])('a malformed fingerprint %j matches nothing', (fingerprint) => {
    expect(matchesFingerprint(key, fingerprint)).toBe(false);
  });
});
