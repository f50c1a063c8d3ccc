/**
 * An in-memory `SecretStore` for unit tests of the core (integration tests use the real keychain).
 */
import type { SecretStore } from '../ports';

export function memorySecrets(service = 'OrgKey-memory'): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    service,
    entries,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => {
      entries.set(account, secret);
    },
    delete: async (account) => entries.delete(account),
  };
}
