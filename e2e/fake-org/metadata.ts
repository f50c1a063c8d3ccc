/**
 * The Metadata API's SOAP endpoint `/services/Soap/m/{version}`: the two calls a password-expiry
 * forecast makes, `readMetadata` and `listMetadata`, for `SecuritySettings` (the org's password
 * policy) and `ProfilePasswordPolicy` (profiles' own). What jsforce's `conn.metadata.read` and
 * `conn.metadata.list` send: the metadata namespace as the Body's default namespace, the session in
 * `SessionHeader`. Answers follow the Metadata API WSDL: `<readMetadataResponse><result><records
 * xsi:type="…">` and `<listMetadataResponse><result>` per FileProperties; faults are HTTP 500 with
 * `faultcode` `sf:CODE` and `faultstring` `CODE: message`, as captured from Salesforce.
 */
import { DOMParser, onErrorStopParsing, type Element } from '@xmldom/xmldom';
import { isServedVersion, parseApiVersion } from './api-versions';
import { type RequestContext, type Route } from './http';
import { to18 } from './ids';
import { escapeText } from './markup';
import { type OrgRecord, type PasswordExpiryDays, type ProfilePasswordPolicy, type UserRecord } from './model';
import { grantsApi } from './scopes';
import { child, childElements, childText, envelope, sendSoap, SOAP_ENV } from './soap';
import { type ActiveSession } from './state';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/** SecuritySettings `passwordPolicies.expiration` for each "User passwords expire in" choice. */
export const EXPIRATION_NAMES: Record<PasswordExpiryDays, string> = {
  0: 'Never',
  30: 'ThirtyDays',
  60: 'SixtyDays',
  90: 'NinetyDays',
  180: 'SixMonths',
  365: 'OneYear',
};

type MetadataCall =
  | { operation: 'readMetadata'; sessionId: string; type: string; fullNames: string[] }
  | { operation: 'listMetadata'; sessionId: string; types: string[] }
  | { clientFault: string };

export const metadataRoutes: Route[] = [
  // metadataServerUrl carries the org id after the version.
  { method: 'POST', pattern: /^\/services\/Soap\/m\/([^/]+)(?:\/[^/]+)?$/, handle: handleMetadata },
];

