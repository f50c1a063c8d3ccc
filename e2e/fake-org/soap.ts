/**
 * The partner SOAP endpoint `/services/Soap/u/{version}`: `login()` and `logout()`.
 *
 * Requests are parsed namespace-aware (jsforce writes `se:`, WSC writes `env:` and `m:`).
 * Responses follow real login responses and faults as public client test fixtures record them
 * (simple-salesforce, trino's Salesforce authenticator): no SOAP Header (WSC rejects unknown
 * headers), LoginResult fields in WSDL order, faults as HTTP 500 with `faultcode`, `faultstring`,
 * then `detail` holding an `xsi:type`d fault.
 */
import { DOMParser, onErrorStopParsing, type Element, type Node } from '@xmldom/xmldom';
import { OLDEST_API_VERSION, parseApiVersion } from './api-versions';
import { CONTENT_TYPE, send, type RequestContext, type Route } from './http';
import { to18 } from './ids';
import { decideSoapLogin, type SoapLoginFailure } from './login';
import { loginHost, soapLoginValues } from './login-history';
import { escapeText } from './markup';
import { type OrgRecord, type SessionRecord, type UserRecord } from './model';
import { SESSION_SECONDS_VALID } from './state';

export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const PARTNER_NS = 'urn:partner.soap.sforce.com';
const FAULT_NS = 'urn:fault.partner.soap.sforce.com';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const INVALID_LOGIN_MESSAGE = 'Invalid username, password, security token; or user locked out.';

/** An API fault: `faultcode` is `sf:` + code, `faultstring` is `CODE: message` (the partner WSDL's `ApiFault`). */
interface ApiFault {
  code: string;
  message: string;
  detailType: 'LoginFault' | 'UnexpectedErrorFault';
}

type SoapCall =
  | { operation: 'login'; username: string; password: string; clientName: string | null }
  | { operation: 'logout'; sessionId: string }
  | { clientFault: string };

export const soapRoutes: Route[] = [
  // serverUrl carries the org id after the version; WSC posts later calls there.
  { method: 'POST', pattern: /^\/services\/Soap\/u\/([^/]+)(?:\/[^/]+)?$/, handle: handleSoap },
];

async function handleSoap(ctx: RequestContext, [apiVersion = '']: string[]): Promise<void> {
  const call = parseSoapCall((await ctx.body()).toString('utf8'));
  if ('clientFault' in call) return sendSoap(ctx, 500, clientFaultEnvelope(call.clientFault));
  if (call.operation === 'login') return login(ctx, call, apiVersion);
  return logout(ctx, call.sessionId, apiVersion);
}

function login(ctx: RequestContext, call: { username: string; password: string; clientName: string | null }, apiVersion: string): void {
  const flow = soapLoginValues(apiVersion, call.clientName, ctx.req.headers['user-agent'], loginHost(ctx.baseUrl));
  const decision = decideSoapLogin(ctx.state, { username: call.username, password: call.password, peer: ctx.peer, orgScope: ctx.myDomainOrgId, flow }, apiVersion);
  if (!decision.ok) return sendSoap(ctx, 500, apiFaultEnvelope(loginFault(decision.reason, apiVersion)));
  const { user, org } = decision;
  // An expired password still gets a session, usable only to change the password (SOAP API guide,
  // LoginResult `passwordExpired`): set so, or older than the effective password policy allows.
  const passwordExpired = ctx.state.isPasswordExpired(user);
  const session = ctx.state.createSession(user, { restricted: passwordExpired, refreshToken: null, scopes: null });
  sendSoap(ctx, 200, loginResponseEnvelope(ctx.baseUrl, apiVersion, user, org, session, passwordExpired));
}

function logout(ctx: RequestContext, sessionId: string, apiVersion: string): void {
  const version = parseApiVersion(apiVersion);
  if (version === null || version < OLDEST_API_VERSION) return sendSoap(ctx, 500, apiFaultEnvelope(loginFault('API_VERSION_RETIRED', apiVersion)));
  if (!ctx.state.useSession(sessionId, ctx.myDomainOrgId)) {
    return sendSoap(ctx, 500, apiFaultEnvelope({ code: 'INVALID_SESSION_ID', message: 'Invalid Session ID found in SessionHeader: Illegal Session', detailType: 'UnexpectedErrorFault' }));
  }
  ctx.state.endSession(sessionId);
  sendSoap(ctx, 200, envelope(`<soapenv:Body><logoutResponse/></soapenv:Body>`, `xmlns="${PARTNER_NS}"`));
}

