/**
 * The control API: its state, validation (400 with a message for anything malformed), reset to
 * the seed, loopback-only access, and the `startFakeOrg` options.
 */
import { networkInterfaces } from 'node:os';
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { defaultSeed, fakeOrgControl, startFakeOrg } from '../../../e2e/fake-org';
import { DEFAULT_CALLBACK_PORT } from '../../../shared/domain';
import { API_VERSION, EXPIRED_USER, NO_API_USER, PROD_ADMIN, SANDBOX_ADMIN, SEED_CALLBACK_URLS, getJson, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();

/** The seeded External Client App of the production org. */
const SEED_ECA = defaultSeed().orgs[0]?.externalClientApps[0]?.clientId ?? '';
const CALLBACK_RULE = 'must be an absolute URL without a fragment: https, a custom scheme, or http on localhost';

async function control(method: string, path: string, body?: string) {
  const response = await fetch(`${fake.loginUrl}/__fake/${path}`, { method, body, headers: body === undefined ? {} : { 'Content-Type': 'application/json' } });
  return { status: response.status, body: (await response.json()) as { message?: string } };
}

function externalIPv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
}

describe('control API state', () => {
  it('describes the default seed: a production org and a sandbox, each with an admin, plus the special users', async () => {
    const state = await fake.control.state();
    expect(state.orgs.map((org) => org.sandbox)).toEqual([false, true]);
    const users = Object.fromEntries(state.users.map((user) => [user.username, user]));
    expect(users[PROD_ADMIN]).toMatchObject({ sandbox: false, profileName: 'System Administrator', apiEnabled: true, passwordExpired: false });
    expect(users[SANDBOX_ADMIN]).toMatchObject({ sandbox: true, profileName: 'System Administrator' });
    expect(users[EXPIRED_USER]).toMatchObject({ passwordExpired: true, apiEnabled: true });
    expect(users[NO_API_USER]).toMatchObject({ apiEnabled: false });
    for (const org of state.orgs) {
      expect(org.id).toMatch(/^00D[A-Za-z0-9]{15}$/);
      expect(org.settings).toEqual({
        trustedIpRanges: [],
        soapLoginEnabled: true,
        enforceUseAnyApiAuth: false,
        apiEnabled: true,
        passwordFlowAllowed: true,
        passwordFlowRetired: false,
        maxLoginAttempts: 10,
        lockoutMinutes: 15,
        passwordExpiryDays: 90,
      });
    }
  });

  it('gives each org a connected app and an External Client App, both public clients of OrgKey’s default and the old loopback callback', async () => {
    const state = await fake.control.state();
    const policies = { requireSecret: false, requireSecretForRefresh: false, rotateRefreshTokens: false, callbackUrls: SEED_CALLBACK_URLS, refreshTokenValidityMinutes: null, permittedUsers: 'all', preApprovedUsers: [], notApprovedError: 'invalid_grant', preAuthorizedUsers: [], clientCredentialsUser: null, certificate: null };
    expect(SEED_CALLBACK_URLS).toEqual([`http://localhost:${DEFAULT_CALLBACK_PORT}/oauth/callback`, 'http://localhost:1717/oauth/callback']);
    const clientIds = new Set<string>();
    for (const org of state.orgs) {
      expect(org.connectedApp).toMatchObject({ name: 'OrgKey Integration', ...policies });
      expect(org.externalClientApps).toEqual([{ name: 'OrgKey Browser Login', clientId: expect.stringMatching(/^3MVG9[A-Za-z0-9]{80}$/), clientSecret: expect.stringMatching(/^[0-9A-F]{64}$/), ...policies }]);
      for (const app of [org.connectedApp, ...org.externalClientApps]) clientIds.add(app.clientId);
    }
    expect(clientIds.size).toBe(4);
    expect(state.refreshTokens).toEqual([]);
  });

  it('creates External Client Apps with fresh credentials and the seed’s defaults', async () => {
    const orgId = fake.user(PROD_ADMIN).orgId;
    const response = await fetch(`${fake.loginUrl}/__fake/orgs/${orgId.slice(0, 15)}/external-client-apps`, { method: 'POST' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      name: 'External Client App 2',
      clientId: expect.stringMatching(/^3MVG9[A-Za-z0-9._]{80}$/),
      clientSecret: expect.stringMatching(/^[0-9A-F]{64}$/),
      requireSecret: false,
      requireSecretForRefresh: false,
      rotateRefreshTokens: false,
      callbackUrls: SEED_CALLBACK_URLS,
      refreshTokenValidityMinutes: null,
      permittedUsers: 'all',
      preApprovedUsers: [],
      notApprovedError: 'invalid_grant',
      preAuthorizedUsers: [],
      clientCredentialsUser: null,
      certificate: null,
      orgId,
      kind: 'externalClientApp',
    });
    const custom = await fake.control.createExternalClientApp(orgId, { name: 'Tableau', callbackUrls: ['myapp://oauth', 'https://example.com/cb'], requireSecret: true, refreshTokenValidityMinutes: 1440 });
    expect(custom).toMatchObject({ name: 'Tableau', callbackUrls: ['myapp://oauth', 'https://example.com/cb'], requireSecret: true, refreshTokenValidityMinutes: 1440 });
    const org = (await fake.control.state()).orgs.find((candidate) => candidate.id === orgId);
    expect(org?.externalClientApps.map((app) => app.name)).toEqual(['OrgKey Browser Login', 'External Client App 2', 'Tableau']);
  });

  it('changes the OAuth policies of a connected app or an External Client App', async () => {
    const { orgId } = fake.user(SANDBOX_ADMIN);
    const org = (await fake.control.state()).orgs.find((candidate) => candidate.id === orgId);
    const connected = await fake.control.patchApp(org?.connectedApp.clientId ?? '', { requireSecret: true });
    expect(connected).toMatchObject({ kind: 'connectedApp', orgId, requireSecret: true, requireSecretForRefresh: false, callbackUrls: SEED_CALLBACK_URLS });
    const refreshPolicies = await fake.control.patchApp(connected.clientId, { requireSecretForRefresh: true, rotateRefreshTokens: true });
    expect(refreshPolicies).toMatchObject({ requireSecret: true, requireSecretForRefresh: true, rotateRefreshTokens: true });
    const eca = await fake.control.patchApp(org?.externalClientApps[0]?.clientId ?? '', { callbackUrls: ['http://127.0.0.1:4321/cb'], refreshTokenValidityMinutes: 30 });
    expect(eca).toMatchObject({ kind: 'externalClientApp', callbackUrls: ['http://127.0.0.1:4321/cb'], refreshTokenValidityMinutes: 30, requireSecret: false });
    await expect(fake.control.patchApp(eca.clientId, { refreshTokenValidityMinutes: null })).resolves.toMatchObject({ refreshTokenValidityMinutes: null });
    await expect(fake.control.patchApp(eca.clientId, { permittedUsers: 'admin-approved', preApprovedUsers: [SANDBOX_ADMIN] })).resolves.toMatchObject({
      permittedUsers: 'admin-approved',
      preApprovedUsers: [SANDBOX_ADMIN],
    });
  });

  it('lists refresh tokens, and revokes all of a user’s with their sessions', async () => {
    const admin = fake.user(PROD_ADMIN);
    const token = await fake.control.issueRefreshToken(PROD_ADMIN);
    await fake.control.issueRefreshToken(SANDBOX_ADMIN);
    const clientId = (await fake.control.state()).orgs.find((org) => org.id === admin.orgId)?.connectedApp.clientId;
    const refreshed = await new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId }).refreshToken(token);
    const { now, refreshTokens } = await fake.control.state();
    expect(refreshTokens[0]).toEqual({ token, username: PROD_ADMIN, clientId, scopes: ['api', 'id', 'refresh_token'], issuedAt: expect.any(String), expiresAt: null, revoked: false, rotated: false });
    expect(Math.abs(Date.parse(refreshTokens[0]?.issuedAt ?? '') - Date.parse(now))).toBeLessThan(5_000);
    await expect(fake.control.revokeRefreshTokens(PROD_ADMIN.toUpperCase())).resolves.toBe(1);
    expect((await fake.control.state()).refreshTokens.map((record) => [record.username, record.revoked])).toEqual([
      [PROD_ADMIN, true],
      [SANDBOX_ADMIN, false],
    ]);
    expect((await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, refreshed.access_token)).status).toBe(401);
  });

  it('finds an org by its 15-character id or by its 18-character id in any case', async () => {
    const orgId = fake.user(PROD_ADMIN).orgId;
    await expect(fake.control.patchOrg(orgId.slice(0, 15), { maxLoginAttempts: 5 })).resolves.toMatchObject({ id: orgId, settings: { maxLoginAttempts: 5 } });
    await expect(fake.control.patchOrg(orgId.toLowerCase(), { maxLoginAttempts: 3 })).resolves.toMatchObject({ settings: { maxLoginAttempts: 3 } });
  });

  it('renames an org: the Organization query and SOAP login() answer with the new name, whatever text it is', async () => {
    const admin = fake.user(PROD_ADMIN);
    // DEL, a C1 control (CSI), a right-to-left override and a tab: text a hostile server could send.
    const name = 'Acme\u009b2J\u202eCorp\u007f\tLtd';
    await expect(fake.control.patchOrg(admin.orgId, { name })).resolves.toMatchObject({ name });
    const conn = new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION });
    await conn.login(PROD_ADMIN, admin.password + admin.token);
    expect((await conn.query<{ Name: string }>('SELECT Name FROM Organization')).records[0]?.Name).toBe(name);
    expect(fake.orgOf(SANDBOX_ADMIN).name).toBe('Acme Corporation');
  });

  it('sets the password policy controls and shows them in the state', async () => {
    const orgId = fake.user(PROD_ADMIN).orgId;
    await expect(fake.control.patchOrg(orgId, { passwordExpiryDays: 180 })).resolves.toMatchObject({ settings: { passwordExpiryDays: 180 } });
    const changed = await fake.control.putProfilePasswordPolicy(orgId, 'standard user', { passwordExpiration: 60 });
    expect(changed.profilePasswordPolicies).toEqual([{ fullName: expect.stringMatching(/^standard_user_profilePasswordPolicy\d+$/), profile: 'standard user', passwordExpiration: 60 }]);
    // The same profile in another case changes that policy rather than adding one.
    const again = await fake.control.putProfilePasswordPolicy(orgId, 'Standard User', { passwordExpiration: 0 });
    expect(again.profilePasswordPolicies.map((policy) => policy.passwordExpiration)).toEqual([0]);
    await expect(fake.control.deleteProfilePasswordPolicy(orgId, 'STANDARD USER')).resolves.toMatchObject({ profilePasswordPolicies: [] });
    await expect(fake.control.patchUser(PROD_ADMIN, { apiOnly: true, mfaForApi: true, passwordNeverExpires: true, modifyAllData: false })).resolves.toMatchObject({
      apiOnly: true,
      mfaForApi: true,
      passwordNeverExpires: true,
      modifyAllData: false,
    });
  });

  it('returns the changed user from PATCH', async () => {
    await expect(fake.control.patchUser(NO_API_USER, { apiEnabled: true, passwordExpired: true })).resolves.toMatchObject({ apiEnabled: true, passwordExpired: true });
    expect(fake.user(PROD_ADMIN).viewSetup).toBe(true);
    await expect(fake.control.patchUser(PROD_ADMIN, { viewSetup: false })).resolves.toMatchObject({ viewSetup: false });
  });
});

