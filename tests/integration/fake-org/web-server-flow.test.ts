/**
 * The web-server (authorization-code) flow with PKCE (RFC 6749 §4.1, RFC 7636): the authorize
 * endpoint, its login and "Allow Access?" pages driven with plain HTTP as a browser would, and the code
 * exchanged by real jsforce (`OAuth2({useVerifier: true})`, `Connection.authorize(code)`) or by raw
 * token requests for the error cases.
 */
import { createHmac } from 'node:crypto';
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_CODE_MINUTES, type OAuthAppSnapshot } from '../../../e2e/fake-org';
import {
  API_VERSION,
  CALLBACK_URL,
  EXPIRED_USER,
  NO_API_USER,
  PROD_ADMIN,
  SANDBOX_ADMIN,
  getJson,
  openPage,
  postToken,
  rejection,
  submitForm,
  useFakeOrg,
  type FlowPage,
} from './support';

const fake = useFakeOrg();
const { orgOf, ecaOf } = fake;

const LOGIN_FAILED = "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";
const SCOPES = 'api id refresh_token';



function webClient(app: OAuthAppSnapshot, redirectUri = CALLBACK_URL) {
  return new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: app.clientId, redirectUri, useVerifier: true });
}

/** The authorize URL as a client writes it by hand, for the cases jsforce can't produce. */
function authorizeUrl(params: Record<string, string>): string {
  return `${fake.loginUrl}/services/oauth2/authorize?${new URLSearchParams(params).toString()}`;
}

/** Opens the authorize URL and logs in; resolves to the page that follows. */
async function logIn(url: string, username: string, password = fake.user(username).password): Promise<FlowPage> {
  const loginPage = await openPage(url);
  expect(loginPage.status).toBe(200);
  return submitForm(loginPage, fake.loginUrl, { username, password });
}

/** Logs in as `username`, answers the consent page, and resolves to the callback it redirects to. */
async function authorizeAs(url: string, username = PROD_ADMIN, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const consent = await logIn(url, username);
  expect(consent.html).toContain('<title>Allow Access? | Salesforce</title>');
  const answer = await submitForm(consent, fake.loginUrl, { decision });
  expect(answer.status).toBe(302);
  return new URL(answer.location ?? '');
}

/** A code for `username` through jsforce's authorize URL; the OAuth2 keeps the PKCE verifier. */
async function codeFor(oauth2: InstanceType<typeof jsforce.OAuth2>, username = PROD_ADMIN, scope = SCOPES): Promise<string> {
  const callback = await authorizeAs(oauth2.getAuthorizationUrl({ scope, state: 'S' }), username);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`No code in ${callback.href}`);
  return code;
}

/** A raw code exchange, as jsforce would send it; `overrides` change or (undefined) drop parameters. */
async function exchange(oauth2: InstanceType<typeof jsforce.OAuth2>, code: string, overrides: Record<string, string | undefined> = {}) {
  const params: Record<string, string | undefined> = {
    grant_type: 'authorization_code',
    code,
    client_id: oauth2.clientId ?? undefined,
    redirect_uri: oauth2.redirectUri ?? undefined,
    code_verifier: oauth2.codeVerifier ?? undefined,
    ...overrides,
  };
  return postToken(fake.loginUrl, Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined)));
}

const limitsUrl = () => `${fake.loginUrl}/services/data/v${API_VERSION}/limits`;

