/**
 * The login audit: who in an org still logs in with a password, by which flow, how often, from where,
 * and when each of them stops working. The core reads `LoginHistory` (electron/core/audit/), the app
 * shows the result, `orgkey audit-logins` prints it; this file is what they share — the result's
 * shape (`orgkey audit-logins --json` prints it as it is), the days rule and the CSV both exports write.
 *
 * Plain data and pure functions only: the renderer bundles it.
 */
import type { AuthMethod } from './domain';
import type { LoginFlow } from './retirements';

/**
 * How a login authenticated, as the audit tells it from the Login History row:
 * `soap` SOAP API login() (Data Loader's password login, most ETL tools), `oauth-password` the OAuth
 * username-password flow, `web-server` the OAuth web-server flow (with or without PKCE: a person
 * allowing an app in the browser), `refresh-token` a session renewed from a refresh token,
 * `client-credentials` and `jwt` those OAuth flows, `ui` the login page, `other` anything the row does
 * not tell apart (SAML, other OAuth flows, values Salesforce adds later).
 */
export const AUDIT_FLOWS = ['soap', 'oauth-password', 'web-server', 'refresh-token', 'client-credentials', 'jwt', 'ui', 'other'] as const;
export type AuditFlow = (typeof AUDIT_FLOWS)[number];

/** Salesforce keeps Login History for six months; the audit reads the last N days of it. */
export const AUDIT_DAYS = { min: 1, max: 180, default: 30 } as const;

/** The message for a number of days outside 1–180, next to the field (`days`, `--days`). */
export const AUDIT_DAYS_MESSAGE = `Choose a whole number of days from ${AUDIT_DAYS.min} to ${AUDIT_DAYS.max}: Salesforce keeps Login History for six months (180 days).`;

/** Null when `days` is a whole number from 1 to 180, else the message to show next to the field. */
export function auditDaysProblem(days: unknown): string | null {
  return typeof days === 'number' && Number.isInteger(days) && days >= AUDIT_DAYS.min && days <= AUDIT_DAYS.max ? null : AUDIT_DAYS_MESSAGE;
}

/**
 * When a group's logins stop working: the same object as `orgkey list --json`'s `retirement`
 * (shared/retirements.ts `RetirementStatus`), for the Salesforce flow the group used, plus
 * `alreadyOff`. `flow` is null for logins that are none of OrgKey's flows (the login page, `other`);
 * `affected` is null when the audit cannot tell (`other`).
 */
export interface AuditRetirement {
  flow: LoginFlow | null;
  affected: boolean | null;
  /** The published date (YYYY-MM-DD); null when Salesforce named only a release, or nothing ends. */
  deadline: string | null;
  /** "20 Feb 2027", "Summer ’27", or for SOAP login() at API 65.0 and later "API 65.0" (refused already); null when nothing ends. */
  deadlineLabel: string | null;
  /** Whole days left (UTC dates) to `deadline`; 0 from the deadline on. Null without a date. */
  daysLeft: number | null;
  /** These logins no longer work today: the deadline has passed, or SOAP login() at API 65.0+. */
  alreadyOff: boolean;
}

/** One user + application + flow, over the audited days. */
export interface AuditGroup {
  username: string;
  /** The user's full name; empty when the user could not be read. */
  name: string;
  /** Login History's `Application` (e.g. "DataLoaderBulk", "Browser", a connected app's name); empty when blank. */
  application: string;
  flow: AuditFlow;
  /** Login History's own values, as the first row of the group had them (null when blank). */
  loginType: string | null;
  loginSubType: string | null;
  apiType: string | null;
  /** Distinct API versions, ascending; at most `AUDIT_LISTED` of them, the rest counted in `apiVersionsMore`. */
  apiVersions: string[];
  apiVersionsMore: number;
  /** Distinct source IP addresses, at most `AUDIT_LISTED`, the rest counted in `sourceIpsMore`. */
  sourceIps: string[];
  sourceIpsMore: number;
  /** Logins (rows), and of those the ones whose Status was not "Success". */
  count: number;
  failures: number;
  /** ISO times of the first and last login in the group. */
  firstSeen: string;
  lastSeen: string;
  retirement: AuditRetirement;
  /** The OrgKey login method that holds this kind of login without a password; null when none fits (`other`). */
  moveTo: Extract<AuthMethod, 'browser' | 'client-credentials' | 'jwt'> | null;
}