describe('control API validation', () => {
  it.each([
    ['PATCH', `users/${PROD_ADMIN}`, '{not json', 'The request body is not valid JSON'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"colour":"red"}', 'Unrecognized key: "colour"'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"frozen":"yes"}', 'frozen: Invalid input: expected boolean, received string'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"unlock":false}', 'unlock: Invalid input: expected true'],
    ['PATCH', 'orgs/00D5g00000AcmP1', '{"trustedIpRanges":["127.0.0.1"]}', 'trustedIpRanges.0: must be a CIDR range such as 127.0.0.1/32'],
    ['PATCH', 'orgs/00D5g00000AcmP1', '{"maxLoginAttempts":4}', 'maxLoginAttempts: Invalid option: expected one of 0|3|5|10'],
    ['PATCH', 'orgs/00D5g00000AcmP1', '{"name":"Acme\\u001b[2J"}', 'name: must be text XML can carry (no C0 controls but tab and line breaks)'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"language":"xx"}', 'language: Invalid option: expected one of "en_US"|"ja"|"de"|"fr"|"es"|"it"|"pt_BR"|"zh_CN"|"zh_TW"|"ko"|"nl_NL"|"th"'],
    ['POST', 'clock', '{"advanceMinutes":-5}', 'advanceMinutes: Too small: expected number to be >0'],
    ['POST', 'faults', '{"count":0,"drop":true}', 'count: Too small: expected number to be >=1'],
    ['POST', 'faults', '{"count":1}', 'a fault needs latencyMs, status, body or drop'],
    ['POST', 'faults', '{"count":1,"drop":true,"status":500}', 'a dropped connection has no status or body'],
    ['POST', 'faults', '{"count":1,"body":"xml"}', 'body: Invalid option: expected one of "malformed"|"html"|"empty"|"invalid-session"'],
    ['POST', `users/${PROD_ADMIN}/password`, '{}', 'password: Invalid input: expected string, received undefined'],
    ['POST', `users/${PROD_ADMIN}/revoke-refresh-tokens`, '{"all":true}', 'Unrecognized key: "all"'],
    ['POST', 'orgs/00D5g00000AcmP1/external-client-apps', '{"name":"  "}', 'name: Too small: expected string to have >=1 characters'],
    ['POST', 'orgs/00D5g00000AcmP1/external-client-apps', '{"clientId":"3MVG9mine"}', 'Unrecognized key: "clientId"'],
    ['POST', 'orgs/00D5g00000AcmP1/external-client-apps', '{"callbackUrls":["http://example.com/cb"]}', `callbackUrls.0: ${CALLBACK_RULE}`],
    ['PATCH', `apps/${SEED_ECA}`, '{"callbackUrls":["/oauth/callback"]}', `callbackUrls.0: ${CALLBACK_RULE}`],
    ['PATCH', `apps/${SEED_ECA}`, '{"callbackUrls":["https://example.com/cb#top"]}', `callbackUrls.0: ${CALLBACK_RULE}`],
    ['PATCH', `apps/${SEED_ECA}`, '{"callbackUrls":["javascript:alert(1)"]}', `callbackUrls.0: ${CALLBACK_RULE}`],
    ['PATCH', `apps/${SEED_ECA}`, '{"callbackUrls":[]}', 'callbackUrls: Too small: expected array to have >=1 items'],
    ['PATCH', `apps/${SEED_ECA}`, '{"requireSecret":"yes"}', 'requireSecret: Invalid input: expected boolean, received string'],
    ['PATCH', `apps/${SEED_ECA}`, '{"rotateRefreshTokens":1}', 'rotateRefreshTokens: Invalid input: expected boolean, received number'],
    ['PATCH', `apps/${SEED_ECA}`, '{"refreshTokenValidityMinutes":0}', 'refreshTokenValidityMinutes: Too small: expected number to be >0'],
    ['PATCH', `apps/${SEED_ECA}`, '{"name":"Renamed"}', 'Unrecognized key: "name"'],
    ['PATCH', `apps/${SEED_ECA}`, '{"permittedUsers":"admins"}', 'permittedUsers: Invalid option: expected one of "all"|"admin-approved"'],
    ['PATCH', `apps/${SEED_ECA}`, '{"notApprovedError":"access_denied"}', 'notApprovedError: Invalid option: expected one of "invalid_grant"|"invalid_app_access"'],
    ['PATCH', `apps/${SEED_ECA}`, '{"preApprovedUsers":["nobody@acme.example"]}', 'preApprovedUsers: no user with username nobody@acme.example'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"viewSetup":"no"}', 'viewSetup: Invalid input: expected boolean, received string'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"lastPasswordChangeDaysAgo":-1}', 'lastPasswordChangeDaysAgo: Too small: expected number to be >=0'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"lastPasswordChangeDaysAgo":4000}', 'lastPasswordChangeDaysAgo: Too big: expected number to be <=3650'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"passwordNeverExpires":"yes"}', 'passwordNeverExpires: Invalid input: expected boolean, received string'],
    ['PATCH', `users/${PROD_ADMIN}`, '{"mfaForApi":1}', 'mfaForApi: Invalid input: expected boolean, received number'],
    ['PATCH', 'orgs/00D5g00000AcmP1', '{"passwordExpiryDays":45}', 'passwordExpiryDays: Invalid option: expected one of 0|30|60|90|180|365'],
    ['PUT', 'orgs/00D5g00000AcmP1/profile-password-policies/Standard User', '{"passwordExpiration":7}', 'passwordExpiration: Invalid option: expected one of 0|30|60|90|180|365'],
    ['PUT', 'orgs/00D5g00000AcmP1/profile-password-policies/Standard User', '{}', 'passwordExpiration: Invalid option: expected one of 0|30|60|90|180|365'],
    ['POST', 'orgs/00D5g00000AcmP1/refresh-sandbox', '{}', 'The org 00D5g00000AcmP1EAJ is not a sandbox; only a sandbox can be refreshed'],
    ['POST', 'orgs/00D1k0000008UaT/refresh-sandbox', '{"copy":"full"}', 'Unrecognized key: "copy"'],
  ])('answers %s /__fake/%s with %s by 400', async (method, path, body, message) => {
    expect(await control(method, path, body)).toEqual({ status: 400, body: { message } });
  });

  it('answers unknown users, orgs and endpoints with 404, and a wrong method with 405', async () => {
    expect((await control('POST', 'users/nobody@acme.example/reset-token')).status).toBe(404);
    expect((await control('PATCH', 'orgs/00D000000000000', '{}')).status).toBe(404);
    expect((await control('POST', 'orgs/00D000000000000/external-client-apps', '{}')).status).toBe(404);
    expect(await control('PATCH', 'apps/3MVG9unknown', '{}')).toEqual({ status: 404, body: { message: 'No connected app or External Client App with client id 3MVG9unknown' } });
    expect((await control('POST', 'users/nobody@acme.example/revoke-refresh-tokens')).status).toBe(404);
    expect((await control('PUT', 'orgs/00D000000000000/profile-password-policies/Standard User', '{"passwordExpiration":30}')).status).toBe(404);
    expect(await control('DELETE', 'orgs/00D5g00000AcmP1/profile-password-policies/Standard User')).toEqual({ status: 404, body: { message: 'No password policy for profile Standard User' } });
    expect((await control('POST', 'orgs/00D000000000000/refresh-sandbox')).status).toBe(404);
    expect((await control('POST', `users/${PROD_ADMIN}/refresh-token`, '{"clientId":"3MVG9unknown"}')).status).toBe(400);
    expect((await control('GET', 'nothing-here')).status).toBe(404);
    expect((await control('DELETE', 'state')).status).toBe(405);
  });
});