/** The fault Salesforce answers for each refused login (partner WSDL `ExceptionCode`; SOAP API guide, login()). */
function loginFault(reason: SoapLoginFailure, apiVersion: string): ApiFault {
  switch (reason) {
    case 'API_VERSION_RETIRED':
      // Data Loader catches this one as UnexpectedErrorFault and retries an older version.
      return { code: 'UNSUPPORTED_API_VERSION', message: 'Invalid Api version specified on URL', detailType: 'UnexpectedErrorFault' };
    case 'SOAP_LOGIN_REMOVED':
      // Message observed in forcedotcom/wsc#363; the LoginFault detail type is UNCONFIRMED.
      return {
        code: 'INVALID_OPERATION',
        message: `The SOAP Login operation is not available in the API version specified (${apiVersion}). Refer to the documentation for supported versions.`,
        detailType: 'LoginFault',
      };
    case 'SOAP_LOGIN_DISABLED':
      return {
        code: 'INVALID_OPERATION',
        message: 'SOAP API login() is disabled by default in this org. Contact the org administrator to enable SOAP API login().',
        detailType: 'LoginFault',
      };
    case 'USE_ANY_API_AUTH_REQUIRED':
      return { code: 'INSUFFICIENT_ACCESS', message: 'SOAP API login() requires the Use Any API Auth user permission.', detailType: 'LoginFault' };
    case 'UNKNOWN_USER':
    case 'FROZEN':
    case 'LOCKED_OUT':
    case 'WRONG_CREDENTIALS':
      // The API never says which: a lockout looks like a wrong password ("…; or user locked out.");
      // only Login History shows "Password Lockout".
      return { code: 'INVALID_LOGIN', message: INVALID_LOGIN_MESSAGE, detailType: 'LoginFault' };
    case 'SECURITY_TOKEN_REQUIRED':
      // "company’s" with U+2019, as in two of the three sources (UNCONFIRMED which is current).
      return {
        code: 'LOGIN_MUST_USE_SECURITY_TOKEN',
        message:
          `${INVALID_LOGIN_MESSAGE} Are you at a new location? When accessing Salesforce--either via a desktop client or the API--from outside of your company’s trusted networks, ` +
          'you must add a security token to your password to log in. To get your new security token, log in to Salesforce. ' +
          'From your personal settings, enter Reset My Security Token in the Quick Find box, then select Reset My Security Token.',
        detailType: 'LoginFault',
      };
    case 'USER_API_DISABLED':
      return { code: 'API_CURRENTLY_DISABLED', message: 'API is disabled for this User', detailType: 'LoginFault' };
    case 'ORG_API_DISABLED':
      // The SOAP wording is UNCONFIRMED; this is the text widely reported for editions without API.
      return { code: 'API_DISABLED_FOR_ORG', message: 'API is not enabled for this Organization or Partner', detailType: 'LoginFault' };
  }
}

/** Reads the operation from a SOAP 1.1 envelope, whatever prefixes the client chose. */
function parseSoapCall(xml: string): SoapCall {
  let root: Element | null;
  try {
    root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml').documentElement;
  } catch (error) {
    return { clientFault: `Unable to parse the SOAP request: ${(error as Error).message}` };
  }
  if (!root || root.namespaceURI !== SOAP_ENV || root.localName !== 'Envelope') {
    return { clientFault: 'The request is not a SOAP 1.1 Envelope' };
  }
  const operation = childElements(child(root, SOAP_ENV, 'Body'))[0];
  if (!operation) return { clientFault: 'The SOAP Body holds no operation' };
  if (operation.namespaceURI === PARTNER_NS && operation.localName === 'login') {
    // The client name a caller gives in the CallOptions header (Data Loader: `DataLoaderPartnerBatch/64.1.0`)
    // becomes the login history's Application.
    const callOptions = child(child(root, SOAP_ENV, 'Header'), PARTNER_NS, 'CallOptions');
    const clientName = callOptions ? childText(callOptions, 'client').trim() || null : null;
    return { operation: 'login', username: childText(operation, 'username'), password: childText(operation, 'password'), clientName };
  }
  if (operation.namespaceURI === PARTNER_NS && operation.localName === 'logout') {
    const sessionHeader = child(child(root, SOAP_ENV, 'Header'), PARTNER_NS, 'SessionHeader');
    return { operation: 'logout', sessionId: sessionHeader ? childText(sessionHeader, 'sessionId') : '' };
  }
  // Salesforce's wording for an operation the WSDL does not define.
  return { clientFault: `No operation available for request {${operation.namespaceURI ?? ''}}${operation.localName ?? ''}, please check the WSDL for the service.` };
}

