/**
 * What the web-server flow leaves behind: refresh tokens (refresh grant, admin revocation, the
 * revoke endpoint, the app's validity policy), apps that require their secret, and External
 * Client Apps refusing the username-password grant. Codes come from the pages, walked with plain
 * HTTP; tokens are used through real jsforce.
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { type OAuthAppSnapshot } from '../../../e2e/fake-org';
import { API_VERSION, CALLBACK_URL, PROD_ADMIN, SANDBOX_ADMIN, getJson, openPage, postToken, rejection, submitForm, useFakeOrg } from './support';

const fake = useFakeOrg();
const { orgOf, ecaOf } = fake;

const EXPIRED = ['invalid_grant', 'expired access/refresh token'];



/** Walks the login and consent pages for the admin and returns the code from the callback. */
async function code(oauth2: InstanceType<typeof jsforce.OAuth2>, username = PROD_ADMIN): Promise<string> {
  const loginPage = await openPage(oauth2.getAuthorizationUrl({ scope: 'api id refresh_token' }));
  const consent = await submitForm(loginPage, fake.loginUrl, { username, password: fake.user(username).password });
  const callback = await submitForm(consent, fake.loginUrl, { decision: 'allow' });
  const value = new URL(callback.location ?? 'http://invalid/').searchParams.get('code');
  if (!value) throw new Error(`No code: ${callback.status} ${callback.html}`);
  return value;
}

/** A jsforce connection signed in through the flow, with access and refresh token. */
async function signedIn(app: OAuthAppSnapshot = ecaOf(PROD_ADMIN), clientSecret?: string) {
  const oauth2 = new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: app.clientId, clientSecret, redirectUri: CALLBACK_URL, useVerifier: true });
  const conn = new jsforce.Connection({ oauth2, version: API_VERSION });
  await conn.authorize(await code(oauth2));
  return { oauth2, conn, accessToken: conn.accessToken ?? '', refreshToken: conn.refreshToken ?? '' };
}

const limitsStatus = async (accessToken: string) => (await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, accessToken)).status;

async function refreshError(oauth2: InstanceType<typeof jsforce.OAuth2>, refreshToken: string): Promise<string[]> {
  const error = await rejection(oauth2.refreshToken(refreshToken));
  return [error.name, error.message];
}

