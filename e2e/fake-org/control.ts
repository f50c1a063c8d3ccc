/**
 * The control API under `/__fake/` (its table: e2e/fake-org/README.md): JSON in and out, loopback
 * callers only. Tests and demos use it to read secrets, reset tokens, change settings and apps,
 * revoke refresh tokens, read mail and login history, queue faults and move the clock.
 */
import * as z from 'zod';
import { appSnapshot, CALLBACK_URL_RULE, isCallbackUrl } from './apps';
import { HttpError, matchRoute, normalisePath, sendJson, type RequestContext, type Route } from './http';
import { to18 } from './ids';
import { FAULT_BODIES, LOCKOUT_MINUTES, MAX_LOGIN_ATTEMPTS, NOT_APPROVED_ERRORS, PASSWORD_EXPIRY_DAYS, PERMITTED_USERS, type UserRecord } from './model';
import { MAIL_LANGUAGES } from './mail';
import { isLoopback, parseCidr } from './network';
import { parseScopes } from './scopes';
import { parseCertificate } from './certificates';
import { seedLoginHistory } from './history-seed';
import { type OrgRecord } from './model';
import { type UserInOrg } from './state';

const passwordBody = z.strictObject({
  // Salesforce's default policy: at least 8 characters mixing letters and numbers.
  password: z
    .string()
    .min(8, 'Your password must be at least 8 characters long.')
    .regex(/[A-Za-z]/, 'Your password must have a mix of letters and numbers.')
    .regex(/[0-9]/, 'Your password must have a mix of letters and numbers.'),
});

const userPatch = z.strictObject({
  passwordExpired: z.boolean().optional(),
  apiEnabled: z.boolean().optional(),
  useAnyApiAuth: z.boolean().optional(),
  viewSetup: z.boolean().optional(),
  manageUsers: z.boolean().optional(),
  monitorLoginHistory: z.boolean().optional(),
  frozen: z.boolean().optional(),
  unlock: z.literal(true).optional(),
  language: z.enum(MAIL_LANGUAGES).optional(),
  // Up to ten years back: LastPasswordChangeDate is the fake clock's now less this many days.
  lastPasswordChangeDaysAgo: z.number().min(0).max(3650).finite().optional(),
  passwordNeverExpires: z.boolean().optional(),
  apiOnly: z.boolean().optional(),
  mfaForApi: z.boolean().optional(),
  modifyAllData: z.boolean().optional(),
});

const orgPatch = z.strictObject({
  trustedIpRanges: z.array(z.string().refine((range) => parseCidr(range) !== null, 'must be a CIDR range such as 127.0.0.1/32')).optional(),
  soapLoginEnabled: z.boolean().optional(),
  enforceUseAnyApiAuth: z.boolean().optional(),
  apiEnabled: z.boolean().optional(),
  passwordFlowAllowed: z.boolean().optional(),
  passwordFlowRetired: z.boolean().optional(),
  maxLoginAttempts: z.literal(MAX_LOGIN_ATTEMPTS).optional(),
  lockoutMinutes: z.literal(LOCKOUT_MINUTES).optional(),
  passwordExpiryDays: z.literal(PASSWORD_EXPIRY_DAYS).optional(),
  // Company Information's name (80 characters). Any text a server might send, so clients can be tested
  // with it, except the C0 controls XML 1.0 cannot carry: SOAP login() answers with the name.
  // eslint-disable-next-line no-control-regex
  name: z.string().min(1).max(80).regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/, 'must be text XML can carry (no C0 controls but tab and line breaks)').optional(),
});

const faultBody = z
  .strictObject({
    path: z.string().startsWith('/').optional(),
    count: z.number().int().min(1),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    status: z.number().int().min(100).max(599).optional(),
    body: z.enum(FAULT_BODIES).optional(),
    drop: z.literal(true).optional(),
  })
  .refine((f) => f.latencyMs !== undefined || f.status !== undefined || f.body !== undefined || f.drop, 'a fault needs latencyMs, status, body or drop')
  .refine((f) => !(f.drop && (f.status !== undefined || f.body !== undefined)), 'a dropped connection has no status or body');

