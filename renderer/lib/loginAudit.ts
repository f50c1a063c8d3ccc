/**
 * The audit of an org's logins (its Login History, grouped by user, application and flow) as the
 * detail's *Audit logins* section shows it: each flow in plain words, when each group stops working
 * and the badge for it, the order (deadline, then volume), the filters, and what changed since the
 * audit kept before. Pure functions of the core's `LoginAudit`; the dates come from
 * shared/retirements.ts, as the readiness badges' do.
 */
import type { AuthMethod } from '../../shared/domain';
import { formatDeadline, nearestFirst, type Retirement } from '../../shared/retirements';
import { LOGIN_METHODS } from '../../shared/login-methods';

// The core's answer, as far as this file reads it (the contract is the core's).
export type AuditFlow = 'soap' | 'oauth-password' | 'web-server' | 'refresh-token' | 'client-credentials' | 'jwt' | 'ui' | 'other';
export interface LoginAuditGroup {
  username: string;
  name: string;
  application: string;
  flow: AuditFlow;
  apiVersions: string[];
  count: number;
  retirement: { affected: boolean; deadline: string | null; deadlineLabel: string | null; daysLeft: number | null } | null;
}
export interface LoginAudit {
  days: number;
  groups: LoginAuditGroup[];
}

/** The flows in the order the filter offers them, with their names in plain words. */
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

export const AUDIT_FLOWS = Object.keys(AUDIT_FLOW_LABELS) as AuditFlow[];

/**
 * SOAP login() is already gone from API 65.0 on (Salesforce Help 005132110: "unavailable in API
 * version 65.0 and later"), so a SOAP group that logs in at 65.0 or later fails today.
 */
export const SOAP_LOGIN_LAST_VERSION = 64;

/** A fixed point to measure a retirement's place in time from: `nearestFirst(x, EPOCH)` is x's day. */
const EPOCH: Retirement = { deadline: '1970-01-01', release: 'Winter ’70', detail: '', sources: [] };

/** When a group stops working, as the table's *Stops working* cell shows it. */
export interface DeadlineView {
  /** `failing`: already fails (SOAP at API ≥ 65, or a date that has passed); `dated`, `release`; `none`: not affected. */
  kind: 'failing' | 'dated' | 'release' | 'none';
  /** The badge: "20 Feb 2027", "Summer ’27", "Already failing", "Not affected". */
  label: string;
  /** One line under it, or null. */
  detail: string | null;
  /** SLDS badge classes, written whole so the SLDS purge keeps them (as lib/readiness.ts). */
  badgeClass: string;
  /** For sorting: smaller is sooner. */
  rank: number;
  /** For the CSV-like compact form and tests: "2027-02-20", "Summer ’27", "failing", "". */
  key: string;
}

/** The highest API version in a group's list ("64.0", "65.0"), or null when none is known. */
export function highestApiVersion(versions: readonly string[]): number | null {
  let highest: number | null = null;
  for (const version of versions) {
    const value = Number.parseFloat(version);
    if (Number.isFinite(value) && (highest === null || value > highest)) highest = value;
  }
  return highest;
}

/**
 * When a group stops working. The core's `retirement` says which retirement applies and its date;
 * the page adds what only the rows say: a SOAP group at API 65.0 or later already fails.
 */
export function deadlineOf(group: Pick<LoginAuditGroup, 'flow' | 'apiVersions' | 'retirement'>): DeadlineView {
  const { retirement } = group;
  const highest = highestApiVersion(group.apiVersions);
  if (group.flow === 'soap' && highest !== null && highest > SOAP_LOGIN_LAST_VERSION) {
    return {
      kind: 'failing',
      label: 'Already failing',
      detail: `at API ${highest.toFixed(1)}: SOAP login() is gone from API 65.0`,
      badgeClass: 'slds-badge slds-theme_error',
      rank: Number.NEGATIVE_INFINITY,
      key: 'failing',
    };
  }
  if (!retirement?.affected || !retirement.deadlineLabel) {
    return { kind: 'none', label: 'Not affected', detail: null, badgeClass: 'slds-badge slds-theme_success', rank: Number.POSITIVE_INFINITY, key: '' };
  }
  if (retirement.deadline && retirement.daysLeft === 0) {
    return {
      kind: 'failing',
      label: 'Already failing',
      detail: `off since ${formatDeadline(retirement.deadline)}`,
      badgeClass: 'slds-badge slds-theme_error',
      rank: Number.NEGATIVE_INFINITY,
      key: 'failing',
    };
  }
  // In the shared order: the date, or roughly when the release arrives (days from the epoch).
  const rank = nearestFirst({ deadline: retirement.deadline, release: retirement.deadlineLabel, detail: '', sources: [] }, EPOCH);
  return retirement.deadline
    ? {
        kind: 'dated',
        label: formatDeadline(retirement.deadline),
        detail: retirement.daysLeft !== null ? (retirement.daysLeft === 1 ? 'in 1 day' : `in ${retirement.daysLeft} days`) : null,
        badgeClass: 'slds-badge slds-theme_warning',
        rank,
        key: retirement.deadline,
      }
    : { kind: 'release', label: retirement.deadlineLabel, detail: 'no date published yet', badgeClass: 'slds-badge slds-theme_warning', rank, key: retirement.deadlineLabel };
}


