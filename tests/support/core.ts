/** A core on real parts — the OS keychain and a settings file in `dir` — as the app builds it at launch. */
import { createCore, type Core } from '../../electron/core';
import { systemClock, type CorePorts } from '../../electron/core/ports';
import { keytarSecretStore } from '../../electron/core/secrets/keytar-store';
import { openConfSettings } from '../../electron/core/settings/store';

export function bootRealCore(dir: string, keychainService: string, extra: Partial<CorePorts> = {}): Core {
  return createCore(
    { settings: openConfSettings(dir), secrets: keytarSecretStore(keychainService), clock: systemClock, ...extra },
    { host: 'browser', version: 'test' },
  );
}