describe('authorize endpoint', () => {
  it('shows a self-contained login page with labelled fields, the login hint filled in', async () => {
    const page = await openPage(authorizeUrl({ response_type: 'code', client_id: ecaOf(PROD_ADMIN).clientId, redirect_uri: CALLBACK_URL, login_hint: PROD_ADMIN }));
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(page.html).toContain('<title>Login | Salesforce</title>');
    expect(page.html).toContain('<label for="username">Username</label> <input id="username" name="username" type="text" autocomplete="username" value="admin@acme.example">');
    expect(page.html).toContain('<label for="password">Password</label> <input id="password" name="password" type="password"');
    expect(page.html).toContain('<button type="submit">Log In</button>');
    expect(page.html).not.toMatch(/<script|<link|<img|src=/);
    // The pending request travels in the form, not in a URL.
    expect(page.html).toMatch(/<form method="post" action="\/login"><input type="hidden" name="request" value="[A-Za-z0-9]{32}">/);
  });

  it('names the app and what it asks for on the consent page, with Allow and Deny buttons', async () => {
    const consent = await logIn(webClient(ecaOf(PROD_ADMIN)).getAuthorizationUrl({ scope: 'api id refresh_token custom_thing' }), PROD_ADMIN);
    expect(consent.status).toBe(200);
    expect(consent.html).toContain('<h1>Allow Access?</h1><p><strong>OrgKey Browser Login</strong> is asking to:</p>');
    expect(consent.html).toContain(
      '<ul><li>Manage user data via APIs (api)</li><li>Access the identity URL service (id, profile, email, address, phone)</li>' +
        '<li>Perform requests at any time (refresh_token, offline_access)</li><li>custom_thing</li></ul>',
    );
    expect(consent.html).toContain('Do you want to allow access for <strong>admin@acme.example</strong>?');
    expect(consent.html).toContain('<button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="deny">Deny</button>');
  });

  it('redirects Allow to the callback with the code and the state exactly as sent', async () => {
    const state = 'a b&c=d/ü+%';
    const callback = await authorizeAs(webClient(ecaOf(PROD_ADMIN)).getAuthorizationUrl({ scope: SCOPES, state }));
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK_URL);
    expect([...callback.searchParams.keys()]).toEqual(['code', 'state']);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('code')).toMatch(/^aPrx[A-Za-z0-9._]{80}==$/);
    expect(callback.search).toContain('%3D%3D&state=a%20b%26c%3Dd%2F%C3%BC%2B%25');
  });

  it('leaves the state out when the request had none', async () => {
    const callback = await authorizeAs(authorizeUrl({ response_type: 'code', client_id: ecaOf(PROD_ADMIN).clientId, redirect_uri: CALLBACK_URL }));
    expect([...callback.searchParams.keys()]).toEqual(['code']);
  });

  it('redirects Deny with access_denied and the state, and no code', async () => {
    const callback = await authorizeAs(webClient(ecaOf(PROD_ADMIN)).getAuthorizationUrl({ state: 'xyz' }), PROD_ADMIN, 'deny');
    expect(callback.search).toBe('?error=access_denied&error_description=end-user%20denied%20authorization&state=xyz');
  });

  it('shows an error page, never a redirect, for an unknown client id', async () => {
    const page = await openPage(authorizeUrl({ response_type: 'code', client_id: '3MVG9unknown', redirect_uri: CALLBACK_URL, state: 'x' }));
    expect(page).toMatchObject({ status: 400, location: null });
    expect(page.html).toContain('<p>error=invalid_client_id&amp;error_description=client identifier invalid</p>');
  });

  it('shows an error page for a redirect_uri that is not exactly a registered callback, until it is registered', async () => {
    const app = ecaOf(PROD_ADMIN);
    for (const redirectUri of [`${CALLBACK_URL}/`, CALLBACK_URL.replace('localhost', '127.0.0.1'), CALLBACK_URL.replace('oauth', 'OAuth'), 'http://localhost:18718/oauth/callback', '']) {
      const page = await openPage(authorizeUrl({ response_type: 'code', client_id: app.clientId, redirect_uri: redirectUri }));
      expect(page).toMatchObject({ status: 400, location: null });
      expect(page.html).toContain('<p>error=redirect_uri_mismatch&amp;error_description=redirect_uri must match configuration</p>');
    }
    const ownCallback = 'http://localhost:53682/oauth/callback';
    await fake.control.patchApp(app.clientId, { callbackUrls: [CALLBACK_URL, ownCallback] });
    const callback = await authorizeAs(webClient(app, ownCallback).getAuthorizationUrl({ state: 's' }));
    expect(`${callback.origin}${callback.pathname}`).toBe(ownCallback);
  });

  it('redirects other request errors to the callback with the state', async () => {
    const base = { client_id: ecaOf(PROD_ADMIN).clientId, redirect_uri: CALLBACK_URL, state: 'st' };
    const cases: [Record<string, string>, string][] = [
      [{ ...base, response_type: 'token' }, 'error=unsupported_response_type&error_description=response%20type%20not%20supported&state=st'],
      [{ ...base, response_type: 'code', code_challenge: 'abc', code_challenge_method: 'plain' }, 'error=invalid_request&error_description=invalid%20code%20challenge%20method&state=st'],
      [{ ...base, response_type: 'code', prompt: 'none' }, 'error=login_required&error_description=user%20is%20not%20logged%20in&state=st'],
    ];
    for (const [params, query] of cases) {
      const page = await openPage(authorizeUrl(params));
      expect([page.status, page.location]).toEqual([302, `${CALLBACK_URL}?${query}`]);
    }
  });

  it('accepts a double slash and a trailing slash in the path', async () => {
    const query = new URLSearchParams({ response_type: 'code', client_id: ecaOf(PROD_ADMIN).clientId, redirect_uri: CALLBACK_URL }).toString();
    expect((await openPage(`${fake.loginUrl}//services/oauth2/authorize/?${query}`)).status).toBe(200);
  });
});