/** A group's identity across two audits: the same user, application and flow. */
export const groupKey = (group: Pick<LoginAuditGroup, 'username' | 'application' | 'flow'>): string => `${group.username}\n${group.application}\n${group.flow}`;

/** Sooner deadline first (already failing first, not affected last), then more logins first, then by user. */
export function byDeadlineThenVolume(a: LoginAuditGroup, b: LoginAuditGroup): number {
  return deadlineOf(a).rank - deadlineOf(b).rank || b.count - a.count || a.username.localeCompare(b.username) || a.application.localeCompare(b.application);
}

export interface AuditFilter {
  /** '' for every flow. */
  flow: AuditFlow | '';
  /** Part of a user's name or username, any case; '' for everyone. */
  user: string;
}

/** The groups the filters let through, sorted by deadline then volume. */
export function shownGroups(groups: readonly LoginAuditGroup[], filter: AuditFilter): LoginAuditGroup[] {
  const needle = filter.user.trim().toLowerCase();
  return groups
    .filter((group) => (!filter.flow || group.flow === filter.flow) && (!needle || `${group.name}\n${group.username}`.toLowerCase().includes(needle)))
    .sort(byDeadlineThenVolume);
}

/** The flows present in an audit, in the filter's order. */
export function flowsIn(groups: readonly LoginAuditGroup[]): AuditFlow[] {
  const present = new Set(groups.map((group) => group.flow));
  return AUDIT_FLOWS.filter((flow) => present.has(flow));
}

/** A flow in plain words, e.g. "SOAP login()"; an unknown value reads as "Other". */
export function plainFlow(flow: AuditFlow): string {
  return AUDIT_FLOW_LABELS[flow] ?? AUDIT_FLOW_LABELS.other;
}

/** What a group's count did since the audit kept before: new, or up / down by how many. */
export type CountChange = { kind: 'new' } | { kind: 'same' } | { kind: 'more' | 'fewer'; by: number };

/**
 * Each group's change against the previous audit, keyed by `groupKey`; none when there is no
 * previous audit or the two cover a different number of days (their counts do not compare).
 */
export function compareAudits(current: LoginAudit, previous: LoginAudit | null): Map<string, CountChange> | null {
  if (!previous || previous.days !== current.days) return null;
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

/** Groups in the previous audit that the new one no longer has (nobody logged in that way since). */
export function goneSince(current: LoginAudit, previous: LoginAudit | null): number {
  if (!previous || previous.days !== current.days) return 0;
  const now = new Set(current.groups.map(groupKey));
  return previous.groups.filter((group) => !now.has(groupKey(group))).length;
}

/** "new", "+12", "−3", "" for the table's change note. */
export function changeText(change: CountChange | undefined): string {
  if (!change || change.kind === 'same') return '';
  if (change.kind === 'new') return 'new';
  return change.kind === 'more' ? `+${change.by}` : `−${change.by}`;
}

/** The *Move to* cell: the OrgKey login method that fits, in words, or null when none is needed or fits. */
export function moveToLabel(moveTo: AuthMethod | null): string | null {
  return moveTo ? LOGIN_METHODS[moveTo].label : null;
}

/** The smallest and largest number of days an audit may cover: Salesforce keeps six months of Login History. */
export const AUDIT_DAYS = { min: 1, max: 180, default: 30 } as const;

/** The days field checked: a whole number from 1 to 180, or the message to show next to it. */
export function checkAuditDays(raw: string): { ok: true; days: number } | { ok: false; message: string } {
  const text = raw.trim();
  if (!text) return { ok: false, message: `Enter how many days to read, from ${AUDIT_DAYS.min} to ${AUDIT_DAYS.max}.` };
  if (!/^\d+$/.test(text)) return { ok: false, message: `Enter a whole number of days, from ${AUDIT_DAYS.min} to ${AUDIT_DAYS.max}.` };
  const days = Number(text);
  if (days < AUDIT_DAYS.min) return { ok: false, message: `Read at least ${AUDIT_DAYS.min} day.` };
  if (days > AUDIT_DAYS.max) return { ok: false, message: `Salesforce keeps Login History for 6 months: enter ${AUDIT_DAYS.max} days or fewer.` };
  return { ok: true, days };
}
