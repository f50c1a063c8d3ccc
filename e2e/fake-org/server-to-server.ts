/**
 * The server-to-server grants of the token endpoint: client credentials (Salesforce Help "OAuth
 * 2.0 Client Credentials Flow for Server-to-Server Integration") and the JWT bearer flow (Help
 * "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration", RFC 7523). Neither issues a refresh
 * token; both answer with the org's My Domain as the instance URL. The answers and where each comes
 * from: e2e/fake-org/README.md, "Server-to-server flows".
 */
import { verify } from 'node:crypto';
import { isPreAuthorized } from './apps';
import { uploadedCertificate } from './certificates';
import { sendJson, type RequestContext } from './http';
import { loginHost, oauthLoginValues } from './login-history';
import { type OAuthApp, type OrgRecord, type UserRecord } from './model';
import { EXPIRED_CODE, NOT_APPROVED, oauthError, tokenBody } from './oauth-answers';
import { type AppInOrg, type UserInOrg } from './state';

export const CLIENT_CREDENTIALS_GRANT = 'client_credentials';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * The `aud` Salesforce accepts: the generic login host of the org's kind, never a My Domain, even
 * when the assertion is posted to the My Domain.
 */
export const JWT_AUDIENCE = { production: 'https://login.salesforce.com', sandbox: 'https://test.salesforce.com' } as const;

/**
 * What a session of these grants may do: the app's selected scopes less `refresh_token`,
 * `offline_access`, `full` and `web`, which these flows never grant. The fake org keeps no scope list
 * per app, so a typical API integration's selection stands for it (UNCONFIRMED).
 */
const SERVER_SCOPES = ['api', 'id'];

const CLIENT_IDENTIFIER_INVALID = 'client identifier invalid';
const INVALID_ASSERTION = 'invalid assertion';
/** A frozen user, worded as the refresh grant words it (UNCONFIRMED for these grants). */
const INACTIVE_USER = 'inactive user';

/**
 * `grant_type=client_credentials` with `client_id` and `client_secret` in the form or as HTTP Basic
 * credentials (RFC 6749 §2.3.1), served only on the org's My Domain.
 */
export function clientCredentialsGrant(ctx: RequestContext, params: URLSearchParams): void {
  if (ctx.myDomainOrgId === null) return oauthError(ctx, 'invalid_grant', 'request not supported on this domain');
  const client = basicCredentials(ctx) ?? { clientId: params.get('client_id') ?? '', clientSecret: params.get('client_secret') };
  const found = appOnThisHost(ctx, client.clientId);
  if (!found) return oauthError(ctx, 'invalid_client_id', CLIENT_IDENTIFIER_INVALID);
  if (client.clientSecret !== found.app.clientSecret) return oauthError(ctx, 'invalid_client', 'invalid client credentials');
  // "Enable Client Credentials Flow" off and no Run As user get the same answer.
  const runAs = found.app.clientCredentialsUser === null ? undefined : ctx.state.findUser(found.app.clientCredentialsUser, found.org.id);
  if (!runAs) return oauthError(ctx, 'invalid_grant', 'no client credentials user enabled');
  issue(ctx, found.app, runAs, 'client-credentials');
}

/**
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=…`, on the generic login host
 * and on the app's org's My Domain. Checked in this order (UNCONFIRMED): the assertion's form, its
 * issuer, the app's certificate and the RS256 signature, the audience, the expiry, the subject, the
 * subject's pre-authorization.
 */
export function jwtBearerGrant(ctx: RequestContext, params: URLSearchParams): void {
  const jwt = parseJwt(params.get('assertion') ?? '');
  if (!jwt) return oauthError(ctx, 'invalid_grant', INVALID_ASSERTION);
  const found = typeof jwt.claims.iss === 'string' ? appOnThisHost(ctx, jwt.claims.iss) : undefined;
  if (!found) return oauthError(ctx, 'invalid_client_id', CLIENT_IDENTIFIER_INVALID);
  if (!signedByApp(jwt, found.app)) return oauthError(ctx, 'invalid_grant', INVALID_ASSERTION);
  if (!isRightAudience(jwt.claims.aud, found.org)) return oauthError(ctx, 'invalid_grant', 'audience is invalid');
  if (!isUnexpired(jwt.claims.exp, ctx.state.clock.now())) return oauthError(ctx, 'invalid_grant', EXPIRED_CODE);
  const subject = typeof jwt.claims.sub === 'string' ? ctx.state.findUser(jwt.claims.sub, found.org.id) : undefined;
  if (!subject) return oauthError(ctx, 'invalid_grant', INVALID_ASSERTION);
  // No one is there to approve the app: an admin must have pre-authorized the user, whatever the
  // Permitted Users policy (a user's own earlier approval through another flow is not modelled).
  if (!isPreAuthorized(found.app, subject.user.username)) {
    record(ctx, found.app, subject.user, 'jwt', 'Failed: Not approved for access');
    return oauthError(ctx, 'invalid_grant', NOT_APPROVED.invalid_grant);
  }
  issue(ctx, found.app, subject, 'jwt');
}

