/**
 * When a key file can be trusted with the password.
 *
 * Whoever can read the key file decrypts `sfdc.password`; whoever can change it, or change which
 * file `config.properties` names, chooses the key OrgKey encrypts the next password with. So a key
 * file must be the user's own and closed to everyone else, and a refresh uses only the key file the
 * export was written with: the same file (by its real path) holding the same key (by a keyed hash
 * kept in the export's record — never the key itself).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { DataLoaderCodecError, readKeyFile } from './codec';

/** A key file other users can read or change, or that belongs to someone else. */
export class KeyFileNotPrivateError extends DataLoaderCodecError {
  /** What to do about it, as one sentence. */
  readonly fix: string;

  constructor(reason: string, fix: string) {
    super(reason);
    this.name = 'KeyFileNotPrivateError';
    this.fix = fix;
  }
}

/** Whose files count as the user's own: the platform and this process's user id. */
export interface FileOwner {
  platform: NodeJS.Platform;
  uid: number | undefined;
}

export const thisUser = (): FileOwner => ({ platform: process.platform, uid: process.getuid?.() });

/** The permission bits group and others must not have on a key file: read and write. */
const OPEN_TO_OTHERS = 0o066;

/**
 * Refuse a key file that is not private to `owner`: owned by another user, or readable or writable
 * by group or others. POSIX only: on Windows mode bits say nothing about who may read a file.
 */
export function checkKeyFilePrivate(file: string, stats: Pick<fs.Stats, 'mode' | 'uid'>, owner: FileOwner = thisUser()): void {
  if (owner.platform === 'win32') return;
  if (owner.uid !== undefined && stats.uid !== owner.uid) {
    throw new KeyFileNotPrivateError(
      `The key file ${file} belongs to another user of this computer, who could replace the key without you knowing.`,
      'Use a key file of your own: export again with a new key file.',
    );
  }
  const open = stats.mode & OPEN_TO_OTHERS;
  if (open !== 0) {
    const what = open & 0o044 && open & 0o022 ? 'read and changed' : open & 0o044 ? 'read' : 'changed';
    const bits = (stats.mode & 0o777).toString(8).padStart(4, '0');
    throw new KeyFileNotPrivateError(
      `The key file ${file} can be ${what} by other users of this computer (its permissions are ${bits}).`,
      `Make it yours alone with: chmod 600 "${file}"`,
    );
  }
}

/**
 * Read a key file as Data Loader does, only if it is private (checked on the open file), with the
 * real path it resolves to (symbolic links followed).
 */
export function readPrivateKeyFile(file: string, owner: FileOwner = thisUser()): { key: Buffer; realPath: string } {
  let realPath: string;
  try {
    realPath = fs.realpathSync(file);
  } catch {
    // Missing or unreadable: readKeyFile says which, in words.
    realPath = file;
  }
  const key = readKeyFile(realPath, (stats) => checkKeyFilePrivate(file, stats, owner));
  return { key, realPath };
}

/** The real path of `file`, or undefined when it cannot be resolved (gone, or a folder on the way is). */
export function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

const FINGERPRINT = /^hmac-sha256:([0-9a-f]{32}):([0-9a-f]{64})$/;

/**
 * A keyed hash of a key (HMAC-SHA256 under a fresh random salt), to notice later that a key file
 * holds another key. It reveals nothing of a random key (OrgKey's and Data Loader's `encrypt -k`
 * make 128 random bits); a key file an admin made by hand from a guessable text could be found from
 * it by trying candidates, which is one reason settings.json is readable only by its owner.
 */
export function keyFingerprint(key: Uint8Array, salt: Uint8Array = randomBytes(16)): string {
  const digest = createHmac('sha256', salt).update(key).digest('hex');
  return `hmac-sha256:${Buffer.from(salt).toString('hex')}:${digest}`;
}

/** Whether `key` is the key `fingerprint` was made from; a malformed fingerprint matches nothing. */
export function matchesFingerprint(key: Uint8Array, fingerprint: string): boolean {
  const parts = FINGERPRINT.exec(fingerprint);
  if (!parts) return false;
  const actual = createHmac('sha256', Buffer.from(parts[1]!, 'hex')).update(key).digest();
  return timingSafeEqual(actual, Buffer.from(parts[2]!, 'hex'));
}
