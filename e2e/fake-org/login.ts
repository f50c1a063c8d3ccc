/**
 * How the fake org decides a login, in Salesforce's order (e2e/fake-org/README.md, "What it
 * serves"): API version, org settings, unknown user, lockout, credentials (trusted vs untrusted
 * caller), permissions, expired password.
 * SOAP `login()` and the OAuth username-password grant share steps 3 to 7; the login page of the
 * web-server flow shares steps 3 to 5 with its own credential rule. Every attempt is written to
 * the login history.
 */
import { OLDEST_API_VERSION, SOAP_LOGIN_REMOVED_IN, parseApiVersion } from './api-versions';
import { isApprovedFor } from './apps';
import { type LoginFlowValues } from './login-history';
import { type OAuthApp, type OrgRecord, type UserRecord } from './model';
import { isInRanges } from './network';
import { type FakeOrgState, type UserInOrg } from './state';

type CommonFailure =
  | 'UNKNOWN_USER'
  | 'FROZEN'
  | 'LOCKED_OUT'
  | 'WRONG_CREDENTIALS'
  | 'SECURITY_TOKEN_REQUIRED'
  | 'USER_API_DISABLED'
  | 'ORG_API_DISABLED';

/** Why a SOAP `login()` was refused. */
export type SoapLoginFailure = CommonFailure | 'API_VERSION_RETIRED' | 'SOAP_LOGIN_REMOVED' | 'SOAP_LOGIN_DISABLED' | 'USE_ANY_API_AUTH_REQUIRED';

/** Why an OAuth username-password grant was refused. */
export type OAuthLoginFailure = CommonFailure | 'PASSWORD_FLOW_BLOCKED' | 'PASSWORD_EXPIRED' | 'NOT_APPROVED';

/** Why the web-server flow's login page refused a user. */
export type BrowserLoginFailure = 'UNKNOWN_USER' | 'FROZEN' | 'LOCKED_OUT' | 'WRONG_CREDENTIALS' | 'PASSWORD_EXPIRED';

/** What the caller sent, and from where. */
export interface LoginAttempt {
  username: string;
  password: string;
  peer: string;
  /** The org whose My Domain was asked (15 characters), or null on the generic login host: a My Domain knows its own users only. */
  orgScope: string | null;
  /** What the login history row says of the flow and its client. */
  flow: LoginFlowValues;
}

export type LoginDecision<Failure> =
  | { ok: true; user: UserRecord; org: OrgRecord }
  | { ok: false; reason: Failure; user: UserRecord | null };

/**
 * Login History statuses. Observed values: `Success`, `Invalid Password`, `Password Lockout`,
 * `Failed: API security token required`, `User Is Frozen` (salesforce.stackexchange.com/q/146422)
 * `Failed: API Version Removed` (EventLogFile LOGIN_STATUS) and `Failed: Not approved for access`
 * (Knowledge 000212208: an API user not pre-authorized for the connected app). The others are UNCONFIRMED
 * labels in the same style.
 */
const HISTORY_STATUS: Record<SoapLoginFailure | OAuthLoginFailure | BrowserLoginFailure, string> = {
  API_VERSION_RETIRED: 'Failed: API Version Removed',
  SOAP_LOGIN_REMOVED: 'Failed: SOAP API login() not available in this API version',
  SOAP_LOGIN_DISABLED: 'Failed: SOAP API login() disabled',
  USE_ANY_API_AUTH_REQUIRED: 'Failed: Use Any API Auth permission required',
  PASSWORD_FLOW_BLOCKED: 'Failed: OAuth username-password flow blocked',
  UNKNOWN_USER: 'Invalid Login',
  FROZEN: 'User Is Frozen',
  LOCKED_OUT: 'Password Lockout',
  WRONG_CREDENTIALS: 'Invalid Password',
  SECURITY_TOKEN_REQUIRED: 'Failed: API security token required',
  USER_API_DISABLED: 'Failed: API disabled for user',
  ORG_API_DISABLED: 'Failed: API disabled for org',
  PASSWORD_EXPIRED: 'Failed: Password Expired',
  NOT_APPROVED: 'Failed: Not approved for access',
};

/** Decides and records a SOAP `login()` against `/services/Soap/u/{apiVersion}`. */
export function decideSoapLogin(state: FakeOrgState, attempt: LoginAttempt, apiVersion: string): LoginDecision<SoapLoginFailure> {
  const decision = soapDecision(state, attempt, apiVersion);
  record(state, attempt, decision);
  return decision;
}

/** Decides and records an OAuth username-password grant through `app` (its client was already checked). */
export function decideOAuthLogin(state: FakeOrgState, attempt: LoginAttempt, app: OAuthApp): LoginDecision<OAuthLoginFailure> {
  const decision = oauthDecision(state, attempt, app);
  record(state, attempt, decision);
  return decision;
}

/**
 * Decides and records a login on the web-server flow's login page. SOAP and username-password
 * settings don't apply, and neither does API Enabled: a browser login is not an API login, the
 * API refuses the session later instead.
 */
export function decideBrowserLogin(state: FakeOrgState, attempt: LoginAttempt): LoginDecision<BrowserLoginFailure> {
  const decision = browserDecision(state, attempt);
  record(state, attempt, decision);
  return decision;
}