const clockBody = z.strictObject({ advanceMinutes: z.number().positive().finite() });

const historySeedBody = z.strictObject({
  // LoginHistory keeps six months.
  days: z.number().int().min(1).max(180),
  perDay: z.number().int().min(1).max(5000),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
});

/** OAuth policies that can be set on any app. */
const appPolicies = {
  callbackUrls: z.array(z.string().refine(isCallbackUrl, CALLBACK_URL_RULE)).min(1).optional(),
  requireSecret: z.boolean().optional(),
  requireSecretForRefresh: z.boolean().optional(),
  rotateRefreshTokens: z.boolean().optional(),
  refreshTokenValidityMinutes: z.number().int().positive().nullable().optional(),
  permittedUsers: z.enum(PERMITTED_USERS).optional(),
  preApprovedUsers: z.array(z.string().min(1)).optional(),
  notApprovedError: z.enum(NOT_APPROVED_ERRORS).optional(),
  /** The same list as `preApprovedUsers`, under the name the server-to-server flows give it; users of the app's org only. */
  preAuthorizedUsers: z.array(z.string().min(1)).optional(),
  clientCredentialsUser: z.string().min(1).nullable().optional(),
  certificate: z.string().min(1).max(64 * 1024).nullable().optional(),
};

const newAppBody = z.strictObject({ name: z.string().trim().min(1).max(80).optional(), ...appPolicies });

const appPatch = z.strictObject(appPolicies);

/** Body of `PATCH /__fake/users/{username}`. */
export type UserPatch = z.input<typeof userPatch>;
/** Body of `PATCH /__fake/orgs/{orgId}`. */
export type OrgPatch = z.input<typeof orgPatch>;
/** Body of `POST /__fake/faults`: the next `count` requests under `path` (default: any) misbehave. */
export type FaultSpec = z.input<typeof faultBody>;
/** Body of `POST /__fake/orgs/{orgId}/external-client-apps`; what is left out takes the seed's defaults. */
export type NewExternalClientApp = z.input<typeof newAppBody>;
/** Body of `PATCH /__fake/apps/{clientId}`, for a connected app or an External Client App. */
export type AppPatch = z.input<typeof appPatch>;
/** Body of `POST /__fake/orgs/{orgId}/login-history/seed`; `seed` (default 1) makes the rows repeatable. */
export type HistorySeedSpec = z.input<typeof historySeedBody>;

const refreshTokenBody = z.strictObject({ clientId: z.string().optional() });

const profilePolicyBody = z.strictObject({ passwordExpiration: z.literal(PASSWORD_EXPIRY_DAYS) });

/** Body of `PUT /__fake/orgs/{orgId}/profile-password-policies/{profileName}`. */
export type ProfilePolicySpec = z.input<typeof profilePolicyBody>;

