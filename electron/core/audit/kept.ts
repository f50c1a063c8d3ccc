/**
 * Where an org's last login audit is kept, so the next one can be compared with it.
 *
 * The settings file stays small (every process reads it whole, `orgkey list` at every start): the
 * org's record keeps the audit in brief (`lastAudit`: when, days, rows, complete, scope, logins per
 * flow), and the groups go to `audits/<org id>.json` in the data folder (org-files.ts), readable only
 * by the user (usernames, names and source IP addresses are personal data, though no secret).
 */
import type { LoginAudit } from '../../../shared/login-audit';
import { orgFiles, type OrgFiles } from '../org-files';
import type { CorePorts } from '../ports';

export type KeptAudits = OrgFiles<LoginAudit>;

function isAudit(value: unknown): value is LoginAudit {
  const audit = value as Partial<LoginAudit> | null;
  return typeof audit === 'object' && audit !== null && typeof audit.alias === 'string' && typeof audit.to === 'string' && Array.isArray(audit.groups);
}

export function keptAudits(ports: Pick<CorePorts, 'dataDir'>): KeptAudits {
  return orgFiles(ports, 'audits', isAudit);
}