export function childElements(node: Node | undefined): Element[] {
  const elements: Element[] = [];
  for (let item = node?.firstChild; item; item = item.nextSibling) {
    if (item.nodeType === item.ELEMENT_NODE) elements.push(item as Element);
  }
  return elements;
}

export function child(node: Node | undefined, namespace: string, localName: string): Element | undefined {
  return childElements(node).find((element) => element.namespaceURI === namespace && element.localName === localName);
}

/** Text of a parameter element; WSC qualifies parameters with the partner namespace, others may not. */
export function childText(parent: Element, localName: string): string {
  return childElements(parent).find((element) => element.localName === localName)?.textContent ?? '';
}

export function sendSoap(ctx: RequestContext, status: number, body: string): void {
  send(ctx.res, status, CONTENT_TYPE.xml, body);
}

export function envelope(body: string, namespaces: string): string {
  return `${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" ${namespaces} xmlns:xsi="${XSI_NS}">${body}</soapenv:Envelope>`;
}

function apiFaultEnvelope(fault: ApiFault): string {
  const { code, message, detailType } = fault;
  return envelope(
    '<soapenv:Body><soapenv:Fault>' +
      `<faultcode>sf:${code}</faultcode>` +
      `<faultstring>${escapeText(`${code}: ${message}`)}</faultstring>` +
      `<detail><sf:${detailType} xsi:type="sf:${detailType}">` +
      `<sf:exceptionCode>${code}</sf:exceptionCode>` +
      `<sf:exceptionMessage>${escapeText(message)}</sf:exceptionMessage>` +
      `</sf:${detailType}></detail>` +
      '</soapenv:Fault></soapenv:Body>',
    `xmlns:sf="${FAULT_NS}"`,
  );
}

/** A fault for a request that is not a usable partner call: SOAP's own `Client` code, no detail. */
function clientFaultEnvelope(message: string): string {
  return envelope(
    `<soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${escapeText(message)}</faultstring></soapenv:Fault></soapenv:Body>`,
    `xmlns:sf="${FAULT_NS}"`,
  );
}

/** One element; null becomes `xsi:nil` as the WSDL's nillable fields are written. */
function field(name: string, value: string | number | boolean | null): string {
  return value === null ? `<${name} xsi:nil="true"/>` : `<${name}>${escapeText(String(value))}</${name}>`;
}

function loginResponseEnvelope(baseUrl: string, apiVersion: string, user: UserRecord, org: OrgRecord, session: SessionRecord, passwordExpired: boolean): string {
  // serverUrl ends in the 15-character org id; jsforce takes its scheme+host as instanceUrl.
  const result = [
    field('metadataServerUrl', `${baseUrl}/services/Soap/m/${apiVersion}/${org.id}`),
    field('passwordExpired', passwordExpired),
    field('sandbox', org.sandbox),
    field('serverUrl', `${baseUrl}/services/Soap/u/${apiVersion}/${org.id}`),
    field('sessionId', session.id),
    field('userId', to18(user.id)),
    // Whether userInfo accompanies an expired password is UNCONFIRMED; the WSDL allows it.
    `<userInfo>${userInfoFields(user, org).join('')}</userInfo>`,
  ];
  return envelope(`<soapenv:Body><loginResponse><result>${result.join('')}</result></loginResponse></soapenv:Body>`, `xmlns="${PARTNER_NS}"`);
}

/** GetUserInfoResult in WSDL order (partner WSDL 47.0 bundled with jsforce). */
function userInfoFields(user: UserRecord, org: OrgRecord): string[] {
  return [
    field('accessibilityMode', false),
    field('chatterExternal', false),
    field('currencySymbol', '$'),
    field('orgAttachmentFileSizeLimit', 5242880),
    field('orgDefaultCurrencyIsoCode', 'USD'),
    field('orgDefaultCurrencyLocale', 'en_US'),
    field('orgDisallowHtmlAttachments', false),
    field('orgHasPersonAccounts', false),
    field('organizationId', to18(org.id)),
    field('organizationMultiCurrency', false),
    field('organizationName', org.name),
    field('profileId', to18(user.profileId)),
    field('roleId', null),
    field('sessionSecondsValid', SESSION_SECONDS_VALID),
    field('userDefaultCurrencyIsoCode', null),
    field('userEmail', user.email),
    field('userFullName', `${user.firstName} ${user.lastName}`),
    field('userId', to18(user.id)),
    field('userLanguage', user.language ?? 'en_US'),
    field('userLocale', 'en_US'),
    field('userName', user.username),
    field('userTimeZone', 'America/Los_Angeles'),
    field('userType', 'Standard'),
    field('userUiSkin', 'Theme3'),
  ];
}
