/**
 * The reasons OrgKey tells the admin about an org on its own, each read from what the org's record
 * already holds (its last test, password policy, certificate, login method, sandbox refresh) and
 * the clock — so a scheduled run, any test, or the clock alone can start or clear a cause.
 *
 * One notification per cause: the org's record remembers the causes told (`notified`); a cause that
 * clears is forgotten, so it is told again if it comes back. A cause switched off in the preferences
 * is neither told nor remembered.
 */
import { certificateNotice } from '../../../shared/certificates';
import { loginMethodOf } from '../../../shared/login-methods';
import { NOTIFICATION_CAUSES, RETIREMENT_NOTICE_DAYS, type DesktopNotification, type NotificationCause, type NotificationSwitches } from '../../../shared/notifications';
import { passwordExpiryNotice } from '../../../shared/password-expiry';
import { inDays, loginFlowInfo, retirementStatus } from '../../../shared/retirements';
import { reachedNoVerdict } from '../connection/diagnosis';
import type { OrgRecord } from '../settings/schema';

/** A notification's title after the org's name. */
const TITLES: Record<NotificationCause, string> = {
  'login-failing': 'login failing',
  'password-expiring': 'password expiring',
  'refresh-token-revoked': 'sign in again',
  'certificate-expiring': 'certificate expiring',
  'retirement-near': 'login method retiring',
  'sandbox-refreshed': 'sandbox refreshed',
};

/** A browser sign-in Salesforce no longer honours: its refresh token was revoked or expired. */
const SIGN_IN_GONE = new Set(['OAUTH_SIGN_IN_AGAIN']);

/** Each cause: the notification's body while it holds for the org, null when it does not. */
const CAUSES: Record<NotificationCause, (record: OrgRecord, now: Date) => string | null> = {
  'login-failing': ({ lastTest }) => {
    const failure = lastTest && !lastTest.ok ? lastTest.failure : undefined;
    // The network says nothing about the login; a revoked sign-in has a cause of its own.
    if (!failure || reachedNoVerdict(failure.code) || SIGN_IN_GONE.has(failure.code)) return null;
    return `The last check failed: ${failure.message}`;
  },
  'password-expiring': (record, now) => (loginMethodOf(record).usesPassword ? (passwordExpiryNotice(record.passwordPolicy, now)?.message ?? null) : null),
  'refresh-token-revoked': ({ lastTest }) => {
    const failure = lastTest && !lastTest.ok ? lastTest.failure : undefined;
    return failure && SIGN_IN_GONE.has(failure.code) ? failure.message : null;
  },
  'certificate-expiring': (record, now) => (record.auth === 'jwt' ? (certificateNotice(record.certificate, now)?.message ?? null) : null),
  'retirement-near': (record, now) => {
    const status = retirementStatus(record, now);
    if (!status.affected || status.daysLeft === null || status.daysLeft > RETIREMENT_NOTICE_DAYS) return null;
    const name = loginFlowInfo(status.flow).name;
    return status.daysLeft === 0
      ? `Salesforce retired the ${name} this org logs in with on ${status.deadlineLabel}. Switch the org to another login method.`
      : `Salesforce retires the ${name} this org logs in with on ${status.deadlineLabel} (${inDays(status.daysLeft)}). Switch the org to another login method.`;
  },
  'sandbox-refreshed': ({ sandboxRefresh }) =>
    sandboxRefresh && !sandboxRefresh.confirmedAt
      ? `The sandbox was refreshed: it is a new org (${sandboxRefresh.toOrgId}, was ${sandboxRefresh.fromOrgId}). Check its password, sign-ins and exports, then confirm it in OrgKey.`
      : null,
};

/** The causes that hold for the org now, with each one's words. */
export function activeCauses(record: OrgRecord, now: Date): Map<NotificationCause, string> {
  const active = new Map<NotificationCause, string>();
  for (const cause of NOTIFICATION_CAUSES) {
    const body = CAUSES[cause](record, now);
    if (body !== null) active.set(cause, body);
  }
  return active;
}

/**
 * What to tell about the org now, and the causes to remember as told: each cause that holds, is
 * switched on and was not told before is told once; a cause that no longer holds is forgotten.
 */
export function causesToTell(record: OrgRecord, switches: NotificationSwitches, now: Date): { tell: DesktopNotification[]; notified: NotificationCause[] } {
  const told = new Set(record.notified ?? []);
  const tell: DesktopNotification[] = [];
  const notified: NotificationCause[] = [];
  for (const [cause, body] of activeCauses(record, now)) {
    if (!switches[cause]) continue;
    notified.push(cause);
    if (!told.has(cause)) tell.push({ title: `${record.alias}: ${TITLES[cause]}`, body, orgId: record.id, cause });
  }
  return { tell, notified };
}
