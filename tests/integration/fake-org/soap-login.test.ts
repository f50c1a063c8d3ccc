/**
 * SOAP `login()` through jsforce, the client OrgKey uses: every outcome must surface exactly as
 * jsforce surfaces it against real Salesforce (an Error whose message is the faultstring).
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { fakeOrgControl, startFakeOrg, to18 } from '../../../e2e/fake-org';
import { API_VERSION, EXPIRED_USER, NO_API_USER, PROD_ADMIN, SANDBOX_ADMIN, getJson, rejection, useFakeOrg } from './support';

const INVALID_LOGIN = 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.';
const MUST_USE_TOKEN =
  'LOGIN_MUST_USE_SECURITY_TOKEN: Invalid username, password, security token; or user locked out. Are you at a new location? ' +
  'When accessing Salesforce--either via a desktop client or the API--from outside of your company’s trusted networks, ' +
  'you must add a security token to your password to log in. To get your new security token, log in to Salesforce. ' +
  'From your personal settings, enter Reset My Security Token in the Quick Find box, then select Reset My Security Token.';

const fake = useFakeOrg();

function connection(version = API_VERSION, loginUrl = fake.loginUrl) {
  return new jsforce.Connection({ loginUrl, version });
}

async function loginError(username: string, password: string, version?: string): Promise<string> {
  return (await rejection(connection(version).login(username, password))).message;
}

function withToken(username: string): string {
  const user = fake.user(username);
  return user.password + user.token;
}

describe('SOAP login through jsforce', () => {
  it('establishes instanceUrl, accessToken and userInfo for password + token', async () => {
    const admin = fake.user(PROD_ADMIN);
    const conn = connection();
    const userInfo = await conn.login(admin.username, admin.password + admin.token);
    expect(conn.instanceUrl).toBe(fake.loginUrl);
    expect(conn.accessToken).toMatch(new RegExp(`^${admin.orgId.slice(0, 15)}!`));
    expect(userInfo).toEqual({ id: admin.id, organizationId: admin.orgId, url: `${fake.loginUrl}/id/${admin.orgId}/${admin.id}` });
    expect(admin.id).toBe(to18(admin.id.slice(0, 15)));
  });

  it('picks the org from the username, so the sandbox admin lands in the sandbox org', async () => {
    const conn = connection();
    const userInfo = await conn.login(SANDBOX_ADMIN, withToken(SANDBOX_ADMIN));
    const sandbox = fake.org.state.snapshot().orgs.find((org) => org.sandbox);
    expect(userInfo.organizationId).toBe(sandbox?.id);
  });

  it('matches usernames without regard to case, like Salesforce', async () => {
    await expect(connection().login(PROD_ADMIN.toUpperCase(), withToken(PROD_ADMIN))).resolves.toMatchObject({ id: fake.user(PROD_ADMIN).id });
  });

  it('accepts a login URL with a trailing slash (jsforce then posts to //services/Soap/u)', async () => {
    await expect(connection(API_VERSION, `${fake.loginUrl}/`).login(PROD_ADMIN, withToken(PROD_ADMIN))).resolves.toBeTruthy();
  });

  it('answers a wrong password with INVALID_LOGIN', async () => {
    expect(await loginError(PROD_ADMIN, `wrong${fake.user(PROD_ADMIN).token}`)).toBe(INVALID_LOGIN);
  });

  it('answers an unknown username with the same INVALID_LOGIN', async () => {
    expect(await loginError('nobody@acme.example', withToken(PROD_ADMIN))).toBe(INVALID_LOGIN);
  });

  it('treats the security token as case-sensitive', async () => {
    const admin = fake.user(PROD_ADMIN);
    expect(await loginError(PROD_ADMIN, admin.password + admin.token.toLowerCase())).toBe(INVALID_LOGIN);
  });

  it('asks an untrusted caller that sent the bare password for the security token', async () => {
    expect(await loginError(PROD_ADMIN, fake.user(PROD_ADMIN).password)).toBe(MUST_USE_TOKEN);
  });

  it('lets a caller inside the trusted IP ranges log in with the bare password or with password + token', async () => {
    const admin = fake.user(PROD_ADMIN);
    await fake.control.patchOrg(admin.orgId, { trustedIpRanges: ['127.0.0.1/32'] });
    await expect(connection().login(PROD_ADMIN, admin.password)).resolves.toBeTruthy();
    await expect(connection().login(PROD_ADMIN, admin.password + admin.token)).resolves.toBeTruthy();
  });

  it('still wants the token when the trusted ranges do not contain the caller', async () => {
    const admin = fake.user(PROD_ADMIN);
    await fake.control.patchOrg(admin.orgId, { trustedIpRanges: ['10.0.0.0/8', '::1/128'] });
    expect(await loginError(PROD_ADMIN, admin.password)).toBe(MUST_USE_TOKEN);
  });

  it('trusts an IPv4 caller that a dual-stack listener reports as ::ffff:127.0.0.1', async () => {
    const dualStack = await startFakeOrg({ host: '::' });
    try {
      const admin = dualStack.state.user(PROD_ADMIN);
      await fakeOrgControl(dualStack.loginUrl).patchOrg(admin.orgId, { trustedIpRanges: ['127.0.0.1/32'] });
      const conn = new jsforce.Connection({ loginUrl: dualStack.loginUrl, version: API_VERSION });
      await expect(conn.login(PROD_ADMIN, admin.password)).resolves.toBeTruthy();
      const [attempt] = await fakeOrgControl(dualStack.loginUrl).loginHistory(PROD_ADMIN);
      expect(attempt?.sourceIp).toBe('127.0.0.1');
    } finally {
      await dualStack.close();
    }
  });

  it('refuses a user without the API Enabled permission with API_CURRENTLY_DISABLED', async () => {
    expect(await loginError(NO_API_USER, withToken(NO_API_USER))).toBe('API_CURRENTLY_DISABLED: API is disabled for this User');
  });

  it('refuses every user of an org without API access with API_DISABLED_FOR_ORG', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { apiEnabled: false });
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).toBe('API_DISABLED_FOR_ORG: API is not enabled for this Organization or Partner');
  });

  it('makes jsforce refuse the restricted session of an expired password', async () => {
    expect(await loginError(EXPIRED_USER, withToken(EXPIRED_USER))).toBe('Unable to login because the used password has expired.');
  });

  it('rejects retired API versions with UNSUPPORTED_API_VERSION', async () => {
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN), '30.0')).toBe('UNSUPPORTED_API_VERSION: Invalid Api version specified on URL');
  });

  it('rejects SOAP login from API 65.0 on with INVALID_OPERATION', async () => {
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN), '65.0')).toBe(
      'INVALID_OPERATION: The SOAP Login operation is not available in the API version specified (65.0). Refer to the documentation for supported versions.',
    );
  });

  it('rejects SOAP login in an org that has it disabled, before looking at credentials', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { soapLoginEnabled: false });
    expect(await loginError(PROD_ADMIN, 'anything')).toBe(
      'INVALID_OPERATION: SOAP API login() is disabled by default in this org. Contact the org administrator to enable SOAP API login().',
    );
  });

  it('requires Use Any API Auth when the org enforces it', async () => {
    const orgId = fake.user(PROD_ADMIN).orgId;
    await fake.control.patchOrg(orgId, { enforceUseAnyApiAuth: true });
    await fake.control.patchUser(PROD_ADMIN, { useAnyApiAuth: false });
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).toBe('INSUFFICIENT_ACCESS: SOAP API login() requires the Use Any API Auth user permission.');
    await fake.control.patchUser(PROD_ADMIN, { useAnyApiAuth: true });
    await expect(connection().login(PROD_ADMIN, withToken(PROD_ADMIN))).resolves.toBeTruthy();
  });

  it('answers a frozen user with INVALID_LOGIN even for the right credentials', async () => {
    await fake.control.patchUser(PROD_ADMIN, { frozen: true });
    expect(await loginError(PROD_ADMIN, withToken(PROD_ADMIN))).toBe(INVALID_LOGIN);
  });

  it('ends the session on logout, after which REST calls get 401 INVALID_SESSION_ID', async () => {
    const conn = connection();
    await conn.login(PROD_ADMIN, withToken(PROD_ADMIN));
    const sessionId = conn.accessToken ?? '';
    await conn.logout();
    const { status, body } = await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, sessionId);
    expect(status).toBe(401);
    expect(body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('answers logout with an unknown session with INVALID_SESSION_ID', async () => {
    const conn = new jsforce.Connection({ instanceUrl: fake.loginUrl, sessionId: '00D5g00000AcmP1!bogus', version: API_VERSION });
    expect((await rejection(conn.logout())).message).toBe('INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session');
  });
});
