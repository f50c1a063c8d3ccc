/**
 * The REST resources a login check touches: versions, the version's resource list, limits and
 * queries (REST API Developer Guide: Versions, Limits, Query). Errors use the REST envelope
 * `[{message, errorCode}]`; a missing, logged-out or expired session is 401 INVALID_SESSION_ID.
 */
import { formatApiVersion, isServedVersion, listApiVersions, parseApiVersion } from './api-versions';
import { bearerToken, sendJson, type RequestContext, type Route } from './http';
import { identityUrl } from './identity';
import { type OrgRecord, type UserRecord } from './model';
import { grantsApi } from './scopes';
import { runQuery } from './soql';
import { type ActiveSession } from './state';

/** Daily API request allocation reported by `/limits` (Enterprise Edition base, UNCONFIRMED). */
const DAILY_API_REQUESTS = 15000;

const MAX_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;

export const restRoutes: Route[] = [
  { method: 'GET', pattern: /^\/services\/data$/, handle: (ctx) => sendJson(ctx.res, 200, listApiVersions()) },
  { method: 'GET', pattern: /^\/services\/data\/v([^/]+)$/, handle: withSession(resources) },
  { method: 'GET', pattern: /^\/services\/data\/v([^/]+)\/limits$/, handle: withSession(limits) },
  { method: 'GET', pattern: /^\/services\/data\/v([^/]+)\/query$/, handle: withSession(query) },
  { method: 'GET', pattern: /^\/services\/data\/v([^/]+)\/query\/([^/]+)$/, handle: withSession(queryMore) },
  { method: 'GET', pattern: /^\/services\/data\/.*$/, handle: (ctx) => restError(ctx, 404, 'NOT_FOUND', 'The requested resource does not exist') },
];

type SessionHandler = (ctx: RequestContext, active: ActiveSession, apiVersion: string, params: string[]) => void;

/**
 * Checks the version and the session, counts the call against the org's daily API requests and
 * reports usage in `Sforce-Limit-Info`, which jsforce reads into `conn.limitInfo`.
 */
