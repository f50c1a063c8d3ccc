/**
 * Salesforce record ids and the random secrets the fake org hands out.
 *
 * Ids follow Salesforce's documented 15/18-character scheme (the `ID` type in the SOAP API guide):
 * the 18-character form adds a 3-character suffix that encodes which of the first 15 characters are
 * upper case.
 */
import { randomInt } from 'node:crypto';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Session ids and refresh tokens also use `.` and `_` (e.g. `00D…!AR8AQJXg5oj8j.39AsX…_MnH9z`).
const OPAQUE = `${ALPHANUMERIC}._`;

/** Length of a security token: real tokens seen lately have 25 characters (older ones 24). */
export const SECURITY_TOKEN_LENGTH = 25;

/**
 * The 18-character, case-insensitive form of a 15-character id.
 *
 * For each 5-character chunk, bit i is set when character i is `A`–`Z`; the 5-bit value indexes
 * `A…Z0…5`. Checked against `00Di0000000icUB -> 00Di0000000icUBEAY`.
 */
export function to18(id15: string): string {
  if (!/^[A-Za-z0-9]{15}$/.test(id15)) throw new Error(`Not a 15-character Salesforce id: ${id15}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      if (/[A-Z]/.test(id15.charAt(chunk * 5 + i))) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return id15 + suffix;
}

/**
 * The canonical 15-character id for a 15- or 18-character id, or null if it is neither.
 *
 * An 18-character id may arrive in any letter case (that is its purpose), so its suffix is used to
 * restore the case of the first 15 characters; a 15-character id is case-sensitive as given.
 */
export function canonicalId(id: string): string | null {
  if (/^[A-Za-z0-9]{15}$/.test(id)) return id;
  if (!/^[A-Za-z0-9]{18}$/.test(id)) return null;
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    const bits = SUFFIX_ALPHABET.indexOf(id.charAt(15 + chunk).toUpperCase());
    if (bits < 0) return null;
    for (let i = 0; i < 5; i += 1) {
      const char = id.charAt(chunk * 5 + i);
      restored += bits & (1 << i) ? char.toUpperCase() : char.toLowerCase();
    }
  }
  return to18(restored).toUpperCase() === id.toUpperCase() ? restored : null;
}

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/** A new org id (key prefix `00D`), as a refreshed sandbox gets one. */
export function newOrgId(): string {
  return `00D${randomString(ALPHANUMERIC, 12)}`;
}

/** A fresh security token: 25 case-sensitive characters of `[A-Za-z0-9]`, like the real tokens seen. */
export function newSecurityToken(): string {
  return randomString(ALPHANUMERIC, SECURITY_TOKEN_LENGTH);
}

/** A session id: the 15-character org id, `!`, then an opaque part, as in real login responses. */
export function newSessionId(orgId15: string): string {
  return `${orgId15}!AQ${randomString(OPAQUE, 110)}`;
}

/** A refresh token; real ones start `5Aep861` and use the same opaque alphabet as session ids. */
export function newRefreshToken(): string {
  return `5Aep861${randomString(OPAQUE, 80)}`;
}

/**
 * An authorization code. Real ones start `aPrx` and end in `==` (e.g. `aPrxsFoCW6g0…Z8A=`), so a
 * client must URL-decode the callback's `code` before exchanging it.
 */
export function newAuthorizationCode(): string {
  return `aPrx${randomString(OPAQUE, 80)}==`;
}

/** A consumer key: 85 characters starting `3MVG9`, like Salesforce's. */
export function newConsumerKey(): string {
  return `3MVG9${randomString(OPAQUE, 80)}`;
}

/** A consumer secret: 64 upper-case hexadecimal digits, as the seed's. */
export function newConsumerSecret(): string {
  return randomString('0123456789ABCDEF', 64);
}

/** The id of a pending authorize request, carried in the login and consent forms. */
export function newRequestId(): string {
  return randomString(ALPHANUMERIC, 32);
}
