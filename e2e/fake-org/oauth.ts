/**
 * OAuth 2.0 endpoints: the token endpoint's `password` and `refresh_token` grants, and revoke
 * (reference §3). Errors are JSON `{error, error_description}` with HTTP 400, which jsforce turns
 * into an Error named `error` with message `error_description`.
 */
import { createHmac } from 'node:crypto';
import { CONTENT_TYPE, send, sendJson, type RequestContext, type Route } from './http';
import { identityUrl } from './identity';
import { decideOAuthLogin } from './login';
import { type ConnectedApp, type OrgRecord, type SessionRecord, type UserRecord } from './model';

export const oauthRoutes: Route[] = [
  { method: 'POST', pattern: /^\/services\/oauth2\/token$/, handle: token },
  { method: 'POST', pattern: /^\/services\/oauth2\/revoke$/, handle: revoke },
  { method: 'GET', pattern: /^\/services\/oauth2\/revoke$/, handle: revoke },
];

const AUTHENTICATION_FAILURE = 'authentication failure';

async function token(ctx: RequestContext): Promise<void> {
  const params = new URLSearchParams((await ctx.body()).toString('utf8'));
  const grant = params.get('grant_type');
  // "grant type is missing" comes from a single secondary source (UNCONFIRMED).
  if (!grant) return oauthError(ctx, 'invalid_request', 'grant type is missing');
  if (grant !== 'password' && grant !== 'refresh_token') return oauthError(ctx, 'unsupported_grant_type', 'grant type not supported');
  const app = ctx.state.findOrgByClientId(params.get('client_id') ?? '')?.connectedApp;
  if (!app) return oauthError(ctx, 'invalid_client_id', 'client identifier invalid');
  const secret = params.get('client_secret');
  // The password grant always needs the secret; a refresh may omit it, but not get it wrong.
  if ((grant === 'password' || secret !== null) && secret !== app.clientSecret) return oauthError(ctx, 'invalid_client', 'invalid client credentials');
  if (grant === 'password') return passwordGrant(ctx, app, params);
  return refreshGrant(ctx, app, params.get('refresh_token') ?? '');
}

function passwordGrant(ctx: RequestContext, app: ConnectedApp, params: URLSearchParams): void {
  const attempt = { username: params.get('username') ?? '', password: params.get('password') ?? '', peer: ctx.peer };
  const decision = decideOAuthLogin(ctx.state, attempt);
  // Every refusal, lockout and blocked flow included, is the same `authentication failure` (§3.2).
  if (!decision.ok) return oauthError(ctx, 'invalid_grant', AUTHENTICATION_FAILURE);
  const session = ctx.state.createSession(decision.user, { restricted: false, refreshToken: null });
  sendJson(ctx.res, 200, tokenBody(ctx, app, decision.user, decision.org, session));
}

function refreshGrant(ctx: RequestContext, app: ConnectedApp, refreshToken: string): void {
  const grant = ctx.state.findRefreshToken(refreshToken);
  if (!grant || grant.clientId !== app.clientId) return oauthError(ctx, 'invalid_grant', 'expired access/refresh token');
  // A frozen user can't log in at all; worded as for an inactive user (UNCONFIRMED).
  if (grant.user.frozen) return oauthError(ctx, 'invalid_grant', 'inactive user');
  const session = ctx.state.createSession(grant.user, { restricted: false, refreshToken });
  // No new refresh token: rotation is off by default (reference §3.3).
  sendJson(ctx.res, 200, tokenBody(ctx, app, grant.user, grant.org, session));
}

/** The success body (reference §3.2); `signature` = Base64(HMAC-SHA256(client secret, id + issued_at)). */
function tokenBody(ctx: RequestContext, app: ConnectedApp, user: UserRecord, org: OrgRecord, session: SessionRecord): Record<string, string> {
  const id = identityUrl(ctx.baseUrl, org, user);
  const issuedAt = String(ctx.state.clock.now());
  return {
    access_token: session.id,
    instance_url: ctx.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature: createHmac('sha256', app.clientSecret).update(id + issuedAt).digest('base64'),
    scope: 'api',
  };
}

/**
 * `token=` in the form body (or query, for GET). The error body is form-encoded: jsforce parses
 * revoke errors with `querystring`, so that is the format it expects (format UNCONFIRMED, §3.5).
 */
async function revoke(ctx: RequestContext): Promise<void> {
  const params = ctx.req.method === 'POST' ? new URLSearchParams((await ctx.body()).toString('utf8')) : ctx.url.searchParams;
  if (ctx.state.revoke(params.get('token') ?? '')) return send(ctx.res, 200, CONTENT_TYPE.text, '');
  const body = new URLSearchParams({ error: 'invalid_token', error_description: 'Token was invalid' }).toString();
  send(ctx.res, 400, CONTENT_TYPE.form, body);
}

function oauthError(ctx: RequestContext, error: string, description: string): void {
  sendJson(ctx.res, 400, { error, error_description: description });
}
