/**
 * LoginHistory as a login audit reads it: the row each login flow writes (e2e/fake-org/README.md,
 * "Login history rows"), months of seeded history, the SOQL filters, order and limit, Salesforce's
 * 2,000-row paging through real jsforce, and what a user without "Manage Users" sees.
 */
import { readFileSync } from 'node:fs';
import { sign } from 'node:crypto';
import jsforce, { type Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import { type SeededHistory } from '../../../e2e/fake-org';
import { API_VERSION, CALLBACK_URL, NO_API_USER, PROD_ADMIN, SANDBOX_ADMIN, openPage, postSoap, postToken, rejection, submitForm, useFakeOrg } from './support';

const fake = useFakeOrg();

const CERTIFICATE = readFileSync(new URL('fixtures/test-only-jwt.crt', import.meta.url), 'utf8');
const PRIVATE_KEY = readFileSync(new URL('fixtures/test-only-jwt.key', import.meta.url), 'utf8');

const AUDIT_FIELDS = 'Id, UserId, LoginTime, LoginType, LoginSubType, Application, ApiType, ApiVersion, Status, SourceIp, LoginUrl, Platform, Browser, AuthenticationServiceId';

interface LoginHistoryRecord {
  Id: string;
  UserId: string;
  LoginTime: string;
  LoginType: string;
  LoginSubType: string | null;
  Application: string;
  ApiType: string;
  ApiVersion: string;
  Status: string;
  SourceIp: string;
  LoginUrl: string;
  Platform: string;
  Browser: string;
  AuthenticationServiceId: string | null;
}

const withToken = (username: string) => fake.user(username).password + fake.user(username).token;
const host = (url: string) => new URL(url).host;

async function adminConnection(username = PROD_ADMIN, version = API_VERSION) {
  const conn = new jsforce.Connection({ loginUrl: fake.loginUrl, version });
  await conn.login(username, withToken(username));
  return conn;
}

/** Every row of the admin's org from `since`, oldest first, through the connection's user. */
async function rowsSince(conn: Connection, since: string, extra = ''): Promise<LoginHistoryRecord[]> {
  const result = await conn.query<LoginHistoryRecord>(`SELECT ${AUDIT_FIELDS} FROM LoginHistory WHERE LoginTime >= ${since}${extra} ORDER BY LoginTime ASC`);
  return result.records.map((record) => {
    const { attributes: _attributes, ...fields } = record as LoginHistoryRecord & { attributes: unknown };
    return fields;
  });
}

/** The fake clock's now, a second back, as a SOQL datetime literal. */
async function fakeNow(): Promise<string> {
  return new Date(Date.parse((await fake.control.state()).now) - 1000).toISOString();
}

const prodOrgId = () => fake.user(PROD_ADMIN).orgId;
const seed = (spec: { days: number; perDay: number; seed?: number }, orgId = prodOrgId()): Promise<SeededHistory> => fake.control.seedLoginHistory(orgId, spec);

describe('the row each login flow writes', () => {
  it('SOAP login(): Other Apex API, SOAP Partner, the login URL’s version, the client name the caller gives or N/A', async () => {
    const since = await fakeNow();
    await adminConnection();
    const envelope =
      '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header><CallOptions xmlns="urn:partner.soap.sforce.com"><client>DataLoaderPartnerBatch/64.1.0</client></CallOptions></se:Header>' +
      `<se:Body><login xmlns="urn:partner.soap.sforce.com"><username>${PROD_ADMIN}</username><password>${withToken(PROD_ADMIN)}</password></login></se:Body></se:Envelope>`;
    expect((await postSoap(`${fake.loginUrl}/services/Soap/u/58.0`, envelope, { 'User-Agent': 'Java/17.0.10' })).status).toBe(200);
    await rejection(new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login(PROD_ADMIN, 'wrong'));
    const admin = fake.user(PROD_ADMIN);
    const common = { LoginType: 'Other Apex API', LoginSubType: null, ApiType: 'SOAP Partner', SourceIp: '127.0.0.1', LoginUrl: host(fake.loginUrl), UserId: admin.id, AuthenticationServiceId: null };
    const rows = await rowsSince(await adminConnection(), since);
    expect(rows.slice(0, 3)).toEqual([
      expect.objectContaining({ ...common, Application: 'N/A', ApiVersion: API_VERSION, Status: 'Success', Browser: 'Unknown', Platform: 'Unknown' }),
      expect.objectContaining({ ...common, Application: 'DataLoaderPartnerBatch/64.1.0', ApiVersion: '58.0', Status: 'Success', Browser: 'Java (Salesforce.com)' }),
      expect.objectContaining({ ...common, Application: 'N/A', Status: 'Invalid Password' }),
    ]);
    expect(rows[0]?.Id).toMatch(/^0Ya[A-Za-z0-9]{15}$/);
    expect(rows[0]?.LoginTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });

  it('OAuth username-password, web server, refresh token: Remote Access 2.0 with each flow’s subtype and the app’s name', async () => {
    const since = await fakeNow();
    const { connectedApp } = fake.orgOf(PROD_ADMIN);
    const oauth = new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl, clientId: connectedApp.clientId, clientSecret: connectedApp.clientSecret }, version: API_VERSION });
    await oauth.login(PROD_ADMIN, withToken(PROD_ADMIN));
    const login = await openPage(`${fake.loginUrl}/services/oauth2/authorize?response_type=code&client_id=${encodeURIComponent(connectedApp.clientId)}&redirect_uri=${encodeURIComponent(CALLBACK_URL)}`);
    const consent = await submitForm(login, fake.loginUrl, { username: PROD_ADMIN, password: fake.user(PROD_ADMIN).password });
    expect(consent.status).toBe(200);
    const refreshToken = await fake.control.issueRefreshToken(PROD_ADMIN);
    expect((await postToken(fake.loginUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: connectedApp.clientId })).status).toBe(200);
    const oauthRow = { LoginType: 'Remote Access 2.0', Application: connectedApp.name, ApiType: 'N/A', ApiVersion: 'N/A', Status: 'Success', LoginUrl: host(fake.loginUrl), AuthenticationServiceId: null };
    expect((await rowsSince(oauth, since)).slice(0, 3)).toEqual([
      expect.objectContaining({ ...oauthRow, LoginSubType: 'OAuth Username-Password', Browser: 'Unknown', Platform: 'Unknown' }),
      expect.objectContaining({ ...oauthRow, LoginSubType: 'OAuth Web Server' }),
      expect.objectContaining({ ...oauthRow, LoginSubType: 'OAuth Refresh Token' }),
    ]);
  });

  it('client credentials and JWT bearer: Remote Access 2.0, OAuth Client Credential and OAuth JWT Bearer', async () => {
    const since = await fakeNow();
    const { myDomainUrl, externalClientApps } = fake.orgOf(PROD_ADMIN);
    const [eca] = externalClientApps;
    if (!eca) throw new Error('The seed has an External Client App');
    await fake.control.patchApp(eca.clientId, { clientCredentialsUser: PROD_ADMIN, certificate: CERTIFICATE, preAuthorizedUsers: [PROD_ADMIN] });
    expect((await postToken(myDomainUrl, { grant_type: 'client_credentials', client_id: eca.clientId, client_secret: eca.clientSecret })).status).toBe(200);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = { iss: eca.clientId, sub: PROD_ADMIN, aud: 'https://login.salesforce.com', exp: Math.floor(Date.parse(await fakeNow()) / 1000) + 180 };
    const input = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
    const assertion = `${input}.${sign('RSA-SHA256', Buffer.from(input), PRIVATE_KEY).toString('base64url')}`;
    expect((await postToken(fake.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion })).status).toBe(200);
    const rows = await rowsSince(await adminConnection(), since);
    expect(rows.slice(0, 2)).toEqual([
      expect.objectContaining({ LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth Client Credential', Application: eca.name, LoginUrl: host(myDomainUrl), ApiVersion: 'N/A' }),
      expect.objectContaining({ LoginType: 'Remote Access 2.0', LoginSubType: 'OAuth JWT Bearer', Application: eca.name, LoginUrl: host(fake.loginUrl) }),
    ]);
  });

  it('lists a username the org does not know in the control API, but never as a LoginHistory record', async () => {
    const since = await fakeNow();
    await rejection(new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login('nobody@acme.example', 'x'));
    expect((await fake.control.loginHistory('nobody@acme.example')).map((entry) => [entry.status, entry.userId, entry.loginType])).toEqual([['Invalid Login', null, 'Other Apex API']]);
    expect((await rowsSince(await adminConnection(), since)).map((row) => row.Status)).toEqual(['Success']);
  });
});

