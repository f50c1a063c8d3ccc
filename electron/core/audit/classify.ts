/**
 * How a Login History row authenticated, when that way stops working, and which OrgKey login method
 * holds it without a password.
 *
 * The values, and which of them are confirmed, are e2e/fake-org/README.md's table "Login history
 * rows" (the fake org writes the same). In short:
 * - `LoginType` `Remote Access 2.0` for every OAuth flow, `Other Apex API` for SOAP login(),
 *   `Application` for the login page: CONFIRMED (the LoginType picklist; public LoginHistory records).
 *   `Partner Product`, written for some partner clients' SOAP logins: CONFIRMED as a value, UNCONFIRMED
 *   which clients; read as SOAP.
 * - `LoginSubType` `OAuth Username-Password`, `OAuth Web Server`, `OAuth Client Credential`,
 *   `UI Username-Password`: CONFIRMED as the login event's picklist labels (Help 005461976 names the
 *   first for Login History), INFERRED to be LoginHistory's too. `OAuth Refresh Token`: a secondary
 *   source. `OAuth JWT Bearer`: UNCONFIRMED (no published value), so any subtype naming JWT counts.
 * - SOAP rows have no subtype (INFERRED), `ApiType` `SOAP Partner` / `SOAP Enterprise` (CONFIRMED)
 *   and `ApiVersion` the login URL's version (INFERRED). Salesforce refuses SOAP login() from API
 *   65.0 on (`INVALID_OPERATION`), so such rows are logins that fail already.
 * Anything else — another LoginType (SAML, portals), a subtype Salesforce adds later — is `other`:
 * reported as it is, never guessed into a flow.
 */
import type { AuditFlow, AuditGroup, AuditRetirement } from '../../../shared/login-audit';
import { flowRetirementStatus, loginFlowInfo, nearestFirst, type LoginFlow } from '../../../shared/retirements';

/** The Login History fields the classifier reads (as Salesforce sends them; any may be null). */
export interface LoginRowValues {
  LoginType?: unknown;
  LoginSubType?: unknown;
  Application?: unknown;
  ApiType?: unknown;
  ApiVersion?: unknown;
}

/** A field as text: trimmed, with Salesforce's `N/A` and blanks as null. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' || text.toUpperCase() === 'N/A' ? null : text;
}

/** `LoginSubType` labels, lower case, and the flow each one is. */
const SUBTYPES: ReadonlyMap<string, AuditFlow> = new Map([
  ['oauth username-password', 'oauth-password'],
  ['oauth web server', 'web-server'],
  ['oauth refresh token', 'refresh-token'],
  ['oauth client credential', 'client-credentials'],
  ['oauth client credentials', 'client-credentials'],
  ['oauth jwt bearer', 'jwt'],
  ['ui username-password', 'ui'],
]);

/** `LoginType` labels of SOAP API logins (`Other Apex API`; `Partner Product` for some partner clients). */
const SOAP_LOGIN_TYPES: ReadonlySet<string> = new Set(['other apex api', 'partner product']);

export function classifyLogin(row: LoginRowValues): AuditFlow {
  const type = textOf(row.LoginType)?.toLowerCase() ?? null;
  const subtype = textOf(row.LoginSubType)?.toLowerCase() ?? null;
  const apiType = textOf(row.ApiType)?.toLowerCase() ?? null;
  if (subtype !== null) {
    const known = SUBTYPES.get(subtype);
    if (known) return known;
    // No JWT label is published; one that names the flow is taken at its word.
    if (type === 'remote access 2.0' && /\bjwt\b/.test(subtype)) return 'jwt';
    return 'other';
  }
  if (type !== null && SOAP_LOGIN_TYPES.has(type)) return 'soap';
  // A SOAP API login under a LoginType not listed: the API type says it.
  if (apiType?.startsWith('soap ') && type !== 'remote access 2.0') return 'soap';
  return 'other';
}

/** The first API version that has no SOAP login(): Salesforce answers it with INVALID_OPERATION. */
export const SOAP_LOGIN_REMOVED_IN = 65;

