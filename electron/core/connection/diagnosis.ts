/**
 * Turn a failed connection check into a code, one plain sentence and the fix (the catalogue's
 * words for the code, in shared/codes.ts, and hints from what OrgKey knows about the org).
 *
 * Inputs are what jsforce surfaces (SOAP faults as `Error(faultstring)`, OAuth errors with
 * `name = error`, REST errors with `errorCode` and the bare message, node-fetch errors with a
 * system `code`) plus what OrgKey knows about the org. Raw library text never reaches the user: it
 * can hold HTML, stack traces or echoed input.
 */
import { TEST_FAILURE_CATALOG } from '../../../shared/codes';
import type { TestFailure, TestFailureCode, TestOutcome } from '../../../shared/domain';
import { inDays, isPastDeadline, retirementStatus } from '../../../shared/retirements';
import { POSSIBLE_REFRESH_HINT, type RefreshSuspect } from '../../../shared/sandbox-refresh';
import type { CheckFailure } from '../ports';
import { CheckFailed, CheckInterrupted, restErrorCode } from './salesforce';

export interface DiagnosisContext {
  via: TestOutcome['via'];
  usedToken: boolean;
  loginUrl: string;
  passwordUpdatedAt: string;
  tokenUpdatedAt?: string;
  /** Failed logins in a row, this one included. */
  consecutiveFailures: number;
  /** Whether the login sent a consumer secret (browser-login orgs send one only when it is stored). */
  sentClientSecret?: boolean;
  timeoutSeconds: number;
  /** Today, for what a retirement date means for this failure. */
  now: Date;
  /** The org is (or was last seen as) a sandbox: a refresh may explain a refused login. */
  sandbox?: boolean;
}