describe('login page', () => {
  const url = () => webClient(ecaOf(PROD_ADMIN)).getAuthorizationUrl({ scope: SCOPES });

  it('shows the page again with Salesforce’s message for a wrong password, keeping the username', async () => {
    const page = await logIn(url(), PROD_ADMIN, 'not-the-password');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>Login | Salesforce</title>');
    expect(page.html).toContain(`<p role="alert">${LOGIN_FAILED}</p>`);
    expect(page.html).toContain(`value="${PROD_ADMIN}"`);
    // The same request can still succeed.
    const consent = await submitForm(page, fake.loginUrl, { username: PROD_ADMIN, password: fake.user(PROD_ADMIN).password });
    expect(consent.html).toContain('<h1>Allow Access?</h1>');
  });

  it('wants the bare password: password + token is wrong, even from a trusted address', async () => {
    const admin = fake.user(PROD_ADMIN);
    await fake.control.patchOrg(admin.orgId, { trustedIpRanges: ['127.0.0.0/8'] });
    expect((await logIn(url(), PROD_ADMIN, admin.password + admin.token)).html).toContain(LOGIN_FAILED);
  });

  it('counts failures toward lockout, then refuses the right password, recording each as a browser login', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3 });
    for (let i = 0; i < 3; i += 1) expect((await logIn(url(), PROD_ADMIN, `wrong-${i}`)).html).toContain(LOGIN_FAILED);
    expect(fake.user(PROD_ADMIN).lockedUntil).not.toBeNull();
    expect((await logIn(url(), PROD_ADMIN)).html).toContain(LOGIN_FAILED);
    expect((await fake.control.loginHistory(PROD_ADMIN)).map((entry) => [entry.via, entry.status, entry.apiVersion])).toEqual([
      ['browser', 'Invalid Password', null],
      ['browser', 'Invalid Password', null],
      ['browser', 'Invalid Password', null],
      ['browser', 'Password Lockout', null],
    ]);
  });

  it('shares the lockout counter with SOAP login', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { maxLoginAttempts: 3 });
    const admin = fake.user(PROD_ADMIN);
    const soap = () => new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login(PROD_ADMIN, 'wrong');
    await rejection(soap());
    await rejection(soap());
    await logIn(url(), PROD_ADMIN, 'wrong');
    expect((await rejection(new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login(PROD_ADMIN, admin.password + admin.token))).message).toMatch(/^INVALID_LOGIN: /);
  });

  it('refuses unknown and frozen users with the same message', async () => {
    expect((await logIn(url(), 'nobody@acme.example', 'whatever')).html).toContain(LOGIN_FAILED);
    await fake.control.patchUser(PROD_ADMIN, { frozen: true });
    expect((await logIn(url(), PROD_ADMIN)).html).toContain(LOGIN_FAILED);
    expect((await fake.control.loginHistory()).map((entry) => [entry.username, entry.status])).toEqual([
      ['nobody@acme.example', 'Invalid Login'],
      [PROD_ADMIN, 'User Is Frozen'],
    ]);
  });

  it('stops a user whose password has expired at the change-password page', async () => {
    const page = await logIn(webClient(ecaOf(EXPIRED_USER)).getAuthorizationUrl(), EXPIRED_USER);
    expect([page.status, page.location]).toEqual([200, null]);
    expect(page.html).toContain('<title>Change Your Password | Salesforce</title>');
    expect((await fake.control.loginHistory(EXPIRED_USER)).map((entry) => entry.status)).toEqual(['Failed: Password Expired']);
  });

  it('refuses a user of another org after the login: an External Client App is local to its org', async () => {
    const loginPage = await openPage(webClient(ecaOf(PROD_ADMIN)).getAuthorizationUrl({ state: 's' }));
    const page = await submitForm(loginPage, fake.loginUrl, { username: SANDBOX_ADMIN, password: fake.user(SANDBOX_ADMIN).password });
    expect([page.status, page.location]).toEqual([400, null]);
    expect(page.html).toContain('<p>OAUTH_EC_APP_NOT_FOUND: External client app is not installed in this org</p>');
    expect((await fake.control.loginHistory(SANDBOX_ADMIN)).map((entry) => [entry.via, entry.status])).toEqual([['browser', 'Success']]);
    // The request is over: its form can't be used again.
    const again = await submitForm(loginPage, fake.loginUrl, { username: PROD_ADMIN, password: fake.user(PROD_ADMIN).password });
    expect(again.status).toBe(400);
    expect(again.html).toContain('This login request has expired or was already completed.');
  });

  it('refuses a user of another org for a connected app too', async () => {
    const page = await logIn(webClient(orgOf(PROD_ADMIN).connectedApp).getAuthorizationUrl(), SANDBOX_ADMIN);
    expect(page.status).toBe(400);
    expect(page.html).toContain('<p>OAUTH_APPROVAL_ERROR_GENERIC: An unexpected error has occurred during authentication. Please try again.</p>');
  });

  it('is not affected by SOAP login being off, the password flow being blocked or Use Any API Auth', async () => {
    const orgId = fake.user(PROD_ADMIN).orgId;
    await fake.control.patchOrg(orgId, { soapLoginEnabled: false, passwordFlowAllowed: false, enforceUseAnyApiAuth: true });
    await fake.control.patchUser(PROD_ADMIN, { useAnyApiAuth: false });
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const conn = new jsforce.Connection({ oauth2, version: API_VERSION });
    await conn.authorize(await codeFor(oauth2));
    await expect(conn.query('SELECT Name FROM Organization')).resolves.toMatchObject({ records: [{ Name: 'Acme Corporation' }] });
  });
});

