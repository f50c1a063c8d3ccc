/**
 * OAuth 2.0 endpoints: the token endpoint's `password`, `authorization_code` and `refresh_token`
 * grants, and revoke (Salesforce Help's OAuth flow pages; RFC 6749); the server-to-server grants
 * are in server-to-server.ts. Errors are JSON `{error, error_description}` with HTTP 400, which
 * jsforce turns into an Error named `error` with message `error_description`.
 */
import { createHash } from 'node:crypto';
import { CONTENT_TYPE, send, sendJson, type RequestContext, type Route } from './http';
import { decideOAuthLogin } from './login';
import { loginHost, oauthLoginValues } from './login-history';
import { type OAuthApp } from './model';
import { EXPIRED_CODE, NOT_APPROVED, oauthError, tokenBody } from './oauth-answers';
import { grantsRefreshToken } from './scopes';
import { clientCredentialsGrant, CLIENT_CREDENTIALS_GRANT, JWT_BEARER_GRANT, jwtBearerGrant } from './server-to-server';

export const oauthRoutes: Route[] = [
  { method: 'POST', pattern: /^\/services\/oauth2\/token$/, handle: token },
  { method: 'POST', pattern: /^\/services\/oauth2\/revoke$/, handle: revoke },
  { method: 'GET', pattern: /^\/services\/oauth2\/revoke$/, handle: revoke },
];

/** How long an authorization code can be exchanged, on the fake clock (UNCONFIRMED: Salesforce publishes no lifetime). */
export const AUTHORIZATION_CODE_MINUTES = 15;

const GRANT_TYPES = ['password', 'authorization_code', 'refresh_token', CLIENT_CREDENTIALS_GRANT, JWT_BEARER_GRANT] as const;
type GrantType = (typeof GRANT_TYPES)[number];

const AUTHENTICATION_FAILURE = 'authentication failure';
const EXPIRED_TOKEN = 'expired access/refresh token';
/** Unknown and malformed codes (UNCONFIRMED wording, widely reported). */
const INVALID_CODE = 'invalid authorization code';

async function token(ctx: RequestContext): Promise<void> {
  const params = new URLSearchParams((await ctx.body()).toString('utf8'));
  const grant = params.get('grant_type');
  // "grant type is missing" comes from a single secondary source (UNCONFIRMED).
  if (!grant) return oauthError(ctx, 'invalid_request', 'grant type is missing');
  if (!isGrantType(grant)) return oauthError(ctx, 'unsupported_grant_type', 'grant type not supported');
  // The server-to-server grants check their client their own way: the JWT names it inside the assertion.
  if (grant === CLIENT_CREDENTIALS_GRANT) return clientCredentialsGrant(ctx, params);
  if (grant === JWT_BEARER_GRANT) return jwtBearerGrant(ctx, params);
  const found = ctx.state.findApp(params.get('client_id') ?? '');
  if (!found) return oauthError(ctx, 'invalid_client_id', 'client identifier invalid');
  const { app } = found;
  // External Client Apps have no username-password flow. Salesforce answers as for a refused
  // login: ForceCLI adds its "External Client Apps do not support it" hint to exactly this error
  // (ForceCLI/force#780; UNCONFIRMED). Refused before the user is looked at, so nothing is counted.
  if (grant === 'password' && found.kind === 'externalClientApp') return oauthError(ctx, 'invalid_grant', AUTHENTICATION_FAILURE);
  const secret = params.get('client_secret');
  // The password grant always needs the secret; the code exchange and the refresh each when the app's
  // own setting for that flow says so; a secret sent must be right. A refresh refused for a missing
  // secret gets the same answer as a wrong one (UNCONFIRMED), before the refresh token is looked at,
  // so the token stays good.
  const secretRequired = grant === 'password' || (grant === 'authorization_code' ? app.requireSecret : app.requireSecretForRefresh);
  if ((secretRequired || secret !== null) && secret !== app.clientSecret) {
    return oauthError(ctx, 'invalid_client', 'invalid client credentials');
  }
  if (grant === 'password') return passwordGrant(ctx, app, params);
  if (grant === 'authorization_code') return authorizationCodeGrant(ctx, app, params);
  return refreshGrant(ctx, app, params.get('refresh_token') ?? '');
}

function isGrantType(grant: string): grant is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(grant);
}

function passwordGrant(ctx: RequestContext, app: OAuthApp, params: URLSearchParams): void {
  const flow = oauthLoginValues('oauth', app.name, ctx.req.headers['user-agent'], loginHost(ctx.baseUrl));
  const attempt = { username: params.get('username') ?? '', password: params.get('password') ?? '', peer: ctx.peer, orgScope: ctx.myDomainOrgId, flow };
  const decision = decideOAuthLogin(ctx.state, attempt, app);
  // A user the app does not admit under "Admin approved users are pre-authorized".
  if (!decision.ok && decision.reason === 'NOT_APPROVED') return oauthError(ctx, app.notApprovedError, NOT_APPROVED[app.notApprovedError]);
  // Every other refusal, lockout and blocked flow included, is the same `authentication failure`: Salesforce never says which.
  if (!decision.ok) return oauthError(ctx, 'invalid_grant', AUTHENTICATION_FAILURE);
  const session = ctx.state.createSession(decision.user, { restricted: false, refreshToken: null, scopes: null });
  sendJson(ctx.res, 200, tokenBody(ctx, app, decision, session, 'api', null));
}

/**
 * The web-server flow's code exchange (RFC 6749 §4.1.3; PKCE per RFC 7636). A code buys one
 * exchange attempt: a failed one burns it too (UNCONFIRMED), and presenting it again revokes
 * whatever it bought, as RFC 6749 §4.1.2 asks, since a replayed code may have been stolen.
 */