const TLS_CODES = /^(EPROTO|CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

const SOAP_FAULTS: Record<string, TestFailureCode> = {
  LOGIN_MUST_USE_SECURITY_TOKEN: 'LOGIN_MUST_USE_SECURITY_TOKEN',
  INVALID_LOGIN: 'INVALID_LOGIN',
  API_CURRENTLY_DISABLED: 'API_CURRENTLY_DISABLED',
  API_DISABLED_FOR_ORG: 'API_DISABLED_FOR_ORG',
  INVALID_OPERATION: 'SOAP_LOGIN_UNAVAILABLE',
  INSUFFICIENT_ACCESS: 'INSUFFICIENT_ACCESS',
  UNSUPPORTED_API_VERSION: 'UNSUPPORTED_API_VERSION',
  LOGIN_DURING_RESTRICTED_DOMAIN: 'RESTRICTED_DOMAIN',
  INVALID_OPERATION_WITH_EXPIRED_PASSWORD: 'PASSWORD_EXPIRED',
};

/**
 * Refusals of the REST reads after a good login (identity, the Organization query). Codes not
 * listed here are judged by their HTTP status, with the code shown as a hint.
 */
const REST_ERRORS: Record<string, TestFailureCode> = {
  API_CURRENTLY_DISABLED: 'API_CURRENTLY_DISABLED',
  API_DISABLED_FOR_ORG: 'API_DISABLED_FOR_ORG',
  INVALID_OPERATION_WITH_EXPIRED_PASSWORD: 'PASSWORD_EXPIRED',
  INVALID_SESSION_ID: 'SESSION_REFUSED',
};

/**
 * The token endpoint's `invalid_grant` description for a user the app does not admit (Permitted
 * Users: "Admin approved users are pre-authorized"), as captured on the wire. The other answer
 * reported for the same situation is the error `invalid_app_access` itself.
 */
const NOT_APPROVED_DESCRIPTION = "user hasn't approved this consumer";

/**
 * The token endpoint's fixed descriptions that tell one grant's failures apart, and the code each
 * means for the grant that meets it (a phrase means nothing for the others). Salesforce answers them
 * as HTTP 400 `{"error", "error_description"}`:
 * - client credentials: `invalid_grant` “no client credentials user enabled” for a flow not enabled
 *   and for an app without a Run As user alike, and “request not supported on this domain” on a host
 *   other than the org's My Domain;
 * - JWT bearer: `invalid_grant` “invalid assertion” for a bad signature, no or another certificate, a
 *   malformed assertion or an unknown `sub`; “audience is invalid” for an `aud` that is not the login
 *   host; “expired authorization code” for an `exp` already past when it arrived (a wrong clock).
 */
const GRANT_DESCRIPTIONS: { readonly [via in 'client-credentials' | 'jwt']: Readonly<Record<string, TestFailureCode>> } = {
  'client-credentials': {
    'no client credentials user enabled': 'CC_FLOW_NOT_READY',
    'request not supported on this domain': 'CC_WRONG_HOST',
  },
  jwt: {
    'invalid assertion': 'JWT_INVALID_ASSERTION',
    'audience is invalid': 'JWT_WRONG_AUDIENCE',
    'expired authorization code': 'JWT_EXPIRED',
  },
};
const KNOWN_DESCRIPTIONS = new Set(Object.values(GRANT_DESCRIPTIONS).flatMap((table) => Object.keys(table)));

const OAUTH_ERRORS: Record<string, TestFailureCode> = {
  invalid_grant: 'OAUTH_INVALID_GRANT',
  invalid_app_access: 'OAUTH_USER_NOT_APPROVED',
  invalid_client_id: 'OAUTH_INVALID_CLIENT_ID',
  invalid_client: 'OAUTH_INVALID_CLIENT',
};

/** Classify an error from `checkConnection` into a failure code. */
export function classify(error: unknown): TestFailureCode {
  if (error instanceof CheckInterrupted) return error.reason === 'timeout' ? 'TIMEOUT' : 'CANCELLED';
  const failed = error instanceof CheckFailed ? error : undefined;
  const cause = (failed ? failed.failure : error) as { name?: string; message?: string; code?: string } | undefined;
  const name = String(cause?.name ?? '');
  const message = String(cause?.message ?? '');
  const code = String(cause?.code ?? '');

  if (name === 'AbortError' || name === 'TimeoutError' || code === 'ETIMEDOUT') return 'TIMEOUT';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'HOST_NOT_FOUND';
  if (code === 'ECONNREFUSED') return 'CONNECTION_REFUSED';
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'ENETDOWN' || code === 'EHOSTDOWN') return 'NETWORK_UNREACHABLE';
  if (TLS_CODES.test(code)) return 'TLS_FAILURE';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || /socket hang up/i.test(message)) return 'CONNECTION_DROPPED';

  if (message === 'Unable to login because the used password has expired.') return 'PASSWORD_EXPIRED';
  const fault = /^([A-Z_]+):/.exec(message)?.[1];
  if (fault) return SOAP_FAULTS[fault] ?? 'LOGIN_REFUSED';
  const restCode = restErrorCode(cause);
  if (restCode && restCode in REST_ERRORS) return REST_ERRORS[restCode]!;
  // The password was right: Salesforce checks the app's Permitted Users only after the credentials.
  if (name === 'invalid_grant' && message === NOT_APPROVED_DESCRIPTION) return 'OAUTH_USER_NOT_APPROVED';
  if (name in OAUTH_ERRORS) return OAUTH_ERRORS[name]!;
  if (/^[a-z_]+$/.test(name) && name !== 'error') return 'OAUTH_ERROR';

  // jsforce names a REST answer without an error code after its status: that is this request's
  // own status, while the trace holds whichever of the concurrent reads answered last.
  const status = Number(/^ERROR_HTTP_(\d{3})$/.exec(name)?.[1] ?? 0) || (failed?.response.status ?? 0);
  const html = /html/i.test(failed?.response.contentType ?? '') || /^\s*</.test(message);
  if (status >= 500 && !html) return 'SERVER_ERROR';
  // After a login that worked, 401 is Salesforce's answer for a session it does not accept.
  if (status === 401 && failed?.phase === 'read' && !html) return 'SESSION_REFUSED';
  // A parse error only means "not Salesforce's answer" when it happened while talking to the org;
  // anywhere else it is a fault in OrgKey and must not be blamed on the network.
  const parseError = !!failed && (name === 'SyntaxError' || name === 'TypeError');
  if (html || /could not extract session information/.test(message) || parseError) {
    return status >= 500 ? 'SERVER_ERROR' : 'UNEXPECTED_RESPONSE';
  }
  if (status >= 500) return 'SERVER_ERROR';
  return 'UNKNOWN_FAILURE';
}

function invalidLoginHints(context: DiagnosisContext): string[] {
  const hints: string[] = [];
  if (context.tokenUpdatedAt && context.tokenUpdatedAt < context.passwordUpdatedAt) {
    hints.push('The token stored here is older than the last password change, and Salesforce issues a new token whenever the password changes.');
  }
  if (!context.usedToken) {
    hints.push('No security token is stored for this org. Unless this network is in the org’s trusted IP ranges, Salesforce needs one.');
  } else {
    hints.push('Each “Reset My Security Token” voids the previous token: only the newest email’s token works.');
  }
  hints.push('Tokens and passwords are case-sensitive.');
  if (context.consecutiveFailures >= 2) {
    hints.push(`This is failure ${context.consecutiveFailures} in a row: the user may now be locked out (Salesforce locks after as few as 3 failures, commonly for 15 minutes). An admin can unlock them in Setup → Users.`);
  }
  return hints;
}

