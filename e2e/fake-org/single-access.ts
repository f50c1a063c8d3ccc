/**
 * The UI Bridge API: `/services/oauth2/singleaccess` trades an access token for a single-use
 * `frontdoor_uri` (`/secur/frontdoor.jsp?otp=…&startURL=…&cshc=…`, the shape `sf org open --url-only`
 * prints). `sf org open` sends a GET, Salesforce's help ("Generate a Frontdoor URL to Bridge into UI
 * Sessions") a POST with a form body: both are served. The page to land on is `redirect_uri`, a
 * relative path, in the query or the form.
 */
import { randomBytes } from 'node:crypto';
import { bearerToken, sendJson, type RequestContext, type Route } from './http';
import { to18 } from './ids';
import { type FakeOrgState, type UserInOrg } from './state';

/** How long a one-time code lives: UNCONFIRMED (Salesforce says only that frontdoor URLs are short-lived). */
export const OTP_SECONDS_VALID = 60;

interface OneTimeCode {
  username: string;
  orgId: string;
  startUrl: string | null;
  expiresAt: number;
  used: boolean;
}

/** Codes per fake org; kept beside the state so a reset of the state is not needed to forget them. */
const codesOf = new WeakMap<FakeOrgState, Map<string, OneTimeCode>>();

function codes(state: FakeOrgState): Map<string, OneTimeCode> {
  let map = codesOf.get(state);
  if (!map) codesOf.set(state, (map = new Map()));
  return map;
}

export const singleAccessRoutes: Route[] = [
  { method: 'GET', pattern: /^\/services\/oauth2\/singleaccess$/, handle: singleAccess },
  { method: 'POST', pattern: /^\/services\/oauth2\/singleaccess$/, handle: singleAccess },
];

async function singleAccess(ctx: RequestContext): Promise<void> {
  const form = ctx.req.method === 'POST' ? new URLSearchParams((await ctx.body()).toString('utf8')) : new URLSearchParams();
  const param = (name: string) => form.get(name) ?? ctx.url.searchParams.get(name);
  const token = bearerToken(ctx.req) ?? param('access_token') ?? '';
  const active = ctx.state.useSession(token, ctx.myDomainOrgId);
  // 403, not 401, for an expired or unknown token: sfdx-core reads a 403 here as "log in again".
  // The body's words are UNCONFIRMED.
  if (!active || active.session.restricted) return sendJson(ctx.res, 403, { error: 'invalid_token', error_description: 'Session expired or invalid' });
  const redirect = param('redirect_uri');
  // Salesforce takes only a path in this org ("redirect_uri must be relative"); the 400 body is UNCONFIRMED.
  if (redirect !== null && !/^\/(?!\/)/.test(redirect)) return sendJson(ctx.res, 400, { error: 'invalid_request', error_description: 'redirect_uri must be a relative path' });
  const otp = `${to18(active.org.id)}!${randomBytes(24).toString('base64url')}`;
  codes(ctx.state).set(otp, { username: active.user.username, orgId: active.org.id, startUrl: redirect, expiresAt: ctx.state.clock.now() + OTP_SECONDS_VALID * 1000, used: false });
  const uri = new URL('/secur/frontdoor.jsp', ctx.baseUrl);
  uri.searchParams.set('otp', otp);
  if (redirect !== null) uri.searchParams.set('startURL', redirect);
  uri.searchParams.set('cshc', randomBytes(8).toString('hex'));
  sendJson(ctx.res, 200, { frontdoor_uri: uri.toString() });
}

/**
 * Redeem `otp` at the frontdoor: once, before it expires, on its own org's hosts. Answers who it logs
 * in and where to, or null for a used, expired or unknown code (each a refusal, as Salesforce gives).
 */
export function redeemOtp(ctx: RequestContext, otp: string): { active: UserInOrg; startUrl: string | null } | null {
  const code = codes(ctx.state).get(otp);
  if (!code || code.used || ctx.state.clock.now() > code.expiresAt) return null;
  if (ctx.myDomainOrgId !== null && ctx.myDomainOrgId !== code.orgId) return null;
  code.used = true;
  const active = ctx.state.findUser(code.username, code.orgId);
  return active ? { active, startUrl: code.startUrl } : null;
}