describe('seeded history', () => {
  it('writes days × perDay rows for five integration users it creates, spread over the window, on each one’s flow', async () => {
    const seeded = await seed({ days: 30, perDay: 40 });
    expect(seeded.rows).toBe(1200);
    expect(seeded.users.map((user) => [user.username, user.name, user.via, user.application])).toEqual([
      ['dataloader.job@acme.example', 'Nightly Data Loader', 'soap', 'DataLoaderPartnerBatch/64.1.0'],
      ['etl.script@acme.example', 'ETL Script', 'oauth', 'Acme Nightly Sync'],
      ['tableau@acme.example', 'Tableau Server', 'refresh-token', 'Tableau Server'],
      ['casey.morgan@acme.example', 'Casey Morgan', 'ui', 'Browser'],
      ['billing.sync@acme.example', 'Billing Sync', 'client-credentials', 'Acme Billing Sync'],
    ]);
    expect(seeded.users.map((user) => user.rows)).toEqual([360, 300, 240, 120, 180]);
    const conn = await adminConnection();
    const users = await conn.query<{ Id: string; Username: string; Name: string }>(
      `SELECT Id, Username, Name FROM User WHERE Id IN (${seeded.users.map((user) => `'${user.userId}'`).join(', ')})`,
    );
    expect(users.records.map((user) => [user.Id, user.Username, user.Name])).toEqual(seeded.users.map((user) => [user.userId, user.username, user.name]));
    const rows: LoginHistoryRecord[] = [];
    for (let result = await conn.query<LoginHistoryRecord>(`SELECT ${AUDIT_FIELDS} FROM LoginHistory WHERE LoginTime >= ${seeded.from}`); ; result = await conn.queryMore(result.nextRecordsUrl ?? '')) {
      rows.push(...result.records.filter((row) => row.UserId !== fake.user(PROD_ADMIN).id));
      if (result.done) break;
    }
    expect(rows).toHaveLength(1200);
    const times = rows.map((row) => Date.parse(row.LoginTime.replace('+0000', 'Z')));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(seeded.from));
    expect(Math.max(...times)).toBeLessThan(Date.parse(seeded.to));
    expect(new Set(times.map((time) => Math.floor(time / 86_400_000))).size).toBeGreaterThanOrEqual(30);
    const dataLoader = rows.filter((row) => row.UserId === seeded.users[0]?.userId);
    expect(new Set(dataLoader.map((row) => row.ApiVersion))).toEqual(new Set(['64.0', '58.0']));
    expect(dataLoader.every((row) => row.LoginType === 'Other Apex API' && row.Browser === 'Java (Salesforce.com)' && row.SourceIp === '203.0.113.10')).toBe(true);
    expect(rows.filter((row) => row.Status !== 'Success').length).toBeGreaterThan(0);
    expect(new Set(rows.filter((row) => row.Status !== 'Success').map((row) => row.Status))).toEqual(new Set(['Invalid Password', 'Failed: API security token required']));
    expect(new Set(rows.map((row) => `${row.LoginType} / ${row.LoginSubType ?? ''}`))).toEqual(
      new Set(['Other Apex API / ', 'Remote Access 2.0 / OAuth Username-Password', 'Remote Access 2.0 / OAuth Refresh Token', 'Application / UI Username-Password', 'Remote Access 2.0 / OAuth Client Credential']),
    );
  });

  it('gives the same rows for the same seed number, and other rows for another', async () => {
    const admin = fake.user(PROD_ADMIN).id;
    const fingerprint = async () => {
      const { records } = await (await adminConnection()).query<LoginHistoryRecord>('SELECT LoginTime, UserId, Status, SourceIp, Application FROM LoginHistory');
      // Times of day, not dates: the window ends at the clock's now, which moves between runs.
      return records.filter((row) => row.UserId !== admin).map((row) => [row.UserId, row.Status, row.SourceIp, row.Application, row.LoginTime.slice(11)].join(' ')).sort();
    };
    await seed({ days: 10, perDay: 50, seed: 7 });
    const first = await fingerprint();
    expect(first).toHaveLength(500);
    await fake.control.reset();
    await seed({ days: 10, perDay: 50, seed: 7 });
    expect(await fingerprint()).toEqual(first);
    await fake.control.reset();
    await seed({ days: 10, perDay: 50, seed: 8 });
    expect(await fingerprint()).not.toEqual(first);
  });

  it('reuses its users when seeded again, seeds a sandbox with its own usernames, and goes with a reset', async () => {
    await seed({ days: 2, perDay: 10 });
    const again = await seed({ days: 2, perDay: 10 });
    expect(again.rows).toBe(20);
    const sandbox = await seed({ days: 1, perDay: 10 }, fake.user(SANDBOX_ADMIN).orgId);
    expect(sandbox.users[0]?.username).toBe('dataloader.job@acme.example.uat');
    const sandboxConn = await adminConnection(SANDBOX_ADMIN);
    expect((await sandboxConn.query('SELECT Id FROM LoginHistory')).totalSize).toBe(11);
    await fake.control.reset();
    expect((await fake.control.state()).users.map((user) => user.username)).not.toContain('dataloader.job@acme.example');
  });

  it('holds a hundred thousand rows and counts them in one query', async () => {
    expect((await seed({ days: 180, perDay: 600 })).rows).toBe(108_000);
    const result = await (await adminConnection()).query('SELECT Id FROM LoginHistory');
    expect([result.totalSize, result.records.length, result.done]).toEqual([108_001, 2000, false]);
  });

  it('refuses a window longer than LoginHistory keeps, and an unknown org', async () => {
    expect((await rejection(seed({ days: 181, perDay: 1 }))).message).toMatch(/^days: /);
    expect((await rejection(seed({ days: 1, perDay: 1 }, '00D000000000000'))).message).toBe('No org with id 00D000000000000');
  });
});

