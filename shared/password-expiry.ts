/**
 * When a password org's password expires, as read at its last test: the user's last password
 * change, the password policy that applies to the user (the profile's password policy where one
 * applies, else the org's) and the "Password Never Expires" permission. The app, `orgkey list` /
 * `show` and a test's warnings all ask here, so they say the same thing on the same day.
 *
 * Salesforce lets an expired password log in only to set a new one (`passwordExpired=true`), so an
 * integration stops the day its password runs out; the warnings come 14, 7 and 1 days ahead.
 */
import type { Notice } from './domain';
import { formatDeadline, inDays } from './retirements';

/** Days ahead of the expiry at which OrgKey warns, widest first. */
export const PASSWORD_WARNING_DAYS = [14, 7, 1] as const;
export type PasswordWarningDays = (typeof PASSWORD_WARNING_DAYS)[number];

/** The expiry periods Salesforce's password policies offer, in days; 0 is "Never expires". */
export const PASSWORD_EXPIRY_PERIODS = [0, 30, 60, 90, 180, 365] as const;

/** Salesforce's default password policy: passwords expire after 90 days. */
export const DEFAULT_PASSWORD_EXPIRY_DAYS = 90;

/** What a test read about the user's password and its policy, kept with the time it was read. */
export interface PasswordPolicyReading {
  readAt: string;
  /** The user's `LastPasswordChangeDate`; null when Salesforce has none or it could not be read. */
  lastChangedAt: string | null;
  /** The user has the "Password Never Expires" permission. */
  neverExpires: boolean;
  /** The policy's expiry period in days: 0 = never, null = the policy could not be read. */
  expiryDays: number | null;
  /** Where the answer came from: the profile's password policy, the org's, the permission, or nowhere. */
  source: 'profile' | 'org' | 'permission' | 'unknown';
  /** Why the expiry is not known, with what is known instead; set when `source` is `unknown`. */
  unknownReason?: string;
  /** `lastChangedAt` + `expiryDays`; null when the password never expires or that is not known. */
  expiresAt: string | null;
}

export type PasswordExpiryStanding =
  | { state: 'expires'; expiresAt: string; daysLeft: number; warnAt: PasswordWarningDays | null }
  | { state: 'expired'; expiresAt: string }
  | { state: 'never' }
  | { state: 'unknown'; reason: string }
  | { state: 'not-read' };

const DAY_MS = 86_400_000;

/**
 * When a password changed at `lastChangedAt` expires under a policy of `expiryDays`; null for never.
 * Counted to the moment of the change; whether Salesforce counts whole days instead is UNCONFIRMED.
 */
export function passwordExpiresAt(lastChangedAt: string, expiryDays: number): string | null {
  if (expiryDays <= 0) return null;
  return new Date(Date.parse(lastChangedAt) + expiryDays * DAY_MS).toISOString();
}

/**
 * How the password stands on `now`. `daysLeft` counts a part day whole (expiring at noon tomorrow
 * is 1 day left), and `warnAt` is the narrowest warning step it is within: 14, 7 or 1.
 */
export function passwordExpiryStanding(reading: PasswordPolicyReading | undefined, now: Date): PasswordExpiryStanding {
  if (!reading) return { state: 'not-read' };
  if (reading.neverExpires || reading.expiryDays === 0) return { state: 'never' };
  if (!reading.expiresAt) return { state: 'unknown', reason: reading.unknownReason ?? 'OrgKey could not read the password policy.' };
  const left = Date.parse(reading.expiresAt) - now.getTime();
  if (left <= 0) return { state: 'expired', expiresAt: reading.expiresAt };
  const daysLeft = Math.ceil(left / DAY_MS);
  const warnAt = [...PASSWORD_WARNING_DAYS].reverse().find((step) => daysLeft <= step) ?? null;
  return { state: 'expires', expiresAt: reading.expiresAt, daysLeft, warnAt };
}

/** The standing in a few words, for the list, the detail and `orgkey list`. */
export function passwordExpiryText(standing: PasswordExpiryStanding): string {
  switch (standing.state) {
    case 'expires':
      return `expires ${inDays(standing.daysLeft)}`;
    case 'expired':
      return `expired on ${formatDeadline(standing.expiresAt.slice(0, 10))}`;
    case 'never':
      return 'never expires';
    case 'unknown':
      return 'unknown';
    case 'not-read':
      return 'not read yet';
  }
}

/** Where the period came from, in Setup's words, to follow "under". */
export function policySourceText(reading: PasswordPolicyReading): string {
  if (reading.source === 'permission') return 'the “Password Never Expires” permission';
  const period = reading.expiryDays === 0 ? 'never expires' : `${reading.expiryDays} days`;
  return reading.source === 'profile' ? `the profile’s password policy (${period})` : `the org’s password policy (${period})`;
}

const CHANGE =
  'Change the password in Salesforce, then give it to OrgKey (Change password), or give the integration user the “Password Never Expires” permission (Setup › Permission Sets › System Permissions).';

/** The test warning within 14 days of the expiry (or past it); null otherwise. */
export function passwordExpiryNotice(reading: PasswordPolicyReading | undefined, now: Date): Notice | null {
  const standing = passwordExpiryStanding(reading, now);
  if (standing.state === 'expired') {
    return {
      code: 'PASSWORD_EXPIRES_SOON',
      message: `By the password policy, the password expired on ${formatDeadline(standing.expiresAt.slice(0, 10))}: Salesforce may refuse the next login. ${CHANGE}`,
    };
  }
  if (standing.state !== 'expires' || standing.warnAt === null) return null;
  return {
    code: 'PASSWORD_EXPIRES_SOON',
    message: `The password expires on ${formatDeadline(standing.expiresAt.slice(0, 10))} (${inDays(standing.daysLeft)}) under ${policySourceText(reading!)}; then logins stop until it is changed. ${CHANGE}`,
  };
}
