/**
 * How a connection test's result reads in the org list: one short badge per org.
 *
 * The failure labels live here and only here, so the list, the detail and tests agree on them.
 * The full sentence and the fix are the core's (`TestFailure.message` / `remedy`), shown in the detail.
 */
import type { TestFailureCode, TestOutcome } from '../../shared/domain';
import type { TestAllSummary } from '../../shared/events';

/** The values of a status cell's `data-status` attribute. */
export type TestStatus = 'ok' | 'warning' | 'failed' | 'untested' | 'testing' | 'guarded';

/** One to three words per failure code: enough to scan a long list, the detail says the rest. */
export const FAILURE_LABELS: Record<TestFailureCode, string> = {
  LOGIN_MUST_USE_SECURITY_TOKEN: 'Token needed',
  INVALID_LOGIN: 'Login refused',
  PASSWORD_EXPIRED: 'Password expired',
  API_CURRENTLY_DISABLED: 'API not enabled',
  API_DISABLED_FOR_ORG: 'No API access',
  SOAP_LOGIN_UNAVAILABLE: 'SOAP login off',
  INSUFFICIENT_ACCESS: 'API Auth missing',
  UNSUPPORTED_API_VERSION: 'API version refused',
  RESTRICTED_DOMAIN: 'Use My Domain',
  OAUTH_INVALID_GRANT: 'OAuth login refused',
  OAUTH_USER_NOT_APPROVED: 'User not approved',
  OAUTH_INVALID_CLIENT_ID: 'Unknown consumer key',
  OAUTH_INVALID_CLIENT: 'Wrong consumer secret',
  OAUTH_ERROR: 'OAuth refused',
  OAUTH_SIGN_IN_AGAIN: 'Sign in again',
  OAUTH_SECRET_REQUIRED: 'Consumer secret needed',
  NOT_SIGNED_IN: 'Not signed in',
  LOGIN_REFUSED: 'Refused by Salesforce',
  HOST_NOT_FOUND: 'Host not found',
  CONNECTION_REFUSED: 'Connection refused',
  CONNECTION_DROPPED: 'Connection dropped',
  NETWORK_UNREACHABLE: 'Network unreachable',
  TLS_FAILURE: 'TLS failed',
  TIMEOUT: 'Timed out',
  CANCELLED: 'Cancelled',
  SERVER_ERROR: 'Server error',
  UNEXPECTED_RESPONSE: 'Unexpected answer',
  SESSION_REFUSED: 'Session refused',
  SECRET_MISSING: 'Secret missing',
  UNKNOWN_FAILURE: 'Failed',
};

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
  return view('failed', FAILURE_LABELS[code], code);
}

/** How the org logged in for a test, e.g. "SOAP login()". */
export function viaLabel(via: TestOutcome['via']): string {
  if (via === 'browser') return 'Browser login (refresh token)';
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
