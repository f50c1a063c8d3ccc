/**
 * What a connection check reads after login: versions, limits, Organization and User queries,
 * identity, and frontdoor (REST API guide; Mobile SDK "Using Identity URLs"), through jsforce
 * where OrgKey uses jsforce.
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { API_VERSION, PROD_ADMIN, SANDBOX_ADMIN, getJson, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();

async function loggedIn(username = PROD_ADMIN) {
  const user = fake.user(username);
  const conn = new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION });
  await conn.login(username, user.password + user.token);
  return conn;
}

describe('REST resources', () => {
  it('lists API versions oldest first without a session', async () => {
    const { status, body } = await getJson(`${fake.loginUrl}/services/data/`);
    expect(status).toBe(200);
    const versions = body as { label: string; url: string; version: string }[];
    expect(versions[0]).toEqual({ label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    expect(versions.find((v) => v.version === '64.0')?.label).toBe("Summer '25");
    expect(versions.at(-1)?.version).toBe('66.0');
  });

  it('lists the resources of a version, including the identity URL', async () => {
    const conn = await loggedIn();
    const admin = fake.user(PROD_ADMIN);
    await expect(conn.request(`/services/data/v${API_VERSION}/`)).resolves.toMatchObject({
      identity: `${fake.loginUrl}/id/${admin.orgId}/${admin.id}`,
      limits: `/services/data/v${API_VERSION}/limits`,
    });
  });

  it('reports limits and counts each call in DailyApiRequests and Sforce-Limit-Info', async () => {
    const conn = await loggedIn();
    const first = await conn.limits();
    const second = await conn.limits();
    expect(first.DailyApiRequests!.Max).toBe(15000);
    expect(second.DailyApiRequests!.Remaining).toBe(first.DailyApiRequests!.Remaining - 1);
    expect(conn.limitInfo.apiUsage).toEqual({ used: 2, limit: 15000 });
  });

  it('refuses the limits, and only the limits, to a user without View Setup and Configuration', async () => {
    const conn = await loggedIn();
    await fake.control.patchUser(PROD_ADMIN, { viewSetup: false });
    const { status, body } = await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, conn.accessToken ?? '');
    expect(status).toBe(403);
    expect(body).toEqual([{ message: 'limits resource is not enabled', errorCode: 'API_DISABLED_FOR_ORG' }]);
    // jsforce carries the code in errorCode and name, with the bare message.
    const refused = (await rejection(conn.limits())) as Error & { errorCode?: string };
    expect([refused.name, refused.errorCode, refused.message]).toEqual(['API_DISABLED_FOR_ORG', 'API_DISABLED_FOR_ORG', 'limits resource is not enabled']);
    await expect(conn.identity()).resolves.toMatchObject({ username: PROD_ADMIN });
    await expect(conn.query('SELECT Id FROM Organization')).resolves.toMatchObject({ totalSize: 1 });
    await fake.control.patchUser(PROD_ADMIN, { viewSetup: true });
    await expect(conn.limits()).resolves.toHaveProperty('DailyApiRequests');
  });

  it('refuses every data resource to a user without API Enabled or an org without the API, by code', async () => {
    const conn = await loggedIn();
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { apiEnabled: false });
    const org = (await rejection(conn.query('SELECT Id FROM Organization'))) as Error & { errorCode?: string };
    expect([org.errorCode, org.message]).toEqual(['API_DISABLED_FOR_ORG', 'The REST API is not enabled for this Organization.']);
    await fake.control.patchUser(PROD_ADMIN, { apiEnabled: false });
    const user = (await rejection(conn.limits())) as Error & { errorCode?: string };
    expect([user.errorCode, user.message]).toEqual(['API_CURRENTLY_DISABLED', 'API is disabled for this User']);
  });

  it('answers the Organization query for a production org and a sandbox', async () => {
    const soql = 'SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization';
    const production = await (await loggedIn()).query(soql);
    const admin = fake.user(PROD_ADMIN);
    expect(production).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'Organization', url: `/services/data/v${API_VERSION}/sobjects/Organization/${admin.orgId}` },
          Id: admin.orgId,
          Name: 'Acme Corporation',
          OrganizationType: 'Enterprise Edition',
          IsSandbox: false,
          InstanceName: 'NA224',
        },
      ],
    });
    const sandbox = await (await loggedIn(SANDBOX_ADMIN)).query(soql);
    expect(sandbox.records[0]).toMatchObject({ IsSandbox: true, Id: fake.user(SANDBOX_ADMIN).orgId });
  });

  it('answers a User query with a WHERE clause, comparing text without regard to case', async () => {
    const conn = await loggedIn();
    const result = await conn.query(`select id, username, name, email from user where Username = '${PROD_ADMIN.toUpperCase()}'`);
    expect(result.records).toEqual([
      {
        attributes: { type: 'User', url: `/services/data/v${API_VERSION}/sobjects/User/${fake.user(PROD_ADMIN).id}` },
        Id: fake.user(PROD_ADMIN).id,
        Username: PROD_ADMIN,
        Name: 'Avery Admin',
        Email: 'avery.admin@acme.example',
      },
    ]);
  });

  it('lists only the users of the caller’s org', async () => {
    const result = await (await loggedIn(SANDBOX_ADMIN)).query('SELECT Username FROM User');
    expect(result.records.map((record) => record.Username as unknown)).toEqual([SANDBOX_ADMIN]);
  });

  it('reports unknown fields, objects and unparseable queries with REST error codes', async () => {
    const conn = await loggedIn();
    expect((await rejection(conn.query('SELECT Foo FROM Organization'))).name).toBe('INVALID_FIELD');
    expect((await rejection(conn.query('SELECT Id FROM Account'))).name).toBe('INVALID_TYPE');
    expect((await rejection(conn.query('DELETE everything'))).name).toBe('MALFORMED_QUERY');
  });

  it('answers 401 INVALID_SESSION_ID for an unknown session', async () => {
    const { status, body } = await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/query?q=SELECT+Id+FROM+Organization`, '00D5g00000AcmP1!nope');
    expect(status).toBe(401);
    expect(body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('expires a session after two idle hours on the fake clock', async () => {
    const sessionId = (await loggedIn()).accessToken ?? '';
    const limitsUrl = `${fake.loginUrl}/services/data/v${API_VERSION}/limits`;
    await fake.control.advanceClock(119);
    expect((await getJson(limitsUrl, sessionId)).status).toBe(200);
    await fake.control.advanceClock(121);
    expect((await getJson(limitsUrl, sessionId)).status).toBe(401);
  });

  it('answers versions it does not serve with 404 NOT_FOUND', async () => {
    const conn = await loggedIn();
    const { status, body } = await getJson(`${fake.loginUrl}/services/data/v20.0/limits`, conn.accessToken ?? '');
    expect(status).toBe(404);
    expect(body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });
});

describe('identity and frontdoor', () => {
  it('serves the identity document jsforce asks for with oauth_token', async () => {
    const conn = await loggedIn();
    const admin = fake.user(PROD_ADMIN);
    const identity = await conn.identity();
    expect(identity).toMatchObject({
      id: `${fake.loginUrl}/id/${admin.orgId}/${admin.id}`,
      user_id: admin.id,
      organization_id: admin.orgId,
      username: PROD_ADMIN,
      display_name: 'Avery Admin',
      email: 'avery.admin@acme.example',
    });
    expect(identity.urls.partner).toBe(`${fake.loginUrl}/services/Soap/u/{version}/${admin.orgId.slice(0, 15)}`);
  });

  it('accepts a Bearer header and fills in the version when asked', async () => {
    const conn = await loggedIn();
    const admin = fake.user(PROD_ADMIN);
    const { status, body } = await getJson(`${fake.loginUrl}/id/${admin.orgId}/${admin.id}?version=64.0`, conn.accessToken ?? '');
    expect(status).toBe(200);
    expect((body as { urls: { rest: string } }).urls.rest).toBe(`${fake.loginUrl}/services/data/v64.0/`);
  });

  it('refuses a missing token, a bad token and another user’s id', async () => {
    const conn = await loggedIn();
    const admin = fake.user(PROD_ADMIN);
    const sandbox = fake.user(SANDBOX_ADMIN);
    const url = `${fake.loginUrl}/id/${admin.orgId}/${admin.id}`;
    const missing = await fetch(url);
    expect([missing.status, await missing.text()]).toEqual([403, 'Missing_OAuth_Token']);
    const bad = await fetch(`${url}?oauth_token=nope`);
    expect([bad.status, await bad.text()]).toEqual([403, 'Bad_OAuth_Token']);
    const other = await fetch(`${fake.loginUrl}/id/${sandbox.orgId}/${sandbox.id}`, { headers: { Authorization: `Bearer ${conn.accessToken ?? ''}` } });
    expect([other.status, await other.text()]).toEqual([404, 'Bad_Id']);
  });

  it('opens frontdoor.jsp with a page naming the logged-in user and org', async () => {
    const conn = await loggedIn(SANDBOX_ADMIN);
    const response = await fetch(`${fake.loginUrl}/secur/frontdoor.jsp?sid=${encodeURIComponent(conn.accessToken ?? '')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('Avery Admin');
    expect(html).toContain(SANDBOX_ADMIN);
    expect(html).toContain('Acme Corporation');
    expect(html).toContain('Sandbox');
  });

  it('turns away frontdoor.jsp with an unknown session', async () => {
    expect((await fetch(`${fake.loginUrl}/secur/frontdoor.jsp?sid=nope`)).status).toBe(401);
  });
});
