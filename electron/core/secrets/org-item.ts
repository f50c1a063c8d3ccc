/**
 * The keychain items of an org (docs/ARCHITECTURE.md, *Storage*).
 *
 * An org's login secrets live in ONE item, `org:<id>`, holding a small JSON object of the kinds it
 * has: a test then reads the keychain once (one Secret Service round trip; on macOS, one access
 * prompt instead of one per secret). Windows Credential Manager caps an item at 2,560 bytes, so the
 * large secrets — a JWT org's private key (about 1.7 KB of PEM) and the second key of a rotation —
 * keep their own items, `org:<id>:privateKey` and `org:<id>:pendingPrivateKey`.
 *
 * Builds before this layout kept one item per secret, `org:<id>:<kind>`; `org-secrets.ts` moves
 * them into the org's item once.
 */
import { SECRET_KINDS, type SecretKind } from '../../../shared/login-methods';
import { OrgKeyError } from '../errors';
import { keychainRemedy } from './keytar-store';

/** The kinds kept in their own item, each too large to share the org's item under Windows' cap. */
export const OWN_ITEM_KINDS = ['privateKey', 'pendingPrivateKey'] as const satisfies readonly SecretKind[];
export type OwnItemKind = (typeof OWN_ITEM_KINDS)[number];
export type OrgItemKind = Exclude<SecretKind, OwnItemKind>;

export const isOwnItemKind = (kind: SecretKind): kind is OwnItemKind => (OWN_ITEM_KINDS as readonly SecretKind[]).includes(kind);
/** The kinds kept together in the org's item. */
export const ORG_ITEM_KINDS = SECRET_KINDS.filter((kind): kind is OrgItemKind => !isOwnItemKind(kind));

/** An org's secrets by kind; a kind it does not have is absent. */
export type SecretValues = Partial<Record<SecretKind, string>>;

/** The item holding an org's login secrets. */
export function orgItemAccount(orgId: string): string {
  return `org:${orgId}`;
}

/** Which org (and, for an item of one secret, which kind) a keychain account under OrgKey's service names. */
export function parseAccount(account: string): { orgId: string; kind?: SecretKind } | null {
  const match = /^org:([^:]+)(?::([A-Za-z]+))?$/.exec(account);
  if (!match) return null;
  const kind = match[2] as SecretKind | undefined;
  if (kind !== undefined && !SECRET_KINDS.includes(kind)) return null;
  return { orgId: match[1]!, ...(kind ? { kind } : {}) };
}

/** The item's text: a version and the kinds it holds, nothing else (never metadata a reader could need). */
export function encodeOrgItem(values: SecretValues): string {
  const kept: Record<string, string | number> = { v: 1 };
  for (const kind of ORG_ITEM_KINDS) if (values[kind]) kept[kind] = values[kind]!;
  return JSON.stringify(kept);
}

function damaged(): OrgKeyError {
  return new OrgKeyError('KEYCHAIN_UNAVAILABLE', {
    message: 'An org’s keychain entry is not one OrgKey wrote, so it was left as it is.',
    remedy: keychainRemedy(),
  });
}

/** The kinds an org's item holds; an item OrgKey cannot read is refused, never overwritten. */
export function decodeOrgItem(text: string | null): SecretValues {
  if (text === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw damaged();
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as { v?: unknown }).v !== 1) throw damaged();
  const values: SecretValues = {};
  for (const kind of ORG_ITEM_KINDS) {
    const value = (parsed as Record<string, unknown>)[kind];
    if (typeof value === 'string' && value) values[kind] = value;
    else if (value !== undefined) throw damaged();
  }
  return values;
}

/** Every secret an item's text holds: an org's item whole and each kind in it, or the one secret of any other. */
export function secretsInItem(account: string, text: string | null): string[] {
  if (text === null) return [];
  const parsed = parseAccount(account);
  if (parsed && !parsed.kind) {
    try {
      return [text, ...Object.values(decodeOrgItem(text))];
    } catch {
      return [text];
    }
  }
  return [text];
}