const routes: Route[] = [
  { method: 'GET', pattern: /^\/__fake\/state$/, handle: (ctx) => sendJson(ctx.res, 200, ctx.state.snapshot()) },
  { method: 'POST', pattern: /^\/__fake\/users\/([^/]+)\/reset-token$/, handle: resetToken },
  { method: 'POST', pattern: /^\/__fake\/users\/([^/]+)\/password$/, handle: setPassword },
  { method: 'POST', pattern: /^\/__fake\/users\/([^/]+)\/refresh-token$/, handle: issueRefreshToken },
  { method: 'POST', pattern: /^\/__fake\/users\/([^/]+)\/revoke-refresh-tokens$/, handle: revokeRefreshTokens },
  { method: 'PATCH', pattern: /^\/__fake\/users\/([^/]+)$/, handle: patchUser },
  { method: 'PATCH', pattern: /^\/__fake\/orgs\/([^/]+)$/, handle: patchOrg },
  { method: 'POST', pattern: /^\/__fake\/orgs\/([^/]+)\/external-client-apps$/, handle: createExternalClientApp },
  { method: 'POST', pattern: /^\/__fake\/orgs\/([^/]+)\/login-history\/seed$/, handle: seedHistory },
  { method: 'PUT', pattern: /^\/__fake\/orgs\/([^/]+)\/profile-password-policies\/([^/]+)$/, handle: putProfilePolicy },
  { method: 'DELETE', pattern: /^\/__fake\/orgs\/([^/]+)\/profile-password-policies\/([^/]+)$/, handle: deleteProfilePolicy },
  { method: 'POST', pattern: /^\/__fake\/orgs\/([^/]+)\/refresh-sandbox$/, handle: refreshSandbox },
  { method: 'PATCH', pattern: /^\/__fake\/apps\/([^/]+)$/, handle: patchApp },
  { method: 'GET', pattern: /^\/__fake\/outbox$/, handle: (ctx) => sendJson(ctx.res, 200, ctx.state.outbox(ctx.url.searchParams.get('to') ?? undefined)) },
  {
    method: 'GET',
    pattern: /^\/__fake\/login-history$/,
    handle: (ctx) => sendJson(ctx.res, 200, ctx.state.loginHistory(ctx.url.searchParams.get('username') ?? undefined)),
  },
  { method: 'POST', pattern: /^\/__fake\/faults$/, handle: addFault },
  { method: 'POST', pattern: /^\/__fake\/clock$/, handle: advanceClock },
  { method: 'POST', pattern: /^\/__fake\/reset$/, handle: reset },
];

/** Whether a (normalised) path belongs to the control API. */
export function isControlPath(path: string): boolean {
  return path === '/__fake' || path.startsWith('/__fake/');
}

/** Answers a control request; callers that are not on loopback get 403 and nothing else. */
export async function handleControl(ctx: RequestContext): Promise<void> {
  if (!isLoopback(ctx.peer)) return sendJson(ctx.res, 403, { message: 'The fake org control API answers loopback callers only' });
  const matched = matchRoute(routes, ctx.req.method ?? 'GET', ctx.path);
  if (matched === undefined) throw new HttpError(404, `No control endpoint ${ctx.path}`);
  if (matched === 'methodNotAllowed') throw new HttpError(405, `${ctx.req.method ?? ''} is not supported on ${ctx.path}`);
  await matched.route.handle(ctx, matched.params);
}

async function resetToken(ctx: RequestContext, [username = '']: string[]): Promise<void> {
  await readJson(ctx, z.strictObject({}));
  sendJson(ctx.res, 200, { token: ctx.state.resetToken(findUser(ctx, username)) });
}

async function setPassword(ctx: RequestContext, [username = '']: string[]): Promise<void> {
  const { password } = await readJson(ctx, passwordBody);
  const user = findUser(ctx, username);
  // Password history: the current password can't be chosen again.
  if (password === user.password) throw new HttpError(400, 'password: You cannot reuse this old password.');
  sendJson(ctx.res, 200, { token: ctx.state.setPassword(user, password) });
}

/**
 * A shortcut past the web-server flow's pages: Salesforce issues refresh tokens only through that
 * flow, never to the username-password flow, so tests obtain one here for the refresh_token grant.
 * Its scopes are those of an authorize request that names none.
 */
async function issueRefreshToken(ctx: RequestContext, [username = '']: string[]): Promise<void> {
  const { clientId } = await readJson(ctx, refreshTokenBody);
  const found = findUserInOrg(ctx, username);
  const app = clientId === undefined ? found.org.connectedApp : ctx.state.findApp(clientId)?.app;
  if (!app) throw new HttpError(400, `clientId: no connected app or External Client App with client id ${clientId ?? ''}`);
  sendJson(ctx.res, 200, { refreshToken: ctx.state.issueRefreshToken(found.user, app.clientId, parseScopes(null)) });
}

/** An admin's "Revoke" for the user's OAuth apps: every refresh token, and the sessions minted from them. */
async function revokeRefreshTokens(ctx: RequestContext, [username = '']: string[]): Promise<void> {
  await readJson(ctx, z.strictObject({}));
  sendJson(ctx.res, 200, { revoked: ctx.state.revokeRefreshTokensOf(findUser(ctx, username)) });
}

