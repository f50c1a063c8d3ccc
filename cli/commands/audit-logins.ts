/**
 * `orgkey audit-logins`: who in an org still logs in with a password, by which flow, and when each
 * stops working — the core's login audit (electron/core/audit/), printed as a table, JSON or CSV.
 */
import { AUDIT_DAYS, AUDIT_FLOWS, AUDIT_OWN_SCOPE_NOTE, auditCsv, auditDaysProblem, type AuditFlow, type AuditGroup, type LoginAudit } from '../../shared/login-audit';
import { stringOption, type CommandSpec } from '../args';
import { errorLine, EXIT, usageError } from '../errors';
import { json, table } from '../format';

const HELP = 'Run “orgkey audit-logins --help”.';

/** `--days N`, said precisely when it is wrong (the window is Salesforce's six months of Login History). */
function daysOption(raw: string | undefined): number {
  if (raw === undefined) return AUDIT_DAYS.default;
  const text = raw.trim();
  const days = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  const problem = auditDaysProblem(days);
  if (problem) throw usageError(`--days: ${problem}`, HELP);
  return days;
}

function flowOption(raw: string | undefined): AuditFlow | undefined {
  if (raw === undefined) return undefined;
  const flow = AUDIT_FLOWS.find((candidate) => candidate === raw.trim().toLowerCase());
  if (!flow) throw usageError(`--flow must be one of: ${AUDIT_FLOWS.join(', ')}.`, HELP);
  return flow;
}

/** The groups `--flow` and `--user` (a part of the username or name, any case) keep. */
export function filterGroups(groups: readonly AuditGroup[], filter: { flow?: AuditFlow | undefined; user?: string | undefined }): AuditGroup[] {
  const user = filter.user?.trim().toLowerCase();
  return groups.filter((group) => (!filter.flow || group.flow === filter.flow) && (!user || group.username.toLowerCase().includes(user) || group.name.toLowerCase().includes(user)));
}

/** The deadline column: "already off (API 65.0)", "20 Feb 2027 (in 80 days)", "Summer ’27", "not affected", "unknown". */
export function deadlineText(group: AuditGroup): string {
  const { retirement } = group;
  if (retirement.alreadyOff) return `already off (${retirement.deadlineLabel})`;
  if (retirement.affected === null) return 'unknown';
  if (!retirement.affected) return 'not affected';
  return retirement.daysLeft === null ? retirement.deadlineLabel! : `${retirement.deadlineLabel} (in ${retirement.daysLeft} d)`;
}

/** The readable table: what stops first on top, each group one line. */
export function auditLines(audit: LoginAudit, groups: readonly AuditGroup[]): string[] {
  const day = (iso: string) => iso.slice(0, 10);
  const lines = [
    `${audit.alias}: ${audit.rows} logins in the last ${audit.days} days (${day(audit.from)} to ${day(audit.to)})${audit.complete ? '' : ' — incomplete: the audit was stopped'}, ${groups.length} of ${audit.groups.length} groups shown.`,
  ];
  if (groups.length === 0) return lines;
  const rows = groups.map((group) => [
    deadlineText(group),
    group.flow,
    group.name ? `${group.username} (${group.name})` : group.username,
    group.application || '-',
    group.failures > 0 ? `${group.count} (${group.failures} failed)` : String(group.count),
    day(group.lastSeen),
    group.moveTo ?? '-',
  ]);
  return [...lines, '', ...table([['DEADLINE', 'FLOW', 'USER', 'APPLICATION', 'LOGINS', 'LAST SEEN', 'MOVE TO'], ...rows])];
}

