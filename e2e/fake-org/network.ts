/**
 * Caller addresses: who counts as loopback (for the control API) and who is inside an org's
 * trusted IP ranges (Setup › Network Access), which decides whether a security token is needed.
 */
import { BlockList, isIP } from 'node:net';

/**
 * The caller's address in its plain form.
 *
 * A dual-stack listener reports IPv4 callers as `::ffff:127.0.0.1`; ranges are written for
 * `127.0.0.1`, so the mapped prefix is removed.
 */
export function normalisePeer(address: string | undefined): string {
  const plain = address ?? '';
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(plain) ? plain.slice(7) : plain;
}

/** True for 127.0.0.0/8 and ::1. */
export function isLoopback(peer: string): boolean {
  return peer === '::1' || /^127\.\d+\.\d+\.\d+$/.test(peer);
}

/** Parses `a.b.c.d/n` or `v6::/n`; returns null when it is not a valid CIDR range. */
export function parseCidr(range: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(range.trim());
  if (!match?.[1] || !match[2]) return null;
  const version = isIP(match[1]);
  const prefix = Number(match[2]);
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return null;
  return { address: match[1], prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Whether `peer` lies inside any of the CIDR `ranges` (ranges are validated when set). */
export function isInRanges(peer: string, ranges: readonly string[]): boolean {
  const family = isIP(peer);
  if (family === 0) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return list.check(peer, family === 4 ? 'ipv4' : 'ipv6');
}
