/**
 * How a connection test's result reads in the org list: one short badge per org.
 *
 * Each failure's label is the catalogue's (shared/codes.ts), next to its full sentence and fix
 * (`TestFailure.message` / `remedy`), which the detail shows.
 */
import { TEST_FAILURE_CATALOG } from '../../shared/codes';
import type { TestFailureCode, TestOutcome } from '../../shared/domain';
import type { TestAllSummary } from '../../shared/events';

/** The values of a status cell's `data-status` attribute. */
export type TestStatus = 'ok' | 'warning' | 'failed' | 'untested' | 'testing' | 'guarded';

export interface StatusView {
  status: TestStatus;
  label: string;
  /** Set when `status` is `failed`. */
  failureCode?: TestFailureCode;
  /** SLDS badge classes for the status. */
  badgeClass: string;
}

const BADGE: Record<TestStatus, string> = {
  untested: 'slds-badge',
  ok: 'slds-badge slds-theme_success',
  warning: 'slds-badge slds-theme_warning',
  failed: 'slds-badge slds-theme_error',
  testing: 'slds-badge slds-badge_lightest',
  guarded: 'slds-badge slds-badge_inverse',
};

const view = (status: TestStatus, label: string, failureCode?: TestFailureCode): StatusView => ({
  status,
  label,
  badgeClass: BADGE[status],
  ...(failureCode ? { failureCode } : {}),
});

/**
 * The badge for an org: a running test wins, then "skipped by the lockout guard", then the last result.
 */
export function statusOf(lastTest: TestOutcome | undefined, testing: boolean, guarded: boolean): StatusView {
  if (testing) return view('testing', 'Testing…');
  if (guarded) return view('guarded', 'Needs confirmation');
  if (!lastTest) return view('untested', 'Not tested');
  if (lastTest.ok) return lastTest.warnings.length ? view('warning', 'OK – check warnings') : view('ok', 'OK');
  const code = lastTest.failure?.code ?? 'UNKNOWN_FAILURE';
  return view('failed', TEST_FAILURE_CATALOG[code].label, code);
}

/** How the org logged in for a test, e.g. "SOAP login()". */
export function viaLabel(via: TestOutcome['via']): string {
  if (via === 'browser') return 'Browser login (refresh token)';
  if (via === 'client-credentials') return 'Client credentials flow (the app’s Run As user)';
  if (via === 'jwt') return 'JWT bearer flow (signed assertion)';
  return via === 'oauth' ? 'OAuth username-password flow' : 'SOAP login()';
}

/** "Tested 4 orgs: 1 OK, 3 failed", plus what was skipped or cancelled: the toast after Test all. */
export function summaryText(summary: TestAllSummary): string {
  const tested = summary.ok + summary.failed;
  const parts = [`${summary.cancelled ? 'Tests cancelled. ' : ''}Tested ${tested} ${tested === 1 ? 'org' : 'orgs'}: ${summary.ok} OK, ${summary.failed} failed`];
  if (summary.guarded) parts.push(`${summary.guarded} skipped: ${summary.guarded === 1 ? 'needs' : 'need'} confirmation after failed logins`);
  if (summary.errors) parts.push(`${summary.errors} could not be tested`);
  if (summary.cancelled && summary.notTested > 0) parts.push(`${summary.notTested} not tested`);
  return parts.join('; ');
}