function soapDecision(state: FakeOrgState, attempt: LoginAttempt, apiVersion: string): LoginDecision<SoapLoginFailure> {
  const version = parseApiVersion(apiVersion);
  if (version === null || version < OLDEST_API_VERSION) return refuse('API_VERSION_RETIRED', null);
  if (version >= SOAP_LOGIN_REMOVED_IN) return refuse('SOAP_LOGIN_REMOVED', null);
  const found = state.findUser(attempt.username, attempt.orgScope);
  const orgGate = found && soapOrgGate(found);
  if (found && orgGate) return refuse(orgGate, found.user);
  return verifyUser(state, found, attempt);
}

function soapOrgGate({ org, user }: UserInOrg): SoapLoginFailure | null {
  if (!org.settings.soapLoginEnabled) return 'SOAP_LOGIN_DISABLED';
  if (org.settings.enforceUseAnyApiAuth && !user.useAnyApiAuth) return 'USE_ANY_API_AUTH_REQUIRED';
  return null;
}

function oauthDecision(state: FakeOrgState, attempt: LoginAttempt, app: OAuthApp): LoginDecision<OAuthLoginFailure> {
  const found = state.findUser(attempt.username, attempt.orgScope);
  // Checked before credentials, so a blocked flow never counts toward lockout (UNCONFIRMED order).
  // The retirement is the block made permanent, so it answers alike (UNCONFIRMED: Salesforce has
  // not published the answer; e2e/fake-org/README.md, "Server-to-server flows").
  if (found && (!found.org.settings.passwordFlowAllowed || found.org.settings.passwordFlowRetired)) return refuse('PASSWORD_FLOW_BLOCKED', found.user);
  const decision = verifyUser(state, found, attempt);
  // Checked after the credentials (Knowledge 000212208: the user is refused "after entering
  // credentials"), so a right password resets the failure count as any success does (UNCONFIRMED).
  if (decision.ok && !isApprovedFor(app, decision.user.username)) return refuse('NOT_APPROVED', decision.user);
  // UNCONFIRMED: the token endpoint has no restricted session to offer, so it refuses the grant.
  if (decision.ok && state.isPasswordExpired(decision.user)) return refuse('PASSWORD_EXPIRED', decision.user);
  return decision;
}

function browserDecision(state: FakeOrgState, attempt: LoginAttempt): LoginDecision<BrowserLoginFailure> {
  // The login page wants the bare password wherever the browser is: security tokens are for API
  // and desktop clients only (Salesforce Help "Reset Your Security Token"), so password + token is
  // just a wrong password.
  const decision = authenticate(state, state.findUser(attempt.username, attempt.orgScope), ({ user }) => (attempt.password === user.password ? null : 'WRONG_CREDENTIALS'));
  // UNCONFIRMED: Salesforce would ask for a new password; the fake org stops at that page.
  if (decision.ok && state.isPasswordExpired(decision.user)) return refuse('PASSWORD_EXPIRED', decision.user);
  return decision;
}

/** Steps 3 to 6, shared by both API protocols. */
function verifyUser(state: FakeOrgState, found: UserInOrg | undefined, attempt: LoginAttempt): LoginDecision<CommonFailure> {
  const decision = authenticate(state, found, (candidate) => checkCredentials(candidate, attempt));
  if (!decision.ok) return decision;
  const { user, org } = decision;
  if (!user.apiEnabled) return refuse('USER_API_DISABLED', user);
  if (!org.settings.apiEnabled) return refuse('ORG_API_DISABLED', user);
  return decision;
}

/** Steps 3 to 5: the user exists, is neither frozen nor locked out, and `credentialProblem` finds none. */
function authenticate<Problem extends CommonFailure>(
  state: FakeOrgState,
  found: UserInOrg | undefined,
  credentialProblem: (found: UserInOrg) => Problem | null,
): LoginDecision<'UNKNOWN_USER' | 'FROZEN' | 'LOCKED_OUT' | Problem> {
  if (!found) return refuse('UNKNOWN_USER', null);
  const { user, org } = found;
  // Frozen and locked-out users get the generic INVALID_LOGIN even with the right password: the API
  // never reveals a lockout (its fault text reads "…; or user locked out.").
  if (user.frozen) return refuse('FROZEN', user);
  if (state.lockoutEnd(user) !== null) return refuse('LOCKED_OUT', user);
  const problem = credentialProblem(found);
  if (problem) {
    state.countFailure(user);
    return refuse(problem, user);
  }
  state.unlock(user);
  return { ok: true, user, org };
}

/**
 * Outside the org's trusted ranges only `password + token` is accepted, and exactly the bare
 * password earns the hint LOGIN_MUST_USE_SECURITY_TOKEN; inside them both forms work (SOAP API
 * guide, login(); Salesforce Help "Reset Your Security Token").
 */
function checkCredentials({ user, org }: UserInOrg, attempt: LoginAttempt): CommonFailure | null {
  if (attempt.password === user.password + user.token) return null;
  if (attempt.password !== user.password) return 'WRONG_CREDENTIALS';
  return isInRanges(attempt.peer, org.settings.trustedIpRanges) ? null : 'SECURITY_TOKEN_REQUIRED';
}

function refuse<Failure>(reason: Failure, user: UserRecord | null): LoginDecision<Failure> {
  return { ok: false, reason, user };
}

function record(state: FakeOrgState, attempt: LoginAttempt, decision: LoginDecision<SoapLoginFailure | OAuthLoginFailure | BrowserLoginFailure>): void {
  state.recordLogin({
    user: decision.user,
    username: decision.user?.username ?? attempt.username,
    status: decision.ok ? 'Success' : HISTORY_STATUS[decision.reason],
    sourceIp: attempt.peer,
    flow: attempt.flow,
  });
}
