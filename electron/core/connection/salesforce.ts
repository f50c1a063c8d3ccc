/**
 * The jsforce side of the Salesforce gateway: the only code that speaks to Salesforce, behind the
 * `SalesforceGateway` port (jsforce-gateway.ts wraps it and classifies its errors).
 *
 * A check is: log in (SOAP `login()` at API 64.0, the last version that has it; the OAuth
 * username-password flow when the org has a client id + secret; for browser-login orgs the
 * refresh-token grant; the client credentials or JWT bearer grant), read identity, the Organization
 * record and the API limits (at once), then log out so no session lingers (for OAuth sessions:
 * revoke the access token, never the refresh token). `openSession` logs in the same way and hands
 * the session to a tool instead.
 * The browser sign-in's code exchange and the refresh token's revocation live here too. jsforce is loaded on
 * first use (loading it costs about 0.35 s, which `orgkey list` must not pay). Requests are never retried: a login that failed
 * must not be repeated behind the user's back, since every failure counts toward Salesforce's lockout.
 */
import type { Connection } from 'jsforce';
import { OrgKeyError } from '../errors';
import type TransportDefault from 'jsforce/lib/transport';
import type { CodeExchange, LoginRequest, OrgFacts, PasswordUserFacts, QueryPage, QueryRequest, RefreshGrant, Session, SignInGrant, SingleAccessRequest } from '../ports';

type ConnectionClass = typeof Connection;

/** The last API version in which SOAP `login()` exists: from 65.0 Salesforce answers it with INVALID_OPERATION. */
export const SOAP_LOGIN_API_VERSION = '64.0';

/** Thrown when the check ran out of time or was cancelled; diagnosis turns it into words. */
export class CheckInterrupted extends Error {
  constructor(readonly reason: 'timeout' | 'cancelled') {
    super(reason === 'timeout' ? 'connection check timed out' : 'connection check cancelled');
    this.name = 'CheckInterrupted';
  }
}

type TransportClass = typeof TransportDefault;

let loaded: Promise<{ Connection: ConnectionClass; Transport: TransportClass }> | undefined;
function loadJsforce() {
  // jsforce is CommonJS; depending on the loader, a dynamic import hands back module.exports or a
  // namespace wrapping it under `default`. Accept both.
  loaded ??= Promise.all([import('jsforce'), import('jsforce/lib/transport.js')]).then(([jsforce, transport]) => {
    const pick = <T>(mod: unknown, name: string): T => {
      const m = mod as Record<string, unknown> & { default?: Record<string, unknown> };
      return (m[name] ?? m.default?.[name]) as T;
    };
    const transportExport = pick<unknown>(transport, 'default');
    return {
      Connection: pick<ConnectionClass>(jsforce, 'Connection'),
      Transport: (typeof transportExport === 'function' ? transportExport : pick<TransportClass>(transportExport, 'default')) as TransportClass,
    };
  });
  return loaded;
}

/**
 * A jsforce transport with a per-request deadline and no retries.
 *
 * jsforce retries GETs on 5xx and network errors with growing back-off, and gives each request
 * 30 minutes by default; a connection check needs a firm deadline and must free its sockets.
 */
function boundedTransport(Transport: TransportClass, deadline: number, seen: ResponseTrace) {
  return new (class extends Transport {
    override httpRequest(request: Parameters<InstanceType<TransportClass>['httpRequest']>[0], options: Record<string, unknown> = {}) {
      const timeout = Math.max(1, deadline - Date.now());
      const pending = super.httpRequest(request, { ...options, timeout, retry: { maxRetries: 0 } });
      // jsforce's errors do not say which HTTP status or content type came back; diagnosis needs both.
      pending.then(
        (response) => {
          seen.status = response.statusCode;
          seen.contentType = String(response.headers['content-type'] ?? '');
        },
        () => undefined,
      );
      return pending;
    }
  })();
}

/** What the last HTTP answer of a check looked like, for diagnosis. */
export interface ResponseTrace {
  status?: number;
  contentType?: string;
}

/** A failed check: the underlying error, the step it happened in, and the last HTTP answer. */
export class CheckFailed extends Error {
  constructor(
    readonly failure: unknown,
    readonly phase: 'login' | 'read',
    readonly response: ResponseTrace,
  ) {
    super('connection check failed');
    this.name = 'CheckFailed';
  }
}

