/**
 * Keychain account names: one entry per secret per org, under one service name.
 *
 * The org's internal id (not its alias or username) names the entry, so renaming an org or
 * changing its username never orphans a secret.
 */
import { SECRET_KINDS, type SecretKind } from '../../../shared/login-methods';

// Which kinds each login method keeps is in the login-method table (shared/login-methods.ts).
export { SECRET_KINDS, type SecretKind };

export const DEFAULT_KEYCHAIN_SERVICE = 'OrgKey';

export function accountFor(orgId: string, kind: SecretKind): string {
  return `org:${orgId}:${kind}`;
}

/** The service name, overridable so tests and side-by-side installs use their own entries. */
export function keychainServiceName(env: NodeJS.ProcessEnv = process.env): string {
  return env.ORGKEY_KEYCHAIN_SERVICE?.trim() || DEFAULT_KEYCHAIN_SERVICE;
}
