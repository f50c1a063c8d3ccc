/**
 * Login History rows folded into groups (user + application + flow) as they arrive, page by page.
 * Memory does not grow with the rows: each group holds counters, two times, and at most
 * `AUDIT_REMEMBERED` API versions and source addresses; a row is dropped once it is counted.
 */
import { AUDIT_LISTED, type AuditFlow, type AuditGroup } from '../../../shared/login-audit';
import { auditRetirement, byDeadlineThenVolume, classifyLogin, dataLoaderMode, moveToFor, PERSON_FLOWS, soapLoginRemoved, textOf } from './classify';

/** Distinct values a group remembers per set; past that, new values are not counted in "+N more". */
export const AUDIT_REMEMBERED = 100;

/** Distinct values, at most `remembered` of them: the first `listed` are shown, the rest counted. */
export class BoundedSet {
  private readonly values = new Set<string>();

  constructor(
    private readonly listed = AUDIT_LISTED,
    private readonly remembered = AUDIT_REMEMBERED,
  ) {}

  add(value: string | null): void {
    if (value !== null && this.values.size < this.remembered) this.values.add(value);
  }

  /** The first `listed` values seen, in `order`. */
  shown(order: (a: string, b: string) => number): string[] {
    return [...this.values].slice(0, this.listed).sort(order);
  }

  /** How many more were seen (up to `remembered` in all). */
  get more(): number {
    return Math.max(0, this.values.size - this.listed);
  }

  get size(): number {
    return this.values.size;
  }
}

const byVersion = (a: string, b: string) => Number.parseFloat(a) - Number.parseFloat(b) || a.localeCompare(b);
const byText = (a: string, b: string) => a.localeCompare(b);

interface GroupState {
  userId: string;
  application: string;
  flow: AuditFlow;
  soapRemoved: boolean;
  loginType: string | null;
  loginSubType: string | null;
  apiType: string | null;
  count: number;
  failures: number;
  first: number;
  last: number;
  apiVersions: BoundedSet;
  sourceIps: BoundedSet;
}

/** A user as the audit names them. */
export interface AuditUser {
  username: string;
  name: string;
}

/** The fields the audit reads from each Login History row. */
export const LOGIN_HISTORY_FIELDS = ['UserId', 'LoginTime', 'LoginType', 'LoginSubType', 'Application', 'ApiType', 'ApiVersion', 'Status', 'SourceIp'] as const;

export class LoginAggregator {
  private readonly groups = new Map<string, GroupState>();
  /** Rows counted. */
  rows = 0;

  add(row: Record<string, unknown>): void {
    const userId = textOf(row.UserId) ?? '';
    const at = Date.parse(String(row.LoginTime ?? ''));
    const flow = classifyLogin(row);
    const application = textOf(row.Application) ?? '';
    // SOAP login() at API 65.0 or later fails already: a group of its own, with its own deadline.
    const soapRemoved = flow === 'soap' && soapLoginRemoved(row.ApiVersion);
    const key = `${userId}\u0000${application}\u0000${flow}\u0000${soapRemoved ? 1 : 0}`;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        userId,
        application,
        flow,
        soapRemoved,
        loginType: textOf(row.LoginType),
        loginSubType: textOf(row.LoginSubType),
        apiType: textOf(row.ApiType),
        count: 0,
        failures: 0,
        first: Number.POSITIVE_INFINITY,
        last: Number.NEGATIVE_INFINITY,
        apiVersions: new BoundedSet(),
        sourceIps: new BoundedSet(),
      };
      this.groups.set(key, group);
    }
    this.rows += 1;
    group.count += 1;
    if (textOf(row.Status)?.toLowerCase() !== 'success') group.failures += 1;
    if (Number.isFinite(at)) {
      group.first = Math.min(group.first, at);
      group.last = Math.max(group.last, at);
    }
    group.apiVersions.add(textOf(row.ApiVersion));
    group.sourceIps.add(textOf(row.SourceIp));
  }

  /** Every user id seen, to read their names. */
  userIds(): string[] {
    return [...new Set([...this.groups.values()].map((group) => group.userId).filter(Boolean))];
  }

  /** The groups, named, with their retirement and where to move them, by deadline then volume. */
  result(users: ReadonlyMap<string, AuditUser>, now: Date): AuditGroup[] {
    // Someone who also signs in on the login page or in a browser is a person, not a program.
    const people = new Set([...this.groups.values()].filter((group) => PERSON_FLOWS.has(group.flow)).map((group) => group.userId));
    const time = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');
    const groups = [...this.groups.values()].map((group): AuditGroup => {
      const user = users.get(group.userId);
      const mode = dataLoaderMode(group.application);
      const person = mode === 'window' || (mode === null && people.has(group.userId));
      return {
        username: user?.username ?? group.userId,
        name: user?.name ?? '',
        application: group.application,
        flow: group.flow,
        loginType: group.loginType,
        loginSubType: group.loginSubType,
        apiType: group.apiType,
        apiVersions: group.apiVersions.shown(byVersion),
        apiVersionsMore: group.apiVersions.more,
        sourceIps: group.sourceIps.shown(byText),
        sourceIpsMore: group.sourceIps.more,
        count: group.count,
        failures: group.failures,
        firstSeen: time(group.first),
        lastSeen: time(group.last),
        retirement: auditRetirement(group.flow, now, { soapRemoved: group.soapRemoved }),
        moveTo: moveToFor(group.flow, person),
      };
    });
    return groups.sort(byDeadlineThenVolume);
  }
}
