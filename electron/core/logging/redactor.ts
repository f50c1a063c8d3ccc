import { randomBytes } from 'node:crypto';

/**
 * Redaction by construction: every secret the core reads from or writes to the keychain is
 * remembered here, and every log line passes through `redact` before it is written. What is
 * remembered is a fingerprint of each secret, never the secret itself: the redactor lives as long
 * as the process, and secrets are to stay in memory only while they are used.
 *
 * So a secret cannot reach a log even through a library's error text that happens to quote it.
 * Salesforce session ids and bearer tokens, which never pass through the keychain, are caught by shape.
 */

const SHAPES: RegExp[] = [
  // Session ids / access tokens: the org id, "!", then a long opaque tail.
  /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/g,
  /\b(Bearer|OAuth)\s+[A-Za-z0-9._!-]{16,}/gi,
  /(<(?:[\w-]+:)?(?:sessionId|password)>)[^<]*(<\/)/gi,
  /((?:password|client_secret|refresh_token|access_token|code_verifier)=)[^&\s]+/gi,
];

export const REDACTED = '[redacted]';

export interface Redactor {
  /** Remember a secret so that no log line will ever show it. Values under 4 characters are too common to hide. */
  add(secret: string | null | undefined): void;
  redact(text: string): string;
}

/**
 * Two polynomial rolling hashes (Rabin–Karp) with bases drawn at random per redactor, moduli under
 * 2^26 so every step stays exact in a double. A secret is kept only as its length and two residues:
 * enough to find it in a line in one pass per length, not enough to read it back. A collision hides
 * some harmless text, never the other way round.
 */
const MODULI = [67_108_859, 67_108_837] as const;

function randomBase(modulus: number): number {
  // Any base from 2^16 up works: above every UTF-16 code unit, below the modulus.
  return 65_537 + (randomBytes(4).readUInt32BE(0) % (modulus - 65_537));
}

interface Fingerprint {
  length: number;
  /** Residues of the text's hash under each modulus. */
  h0: number;
  h1: number;
}

export function createRedactor(): Redactor {
  const bases = [randomBase(MODULI[0]), randomBase(MODULI[1])] as const;
  /** Per length, the fingerprints `h0:h1` of the secrets of that length. */
  const known = new Map<number, Set<string>>();
  // bases^(length - 1), per length, for rolling a window's first unit out.
  const highPowers = new Map<number, readonly [number, number]>();

  const fingerprint = (text: string): Fingerprint => {
    let h0 = 0;
    let h1 = 0;
    for (let i = 0; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      h0 = (h0 * bases[0] + unit) % MODULI[0];
      h1 = (h1 * bases[1] + unit) % MODULI[1];
    }
    return { length: text.length, h0, h1 };
  };

  const highPowerFor = (length: number): readonly [number, number] => {
    let power = highPowers.get(length);
    if (!power) {
      let p0 = 1;
      let p1 = 1;
      for (let i = 1; i < length; i += 1) {
        p0 = (p0 * bases[0]) % MODULI[0];
        p1 = (p1 * bases[1]) % MODULI[1];
      }
      power = [p0, p1];
      highPowers.set(length, power);
    }
    return power;
  };

  /** Where in `text` a known secret of `length` units starts. */
  const startsOf = (text: string, length: number, wanted: Set<string>): number[] => {
    if (text.length < length) return [];
    const [p0, p1] = highPowerFor(length);
    let { h0, h1 } = fingerprint(text.slice(0, length));
    const starts: number[] = [];
    for (let start = 0; ; start += 1) {
      if (wanted.has(`${h0}:${h1}`)) starts.push(start);
      const end = start + length;
      if (end >= text.length) return starts;
      const out = text.charCodeAt(start);
      const next = text.charCodeAt(end);
      h0 = (((h0 - ((out * p0) % MODULI[0]) + MODULI[0]) % MODULI[0]) * bases[0] + next) % MODULI[0];
      h1 = (((h1 - ((out * p1) % MODULI[1]) + MODULI[1]) % MODULI[1]) * bases[1] + next) % MODULI[1];
    }
  };

  const hideSecrets = (text: string): string => {
    // Every occurrence of every known secret, overlapping ones merged: a secret inside a longer one
    // ("password" in "password+token", a token that starts where the password ends) is never left half shown.
    const ranges: [number, number][] = [];
    for (const [length, wanted] of known) for (const start of startsOf(text, length, wanted)) ranges.push([start, start + length]);
    if (!ranges.length) return text;
    ranges.sort((a, b) => a[0] - b[0]);
    let out = '';
    let cursor = 0;
    let [from, to] = ranges[0]!;
    for (const [start, end] of ranges.slice(1)) {
      if (start < to) {
        to = Math.max(to, end);
        continue;
      }
      out += text.slice(cursor, from) + REDACTED;
      cursor = to;
      [from, to] = [start, end];
    }
    return out + text.slice(cursor, from) + REDACTED + text.slice(to);
  };

  return {
    add(secret) {
      if (!secret || secret.length < 4) return;
      const { length, h0, h1 } = fingerprint(secret);
      const set = known.get(length) ?? new Set<string>();
      set.add(`${h0}:${h1}`);
      known.set(length, set);
    },
    redact(text) {
      let out = hideSecrets(text);
      out = out.replace(SHAPES[0]!, REDACTED).replace(SHAPES[1]!, `$1 ${REDACTED}`);
      out = out.replace(SHAPES[2]!, `$1${REDACTED}$2`).replace(SHAPES[3]!, `$1${REDACTED}`);
      return out;
    },
  };
}
