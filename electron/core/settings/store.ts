/**
 * The settings file behind the `SettingsStore` port.
 *
 * The app hands in an electron-store instance and the CLI and tests a `conf` one: electron-store is
 * conf with Electron's paths, so both read and write the same `settings.json` the same way, atomically.
 * Defaults and migrations are applied here rather than through conf's own options, because conf's
 * migrations are keyed by app version and its defaults would be merged into a file from a newer build.
 *
 * The app and the CLI may write at the same moment: every read-modify-write runs under a lock file
 * next to `settings.json` and re-reads the file inside it, so neither loses the other's change.
 */
import path from 'node:path';
import Conf from 'conf';
import type { SettingsRecovery } from '../../../shared/domain';
import { OrgKeyError } from '../errors';
import { systemClock, type Clock, type SettingsStore } from '../ports';
import { setAsideDamagedSettings } from './recovery';
import { fileLock } from './lock';
import { emptySettings, migrateSettings, SettingsDocSchema, type SettingsDoc } from './schema';

/** What the adapter needs from conf / electron-store. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

export const SETTINGS_FILE_NAME = 'settings';

/** Open `settings.json` in `dir` with conf (CLI, tests, browser host); a damaged file is set aside first. */
export function openConfSettings(dir: string, clock: Clock = systemClock): SettingsStore {
  const recovery = setAsideDamagedSettings(path.join(dir, `${SETTINGS_FILE_NAME}.json`), clock);
  let conf: ConfLike;
  try {
    conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: SETTINGS_FILE_NAME, configFileMode: 0o600 });
  } catch (error) {
    throw unreadable(error);
  }
  return settingsStoreOn(conf, recovery);
}

/** Wrap a conf-like instance (conf or electron-store) as the core's settings port. */
export function settingsStoreOn(conf: ConfLike, recovery: SettingsRecovery | null = null): SettingsStore {
  const readRaw = (): Record<string, unknown> => {
    try {
      return conf.store;
    } catch (error) {
      throw unreadable(error);
    }
  };
  const write = (doc: SettingsDoc): void => {
    try {
      conf.store = doc as unknown as Record<string, unknown>;
    } catch (error) {
      throw new OrgKeyError('SETTINGS_UNAVAILABLE', {}, { cause: error });
    }
  };
  const parse = (): { doc: SettingsDoc; migrated: boolean } => {
    const raw = readRaw();
    if (Object.keys(raw).length === 0) return { doc: emptySettings(), migrated: false };
    return migrateSettings(raw);
  };
  const locked = fileLock(conf.path);
  /** Read inside the lock, writing the migrated document back if the file was older. */
  const readForWrite = (): SettingsDoc => {
    const { doc, migrated } = parse();
    if (migrated) write(doc);
    return doc;
  };

  return {
    path: conf.path,
    ...(recovery ? { recovery } : {}),
    read() {
      const { doc, migrated } = parse();
      // An older file is upgraded in place once; the lock keeps that from racing another writer.
      return migrated ? locked(readForWrite) : doc;
    },
    update(change) {
      return locked(() => {
        const next = SettingsDocSchema.parse(change(readForWrite()));
        write(next);
        return next;
      });
    },
  };
}

function unreadable(error: unknown): OrgKeyError {
  if (error instanceof SyntaxError) {
    return new OrgKeyError('SETTINGS_UNAVAILABLE', { message: 'The settings file is damaged and could not be read.' }, { cause: error });
  }
  return new OrgKeyError('SETTINGS_UNAVAILABLE', {}, { cause: error });
}

/** An in-memory settings store for unit tests of the core. */
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
