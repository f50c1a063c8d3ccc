/**
 * One JSON file per org in a folder of the data folder (`audits/<id>.json`; the check history appends to `checks/<id>.jsonl`, schedule/history.ts):
 * what is too big or too busy for `settings.json`, which every process reads whole. Readable only
 * by the user, written whole or not at all, deleted with the org. Without a data folder (unit
 * tests) the values are kept in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFilesAtomically } from './dataloader/files';
import type { CorePorts } from './ports';

export interface OrgFiles<T> {
  save(id: string, value: T): void;
  /** The kept value, or null (none, or a file that does not hold one). */
  load(id: string): T | null;
  remove(id: string): void;
}

/** The file of an org in `folder`; null for an id that is no plain file name (ids are UUIDs). */
export function orgFilePath(dataDir: string, folder: string, id: string): string | null {
  return /^[A-Za-z0-9-]{1,64}$/.test(id) ? path.join(dataDir, folder, `${id}.json`) : null;
}

export function orgFiles<T>(ports: Pick<CorePorts, 'dataDir'>, folder: string, holds: (value: unknown) => value is T): OrgFiles<T> {
  const { dataDir } = ports;
  if (!dataDir) {
    const memory = new Map<string, T>();
    return {
      save: (id, value) => void memory.set(id, structuredClone(value)),
      load: (id) => structuredClone(memory.get(id) ?? null),
      remove: (id) => void memory.delete(id),
    };
  }
  return {
    save(id, value) {
      const file = orgFilePath(dataDir, folder, id);
      if (!file) return;
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFilesAtomically([{ path: file, content: `${JSON.stringify(value)}\n`, mode: 0o600 }]);
    },
    load(id) {
      const file = orgFilePath(dataDir, folder, id);
      if (!file) return null;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      try {
        const parsed: unknown = JSON.parse(text);
        return holds(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    remove(id) {
      const file = orgFilePath(dataDir, folder, id);
      if (file) fs.rmSync(file, { force: true });
    },
  };
}
