/**
 * The web-server (authorization-code) flow's browser side (Salesforce Help "OAuth 2.0 Web Server
 * Flow for Web App Integration", RFC 6749 §4.1, PKCE per RFC 7636): the authorize endpoint checks
 * the client and its callback, then the login page and the "Allow Access?" page lead to a redirect
 * to the callback with a code or an error.
 *
 * Errors Salesforce can't trust the callback for (unknown client, callback not registered) are an
 * HTML page; every later error is a redirect to the callback with `error`, `error_description`
 * and the request's `state`.
 */
import {
  CONSENT_PATH,
  LOGIN_FAILED,
  LOGIN_PATH,
  authorizeErrorPage,
  consentPage,
  loginPage,
  oauthErrorPage,
  passwordExpiredPage,
  requestExpiredPage,
} from './authorize-pages';
import { CONTENT_TYPE, send, type RequestContext, type Route } from './http';
import { decideBrowserLogin } from './login';
import { loginHost, oauthLoginValues } from './login-history';
import { type AppKind, type PendingAuthorization } from './model';
import { parseScopes } from './scopes';

export const authorizeRoutes: Route[] = [
  { method: 'GET', pattern: /^\/services\/oauth2\/authorize$/, handle: authorize },
  { method: 'POST', pattern: exactPath(LOGIN_PATH), handle: login },
  { method: 'POST', pattern: exactPath(CONSENT_PATH), handle: consent },
];

function exactPath(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

function authorize(ctx: RequestContext): void {
  const query = ctx.url.searchParams;
  const found = ctx.state.findApp(query.get('client_id') ?? '');
  if (!found) return sendPage(ctx, 400, authorizeErrorPage('invalid_client_id', 'client identifier invalid'));
  const redirectUri = query.get('redirect_uri') ?? '';
  // Exactly as registered: no prefix, trailing-slash or case tolerance.
  if (!found.app.callbackUrls.includes(redirectUri)) return sendPage(ctx, 400, authorizeErrorPage('redirect_uri_mismatch', 'redirect_uri must match configuration'));
  const state = query.get('state');
  const fail = (error: string, description: string) => redirect(ctx, redirectUri, { error, error_description: description, state });
  // The fake org has no user-agent flow (`token`) or hybrid flows; descriptions UNCONFIRMED.
  if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'response type not supported');
  // S256 is implied when the method is left out, as jsforce does; `plain` is not offered.
  const method = query.get('code_challenge_method');
  if (method !== null && method !== 'S256') return fail('invalid_request', 'invalid code challenge method');
  // No browser session survives between requests here, so a login can never be skipped (OpenID
  // Connect's error code; UNCONFIRMED for Salesforce).
  if (query.get('prompt')?.split(/\s+/).includes('none')) return fail('login_required', 'user is not logged in');
  const pending = ctx.state.startAuthorization({
    clientId: found.app.clientId,
    redirectUri,
    state,
    codeChallenge: query.get('code_challenge') || null,
    scopes: parseScopes(query.get('scope')),
  });
  sendPage(ctx, 200, loginPage(pending.id, query.get('login_hint') ?? '', null));
}

/**
 * The login form. Refusals show the page again with Salesforce's one message, whatever the reason;
 * a user of another org than the app's logs in, then meets Salesforce's OAuth error page.
 */
async function login(ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx);
  const pending = ctx.state.findAuthorization(form.get('request') ?? '');
  if (!pending || pending.userId !== null) return sendPage(ctx, 400, requestExpiredPage());
  const username = form.get('username') ?? '';
  const found = ctx.state.findApp(pending.clientId);
  if (!found) throw new Error(`The app ${pending.clientId} of a pending request is gone`);
  const flow = oauthLoginValues('browser', found.app.name, ctx.req.headers['user-agent'], loginHost(ctx.baseUrl));
  const decision = decideBrowserLogin(ctx.state, { username, password: form.get('password') ?? '', peer: ctx.peer, orgScope: ctx.myDomainOrgId, flow });
  if (!decision.ok && decision.reason === 'PASSWORD_EXPIRED') return sendPage(ctx, 200, passwordExpiredPage(decision.user?.username ?? username));
  if (!decision.ok) return sendPage(ctx, 200, loginPage(pending.id, username, LOGIN_FAILED));
  if (found.org.id !== decision.org.id) {
    ctx.state.discardAuthorization(pending);
    return sendPage(ctx, 400, notInstalledPage(found.kind));
  }
  pending.userId = decision.user.id;
  sendPage(ctx, 200, consentPage(pending.id, found.app.name, decision.user.username, pending.scopes));
}

/**
 * An app used by another org's user. An External Client App is local to its org; a connected app
 * must be installed in the user's org since Salesforce's 2025 change (help 005132365). Codes as
 * observed in those situations (PipedreamHQ/pipedream#21557, SalesforceMobileSDK-Package#314);
 * that they appear on this page rather than at the callback is UNCONFIRMED.
 */
function notInstalledPage(kind: AppKind): string {
  return kind === 'externalClientApp'
    ? oauthErrorPage('OAUTH_EC_APP_NOT_FOUND', 'External client app is not installed in this org')
    : oauthErrorPage('OAUTH_APPROVAL_ERROR_GENERIC', 'An unexpected error has occurred during authentication. Please try again.');
}

/**
 * "Allow" redirects with a code; "Deny", or anything but "Allow", with `access_denied`. The state
 * is echoed either way.
 */
async function consent(ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx);
  const pending = ctx.state.findAuthorization(form.get('request') ?? '');
  if (!pending || !hasUser(pending)) return sendPage(ctx, 400, requestExpiredPage());
  if (form.get('decision') === 'allow') return redirect(ctx, pending.redirectUri, { code: ctx.state.approveAuthorization(pending), state: pending.state });
  ctx.state.discardAuthorization(pending);
  // The help page's example writes `access-denied`; RFC 6749 and the user-agent example say `access_denied`.
  redirect(ctx, pending.redirectUri, { error: 'access_denied', error_description: 'end-user denied authorization', state: pending.state });
}

function hasUser(pending: PendingAuthorization): pending is PendingAuthorization & { userId: string } {
  return pending.userId !== null;
}

async function readForm(ctx: RequestContext): Promise<URLSearchParams> {
  return new URLSearchParams((await ctx.body()).toString('utf8'));
}

/**
 * 302 to the callback. Values are percent-encoded (spaces as `%20`, as Salesforce writes them);
 * a null `state` is left out, as when the request sent none.
 */
function redirect(ctx: RequestContext, redirectUri: string, params: Record<string, string | null>): void {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  send(ctx.res, 302, CONTENT_TYPE.text, '', { Location: `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${query}`, 'Cache-Control': 'no-store' });
}

function sendPage(ctx: RequestContext, status: number, html: string): void {
  send(ctx.res, status, CONTENT_TYPE.html, html, { 'Cache-Control': 'no-store' });
}
