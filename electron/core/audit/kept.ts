/**
 * Where an org's last login audit is kept, so the next one can be compared with it.
 *
 * The settings file stays small (every process reads it whole, `orgkey list` at every start): the
 * org's record keeps the audit in brief (`lastAudit`: when, days, rows, complete, scope, logins per
 * flow), and the groups go to `audits/<org id>.json` in the data folder, readable only by the user
 * (usernames, names and source IP addresses are personal data, though no secret), written whole or
 * not at all, and deleted with the org. Without a data folder (unit tests) they are kept in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoginAudit } from '../../../shared/login-audit';
import { writeFilesAtomically } from '../dataloader/files';
import type { CorePorts } from '../ports';

export interface KeptAudits {
  save(id: string, audit: LoginAudit): void;
  /** The kept audit, or null (none, or a file that is not one). */
  load(id: string): LoginAudit | null;
  remove(id: string): void;
}

const AUDITS_FOLDER = 'audits';

/** The file of an org's audit; null for an id that is no plain file name (ids are UUIDs). */
export function keptAuditPath(dataDir: string, id: string): string | null {
  return /^[A-Za-z0-9-]{1,64}$/.test(id) ? path.join(dataDir, AUDITS_FOLDER, `${id}.json`) : null;
}

function isAudit(value: unknown): value is LoginAudit {
  const audit = value as Partial<LoginAudit> | null;
  return typeof audit === 'object' && audit !== null && typeof audit.alias === 'string' && typeof audit.to === 'string' && Array.isArray(audit.groups);
}

export function keptAudits(ports: Pick<CorePorts, 'dataDir'>): KeptAudits {
  const { dataDir } = ports;
  if (!dataDir) {
    const memory = new Map<string, LoginAudit>();
    return {
      save: (id, audit) => void memory.set(id, structuredClone(audit)),
      load: (id) => structuredClone(memory.get(id) ?? null),
      remove: (id) => void memory.delete(id),
    };
  }
  return {
    save(id, audit) {
      const file = keptAuditPath(dataDir, id);
      if (!file) return;
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFilesAtomically([{ path: file, content: `${JSON.stringify(audit)}\n`, mode: 0o600 }]);
    },
    load(id) {
      const file = keptAuditPath(dataDir, id);
      if (!file) return null;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      try {
        const parsed: unknown = JSON.parse(text);
        return isAudit(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    remove(id) {
      const file = keptAuditPath(dataDir, id);
      if (file) fs.rmSync(file, { force: true });
    },
  };
}
