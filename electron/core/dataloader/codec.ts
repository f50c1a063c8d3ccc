/**
 * Data Loader's password encryption, byte for byte.
 *
 * Data Loader (`encrypt -e`, EncryptionAesUtil) encrypts with AES-128-CBC and PKCS5 padding under the
 * first 16 bytes of a key file, puts a fresh random 16-byte IV in front of the ciphertext, and writes
 * the bytes in its own hex text: a byte below 0x80 as its usual two hex digits, a byte b ≥ 0x80 as the
 * hex of 0x17F − b (it prints Java's signed bytes as 127 + |b|). The unit tests hold this module to
 * worked examples of Data Loader's own output.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';

export const KEY_LENGTH = 16;
const IV_LENGTH = 16;
/** Data Loader reads at most this much of a key file (one `read()` into a 1 KB buffer). */
const KEY_FILE_READ_LIMIT = 1024;

/** Why a key file or an encrypted text cannot be used; the message is fit to show next to the field. */
export class DataLoaderCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataLoaderCodecError';
  }
}

/** Write bytes as Data Loader's hex text. */
export function toDataLoaderText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    const value = byte < 0x80 ? byte : 0x17f - byte;
    text += value.toString(16).padStart(2, '0');
  }
  return text;
}

/**
 * Read Data Loader's hex text back into bytes (its exact inverse).
 *
 * Like Data Loader, an odd trailing character is ignored and either case is accepted; anything that is
 * not a pair of hex digits, or a pair Data Loader could not have written (0x00–0xFF only), is refused.
 */
export function fromDataLoaderText(text: string): Buffer {
  const count = Math.floor(text.length / 2);
  const bytes = Buffer.alloc(count);
  for (let i = 0; i < count; i += 1) {
    const pair = text.slice(2 * i, 2 * i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) {
      throw new DataLoaderCodecError(`This is not Data Loader's encrypted text: “${pair}” at position ${2 * i + 1} is not hex.`);
    }
    const value = Number.parseInt(pair, 16);
    bytes[i] = value < 0x80 ? value : 0x17f - value;
  }
  return bytes;
}

function checkKey(key: Uint8Array): Buffer {
  if (key.length < KEY_LENGTH) {
    throw new DataLoaderCodecError(`The key has ${key.length} bytes; Data Loader keys have at least ${KEY_LENGTH}.`);
  }
  return Buffer.from(key.subarray(0, KEY_LENGTH));
}

/**
 * Encrypt like `encrypt -e <plain> <keyfile>`: returns the text to put in `sfdc.password`.
 *
 * The plain text is encoded as UTF-8 (what Java 18+ and Data Loader's bundled runtime use). `iv` is
 * for tests that reproduce a known output; leave it out to get a fresh random one, as Data Loader does.
 */
export function encryptForDataLoader(plain: string, key: Uint8Array, iv: Uint8Array = randomBytes(IV_LENGTH)): string {
  if (iv.length !== IV_LENGTH) throw new DataLoaderCodecError(`The IV must be ${IV_LENGTH} bytes.`);
  const cipher = createCipheriv('aes-128-cbc', checkKey(key), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return toDataLoaderText(Buffer.concat([iv, body]));
}

/** Decrypt like `encrypt -d <text> <keyfile>`; a wrong key or damaged text is refused in words. */
export function decryptFromDataLoader(text: string, key: Uint8Array): string {
  const bytes = fromDataLoaderText(text.trim());
  if (bytes.length < IV_LENGTH + 16 || (bytes.length - IV_LENGTH) % 16 !== 0) {
    throw new DataLoaderCodecError('This is not Data Loader’s encrypted text: it has the wrong length.');
  }
  const decipher = createDecipheriv('aes-128-cbc', checkKey(key), bytes.subarray(0, IV_LENGTH));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_LENGTH)), decipher.final()]).toString('utf8');
  } catch {
    throw new DataLoaderCodecError('The text does not decrypt with this key file: it was encrypted with another key.');
  }
}

/** 16 fresh random bytes, as `encrypt -k` writes them. */
export function newKey(): Buffer {
  return randomBytes(KEY_LENGTH);
}

/**
 * Read a key file the way Data Loader does: the first 16 of at most 1024 bytes.
 *
 * Messages name the file and say what is wrong with it, for showing next to the key file field.
 * `check` sees the status of the open file the key was read from (it throws to refuse the file), so
 * what it checks is that file, not one that was at the path a moment earlier; a file that cannot be
 * a key at all is refused for that first.
 */
export function readKeyFile(path: string, check?: (stats: fs.Stats) => void): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataLoaderCodecError(`There is no file at ${path}.`);
    if (code === 'EISDIR') throw new DataLoaderCodecError(`${path} is a folder, not a key file.`);
    if (code === 'EACCES' || code === 'EPERM') throw new DataLoaderCodecError(`OrgKey is not allowed to read ${path}.`);
    throw new DataLoaderCodecError(`The key file ${path} could not be read (${code ?? 'unknown error'}).`);
  }
  try {
    const stats = fs.fstatSync(fd);
    if (stats.isDirectory()) throw new DataLoaderCodecError(`${path} is a folder, not a key file.`);
    const buffer = Buffer.alloc(KEY_FILE_READ_LIMIT);
    let length: number;
    try {
      length = fs.readSync(fd, buffer, 0, KEY_FILE_READ_LIMIT, 0);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') throw new DataLoaderCodecError(`${path} is a folder, not a key file.`);
      throw new DataLoaderCodecError(`The key file ${path} could not be read (${code ?? 'unknown error'}).`);
    }
    if (length < KEY_LENGTH) {
      throw new DataLoaderCodecError(
        `The key file ${path} is too short: it has ${length} byte${length === 1 ? '' : 's'}, and Data Loader key files have at least ${KEY_LENGTH}.`,
      );
    }
    check?.(stats);
    return buffer.subarray(0, KEY_LENGTH);
  } finally {
    fs.closeSync(fd);
  }
}