describe('SOQL on LoginHistory and User', () => {
  it('filters by a LoginTime window, UserId, LoginType and LoginSubType, orders either way and limits', async () => {
    const seeded = await seed({ days: 20, perDay: 30 });
    const conn = await adminConnection();
    const middle = new Date(Date.parse(seeded.from) + 10 * 86_400_000).toISOString();
    const all = (await rowsSince(conn, seeded.from)).filter((row) => row.UserId !== fake.user(PROD_ADMIN).id);
    const before = all.filter((row) => Date.parse(row.LoginTime.replace('+0000', 'Z')) < Date.parse(middle));
    expect((await conn.query(`SELECT Id FROM LoginHistory WHERE LoginTime >= ${seeded.from} AND LoginTime < ${middle}`)).totalSize).toBe(before.length);
    const tableau = seeded.users[2]?.userId ?? '';
    const tableauRows = await conn.query<LoginHistoryRecord>(`SELECT Id, LoginSubType FROM LoginHistory WHERE UserId = '${tableau.slice(0, 15)}' AND LoginTime >= LAST_N_DAYS:30`);
    expect(tableauRows.totalSize).toBe(seeded.users[2]?.rows);
    expect(new Set(tableauRows.records.map((row) => row.LoginSubType))).toEqual(new Set(['OAuth Refresh Token']));
    const passwordFlows = await conn.query(`SELECT Id FROM LoginHistory WHERE LoginType = 'Remote Access 2.0' AND LoginSubType IN ('OAuth Username-Password', 'OAuth Client Credential')`);
    expect(passwordFlows.totalSize).toBe((seeded.users[1]?.rows ?? 0) + (seeded.users[4]?.rows ?? 0));
    const newestFirst = await conn.query<LoginHistoryRecord>(`SELECT Id, LoginTime FROM LoginHistory WHERE LoginTime >= ${seeded.from} ORDER BY LoginTime DESC LIMIT 5`);
    expect([newestFirst.totalSize, newestFirst.done]).toEqual([5, true]);
    expect(newestFirst.records.map((row) => row.Id)).toEqual((await rowsSince(conn, seeded.from)).reverse().slice(0, 5).map((row) => row.Id));
  });

  it('answers what Salesforce answers for unfilterable fields, quoted datetimes, the User relationship and OR', async () => {
    const conn = await adminConnection();
    const refusal = async (soql: string) => {
      const error = (await rejection(conn.query(soql))) as Error & { errorCode?: string };
      return [error.errorCode, error.message];
    };
    expect(await refusal("SELECT Id FROM LoginHistory WHERE Status = 'Success'")).toEqual(['INVALID_FIELD', "field 'Status' can not be filtered in a query call"]);
    expect(await refusal("SELECT Id FROM LoginHistory WHERE LoginTime >= '2026-01-01T00:00:00Z'")).toEqual([
      'INVALID_FIELD',
      "value of filter criterion for field 'LoginTime' must be of type dateTime and should not be enclosed in quotes",
    ]);
    const [code, message] = await refusal('SELECT Id, User.Username FROM LoginHistory');
    expect([code, message?.startsWith("Didn't understand relationship 'User' in field path.")]).toEqual(['INVALID_FIELD', true]);
    expect((await refusal("SELECT Id FROM LoginHistory WHERE LoginType = 'Application' OR LoginType = 'Other Apex API'"))[0]).toBe('MALFORMED_QUERY');
    expect((await refusal('SELECT Id FROM LoginHistory ORDER BY Application'))[0]).toBe('MALFORMED_QUERY');
  });

  it('finds users by 15- or 18-character ids in IN lists, and Organization and User as before', async () => {
    const conn = await adminConnection();
    const admin = fake.user(PROD_ADMIN);
    const noApi = fake.user(NO_API_USER);
    const found = await conn.query<{ Username: string }>(`SELECT Username FROM User WHERE Id IN ('${admin.id.slice(0, 15)}', '${noApi.id.toLowerCase()}') ORDER BY Username`);
    expect(found.records.map((user) => user.Username)).toEqual([PROD_ADMIN, NO_API_USER]);
    await expect(conn.query(`SELECT Id FROM User WHERE Username = '${PROD_ADMIN.toUpperCase()}'`)).resolves.toMatchObject({ totalSize: 1, done: true });
    await expect(conn.query('SELECT IsSandbox FROM Organization WHERE IsSandbox = false LIMIT 1')).resolves.toMatchObject({ records: [{ IsSandbox: false }] });
  });
});

