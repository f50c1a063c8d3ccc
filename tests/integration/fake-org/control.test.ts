/**
 * The control API: its state, validation (400 with a message for anything malformed), reset to
 * the seed, loopback-only access, and the `startFakeOrg` options.
 */
import { networkInterfaces } from 'node:os';
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { defaultSeed, fakeOrgControl, startFakeOrg } from '../../../e2e/fake-org';
import { API_VERSION, EXPIRED_USER, NO_API_USER, PROD_ADMIN, SANDBOX_ADMIN, getJson, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();

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
        maxLoginAttempts: 10,
        lockoutMinutes: 15,
      });
    }
  });

  it('finds an org by its 15-character id or by its 18-character id in any case', async () => {
    const orgId = fake.user(PROD_ADMIN).orgId;
    await expect(fake.control.patchOrg(orgId.slice(0, 15), { maxLoginAttempts: 5 })).resolves.toMatchObject({ id: orgId, settings: { maxLoginAttempts: 5 } });
    await expect(fake.control.patchOrg(orgId.toLowerCase(), { maxLoginAttempts: 3 })).resolves.toMatchObject({ settings: { maxLoginAttempts: 3 } });
  });

  it('returns the changed user from PATCH', async () => {
    await expect(fake.control.patchUser(NO_API_USER, { apiEnabled: true, passwordExpired: true })).resolves.toMatchObject({ apiEnabled: true, passwordExpired: true });
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
    ['POST', 'clock', '{"advanceMinutes":-5}', 'advanceMinutes: Too small: expected number to be >0'],
    ['POST', 'faults', '{"count":0,"drop":true}', 'count: Too small: expected number to be >=1'],
    ['POST', 'faults', '{"count":1}', 'a fault needs latencyMs, status, body or drop'],
    ['POST', 'faults', '{"count":1,"drop":true,"status":500}', 'a dropped connection has no status or body'],
    ['POST', 'faults', '{"count":1,"body":"xml"}', 'body: Invalid option: expected one of "malformed"|"html"|"empty"'],
    ['POST', `users/${PROD_ADMIN}/password`, '{}', 'password: Invalid input: expected string, received undefined'],
  ])('answers %s /__fake/%s with %s by 400', async (method, path, body, message) => {
    expect(await control(method, path, body)).toEqual({ status: 400, body: { message } });
  });

  it('answers unknown users, orgs and endpoints with 404, and a wrong method with 405', async () => {
    expect((await control('POST', 'users/nobody@acme.example/reset-token')).status).toBe(404);
    expect((await control('PATCH', 'orgs/00D000000000000', '{}')).status).toBe(404);
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
    await fake.control.patchUser(NO_API_USER, { frozen: true });
    await fake.control.injectFaults({ path: '/services/oauth2/token', count: 3, status: 503 });

    const fresh = await fake.control.reset();
    expect({ ...fresh, now: seeded.now }).toEqual(seeded);
    expect(await fake.control.outbox()).toEqual([]);
    expect(await fake.control.loginHistory()).toEqual([]);
    // Raw HTTP: jsforce would quietly log in again with the (again valid) seed credentials.
    expect((await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, conn.accessToken ?? '')).status).toBe(401);
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