/** Whether a SOAP row's API version is one where login() is gone already. */
export function soapLoginRemoved(apiVersion: unknown): boolean {
  const version = Number.parseFloat(textOf(apiVersion) ?? '');
  return Number.isFinite(version) && version >= SOAP_LOGIN_REMOVED_IN;
}

/** The Salesforce flow whose retirement applies to each audit flow; null for none of OrgKey's. */
const RETIREMENT_FLOW: Record<AuditFlow, LoginFlow | null> = {
  soap: 'soap',
  'oauth-password': 'oauth-password',
  // A refresh token comes from a sign-in in the browser (web-server or user-agent flow): not retired.
  'web-server': 'browser',
  'refresh-token': 'browser',
  'client-credentials': 'client-credentials',
  jwt: 'jwt',
  ui: null,
  other: null,
};

/** When a group's logins stop working, as of `now`. */
export function auditRetirement(flow: AuditFlow, now: Date, options: { soapRemoved?: boolean } = {}): AuditRetirement {
  const salesforceFlow = RETIREMENT_FLOW[flow];
  if (salesforceFlow === null) {
    // The login page is no password flow of the API; `other` cannot be told, so it is not called safe.
    return { flow: null, affected: flow === 'ui' ? false : null, deadline: null, deadlineLabel: null, daysLeft: null, alreadyOff: false };
  }
  const status = flowRetirementStatus(salesforceFlow, now);
  if (flow === 'soap' && options.soapRemoved) return { ...status, deadline: null, deadlineLabel: `API ${SOAP_LOGIN_REMOVED_IN}.0`, daysLeft: null, alreadyOff: true };
  return { ...status, alreadyOff: status.deadline !== null && status.daysLeft === 0 };
}

/**
 * The OrgKey login method to move a group to. A person (someone who also signs in on the login page
 * or in a browser, or Data Loader's window) → browser login; a program logging in by password →
 * client credentials (JWT bearer fits too when it must act as a named user: the README says when).
 * Flows that are not retired map to the OrgKey method that holds them; `other` to none.
 */
export function moveToFor(flow: AuditFlow, person: boolean): AuditGroup['moveTo'] {
  switch (flow) {
    case 'soap':
    case 'oauth-password':
      return person ? 'browser' : 'client-credentials';
    case 'web-server':
    case 'refresh-token':
    case 'ui':
      return 'browser';
    case 'client-credentials':
      return 'client-credentials';
    case 'jwt':
      return 'jwt';
    case 'other':
      return null;
  }
}

/** Data Loader names its window and its batch mode in `Application` (`DataLoaderPartnerUI/…`, `DataLoaderBulkBatch/…`). */
export function dataLoaderMode(application: string): 'window' | 'batch' | null {
  const match = /^DataLoader\w*?(UI|Batch)\b/i.exec(application);
  if (!match) return null;
  return match[1]!.toLowerCase() === 'ui' ? 'window' : 'batch';
}

/** Flows only a person at a browser produces. */
export const PERSON_FLOWS: ReadonlySet<AuditFlow> = new Set(['ui', 'web-server']);

/**
 * Deadline, then volume: logins that fail already first, then the nearest retirement (a date, or a
 * release's rough month), then `other` (which may be affected), then flows not affected; within one
 * deadline the most logins first, then by username and application so the order is stable.
 */
export function byDeadlineThenVolume(a: AuditGroup, b: AuditGroup): number {
  const tier = (group: AuditGroup) => (group.retirement.alreadyOff ? 0 : group.retirement.affected === true ? 1 : group.retirement.affected === null ? 2 : 3);
  const retirementOf = (group: AuditGroup) => (group.retirement.flow ? loginFlowInfo(group.retirement.flow).retirement : null);
  return (
    tier(a) - tier(b) ||
    (tier(a) === 1 ? nearestFirst(retirementOf(a), retirementOf(b)) : 0) ||
    b.count - a.count ||
    a.username.localeCompare(b.username) ||
    a.application.localeCompare(b.application) ||
    a.flow.localeCompare(b.flow)
  );
}