describe('reset to seed', () => {
  it('restores secrets and settings and forgets sessions, mail, history and faults', async () => {
    const seeded = await fake.control.state();
    const admin = fake.user(PROD_ADMIN);
    const conn = new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION });
    await conn.login(PROD_ADMIN, admin.password + admin.token);
    await fake.control.resetToken(PROD_ADMIN);
    await fake.control.setPassword(SANDBOX_ADMIN, 'Another-Pass-2025');
    await fake.control.patchOrg(admin.orgId, { apiEnabled: false, trustedIpRanges: ['127.0.0.1/32'] });
    await fake.control.patchUser(NO_API_USER, { frozen: true, viewSetup: false });
    await fake.control.injectFaults({ path: '/services/oauth2/token', count: 3, status: 503 });
    const created = await fake.control.createExternalClientApp(admin.orgId);
    await fake.control.patchApp(SEED_ECA, { requireSecret: true, callbackUrls: ['https://example.com/cb'], permittedUsers: 'admin-approved', preApprovedUsers: [PROD_ADMIN], notApprovedError: 'invalid_app_access' });
    const refreshToken = await fake.control.issueRefreshToken(SANDBOX_ADMIN, created.clientId);

    const fresh = await fake.control.reset();
    expect({ ...fresh, now: seeded.now }).toEqual(seeded);
    expect(await fake.control.outbox()).toEqual([]);
    expect(await fake.control.loginHistory()).toEqual([]);
    // Raw HTTP: jsforce would quietly log in again with the (again valid) seed credentials.
    expect((await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, conn.accessToken ?? '')).status).toBe(401);
    const unknownApp = await rejection(new jsforce.OAuth2({ loginUrl: fake.loginUrl, clientId: created.clientId }).refreshToken(refreshToken));
    expect(unknownApp.name).toBe('invalid_client_id');
  });
});

