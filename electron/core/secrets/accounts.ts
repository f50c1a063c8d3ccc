/**
 * Keychain account names: one entry per secret per org, under one service name.
 *
 * The org's internal id (not its alias or username) names the entry, so renaming an org or
 * changing its username never orphans a secret.
 */
export const SECRET_KINDS = ['password', 'token', 'clientSecret', 'refreshToken'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export const DEFAULT_KEYCHAIN_SERVICE = 'OrgKey';

export function accountFor(orgId: string, kind: SecretKind): string {
  return `org:${orgId}:${kind}`;
}

/** The service name, overridable so tests and side-by-side installs use their own entries. */
export function keychainServiceName(env: NodeJS.ProcessEnv = process.env): string {
  return env.ORGKEY_KEYCHAIN_SERVICE?.trim() || DEFAULT_KEYCHAIN_SERVICE;
}