/** A session for the user, recorded in the login history, answered with the org's My Domain as the instance URL. */
function issue(ctx: RequestContext, app: OAuthApp, found: UserInOrg, via: ServerToServerFlow): void {
  if (found.user.frozen) {
    record(ctx, app, found.user, via, 'User Is Frozen');
    return oauthError(ctx, 'invalid_grant', INACTIVE_USER);
  }
  record(ctx, app, found.user, via, 'Success');
  const session = ctx.state.createSession(found.user, { restricted: false, refreshToken: null, scopes: [...SERVER_SCOPES] });
  sendJson(ctx.res, 200, tokenBody(ctx, app, found, session, SERVER_SCOPES.join(' '), null, ctx.state.myDomainUrl(found.org)));
}

type ServerToServerFlow = 'client-credentials' | 'jwt';

function record(ctx: RequestContext, app: OAuthApp, user: UserRecord, via: ServerToServerFlow, status: string): void {
  const flow = oauthLoginValues(via, app.name, ctx.req.headers['user-agent'], loginHost(ctx.baseUrl));
  ctx.state.recordLogin({ user, username: user.username, status, sourceIp: ctx.peer, flow });
}

/** The app with this client id; on a My Domain only an app of that org (UNCONFIRMED: another org's app is unknown there). */
function appOnThisHost(ctx: RequestContext, clientId: string): AppInOrg | undefined {
  const found = ctx.state.findApp(clientId);
  return found && (ctx.myDomainOrgId === null || found.org.id === ctx.myDomainOrgId) ? found : undefined;
}

/** `Authorization: Basic base64(client_id:client_secret)`, each part form-encoded (RFC 6749 §2.3.1). */
function basicCredentials(ctx: RequestContext): { clientId: string; clientSecret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(ctx.req.headers.authorization ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const part = (text: string) => new URLSearchParams(`x=${text}`).get('x') ?? '';
  return { clientId: part(decoded.slice(0, colon)), clientSecret: part(decoded.slice(colon + 1)) };
}

interface CompactJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** A compact JWS (RFC 7515 §7.1): three base64url parts, a JSON header and JSON claims; null when it is not one. */
function parseJwt(assertion: string): CompactJwt | null {
  const parts = assertion.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return null;
  const [header = '', claims = '', signature = ''] = parts;
  const headerJson = jsonObject(header);
  const claimsJson = jsonObject(claims);
  if (!headerJson || !claimsJson) return null;
  return { header: headerJson, claims: claimsJson, signingInput: `${header}.${claims}`, signature: Buffer.from(signature, 'base64url') };
}

function jsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** RS256 (the only algorithm Salesforce names) verified with the public key of the app's uploaded certificate. */
function signedByApp(jwt: CompactJwt, app: OAuthApp): boolean {
  if (app.certificate === null || jwt.header.alg !== 'RS256') return false;
  return verify('RSA-SHA256', Buffer.from(jwt.signingInput, 'ascii'), uploadedCertificate(app.certificate).publicKey, jwt.signature);
}

/**
 * One string, the login host of the org's kind, with or without a trailing slash (clients send
 * both). An array is refused, as reported for Salesforce (forcedotcom/datacloud-jdbc#132).
 */
function isRightAudience(aud: unknown, org: OrgRecord): boolean {
  const expected = org.sandbox ? JWT_AUDIENCE.sandbox : JWT_AUDIENCE.production;
  return aud === expected || aud === `${expected}/`;
}

/**
 * `exp` in seconds since the epoch, a number or a numeric string (both are sent by clients
 * Salesforce accepts), still ahead of the fake clock. No upper bound: Salesforce asks for at most
 * three minutes but accepts more (the Salesforce CLI's own assertions carry a far later `exp`).
 */
function isUnexpired(exp: unknown, now: number): boolean {
  const seconds = typeof exp === 'number' ? exp : typeof exp === 'string' && /^\d+(\.\d+)?$/.test(exp) ? Number(exp) : NaN;
  return Number.isFinite(seconds) && seconds * 1000 > now;
}
