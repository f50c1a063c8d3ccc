/**
 * Each org's last checks — the tests the admin ran and the scheduled ones, skipped ones included —
 * newest first, in the data folder's `checks/<org id>.json` (org-files.ts), deleted with the org.
 * Kept apart from `settings.json`: a scheduled run would otherwise grow the file every process
 * reads whole at every start.
 */
import type { CheckHistoryEntry } from '../../../shared/domain';
import { orgFiles } from '../org-files';
import type { CorePorts } from '../ports';

/** How many checks an org keeps. */
export const CHECK_HISTORY_LENGTH = 50;

export interface CheckHistory {
  record(id: string, entry: CheckHistoryEntry): void;
  /** Newest first; empty before the first check. */
  list(id: string): CheckHistoryEntry[];
  remove(id: string): void;
}

const isHistory = (value: unknown): value is CheckHistoryEntry[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'object' && entry !== null && typeof (entry as CheckHistoryEntry).at === 'string');

export function checkHistory(ports: Pick<CorePorts, 'dataDir'>): CheckHistory {
  const files = orgFiles(ports, 'checks', isHistory);
  return {
    record(id, entry) {
      files.save(id, [entry, ...(files.load(id) ?? [])].slice(0, CHECK_HISTORY_LENGTH));
    },
    list: (id) => files.load(id) ?? [],
    remove: (id) => files.remove(id),
  };
}