async function handleMetadata(ctx: RequestContext, [apiVersion = '']: string[]): Promise<void> {
  const call = parseMetadataCall((await ctx.body()).toString('utf8'));
  if ('clientFault' in call) return sendSoap(ctx, 500, clientFault(call.clientFault));
  if (!isServedVersion(parseApiVersion(apiVersion))) return fault(ctx, 'UNSUPPORTED_API_VERSION', 'Invalid Api version specified on URL');
  const active = ctx.state.useSession(call.sessionId, ctx.myDomainOrgId);
  // jsforce reads exactly this faultcode as an expired session (and refreshes, where it can).
  if (!active || !grantsApi(active.session.scopes)) return fault(ctx, 'INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  const refusal = refuse(active);
  if (refusal) return fault(ctx, refusal.code, refusal.message);
  active.org.apiRequestsUsed += 1;
  if (call.operation === 'readMetadata') return sendSoap(ctx, 200, readResponse(active.org, call.type, call.fullNames));
  sendSoap(ctx, 200, listResponse(ctx, active.org, call.types));
}

/** Why this session may not use the Metadata API, in the order the REST API checks the same things. */
function refuse({ session, user, org }: ActiveSession): { code: string; message: string } | null {
  if (session.restricted) {
    return { code: 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD', message: 'The users password has expired, you must call SetPassword before attempting any other API operations' };
  }
  if (!user.apiEnabled) return { code: 'API_CURRENTLY_DISABLED', message: 'API is disabled for this User' };
  if (!org.settings.apiEnabled) return { code: 'API_DISABLED_FOR_ORG', message: 'API is not enabled for this Organization or Partner' };
  // Wording as the Salesforce CLI prints Salesforce's fault (older orgs name ModifyAllData only).
  if (!(user.modifyAllData ?? false)) return { code: 'INSUFFICIENT_ACCESS', message: 'use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions' };
  return null;
}

/** Reads the call from the envelope, whatever prefixes the client chose. */
function parseMetadataCall(xml: string): MetadataCall {
  let root: Element | null;
  try {
    root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml').documentElement;
  } catch (error) {
    return { clientFault: `Unable to parse the SOAP request: ${(error as Error).message}` };
  }
  if (!root || root.namespaceURI !== SOAP_ENV || root.localName !== 'Envelope') return { clientFault: 'The request is not a SOAP 1.1 Envelope' };
  const operation = childElements(child(root, SOAP_ENV, 'Body'))[0];
  if (!operation) return { clientFault: 'The SOAP Body holds no operation' };
  const sessionHeader = child(child(root, SOAP_ENV, 'Header'), METADATA_NS, 'SessionHeader');
  const sessionId = sessionHeader ? childText(sessionHeader, 'sessionId') : '';
  const texts = (parent: Element, localName: string) => childElements(parent).filter((element) => element.localName === localName).map((element) => element.textContent?.trim() ?? '');
  if (operation.namespaceURI === METADATA_NS && operation.localName === 'readMetadata') {
    return { operation: 'readMetadata', sessionId, type: childText(operation, 'type').trim(), fullNames: texts(operation, 'fullNames') };
  }
  if (operation.namespaceURI === METADATA_NS && operation.localName === 'listMetadata') {
    const queries = childElements(operation).filter((element) => element.localName === 'queries');
    return { operation: 'listMetadata', sessionId, types: queries.map((query) => childText(query, 'type').trim()) };
  }
  // Salesforce's wording for an operation the WSDL does not define; the fake org serves these two only.
  return { clientFault: `No operation available for request {${operation.namespaceURI ?? ''}}${operation.localName ?? ''}, please check the WSDL for the service.` };
}

/**
 * One record per name asked, in order. A name the org does not have gets a record with no fields
 * (UNCONFIRMED: Salesforce answers no fault for it; jsforce then gives an object without `fullName`).
 * Types other than these two are not served: an empty record too.
 */
function readResponse(org: OrgRecord, type: string, fullNames: string[]): string {
  const records = fullNames.map((fullName) => {
    const fields = readComponent(org, type, fullName);
    return `<records xsi:type="${escapeText(type)}">${fields ?? ''}</records>`;
  });
  return metadataEnvelope(`<readMetadataResponse><result>${records.join('')}</result></readMetadataResponse>`);
}

function readComponent(org: OrgRecord, type: string, fullName: string): string | null {
  if (type === 'SecuritySettings' && fullName === 'Security') return securitySettings(org);
  if (type === 'ProfilePasswordPolicy') {
    const policy = org.profilePasswordPolicies.find((candidate) => candidate.fullName === fullName);
    return policy ? profilePasswordPolicy(policy) : null;
  }
  return null;
}

/**
 * The org-wide password policy as `SecuritySettings.passwordPolicies`, Salesforce's defaults
 * besides the expiry (retrieved SecuritySettings files); other sections of the settings are left out.
 */
function securitySettings(org: OrgRecord): string {
  const lockout = { 0: 'Forever', 15: 'FifteenMinutes', 30: 'ThirtyMinutes', 60: 'SixtyMinutes' }[org.settings.lockoutMinutes];
  const attempts = { 0: 'NoLimit', 3: 'ThreeAttempts', 5: 'FiveAttempts', 10: 'TenAttempts' }[org.settings.maxLoginAttempts];
  return (
    '<fullName>Security</fullName>' +
    '<passwordPolicies>' +
    '<complexity>AlphaNumeric</complexity>' +
    `<expiration>${EXPIRATION_NAMES[org.settings.passwordExpiryDays]}</expiration>` +
    '<historyRestriction>3</historyRestriction>' +
    `<lockoutInterval>${lockout}</lockoutInterval>` +
    `<maxLoginAttempts>${attempts}</maxLoginAttempts>` +
    '<minimumPasswordLength>8</minimumPasswordLength>' +
    '<minimumPasswordLifetime>false</minimumPasswordLifetime>' +
    '<obscureSecretAnswer>false</obscureSecretAnswer>' +
    '<questionRestriction>DoesNotContainPassword</questionRestriction>' +
    '</passwordPolicies>'
  );
}

/** Fields in the order of the type's reference; the ones besides the expiry are Salesforce's defaults. */
function profilePasswordPolicy(policy: ProfilePasswordPolicy): string {
  return (
    `<fullName>${escapeText(policy.fullName)}</fullName>` +
    '<forgotPasswordRedirect>false</forgotPasswordRedirect>' +
    '<lockoutInterval>15</lockoutInterval>' +
    '<maxLoginAttempts>10</maxLoginAttempts>' +
    '<minimumPasswordLength>8</minimumPasswordLength>' +
    '<minimumPasswordLifetime>false</minimumPasswordLifetime>' +
    '<obscure>false</obscure>' +
    '<passwordComplexity>1</passwordComplexity>' +
    `<passwordExpiration>${policy.passwordExpiration}</passwordExpiration>` +
    `<passwordHistory>${policy.passwordExpiration === 0 ? 0 : 3}</passwordHistory>` +
    '<passwordQuestion>1</passwordQuestion>' +
    `<profile>${escapeText(policy.profile)}</profile>`
  );
}

/**
 * FileProperties of every component of the listed types; none is an empty response element.
 * SecuritySettings lists its one component, `Security`. Other types: nothing (not served).
 */
function listResponse(ctx: RequestContext, org: OrgRecord, types: string[]): string {
  // Components name the org's first user as creator, at a fixed date: the fake org keeps no audit of them.
  const creator = ctx.state.usersOf(org)[0];
  const file = (type: string, fullName: string, fileName: string, id: string) => fileProperties({ type, fullName, fileName, id }, creator);
  const results = types.flatMap((type) => {
    if (type === 'ProfilePasswordPolicy') {
      // Key prefix UNCONFIRMED; ids only need to be stable and distinct here.
      return org.profilePasswordPolicies.map((policy, index) => file(type, policy.fullName, `profilePasswordPolicies/${policy.fullName}.profilePasswordPolicy`, to18(`0Ng${String(index + 1).padStart(12, '0')}`)));
    }
    // Settings have no record id of their own (UNCONFIRMED).
    if (type === 'SecuritySettings') return [file(type, 'Security', 'settings/Security.settings', '')];
    return [];
  });
  return metadataEnvelope(`<listMetadataResponse>${results.map((result) => `<result>${result}</result>`).join('')}</listMetadataResponse>`);
}

function fileProperties(component: { type: string; fullName: string; fileName: string; id: string }, creator: UserRecord | undefined): string {
  const by = creator ? to18(creator.id) : '';
  const name = creator ? escapeText(`${creator.firstName} ${creator.lastName}`) : '';
  const at = '2024-01-15T10:00:00.000Z';
  return (
    `<createdById>${by}</createdById><createdByName>${name}</createdByName><createdDate>${at}</createdDate>` +
    `<fileName>${escapeText(component.fileName)}</fileName><fullName>${escapeText(component.fullName)}</fullName><id>${component.id}</id>` +
    `<lastModifiedById>${by}</lastModifiedById><lastModifiedByName>${name}</lastModifiedByName><lastModifiedDate>${at}</lastModifiedDate>` +
    `<manageableState>unmanaged</manageableState><type>${escapeText(component.type)}</type>`
  );
}

function metadataEnvelope(body: string): string {
  return envelope(`<soapenv:Body>${body}</soapenv:Body>`, `xmlns="${METADATA_NS}"`);
}

function fault(ctx: RequestContext, code: string, message: string): void {
  // As captured: the metadata namespace bound to `sf`, no detail element.
  sendSoap(
    ctx,
    500,
    envelope(`<soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${escapeText(`${code}: ${message}`)}</faultstring></soapenv:Fault></soapenv:Body>`, `xmlns:sf="${METADATA_NS}"`),
  );
}

function clientFault(message: string): string {
  return envelope(`<soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${escapeText(message)}</faultstring></soapenv:Fault></soapenv:Body>`, `xmlns:sf="${METADATA_NS}"`);
}
