/**
 * The wiring behind `openCore(options, ports)` (index.ts), the one way every host opens the core:
 * the Electron app, the `orgkey` CLI, the browser host, the integration tests and the bench.
 *
 * What they share happens here once: `settings.json` in the data folder (a damaged file set
 * aside first, conf loaded only by the first write), the keychain through keytar (loaded by the
 * first secret), one redactor for the process and the `orgkey.log` file logger it guards. A host
 * brings only what is its own: clipboard, browser opener, file pickers, the log line's `source`,
 * and, for the CLI, preferences that one run sees differently.
 */
import type { AppInfo, Preferences } from '../../shared/domain';
import { createFileLogger, redactingLogger } from './logging/file-logger';
import { createRedactor } from './logging/redactor';
import { systemClock, type CorePorts, type Logger, type SettingsStore } from './ports';
import { keytarSecretStore } from './secrets/keytar-store';
import { openConfSettings, type OpenConf } from './settings/store';

export interface OpenCoreOptions {
  host: AppInfo['host'];
  version: string;
  /** The user-data folder: `settings.json` and `orgkey.log` live here. */
  dataDir: string;
  /** The keychain service every org secret is kept under. */
  keychainService: string;
  /**
   * How `settings.json` is written: with conf (the default), with another conf-compatible store
   * (the app's electron-store), or a store the host already opened with `openSettings` (the CLI
   * reads a preference before it opens the core).
   */
  settings?: 'conf' | OpenConf | SettingsStore;
  /** Which process wrote each log line (`app`, `cli`, `browser-host`, …). */
  logSource: string;
  /** Where log lines also go, already redacted (the console while developing the app). */
  echo?: (line: string) => void;
  /** Preferences this run sees differently from the file (the CLI's `copy --clear-after`); never written. */
  preferences?: Partial<Preferences>;
}

/**
 * The host's own ports, and any port it replaces (a logger of its own; in unit tests, secrets).
 * Settings come from `options.settings` and the redactor is the process's one, so both are left out.
 */
export type HostPorts = Partial<Omit<CorePorts, 'settings' | 'redactor'>>;

/** Open `settings.json` in `dataDir` as `openCore` does, for a host that reads it before the core. */
export function openSettings(dataDir: string, how: 'conf' | OpenConf = 'conf', clock = systemClock): SettingsStore {
  return openConfSettings(dataDir, clock, how === 'conf' ? undefined : how);
}

/** The core's ports for a host: the shared parts made here, the host's own `ports` on top. */
export function hostCorePorts(options: OpenCoreOptions, ports: HostPorts = {}): { ports: CorePorts; logger: Logger } {
  const clock = ports.clock ?? systemClock;
  const how = options.settings ?? 'conf';
  const stored = typeof how === 'object' ? how : openSettings(options.dataDir, how, clock);
  // One redactor for the process: the core feeds it every secret it touches, the log hides them.
  const redactor = createRedactor();
  const logger =
    ports.logger ??
    createFileLogger({ dir: options.dataDir, redactor, clock, source: options.logSource, ...(options.echo ? { echo: options.echo } : {}) });
  if (stored.recovery) logger.warn('[settings]', `damaged settings file set aside as ${stored.recovery.movedTo}: ${stored.recovery.reason}`);
  return {
    ports: {
      secrets: keytarSecretStore(options.keychainService),
      dataDir: options.dataDir,
      ...ports,
      settings: options.preferences ? withPreferences(stored, options.preferences) : stored,
      clock,
      logger,
      redactor,
    },
    logger: redactingLogger(logger, redactor),
  };
}

/** The settings port as this run sees it: preference overrides on read, every write untouched. */
function withPreferences(settings: SettingsStore, override: Partial<Preferences>): SettingsStore {
  return {
    path: settings.path,
    ...(settings.recovery ? { recovery: settings.recovery } : {}),
    read: () => {
      const doc = settings.read();
      return { ...doc, preferences: { ...doc.preferences, ...override } };
    },
    // The inner store reads the real document inside its lock: overrides never reach the file.
    update: (change) => settings.update(change),
  };
}
