/**
 * The keychain port as the core uses it: every secret that passes is known to the log redactor
 * (each kind inside an org's item too, not only the item's text), and every call is counted.
 */
import type { Redactor } from '../logging/redactor';
import type { KeychainCounts, SecretStore } from '../ports';
import { secretsInItem } from './org-item';

export function watchedSecretStore(inner: SecretStore, redactor: Redactor): SecretStore & { counts: KeychainCounts } {
  const counts: KeychainCounts = { reads: 0, writes: 0, deletes: 0, lists: 0 };
  const watch = (account: string, text: string | null) => {
    for (const secret of secretsInItem(account, text)) redactor.add(secret);
  };
  return {
    service: inner.service,
    counts,
    async get(account) {
      counts.reads += 1;
      const value = await inner.get(account);
      watch(account, value);
      return value;
    },
    async set(account, secret) {
      counts.writes += 1;
      watch(account, secret);
      await inner.set(account, secret);
    },
    delete(account) {
      counts.deletes += 1;
      return inner.delete(account);
    },
    async list() {
      counts.lists += 1;
      const entries = await inner.list();
      for (const { account, password } of entries) watch(account, password);
      return entries;
    },
  };
}