function authorizationCodeGrant(ctx: RequestContext, app: OAuthApp, params: URLSearchParams): void {
  const found = ctx.state.findAuthorizationCode(params.get('code') ?? '');
  // A code issued to another app is as unknown as a made-up one, and stays usable by its own app.
  if (!found || found.record.clientId !== app.clientId) return oauthError(ctx, 'invalid_grant', INVALID_CODE);
  const { record, user } = found;
  if (record.redeemed) {
    for (const issued of record.issuedTokens) ctx.state.revoke(issued);
    return oauthError(ctx, 'invalid_grant', EXPIRED_CODE);
  }
  record.redeemed = true;
  if (ctx.state.clock.now() - record.issuedAt >= AUTHORIZATION_CODE_MINUTES * 60_000) return oauthError(ctx, 'invalid_grant', EXPIRED_CODE);
  // RFC 6749 §4.1.3: the same redirect_uri as the authorize request (wording UNCONFIRMED).
  if (params.get('redirect_uri') !== record.redirectUri) return oauthError(ctx, 'invalid_grant', 'redirect_uri mismatch');
  // Observed for a verifier that does not match (salesforce.stackexchange.com q/330168, nsflow#249);
  // a translated copy of Salesforce's web-server flow doc says `invalid_request` there, but the wire
  // says `invalid_grant`.
  // A missing verifier is `invalid_grant` per the doc; its wording is UNCONFIRMED, the same here.
  if (!verifierMatches(record.codeChallenge, params.get('code_verifier'))) return oauthError(ctx, 'invalid_grant', 'invalid code verifier');
  if (user.frozen) return oauthError(ctx, 'invalid_grant', 'inactive user');
  const refreshToken = grantsRefreshToken(record.scopes) ? ctx.state.issueRefreshToken(user, app.clientId, record.scopes) : null;
  const session = ctx.state.createSession(user, { restricted: false, refreshToken, scopes: record.scopes });
  record.issuedTokens = refreshToken === null ? [session.id] : [session.id, refreshToken];
  sendJson(ctx.res, 200, tokenBody(ctx, app, found, session, record.scopes.join(' '), refreshToken));
}

/**
 * PKCE S256 (RFC 7636 §4.6): BASE64URL(SHA-256(verifier)) must equal the challenge. Without a
 * challenge there is nothing to check; a verifier sent anyway is ignored (UNCONFIRMED), which is
 * what jsforce's `useVerifier` does on every token request.
 */
function verifierMatches(challenge: string | null, verifier: string | null): boolean {
  if (challenge === null) return true;
  return verifier !== null && createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge;
}

/**
 * The refresh_token grant. With rotation on (the app's "Enable Refresh Token Rotation") the answer
 * carries a new refresh token and the one presented is spent. A spent token presented again gets the
 * answer of a revoked one, as seen from Salesforce, and Salesforce's help on rotation says reuse also
 * revokes the token that replaced it, with its access tokens: a reused token may have been stolen.
 */
function refreshGrant(ctx: RequestContext, app: OAuthApp, refreshToken: string): void {
  if (ctx.state.revokeReusedRefreshToken(refreshToken)) return oauthError(ctx, 'invalid_grant', EXPIRED_TOKEN);
  // Unknown, revoked, expired and other apps' tokens alike, as Salesforce answers them.
  const grant = ctx.state.findRefreshToken(refreshToken);
  if (!grant || grant.clientId !== app.clientId) return oauthError(ctx, 'invalid_grant', EXPIRED_TOKEN);
  // Each refresh is a login in Login History (subtype `OAuth Refresh Token`); a token that names no
  // live grant names no user, so such refusals leave no row (UNCONFIRMED).
  const flow = oauthLoginValues('refresh-token', app.name, ctx.req.headers['user-agent'], loginHost(ctx.baseUrl));
  const recordRefresh = (status: string) => ctx.state.recordLogin({ user: grant.user, username: grant.user.username, status, sourceIp: ctx.peer, flow });
  // A frozen user can't log in at all; worded as for an inactive user (UNCONFIRMED).
  if (grant.user.frozen) {
    recordRefresh('User Is Frozen');
    return oauthError(ctx, 'invalid_grant', 'inactive user');
  }
  recordRefresh('Success');
  // Without rotation no new refresh token is sent (Salesforce's refresh token flow documentation).
  const current = app.rotateRefreshTokens ? ctx.state.rotateRefreshToken(refreshToken) : refreshToken;
  const session = ctx.state.createSession(grant.user, { restricted: false, refreshToken: current, scopes: grant.scopes });
  sendJson(ctx.res, 200, tokenBody(ctx, app, grant, session, grant.scopes.join(' '), app.rotateRefreshTokens ? current : null));
}

/**
 * `token=` in the form body (or query, for GET). The error body is form-encoded: jsforce parses
 * revoke errors with `querystring`, so that is the format it expects (format UNCONFIRMED: Salesforce's
 * "Revoke OAuth Tokens" names the error codes, not the body's format).
 */
async function revoke(ctx: RequestContext): Promise<void> {
  const params = ctx.req.method === 'POST' ? new URLSearchParams((await ctx.body()).toString('utf8')) : ctx.url.searchParams;
  if (ctx.state.revoke(params.get('token') ?? '')) return send(ctx.res, 200, CONTENT_TYPE.text, '');
  const body = new URLSearchParams({ error: 'invalid_token', error_description: 'Token was invalid' }).toString();
  send(ctx.res, 400, CONTENT_TYPE.form, body);
}
