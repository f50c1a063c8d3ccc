/**
 * What a scheduled check may do. Nobody watches it, so it is more careful than a test the admin
 * starts: it never confirms past the lockout guard, never retries, and does not log in at all for an
 * org whose last failure only a person can fix — it reports it instead, until that person acts.
 */
import type { TestFailureCode } from '../../../shared/domain';
import { loginMethodOf } from '../../../shared/login-methods';
import { countsTowardLockout } from '../connection/diagnosis';
import type { OrgRecord } from '../settings/schema';

/**
 * Failures only a person can fix that are not Salesforce's answer to a wrong password: an expired
 * password (Salesforce lets it do nothing until it is changed) and a browser sign-in that was
 * revoked, expired or never made.
 */
const NEEDS_PERSON_BESIDES_PASSWORD = new Set<TestFailureCode>(['PASSWORD_EXPIRED', 'OAUTH_SIGN_IN_AGAIN', 'NOT_SIGNED_IN']);

/**
 * Whether a failure needs a person before another login: Salesforce's answer to a wrong
 * password or token, or a locked-out user (these count toward its lockout, for a method that sends
 * a user's password), and the failures above.
 */
export function failureNeedsPerson(record: Pick<OrgRecord, 'auth' | 'clientId'>, code: TestFailureCode): boolean {
  return NEEDS_PERSON_BESIDES_PASSWORD.has(code) || (loginMethodOf(record).lockoutRisk && countsTowardLockout(code));
}

/**
 * Whether the org's last test failed in a way only a person can fix, and nobody has acted since:
 * a new password or token, a new sign-in or any edit of the org (all after that test) lets the
 * scheduled checks log in again.
 */
export function needsPerson(record: OrgRecord): boolean {
  const last = record.lastTest;
  const code = last && !last.ok ? last.failure?.code : undefined;
  if (!code || !failureNeedsPerson(record, code)) return false;
  const testedAt = Date.parse(last!.testedAt);
  return ![record.passwordUpdatedAt, record.tokenUpdatedAt, record.signedInAt, record.updatedAt].some((at) => !!at && Date.parse(at) > testedAt);
}
