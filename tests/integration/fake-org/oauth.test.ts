/**
 * The OAuth username-password and refresh-token grants, and revoke, through jsforce's `oauth2`
 * support. jsforce reports OAuth errors as Error(name = error, message = error_description).
 */
import { createHmac } from 'node:crypto';
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { API_VERSION, EXPIRED_USER, NO_API_USER, PROD_ADMIN, SANDBOX_ADMIN, getJson, postToken, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();

function app(username: string) {
  const user = fake.user(username);
  const org = fake.org.state.snapshot().orgs.find((candidate) => candidate.id === user.orgId);
  if (!org) throw new Error(`No org for ${username}`);
  return org.connectedApp;
}

function oauthConnection(username = PROD_ADMIN, overrides: { clientId?: string; clientSecret?: string } = {}) {
  const { clientId, clientSecret } = app(username);
  return new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl, clientId, clientSecret, ...overrides }, version: API_VERSION });
}

function withToken(username: string): string {
  const user = fake.user(username);
  return user.password + user.token;
}

async function loginError(username: string, password: string, overrides: { clientId?: string; clientSecret?: string } = {}) {
  const error = await rejection(oauthConnection(username, overrides).login(username, password));
  return { name: error.name, message: error.message };
}

const token = (params: Record<string, string>) => postToken(fake.loginUrl, params);

const AUTHENTICATION_FAILURE = { name: 'invalid_grant', message: 'authentication failure' };

