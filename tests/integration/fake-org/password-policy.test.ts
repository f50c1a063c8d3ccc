/**
 * What a password-expiry forecast and an integration-user checklist read on the session of a
 * test: the user's LastPasswordChangeDate and profile, the running user's permissions
 * (UserPermissionAccess), and the password policies through the Metadata API; and the login that
 * answers `passwordExpired` once the password outlives its policy on the fake clock. Through real
 * jsforce (`conn.query`, `conn.metadata.read`, `conn.metadata.list`), raw HTTP for the wire.
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { API_VERSION, NS, PROD_ADMIN, elementChildren, onlyChild, parseXml, postSoap, rejection, useFakeOrg } from './support';

const fake = useFakeOrg();
const DAY_MS = 86_400_000;

async function loggedIn(username = PROD_ADMIN) {
  const user = fake.user(username);
  const conn = new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION });
  await conn.login(username, user.password + user.token);
  return conn;
}

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/** `readMetadata('SecuritySettings', ['Security'])` posted raw, in the envelope jsforce 3 writes. */
function readSecuritySettingsRaw(sessionId: string, url: string) {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soapenv:Header xmlns="${METADATA_NS}"><SessionHeader><sessionId>${sessionId}</sessionId></SessionHeader></soapenv:Header>` +
    `<soapenv:Body xmlns="${METADATA_NS}"><readMetadata><type>SecuritySettings</type><fullNames>Security</fullNames></readMetadata></soapenv:Body></soapenv:Envelope>`;
  return postSoap(url, body);
}

const PERMISSIONS =
  'SELECT PermissionsApiEnabled, PermissionsApiUserOnly, PermissionsPasswordNeverExpires, PermissionsUseAnyApiAuth, PermissionsTwoFactorApi FROM UserPermissionAccess';

/** What a SOAP `login()` of the user answers for `passwordExpired`, raw. */
async function soapPasswordExpired(username: string): Promise<string | null> {
  const user = fake.user(username);
  const body =
    '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body>' +
    `<login xmlns="urn:partner.soap.sforce.com"><username>${username}</username><password>${user.password}${user.token}</password></login>` +
    '</se:Body></se:Envelope>';
  const { status, text } = await postSoap(`${fake.loginUrl}/services/Soap/u/${API_VERSION}`, body);
  expect(status).toBe(200);
  const result = onlyChild(onlyChild(onlyChild(parseXml(text).documentElement, NS.soapEnv, 'Body'), NS.partner, 'loginResponse'), NS.partner, 'result');
  return onlyChild(result, NS.partner, 'passwordExpired').textContent;
}

describe('the user record', () => {
  it('answers LastPasswordChangeDate and Profile.Name, the parent nested as the REST API writes it', async () => {
    const conn = await loggedIn();
    const admin = fake.user(PROD_ADMIN);
    const result = await conn.query<Record<string, unknown>>(`SELECT Id, LastPasswordChangeDate, Profile.Name FROM User WHERE Id = '${admin.id}'`);
    expect(result.totalSize).toBe(1);
    const [record] = result.records;
    expect(record?.Profile).toEqual({ attributes: { type: 'Profile', url: expect.stringMatching(/^\/services\/data\/v64\.0\/sobjects\/Profile\/00e[A-Za-z0-9]{15}$/) }, Name: 'System Administrator' });
    expect(record?.LastPasswordChangeDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    // The seed's admin changed the password 20 days before the fake clock's start.
    const age = Date.parse(fake.org.state.snapshot().now) - Date.parse(String(record?.LastPasswordChangeDate).replace('+0000', 'Z'));
    expect(Math.round(age / DAY_MS)).toBe(20);
  });

  it('moves LastPasswordChangeDate with the control API and with a new password', async () => {
    const conn = await loggedIn();
    const admin = fake.user(PROD_ADMIN);
    await fake.control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 85 });
    const read = async () => (await conn.query<{ LastPasswordChangeDate: string }>(`SELECT LastPasswordChangeDate FROM User WHERE Id = '${admin.id}'`)).records[0]?.LastPasswordChangeDate ?? '';
    const now = () => Date.parse(fake.org.state.snapshot().now);
    expect(Math.round((now() - Date.parse(await read())) / DAY_MS)).toBe(85);
    await fake.control.setPassword(PROD_ADMIN, 'Brand-New-Pass-2026');
    expect(Math.round((now() - Date.parse(await read())) / DAY_MS)).toBe(0);
  });

  it('refuses other relationships and unknown parent fields as SOQL does', async () => {
    const conn = await loggedIn();
    const unknownRelationship = (await rejection(conn.query('SELECT Manager.Name FROM User'))) as Error & { errorCode?: string };
    expect(unknownRelationship.errorCode).toBe('INVALID_FIELD');
    expect(unknownRelationship.message).toMatch(/^Didn't understand relationship 'Manager' in field path/);
    const unknownField = (await rejection(conn.query('SELECT Profile.Colour FROM User'))) as Error & { errorCode?: string };
    expect(unknownField.errorCode).toBe('INVALID_FIELD');
    expect(unknownField.message).toMatch(/^No such column 'Colour' on entity 'Profile'/);
  });
});

describe('UserPermissionAccess', () => {
  it("answers one row: the running user's own permissions", async () => {
    const conn = await loggedIn();
    const { totalSize, records } = await conn.query<Record<string, unknown>>(PERMISSIONS);
    expect(totalSize).toBe(1);
    expect(records[0]).toMatchObject({
      PermissionsApiEnabled: true,
      PermissionsApiUserOnly: false,
      PermissionsPasswordNeverExpires: false,
      PermissionsUseAnyApiAuth: true,
      PermissionsTwoFactorApi: false,
    });
  });

  it('follows the control API', async () => {
    await fake.control.patchUser(PROD_ADMIN, { apiOnly: true, passwordNeverExpires: true, mfaForApi: true, useAnyApiAuth: false });
    const conn = await loggedIn();
    const { records } = await conn.query<Record<string, unknown>>(PERMISSIONS);
    expect(records[0]).toMatchObject({
      PermissionsApiEnabled: true,
      PermissionsApiUserOnly: true,
      PermissionsPasswordNeverExpires: true,
      PermissionsUseAnyApiAuth: false,
      PermissionsTwoFactorApi: true,
    });
  });

  it('answers INVALID_FIELD for a permission field it does not know', async () => {
    const conn = await loggedIn();
    const refused = (await rejection(conn.query('SELECT PermissionsUseAnyApiClient FROM UserPermissionAccess'))) as Error & { errorCode?: string };
    expect(refused.errorCode).toBe('INVALID_FIELD');
    expect(refused.message).toMatch(/^No such column 'PermissionsUseAnyApiClient' on entity 'UserPermissionAccess'/);
  });
});

describe('the Metadata API', () => {
  it("reads the org's password policy from SecuritySettings, 90 days by default", async () => {
    const conn = await loggedIn();
    const settings = (await conn.metadata.read('SecuritySettings', 'Security')) as { fullName?: string; passwordPolicies?: { expiration?: string } };
    expect(settings.fullName).toBe('Security');
    expect(settings.passwordPolicies?.expiration).toBe('NinetyDays');
  });

  it.each([
    [0, 'Never'],
    [30, 'ThirtyDays'],
    [60, 'SixtyDays'],
    [180, 'SixMonths'],
    [365, 'OneYear'],
  ] as const)('names an org policy of %i days %s', async (days, expiration) => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { passwordExpiryDays: days });
    const conn = await loggedIn();
    const [settings] = (await conn.metadata.read('SecuritySettings', ['Security'])) as { passwordPolicies?: { expiration?: string } }[];
    expect(settings?.passwordPolicies?.expiration).toBe(expiration);
  });

  it('lists and reads profile password policies', async () => {
    const conn = await loggedIn();
    await expect(conn.metadata.list([{ type: 'ProfilePasswordPolicy' }])).resolves.toEqual([]);
    const orgId = fake.user(PROD_ADMIN).orgId;
    await fake.control.putProfilePasswordPolicy(orgId, 'System Administrator', { passwordExpiration: 30 });
    await fake.control.putProfilePasswordPolicy(orgId, 'Standard User', { passwordExpiration: 0 });
    const listed = await conn.metadata.list([{ type: 'ProfilePasswordPolicy' }]);
    expect(listed.map((file) => file.type)).toEqual(['ProfilePasswordPolicy', 'ProfilePasswordPolicy']);
    const names = listed.map((file) => file.fullName);
    expect(names[0]).toMatch(/^System_Administrator_profilePasswordPolicy\d+$/);
    expect(listed[0]?.fileName).toBe(`profilePasswordPolicies/${names[0]}.profilePasswordPolicy`);
    const policies = (await conn.metadata.read('ProfilePasswordPolicy', names)) as { fullName: string; profile: string; passwordExpiration: number }[];
    expect(policies.map(({ fullName, profile, passwordExpiration }) => ({ fullName, profile, passwordExpiration }))).toEqual([
      { fullName: names[0], profile: 'System Administrator', passwordExpiration: 30 },
      { fullName: names[1], profile: 'Standard User', passwordExpiration: 0 },
    ]);
  });

  it('answers a record without fullName for a name the org does not have', async () => {
    const conn = await loggedIn();
    const [missing] = (await conn.metadata.read('ProfilePasswordPolicy', ['Nobody_profilePasswordPolicy1'])) as { fullName?: string }[];
    expect(missing?.fullName ?? '').toBe('');
  });

  it('refuses a user without Modify All Data with INSUFFICIENT_ACCESS, while SOQL still works', async () => {
    await fake.control.patchUser(PROD_ADMIN, { modifyAllData: false });
    const conn = await loggedIn();
    const refused = (await rejection(conn.metadata.read('SecuritySettings', 'Security'))) as Error & { errorCode?: string };
    expect(refused.errorCode).toBe('sf:INSUFFICIENT_ACCESS');
    expect(refused.message).toBe('INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions');
    await expect(rejection(conn.metadata.list([{ type: 'ProfilePasswordPolicy' }]))).resolves.toMatchObject({ errorCode: 'sf:INSUFFICIENT_ACCESS' });
    await expect(conn.query(PERMISSIONS)).resolves.toMatchObject({ totalSize: 1 });
  });

  it('answers readMetadata on the wire as the WSDL has it: records typed with xsi:type in the metadata namespace', async () => {
    const conn = await loggedIn();
    const { status, contentType, text } = await readSecuritySettingsRaw(conn.accessToken ?? '', `${conn.instanceUrl}/services/Soap/m/${API_VERSION}/${fake.user(PROD_ADMIN).orgId.slice(0, 15)}`);
    expect([status, contentType]).toEqual([200, expect.stringMatching(/^text\/xml/)]);
    const response = onlyChild(onlyChild(parseXml(text).documentElement, NS.soapEnv, 'Body'), METADATA_NS, 'readMetadataResponse');
    const records = onlyChild(onlyChild(response, METADATA_NS, 'result'), METADATA_NS, 'records');
    expect(records.getAttributeNS(NS.xsi, 'type')).toBe('SecuritySettings');
    expect(onlyChild(onlyChild(records, METADATA_NS, 'passwordPolicies'), METADATA_NS, 'expiration').textContent).toBe('NinetyDays');
  });

  it('refuses the restricted session of an expired password', async () => {
    await fake.control.patchUser(PROD_ADMIN, { passwordExpired: true });
    const admin = fake.user(PROD_ADMIN);
    const login = await postSoap(
      `${fake.loginUrl}/services/Soap/u/${API_VERSION}`,
      `<se:Envelope xmlns:se="${NS.soapEnv}"><se:Body><login xmlns="${NS.partner}"><username>${PROD_ADMIN}</username><password>${admin.password}${admin.token}</password></login></se:Body></se:Envelope>`,
    );
    const sessionId = /<sessionId>([^<]+)<\/sessionId>/.exec(login.text)?.[1] ?? '';
    const { status, text } = await readSecuritySettingsRaw(sessionId, `${fake.loginUrl}/services/Soap/m/${API_VERSION}`);
    expect(status).toBe(500);
    expect(text).toContain('<faultcode>sf:INVALID_OPERATION_WITH_EXPIRED_PASSWORD</faultcode>');
  });

  it('answers the fault on the wire as captured: HTTP 500, sf:CODE, no detail', async () => {
    const conn = await loggedIn();
    await fake.control.patchUser(PROD_ADMIN, { modifyAllData: false });
    const { status, contentType, text } = await readSecuritySettingsRaw(conn.accessToken ?? '', `${conn.instanceUrl}/services/Soap/m/${API_VERSION}`);
    expect(status).toBe(500);
    expect(contentType).toMatch(/^text\/xml/);
    const fault = onlyChild(onlyChild(parseXml(text).documentElement, NS.soapEnv, 'Body'), NS.soapEnv, 'Fault');
    expect(onlyChild(fault, null, 'faultcode').textContent).toBe('sf:INSUFFICIENT_ACCESS');
    expect(elementChildren(fault).map((element) => element.localName)).toEqual(['faultcode', 'faultstring']);
    expect(fault.lookupNamespaceURI('sf')).toBe('http://soap.sforce.com/2006/04/metadata');
  });

  it('refuses an unknown session with INVALID_SESSION_ID', async () => {
    const conn = new jsforce.Connection({ instanceUrl: fake.loginUrl, accessToken: '00D5g00000AcmP1!AQnotasession', version: API_VERSION });
    await expect(rejection(conn.metadata.read('SecuritySettings', 'Security'))).resolves.toMatchObject({ errorCode: 'sf:INVALID_SESSION_ID' });
  });
});

describe('password expiry at login', () => {
  it('answers passwordExpired=true once the password is older than the org policy on the fake clock', async () => {
    await fake.control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 89 });
    await expect(soapPasswordExpired(PROD_ADMIN)).resolves.toBe('false');
    expect(fake.user(PROD_ADMIN).passwordExpired).toBe(false);
    await fake.control.advanceClock(24 * 60);
    await expect(soapPasswordExpired(PROD_ADMIN)).resolves.toBe('true');
    expect(fake.user(PROD_ADMIN).passwordExpired).toBe(true);
    // jsforce refuses such a login itself.
    const user = fake.user(PROD_ADMIN);
    const refused = await rejection(new jsforce.Connection({ loginUrl: fake.loginUrl, version: API_VERSION }).login(PROD_ADMIN, user.password + user.token));
    expect(refused.message).toMatch(/password has expired/);
  });

  it("lets a profile's own policy override the org's, and Password Never Expires override both", async () => {
    const orgId = fake.user(PROD_ADMIN).orgId;
    await fake.control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 45 });
    await expect(soapPasswordExpired(PROD_ADMIN)).resolves.toBe('false');
    await fake.control.putProfilePasswordPolicy(orgId, 'System Administrator', { passwordExpiration: 30 });
    await expect(soapPasswordExpired(PROD_ADMIN)).resolves.toBe('true');
    await fake.control.patchUser(PROD_ADMIN, { passwordNeverExpires: true });
    await expect(soapPasswordExpired(PROD_ADMIN)).resolves.toBe('false');
    await fake.control.patchUser(PROD_ADMIN, { passwordNeverExpires: false });
    await fake.control.deleteProfilePasswordPolicy(orgId, 'System Administrator');
    await expect(soapPasswordExpired(PROD_ADMIN)).resolves.toBe('false');
  });

  it('never expires a password under an org policy of 0 days', async () => {
    await fake.control.patchOrg(fake.user(PROD_ADMIN).orgId, { passwordExpiryDays: 0 });
    await fake.control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 3000 });
    await expect(soapPasswordExpired(PROD_ADMIN)).resolves.toBe('false');
  });

  it('refuses the OAuth username-password grant for an outlived password', async () => {
    await fake.control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 91 });
    const user = fake.user(PROD_ADMIN);
    const app = fake.orgOf(PROD_ADMIN).connectedApp;
    const conn = new jsforce.Connection({ oauth2: { loginUrl: fake.loginUrl, clientId: app.clientId, clientSecret: app.clientSecret }, version: API_VERSION });
    await expect(rejection(conn.login(PROD_ADMIN, user.password + user.token))).resolves.toMatchObject({ name: 'invalid_grant' });
    expect((await fake.control.loginHistory(PROD_ADMIN)).at(-1)?.status).toBe('Failed: Password Expired');
  });
});
