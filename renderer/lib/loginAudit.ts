/**
 * The audit of an org's logins (its Login History, grouped by user, application and flow) as the
 * detail's *Audit logins* section shows it: each flow in plain words, when each group stops working
 * and its badge, the filters, and what changed since the audit kept before. Pure functions of the
 * core's `LoginAudit` (shared/login-audit.ts), which comes sorted by deadline, then volume.
 */
import type { AuditFlow, AuditGroup, AuditRetirement, LoginAudit } from '../../shared/login-audit';
import { AUDIT_FLOWS, auditDaysProblem } from '../../shared/login-audit';
import { formatDeadline, inDays } from '../../shared/retirements';

/** Each flow in plain words, as the table and the flow filter name it. */
export const AUDIT_FLOW_LABELS: Record<AuditFlow, string> = {
  soap: 'SOAP login()',
  'oauth-password': 'OAuth username-password',
  'web-server': 'Browser (web server)',
  'refresh-token': 'Refresh token',
  'client-credentials': 'Client credentials',
  jwt: 'JWT bearer',
  ui: 'UI',
  other: 'Other',
};

/** When a group stops working, as the table's *Stops working* cell shows it. */
export interface DeadlineView {
  /** `failing`: fails today; `dated`; `release` (no date published); `unknown` (the row does not tell); `none`: not affected. */
  kind: 'failing' | 'dated' | 'release' | 'unknown' | 'none';
  /** The badge: "Already failing", "20 Feb 2027", "Summer ’27", "Cannot tell", "Not affected". */
  label: string;
  /** One line after it, or null. */
  detail: string | null;
  /** SLDS badge classes, written whole so the SLDS purge keeps them (as lib/readiness.ts). */
  badgeClass: string;
}

/** When a group's logins stop working, from the core's `retirement` (dates from shared/retirements.json). */
export function deadlineOf(retirement: AuditRetirement): DeadlineView {
  if (retirement.alreadyOff) {
    return {
      kind: 'failing',
      label: 'Already failing',
      // SOAP login() at API 65.0 and later is refused already; a dated flow is off from its date.
      detail: retirement.deadline ? `off since ${formatDeadline(retirement.deadline)}` : `SOAP login() is refused at ${retirement.deadlineLabel ?? 'API 65.0'} and later`,
      badgeClass: 'slds-badge slds-theme_error',
    };
  }
  if (retirement.affected === null) return { kind: 'unknown', label: 'Cannot tell', detail: 'the row does not say how it logged in', badgeClass: 'slds-badge slds-badge_lightest' };
  if (!retirement.affected || !retirement.deadlineLabel) return { kind: 'none', label: 'Not affected', detail: null, badgeClass: 'slds-badge slds-theme_success' };
  return retirement.deadline
    ? { kind: 'dated', label: retirement.deadlineLabel, detail: retirement.daysLeft !== null ? inDays(retirement.daysLeft) : null, badgeClass: 'slds-badge slds-theme_warning' }
    : { kind: 'release', label: retirement.deadlineLabel, detail: 'no date published yet', badgeClass: 'slds-badge slds-theme_warning' };
}

/** A group's identity across two audits: the same user, application and flow. */
export const groupKey = (group: Pick<AuditGroup, 'username' | 'application' | 'flow'>): string => `${group.username}\n${group.application}\n${group.flow}`;

export interface AuditFilter {
  /** '' for every flow. */
  flow: AuditFlow | '';
  /** Part of a user's name or username, any case; '' for everyone. */
  user: string;
}

/** The groups the filters let through, in the audit's order (deadline, then volume). */
export function shownGroups(groups: readonly AuditGroup[], filter: AuditFilter): AuditGroup[] {
  const needle = filter.user.trim().toLowerCase();
  return groups.filter((group) => (!filter.flow || group.flow === filter.flow) && (!needle || `${group.name}\n${group.username}`.toLowerCase().includes(needle)));
}

/** The flows present in an audit, in the filter's order. */
export function flowsIn(groups: readonly AuditGroup[]): AuditFlow[] {
  const present = new Set(groups.map((group) => group.flow));
  return AUDIT_FLOWS.filter((flow) => present.has(flow));
}

/** What a group's count did since the audit kept before: new, or up / down by how many. */
export type CountChange = { kind: 'new' } | { kind: 'same' } | { kind: 'more' | 'fewer'; by: number };

/**
 * Whether two audits can be compared group by group: both over the same number of days, and the
 * earlier one complete (a cancelled audit's counts cover only the rows it read).
 */
export const comparable = (current: LoginAudit, previous: LoginAudit | null): previous is LoginAudit =>
  !!previous && previous.complete && previous.days === current.days;

/** Each group's change against the previous audit, keyed by `groupKey`; null when the two do not compare. */
export function compareAudits(current: LoginAudit, previous: LoginAudit | null): Map<string, CountChange> | null {
  if (!comparable(current, previous)) return null;
  const before = new Map(previous.groups.map((group) => [groupKey(group), group.count]));
  const changes = new Map<string, CountChange>();
  for (const group of current.groups) {
    const key = groupKey(group);
    const was = before.get(key);
    if (was === undefined) changes.set(key, { kind: 'new' });
    else if (was === group.count) changes.set(key, { kind: 'same' });
    else changes.set(key, { kind: group.count > was ? 'more' : 'fewer', by: Math.abs(group.count - was) });
  }
  return changes;
}

/** How many groups of the previous audit the new one no longer has (nobody logged in that way since). */
export function goneSince(current: LoginAudit, previous: LoginAudit | null): number {
  if (!comparable(current, previous)) return 0;
  const now = new Set(current.groups.map(groupKey));
  return previous.groups.filter((group) => !now.has(groupKey(group))).length;
}

/** "new", "+12", "−3", or "" for the count's change note. */
export function changeText(change: CountChange | undefined): string {
  if (!change || change.kind === 'same') return '';
  if (change.kind === 'new') return 'new';
  return change.kind === 'more' ? `+${change.by}` : `−${change.by}`;
}

/** The days field: the number, or the message to show next to it (half-typed text included). */
export function checkAuditDays(raw: string): { ok: true; days: number } | { ok: false; message: string } {
  const text = raw.trim();
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const problem = auditDaysProblem(days);
  return problem ? { ok: false, message: problem } : { ok: true, days };
}