/** A failure known without asking Salesforce (e.g. not signed in): its standard words, no hints. */
export function failureOf(code: TestFailureCode): TestFailure {
  const { message, remedy } = TEST_FAILURE_CATALOG[code];
  return { code, message, remedy, hints: [] };
}

/**
 * A refresh-token login's failure: invalid_grant means that token is no good any more (no password is
 * involved); invalid_client without a secret sent means the app requires one for the refresh.
 */
function browserCode(classified: TestFailureCode, context: DiagnosisContext): TestFailureCode {
  if (classified === 'OAUTH_INVALID_GRANT') return 'OAUTH_SIGN_IN_AGAIN';
  if (classified === 'OAUTH_INVALID_CLIENT' && context.sentClientSecret === false) return 'OAUTH_SECRET_REQUIRED';
  return classified;
}

/**
 * A failed `checkConnection` as the gateway reports it: the code, and the details the words use,
 * taken only from what Salesforce answered (a code, a status), never from its free text.
 */
export function checkFailureOf(error: unknown): CheckFailure {
  const code = classify(error);
  if (!(error instanceof CheckFailed)) return { code };
  const cause = error.failure as { name?: string; message?: string } | undefined;
  const salesforceCode = /^([A-Z_]+):/.exec(String(cause?.message ?? ''))?.[1] ?? (code === 'OAUTH_ERROR' ? cause?.name : restErrorCode(cause));
  return {
    code,
    ...(salesforceCode ? { salesforceCode } : {}),
    ...(error.response.status ? { httpStatus: error.response.status } : {}),
    // Salesforce's wording here is a fixed phrase of the token endpoint, never an echo of input.
    ...(cause?.message === 'inactive user' ? { inactiveUser: true } : {}),
    ...(code === 'OAUTH_INVALID_GRANT' && KNOWN_DESCRIPTIONS.has(String(cause?.message)) ? { description: String(cause?.message) } : {}),
  };
}

/**
 * A client-credentials or JWT login's failure, by the grant's own phrases. Neither sends a user's
 * password, so no answer is read as a wrong password (and none counts toward a lockout).
 */
function grantCode(failure: CheckFailure, via: 'client-credentials' | 'jwt'): TestFailureCode {
  const described = failure.description ? GRANT_DESCRIPTIONS[via][failure.description] : undefined;
  if (described) return described;
  if (via === 'jwt' && failure.code === 'OAUTH_USER_NOT_APPROVED') return 'JWT_USER_NOT_APPROVED';
  // Another invalid_grant says nothing about a password: shown with Salesforce's code.
  if (failure.code === 'OAUTH_INVALID_GRANT') return 'OAUTH_ERROR';
  return failure.code;
}

/** The code a failure gets for the flow that met it. */
function codeFor(failure: CheckFailure, context: DiagnosisContext): TestFailureCode {
  if (context.via === 'browser') return browserCode(failure.code, context);
  if (context.via === 'client-credentials' || context.via === 'jwt') return grantCode(failure, context.via);
  return failure.code;
}

/**
 * A sandbox's refused logins that a refresh explains: the new org takes the production password and
 * has reset the token; it revoked the old org's sign-ins; apps and certificates made in the sandbox
 * alone are not in it (so its consumer key is unknown, or its certificate does not match).
 */
const REFRESH_SUSPECTS: Partial<Record<TestFailureCode, RefreshSuspect>> = {
  INVALID_LOGIN: 'password',
  OAUTH_INVALID_GRANT: 'password',
  OAUTH_SIGN_IN_AGAIN: 'sign-in',
  OAUTH_INVALID_CLIENT_ID: 'app',
  OAUTH_INVALID_CLIENT: 'app',
  JWT_INVALID_ASSERTION: 'app',
  CC_FLOW_NOT_READY: 'app',
};