describe('code exchange through jsforce', () => {
  it('establishes a session with a refresh token that works with identity, query and limits', async () => {
    const admin = fake.user(PROD_ADMIN);
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const conn = new jsforce.Connection({ oauth2, version: API_VERSION });
    const userInfo = await conn.authorize(await codeFor(oauth2));
    expect(userInfo).toEqual({ id: admin.id, organizationId: admin.orgId, url: `${fake.loginUrl}/id/${admin.orgId}/${admin.id}` });
    expect(conn.instanceUrl).toBe(fake.loginUrl);
    expect(conn.refreshToken).toMatch(/^5Aep861/);
    await expect(conn.identity()).resolves.toMatchObject({ username: PROD_ADMIN });
    await expect(conn.query('SELECT Username FROM User')).resolves.toMatchObject({ totalSize: expect.any(Number) });
    await expect(conn.limits()).resolves.toHaveProperty('DailyApiRequests');
    const [token, ...others] = (await fake.control.state()).refreshTokens;
    expect(others).toEqual([]);
    expect(token).toMatchObject({ token: conn.refreshToken, username: PROD_ADMIN, clientId: oauth2.clientId, scopes: ['api', 'id', 'refresh_token'], expiresAt: null, revoked: false });
  });

  it('works with the org’s connected app as well', async () => {
    const oauth2 = webClient(orgOf(SANDBOX_ADMIN).connectedApp);
    const conn = new jsforce.Connection({ oauth2, version: API_VERSION });
    await expect(conn.authorize(await codeFor(oauth2, SANDBOX_ADMIN))).resolves.toMatchObject({ organizationId: fake.user(SANDBOX_ADMIN).orgId });
  });

  it('answers with the documented fields, the granted scopes and a signature made with the app’s secret', async () => {
    const app = ecaOf(PROD_ADMIN);
    const oauth2 = webClient(app);
    const { status, body } = await exchange(oauth2, await codeFor(oauth2, PROD_ADMIN, 'api offline_access'));
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['access_token', 'refresh_token', 'instance_url', 'id', 'token_type', 'issued_at', 'signature', 'scope']);
    expect(body.scope).toBe('api offline_access');
    expect(body.signature).toBe(createHmac('sha256', app.clientSecret).update(`${body.id ?? ''}${body.issued_at ?? ''}`).digest('base64'));
  });

  it('issues no refresh token without the refresh_token or offline_access scope', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const { body } = await exchange(oauth2, await codeFor(oauth2, PROD_ADMIN, 'api id'));
    expect(body.refresh_token).toBeUndefined();
    expect(body.scope).toBe('api id');
    expect((await fake.control.state()).refreshTokens).toEqual([]);
  });

  it('limits the session to its scopes: REST needs api, identity needs id', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const { id } = fake.user(PROD_ADMIN);
    const noApi = await exchange(oauth2, await codeFor(oauth2, PROD_ADMIN, 'id'));
    expect(await getJson(limitsUrl(), noApi.body.access_token)).toMatchObject({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID', message: 'This session is not valid for use with the REST API' }],
    });
    const noId = await exchange(oauth2, await codeFor(oauth2, PROD_ADMIN, 'api'));
    const identity = await fetch(`${noId.body.id}?oauth_token=${encodeURIComponent(noId.body.access_token ?? '')}`);
    expect([identity.status, await identity.text(), id]).toEqual([403, 'Bad_OAuth_Token', id]);
    expect((await getJson(limitsUrl(), noId.body.access_token)).status).toBe(200);
  });

  it('lets a user without API Enabled log in, and the API refuses the session', async () => {
    const oauth2 = webClient(ecaOf(NO_API_USER));
    const conn = new jsforce.Connection({ oauth2, version: API_VERSION });
    await conn.authorize(await codeFor(oauth2, NO_API_USER));
    await expect(conn.identity()).resolves.toMatchObject({ username: NO_API_USER });
    const error = await rejection(conn.limits());
    expect([error.name, error.message]).toEqual(['API_CURRENTLY_DISABLED', 'API is disabled for this User']);
  });
});