function interruptible<T>(work: Promise<T>, deadline: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new CheckInterrupted('cancelled'));
    const timer = setTimeout(() => reject(new CheckInterrupted('timeout')), Math.max(0, deadline - Date.now()));
    const onAbort = () => reject(new CheckInterrupted('cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

interface OrganizationRow {
  Id: string;
  Name: string;
  OrganizationType: string;
  IsSandbox: boolean;
  InstanceName: string;
}

/**
 * The code of an error Salesforce's REST API answered with: jsforce puts it in `errorCode` (and
 * `name`) and keeps the message bare, without the `CODE:` prefix of SOAP faults. Undefined for
 * anything else, jsforce's `ERROR_HTTP_<status>` for an answer without a code included.
 */
export function restErrorCode(error: unknown): string | undefined {
  const code = (error as { errorCode?: unknown } | null | undefined)?.errorCode;
  return typeof code === 'string' && /^[A-Z][A-Z_]{2,80}$/.test(code) ? code : undefined;
}

/** How Salesforce refuses `/limits` to a user who may not read them (View Setup and Configuration). */
const LIMITS_REFUSALS: ReadonlySet<string> = new Set(['API_DISABLED_FOR_ORG', 'INSUFFICIENT_ACCESS', 'FUNCTIONALITY_NOT_ENABLED']);

async function readFacts(conn: Connection, via: OrgFacts['via'], readPasswordUser = false): Promise<OrgFacts> {
  // The reads are independent: asked at once, a test takes one round trip for them, not three.
  // The limits need "View Setup and Configuration" (REST API guide, "Limits"), which a user who
  // logs in fine may lack: Salesforce's refusal of them alone is kept as a fact, not a failure.
  const organization = conn.query<OrganizationRow>('SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization');
  const reads = Promise.all([conn.identity(), organization]);
  // The password user's reads (password orgs) never fail the test: each refusal is a fact.
  // Never left rejected while the org's reads are awaited: its failure is thrown below, after theirs.
  const passwordUser = readPasswordUser ? readPasswordUserFacts(conn).then((facts) => ({ facts }), (error: unknown) => ({ error })) : undefined;
  const limitsAnswer = conn.limits().then(
    (limits: unknown) => ({ limits }),
    (error: unknown) => ({ error }),
  );
  const [identity, orgs] = await reads;
  const answer = await limitsAnswer;
  const refusedCode = 'error' in answer ? restErrorCode(answer.error) : undefined;
  // Only a refusal of the limits to this user is a fact about them; any other error (a session
  // refused, an org over its limits) is what it is for the whole test.
  const limitsRefusal = refusedCode && LIMITS_REFUSALS.has(refusedCode) ? refusedCode : undefined;
  if ('error' in answer && !limitsRefusal) throw answer.error;
  // jsforce hands back whatever a 200 answer held: a web page from a proxy must not pass as facts.
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(identity) || typeof identity.organization_id !== 'string') throw new TypeError('The identity answer is not Salesforce’s.');
  if (!isObject(orgs) || !Array.isArray(orgs.records)) throw new TypeError('The Organization query answer is not Salesforce’s.');
  const limits = 'limits' in answer ? answer.limits : undefined;
  if (!limitsRefusal && (!isObject(limits) || !isObject(limits.DailyApiRequests))) throw new TypeError('The limits answer is not Salesforce’s.');
  const org = orgs.records[0];
  const daily = isObject(limits) && isObject(limits.DailyApiRequests) ? (limits.DailyApiRequests as { Remaining?: number; Max?: number }) : undefined;
  return {
    orgId: org?.Id ?? identity.organization_id,
    orgName: org?.Name ?? '',
    edition: org?.OrganizationType ?? '',
    isSandbox: !!org?.IsSandbox,
    instanceName: org?.InstanceName ?? '',
    instanceUrl: conn.instanceUrl,
    userId: identity.user_id,
    userName: identity.username,
    userFullName: identity.display_name,
    apiRequestsRemaining: daily?.Remaining ?? null,
    apiRequestsMax: daily?.Max ?? null,
    ...(limitsRefusal ? { limitsRefusal } : {}),
    via,
    ...(passwordUser ? { passwordUser: await factsOf(passwordUser) } : {}),
  };
}

async function factsOf(answer: Promise<{ facts: PasswordUserFacts } | { error: unknown }>): Promise<PasswordUserFacts> {
  const settled = await answer;
  if ('error' in settled) throw settled.error;
  return settled.facts;
}

/** The code of a refusal: a REST error code, a SOAP fault code without its `sf:` prefix, or UNREADABLE. */
function refusalOf(error: unknown): string {
  const rest = restErrorCode(error);
  if (rest) return rest;
  const code = (error as { errorCode?: unknown } | null | undefined)?.errorCode;
  const bare = typeof code === 'string' ? code.replace(/^[A-Za-z]+:/, '') : '';
  return /^[A-Z][A-Z_]{2,80}$/.test(bare) ? bare : 'UNREADABLE';
}

/**
 * The running user's permissions that matter to an unattended login, by their API names in
 * `UserPermissionAccess` (the user's profile and permission sets together).
 */
const PERMISSION_FIELDS = {
  apiEnabled: 'PermissionsApiEnabled',
  apiOnly: 'PermissionsApiUserOnly',
  passwordNeverExpires: 'PermissionsPasswordNeverExpires',
  useAnyApiAuth: 'PermissionsUseAnyApiAuth',
  mfaForApi: 'PermissionsTwoFactorApi',
} as const;
/** Fields every org with the API knows; the others are newer or need a feature, and an org without them answers INVALID_FIELD. */
const BASE_PERMISSIONS = ['apiEnabled', 'apiOnly', 'passwordNeverExpires'] as const;

/**
 * "User passwords expire in" of the org's password policy (Metadata API `SecuritySettings`
 * `passwordPolicies.expiration`), in days; 0 is "Never expires".
 */
const ORG_EXPIRATION_DAYS: Readonly<Record<string, number>> = { ThirtyDays: 30, SixtyDays: 60, NinetyDays: 90, SixMonths: 180, OneYear: 365, Never: 0 };

const profileKey = (name: string) => name.toLowerCase().replace(/[\s_]+/g, '');
const sameProfile = (a: string, b: string) => profileKey(a) === profileKey(b);

type Settled<T> = { value: T } | { refusal: string };
const settle = <T>(work: Promise<T>): Promise<Settled<T>> => work.then((value) => ({ value }), (error: unknown) => ({ refusal: refusalOf(error) }));
/**
 * A SOQL read of the password user: Salesforce's own refusal (a REST error code other than a refused
 * session) is a fact about the user; anything else — a refused session, a web page, a broken or
 * missing answer — is kept to fail the test with, as the org's own reads would.
 */
const settleSoql = <T>(work: Promise<T>): Promise<Settled<T> | { mustFail: unknown }> =>
  work.then(
    (value) => ({ value }),
    (error: unknown) => {
      const code = restErrorCode(error);
      return code && code !== 'INVALID_SESSION_ID' ? { refusal: code } : { mustFail: error };
    },
  );
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

async function readPermissions(conn: Connection): Promise<NonNullable<PasswordUserFacts['permissions']>> {
  const ask = async (keys: ReadonlyArray<keyof typeof PERMISSION_FIELDS>) => {
    const answer: unknown = await conn.query(`SELECT ${keys.map((key) => PERMISSION_FIELDS[key]).join(', ')} FROM UserPermissionAccess`);
    const row = isRecord(answer) && Array.isArray(answer.records) ? (answer.records[0] as unknown) : undefined;
    if (!isRecord(row)) throw new TypeError('The UserPermissionAccess answer is not Salesforce’s.');
    const flag = (key: keyof typeof PERMISSION_FIELDS) => (keys.includes(key) ? row[PERMISSION_FIELDS[key]] === true : null);
    return { apiEnabled: !!flag('apiEnabled'), apiOnly: !!flag('apiOnly'), passwordNeverExpires: !!flag('passwordNeverExpires'), useAnyApiAuth: flag('useAnyApiAuth'), mfaForApi: flag('mfaForApi') };
  };
  try {
    return await ask(Object.keys(PERMISSION_FIELDS) as Array<keyof typeof PERMISSION_FIELDS>);
  } catch (error) {
    // An org that does not have a newer permission refuses the whole query: ask again without them.
    if (refusalOf(error) !== 'INVALID_FIELD') throw error;
    return ask(BASE_PERMISSIONS);
  }
}

/**
 * The user's last password change, permissions and effective password policy, read alongside the
 * org's facts; profile password policies, when the org has any, take one more step (reading them to
 * find the user's profile's). The policy is a Metadata API read, which needs "Modify All Data" or
 * "Modify Metadata Through Metadata API Functions": an integration user often lacks both.
 */
async function readPasswordUserFacts(conn: Connection): Promise<PasswordUserFacts> {
  const userId = conn.userInfo?.id ?? '';
  // Every read starts at once, with the org's own facts: a test stays three round trips (log in,
  // read, log out). A SOQL answer that refuses the session or is not Salesforce's fails the whole
  // test, as it would on the reads the test stands on (`mustFail`); only Salesforce's own refusal
  // of a read to this user is kept as a fact.
  const user = settleSoql(
    (async () => {
      // The id comes from Salesforce's own login answer; checked anyway before it goes into SOQL.
      if (!/^[a-zA-Z0-9]{15,18}$/.test(userId)) throw new TypeError('No user id from the login.');
      const answer: unknown = await conn.query(`SELECT Id, LastPasswordChangeDate, Profile.Name FROM User WHERE Id = '${userId}'`);
      const row = isRecord(answer) && Array.isArray(answer.records) ? (answer.records[0] as unknown) : undefined;
      if (!isRecord(row)) throw new TypeError('The User answer is not Salesforce’s.');
      const changed = row.LastPasswordChangeDate;
      const profile = isRecord(row.Profile) && typeof row.Profile.Name === 'string' ? row.Profile.Name : null;
      // Salesforce writes datetimes as `2026-11-12T09:30:00.000+0000`: kept as ISO, as OrgKey's own dates are.
      const when = typeof changed === 'string' ? Date.parse(changed) : Number.NaN;
      return { lastPasswordChangeDate: Number.isNaN(when) ? null : new Date(when).toISOString(), profileName: profile };
    })(),
  );
  const permissions = settleSoql(readPermissions(conn));
  const orgPolicy = settle(
    (async () => {
      const [settings] = (await conn.metadata.read('SecuritySettings', ['Security'])) as unknown as unknown[];
      const expiration = isRecord(settings) && isRecord(settings.passwordPolicies) ? settings.passwordPolicies.expiration : undefined;
      const days = typeof expiration === 'string' ? ORG_EXPIRATION_DAYS[expiration] : undefined;
      if (days === undefined) throw new TypeError('The SecuritySettings answer is not Salesforce’s.');
      return days;
    })(),
  );
  const profilePolicyNames = settle(
    (async () => {
      const listed: unknown = await conn.metadata.list([{ type: 'ProfilePasswordPolicy' }]);
      const entries = Array.isArray(listed) ? listed : listed ? [listed] : [];
      return entries.map((entry) => (isRecord(entry) && typeof entry.fullName === 'string' ? entry.fullName : '')).filter(Boolean);
    })(),
  );
  const [userAnswer, permissionsAnswer, orgAnswer, namesAnswer] = await Promise.all([user, permissions, orgPolicy, profilePolicyNames]);
  if ('mustFail' in userAnswer) throw userAnswer.mustFail;
  if ('mustFail' in permissionsAnswer) throw permissionsAnswer.mustFail;
  const facts: PasswordUserFacts = {};
  if ('value' in userAnswer) facts.user = userAnswer.value;
  else facts.userRefusal = userAnswer.refusal;
  if ('value' in permissionsAnswer) facts.permissions = permissionsAnswer.value;
  else facts.permissionsRefusal = permissionsAnswer.refusal;

  // A profile's own password policy overrides the org's for that profile's users.
  let profileAnswer: Settled<number | null> = { value: null };
  const profileName = facts.user?.profileName;
  if ('refusal' in namesAnswer) profileAnswer = namesAnswer;
  // Profile policies, but the user's profile unknown: which policy applies cannot be told.
  else if (namesAnswer.value.length > 0 && !profileName) profileAnswer = { refusal: facts.userRefusal ?? 'UNREADABLE' };
  else if (namesAnswer.value.length > 0 && profileName) {
    profileAnswer = await settle(
      (async () => {
        // readMetadata takes at most 10 names a call.
        const chunks: string[][] = [];
        for (let i = 0; i < namesAnswer.value.length; i += 10) chunks.push(namesAnswer.value.slice(i, i + 10));
        const read = await Promise.all(chunks.map((names) => conn.metadata.read('ProfilePasswordPolicy', names) as unknown as Promise<unknown[]>));
        // `profile` names the profile, but retrieved policies show API-style names (`SVC_Integration_API_Only`
        // for "SVC Integration API Only"): matched without regard to case, spaces or underscores (UNCONFIRMED).
        const policy = read.flat().find((entry) => isRecord(entry) && typeof entry.profile === 'string' && sameProfile(entry.profile, profileName));
        if (!isRecord(policy)) return null;
        const days = Number(policy.passwordExpiration);
        if (!Number.isInteger(days) || days < 0) throw new TypeError('The ProfilePasswordPolicy answer is not Salesforce’s.');
        return days;
      })(),
    );
  }
  if ('refusal' in profileAnswer) facts.policyRefusal = profileAnswer.refusal;
  else if (profileAnswer.value !== null) facts.policy = { source: 'profile', expiryDays: profileAnswer.value };
  else if ('refusal' in orgAnswer) facts.policyRefusal = orgAnswer.refusal;
  else facts.policy = { source: 'org', expiryDays: orgAnswer.value };
  return facts;
}

/** The OAuth grant a request names, as a test's `via`; SOAP login() or the password flow otherwise. */
function viaOf(request: LoginRequest): OrgFacts['via'] {
  if (request.refresh) return 'browser';
  if (request.clientCredentials) return 'client-credentials';
  if (request.jwt) return 'jwt';
  return request.oauth ? 'oauth' : 'soap';
}

/** jsforce's OAuth client settings for the request's grant (none for SOAP login()). */
function oauth2Of(request: LoginRequest): Record<string, string> | undefined {
  const { refresh, clientCredentials, oauth } = request;
  if (refresh) return { loginUrl: request.loginUrl, clientId: refresh.clientId, ...(refresh.clientSecret ? { clientSecret: refresh.clientSecret } : {}) };
  // No redirect URI: Salesforce has no use for one in this grant.
  if (clientCredentials) return { loginUrl: request.loginUrl, clientId: clientCredentials.clientId, clientSecret: clientCredentials.clientSecret };
  // The assertion names the app (`iss`): the JWT bearer request carries no client id or secret.
  if (request.jwt) return { loginUrl: request.loginUrl };
  if (oauth) return { loginUrl: request.loginUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, redirectUri: 'http://localhost/oauth/callback' };
  return undefined;
}

/** Start loading jsforce now (a login's `connect` waits for it, and reports its failure). */
export function prepareJsforce(): void {
  loadJsforce().catch(() => undefined);
}

/**
 * A connection for the request, on the bounded transport, and the login it makes: the one place
 * that knows each grant. Everything goes through jsforce's own login() / authorize(), which posts
 * any grant type to the token endpoint and sets the session up from the answer's `id` and
 * `instance_url`.
 */
async function connect(request: LoginRequest, deadline: number, trace: ResponseTrace) {
  const { Connection, Transport } = await interruptible(loadJsforce(), deadline, request.signal);
  const { refresh } = request;
  const oauth2 = oauth2Of(request);
  const conn = new Connection({
    loginUrl: request.loginUrl,
    version: request.apiVersion ?? SOAP_LOGIN_API_VERSION,
    ...(oauth2 ? { oauth2 } : {}),
    ...(refresh
      ? {
          refreshToken: refresh.refreshToken,
          // jsforce refreshes by itself when a request meets an expired session; its own refresh would
          // drop a rotated token (the one kept would then be void), so it renews the way the check does.
          refreshFn: (renewing: Connection, callback: (error?: Error, accessToken?: string) => void) => {
            renewSession(renewing, refresh).then(
              () => callback(undefined, renewing.accessToken ?? undefined),
              (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
            );
          },
        }
      : {}),
  });
  const transport = boundedTransport(Transport, deadline, trace);
  conn._transport = transport;
  conn.oauth2._transport = transport;
  const login = async () => {
    if (refresh) return renewSession(conn, refresh);
    if (request.clientCredentials) await conn.authorize({ grant_type: 'client_credentials' });
    else if (request.jwt) await conn.authorize({ grant_type: JWT_BEARER_GRANT, assertion: request.jwt.assertion });
    else await conn.login(request.username, request.secret);
    // jsforce answers a 401 on a later request by logging in again (the password, or a refresh
    // token these grants do not have); a login OrgKey did not ask for could count toward the
    // lockout, so a refused session is reported instead.
    conn._refreshDelegate = undefined;
  };
  return { conn, login, via: viaOf(request) };
}

/** The JWT bearer flow's grant type (RFC 7523 §2.1). */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * Log in, do `work` with the session, and start ending it (unless `keep`), within the request's
 * deadline. Resolves with the work's value and `ended`, the session's end (its logout) under way;
 * rejects with `CheckFailed` (the step it failed in, and the last HTTP answer) or `CheckInterrupted`.
 */
async function withLogin<T>(request: LoginRequest, work: (conn: Connection, via: OrgFacts['via']) => Promise<T>, { keep }: { keep: boolean }): Promise<{ value: T; ended: Promise<void> }> {
  const deadline = Date.now() + request.timeoutMs;
  const trace: ResponseTrace = {};
  const { conn, login, via } = await connect(request, deadline, trace);
  let loggedIn = false;
  let phase: CheckFailed['phase'] = 'login';
  const logout = () => interruptible(conn.logout(), Date.now() + 5_000).catch(() => undefined);
  const run = (async () => {
    await login();
    loggedIn = true;
    phase = 'read';
    return work(conn, via);
  })();
  let value: T;
  try {
    value = await interruptible(run, deadline, request.signal);
  } catch (error) {
    // If the login still completes after a timeout or cancel, end that session when it does.
    void run.then(logout, () => (loggedIn ? logout() : undefined));
    throw error instanceof CheckInterrupted ? error : new CheckFailed(error, phase, { ...trace });
  }
  // Best effort, never rejects: a session we cannot end expires on its own; the result stands either way.
  return { value, ended: keep ? Promise.resolve() : logout() };
}

/**
 * Log in, read the org's facts, and start logging out: the facts arrive with `ended`, the logout
 * under way (never rejects), so the caller can record them meanwhile. Rejects with `CheckFailed`
 * or `CheckInterrupted`.
 */
export async function checkEnding(request: LoginRequest): Promise<{ facts: OrgFacts; ended: Promise<void> }> {
  const { value, ended } = await withLogin(request, (conn, via) => readFacts(conn, via, !!request.readPasswordUser), { keep: false });
  return { facts: value, ended };
}

/** Log in, read the org's facts, log out; resolves once the session has ended. Rejects as `checkEnding`. */
export async function checkConnection(request: LoginRequest): Promise<OrgFacts> {
  const { facts, ended } = await checkEnding(request);
  await ended;
  return facts;
}

/**
 * Log in and hand the session over: the access token, the instance URL and who it acts as (the
 * identity URL, one read). The session is not ended: a tool uses it. Rejects as `checkConnection`.
 */
export async function openSession(request: LoginRequest): Promise<Session> {
  const { value } = await withLogin(
    request,
    async (conn, via) => {
      const identity: unknown = await conn.identity();
      const fields = identity as { username?: unknown; organization_id?: unknown; user_id?: unknown } | null;
      if (typeof fields?.username !== 'string' || typeof fields.organization_id !== 'string') throw new TypeError('The identity answer is not Salesforce’s.');
      if (!conn.accessToken) throw new TypeError('Salesforce’s answer held no access token.');
      const userId = typeof fields.user_id === 'string' ? { userId: fields.user_id } : {};
      // Salesforce's token answers carry no expiry (`issued_at` only): the org's session timeout decides.
      return { accessToken: conn.accessToken, instanceUrl: conn.instanceUrl, expiresAt: null, userName: fields.username, ...userId, orgId: fields.organization_id, via };
    },
    { keep: true },
  );
  return value;
}

/**
 * The refresh-token grant, through jsforce's public authorize(): it sets up the session and userInfo
 * from the answer's `id` just as a code exchange does, and keeps the answer's refresh token, or the
 * one sent when none came back. A rotated token is handed to `onRotated` before the session is used:
 * the one sent is void from now on, and Salesforce takes a second use of it as theft.
 */
async function renewSession(conn: Connection, refresh: RefreshGrant): Promise<void> {
  const sent = conn.refreshToken ?? refresh.refreshToken;
  await conn.authorize({ grant_type: 'refresh_token', refresh_token: sent });
  if (conn.refreshToken && conn.refreshToken !== sent) await refresh.onRotated(conn.refreshToken);
}

/** The OAuth error code jsforce reports (its `name`), when it is one: an identifier, safe to show. */
function oauthCode(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^[a-z_]{3,60}$/.test(name) ? name : undefined;
}

async function oauthConnection(loginUrl: string, clientId: string, clientSecret: string | undefined, redirectUri: string | undefined, deadline: number) {
  const { Connection, Transport } = await loadJsforce();
  const conn = new Connection({
    loginUrl,
    version: SOAP_LOGIN_API_VERSION,
    oauth2: { loginUrl, clientId, ...(clientSecret ? { clientSecret } : {}), ...(redirectUri ? { redirectUri } : {}) },
  });
  const transport = boundedTransport(Transport, deadline, {});
  conn._transport = transport;
  conn.oauth2._transport = transport;
  return conn;
}

/**
 * Exchange the code with its PKCE verifier, learn the username, and end the short session: OrgKey
 * keeps only the refresh token. Rejects with SIGN_IN_REJECTED or SIGN_IN_NO_REFRESH_TOKEN.
 */
export async function exchangeCode(request: CodeExchange): Promise<SignInGrant> {
  const deadline = Date.now() + request.timeoutMs;
  const conn = await oauthConnection(request.loginUrl, request.clientId, request.clientSecret, request.redirectUri, deadline);
  let userInfo: { id: string; organizationId: string };
  try {
    userInfo = await interruptible(conn.authorize(request.code, { code_verifier: request.codeVerifier }), deadline);
  } catch (error) {
    const code = oauthCode(error);
    throw new OrgKeyError('SIGN_IN_REJECTED', code ? { details: [`Salesforce’s code: ${code}.`] } : {}, { cause: error });
  }
  try {
    const refreshToken = conn.refreshToken;
    if (!refreshToken) throw new OrgKeyError('SIGN_IN_NO_REFRESH_TOKEN');
    const identity = await interruptible(conn.identity(), deadline).catch((error: unknown) => {
      throw new OrgKeyError('SIGN_IN_REJECTED', { message: 'Salesforce signed in, but OrgKey could not read who signed in (the identity URL).', remedy: 'In the app’s OAuth settings, add the scope “Access the identity URL service (id, profile, email, address, phone)”, then sign in again.' }, { cause: error });
    });
    if (typeof identity?.username !== 'string') throw new OrgKeyError('SIGN_IN_REJECTED', { message: 'The identity answer is not Salesforce’s.' });
    return { refreshToken, username: identity.username, orgId: userInfo.organizationId, userId: userInfo.id, instanceUrl: conn.instanceUrl };
  } finally {
    // Revokes the access token only; the refresh token stays valid.
    await interruptible(conn.logout(), Date.now() + 5_000).catch(() => undefined);
  }
}

/** Revoke a refresh token (sign out); resolves whether Salesforce confirmed it. Never throws. */
export async function revokeToken(request: { loginUrl: string; clientId: string; token: string; timeoutMs: number }): Promise<boolean> {
  const deadline = Date.now() + request.timeoutMs;
  try {
    const conn = await oauthConnection(request.loginUrl, request.clientId, undefined, undefined, deadline);
    await interruptible(conn.oauth2.revokeToken(request.token), deadline);
    return true;
  } catch (error) {
    // Already revoked or expired is as good as revoked.
    return oauthCode(error) === 'invalid_token';
  }
}

/** A connection on a session a login handed over: SOAP login()'s session id, or an OAuth access token. */
async function sessionConnection(session: Session, loginUrl: string, deadline: number, trace: ResponseTrace = {}) {
  const { Connection, Transport } = await loadJsforce();
  const conn = new Connection({
    instanceUrl: session.instanceUrl,
    version: SOAP_LOGIN_API_VERSION,
    // A SOAP session ends with SOAP logout(); an OAuth one by revoking its access token at the login host.
    ...(session.via === 'soap' ? { sessionId: session.accessToken } : { accessToken: session.accessToken, oauth2: { loginUrl } }),
  });
  const transport = boundedTransport(Transport, deadline, trace);
  conn._transport = transport;
  conn.oauth2._transport = transport;
  return conn;
}

/**
 * One page of a query on a session: the first page of `soql`, or the page at `nextRecordsUrl`.
 * Never jsforce's autoFetch: a caller reading hundreds of thousands of rows holds one page at a time.
 * A refused session is reported, not renewed (no refresh delegate: nothing logs in again).
 * Rejects with `CheckFailed` (phase `read`) or `CheckInterrupted`.
 */
export function queryPage(session: Session, request: QueryRequest): Promise<QueryPage> {
  return onSession(session, request, async (conn) => {
    const answer: unknown = request.nextRecordsUrl !== undefined ? await conn.queryMore(request.nextRecordsUrl).autoFetch(false) : await conn.query(request.soql ?? '').autoFetch(false);
    const page = answer as { records?: unknown; totalSize?: unknown; nextRecordsUrl?: unknown } | null;
    // jsforce hands back whatever a 200 answer held: a web page from a proxy must not pass as rows.
    if (!page || !Array.isArray(page.records) || typeof page.totalSize !== 'number') throw new TypeError('The query answer is not Salesforce’s.');
    return { records: page.records as QueryPage['records'], totalSize: page.totalSize, nextRecordsUrl: typeof page.nextRecordsUrl === 'string' ? page.nextRecordsUrl : null };
  });
}

/**
 * Trade a session for a single-use frontdoor URL (UI Bridge API). POST with a form body, as
 * Salesforce's help describes it (`sf org open` sends a GET; the endpoint takes both). The answer is
 * `{"frontdoor_uri"}`; an expired token gets 403. Rejects with `CheckFailed` (phase `read`) or `CheckInterrupted`.
 */
export function singleAccessUrl(session: Session, request: SingleAccessRequest): Promise<string> {
  const body = new URLSearchParams(request.path === undefined ? {} : { redirect_uri: request.path }).toString();
  return onSession(session, request, async (conn) => {
    const answer: unknown = await conn.request({ method: 'POST', url: '/services/oauth2/singleaccess', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const uri = (answer as { frontdoor_uri?: unknown } | null)?.frontdoor_uri;
    if (typeof uri !== 'string') throw new TypeError('The single-access answer is not Salesforce’s.');
    return uri;
  });
}

/**
 * Do `work` on a session a login handed over, within the request's deadline and signal. Rejects
 * with `CheckFailed` (phase `read`, with the last HTTP answer) or `CheckInterrupted`.
 */
async function onSession<T>(
  session: Session,
  request: { loginUrl: string; timeoutMs: number; signal?: AbortSignal | undefined },
  work: (conn: Connection) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + request.timeoutMs;
  const trace: ResponseTrace = {};
  const conn = await interruptible(sessionConnection(session, request.loginUrl, deadline, trace), deadline, request.signal);
  const running = work(conn);
  try {
    return await interruptible(running, deadline, request.signal);
  } catch (error) {
    running.catch(() => undefined);
    throw error instanceof CheckInterrupted ? error : new CheckFailed(error, 'read', { ...trace });
  }
}

/** End a session a login handed over (SOAP logout(), or revoke the access token). Best effort: never throws. */
export async function endSession(session: Session, loginUrl: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  try {
    const conn = await sessionConnection(session, loginUrl, deadline);
    await interruptible(conn.logout(), deadline);
  } catch {
    // A session that cannot be ended expires with the org's session timeout.
  }
}