/** Words and remedy for a failed check, tailored to what OrgKey knows about this org. */
export function describeFailure(failure: CheckFailure, context: DiagnosisContext): TestFailure {
  const code = codeFor(failure, context);
  const { message, remedy } = TEST_FAILURE_CATALOG[code];
  let hints: string[] = [];
  if (code === 'INVALID_LOGIN' || code === 'OAUTH_INVALID_GRANT') hints = invalidLoginHints(context);
  if (code === 'OAUTH_INVALID_GRANT' && context.via === 'oauth') hints = [passwordFlowRetirementHint(context.now), ...hints];
  if (code === 'OAUTH_SIGN_IN_AGAIN' && failure.inactiveUser) {
    hints = ['Salesforce says the user is inactive or frozen: an admin can reactivate them in Setup → Users.'];
  }
  if (code === 'TIMEOUT') hints = [`OrgKey waited ${context.timeoutSeconds} seconds.`];
  if (code === 'SERVER_ERROR' && failure.httpStatus) hints = [`HTTP status ${failure.httpStatus}.`];
  if (code === 'OAUTH_USER_NOT_APPROVED' && context.via === 'oauth') {
    hints = [
      'Salesforce refuses this after accepting the username and password (its Login History says “Failed: Not approved for access”), so they are most likely right. OrgKey still counts it toward its lockout guard: Salesforce does not document whether it counts toward locking the user out.',
    ];
  }
  if (code === 'OAUTH_ERROR' && failure.code === 'OAUTH_INVALID_GRANT') hints = ['Salesforce’s code: invalid_grant.'];
  if ((code === 'LOGIN_REFUSED' || code === 'OAUTH_ERROR' || code === 'UNKNOWN_FAILURE') && failure.salesforceCode) {
    // The Salesforce code is safe to show (an identifier, never the input); the free text is not.
    hints = [`Salesforce’s code: ${failure.salesforceCode}.`];
  }
  const suspect = context.sandbox ? REFRESH_SUSPECTS[code] : undefined;
  if (suspect) hints = [...hints, POSSIBLE_REFRESH_HINT[suspect]];
  return { code, message, remedy, hints };
}

/** Words and remedy for an error thrown by `checkConnection`. */
export function diagnose(error: unknown, context: DiagnosisContext): TestFailure {
  return describeFailure(checkFailureOf(error), context);
}

/**
 * From its published date Salesforce refuses the OAuth username-password flow for every connected
 * app, with the same invalid_grant as a wrong password: after that date this is the likely cause.
 */
function passwordFlowRetirementHint(now: Date): string {
  const status = retirementStatus({ auth: 'password', clientId: 'any' }, now);
  if (isPastDeadline(status)) {
    return `Salesforce turned the OAuth username-password flow off for connected apps on ${status.deadlineLabel}: no password works this way any more. Switch the org to Browser login (Edit → How OrgKey logs in).`;
  }
  const when = status.daysLeft === null ? status.deadlineLabel : `${status.deadlineLabel} (${inDays(status.daysLeft)})`;
  return `Salesforce turns the OAuth username-password flow off for connected apps on ${when}; from then on this login fails whatever the password. Switch the org to Browser login before then.`;
}

/**
 * Why a good login came back without the API request counts: Salesforce refused `/limits` with
 * this REST error code. It answers API_DISABLED_FOR_ORG to a user without "View Setup and
 * Configuration", whose org has the API (the identity and the Organization query just worked).
 */
export function limitsUnavailable(code: string): string {
  if (code === 'API_DISABLED_FOR_ORG') {
    return 'this user lacks “View Setup and Configuration”, which Salesforce requires to report limits (an admin grants it in Setup → Users → Permission Sets or Profiles → System Permissions)';
  }
  return `Salesforce refused to report them (${code})`;
}

/**
 * Failures that may count toward Salesforce locking the user out, so the lockout guard counts them.
 * A user the connected app does not admit (OAUTH_USER_NOT_APPROVED) is recorded by Salesforce as a
 * failed login, and nothing published says it does not count: on the safe side, it counts here.
 */
export function countsTowardLockout(code: TestFailureCode): boolean {
  return code === 'INVALID_LOGIN' || code === 'LOGIN_MUST_USE_SECURITY_TOKEN' || code === 'OAUTH_INVALID_GRANT' || code === 'OAUTH_USER_NOT_APPROVED';
}

/**
 * Failures that never reached Salesforce's verdict on the login: the network, a timeout, a
 * cancellation, an answer that was not Salesforce's. They say nothing about the credentials.
 */
const NO_VERDICT = new Set<TestFailureCode>(['TIMEOUT', 'CANCELLED', 'HOST_NOT_FOUND', 'CONNECTION_REFUSED', 'CONNECTION_DROPPED', 'NETWORK_UNREACHABLE', 'TLS_FAILURE', 'SERVER_ERROR', 'UNEXPECTED_RESPONSE']);

export function reachedNoVerdict(code: TestFailureCode): boolean {
  return NO_VERDICT.has(code);
}