describe('paging', () => {
  it('pages 2,000 rows a batch through jsforce query and queryMore, in order, until done', async () => {
    const seeded = await seed({ days: 25, perDay: 200 });
    const conn = await adminConnection();
    let result = await conn.query<LoginHistoryRecord>(`SELECT Id, LoginTime FROM LoginHistory WHERE LoginTime >= ${seeded.from} ORDER BY LoginTime`);
    const batches = [result];
    while (!result.done) {
      // jsforce hands the locator back as a full URL on the instance.
      expect(result.nextRecordsUrl).toMatch(new RegExp(`/services/data/v${API_VERSION.replace('.', '\\.')}/query/01g[A-Za-z0-9]{15}-${batches.length * 2000}$`));
      result = await conn.queryMore(result.nextRecordsUrl ?? '');
      batches.push(result);
    }
    expect(batches.map((batch) => [batch.totalSize, batch.records.length, batch.done])).toEqual([
      [5001, 2000, false],
      [5001, 2000, false],
      [5001, 1001, true],
    ]);
    expect(result.nextRecordsUrl).toBeUndefined();
    const ids = batches.flatMap((batch) => batch.records.map((row) => row.Id));
    expect(new Set(ids).size).toBe(5001);
    const times = batches.flatMap((batch) => batch.records.map((row) => row.LoginTime));
    expect(times).toEqual([...times].sort());
  });

  it('takes a smaller batch size from Sforce-Query-Options', async () => {
    await seed({ days: 5, perDay: 100 });
    const conn = await adminConnection();
    const { body } = await getJsonWith(`${conn.instanceUrl}/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Id FROM LoginHistory')}`, conn.accessToken ?? '', { 'Sforce-Query-Options': 'batchSize=300' });
    expect([body.totalSize, body.records.length, body.done]).toEqual([501, 300, false]);
    expect(body.nextRecordsUrl).toMatch(new RegExp(`^/services/data/v${API_VERSION.replace('.', '\\.')}/query/01g[A-Za-z0-9]{15}-300$`));
  });

  it('answers INVALID_QUERY_LOCATOR for a made-up, spent, another user’s, idle or reseeded cursor', async () => {
    const seeded = await seed({ days: 10, perDay: 500 });
    const conn = await adminConnection();
    const locator = async (connection = conn) => (await connection.query('SELECT Id FROM LoginHistory')).nextRecordsUrl ?? '';
    const refused = async (url: string, connection = conn) => {
      const error = (await rejection(connection.queryMore(url))) as Error & { errorCode?: string };
      return [error.errorCode, error.message];
    };
    const invalid = ['INVALID_QUERY_LOCATOR', 'invalid query locator'];
    expect(await refused(`/services/data/v${API_VERSION}/query/01g5g0000000000AAA-2000`)).toEqual(invalid);
    const spent = await locator();
    expect((await conn.queryMore(spent)).records).toHaveLength(2000);
    expect(await refused(spent)).toEqual(invalid);
    // An integration user of the seeded history has a password of its own.
    await fake.control.patchUser(seeded.users[0]?.username ?? '', { manageUsers: true });
    const other = await adminConnection(seeded.users[0]?.username);
    expect(await refused(await locator(), other)).toEqual(invalid);
    const idle = await locator();
    await fake.control.advanceClock(16);
    expect(await refused(idle)).toEqual(invalid);
    const beforeSeeding = await locator();
    await seed({ days: 1, perDay: 5 });
    expect(await refused(beforeSeeding)).toEqual(invalid);
  });

  it('keeps at most ten cursors a user: the eleventh closes the oldest', async () => {
    await seed({ days: 10, perDay: 500 });
    const conn = await adminConnection();
    const cursors: string[] = [];
    for (let i = 0; i < 11; i += 1) cursors.push((await conn.query('SELECT Id FROM LoginHistory')).nextRecordsUrl ?? '');
    expect(((await rejection(conn.queryMore(cursors[0] ?? ''))) as Error & { errorCode?: string }).errorCode).toBe('INVALID_QUERY_LOCATOR');
    expect((await conn.queryMore(cursors[1] ?? '')).records).toHaveLength(2000);
  });
});