describe('OAuth username-password grant through jsforce', () => {
  it('establishes instanceUrl, accessToken and userInfo', async () => {
    const admin = fake.user(PROD_ADMIN);
    const conn = oauthConnection();
    const userInfo = await conn.login(PROD_ADMIN, withToken(PROD_ADMIN));
    expect(conn.instanceUrl).toBe(fake.loginUrl);
    expect(conn.accessToken).toMatch(new RegExp(`^${admin.orgId.slice(0, 15)}!`));
    expect(userInfo).toEqual({ id: admin.id, organizationId: admin.orgId, url: `${fake.loginUrl}/id/${admin.orgId}/${admin.id}` });
    await expect(conn.query('SELECT Id FROM Organization')).resolves.toMatchObject({ totalSize: 1 });
  });

  it('returns the documented token fields with a verifiable signature', async () => {
    const { clientId, clientSecret } = app(PROD_ADMIN);
    const { status, body } = await token({ grant_type: 'password', username: PROD_ADMIN, password: withToken(PROD_ADMIN), client_id: clientId, client_secret: clientSecret });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type']);
    expect(body.token_type).toBe('Bearer');
    expect(body.issued_at).toMatch(/^\d{13}$/);
    expect(body.refresh_token).toBeUndefined();
    const expected = createHmac('sha256', clientSecret).update(`${body.id ?? ''}${body.issued_at ?? ''}`).digest('base64');
    expect(body.signature).toBe(expected);
  });

  it('refuses a wrong password with invalid_grant / authentication failure', async () => {
    expect(await loginError(PROD_ADMIN, 'wrong')).toEqual(AUTHENTICATION_FAILURE);
  });

  it('refuses the bare password from an untrusted caller, and accepts it from a trusted one', async () => {
    expect(await loginError(PROD_ADMIN, fake.user(PROD_ADMIN).password)).toEqual(AUTHENTICATION_FAILURE);
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { trustedIpRanges: ['127.0.0.0/8'] });
    await expect(oauthConnection().login(PROD_ADMIN, fake.user(PROD_ADMIN).password)).resolves.toBeTruthy();
  });

  it('refuses an unknown client id with invalid_client_id', async () => {
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN), { clientId: '3MVG9unknown' })).toEqual({ name: 'invalid_client_id', message: 'client identifier invalid' });
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN), { clientSecret: 'WRONG' })).toEqual({ name: 'invalid_client', message: 'invalid client credentials' });
  });

  it('refuses the flow in an org that blocks username-password flows', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { passwordFlowAllowed: false });
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).toEqual(AUTHENTICATION_FAILURE);
    expect((await fake.control.loginHistory(PROD_ADMIN)).map((entry) => [entry.via, entry.status, entry.apiVersion])).toEqual([
      ['oauth', 'Failed: OAuth username-password flow blocked', null],
    ]);
  });

  it('refuses expired passwords, users without API Enabled and frozen users alike', async () => {
    expect(await loginError(EXPIRED_USER, withToken(EXPIRED_USER))).toEqual(AUTHENTICATION_FAILURE);
    expect(await loginError(NO_API_USER, withToken(NO_API_USER))).toEqual(AUTHENTICATION_FAILURE);
    await fake.control.patchUser(PROD_ADMIN, { frozen: true });
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).toEqual(AUTHENTICATION_FAILURE);
  });

  it('shares the lockout counter with SOAP login', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3 });
    for (let i = 0; i < 3; i += 1) await loginError(PROD_ADMIN, 'wrong');
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).toEqual(AUTHENTICATION_FAILURE);
    const soap = new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION });
    expect((await rejection(soap.login(PROD_ADMIN, withToken(PROD_ADMIN)))).message).toMatch(/^INVALID_LOGIN: /);
  });

  it('is not affected by the SOAP-only gates', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { soapLoginEnabled: false, enforceUseAnyApiAuth: true });
    await fake.control.patchUser(PROD_ADMIN, { useAnyApiAuth: false });
    await expect(oauthConnection().login(PROD_ADMIN, withToken(PROD_ADMIN))).resolves.toBeTruthy();
  });

  it('lets a connected app of one org log users of another org in', async () => {
    const { clientId, clientSecret } = app(PROD_ADMIN);
    await expect(oauthConnection(SANDBOX_ADMIN, { clientId, clientSecret }).login(SANDBOX_ADMIN, withToken(SANDBOX_ADMIN))).resolves.toMatchObject({
      organizationId: fake.user(SANDBOX_ADMIN).orgId,
    });
  });

  it('admits only pre-approved users when the app is “Admin approved users are pre-authorized”', async () => {
    const { clientId } = app(PROD_ADMIN);
    const patched = await fake.control.patchApp(clientId, { permittedUsers: 'admin-approved' });
    expect(patched).toMatchObject({ permittedUsers: 'admin-approved', preApprovedUsers: [] });
    const notApproved = { name: 'invalid_grant', message: "user hasn't approved this consumer" };
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).toEqual(notApproved);
    // Salesforce's words on the wire, apostrophe and all.
    const { status, body } = await token({ grant_type: 'password', username: PROD_ADMIN, password: withToken(PROD_ADMIN), client_id: clientId, client_secret: app(PROD_ADMIN).clientSecret });
    expect({ status, body }).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: "user hasn't approved this consumer" } });
    // Only after the credentials: a wrong password is still the generic refusal.
    expect(await loginError(PROD_ADMIN, 'wrong')).toEqual(AUTHENTICATION_FAILURE);

    // The other answer reported for the same situation.
    await fake.control.patchApp(clientId, { notApprovedError: 'invalid_app_access' });
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).toEqual({ name: 'invalid_app_access', message: 'user is not admin approved to access this app' });

    await fake.control.patchApp(clientId, { preApprovedUsers: [PROD_ADMIN.toUpperCase()] });
    await expect(oauthConnection().login(PROD_ADMIN, withToken(PROD_ADMIN))).resolves.toBeTruthy();
    expect((await fake.control.loginHistory(PROD_ADMIN)).map((entry) => [entry.via, entry.status])).toEqual([
      ['oauth', 'Failed: Not approved for access'],
      ['oauth', 'Failed: Not approved for access'],
      ['oauth', 'Invalid Password'],
      ['oauth', 'Failed: Not approved for access'],
      ['oauth', 'Success'],
    ]);
  });

  it('does not bring a lockout closer for a user who is not pre-approved: the password was right', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3 });
    await fake.control.patchApp(app(PROD_ADMIN).clientId, { permittedUsers: 'admin-approved' });
    for (let i = 0; i < 5; i += 1) expect((await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).message).toBe("user hasn't approved this consumer");
    expect(fake.user(PROD_ADMIN)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('answers a missing or unknown grant type', async () => {
    expect(await token({ username: PROD_ADMIN })).toEqual({ status: 400, body: { error: 'invalid_request', error_description: 'grant type is missing' } });
    expect(await token({ grant_type: 'not_a_grant' })).toEqual({ status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } });
  });
});

