/**
 * The SOAP wire format, checked with a namespace-aware XML parser: what WSC/Data Loader need
 * (fault element order, declared faultcode prefix, xsi:type'd detail, no response Header) and
 * what jsforce needs (serverUrl, sessionId, ids) — as WSC's SoapConnection and jsforce's
 * loginBySoap read them.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { to18 } from '../../../e2e/fake-org';
import { API_VERSION, EXPIRED_USER, NS, PROD_ADMIN, SANDBOX_ADMIN, elementChildren, getJson, jsforceLoginEnvelope, onlyChild, parseXml, postSoap, useFakeOrg } from './support';

const fake = useFakeOrg();

const LOGIN_RESULT_ORDER = ['metadataServerUrl', 'passwordExpired', 'sandbox', 'serverUrl', 'sessionId', 'userId', 'userInfo'];
const USER_INFO_ORDER = [
  'accessibilityMode',
  'chatterExternal',
  'currencySymbol',
  'orgAttachmentFileSizeLimit',
  'orgDefaultCurrencyIsoCode',
  'orgDefaultCurrencyLocale',
  'orgDisallowHtmlAttachments',
  'orgHasPersonAccounts',
  'organizationId',
  'organizationMultiCurrency',
  'organizationName',
  'profileId',
  'roleId',
  'sessionSecondsValid',
  'userDefaultCurrencyIsoCode',
  'userEmail',
  'userFullName',
  'userId',
  'userLanguage',
  'userLocale',
  'userName',
  'userTimeZone',
  'userType',
  'userUiSkin',
];

function soapUrl(version = API_VERSION): string {
  return `${fake.loginUrl}/services/Soap/u/${version}`;
}

async function login(username: string, password: string, version?: string) {
  return postSoap(soapUrl(version), jsforceLoginEnvelope(username, password));
}

function body(text: string) {
  const envelope = parseXml(text).documentElement;
  expect(envelope?.namespaceURI).toBe(NS.soapEnv);
  expect(envelope?.localName).toBe('Envelope');
  expect(elementChildren(envelope).map((child) => child.localName)).toEqual(['Body']);
  return onlyChild(envelope, NS.soapEnv, 'Body');
}

function loginResult(text: string) {
  return onlyChild(onlyChild(body(text), NS.partner, 'loginResponse'), NS.partner, 'result');
}

function text(parent: Parameters<typeof onlyChild>[0], name: string): string {
  return onlyChild(parent, NS.partner, name).textContent ?? '';
}

describe('SOAP faults on the wire', () => {
  it('sends HTTP 500 with faultcode, faultstring and an xsi:typed LoginFault detail, in that order', async () => {
    const response = await login(PROD_ADMIN, 'wrong');
    expect(response.status).toBe(500);
    expect(response.contentType).toMatch(/^text\/xml/);
    const fault = onlyChild(body(response.text), NS.soapEnv, 'Fault');
    expect(elementChildren(fault).map((child) => [child.namespaceURI, child.localName])).toEqual([
      [null, 'faultcode'],
      [null, 'faultstring'],
      [null, 'detail'],
    ]);
    const faultcode = onlyChild(fault, null, 'faultcode').textContent ?? '';
    const [prefix, code] = faultcode.split(':');
    expect(code).toBe('INVALID_LOGIN');
    expect(fault.lookupNamespaceURI(prefix ?? '')).toBe(NS.fault);
    expect(onlyChild(fault, null, 'faultstring').textContent).toBe('INVALID_LOGIN: Invalid username, password, security token; or user locked out.');
    const loginFault = onlyChild(onlyChild(fault, null, 'detail'), NS.fault, 'LoginFault');
    expect(loginFault.getAttributeNS(NS.xsi, 'type')).toBe('sf:LoginFault');
    expect(elementChildren(loginFault).map((child) => [child.namespaceURI, child.localName, child.textContent])).toEqual([
      [NS.fault, 'exceptionCode', 'INVALID_LOGIN'],
      [NS.fault, 'exceptionMessage', 'Invalid username, password, security token; or user locked out.'],
    ]);
  });

  it('types a retired-version fault as UnexpectedErrorFault, which Data Loader retries on', async () => {
    const response = await login(PROD_ADMIN, 'wrong', '30.0');
    const detail = onlyChild(onlyChild(body(response.text), NS.soapEnv, 'Fault'), null, 'detail');
    const fault = onlyChild(detail, NS.fault, 'UnexpectedErrorFault');
    expect(fault.getAttributeNS(NS.xsi, 'type')).toBe('sf:UnexpectedErrorFault');
    expect(onlyChild(fault, NS.fault, 'exceptionCode').textContent).toBe('UNSUPPORTED_API_VERSION');
  });

  it('answers unparseable XML with a soapenv:Client fault', async () => {
    const response = await postSoap(soapUrl(), '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body>');
    expect(response.status).toBe(500);
    const fault = onlyChild(body(response.text), NS.soapEnv, 'Fault');
    const faultcode = onlyChild(fault, null, 'faultcode').textContent ?? '';
    expect(fault.lookupNamespaceURI(faultcode.split(':')[0] ?? '')).toBe(NS.soapEnv);
    expect(faultcode.split(':')[1]).toBe('Client');
  });

  it('answers an operation the fake does not offer the way Salesforce words it', async () => {
    const envelope =
      '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><query xmlns="urn:partner.soap.sforce.com"/></se:Body></se:Envelope>';
    const response = await postSoap(soapUrl(), envelope);
    const fault = onlyChild(body(response.text), NS.soapEnv, 'Fault');
    expect(onlyChild(fault, null, 'faultstring').textContent).toBe(
      'No operation available for request {urn:partner.soap.sforce.com}query, please check the WSDL for the service.',
    );
  });
});

describe('SOAP login responses on the wire', () => {
  it('carries every LoginResult and userInfo field in WSDL order, and no SOAP Header', async () => {
    const admin = fake.user(PROD_ADMIN);
    const response = await login(PROD_ADMIN, admin.password + admin.token);
    expect(response.status).toBe(200);
    const result = loginResult(response.text);
    expect(elementChildren(result).map((child) => child.localName)).toEqual(LOGIN_RESULT_ORDER);
    const userInfo = onlyChild(result, NS.partner, 'userInfo');
    expect(elementChildren(userInfo).map((child) => child.localName)).toEqual(USER_INFO_ORDER);
    expect(onlyChild(userInfo, NS.partner, 'roleId').getAttributeNS(NS.xsi, 'nil')).toBe('true');
  });

  it('points serverUrl back at this server with the 15-character org id, and uses 18-character ids elsewhere', async () => {
    const admin = fake.user(PROD_ADMIN);
    const org15 = admin.orgId.slice(0, 15);
    const result = loginResult((await login(PROD_ADMIN, admin.password + admin.token)).text);
    expect(text(result, 'serverUrl')).toBe(`${fake.loginUrl}/services/Soap/u/${API_VERSION}/${org15}`);
    expect(text(result, 'metadataServerUrl')).toBe(`${fake.loginUrl}/services/Soap/m/${API_VERSION}/${org15}`);
    expect(text(result, 'sessionId')).toMatch(new RegExp(`^${org15}![A-Za-z0-9._]+$`));
    expect(text(result, 'userId')).toBe(to18(admin.id.slice(0, 15)));
    const userInfo = onlyChild(result, NS.partner, 'userInfo');
    expect(text(userInfo, 'organizationId')).toBe(admin.orgId);
    expect(text(userInfo, 'userName')).toBe(PROD_ADMIN);
    expect(text(userInfo, 'sessionSecondsValid')).toBe('7200');
    expect(text(result, 'sandbox')).toBe('false');
  });

  it('reports sandbox=true for a sandbox user', async () => {
    const admin = fake.user(SANDBOX_ADMIN);
    const result = loginResult((await login(SANDBOX_ADMIN, admin.password + admin.token)).text);
    expect(text(result, 'sandbox')).toBe('true');
  });

  it('answers an expired password with 200, passwordExpired=true and a session good for nothing else', async () => {
    const user = fake.user(EXPIRED_USER);
    const response = await login(EXPIRED_USER, user.password + user.token);
    expect(response.status).toBe(200);
    const result = loginResult(response.text);
    expect(text(result, 'passwordExpired')).toBe('true');
    const { status, body: errors } = await getJson(`${fake.loginUrl}/services/data/v${API_VERSION}/limits`, text(result, 'sessionId'));
    expect(status).toBe(403);
    expect(errors).toEqual([
      {
        message: 'The users password has expired, you must call SetPassword before attempting any other API operations',
        errorCode: 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD',
      },
    ]);
  });

  it('accepts a WSC-style request: XML declaration, other prefixes, CallOptions header, gzip, //path/', async () => {
    const admin = fake.user(PROD_ADMIN);
    const envelope =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sobj="urn:sobject.partner.soap.sforce.com">' +
      '<env:Header><m:CallOptions xmlns:m="urn:partner.soap.sforce.com"><m:client>DataLoaderPartnerUI/67.0.0</m:client></m:CallOptions></env:Header>' +
      `<env:Body><m:login xmlns:m="urn:partner.soap.sforce.com"><m:username>${PROD_ADMIN}</m:username>` +
      `<m:password>${admin.password}${admin.token}</m:password></m:login></env:Body></env:Envelope>`;
    const response = await postSoap(`${fake.loginUrl}//services/Soap/u/64.0/`, gzipSync(envelope), {
      'Content-Type': 'text/xml; charset=UTF-8',
      'Content-Encoding': 'gzip',
      Accept: 'text/xml',
    });
    expect(response.status).toBe(200);
    expect(text(loginResult(response.text), 'userId')).toBe(admin.id);
  });

  it('refuses a body that claims gzip but is not', async () => {
    const response = await postSoap(soapUrl(), 'plain text', { 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(400);
  });
});
