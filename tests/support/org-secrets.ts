/**
 * Reading and writing one kind of an org's secrets in a keychain port as OrgKey lays them out
 * (electron/core/secrets/org-item.ts): the login secrets in the org's entry, a private key in its own.
 */
import { SECRET_KINDS, type SecretKind } from "../../shared/login-methods";
import type { SecretStore } from "../../electron/core/ports";
import { accountFor } from "../../electron/core/secrets/accounts";
import {
  decodeOrgItem,
  encodeOrgItem,
  isOwnItemKind,
  orgItemAccount,
  parseAccount,
} from "../../electron/core/secrets/org-item";

export async function storedSecret(
  secrets: Pick<SecretStore, "get">,
  orgId: string,
  kind: SecretKind,
): Promise<string | null> {
  if (isOwnItemKind(kind)) return secrets.get(accountFor(orgId, kind));
  return decodeOrgItem(await secrets.get(orgItemAccount(orgId)))[kind] ?? null;
}

/** Set (or, with null, delete) one kind, as another process or an earlier run would have. */
export async function storeSecret(
  secrets: SecretStore,
  orgId: string,
  kind: SecretKind,
  value: string | null,
): Promise<void> {
  if (isOwnItemKind(kind)) {
    if (value === null) await secrets.delete(accountFor(orgId, kind));
    else await secrets.set(accountFor(orgId, kind), value);
    return;
  }
  const item = decodeOrgItem(await secrets.get(orgItemAccount(orgId)));
  if (value === null) delete item[kind];
  else item[kind] = value;
  if (Object.keys(item).length === 0)
    await secrets.delete(orgItemAccount(orgId));
  else await secrets.set(orgItemAccount(orgId), encodeOrgItem(item));
}

/** An org's secrets by kind as stored, from a list of entries (`keychainEntries`, `memorySecrets().entries`). */
export function secretsFromEntries(
  entries: Iterable<{ account: string; password: string }>,
  orgId: string,
): Partial<Record<SecretKind, string>> {
  const found = [...entries];
  const item = found.find((entry) => entry.account === orgItemAccount(orgId));
  const values: Partial<Record<SecretKind, string>> = {
    ...decodeOrgItem(item?.password ?? null),
  };
  for (const kind of ["privateKey", "pendingPrivateKey"] as const) {
    const own = found.find(
      (entry) => entry.account === accountFor(orgId, kind),
    );
    if (own) values[kind] = own.password;
  }
  return values;
}

/** Every secret stored, as [kind, value] pairs in the order of `SECRET_KINDS`, whichever entry holds it. */
export function storedKinds(
  entries: Iterable<{ account: string; password: string }>,
): Array<[SecretKind, string]> {
  const found = [...entries];
  const ids = new Set(
    found
      .map((entry) => parseAccount(entry.account)?.orgId)
      .filter((id): id is string => !!id),
  );
  return [...ids].flatMap((id) =>
    SECRET_KINDS.flatMap((kind) => {
      const value = secretsFromEntries(found, id)[kind];
      return value === undefined ? [] : [[kind, value] as [SecretKind, string]];
    }),
  );
}
