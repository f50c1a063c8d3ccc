/**
 * The app writes `settings.json` with electron-store, the CLI with conf: the same file either way.
 *
 * electron-store is conf with Electron's paths, and it imports `electron` on load, so this adapter
 * lives outside electron/core. It points the store at the folder, name and file mode the core asks
 * for (electron-store calls conf's `configName` `name`, and keeps an absolute `cwd` as given).
 */
import type ElectronStore from 'electron-store';
import type { OpenConf } from './core';

export function electronStoreSettings(Store: typeof ElectronStore): OpenConf {
  return ({ cwd, configName, configFileMode }) => new Store<Record<string, unknown>>({ cwd, name: configName, configFileMode });
}
