/**
 * What the token endpoint answers, for every grant: the success body and the `{error,
 * error_description}` refusals, with the descriptions more than one grant gives.
 */
import { createHmac } from 'node:crypto';
import { sendJson, type RequestContext } from './http';
import { identityUrl } from './identity';
import { type NotApprovedError, type OAuthApp, type OrgRecord, type SessionRecord, type UserRecord } from './model';

/**
 * The two refusals reported for a user an "Admin approved users are pre-authorized" app does not
 * admit: on the wire (salesforce.stackexchange.com q/207685, ASCII apostrophe) and in public
 * fixtures of the JWT and client-credentials flows. Which one the username-password grant gives is
 * UNCONFIRMED: the app's `notApprovedError` picks.
 */
export const NOT_APPROVED: Record<NotApprovedError, string> = {
  invalid_grant: "user hasn't approved this consumer",
  invalid_app_access: 'user is not admin approved to access this app',
};
/** Reported both for codes past their lifetime and for codes used a second time. */
export const EXPIRED_CODE = 'expired authorization code';

/**
 * The success body (the fields of Salesforce's token response, as jsforce's `TokenResponse` types
 * them), with `refresh_token` when one was issued. `signature` =
 * Base64(HMAC-SHA256(client secret, id + issued_at)), with the app's secret even when the client
 * did not send it. The instance URL is the host asked unless given (the server-to-server grants
 * answer with the org's My Domain).
 */
export function tokenBody(
  ctx: RequestContext,
  app: OAuthApp,
  { user, org }: { user: UserRecord; org: OrgRecord },
  session: SessionRecord,
  scope: string,
  refreshToken: string | null,
  instanceUrl = ctx.baseUrl,
): Record<string, string> {
  const id = identityUrl(ctx.baseUrl, org, user);
  const issuedAt = String(ctx.state.clock.now());
  return {
    access_token: session.id,
    ...(refreshToken === null ? {} : { refresh_token: refreshToken }),
    instance_url: instanceUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature: createHmac('sha256', app.clientSecret).update(id + issuedAt).digest('base64'),
    scope,
  };
}

export function oauthError(ctx: RequestContext, error: string, description: string): void {
  sendJson(ctx.res, 400, { error, error_description: description });
}