function withSession(handler: SessionHandler): Route['handle'] {
  return (ctx, [versionText = '', ...params]) => {
    const version = parseApiVersion(versionText);
    if (!isServedVersion(version)) return restError(ctx, 404, 'NOT_FOUND', 'The requested resource does not exist');
    const active = ctx.state.useSession(bearerToken(ctx.req) ?? '', ctx.myDomainOrgId);
    if (!active) return restError(ctx, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (active.session.restricted) {
      // Salesforce's message for any call after an expired-password login (Knowledge 000212767);
      // the HTTP status for REST is UNCONFIRMED.
      return restError(ctx, 403, 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD', 'The users password has expired, you must call SetPassword before attempting any other API operations');
    }
    // A web-server flow session without the `api` scope; jsforce knows this 401 is not an expiry
    // (its `isSessionExpired` skips this text), so it does not refresh and retry.
    if (!grantsApi(active.session.scopes)) return restError(ctx, 401, 'INVALID_SESSION_ID', 'This session is not valid for use with the REST API');
    // A browser login needs no API permission, so a session can exist without it; the API refuses it here.
    // Texts as integration vendors report them (Crossbeam help 4136739); the 403 status is UNCONFIRMED.
    if (!active.user.apiEnabled) return restError(ctx, 403, 'API_CURRENTLY_DISABLED', 'API is disabled for this User');
    if (!active.org.settings.apiEnabled) return restError(ctx, 403, 'API_DISABLED_FOR_ORG', 'The REST API is not enabled for this Organization.');
    active.org.apiRequestsUsed += 1;
    ctx.res.setHeader('Sforce-Limit-Info', `api-usage=${active.org.apiRequestsUsed}/${DAILY_API_REQUESTS}`);
    handler(ctx, active, formatApiVersion(version), params);
  };
}

function resources(ctx: RequestContext, { user, org }: ActiveSession, apiVersion: string): void {
  const base = `/services/data/v${apiVersion}`;
  sendJson(ctx.res, 200, {
    identity: identityUrl(ctx.baseUrl, org, user),
    limits: `${base}/limits`,
    query: `${base}/query`,
    sobjects: `${base}/sobjects`,
    tooling: `${base}/tooling`,
    metadata: `${base}/metadata`,
  });
}

function limits(ctx: RequestContext, { org, user }: ActiveSession): void {
  // The resource needs "View Setup and Configuration" (REST API guide, "Limits"). Without it the
  // errorCode and message are those integration vendors report (Crossbeam help 4136739); the 403
  // status, the REST guide's "refused: check the user's permissions", is UNCONFIRMED, and so is
  // whether the refused call still counts toward the daily API requests (here it does).
  if (!user.viewSetup) return restError(ctx, 403, 'API_DISABLED_FOR_ORG', 'limits resource is not enabled');
  sendJson(ctx.res, 200, limitsBody(org));
}

/** A plausible `/limits` body: `{Name: {Max, Remaining}}`, numbers (REST API guide, "Limits"). */
function limitsBody(org: OrgRecord): Record<string, { Max: number; Remaining: number }> {
  const unused = (max: number) => ({ Max: max, Remaining: max });
  return {
    DailyApiRequests: { Max: DAILY_API_REQUESTS, Remaining: Math.max(0, DAILY_API_REQUESTS - org.apiRequestsUsed) },
    DailyAsyncApexExecutions: unused(250000),
    DailyBulkApiBatches: unused(15000),
    DataStorageMB: { Max: 1024, Remaining: 1003 },
    FileStorageMB: { Max: 10240, Remaining: 10187 },
    MassEmail: unused(5000),
    SingleEmail: unused(5000),
  };
}

function query(ctx: RequestContext, { org, user }: ActiveSession, apiVersion: string): void {
  const soql = ctx.url.searchParams.get('q');
  if (!soql) return restError(ctx, 400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const { state } = ctx;
  const plan = runQuery(soql, { org, users: state.usersOf(org), history: state.history, user, apiVersion, now: state.clock.now() });
  if ('errorCode' in plan) return restError(ctx, plan.status, plan.errorCode, plan.message);
  sendJson(ctx.res, 200, state.cursors.firstBatch(plan, cursorOwner(ctx, user, apiVersion)));
}

/** `GET …/query/01g…-2000`: the next batch of an open cursor (what jsforce's `queryMore` asks for). */
function queryMore(ctx: RequestContext, { user }: ActiveSession, apiVersion: string, [locator = '']: string[]): void {
  const match = /^(01g[A-Za-z0-9]{12,15})-(\d+)$/.exec(locator);
  const batch = match?.[1] && match[2] ? ctx.state.cursors.nextBatch(match[1], Number(match[2]), cursorOwner(ctx, user, apiVersion)) : null;
  // Wording as integration libraries report it; the 400 status is UNCONFIRMED.
  if (!batch) return restError(ctx, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  sendJson(ctx.res, 200, batch);
}

/**
 * The batch size: 2,000 rows unless the `Sforce-Query-Options: batchSize=n` header asks for fewer
 * (200 to 2,000; REST API Developer Guide, "Query Options Header").
 */
function cursorOwner(ctx: RequestContext, user: UserRecord, apiVersion: string) {
  const asked = /batchSize\s*=\s*(\d+)/i.exec(String(ctx.req.headers['sforce-query-options'] ?? ''))?.[1];
  const batchSize = asked === undefined ? MAX_BATCH_SIZE : Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(asked)));
  return { userId: user.id, apiVersion, batchSize, now: ctx.state.clock.now(), historyVersion: ctx.state.history.version };
}

function restError(ctx: RequestContext, status: number, errorCode: string, message: string): void {
  sendJson(ctx.res, status, [{ message, errorCode }]);
}