async function patchUser(ctx: RequestContext, [username = '']: string[]): Promise<void> {
  const { unlock, lastPasswordChangeDaysAgo, ...changes } = await readJson(ctx, userPatch);
  const user = findUser(ctx, username);
  Object.assign(user, changes);
  if (unlock) ctx.state.unlock(user);
  if (lastPasswordChangeDaysAgo !== undefined) user.passwordChangedAt = ctx.state.clock.now() - lastPasswordChangeDaysAgo * 86_400_000;
  sendJson(ctx.res, 200, ctx.state.userSnapshot(user));
}

async function patchOrg(ctx: RequestContext, [orgId = '']: string[]): Promise<void> {
  const { name, ...changes } = await readJson(ctx, orgPatch);
  const org = ctx.state.findOrg(orgId);
  if (!org) throw new HttpError(404, `No org with id ${orgId}`);
  if (name !== undefined) org.name = name;
  Object.assign(org.settings, changes);
  sendJson(ctx.res, 200, ctx.state.orgSnapshot(org));
}

/** A profile's own password policy, created or changed; the answer is the org with all of them. */
async function putProfilePolicy(ctx: RequestContext, [orgId = '', profile = '']: string[]): Promise<void> {
  const { passwordExpiration } = await readJson(ctx, profilePolicyBody);
  const org = findOrg(ctx, orgId);
  const existing = org.profilePasswordPolicies.find((policy) => policy.profile.toLowerCase() === profile.toLowerCase());
  if (existing) existing.passwordExpiration = passwordExpiration;
  else {
    // Salesforce names the component after the profile and the time it was made.
    const fullName = `${profile.replace(/[^A-Za-z0-9]+/g, '_')}_profilePasswordPolicy${ctx.state.clock.now()}`;
    org.profilePasswordPolicies.push({ fullName, profile, passwordExpiration });
  }
  sendJson(ctx.res, 200, ctx.state.orgSnapshot(org));
}

async function deleteProfilePolicy(ctx: RequestContext, [orgId = '', profileName = '']: string[]): Promise<void> {
  await readJson(ctx, z.strictObject({}));
  const org = findOrg(ctx, orgId);
  const profile = profileName.toLowerCase();
  const before = org.profilePasswordPolicies.length;
  org.profilePasswordPolicies = org.profilePasswordPolicies.filter((policy) => policy.profile.toLowerCase() !== profile);
  if (org.profilePasswordPolicies.length === before) throw new HttpError(404, `No password policy for profile ${profileName}`);
  sendJson(ctx.res, 200, ctx.state.orgSnapshot(org));
}

async function refreshSandbox(ctx: RequestContext, [orgId = '']: string[]): Promise<void> {
  await readJson(ctx, z.strictObject({}));
  const org = findOrg(ctx, orgId);
  if (!org.sandbox) throw new HttpError(400, `The org ${to18(org.id)} is not a sandbox; only a sandbox can be refreshed`);
  sendJson(ctx.res, 200, ctx.state.refreshSandbox(org));
}

function findOrg(ctx: RequestContext, orgId: string): OrgRecord {
  const org = ctx.state.findOrg(orgId);
  if (!org) throw new HttpError(404, `No org with id ${orgId}`);
  return org;
}

async function createExternalClientApp(ctx: RequestContext, [orgId = '']: string[]): Promise<void> {
  const settings = await readJson(ctx, newAppBody);
  const org = ctx.state.findOrg(orgId);
  if (!org) throw new HttpError(404, `No org with id ${orgId}`);
  sendJson(ctx.res, 201, appSnapshot(ctx.state.addExternalClientApp(org, appSettings(ctx, org, settings)), 'externalClientApp', org.id));
}

async function seedHistory(ctx: RequestContext, [orgId = '']: string[]): Promise<void> {
  const { days, perDay, seed } = await readJson(ctx, historySeedBody);
  const org = ctx.state.findOrg(orgId);
  if (!org) throw new HttpError(404, `No org with id ${orgId}`);
  sendJson(ctx.res, 200, seedLoginHistory(ctx.state, org, { days, perDay, seed: seed ?? 1 }));
}