describe('refresh tokens from the web-server flow', () => {
  it('refresh without the secret into a new working session, without a new refresh token', async () => {
    const { oauth2, refreshToken } = await signedIn();
    const refreshed = await oauth2.refreshToken(refreshToken);
    expect(refreshed.refresh_token).toBeUndefined();
    expect(refreshed.scope).toBe('api id refresh_token');
    const conn = new jsforce.Connection({ instanceUrl: refreshed.instance_url, accessToken: refreshed.access_token, version: API_VERSION });
    await expect(conn.identity()).resolves.toMatchObject({ username: PROD_ADMIN });
  });

  it('let jsforce refresh by itself after its access token is revoked', async () => {
    const { oauth2, conn, accessToken } = await signedIn();
    await oauth2.revokeToken(accessToken);
    await expect(conn.query('SELECT Id FROM Organization')).resolves.toMatchObject({ totalSize: 1 });
    expect(conn.accessToken).not.toBe(accessToken);
  });

  it('stop working when an admin revokes the user’s tokens, and so do their sessions', async () => {
    const first = await signedIn();
    const second = await signedIn();
    const refreshed = await first.oauth2.refreshToken(first.refreshToken);
    await expect(fake.control.revokeRefreshTokens(PROD_ADMIN)).resolves.toBe(2);
    expect(await refreshError(first.oauth2, first.refreshToken)).toEqual(EXPIRED);
    expect(await refreshError(second.oauth2, second.refreshToken)).toEqual(EXPIRED);
    expect(await limitsStatus(first.accessToken)).toBe(401);
    expect(await limitsStatus(refreshed.access_token)).toBe(401);
    expect((await fake.control.state()).refreshTokens.map((token) => token.revoked)).toEqual([true, true]);
    await expect(fake.control.revokeRefreshTokens(PROD_ADMIN)).resolves.toBe(0);
  });

  it('stop working when revoked at /services/oauth2/revoke, which then no longer knows them', async () => {
    const { oauth2, accessToken, refreshToken } = await signedIn();
    await oauth2.revokeToken(refreshToken);
    expect(await refreshError(oauth2, refreshToken)).toEqual(EXPIRED);
    expect(await limitsStatus(accessToken)).toBe(401);
    const again = await rejection(oauth2.revokeToken(refreshToken));
    expect([again.name, again.message]).toEqual(['invalid_token', 'Token was invalid']);
  });

  it('survive revoking an access token', async () => {
    const { oauth2, accessToken, refreshToken } = await signedIn();
    await oauth2.revokeToken(accessToken);
    expect(await limitsStatus(accessToken)).toBe(401);
    await expect(oauth2.refreshToken(refreshToken)).resolves.toHaveProperty('access_token');
  });

  it('expire after the app’s refresh token validity, on the fake clock', async () => {
    const app = ecaOf(PROD_ADMIN);
    await fake.control.patchApp(app.clientId, { refreshTokenValidityMinutes: 60 });
    const { oauth2, refreshToken } = await signedIn(app);
    const [token] = (await fake.control.state()).refreshTokens;
    expect(Date.parse(token?.expiresAt ?? '') - Date.parse(token?.issuedAt ?? '')).toBe(60 * 60_000);
    await fake.control.advanceClock(59);
    await expect(oauth2.refreshToken(refreshToken)).resolves.toHaveProperty('access_token');
    await fake.control.advanceClock(1);
    expect(await refreshError(oauth2, refreshToken)).toEqual(EXPIRED);
  });

  it('are refused to another app', async () => {
    const { refreshToken } = await signedIn();
    const other = new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: ecaOf(SANDBOX_ADMIN).clientId });
    expect(await refreshError(other, refreshToken)).toEqual(EXPIRED);
  });

  it('also come from the control API for an External Client App', async () => {
    const { clientId } = ecaOf(PROD_ADMIN);
    const refreshToken = await fake.control.issueRefreshToken(PROD_ADMIN, clientId);
    await expect(new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId }).refreshToken(refreshToken)).resolves.toMatchObject({ scope: 'api id refresh_token' });
  });
});

describe('an app that requires its secret', () => {
  it('for the web server flow: refuses the code exchange without it, or with a wrong one, with invalid_client; the refresh goes without it', async () => {
    const app = ecaOf(PROD_ADMIN);
    await fake.control.patchApp(app.clientId, { requireSecret: true });
    const oauth2 = new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: app.clientId, redirectUri: CALLBACK_URL, useVerifier: true });
    const refused = await rejection(new jsforce.Connection({ oauth2, version: API_VERSION }).authorize(await code(oauth2)));
    expect([refused.name, refused.message]).toEqual(['invalid_client', 'invalid client credentials']);
    const wrong = new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: app.clientId, clientSecret: 'WRONG', redirectUri: CALLBACK_URL, useVerifier: true });
    const refusedWrong = await rejection(new jsforce.Connection({ oauth2: wrong, version: API_VERSION }).authorize(await code(wrong)));
    expect([refusedWrong.name, refusedWrong.message]).toEqual(['invalid_client', 'invalid client credentials']);

    // “Require Secret for Refresh Token Flow” is a setting of its own, off here.
    const { refreshToken } = await signedIn(app, app.clientSecret);
    await expect(new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: app.clientId }).refreshToken(refreshToken)).resolves.toHaveProperty('access_token');
  });

  it('for the refresh token flow: refuses the refresh without it, or with a wrong one, with invalid_client, and the token stays good', async () => {
    const app = ecaOf(PROD_ADMIN);
    await fake.control.patchApp(app.clientId, { requireSecretForRefresh: true });
    // The code exchange does not need it.
    const { refreshToken } = await signedIn(app);
    const withoutSecret = new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: app.clientId });
    expect(await refreshError(withoutSecret, refreshToken)).toEqual(['invalid_client', 'invalid client credentials']);
    const wrongSecret = new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: app.clientId, clientSecret: 'WRONG' });
    expect(await refreshError(wrongSecret, refreshToken)).toEqual(['invalid_client', 'invalid client credentials']);
    await expect(new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: app.clientId, clientSecret: app.clientSecret }).refreshToken(refreshToken)).resolves.toHaveProperty('access_token');
  });
});