describe('code exchange errors', () => {
  const error = (description: string, error = 'invalid_grant') => ({ status: 400, body: { error, error_description: description } });

  it('refuses a verifier that does not match the challenge, and a missing one', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    expect(await exchange(oauth2, await codeFor(oauth2), { code_verifier: `${oauth2.codeVerifier ?? ''}x` })).toEqual(error('invalid code verifier'));
    expect(await exchange(oauth2, await codeFor(oauth2), { code_verifier: undefined })).toEqual(error('invalid code verifier'));
  });

  it('burns a code on a failed attempt', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const code = await codeFor(oauth2);
    await exchange(oauth2, code, { code_verifier: 'wrong' });
    expect(await exchange(oauth2, code)).toEqual(error('expired authorization code'));
  });

  it('lets a code be used once; a replay fails and revokes what the code bought', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const code = await codeFor(oauth2);
    const first = await exchange(oauth2, code);
    expect(first.status).toBe(200);
    expect((await getJson(limitsUrl(), first.body.access_token)).status).toBe(200);
    expect(await exchange(oauth2, code)).toEqual(error('expired authorization code'));
    expect((await getJson(limitsUrl(), first.body.access_token)).status).toBe(401);
    const refresh = await rejection(oauth2.refreshToken(first.body.refresh_token ?? ''));
    expect([refresh.name, refresh.message]).toEqual(['invalid_grant', 'expired access/refresh token']);
    expect((await fake.control.state()).refreshTokens.map((token) => token.revoked)).toEqual([true]);
  });

  it(`expires a code after ${AUTHORIZATION_CODE_MINUTES} minutes of the fake clock`, async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const fresh = await codeFor(oauth2);
    const stale = await codeFor(oauth2);
    await fake.control.advanceClock(AUTHORIZATION_CODE_MINUTES - 1);
    expect((await exchange(oauth2, fresh)).status).toBe(200);
    await fake.control.advanceClock(1);
    expect(await exchange(oauth2, stale)).toEqual(error('expired authorization code'));
  });

  it('refuses a redirect_uri other than the authorize request’s', async () => {
    const app = ecaOf(PROD_ADMIN);
    const other = 'http://localhost:8080/callback';
    await fake.control.patchApp(app.clientId, { callbackUrls: [CALLBACK_URL, other] });
    const oauth2 = webClient(app);
    expect(await exchange(oauth2, await codeFor(oauth2), { redirect_uri: other })).toEqual(error('redirect_uri mismatch'));
  });

  it('refuses an unknown code, and a code presented by another app without burning it', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    expect(await exchange(oauth2, 'aPrxmadeUp==')).toEqual(error('invalid authorization code'));
    const code = await codeFor(oauth2);
    expect(await exchange(oauth2, code, { client_id: orgOf(PROD_ADMIN).connectedApp.clientId })).toEqual(error('invalid authorization code'));
    expect((await exchange(oauth2, code)).status).toBe(200);
  });

  it('refuses an unknown client id and a wrong secret before looking at the code', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const code = await codeFor(oauth2);
    expect(await exchange(oauth2, code, { client_id: '3MVG9unknown' })).toEqual(error('client identifier invalid', 'invalid_client_id'));
    expect(await exchange(oauth2, code, { client_secret: 'WRONG' })).toEqual(error('invalid client credentials', 'invalid_client'));
    expect((await exchange(oauth2, code)).status).toBe(200);
  });

  it('refuses a frozen user’s code with inactive user', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const code = await codeFor(oauth2);
    await fake.control.patchUser(PROD_ADMIN, { frozen: true });
    expect(await exchange(oauth2, code)).toEqual(error('inactive user'));
  });

  it('surfaces errors through jsforce as Error(name = error, message = error_description)', async () => {
    const oauth2 = webClient(ecaOf(PROD_ADMIN));
    const code = await codeFor(oauth2);
    await new jsforce.Connection({ oauth2, version: API_VERSION }).authorize(code);
    const replay = await rejection(new jsforce.Connection({ oauth2, version: API_VERSION }).authorize(code));
    expect([replay.name, replay.message]).toEqual(['invalid_grant', 'expired authorization code']);
  });
});