describe('OAuth refresh-token grant and revoke', () => {
  it('issues a new access token for a refresh token, without a new refresh token', async () => {
    const refreshToken = await fake.control.issueRefreshToken(PROD_ADMIN);
    const response = await oauthConnection().oauth2.refreshToken(refreshToken);
    expect(response.refresh_token).toBeUndefined();
    const conn = new jsforce.Connection({ instanceUrl: response.instance_url, accessToken: response.access_token, version: API_VERSION });
    await expect(conn.identity()).resolves.toMatchObject({ username: PROD_ADMIN });
  });

  it('refuses a refresh token presented by another connected app, or an unknown one', async () => {
    const refreshToken = await fake.control.issueRefreshToken(PROD_ADMIN);
    const otherApp = new jsforce.OAuth2({ loginUrl: fake.loginUrl, ...app(SANDBOX_ADMIN) });
    const other = await rejection(otherApp.refreshToken(refreshToken));
    expect([other.name, other.message]).toEqual(['invalid_grant', 'expired access/refresh token']);
    const unknown = await rejection(oauthConnection().oauth2.refreshToken('5Aep861unknown'));
    expect([unknown.name, unknown.message]).toEqual(['invalid_grant', 'expired access/refresh token']);
  });

  it('allows a refresh without the client secret, but not with a wrong one', async () => {
    const refreshToken = await fake.control.issueRefreshToken(PROD_ADMIN);
    const { clientId } = app(PROD_ADMIN);
    await expect(new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId }).refreshToken(refreshToken)).resolves.toHaveProperty('access_token');
    const wrong = await rejection(new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId, clientSecret: 'WRONG' }).refreshToken(refreshToken));
    expect(wrong.name).toBe('invalid_client');
  });

  it('revoking a refresh token ends it and the sessions minted from it', async () => {
    const refreshToken = await fake.control.issueRefreshToken(PROD_ADMIN);
    const oauth2 = oauthConnection().oauth2;
    const { access_token: accessToken } = await oauth2.refreshToken(refreshToken);
    await oauth2.revokeToken(refreshToken);
    expect((await rejection(oauth2.refreshToken(refreshToken))).name).toBe('invalid_grant');
    expect((await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, accessToken)).status).toBe(401);
  });

  it('logging out an OAuth connection revokes its access token', async () => {
    const conn = oauthConnection();
    await conn.login(PROD_ADMIN, withToken(PROD_ADMIN));
    const accessToken = conn.accessToken ?? '';
    await conn.logout();
    expect((await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, accessToken)).status).toBe(401);
  });

  it('revokes SOAP session ids too, also through GET ?token=', async () => {
    const soap = new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION });
    await soap.login(PROD_ADMIN, withToken(PROD_ADMIN));
    const sessionId = soap.accessToken ?? '';
    const response = await fetch(`${fake.loginUrl}/services/oauth2/revoke?token=${encodeURIComponent(sessionId)}`);
    expect(response.status).toBe(200);
    expect((await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, sessionId)).status).toBe(401);
  });

  it('answers revoking an unknown token with invalid_token, as jsforce parses it', async () => {
    const error = await rejection(oauthConnection().oauth2.revokeToken('00D5g00000AcmP1!unknown'));
    expect([error.name, error.message]).toEqual(['invalid_token', 'Token was invalid']);
  });
});
