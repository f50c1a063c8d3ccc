/**
 * Data Loader's password encryption: worked examples byte for byte, the odd hex
 * text, round trips, and key files Data Loader would refuse.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataLoaderCodecError,
  decryptFromDataLoader,
  encryptForDataLoader,
  fromDataLoaderText,
  readKeyFile,
  toDataLoaderText,
} from '../../electron/core/dataloader/codec';
import { makeTempDir, removeTempDir } from '../support/temp';

const hex = (text: string) => Buffer.from(text, 'hex');

// Computed from Data Loader's EncryptionAesUtil (AES-128-CBC, IV first, its own signed-byte hex) and
// checked byte for byte against a javax.crypto run on JDK 17.
const WORKED_EXAMPLES = [
  {
    key: '000102030405060708090a0b0c0d0e0f',
    iv: 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
    plain: 'password123',
    text: '8f8e8d8c8b8a89888786858483828180a5230a57c3c871476e534e0c8c59cb53',
    standardHex: 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeffda230a57bcb771476e534e0cf359b453',
  },
  {
    key: '2b7e151628aed2a6abf7158809cf4f3c',
    iv: '000102030405060708090a0b0c0d0e0f',
    plain: 'Tr0ub4dor&3XyZ9aBcDeFgHiJkLmNoP1',
    text: '000102030405060708090a0b0c0d0e0f3514aa7e5f6583c5736eb7dd60a9034d0aaa5520c4976f06d5e71f6d0089a4c849d4439263dce2c3d46c9c912e21e7d7',
    standardHex:
      '000102030405060708090a0b0c0d0e0f3514d57e5f65fcba736ec8a260d6034d0ad55520bbe86f06aa981f6d00f6dbb749ab43ed63a39dbcab6ce3ee2e2198a8',
  },
  {
    key: '8081fe7f00ff017e11223344556677ee',
    iv: '80ff7f00fe01c0de0123456789abcdef',
    plain: 'abc123',
    text: 'ff807f008101bfa101234567f6d4b29014512aa09e9a1b0c8ab3d2e6fbf17607',
  },
];

describe('the worked examples', () => {
  for (const [n, example] of WORKED_EXAMPLES.entries()) {
    it(`example ${n + 1} encrypts to exactly Data Loader's text and decrypts back`, () => {
      expect(encryptForDataLoader(example.plain, hex(example.key), hex(example.iv))).toBe(example.text);
      expect(decryptFromDataLoader(example.text, hex(example.key))).toBe(example.plain);
      if (example.standardHex) {
        expect(fromDataLoaderText(example.text).toString('hex')).toBe(example.standardHex);
        expect(toDataLoaderText(hex(example.standardHex))).toBe(example.text);
      }
    });
  }

  it('reads a raw binary key file (not hex text) and uses its first 16 bytes', () => {
    const dir = makeTempDir('dlkey');
    try {
      const file = path.join(dir, 'raw.key');
      fs.writeFileSync(file, Buffer.concat([hex(WORKED_EXAMPLES[2]!.key), Buffer.from('trailing bytes Data Loader ignores')]));
      expect(decryptFromDataLoader(WORKED_EXAMPLES[2]!.text, readKeyFile(file))).toBe('abc123');
    } finally {
      removeTempDir(dir);
    }
  });
});

describe("Data Loader's hex text", () => {
  it('writes bytes below 0x80 as plain hex and mirrors the upper half (0x80↔ff, 0xff↔80)', () => {
    expect(toDataLoaderText(Uint8Array.from([0x00, 0x0f, 0x7f, 0x80, 0x81, 0xc0, 0xfe, 0xff]))).toBe('000f7fff fe bf 81 80'.replace(/ /g, ''));
  });

  it('is a bijection over all 256 byte values', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toDataLoaderText(all);
    expect(new Set(text.match(/../g)).size).toBe(256);
    expect([...fromDataLoaderText(text)]).toEqual([...all]);
  });

  it('accepts upper case and ignores an odd trailing character, as Data Loader does', () => {
    expect([...fromDataLoaderText('7FFF0')]).toEqual([0x7f, 0x80]);
  });

  it('refuses text that is not hex, saying where', () => {
    expect(() => fromDataLoaderText('00zz')).toThrow(/“zz” at position 3/);
  });
});

describe('round trips', () => {
  const samples = ['', 'a', 'exactly16bytes!!', 'Pässwörd€ 🔑 パスワード', 'p@ss+TOKEN'.repeat(40), ' leading and trailing spaces '];

  it('decrypts what it encrypts, with random keys and IVs, including non-ASCII passwords', () => {
    for (let round = 0; round < 200; round += 1) {
      const plain = samples[round % samples.length]! + randomBytes(round % 23).toString('base64');
      const key = randomBytes(16 + (round % 3) * 8);
      const text = encryptForDataLoader(plain, key);
      const bytes = Buffer.byteLength(plain, 'utf8');
      // 2 · (16 + 16 · ⌈(n + 1) / 16⌉) hex characters: the IV and PKCS#5-padded blocks, two characters a byte.
      expect(text).toHaveLength(2 * (16 + 16 * Math.ceil((bytes + 1) / 16)));
      expect(text).toMatch(/^[0-9a-f]+$/);
      expect(decryptFromDataLoader(text, key)).toBe(plain);
    }
  });

  it('uses a fresh IV each time, so the same password encrypts differently', () => {
    const key = randomBytes(16);
    expect(encryptForDataLoader('same', key)).not.toBe(encryptForDataLoader('same', key));
  });

  it('refuses to decrypt with another key instead of returning garbage', () => {
    const text = encryptForDataLoader('secret+token', randomBytes(16));
    let error: unknown;
    for (let attempt = 0; attempt < 5 && !error; attempt += 1) {
      try {
        // A wrong key passes the padding check about 1 time in 256; then the text differs.
        expect(decryptFromDataLoader(text, randomBytes(16))).not.toBe('secret+token');
      } catch (caught) {
        error = caught;
      }
    }
    expect(error).toBeInstanceOf(DataLoaderCodecError);
    expect((error as Error).message).toMatch(/another key/);
  });

  it('refuses text of an impossible length', () => {
    expect(() => decryptFromDataLoader('00'.repeat(20), randomBytes(16))).toThrow(/wrong length/);
  });
});

describe('key files', () => {
  let dir = '';
  afterEach(() => removeTempDir(dir));

  it('refuses a key file shorter than 16 bytes, naming the file and its length', () => {
    dir = makeTempDir('dlkey');
    const file = path.join(dir, 'short.key');
    fs.writeFileSync(file, randomBytes(15));
    expect(() => readKeyFile(file)).toThrow(DataLoaderCodecError);
    expect(() => readKeyFile(file)).toThrow(`The key file ${file} is too short: it has 15 bytes, and Data Loader key files have at least 16.`);
  });

  it('refuses an empty file, a missing file and a folder with their own messages', () => {
    dir = makeTempDir('dlkey');
    const empty = path.join(dir, 'empty.key');
    fs.writeFileSync(empty, '');
    expect(() => readKeyFile(empty)).toThrow(/has 0 bytes/);
    expect(() => readKeyFile(path.join(dir, 'missing.key'))).toThrow(`There is no file at ${path.join(dir, 'missing.key')}.`);
    expect(() => readKeyFile(dir)).toThrow(`${dir} is a folder, not a key file.`);
  });

  it('refuses a key shorter than 16 bytes given directly', () => {
    expect(() => encryptForDataLoader('x', randomBytes(8))).toThrow(/8 bytes/);
  });
});
