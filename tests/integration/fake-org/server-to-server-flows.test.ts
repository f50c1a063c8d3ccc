/**
 * The server-to-server grants (client credentials on the org's My Domain, JWT bearer with a real
 * RS256 signature check), each org's My Domain host, and the retired username-password flow,
 * through real jsforce where a client would and plain fetch for the wire.
 */
import { createHmac, generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { FakeOrgControlError } from '../../../e2e/fake-org';
import { API_VERSION, PROD_ADMIN, SANDBOX_ADMIN, getJson, postToken, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();

/** A test-only certificate and its key (fixtures/README.md). */
const CERTIFICATE = readFileSync(new URL('fixtures/test-only-jwt.crt', import.meta.url), 'utf8');
const PRIVATE_KEY = readFileSync(new URL('fixtures/test-only-jwt.key', import.meta.url), 'utf8');

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const PRODUCTION_AUDIENCE = 'https://login.salesforce.com';
const SANDBOX_AUDIENCE = 'https://test.salesforce.com';
const TOKEN_FIELDS = ['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type'];

const myDomainOf = (username: string) => fake.orgOf(username).myDomainUrl;
const ecaOf = (username: string) => fake.ecaOf(username);
const history = async (username: string) => (await fake.control.loginHistory(username)).map((entry) => [entry.via, entry.status]);
/** What the REST API answers a session after jsforce's `logout()` revoked it. */
const revokedSession = async (accessToken: string) => {
  const { status, body } = await getJson(`${myDomainOf(PROD_ADMIN)}/services/data/v${API_VERSION}/limits`, accessToken);
  return { status, body };
};
const oauthFailure = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  return { name: error.name, message: error.message };
};

describe('each org’s My Domain', () => {
  it('is a host of its own, announced by startFakeOrg and shown in the state', async () => {
    const { orgs } = await fake.control.state();
    expect(fake.org.orgs).toEqual(orgs.map(({ id, myDomainUrl }) => ({ orgId: id, myDomainUrl })));
    const hosts = new Set([fake.loginUrl, ...orgs.map((org) => org.myDomainUrl)]);
    expect(hosts.size).toBe(3);
  });

  it('logs in its own org’s users and knows only its own org’s sessions', async () => {
    const admin = fake.user(PROD_ADMIN);
    const conn = new jsforce.Connection({ loginUrl: myDomainOf(PROD_ADMIN), version: API_VERSION });
    await conn.login(PROD_ADMIN, admin.password + admin.token);
    expect(conn.instanceUrl).toBe(myDomainOf(PROD_ADMIN));
    const sandbox = fake.user(SANDBOX_ADMIN);
    const elsewhere = new jsforce.Connection({ loginUrl: myDomainOf(PROD_ADMIN), version: API_VERSION });
    expect((await rejection(elsewhere.login(SANDBOX_ADMIN, sandbox.password + sandbox.token))).message).toBe('INVALID_LOGIN: Invalid username, password, security token; or user locked out.');
    const query = `/services/data/v${API_VERSION}/query?q=SELECT+Id+FROM+Organization`;
    expect((await getJson(`${myDomainOf(PROD_ADMIN)}${query}`, conn.accessToken ?? '')).status).toBe(200);
    expect((await getJson(`${myDomainOf(SANDBOX_ADMIN)}${query}`, conn.accessToken ?? '')).body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });
});

describe('client credentials', () => {
  async function enable(username = PROD_ADMIN) {
    const app = ecaOf(username);
    await fake.control.patchApp(app.clientId, { clientCredentialsUser: username });
    return app;
  }
  const grant = (url: string, clientId: string, clientSecret: string) => postToken(url, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });

  it('acts as the Run As user through jsforce, with a session that works like any other until revoked', async () => {
    const admin = fake.user(PROD_ADMIN);
    const { clientId, clientSecret } = await enable();
    const conn = new jsforce.Connection({ oauth2: { loginUrl: myDomainOf(PROD_ADMIN), clientId, clientSecret }, version: API_VERSION });
    const userInfo = await conn.authorize({ grant_type: 'client_credentials' });
    expect(userInfo).toEqual({ id: admin.id, organizationId: admin.orgId, url: `${myDomainOf(PROD_ADMIN)}/id/${admin.orgId}/${admin.id}` });
    expect([conn.instanceUrl, conn.refreshToken]).toEqual([myDomainOf(PROD_ADMIN), undefined]);
    await expect(conn.identity()).resolves.toMatchObject({ username: PROD_ADMIN });
    await expect(conn.query('SELECT Name FROM Organization')).resolves.toMatchObject({ records: [{ Name: 'Acme Corporation' }] });
    await expect(conn.limits()).resolves.toHaveProperty('DailyApiRequests');
    const accessToken = conn.accessToken ?? '';
    await conn.logout();
    expect(await revokedSession(accessToken)).toEqual({ status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    expect(await history(PROD_ADMIN)).toEqual([['client-credentials', 'Success']]);
  });

  it('answers the documented fields, no refresh token, the My Domain as instance URL and a signature made with the secret', async () => {
    const { clientId, clientSecret } = await enable();
    const { status, body } = await grant(myDomainOf(PROD_ADMIN), clientId, clientSecret);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(TOKEN_FIELDS);
    expect([body.instance_url, body.token_type, body.scope]).toEqual([myDomainOf(PROD_ADMIN), 'Bearer', 'api id']);
    expect(body.signature).toBe(createHmac('sha256', clientSecret).update(`${body.id ?? ''}${body.issued_at ?? ''}`).digest('base64'));
  });

  it('takes the client credentials as HTTP Basic too', async () => {
    const { clientId, clientSecret } = await enable();
    const response = await fetch(`${myDomainOf(PROD_ADMIN)}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
  });

  it('is not served on the generic login host', async () => {
    const { clientId, clientSecret } = await enable();
    expect(await grant(fake.loginUrl, clientId, clientSecret)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'request not supported on this domain' } });
    const conn = new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl, clientId, clientSecret }, version: API_VERSION });
    expect(await oauthFailure(conn.authorize({ grant_type: 'client_credentials' }))).toEqual({ name: 'invalid_grant', message: 'request not supported on this domain' });
  });

  it('refuses an unknown client id, and another org’s app on this My Domain, with invalid_client_id', async () => {
    const { clientSecret } = await enable();
    const expected = { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } };
    expect(await grant(myDomainOf(PROD_ADMIN), '3MVG9unknown', clientSecret)).toEqual(expected);
    const sandboxApp = await enable(SANDBOX_ADMIN);
    expect(await grant(myDomainOf(PROD_ADMIN), sandboxApp.clientId, sandboxApp.clientSecret)).toEqual(expected);
  });

  it('refuses a wrong or missing secret with invalid_client', async () => {
    const { clientId } = await enable();
    const expected = { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
    expect(await grant(myDomainOf(PROD_ADMIN), clientId, 'WRONG')).toEqual(expected);
    expect(await postToken(myDomainOf(PROD_ADMIN), { grant_type: 'client_credentials', client_id: clientId })).toEqual(expected);
  });

  it('refuses an app without the flow or a Run As user, and acts again once one is set', async () => {
    const { clientId, clientSecret } = ecaOf(PROD_ADMIN);
    const refused = { status: 400, body: { error: 'invalid_grant', error_description: 'no client credentials user enabled' } };
    expect(await grant(myDomainOf(PROD_ADMIN), clientId, clientSecret)).toEqual(refused);
    await fake.control.patchApp(clientId, { clientCredentialsUser: PROD_ADMIN });
    expect((await grant(myDomainOf(PROD_ADMIN), clientId, clientSecret)).status).toBe(200);
    await fake.control.patchApp(clientId, { clientCredentialsUser: null });
    expect(await grant(myDomainOf(PROD_ADMIN), clientId, clientSecret)).toEqual(refused);
  });

  it('refuses a frozen Run As user as inactive, and records it', async () => {
    const { clientId, clientSecret } = await enable();
    await fake.control.patchUser(PROD_ADMIN, { frozen: true });
    expect(await grant(myDomainOf(PROD_ADMIN), clientId, clientSecret)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'inactive user' } });
    expect(await history(PROD_ADMIN)).toEqual([['client-credentials', 'User Is Frozen']]);
  });

  it('takes only a user of the app’s own org as the Run As user', async () => {
    const { clientId } = ecaOf(PROD_ADMIN);
    const error = await rejection(fake.control.patchApp(clientId, { clientCredentialsUser: SANDBOX_ADMIN }));
    expect([error instanceof FakeOrgControlError && error.status, error.message]).toEqual([400, `clientCredentialsUser: no user with username ${SANDBOX_ADMIN} in the app's org`]);
  });
});

describe('JWT bearer', () => {
  function assertion(claims: Record<string, unknown>, key: KeyObject | string = PRIVATE_KEY, header: Record<string, unknown> = { alg: 'RS256' }): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${encode(header)}.${encode(claims)}`;
    return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
  }
  /** Seconds since the epoch on the fake org's clock. */
  const fakeNow = async () => Math.floor(Date.parse((await fake.control.state()).now) / 1000);
  async function claimsFor(username = PROD_ADMIN, overrides: Record<string, unknown> = {}) {
    const audience = fake.user(username).sandbox ? SANDBOX_AUDIENCE : PRODUCTION_AUDIENCE;
    return { iss: ecaOf(username).clientId, sub: username, aud: audience, exp: (await fakeNow()) + 180, ...overrides };
  }
  async function setUp(username = PROD_ADMIN) {
    await fake.control.patchApp(ecaOf(username).clientId, { certificate: CERTIFICATE, preAuthorizedUsers: [username] });
  }
  const grant = (url: string, jwt: string) => postToken(url, { grant_type: JWT_GRANT, assertion: jwt });
  const refusal = (error: string, description: string) => ({ status: 400, body: { error, error_description: description } });

  it('logs in through jsforce on the generic host with a session that works like any other', async () => {
    await setUp();
    const admin = fake.user(PROD_ADMIN);
    const conn = new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl }, version: API_VERSION });
    const userInfo = await conn.authorize({ grant_type: JWT_GRANT, assertion: assertion(await claimsFor()) });
    expect(userInfo).toMatchObject({ id: admin.id, organizationId: admin.orgId });
    expect([conn.instanceUrl, conn.refreshToken]).toEqual([myDomainOf(PROD_ADMIN), undefined]);
    await expect(conn.identity()).resolves.toMatchObject({ username: PROD_ADMIN });
    await expect(conn.query('SELECT Name FROM Organization')).resolves.toMatchObject({ totalSize: 1 });
    await expect(conn.limits()).resolves.toHaveProperty('DailyApiRequests');
    const accessToken = conn.accessToken ?? '';
    await conn.logout();
    expect(await revokedSession(accessToken)).toEqual({ status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    expect(await history(PROD_ADMIN)).toEqual([['jwt', 'Success']]);
  });

  it('is served on the org’s My Domain as well, with the login host still the audience; a sandbox’s is test.salesforce.com', async () => {
    await setUp(SANDBOX_ADMIN);
    const { status, body } = await grant(myDomainOf(SANDBOX_ADMIN), assertion(await claimsFor(SANDBOX_ADMIN)));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(TOKEN_FIELDS);
    expect([body.instance_url, body.scope]).toEqual([myDomainOf(SANDBOX_ADMIN), 'api id']);
  });

  it('accepts the audience with a trailing slash, an exp as a numeric string, and an exp further off than three minutes', async () => {
    await setUp();
    const now = await fakeNow();
    for (const overrides of [{ aud: `${PRODUCTION_AUDIENCE}/` }, { exp: String(now + 180) }, { exp: now + 24 * 3600 }]) {
      expect((await grant(fake.loginUrl, assertion(await claimsFor(PROD_ADMIN, overrides)))).status).toBe(200);
    }
  });

  it('refuses an unknown issuer with invalid_client_id', async () => {
    await setUp();
    expect(await grant(fake.loginUrl, assertion(await claimsFor(PROD_ADMIN, { iss: '3MVG9unknown' })))).toEqual(refusal('invalid_client_id', 'client identifier invalid'));
  });

  it('refuses a malformed assertion, an app without a certificate, another key’s signature and another algorithm as an invalid assertion', async () => {
    const invalid = refusal('invalid_grant', 'invalid assertion');
    const claims = await claimsFor();
    expect(await grant(fake.loginUrl, assertion(claims))).toEqual(invalid);
    await setUp();
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const good = assertion(claims);
    for (const jwt of ['', 'not-a-jwt', good.split('.').slice(0, 2).join('.'), `${good}x`, assertion(claims, otherKey), assertion(claims, PRIVATE_KEY, { alg: 'RS512' })]) {
      expect(await grant(fake.loginUrl, jwt)).toEqual(invalid);
    }
  });

  it('refuses a My Domain audience and the other kind’s login host with audience is invalid', async () => {
    await setUp();
    await setUp(SANDBOX_ADMIN);
    const invalid = refusal('invalid_grant', 'audience is invalid');
    for (const aud of [myDomainOf(PROD_ADMIN), SANDBOX_AUDIENCE, [PRODUCTION_AUDIENCE]]) {
      expect(await grant(myDomainOf(PROD_ADMIN), assertion(await claimsFor(PROD_ADMIN, { aud })))).toEqual(invalid);
    }
    expect(await grant(fake.loginUrl, assertion(await claimsFor(SANDBOX_ADMIN, { aud: PRODUCTION_AUDIENCE })))).toEqual(invalid);
  });

  it('refuses an expired assertion, by the fake org’s clock, with expired authorization code', async () => {
    await setUp();
    const expired = refusal('invalid_grant', 'expired authorization code');
    expect(await grant(fake.loginUrl, assertion(await claimsFor(PROD_ADMIN, { exp: (await fakeNow()) - 1 })))).toEqual(expired);
    const { exp: _exp, ...withoutExp } = await claimsFor();
    expect(await grant(fake.loginUrl, assertion(withoutExp))).toEqual(expired);
    const jwt = assertion(await claimsFor());
    await fake.control.advanceClock(4);
    expect(await grant(fake.loginUrl, jwt)).toEqual(expired);
  });

  it('refuses an unknown subject, and a user of another org, as an invalid assertion', async () => {
    await setUp();
    const invalid = refusal('invalid_grant', 'invalid assertion');
    for (const sub of ['nobody@acme.example', SANDBOX_ADMIN]) expect(await grant(fake.loginUrl, assertion(await claimsFor(PROD_ADMIN, { sub })))).toEqual(invalid);
  });

  it('refuses a user an admin has not pre-authorized, and records it in the login history', async () => {
    await fake.control.patchApp(ecaOf(PROD_ADMIN).clientId, { certificate: CERTIFICATE });
    expect(await grant(fake.loginUrl, assertion(await claimsFor()))).toEqual(refusal('invalid_grant', "user hasn't approved this consumer"));
    expect(await history(PROD_ADMIN)).toEqual([['jwt', 'Failed: Not approved for access']]);
  });

  it('shows the uploaded certificate in the state as a summary, never the PEM, and refuses what is not a certificate', async () => {
    const app = await fake.control.patchApp(ecaOf(PROD_ADMIN).clientId, { certificate: CERTIFICATE, preAuthorizedUsers: [PROD_ADMIN] });
    const expected = new X509Certificate(CERTIFICATE);
    expect(app.certificate).toEqual({ fingerprint: expected.fingerprint256, subject: expected.subject, notBefore: new Date(expected.validFrom).toISOString(), notAfter: new Date(expected.validTo).toISOString() });
    expect([app.preAuthorizedUsers, app.preApprovedUsers]).toEqual([[PROD_ADMIN], [PROD_ADMIN]]);
    expect(JSON.stringify(await fake.control.state())).not.toContain('BEGIN CERTIFICATE');
    const error = await rejection(fake.control.patchApp(app.clientId, { certificate: 'not a certificate' }));
    expect(error.message).toBe('certificate: is not a PEM X.509 certificate');
  });
});

describe('the retired username-password flow', () => {
  it('refuses the OAuth password grant once retired, whatever the org allows, while SOAP login() still works', async () => {
    const admin = fake.user(PROD_ADMIN);
    await fake.control.patchOrg(admin.orgId, { passwordFlowRetired: true, passwordFlowAllowed: true });
    const { clientId, clientSecret } = fake.orgOf(PROD_ADMIN).connectedApp;
    const oauth = new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl, clientId, clientSecret }, version: API_VERSION });
    expect(await oauthFailure(oauth.login(PROD_ADMIN, admin.password + admin.token))).toEqual({ name: 'invalid_grant', message: 'authentication failure' });
    expect(await history(PROD_ADMIN)).toEqual([['oauth', 'Failed: OAuth username-password flow blocked']]);
    await expect(new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login(PROD_ADMIN, admin.password + admin.token)).resolves.toBeTruthy();
  });
});
