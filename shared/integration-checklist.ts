/**
 * The integration-user checklist: how the user a password org logs in as is set up for unattended
 * logins, as read from the org at the last test, and what to change in Setup. The detail view and
 * `orgkey show` both ask here, so they say the same thing.
 *
 * The reads are the running user's effective permissions (`UserPermissionAccess`: profile and
 * permission sets together); whether SOAP login() is allowed in the org comes from the login itself.
 */
import type { SoapLoginSeen } from './domain';

/** What a test read about the user's permissions; null: not read (see `unreadReason`). */
export interface IntegrationUserReading {
  readAt: string;
  /** "API Only User": no browser logins, so the password is not typed, phished or expired by a person. */
  apiOnly: boolean | null;
  /** "Password Never Expires". */
  passwordNeverExpires: boolean | null;
  /** "API Enabled": without it no API call works. */
  apiEnabled: boolean | null;
  /** "Use Any API Auth": SOAP login() requires it in orgs that enforce it. */
  useAnyApiAuth: boolean | null;
  /** "Multi-Factor Authentication for API Logins": API logins then need a code from an authenticator app. */
  mfaForApi: boolean | null;
  /** Why some permissions could not be read (Salesforce's refusal, in words). */
  unreadReason?: string;
}

export const CHECKLIST_ITEMS = ['api-only', 'password-never-expires', 'api-enabled', 'soap-login', 'mfa-for-api'] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number];

/** One line of the checklist: `ok` as an integration user wants it, `change` with what to do, `unknown` not read. */
export interface ChecklistLine {
  id: ChecklistItemId;
  label: string;
  state: 'ok' | 'change' | 'unknown';
  /** What the org said, in words. */
  seen: string;
  /** What to change, in Setup's words; absent when nothing is to be changed. */
  change?: string;
}

const PERMISSION_PLACE = 'Setup › Permission Sets, or the user’s profile › System Permissions';

function unknown(id: ChecklistItemId, label: string, reason: string | undefined): ChecklistLine {
  return { id, label, state: 'unknown', seen: reason ? `Not read: ${reason}` : 'Not read at the last test.' };
}

/**
 * The line of a permission read as yes / no / not read: `wanted` is the answer an integration user
 * should have; the other one asks for `change`.
 */
function permissionLine(
  id: ChecklistItemId,
  label: string,
  value: boolean | null,
  why: string | undefined,
  wanted: boolean,
  words: { ok: string; change: string; what: string },
): ChecklistLine {
  if (value === null) return unknown(id, label, why);
  return value === wanted ? { id, label, state: 'ok', seen: words.ok } : { id, label, state: 'change', seen: words.change, change: words.what };
}

/**
 * The checklist for a password org, from its last reading and what SOAP login() last said; null
 * before a test has read it.
 */
export function integrationChecklist(reading: IntegrationUserReading | undefined, org: { soapLogin?: SoapLoginSeen | undefined; clientId?: string | undefined }): ChecklistLine[] | null {
  if (!reading) return null;
  const why = reading.unreadReason;
  const lines: ChecklistLine[] = [];

  lines.push(
    permissionLine('api-only', 'API Only user', reading.apiOnly, why, true, {
      ok: 'The user has “API Only User”: it cannot log in to the Salesforce pages, only to the API.',
      change: 'The user can also log in to the Salesforce pages.',
      what: `Give it “API Only User” (${PERMISSION_PLACE}), so nobody uses this login in a browser.`,
    }),
    permissionLine('password-never-expires', 'Password Never Expires', reading.passwordNeverExpires, why, true, {
      ok: 'The user has “Password Never Expires”: the password policy does not expire it.',
      change: 'The password expires by the password policy, and the integration stops on that day.',
      what: `Give the user “Password Never Expires” (${PERMISSION_PLACE}), or change the password before it expires.`,
    }),
  );

  const apiLabel = 'API Enabled / Use Any API Auth';
  if (reading.apiEnabled === null) lines.push(unknown('api-enabled', apiLabel, why));
  else if (!reading.apiEnabled) {
    lines.push({ id: 'api-enabled', label: apiLabel, state: 'change', seen: 'The user lacks “API Enabled”: no API call works.', change: `Give it “API Enabled” (${PERMISSION_PLACE}).` });
  } else if (reading.useAnyApiAuth === false && !org.clientId) {
    lines.push({
      id: 'api-enabled',
      label: apiLabel,
      state: 'change',
      seen: 'The user has “API Enabled” but not “Use Any API Auth”, which SOAP login() requires where the org enforces it.',
      change: `Give it “Use Any API Auth” (${PERMISSION_PLACE}).`,
    });
  } else {
    const auth = reading.useAnyApiAuth === null ? ' (“Use Any API Auth” was not read)' : reading.useAnyApiAuth ? ' and “Use Any API Auth”' : '';
    lines.push({ id: 'api-enabled', label: apiLabel, state: 'ok', seen: `The user has “API Enabled”${auth}.` });
  }

  const soapLabel = 'SOAP login() allowed in the org';
  if (org.clientId) {
    lines.push({ id: 'soap-login', label: soapLabel, state: 'ok', seen: 'Not used: this org logs in with a connected app’s OAuth username-password flow.' });
  } else if (!org.soapLogin) {
    lines.push(unknown('soap-login', soapLabel, 'no SOAP login() has been tried yet.'));
  } else if (org.soapLogin.allowed) {
    lines.push({ id: 'soap-login', label: soapLabel, state: 'ok', seen: 'SOAP login() worked at the last test. Salesforce retires it in Summer ’27: plan a move to another login method.' });
  } else {
    lines.push({
      id: 'soap-login',
      label: soapLabel,
      state: 'change',
      seen: 'The org refused SOAP login().',
      change: 'Turn on “Enable SOAP API login()” (Setup › User Interface), or switch the org to browser login, client credentials or JWT.',
    });
  }

  lines.push(
    permissionLine('mfa-for-api', 'MFA for API logins', reading.mfaForApi, why, false, {
      ok: 'API logins need no authenticator code.',
      change: 'The user has “Multi-Factor Authentication for API Logins”: each API login needs a code from an authenticator app, which an unattended integration cannot give.',
      what: `Take “Multi-Factor Authentication for API Logins” away from this user (${PERMISSION_PLACE}), or move the integration to client credentials or JWT.`,
    }),
  );
  return lines;
}