async function patchApp(ctx: RequestContext, [clientId = '']: string[]): Promise<void> {
  const changes = await readJson(ctx, appPatch);
  const found = ctx.state.findApp(clientId);
  if (!found) throw new HttpError(404, `No connected app or External Client App with client id ${clientId}`);
  Object.assign(found.app, appSettings(ctx, found.org, changes));
  sendJson(ctx.res, 200, appSnapshot(found.app, found.kind, found.org.id));
}

async function addFault(ctx: RequestContext): Promise<void> {
  const fault = await readJson(ctx, faultBody);
  ctx.state.addFault({
    path: fault.path === undefined ? null : normalisePath(fault.path),
    remaining: fault.count,
    latencyMs: fault.latencyMs ?? 0,
    status: fault.status ?? null,
    body: fault.body ?? null,
    drop: fault.drop ?? false,
  });
  sendJson(ctx.res, 200, { faults: ctx.state.snapshot().faults });
}

async function advanceClock(ctx: RequestContext): Promise<void> {
  const { advanceMinutes } = await readJson(ctx, clockBody);
  ctx.state.clock.advanceMinutes(advanceMinutes);
  sendJson(ctx.res, 200, { now: new Date(ctx.state.clock.now()).toISOString() });
}

async function reset(ctx: RequestContext): Promise<void> {
  await readJson(ctx, z.strictObject({}));
  ctx.state.reset();
  sendJson(ctx.res, 200, ctx.state.snapshot());
}

function findUserInOrg(ctx: RequestContext, username: string): UserInOrg {
  const found = ctx.state.findUser(username);
  if (!found) throw new HttpError(404, `No user with username ${username}`);
  return found;
}

function findUser(ctx: RequestContext, username: string): UserRecord {
  return findUserInOrg(ctx, username).user;
}

/** Pre-approving a user who does not exist is a mistake in the test: say so rather than approve nobody. */
function requireUsers(ctx: RequestContext, usernames: string[] | undefined): void {
  const unknown = usernames?.find((username) => !ctx.state.findUser(username));
  if (unknown !== undefined) throw new HttpError(400, `preApprovedUsers: no user with username ${unknown}`);
}

/**
 * App settings from a control body, checked against the app's org: the pre-authorized list under
 * either name, the client credentials user as that user's own username, the certificate parsed.
 */
function appSettings<T extends AppPatch>(ctx: RequestContext, org: OrgRecord, body: T): Omit<T, 'preAuthorizedUsers'> {
  const { preAuthorizedUsers, ...settings } = body;
  requireUsers(ctx, settings.preApprovedUsers);
  if (preAuthorizedUsers !== undefined) {
    if (settings.preApprovedUsers !== undefined) throw new HttpError(400, 'preAuthorizedUsers: is the same list as preApprovedUsers; give one of them');
    for (const username of preAuthorizedUsers) orgUser(ctx, org, 'preAuthorizedUsers', username);
    settings.preApprovedUsers = preAuthorizedUsers;
  }
  if (typeof settings.clientCredentialsUser === 'string') settings.clientCredentialsUser = orgUser(ctx, org, 'clientCredentialsUser', settings.clientCredentialsUser).username;
  if (typeof settings.certificate === 'string') {
    const certificate = parseCertificate(settings.certificate);
    if ('problem' in certificate) throw new HttpError(400, `certificate: ${certificate.problem}`);
  }
  return settings;
}

/** A user of `org`: the server-to-server flows act only as a user of the app's own org. */
function orgUser(ctx: RequestContext, org: OrgRecord, field: string, username: string): UserRecord {
  const found = ctx.state.findUser(username, org.id);
  if (!found) throw new HttpError(400, `${field}: no user with username ${username} in the app's org`);
  return found.user;
}

/** Parses a JSON body (empty means `{}`) against `schema`; 400 with the reasons otherwise. */
async function readJson<T>(ctx: RequestContext, schema: z.ZodType<T>): Promise<T> {
  const text = (await ctx.body()).toString('utf8').trim();
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpError(400, parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; '));
  }
  return parsed.data;
}
