/**
 * Each org's last checks — the tests the admin ran and the scheduled ones, skipped ones included —
 * newest first, in the data folder's `checks/<org id>.jsonl` (one check a line, oldest first),
 * deleted with the org. Kept apart from `settings.json`: a scheduled run would otherwise grow the
 * file every process reads whole at every start.
 *
 * A check is appended, not the file rewritten: the result itself is already on disk (the org's
 * last test, in the login's settle write), and a test pays for its two durable writes only. A
 * process killed mid-append leaves at most a torn last line, which reads as nothing; once the
 * file holds twice the checks kept, the newest are written whole again (write + rename).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CheckHistoryEntry } from '../../../shared/domain';
import { writeFilesAtomically } from '../dataloader/files';
import { inFolder } from '../file-names';
import { orgFilePath } from '../org-files';
import type { CorePorts } from '../ports';

/** How many checks an org keeps. */
export const CHECK_HISTORY_LENGTH = 50;

export interface CheckHistory {
  record(id: string, entry: CheckHistoryEntry): void;
  /** Newest first; empty before the first check. */
  list(id: string): CheckHistoryEntry[];
  remove(id: string): void;
}

const isEntry = (value: unknown): value is CheckHistoryEntry => typeof value === 'object' && value !== null && typeof (value as CheckHistoryEntry).at === 'string';

/** The checks in a file's text, oldest first; a line that does not parse (a torn append) is left out. */
function entriesOf(text: string): CheckHistoryEntry[] {
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      const entry: unknown = JSON.parse(line);
      return isEntry(entry) ? [entry] : [];
    } catch {
      return [];
    }
  });
}

const linesOf = (entries: CheckHistoryEntry[]) => entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');

export function checkHistory(ports: Pick<CorePorts, 'dataDir'>): CheckHistory {
  const { dataDir } = ports;
  if (!dataDir) {
    // Unit tests without a data folder: kept in memory.
    const memory = new Map<string, CheckHistoryEntry[]>();
    return {
      record: (id, entry) => void memory.set(id, [entry, ...(memory.get(id) ?? [])].slice(0, CHECK_HISTORY_LENGTH)),
      list: (id) => structuredClone(memory.get(id) ?? []),
      remove: (id) => void memory.delete(id),
    };
  }
  const fileOf = (id: string) => orgFilePath(dataDir, 'checks', id)?.replace(/\.json$/, '.jsonl') ?? null;
  const read = (file: string): CheckHistoryEntry[] => {
    try {
      return entriesOf(fs.readFileSync(file, 'utf8'));
    } catch {
      return [];
    }
  };
  /** Orgs whose old file this process has looked for already (it is only ever written by that first build). */
  const carried = new Set<string>();
  /**
   * The first build with a check history kept it as one JSON array, newest first, in
   * `checks/<id>.json`: its checks are carried into the `.jsonl` (before any kept there), written
   * whole, and only then is the old file deleted, so a stop in between loses nothing. Looked for
   * once per org and process, not at every check.
   */
  const carryOver = (id: string, file: string) => {
    if (carried.has(id)) return;
    const old = orgFilePath(dataDir, 'checks', id);
    if (old && fs.existsSync(old)) {
      let earlier: CheckHistoryEntry[] = [];
      try {
        const value: unknown = JSON.parse(fs.readFileSync(old, 'utf8'));
        if (Array.isArray(value)) earlier = value.filter(isEntry).reverse();
      } catch {
        // Unreadable: nothing to carry over.
      }
      const merged = [...earlier, ...read(file)].slice(-CHECK_HISTORY_LENGTH);
      writeFilesAtomically([{ path: file, content: linesOf(merged), mode: 0o600 }]);
      fs.rmSync(old, { force: true });
    }
    carried.add(id);
  };
  return {
    record(id, entry) {
      const file = fileOf(id);
      if (!file) return;
      carryOver(id, file);
      const fd = inFolder(path.dirname(file), () => fs.openSync(file, 'a+', 0o600), 0o700);
      let size: number;
      try {
        // After a torn line, the check starts a line of its own.
        const before = fs.fstatSync(fd).size;
        const last = Buffer.alloc(1);
        const torn = before > 0 && fs.readSync(fd, last, 0, 1, before - 1) === 1 && last[0] !== 0x0a;
        size = before + fs.writeSync(fd, `${torn ? '\n' : ''}${linesOf([entry])}`);
      } finally {
        fs.closeSync(fd);
      }
      // Trimmed now and then, not at every check: a check is about 100 bytes.
      if (size > CHECK_HISTORY_LENGTH * 2 * 100) writeFilesAtomically([{ path: file, content: linesOf(read(file).slice(-CHECK_HISTORY_LENGTH)), mode: 0o600 }]);
    },
    list(id) {
      const file = fileOf(id);
      if (!file) return [];
      carryOver(id, file);
      return read(file).slice(-CHECK_HISTORY_LENGTH).reverse();
    },
    remove(id) {
      carried.delete(id);
      const file = fileOf(id);
      if (file) fs.rmSync(file, { force: true });
      const old = orgFilePath(dataDir, 'checks', id);
      if (old) fs.rmSync(old, { force: true });
    },
  };
}
