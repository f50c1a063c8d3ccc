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
import { inFolder } from '../file-names';
import { OrgKeyError } from '../errors';
import { systemClock, type Clock, type SettingsStore } from '../ports';
import { parseSettings } from './document';
import { setAsideDamagedSettings } from './recovery';
import { fileLock } from './lock';
import { checkSettings, settingsBytes } from './checked';
import { emptySettings, type SettingsDoc } from './schema';

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
      // conf's text, its unchanged orgs' bytes reused from earlier writes (checked.ts).
      const content = settingsBytes(value as unknown as SettingsDoc);
      inFolder(cwd, () => writeFilesAtomically([{ path: file, content, mode: configFileMode }]));
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
  // The document this process last wrote, and the file's identity right after (see `identityOf`):
  // while the file is unchanged it is read from here, not from the disk (hundreds of kB with a few
  // hundred orgs, read again at every write of Test all). `read` answers a copy of it; an update's
  // change gets it itself, and it stops being kept.
  let written: { identity: string; doc: SettingsDoc } | undefined;
  /** The document; `forChange`: handed to an update's change, which may alter it, so it stops being the copy kept. */
  const parse = (forChange = false): { doc: SettingsDoc; migrated: boolean } => {
    const identity = identityOf(file);
    if (written && identity !== undefined && identity === written.identity) {
      const { doc } = written;
      if (!forChange) return { doc: structuredClone(doc), migrated: false };
      written = undefined;
      return { doc, migrated: false };
    }
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
  /** Write `doc` and keep it as the copy of the file: nobody may change it afterwards. */
  const write = (doc: SettingsDoc): void => {
    written = undefined;
    const conf = writer();
    try {
      conf.store = doc as unknown as Record<string, unknown>;
    } catch (error) {
      throw new OrgKeyError('SETTINGS_UNAVAILABLE', {}, { cause: error });
    }
    // Still under the lock: no other writer can have replaced the file since.
    const identity = identityOf(file);
    if (identity !== undefined) written = { identity, doc };
  };
  const locked = fileLock(file);
  /** Read inside the lock, writing the migrated document back if the file was older. */
  const readForWrite = (): SettingsDoc => {
    const { doc, migrated } = parse(true);
    if (!migrated) return doc;
    // The change gets the document next and may alter it: the migrated one is written, not kept.
    write(doc);
    written = undefined;
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
        // The check answers a new document (its unchanged orgs the kept ones, frozen: checked.ts),
        // kept as the file's copy and answered read-only (ports.ts), so it needs no copy of its own.
        const next = checkSettings(change(readForWrite()));
        write(next);
        return next;
      });
    },
  };
}

/**
 * Which version of the file is on disk, without reading it: inode, size, and change and modification
 * times to the nanosecond. Every writer replaces the file by rename, so each write makes a new inode
 * with new times; a freed inode coming back with the same size and the same times to the nanosecond
 * does not happen. It does where the file system keeps whole seconds (FAT, HFS+): a modification time
 * with no fraction of a second is not trusted, and the file is read.
 */
function identityOf(file: string): string | undefined {
  const stats = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stats || stats.mtimeNs % 1_000_000_000n === 0n) return undefined;
  return `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

function unreadable(error: unknown): OrgKeyError {
  if (error instanceof SyntaxError) {
    return new OrgKeyError('SETTINGS_UNAVAILABLE', { message: 'The settings file is damaged and could not be read.' }, { cause: error });
  }
  return new OrgKeyError('SETTINGS_UNAVAILABLE', {}, { cause: error });
}
