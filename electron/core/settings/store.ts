/**
 * The settings file behind the `SettingsStore` port.
 *
 * The CLI, the browser host and the tests write it themselves (`writeSettingsFile`: a temporary
 * file written, fsynced, renamed over it), the app with electron-store (conf with Electron's paths,
 * electron/settings-electron-store.ts): both are handed the same folder, name and file mode, so
 * they read and write the same `settings.json` the same way, atomically. conf would load ajv for a
 * schema OrgKey does not give it and re-read the file at every write: about 50 ms of every
 * `orgkey test` and a few ms of every write, for nothing (`npm run bench`).
 * Defaults and migrations are applied here rather than through conf's own options, because conf's
 * migrations are keyed by app version and its defaults would be merged into a file from a newer build.
 *
 * Reads parse `settings.json` themselves (document.ts, which also spares re-parsing an unchanged
 * file).
 *
 * The app and the CLI may write at the same moment: every read-modify-write runs under a lock file
 * next to `settings.json` and re-reads the file inside it, so neither loses the other's change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SettingsRecovery } from '../../../shared/domain';
import { writeFilesAtomically } from '../dataloader/files';
import { OrgKeyError } from '../errors';
import { systemClock, type Clock, type SettingsStore } from '../ports';
import { parseSettings, rememberWritten } from './document';
import { setAsideDamagedSettings } from './recovery';
import { fileLock } from './lock';
import { emptySettings, SettingsDocSchema, type SettingsDoc } from './schema';

/** What the adapter needs from conf / electron-store: where the file is, and a whole-document write. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

export const SETTINGS_FILE_NAME = 'settings';

/** Where every conf-compatible store is pointed: the data folder, `settings`, owner-only. Nothing else. */
export interface ConfFileOptions {
  cwd: string;
  configName: string;
  configFileMode: number;
}

/**
 * Makes the conf-compatible store that writes `settings.json` (conf itself, or the app's
 * electron-store). It is called once, at the first write; its instance must keep conf's plain JSON
 * (no `encryptionKey`, `serialize` or `deserialize`), because reads parse the file directly.
 */
export type OpenConf = (options: ConfFileOptions) => ConfLike;

/**
 * The file written as conf writes it (tab-indented JSON, owner-only), by this module: a temporary
 * file beside it, written and fsynced, renamed over it. Always under the settings lock.
 */
export const writeSettingsFile: OpenConf = ({ cwd, configName, configFileMode }) => {
  const file = path.resolve(cwd, `${configName}.json`);
  return {
    path: file,
    set store(value: Record<string, unknown>) {
      fs.mkdirSync(cwd, { recursive: true });
      writeFilesAtomically([{ path: file, content: JSON.stringify(value, undefined, '\t'), mode: configFileMode }]);
    },
  };
};

/**
 * Open `settings.json` in `dir`: a damaged file is set aside first (recovery.ts), reads parse the
 * file, and the first write makes the store with `open` (this module's writer unless the host gives its own).
 */
export function openConfSettings(dir: string, clock: Clock = systemClock, open: OpenConf = writeSettingsFile): SettingsStore {
  const file = path.resolve(dir, `${SETTINGS_FILE_NAME}.json`);
  const recovery = setAsideDamagedSettings(file, clock);
  let conf: ConfLike | undefined;
  const writer = (): ConfLike => {
    if (!conf) {
      let opened: ConfLike;
      try {
        opened = open({ cwd: path.dirname(file), configName: SETTINGS_FILE_NAME, configFileMode: 0o600 });
      } catch (error) {
        throw unreadable(error);
      }
      // Reads parse `file`: a store that writes anywhere else would lose every change unseen.
      if (path.resolve(opened.path) !== file) throw new Error(`[settings] the settings store writes ${opened.path}, not ${file}`);
      conf = opened;
    }
    return conf;
  };
  return settingsFile(file, writer, recovery);
}

/**
 * The settings port on `file`: reads parse the file, writes go through `writer()` (conf's atomic
 * write, with its file mode). A missing file reads as empty settings, as conf reads it.
 */
function settingsFile(file: string, writer: () => ConfLike, recovery: SettingsRecovery | null): SettingsStore {
  const parse = (): { doc: SettingsDoc; migrated: boolean } => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { doc: emptySettings(), migrated: false };
      throw unreadable(error);
    }
    const parsed = parseSettings(file, text);
    if (parsed.ok) return parsed;
    throw parsed.problem === 'not-json' ? unreadable(parsed.error) : parsed.error;
  };
  const write = (doc: SettingsDoc): void => {
    const conf = writer();
    try {
      conf.store = doc as unknown as Record<string, unknown>;
    } catch (error) {
      throw new OrgKeyError('SETTINGS_UNAVAILABLE', {}, { cause: error });
    }
    // Read back under the lock, so the next write (Test all makes two per org) does not parse the
    // whole file again; a file another writer changes since is a new text, parsed afresh.
    try {
      rememberWritten(file, fs.readFileSync(file, 'utf8'));
    } catch {
      // Only a saving lost: the next read parses the file.
    }
  };
  const locked = fileLock(file);
  /** Read inside the lock, writing the migrated document back if the file was older. */
  const readForWrite = (): SettingsDoc => {
    const { doc, migrated } = parse();
    if (migrated) write(doc);
    return doc;
  };

  return {
    path: file,
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