describe('who may use the control API', () => {
  it.skipIf(externalIPv4() === undefined)('refuses callers that are not on loopback with 403, and treats them as untrusted', async () => {
    const address = externalIPv4() ?? '';
    const open = await startFakeOrg({ host: '0.0.0.0' });
    try {
      const port = new URL(open.loginUrl).port;
      const response = await fetch(`http://${address}:${port}/__fake/state`);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: 'The fake org control API answers loopback callers only' });
      const admin = open.state.user(PROD_ADMIN);
      await fakeOrgControl(open.loginUrl).patchOrg(admin.orgId, { trustedIpRanges: ['127.0.0.0/8'] });
      const remote = new jsforce.Connection({ loginUrl: `http://${address}:${port}`, version: API_VERSION });
      expect((await rejection(remote.login(PROD_ADMIN, admin.password))).message).toMatch(/^LOGIN_MUST_USE_SECURITY_TOKEN: /);
    } finally {
      await open.close();
    }
  });
});

describe('startFakeOrg options', () => {
  it('starts from a custom seed and clock', async () => {
    const seed = defaultSeed();
    const [production] = seed.orgs;
    if (!production) throw new Error('The default seed has a production org');
    production.settings.trustedIpRanges = ['127.0.0.1/32'];
    seed.orgs = [production];
    const custom = await startFakeOrg({ seed, clockStart: new Date('2030-01-01T00:00:00Z') });
    try {
      const state = custom.state.snapshot();
      expect(state.now.startsWith('2030-01-01T00:0')).toBe(true);
      expect(state.users.map((user) => user.username)).not.toContain(SANDBOX_ADMIN);
      const admin = custom.state.user(PROD_ADMIN);
      await expect(new jsforce.Connection({ loginUrl: custom.loginUrl, version: API_VERSION }).login(PROD_ADMIN, admin.password)).resolves.toBeTruthy();
      expect(() => custom.state.user('nobody@acme.example')).toThrow(/no user nobody@acme\.example/);
    } finally {
      await custom.close();
    }
  });

  it('refuses a seed that could not behave like Salesforce', async () => {
    const seed = defaultSeed();
    const [production, sandbox] = seed.orgs;
    const [admin] = production?.users ?? [];
    if (!sandbox || !admin) throw new Error('The default seed has two orgs with users');
    sandbox.users.push({ ...admin, id: '0051k000001Dup1', username: PROD_ADMIN.toUpperCase() });
    await expect(startFakeOrg({ seed })).rejects.toThrow(`Seed: username ${PROD_ADMIN.toUpperCase()} is used twice`);
  });
});
