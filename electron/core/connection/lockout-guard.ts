/**
 * The lockout guard's bookkeeping, shared by every process that logs in (the app, `orgkey test`, a
 * scheduled `orgkey test --all`) through the settings file.
 *
 * Salesforce locks a user out after a number of failed logins (as few as 3). A login is recorded in
 * the settings file, under the settings lock, before it is sent; the guard is checked in that same
 * step and counts every login still in flight as a possible failure. So however many processes test
 * an org at once, no more than `lockoutGuardFailures` logins get past the guard. When a login ends,
 * its attempt is removed in the step that records the result: a failed login counts, a success
 * resets the count, a network error or timeout leaves it (Salesforce never saw a wrong password).
 *
 * A process killed mid-login never removes its attempt. Once older than the test timeout plus
 * STALE_MARGIN_MS its login has ended one way or the other: it is counted as a failure (it may have
 * been one) and removed, so it neither blocks the org for ever nor lets the guard be bypassed.
 */
import type { OrgRecord, SettingsDoc } from '../settings/schema';

/**
 * How long after the test timeout an unresolved attempt is presumed dead. The timeout runs from the
 * login's start, but the attempt is recorded before the keychain is read, which may wait on the OS.
 */
export const STALE_MARGIN_MS = 30_000;

/** Why the guard refused: failed logins in a row, and logins still under way (in any process). */
export interface GuardRefusal {
  failures: number;
  pending: number;
}

/** How a login ended, for the count: a refused login, a success, or no verdict on the password. */
export type LoginVerdict = 'failed' | 'succeeded' | 'not-counted';

const staleBefore = (doc: SettingsDoc, now: Date) => now.getTime() - doc.preferences.testTimeoutSeconds * 1000 - STALE_MARGIN_MS;

/** Count each attempt older than the timeout + margin as a failure of its org, and drop it. */
export function resolveStaleAttempts(doc: SettingsDoc, now: Date): SettingsDoc {
  const limit = staleBefore(doc, now);
  const stale = doc.loginAttempts.filter((attempt) => Date.parse(attempt.startedAt) < limit);
  if (!stale.length) return doc;
  return {
    ...doc,
    loginAttempts: doc.loginAttempts.filter((attempt) => !stale.includes(attempt)),
    orgs: doc.orgs.map((org) => {
      const dead = stale.filter((attempt) => attempt.orgId === org.id).length;
      return dead ? { ...org, consecutiveFailures: org.consecutiveFailures + dead } : org;
    }),
  };
}

/**
 * Whether the guard refuses a login of `record`: its failed logins in a row and its logins still
 * under way reach the limit. `doc` has its stale attempts resolved (`resolveStaleAttempts`).
 */
export function guardRefusal(doc: SettingsDoc, record: OrgRecord): GuardRefusal | undefined {
  const pending = doc.loginAttempts.filter((attempt) => attempt.orgId === record.id).length;
  return record.consecutiveFailures + pending >= doc.preferences.lockoutGuardFailures ? { failures: record.consecutiveFailures, pending } : undefined;
}

/**
 * Check the guard for one org and, unless it refuses, record the attempt `attemptId`. Run it inside
 * the settings lock (in `settings.update`). `confirmRetry` (the admin's explicit "test anyway")
 * passes the guard, for this one attempt. Returns the document to write: with the attempt, or, when
 * refused, only with stale attempts resolved.
 */
export function reserveLogin(
  doc: SettingsDoc,
  request: { orgId: string; attemptId: string; now: Date; confirmRetry?: boolean },
): { doc: SettingsDoc; record: OrgRecord | undefined; refused?: GuardRefusal } {
  const resolved = resolveStaleAttempts(doc, request.now);
  const record = resolved.orgs.find((org) => org.id === request.orgId);
  if (!record) return { doc: resolved, record };
  const refused = request.confirmRetry ? undefined : guardRefusal(resolved, record);
  if (refused) return { doc: resolved, record, refused };
  const attempt = { id: request.attemptId, orgId: request.orgId, startedAt: request.now.toISOString() };
  return { doc: { ...resolved, loginAttempts: [...resolved.loginAttempts, attempt] }, record };
}

/**
 * Remove the attempt and count its verdict, changing the org's record with `change` in the same
 * write. An attempt already counted as stale by another process is not counted twice.
 */
export function settleLogin(
  doc: SettingsDoc,
  settled: { orgId: string; attemptId: string; verdict: LoginVerdict },
  change: (record: OrgRecord) => OrgRecord = (record) => record,
): SettingsDoc {
  const stillOpen = doc.loginAttempts.some((attempt) => attempt.id === settled.attemptId);
  return {
    ...doc,
    loginAttempts: stillOpen ? doc.loginAttempts.filter((attempt) => attempt.id !== settled.attemptId) : doc.loginAttempts,
    orgs: doc.orgs.map((org) => {
      if (org.id !== settled.orgId) return org;
      const { verdict } = settled;
      const consecutiveFailures = verdict === 'succeeded' ? 0 : org.consecutiveFailures + (verdict === 'failed' && stillOpen ? 1 : 0);
      return change({ ...org, consecutiveFailures });
    }),
  };
}

/** The words of a refusal: what failed, what is still under way, and why another try is risky. */
export function guardMessage(username: string, { failures, pending }: GuardRefusal): string {
  const failed = failures === 1 ? `The last login of ${username} failed` : `The last ${failures} logins of ${username} failed`;
  const underWay = pending === 1 ? '1 login' : `${pending} logins`;
  const opening = !pending
    ? `${failed}.`
    : failures
      ? `${failed}, and ${underWay} more ${pending === 1 ? 'is' : 'are'} still under way (a test in OrgKey or orgkey) and may fail too.`
      : `${underWay} of ${username} ${pending === 1 ? 'is' : 'are'} still under way (a test in OrgKey or orgkey) and may fail.`;
  return `${opening} Another failed login brings this user closer to being locked out (Salesforce locks after as few as 3).`;
}
