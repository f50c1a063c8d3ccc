/**
 * Shared setup for the fake org's conformance suite: one server per test file, reset to the seed
 * before each test, plus raw-HTTP helpers for the wire-level checks.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fakeOrgControl, startFakeOrg, type FakeOrg, type FakeOrgControl, type FakeOrgOptions, type OAuthAppSnapshot, type OrgSnapshot, type UserSnapshot } from '../../../e2e/fake-org';
import { callbackUrlFor, DEFAULT_CALLBACK_PORT, LEGACY_CALLBACK_PORT } from '../../../shared/domain';

/** The default seed's users, by role. */
export const PROD_ADMIN = 'admin@acme.example';
export const SANDBOX_ADMIN = 'admin@acme.example.uat';
export const EXPIRED_USER = 'expired.user@acme.example';
export const NO_API_USER = 'no.api@acme.example';

/** jsforce's own default would be 50.0; Data Loader logs in with 64.0, the newest SOAP login version. */
export const API_VERSION = '64.0';

export const NS = {
  soapEnv: 'http://schemas.xmlsoap.org/soap/envelope/',
  partner: 'urn:partner.soap.sforce.com',
  fault: 'urn:fault.partner.soap.sforce.com',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export interface FakeOrgFixture {
  readonly org: FakeOrg;
  readonly loginUrl: string;
  readonly control: FakeOrgControl;
  /** A seed user with current password and token. */
  user(username: string): UserSnapshot;
  /** The org a user belongs to, with its apps. */
  orgOf(username: string): OrgSnapshot;
  /** The External Client App seeded in the user's org. */
  ecaOf(username: string): OAuthAppSnapshot;
}

/** Starts one fake org for the file, resets it before each test, and closes it afterwards. */
export function useFakeOrg(options?: FakeOrgOptions): FakeOrgFixture {
  let org: FakeOrg | undefined;
  const running = (): FakeOrg => {
    if (!org) throw new Error('The fake org is not running');
    return org;
  };
  beforeAll(async () => {
    org = await startFakeOrg(options);
  });
  beforeEach(async () => {
    await fakeOrgControl(running().loginUrl).reset();
  });
  afterAll(async () => {
    await org?.close();
  });
  const orgOf = (username: string): OrgSnapshot => {
    const { orgId } = running().state.user(username);
    const found = running().state.snapshot().orgs.find((candidate) => candidate.id === orgId);
    if (!found) throw new Error(`No org for ${username}`);
    return found;
  };
  return {
    get org() {
      return running();
    },
    get loginUrl() {
      return running().loginUrl;
    },
    get control() {
      return fakeOrgControl(running().loginUrl);
    },
    user: (username) => running().state.user(username),
    orgOf,
    ecaOf: (username) => {
      const [eca] = orgOf(username).externalClientApps;
      if (!eca) throw new Error(`No External Client App in the org of ${username}`);
      return eca;
    },
  };
}

/** OrgKey's default callback URL, which every seeded app registers (connected app and External Client App). */
export const CALLBACK_URL = callbackUrlFor(DEFAULT_CALLBACK_PORT);

/** Every seeded app's callback URLs: OrgKey's default, and 1717, the Salesforce CLI's and OrgKey's old default. */
export const SEED_CALLBACK_URLS = [CALLBACK_URL, callbackUrlFor(LEGACY_CALLBACK_PORT)];

/** A page of the web-server flow as a browser gets it; redirects are not followed. */
export interface FlowPage {
  status: number;
  html: string;
  location: string | null;
}

export async function openPage(url: string): Promise<FlowPage> {
  return pageOf(await fetch(url, { redirect: 'manual' }));
}

/** Submits the page's form as a browser would: to its action, with its hidden fields plus `fields`. */
export async function submitForm(page: FlowPage, baseUrl: string, fields: Record<string, string>): Promise<FlowPage> {
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(page.html);
  if (!form?.[1] || form[2] === undefined) throw new Error(`No form on this page: ${page.html}`);
  const hidden = [...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name = '', value = '']) => [name, value]);
  const body = new URLSearchParams([...hidden, ...Object.entries(fields)]).toString();
  const response = await fetch(new URL(form[1], baseUrl), { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  return pageOf(response);
}

async function pageOf(response: Response): Promise<FlowPage> {
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

/** POSTs form parameters to the token endpoint; returns status and JSON body. */
export async function postToken(loginUrl: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** The error a promise rejects with (fails if it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`Rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

/** The SOAP login body exactly as jsforce writes it (its `loginBySoap`, jsforce 3.10). */
export function jsforceLoginEnvelope(username: string, password: string): string {
  return (
    '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header/><se:Body>' +
    `<login xmlns="urn:partner.soap.sforce.com"><username>${username}</username><password>${password}</password></login>` +
    '</se:Body></se:Envelope>'
  );
}

/** POSTs a SOAP body and returns status, content type and text. */
export async function postSoap(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

export function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, 'text/xml');
}

export function elementChildren(parent: Element | null | undefined): Element[] {
  const children: Element[] = [];
  for (let node = parent?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) children.push(node as Element);
  }
  return children;
}

/** The only child element named `localName` in `namespace` (null = no namespace). */
export function onlyChild(parent: Element | null | undefined, namespace: string | null, localName: string): Element {
  const matches = elementChildren(parent).filter((child) => child.namespaceURI === namespace && child.localName === localName);
  if (matches.length !== 1 || !matches[0]) throw new Error(`Expected one <${localName}> in ${namespace ?? 'no namespace'}, found ${matches.length}`);
  return matches[0];
}

/** GETs a REST path with a bearer token; returns status and parsed JSON. */
export async function getJson(url: string, accessToken?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {} });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
}
