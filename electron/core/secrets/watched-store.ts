/**
 * The keychain port, wrapped so every secret that passes through it is known to the log redactor.
 */
import type { Redactor } from '../logging/redactor';
import type { SecretStore } from '../ports';

export function watchedSecretStore(inner: SecretStore, redactor: Redactor): SecretStore {
  return {
    service: inner.service,
    async get(account) {
      const value = await inner.get(account);
      redactor.add(value);
      return value;
    },
    async set(account, secret) {
      redactor.add(secret);
      await inner.set(account, secret);
    },
    delete: (account) => inner.delete(account),
  };
}
