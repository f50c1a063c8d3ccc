/**
 * In-memory `SecretStore` and `SettingsStore` for unit tests of the core. Integration and e2e tests
 * use the real keychain and real settings files instead; production code never imports this file.
 */
import type { SecretStore, SettingsStore } from '../../electron/core/ports';
import { checkSettings } from '../../electron/core/settings/checked';
import { emptySettings, type SettingsDoc } from '../../electron/core/settings/schema';

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

/**
 * Holds the document as the settings store does (settings/store.ts): every write is checked as the
 * file's are (its orgs frozen: a change that alters one in place throws), a change gets the kept
 * orgs, and `update` answers the document kept.
 */
export function memorySettings(initial: SettingsDoc = emptySettings()): SettingsStore & { doc: SettingsDoc } {
  const store = {
    path: ':memory:',
    doc: structuredClone(initial),
    read: () => structuredClone(store.doc),
    update(change: (doc: SettingsDoc) => SettingsDoc) {
      // The orgs as kept (frozen), the rest a copy: a change that throws half-made leaves nothing, as a file would.
      const { orgs, ...rest } = store.doc;
      store.doc = checkSettings(change({ ...structuredClone(rest), orgs: [...orgs] }));
      return store.doc;
    },
  };
  return store;
}
