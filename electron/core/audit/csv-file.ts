/**
 * The app's *Export CSV* of a login audit: the org's kept audit (the one the detail shows) written
 * with the shared CSV writer, so the file is the one `orgkey audit-logins --csv` prints. The window
 * names only the path it got from the OS save dialog; the content never comes from it.
 */
import fs from 'node:fs';
import os from 'node:os';
import { auditCsv, type LoginAudit } from '../../../shared/login-audit';
import { describeFsError, resolveUserPath, writeFilesAtomically } from '../dataloader/files';
import { fieldError, OrgKeyError } from '../errors';
import { findOrgRecord } from '../org-records';
import { silentLogger, type CorePorts } from '../ports';

export interface AuditCsvFiles {
  /** Write the org's kept audit as CSV to `path` (`~` for home); an existing file only with `overwrite`. */
  save(id: string, request: { path: string; overwrite?: boolean }): { path: string };
}

export function createAuditCsvFiles(ports: CorePorts, last: (id: string) => LoginAudit | null): AuditCsvFiles {
  const home = ports.homeDir ?? os.homedir();
  const logger = ports.logger ?? silentLogger;
  return {
    save(id, request) {
      findOrgRecord(ports.settings, id);
      const audit = last(id);
      if (!audit) throw new OrgKeyError('INVALID_INPUT', { message: 'This org has no login audit to export yet.', remedy: 'Run the audit first.' });
      const target = resolveUserPath(request.path, home, 'CSV file');
      if (!target.ok) throw fieldError('path', target.message);
      if (!request.overwrite && fs.existsSync(target.path)) {
        throw new OrgKeyError('FILES_EXIST', { field: 'path', message: `${target.path} already exists.`, remedy: 'Replace it, or choose another name.' });
      }
      try {
        // Readable only by the user: it lists the org's users, their logins and addresses.
        writeFilesAtomically([{ path: target.path, content: auditCsv(audit.groups), mode: 0o600 }]);
      } catch (error) {
        throw new OrgKeyError('EXPORT_FAILED', { message: describeFsError(error, target.path), remedy: 'Check that the folder is writable and has free space, then try again.' });
      }
      logger.info('[audit]', `org ${id}: audit exported as CSV`);
      return { path: target.path };
    },
  };
}