/** What the audit found, as `orgkey audit-logins --json` prints it and the org keeps it. */
export interface LoginAudit {
  alias: string;
  /** How many days back it read. */
  days: number;
  /** The window read: `from` = `to` − days; `to` is when the audit ran. ISO times. */
  from: string;
  to: string;
  /** Login History rows read. */
  rows: number;
  /** False when the audit was cancelled (or stopped) before the last page: the groups cover the rows read. */
  complete: boolean;
  /** `org`: everyone's logins; `own`: the user may read only their own (not an admin: `AUDIT_OWN_SCOPE_NOTE`). */
  scope: 'org' | 'own';
  /** By deadline (already off first, then nearest, not affected last), then by count, most first. */
  groups: AuditGroup[];
}

/**
 * What an audit that found only the user's own logins says, in the app and on the terminal.
 * Salesforce shows a user without "Manage Users" or "Monitor Login History" only their own rows,
 * without an error, so OrgKey tells by the rows: none of anyone else.
 */
export const AUDIT_OWN_SCOPE_NOTE =
  'Only your own logins were found. Only an admin sees the whole org: a user without “Manage Users” or “Monitor Login History” reads only their own Login History. Run the audit with an org whose user has one of them (unless no one else logged in during these days).';

/** What the org's record keeps of its last audit (the groups are in a file of their own). */
export interface LoginAuditSummary {
  /** When it ran (the audit's `to`). */
  at: string;
  days: number;
  rows: number;
  complete: boolean;
  scope: 'org' | 'own';
  /** Logins per flow. */
  flows: Partial<Record<AuditFlow, number>>;
}

/** The summary the org's record keeps of an audit. */
export function auditSummary(audit: LoginAudit): LoginAuditSummary {
  const flows: Partial<Record<AuditFlow, number>> = {};
  for (const group of audit.groups) flows[group.flow] = (flows[group.flow] ?? 0) + group.count;
  return { at: audit.to, days: audit.days, rows: audit.rows, complete: audit.complete, scope: audit.scope, flows };
}

/** How many API versions and source IPs a group lists; the rest are counted. */
export const AUDIT_LISTED = 10;

/** The CSV's columns, in order (both the CLI's `--csv` and the app's export). */
export const AUDIT_CSV_COLUMNS = ['username', 'name', 'application', 'flow', 'count', 'failures', 'first_seen', 'last_seen', 'api_versions', 'source_ips', 'deadline', 'move_to'] as const;

/** A listed set with its "+N more": "64.0 65.0 (+3 more)". */
export function listedText(values: readonly string[], more: number): string {
  return `${values.join(' ')}${more > 0 ? ` (+${more} more)` : ''}`;
}

/** The deadline cell: the date (YYYY-MM-DD), the release or "API 65.0" when there is none, empty when nothing ends. */
export function deadlineCell(retirement: AuditRetirement): string {
  return retirement.deadline ?? retirement.deadlineLabel ?? '';
}

/**
 * One CSV field (RFC 4180: quoted when it holds a comma, a double quote, CR or LF; quotes doubled).
 * Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`: Excel,
 * LibreOffice and Google Sheets run such a cell as a formula when the file is opened, and usernames,
 * names and application names are typed by the org's users and app builders, so a name such as
 * `=HYPERLINK("https://…")` must arrive as text, not run on the admin's machine. Numbers are ours and
 * go as they are.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The audit's groups as CSV: a header line, one line per group, CRLF line ends (RFC 4180). */
export function auditCsv(groups: readonly AuditGroup[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const group of groups) {
    const cells: Array<string | number> = [
      group.username,
      group.name,
      group.application,
      group.flow,
      group.count,
      group.failures,
      group.firstSeen,
      group.lastSeen,
      listedText(group.apiVersions, group.apiVersionsMore),
      listedText(group.sourceIps, group.sourceIpsMore),
      deadlineCell(group.retirement),
      group.moveTo ?? '',
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
