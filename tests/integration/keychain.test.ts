/** The keytar adapter against the real OS keychain (a private gnome-keyring under `npm test`). */
import { afterEach, describe, expect, it } from 'vitest';
import { keytarSecretStore } from '../../electron/core/secrets/keytar-store';
import { keychainEntries, purgeKeychain, uniqueKeychainService } from '../support/keychain';

const services: string[] = [];
const fresh = (label: string) => {
  const service = uniqueKeychainService(label);
  services.push(service);
  return keytarSecretStore(service);
};

afterEach(async () => {
  for (const service of services.splice(0)) await purgeKeychain(service);
});

describe('keychain secret store', () => {
  it('stores, reads back and deletes a secret', async () => {
    const store = fresh('roundtrip');
    await store.set('org:1:password', 'pä$$wörd with spaces ');
    expect(await store.get('org:1:password')).toBe('pä$$wörd with spaces ');
    expect(await keychainEntries(store.service)).toEqual([{ account: 'org:1:password', password: 'pä$$wörd with spaces ' }]);
    expect(await store.delete('org:1:password')).toBe(true);
    expect(await store.get('org:1:password')).toBeNull();
    expect(await store.delete('org:1:password')).toBe(false);
  });

  it('keeps entries of different service names apart', async () => {
    const a = fresh('a');
    const b = fresh('b');
    await a.set('org:1:token', 'tokenA');
    expect(await b.get('org:1:token')).toBeNull();
  });

  it('replaces a secret in place', async () => {
    const store = fresh('replace');
    await store.set('org:1:token', 'old');
    await store.set('org:1:token', 'new');
    expect(await keychainEntries(store.service)).toEqual([{ account: 'org:1:token', password: 'new' }]);
  });
});