export const auditLoginsCommand: CommandSpec = {
  name: 'audit-logins',
  summary: 'Audit an org’s Login History: who logs in with a password, by which flow, and when each stops working.',
  usage: ['audit-logins <alias> [--days N] [--json | --csv] [--flow F] [--user U]'],
  description: [
    'Logs in with the org’s own method (the lockout guard applies, as for a test), reads LoginHistory of',
    `the last N days (default ${AUDIT_DAYS.default}, ${AUDIT_DAYS.min}–${AUDIT_DAYS.max}: Salesforce keeps six months) page by page, and groups`,
    'the logins by user, application and flow: soap (SOAP login(), e.g. Data Loader), oauth-password,',
    'web-server, refresh-token, client-credentials, jwt, ui (the login page), other. Each group says when it',
    'stops working (the OAuth username-password flow on 20 Feb 2027, SOAP login() in Summer ’27 and already',
    'at API 65.0+) and the OrgKey login method to move it to. Sorted by deadline, then by number of logins.',
    'Only a user with “Manage Users” or “Monitor Login History” sees everyone’s logins; others see their own.',
    'Ctrl-C stops after the page being read: the result covers the rows read (“complete”: false), exit 130.',
    'The result is kept with the org until its next audit.',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    days: { type: 'string', value: 'N', help: `How many days back (${AUDIT_DAYS.min}–${AUDIT_DAYS.max}; default ${AUDIT_DAYS.default}).` },
    json: { type: 'boolean', help: 'Print the result as JSON (see the README).' },
    csv: { type: 'boolean', help: 'Print the groups as CSV (username, name, application, flow, count, failures, …).' },
    flow: { type: 'string', value: 'F', help: `Only this flow: ${AUDIT_FLOWS.join(', ')}.` },
    user: { type: 'string', value: 'U', help: 'Only users whose username or name contains U (any case).' },
    'confirm-retry': { type: 'boolean', help: 'Log in even after repeated failed logins (the lockout guard), as `orgkey test` does.' },
  },
  examples: ['orgkey audit-logins Production', 'orgkey audit-logins Production --days 90 --flow soap', 'orgkey audit-logins Production --csv > logins.csv'],
  async run(context, { positionals, values }) {
    if (values.json && values.csv) throw usageError('Choose --json or --csv, not both.', HELP);
    const days = daysOption(stringOption(values, 'days'));
    const flow = flowOption(stringOption(values, 'flow'));
    const user = stringOption(values, 'user');
    const org = context.findOrg(positionals[0]!);
    const controller = new AbortController();
    let interrupted = false;
    const done = context.io.onInterrupt(() => {
      interrupted = true;
      controller.abort();
    });
    const status = context.io.status;
    let audit: LoginAudit;
    try {
      audit = await context.core().audits.run(org.id, {
        days,
        signal: controller.signal,
        ...(values['confirm-retry'] ? { confirmRetry: true } : {}),
        ...(status ? { onProgress: ({ rows, pages }: { rows: number; pages: number }) => status(`Reading Login History: ${rows} rows, ${pages} ${pages === 1 ? 'page' : 'pages'}…`) } : {}),
      });
    } finally {
      status?.('');
      done();
    }
    const groups = filterGroups(audit.groups, { flow, user });
    if (values.json) context.io.outBlock(json({ ...audit, groups }));
    // Into a pipe or file the CSV goes byte for byte (CRLF, RFC 4180); on a terminal its text is shown, not obeyed.
    else if (values.csv) {
      const csv = auditCsv(groups);
      if (context.io.stdoutIsTTY) context.io.outBlock(csv.replace(/\r\n/g, '\n').trimEnd());
      else context.io.outRaw(csv);
    }
    else for (const line of auditLines(audit, groups)) context.io.out(line);
    if (audit.scope === 'own') context.io.err(`note: ${AUDIT_OWN_SCOPE_NOTE}`);
    if (interrupted || !audit.complete) {
      context.io.err(errorLine({ code: 'CANCELLED', message: `Interrupted: the audit stopped after ${audit.rows} rows; the result covers only those.` }));
      return EXIT.INTERRUPTED;
    }
    return EXIT.OK;
  },
};

