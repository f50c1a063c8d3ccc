/**
 * Test helpers for the real OS keychain: a fresh service name per test, and a way to look at (and
 * clean up) every entry under it through keytar itself, independent of OrgKey's code.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';

const keytar = createRequire(import.meta.url)('keytar') as typeof KeytarModule;

export function uniqueKeychainService(label: string): string {
  return `OrgKey-test-${label}-${randomBytes(4).toString('hex')}`;
}

/** Every entry stored under `service`, read straight from the keychain. */
export function keychainEntries(service: string): Promise<Array<{ account: string; password: string }>> {
  return keytar.findCredentials(service);
}

export async function purgeKeychain(service: string): Promise<void> {
  for (const { account } of await keytar.findCredentials(service)) {
    await keytar.deletePassword(service, account);
  }
}