describe('who may read everyone’s history', () => {
  it('shows a user without Manage Users or Monitor Login History only their own rows, from API 37.0', async () => {
    await seed({ days: 3, perDay: 20 });
    await fake.control.patchUser(PROD_ADMIN, { manageUsers: false });
    const conn = await adminConnection();
    const admin = fake.user(PROD_ADMIN);
    const own = await conn.query<LoginHistoryRecord>('SELECT Id, UserId FROM LoginHistory');
    expect(own.totalSize).toBe(1);
    expect(own.records.map((row) => row.UserId)).toEqual([admin.id]);
    await fake.control.patchUser(PROD_ADMIN, { monitorLoginHistory: true });
    expect((await conn.query('SELECT Id FROM LoginHistory')).totalSize).toBe(61);
    await fake.control.patchUser(PROD_ADMIN, { monitorLoginHistory: false });
    const old = await adminConnection(PROD_ADMIN, '36.0');
    expect(((await rejection(old.query('SELECT Id FROM LoginHistory'))) as Error & { errorCode?: string }).errorCode).toBe('INVALID_TYPE');
  });

  it('shows the permissions in the state and takes them in the user patch', async () => {
    const { users } = await fake.control.state();
    expect(users.filter((user) => user.manageUsers).map((user) => user.username)).toEqual([PROD_ADMIN, SANDBOX_ADMIN]);
    await expect(fake.control.patchUser(NO_API_USER, { monitorLoginHistory: true })).resolves.toMatchObject({ monitorLoginHistory: true, manageUsers: false });
  });
});

/** GETs with extra headers; returns status and the parsed query body. */
async function getJsonWith(url: string, accessToken: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}`, ...headers } });
  return { status: response.status, body: (await response.json()) as { totalSize: number; records: unknown[]; done: boolean; nextRecordsUrl?: string } };
}
