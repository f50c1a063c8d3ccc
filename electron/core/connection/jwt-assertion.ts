/**
 * The JWT bearer flow's assertion: its claims and its RS256 signature (RFC 7523, Salesforce's "OAuth
 * 2.0 JWT Bearer Flow for Server-to-Server Integration").
 *
 * `aud` is Salesforce's login host for the kind of org — https://login.salesforce.com for production,
 * https://test.salesforce.com for a sandbox — never the My Domain, even when the token request goes
 * to the My Domain host: Salesforce refuses a My Domain audience as invalid. `exp` is at most three
 * minutes ahead, as Salesforce requires.
 */
import { createSign } from 'node:crypto';
import { PRODUCTION_LOGIN_URL, SANDBOX_LOGIN_URL } from '../../../shared/domain';
import { sandboxImpliedByHost } from '../../../shared/salesforce-hosts';
import type { JwtGrant } from '../ports';
import type { OrgRecord } from '../settings/schema';

/** How far ahead `exp` is set: Salesforce accepts an assertion that expires within three minutes. */
export const ASSERTION_LIFETIME_SECONDS = 180;

/**
 * The audience for an org: the sandbox login host for a sandbox (a `sandbox` environment, or a My
 * Domain whose host says sandbox, or one whose last good test said so), else the production one.
 */
export function jwtAudienceFor(record: Pick<OrgRecord, 'environment' | 'loginUrl' | 'lastTest'>): string {
  if (record.environment === 'sandbox') return SANDBOX_LOGIN_URL;
  if (record.environment === 'production') return PRODUCTION_LOGIN_URL;
  const implied = sandboxImpliedByHost(new URL(record.loginUrl).hostname) ?? record.lastTest?.facts?.isSandbox ?? false;
  return implied ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** Sign `claims` with the PEM private key as a compact RS256 JWS. */
export function signJwtAssertion(privateKeyPem: string, claims: JwtGrant['claims']): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'RS256' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKeyPem);
  return `${signingInput}.${base64url(signature)}`;
}

/** The grant for a JWT org at `now`: its claims, signed. */
export function jwtGrantFor(record: Pick<OrgRecord, 'environment' | 'loginUrl' | 'lastTest' | 'username' | 'clientId'>, privateKeyPem: string, now: Date): JwtGrant {
  const claims = { iss: record.clientId ?? '', sub: record.username, aud: jwtAudienceFor(record), exp: Math.floor(now.getTime() / 1000) + ASSERTION_LIFETIME_SECONDS };
  return { assertion: signJwtAssertion(privateKeyPem, claims), claims };
}
