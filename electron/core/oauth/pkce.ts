/**
 * PKCE (RFC 7636) and the `state` value of a browser sign-in.
 *
 * The verifier is 32 random bytes as base64url (43 characters, the shortest RFC 7636 allows, with
 * 256 bits of entropy); the challenge is base64url(SHA-256(verifier)) with method S256. The state
 * is 16 random bytes: it ties the callback to the sign-in OrgKey started (RFC 6749 §10.12).
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: challengeOf(verifier), method: 'S256' };
}

export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function newState(): string {
  return randomBytes(16).toString('base64url');
}
