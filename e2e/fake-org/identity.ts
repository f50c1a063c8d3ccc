/**
 * Who is logged in: the identity URL `/id/{orgId}/{userId}` (Mobile SDK "Using Identity URLs")
 * and `/secur/frontdoor.jsp`, which opens the UI with a single-use code (or an old-style session id).
 */
import { send, sendJson, bearerToken, CONTENT_TYPE, type RequestContext, type Route } from './http';
import { canonicalId, to18 } from './ids';
import { escapeText, htmlPage } from './markup';
import { type OrgRecord, type UserRecord } from './model';
import { grantsIdentity } from './scopes';
import { redeemOtp } from './single-access';
import { type ActiveSession } from './state';

export const identityRoutes: Route[] = [
  { method: 'GET', pattern: /^\/id\/([^/]+)\/([^/]+)$/, handle: identity },
  { method: 'GET', pattern: /^\/secur\/frontdoor\.jsp$/, handle: frontdoor },
];

/** The identity URL of a user; jsforce reads the org and user ids from its last two segments. */
export function identityUrl(baseUrl: string, org: OrgRecord, user: UserRecord): string {
  return `${baseUrl}/id/${to18(org.id)}/${to18(user.id)}`;
}

/**
 * Token from `Authorization: Bearer` or `oauth_token`. Error bodies are the identity service's
 * plain codes (`Missing_OAuth_Token`, `Bad_OAuth_Token`, `Bad_Id`) — UNCONFIRMED from memory of
 * the Mobile SDK guide, not from the protocol file.
 */
function identity(ctx: RequestContext, [orgId = '', userId = '']: string[]): void {
  const token = bearerToken(ctx.req) ?? ctx.url.searchParams.get('oauth_token');
  if (!token) return send(ctx.res, 403, CONTENT_TYPE.text, 'Missing_OAuth_Token');
  const active = ctx.state.useSession(token, ctx.myDomainOrgId);
  // A web-server flow session without an identity scope (`id`, `openid`, …) is refused the same way (UNCONFIRMED).
  if (!active || active.session.restricted || !grantsIdentity(active.session.scopes)) return send(ctx.res, 403, CONTENT_TYPE.text, 'Bad_OAuth_Token');
  if (canonicalId(orgId) !== active.org.id || canonicalId(userId) !== active.user.id) return send(ctx.res, 404, CONTENT_TYPE.text, 'Bad_Id');
  sendJson(ctx.res, 200, identityBody(ctx.baseUrl, active, ctx.url.searchParams.get('version')));
}

/** The identity document; URL templates keep `{version}` unless `version` was given ("Using Identity URLs"). */
function identityBody(baseUrl: string, { user, org }: ActiveSession, version: string | null): Record<string, unknown> {
  const v = version ?? '{version}';
  const orgId = to18(org.id);
  const userId = to18(user.id);
  return {
    id: identityUrl(baseUrl, org, user),
    asserted_user: true,
    user_id: userId,
    organization_id: orgId,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: 'America/Los_Angeles',
    photos: { picture: `${baseUrl}/profilephoto/005/F`, thumbnail: `${baseUrl}/profilephoto/005/T` },
    active: true,
    user_type: 'STANDARD',
    language: user.language ?? 'en_US',
    locale: 'en_US',
    utcOffset: -28800000,
    is_lightning_login_user: false,
    urls: {
      enterprise: `${baseUrl}/services/Soap/c/${v}/${org.id}`,
      metadata: `${baseUrl}/services/Soap/m/${v}/${org.id}`,
      partner: `${baseUrl}/services/Soap/u/${v}/${org.id}`,
      rest: `${baseUrl}/services/data/v${v}/`,
      sobjects: `${baseUrl}/services/data/v${v}/sobjects/`,
      search: `${baseUrl}/services/data/v${v}/search/`,
      query: `${baseUrl}/services/data/v${v}/query/`,
      profile: `${baseUrl}/${userId}`,
    },
  };
}

/**
 * A small page naming the user and org. A single-use `otp` (single-access.ts) logs in once and
 * names the page it was asked to open (`startURL`, where real Salesforce redirects); a `sid` is
 * the old way, a live session id in the URL. A restricted (expired-password) session lands on the
 * change-password page; an unknown session or a used or expired code gets a 401 page (real
 * Salesforce redirects to its login page — UNCONFIRMED, and not needed by any client here).
 */
function frontdoor(ctx: RequestContext): void {
  const otp = ctx.url.searchParams.get('otp');
  const redeemed = otp === null ? null : redeemOtp(ctx, otp);
  const active = otp === null ? ctx.state.useSession(ctx.url.searchParams.get('sid') ?? '', ctx.myDomainOrgId) : redeemed?.active;
  if (!active) return sendPage(ctx, 401, 'Session Expired', '<p>Your session has expired or is invalid. Please log in again.</p>');
  const { user, org } = active;
  const who = `<strong>${escapeText(`${user.firstName} ${user.lastName}`)}</strong> (${escapeText(user.username)})`;
  const where = `${escapeText(org.name)} (${to18(org.id)}, ${org.sandbox ? 'Sandbox' : 'Production'})`;
  if (redeemed === null && (active as ActiveSession).session.restricted) {
    return sendPage(ctx, 200, 'Change Your Password', `<p>The password of ${who} in ${where} has expired. Change your password to continue.</p>`);
  }
  const page = redeemed?.startUrl ? `<p>Opened <code>${escapeText(redeemed.startUrl)}</code>.</p>` : '';
  sendPage(ctx, 200, 'Home', `<p>Logged in as ${who} to ${where}.</p>${page}`);
}

function sendPage(ctx: RequestContext, status: number, title: string, body: string): void {
  send(ctx.res, status, CONTENT_TYPE.html, htmlPage(title, `<h1>${escapeText(title)}</h1>${body}`));
}