describe('refresh token rotation', () => {
  const snapshotOf = async (token: string) => (await fake.control.state()).refreshTokens.find((entry) => entry.token === token);

  it('answers each refresh with a new refresh token and voids the one sent; sessions from before keep working', async () => {
    const app = ecaOf(PROD_ADMIN);
    await fake.control.patchApp(app.clientId, { rotateRefreshTokens: true });
    const { oauth2, accessToken, refreshToken } = await signedIn(app);
    const first = await oauth2.refreshToken(refreshToken);
    expect(first.refresh_token).toMatch(/^5Aep/);
    expect(first.refresh_token).not.toBe(refreshToken);
    expect(await snapshotOf(refreshToken)).toMatchObject({ revoked: true, rotated: true });
    expect(await snapshotOf(first.refresh_token!)).toMatchObject({ revoked: false, rotated: false, scopes: ['api', 'id', 'refresh_token'] });
    const second = await oauth2.refreshToken(first.refresh_token!);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await limitsStatus(second.access_token)).toBe(200);
    expect(await limitsStatus(accessToken)).toBe(200);
  });

  it('takes a spent token presented again as stolen: refused like a revoked one, and the token that replaced it is revoked with its sessions', async () => {
    const app = ecaOf(PROD_ADMIN);
    await fake.control.patchApp(app.clientId, { rotateRefreshTokens: true });
    const { oauth2, refreshToken } = await signedIn(app);
    const rotated = await oauth2.refreshToken(refreshToken);
    expect(await refreshError(oauth2, refreshToken)).toEqual(EXPIRED);
    expect(await snapshotOf(rotated.refresh_token!)).toMatchObject({ revoked: true, rotated: false });
    expect(await refreshError(oauth2, rotated.refresh_token!)).toEqual(EXPIRED);
    expect(await limitsStatus(rotated.access_token)).toBe(401);
  });

  it('is off by default: the refresh answers no refresh token and the one sent keeps working', async () => {
    expect(ecaOf(PROD_ADMIN).rotateRefreshTokens).toBe(false);
    const { oauth2, refreshToken } = await signedIn();
    expect((await oauth2.refreshToken(refreshToken)).refresh_token).toBeUndefined();
    await expect(oauth2.refreshToken(refreshToken)).resolves.toHaveProperty('access_token');
    expect(await snapshotOf(refreshToken)).toMatchObject({ revoked: false, rotated: false });
  });
});

describe('External Client Apps and the username-password grant', () => {
  it('refuse it with invalid_grant / authentication failure, before the credentials count', async () => {
    const admin = fake.user(PROD_ADMIN);
    const { clientId, clientSecret } = ecaOf(PROD_ADMIN);
    const conn = new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl, clientId, clientSecret }, version: API_VERSION });
    const error = await rejection(conn.login(PROD_ADMIN, admin.password + admin.token));
    expect([error.name, error.message]).toEqual(['invalid_grant', 'authentication failure']);
    expect(await postToken(fake.loginUrl, { grant_type: 'password', client_id: clientId, client_secret: clientSecret, username: PROD_ADMIN, password: 'wrong' })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authentication failure' },
    });
    expect(await fake.control.loginHistory(PROD_ADMIN)).toEqual([]);
    expect(fake.user(PROD_ADMIN).failedAttempts).toBe(0);
  });

  it('while the org’s connected app still allows it', async () => {
    const admin = fake.user(PROD_ADMIN);
    const { connectedApp } = orgOf(PROD_ADMIN);
    const conn = new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl, clientId: connectedApp.clientId, clientSecret: connectedApp.clientSecret }, version: API_VERSION });
    await expect(conn.login(PROD_ADMIN, admin.password + admin.token)).resolves.toMatchObject({ id: admin.id });
  });
});
