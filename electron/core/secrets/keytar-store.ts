/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Manager, Secret Service on Linux).
 *
 * keytar is loaded on first use so that commands which never touch a secret start fast. Any keychain
 * failure becomes KEYCHAIN_UNAVAILABLE with a remedy for this OS; the message never includes the secret.
 */
import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import { OrgKeyError } from '../errors';
import type { SecretStore } from '../ports';

type Keytar = typeof KeytarModule;

let keytar: Keytar | undefined;
function loadKeytar(): Keytar {
  keytar ??= createRequire(import.meta.url)('keytar') as Keytar;
  return keytar;
}

export function keychainRemedy(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Open Keychain Access, unlock the login keychain, and allow OrgKey when macOS asks.';
    case 'win32':
      return 'Sign in to Windows normally (Credential Manager needs your user profile) and try again.';
    default:
      return 'Start and unlock a Secret Service such as GNOME Keyring or KWallet (a desktop login usually does this), then try again.';
  }
}

export function keytarSecretStore(service: string): SecretStore {
  const guard = async <T>(action: string, run: (k: Keytar) => Promise<T>): Promise<T> => {
    try {
      return await run(loadKeytar());
    } catch (error) {
      throw new OrgKeyError(
        'KEYCHAIN_UNAVAILABLE',
        { message: `The system keychain could not ${action}.`, remedy: keychainRemedy() },
        { cause: error },
      );
    }
  };
  return {
    service,
    get: (account) => guard('be read', (k) => k.getPassword(service, account)),
    set: (account, secret) => guard('save the secret, so nothing was saved', (k) => k.setPassword(service, account, secret)),
    delete: (account) => guard('delete the secret', (k) => k.deletePassword(service, account)),
    list: () => guard('be read', (k) => k.findCredentials(service)),
  };
}
