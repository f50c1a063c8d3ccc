/**
 * The ways OrgKey logs in to an org, in one table: for each `auth` value, what it is called, which
 * secrets it keeps in the keychain, which fields it needs, how a test logs in (`via`), which
 * retirement applies to it and how ready it is for the password logins' end. The core, the CLI and
 * the app ask this table instead of comparing `auth` themselves (docs/ARCHITECTURE.md, "How to →
 * Add a login method").
 *
 * Only metadata and rules live here, never a secret. It imports domain.ts for types alone, so
 * domain.ts can build its helpers on it without a cycle at load time.
 */
import type { AuthMethod, OrgSummary, SoapReadiness, TestVia } from './domain';
import type { LoginFlow } from './retirements';

/**
 * The keychain entries an org may have, one per kind (`org:<id>:<kind>`). Removing an org deletes
 * every kind. `privateKey` is a JWT org's signing key; `pendingPrivateKey` the new key of a rotation
 * under way, kept beside the old until a test proves the new certificate.
 */
export const SECRET_KINDS = ['password', 'token', 'clientSecret', 'refreshToken', 'privateKey', 'pendingPrivateKey'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** Whether a form asks for a field: `required`, `optional`, or `no` (the method has no use for it). */
export type FieldNeed = 'required' | 'optional' | 'no';

/** The org facts a method reads, to answer per org (a password org with a consumer key uses OAuth). */
export type LoginMethodOrg = Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'>;

export interface LoginMethod {
  auth: AuthMethod;
  /** The method's name in forms, the detail and `orgkey show`. */
  label: string;
  /** The secrets it keeps in the keychain (account `org:<id>:<kind>`), the optional ones included. */
  secrets: readonly SecretKind[];
  /** Who the org logs in as: typed in (`typed`), whoever signs in in the browser (`sign-in`), or the app's run-as user, learnt from a test (`test`). */
  usernameFrom: 'typed' | 'sign-in' | 'test';
  /** What adding or editing such an org asks for. */
  needs: {
    username: FieldNeed;
    password: FieldNeed;
    token: FieldNeed;
    clientId: FieldNeed;
    /** `with-client-id`: required exactly when a consumer key is given (the OAuth username-password flow). */
    clientSecret: FieldNeed | 'with-client-id';
    /** The login URL must be the org's My Domain (see `MY_DOMAIN_REASON`). */
    myDomain: boolean;
    /** A key pair and certificate that OrgKey makes and the admin uploads to the app. */
    certificate: boolean;
    /** A loopback callback port for the browser's sign-in. */
    callbackPort: boolean;
  };
  /** A person signs in in the browser (`orgkey login`, *Sign in with browser*). */
  signsIn: boolean;
  /**
   * It logs in with a password + security token: the token workflow, *Copy password*, the password
   * dates and the token's age apply.
   */
  usesPassword: boolean;
  /**
   * A refused login may count toward Salesforce locking a user out, so the lockout guard counts it
   * (diagnosis.ts says which failures). False where no user's password is involved at all.
   */
  lockoutRisk: boolean;
  /**
   * How a Data Loader export hands it to Data Loader: the encrypted password, or an access token that
   * OrgKey mints and `orgkey export refresh` renews (Data Loader's batch mode has no client-credentials
   * or JWT grant, and never renews a token or uses its own saved refresh token: dataloader/templates.ts).
   */
  dataLoader: 'password' | 'access-token';
  /** How a test of this org logs in. */
  via(org: LoginMethodOrg): TestVia;
  /** `orgkey list --json`'s `login`: SOAP login() or an OAuth flow. */
  login(org: LoginMethodOrg): 'soap' | 'oauth';
  /** Which retirement applies (shared/retirements.json has one entry per flow). */
  flow(org: LoginMethodOrg): LoginFlow;
  /** How the org stands against the password logins' retirement. */
  readiness(org: LoginMethodOrg): SoapReadiness;
}

/**
 * Why a client-credentials org needs its My Domain URL, as its field message says it: Salesforce
 * serves this grant only on the org's own host.
 */
export const MY_DOMAIN_REASON =
  'Salesforce serves the client credentials flow only on the org’s My Domain: login.salesforce.com and test.salesforce.com answer “request not supported on this domain”.';

const soapReadiness = (org: LoginMethodOrg): SoapReadiness => {
  if (org.clientId) return 'oauth-password';
  if (!org.soapLogin) return 'soap-unknown';
  return org.soapLogin.allowed ? 'soap-allowed' : 'soap-disabled';
};

export const LOGIN_METHODS: { readonly [A in AuthMethod]: LoginMethod & { auth: A } } = {
  password: {
    auth: 'password',
    label: 'Password and security token',
    secrets: ['password', 'token', 'clientSecret'],
    usernameFrom: 'typed',
    needs: { username: 'required', password: 'required', token: 'optional', clientId: 'optional', clientSecret: 'with-client-id', myDomain: false, certificate: false, callbackPort: false },
    signsIn: false,
    usesPassword: true,
    lockoutRisk: true,
    dataLoader: 'password',
    // With a connected app's consumer key: the OAuth username-password flow; without: SOAP login().
    via: (org) => (org.clientId ? 'oauth' : 'soap'),
    login: (org) => (org.clientId ? 'oauth' : 'soap'),
    flow: (org) => (org.clientId ? 'oauth-password' : 'soap'),
    readiness: soapReadiness,
  },
  browser: {
    auth: 'browser',
    label: 'Browser login (OAuth)',
    secrets: ['refreshToken', 'clientSecret'],
    usernameFrom: 'sign-in',
    needs: { username: 'optional', password: 'no', token: 'no', clientId: 'required', clientSecret: 'optional', myDomain: false, certificate: false, callbackPort: true },
    signsIn: true,
    usesPassword: false,
    // Its refresh-token failures are worded apart (diagnosis.ts); only an app refusing the user counts.
    lockoutRisk: true,
    dataLoader: 'access-token',
    via: () => 'browser',
    login: () => 'oauth',
    flow: () => 'browser',
    readiness: () => 'browser',
  },
  'client-credentials': {
    auth: 'client-credentials',
    label: 'Client credentials (OAuth)',
    secrets: ['clientSecret'],
    usernameFrom: 'test',
    needs: { username: 'no', password: 'no', token: 'no', clientId: 'required', clientSecret: 'required', myDomain: true, certificate: false, callbackPort: false },
    signsIn: false,
    usesPassword: false,
    // The app's key and secret log in as its run-as user: no user's password is sent.
    lockoutRisk: false,
    dataLoader: 'access-token',
    via: () => 'client-credentials',
    login: () => 'oauth',
    flow: () => 'client-credentials',
    readiness: () => 'client-credentials',
  },
  jwt: {
    auth: 'jwt',
    label: 'JWT bearer (certificate)',
    secrets: ['privateKey', 'pendingPrivateKey'],
    usernameFrom: 'typed',
    needs: { username: 'required', password: 'no', token: 'no', clientId: 'required', clientSecret: 'no', myDomain: false, certificate: true, callbackPort: false },
    signsIn: false,
    usesPassword: false,
    // A signed assertion, no password: a refused one never counts toward locking the user out.
    lockoutRisk: false,
    dataLoader: 'access-token',
    via: () => 'jwt',
    login: () => 'oauth',
    flow: () => 'jwt',
    readiness: () => 'jwt',
  },
};

/** The table's row for an org (or an `auth` value). */
export function loginMethodOf(org: { auth: AuthMethod } | AuthMethod): LoginMethod {
  return LOGIN_METHODS[typeof org === 'string' ? org : org.auth];
}

/** The secrets an org of `from` keeps that an org of `to` has no use for: what a switch leaves behind. */
export function secretsLeftBy(from: AuthMethod, to: AuthMethod): SecretKind[] {
  const used = new Set<SecretKind>(LOGIN_METHODS[to].secrets);
  return LOGIN_METHODS[from].secrets.filter((kind) => !used.has(kind));
}
