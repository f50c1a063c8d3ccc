/**
 * In-memory `SecretStore` and `SettingsStore` for unit tests of the core. Integration and e2e tests
 * use the real keychain and real settings files instead; production code never imports this file.
 */
import type { SecretStore, SettingsStore } from '../../electron/core/ports';
import { emptySettings, SettingsDocSchema, type SettingsDoc } from '../../electron/core/settings/schema';

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
    list: async () => [...entries].map(([account, password]) => ({ account, password })),
  };
}

/** Holds the document as the settings file would: every write is validated against the schema. */
export function memorySettings(initial: SettingsDoc = emptySettings()): SettingsStore & { doc: SettingsDoc } {
  const store = {
    path: ':memory:',
    doc: structuredClone(initial),
    read: () => structuredClone(store.doc),
    update(change: (doc: SettingsDoc) => SettingsDoc) {
      store.doc = SettingsDocSchema.parse(change(structuredClone(store.doc)));
      return structuredClone(store.doc);
    },
  };
  return store;
}
