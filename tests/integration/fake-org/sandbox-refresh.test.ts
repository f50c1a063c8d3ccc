/**
 * A sandbox refresh (`POST /__fake/orgs/{orgId}/refresh-sandbox`): a new org behind the same My
 * Domain, whose users log in with their production passwords of the refresh day, through real
 * jsforce where OrgKey uses it.
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { API_VERSION, PROD_ADMIN, SANDBOX_ADMIN, getJson, postToken, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();

async function soapLogin(username: string, password: string, loginUrl = fake.loginUrl) {
  const conn = new jsforce.Connection({ loginUrl, version: API_VERSION });
  const info = await conn.login(username, password);
  return { conn, info };
}

describe('refreshing a sandbox', () => {
  it('gives the sandbox a new org id, which logins and the Organization query report', async () => {
    const before = fake.user(SANDBOX_ADMIN);
    const refreshed = await fake.control.refreshSandbox(before.orgId);
    expect(refreshed.previousOrgId).toBe(before.orgId);
    expect(refreshed.orgId).toMatch(/^00D[A-Za-z0-9]{15}$/);
    expect(refreshed.orgId).not.toBe(before.orgId);
    expect(refreshed).toMatchObject({ matchedUsers: [SANDBOX_ADMIN], removedUsers: [] });
    const production = fake.user(PROD_ADMIN);
    const { conn, info } = await soapLogin(SANDBOX_ADMIN, production.password + fake.user(SANDBOX_ADMIN).token);
    expect(info.organizationId).toBe(refreshed.orgId);
    await expect(conn.query<{ Id: string; IsSandbox: boolean }>('SELECT Id, IsSandbox FROM Organization')).resolves.toMatchObject({ records: [{ Id: refreshed.orgId, IsSandbox: true }] });
    // The old id is gone from the control API too.
    await expect(rejection(fake.control.patchOrg(before.orgId, { soapLoginEnabled: true }))).resolves.toMatchObject({ status: 404 });
  });

  it("gives sandbox users their production counterpart's password and change date, a new token and an .invalid email", async () => {
    await fake.control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 40 });
    const before = fake.user(SANDBOX_ADMIN);
    await fake.control.refreshSandbox(before.orgId);
    const after = fake.user(SANDBOX_ADMIN);
    const production = fake.user(PROD_ADMIN);
    expect(after.password).toBe(production.password);
    expect(after.lastPasswordChangeDate).toBe(production.lastPasswordChangeDate);
    expect(after.token).not.toBe(before.token);
    expect(after.email).toBe(`${before.email}.invalid`);
    // The sandbox password of before the refresh, and the old token, no longer work.
    await expect(rejection(soapLogin(SANDBOX_ADMIN, before.password + before.token))).resolves.toMatchObject({ message: expect.stringMatching(/^INVALID_LOGIN:/) });
    await expect(rejection(soapLogin(SANDBOX_ADMIN, production.password + before.token))).resolves.toMatchObject({ message: expect.stringMatching(/^INVALID_LOGIN:/) });
  });

  it('ends sessions and revokes refresh tokens of the old sandbox', async () => {
    const before = fake.user(SANDBOX_ADMIN);
    const { conn } = await soapLogin(SANDBOX_ADMIN, before.password + before.token);
    const refreshToken = await fake.control.issueRefreshToken(SANDBOX_ADMIN);
    await fake.control.refreshSandbox(before.orgId);
    const { status } = await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, conn.accessToken ?? '');
    expect(status).toBe(401);
    const app = fake.orgOf(SANDBOX_ADMIN).connectedApp;
    const refreshed = await postToken(fake.loginUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: app.clientId });
    expect(refreshed).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } });
  });

  it('removes External Client Apps made in the sandbox and keeps its My Domain', async () => {
    const before = fake.orgOf(SANDBOX_ADMIN);
    expect(before.externalClientApps).toHaveLength(1);
    await fake.control.refreshSandbox(before.id);
    const after = fake.orgOf(SANDBOX_ADMIN);
    expect(after.externalClientApps).toEqual([]);
    expect(after.myDomainUrl).toBe(before.myDomainUrl);
    expect(fake.org.orgs).toContainEqual({ orgId: after.id, myDomainUrl: before.myDomainUrl });
    const production = fake.user(PROD_ADMIN);
    const { info } = await soapLogin(SANDBOX_ADMIN, production.password + fake.user(SANDBOX_ADMIN).token, after.myDomainUrl);
    expect(info.organizationId).toBe(after.id);
  });

  it('removes sandbox users that have no production counterpart', async () => {
    const sandbox = fake.orgOf(SANDBOX_ADMIN);
    await fake.control.seedLoginHistory(sandbox.id, { days: 1, perDay: 5 });
    const refreshed = await fake.control.refreshSandbox(sandbox.id);
    expect(refreshed.removedUsers).toContain('dataloader.job@acme.example.uat');
    expect(fake.org.state.snapshot().users.map((user) => user.username)).not.toContain('dataloader.job@acme.example.uat');
  });

  it('refuses to refresh a production org', async () => {
    await expect(rejection(fake.control.refreshSandbox(fake.user(PROD_ADMIN).orgId))).resolves.toMatchObject({ status: 400, message: expect.stringContaining('not a sandbox') });
  });

  it('goes back to the seed on reset', async () => {
    const seedId = fake.user(SANDBOX_ADMIN).orgId;
    await fake.control.refreshSandbox(seedId);
    await fake.control.reset();
    expect(fake.user(SANDBOX_ADMIN).orgId).toBe(seedId);
    expect(fake.orgOf(SANDBOX_ADMIN).externalClientApps).toHaveLength(1);
  });
});
