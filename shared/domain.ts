/**
 * Domain types shared by main, renderer and CLI.
 *
 * Only metadata lives here. Secrets (password, security token) never appear in these types: the
 * renderer sees whether a secret is present and how long it is, nothing more (DESIGN.md).
 */

/** Where an org logs in: the two standard login hosts or the org's own My Domain. */
export type EnvironmentKind = 'production' | 'sandbox' | 'custom';

export const PRODUCTION_LOGIN_URL = 'https://login.salesforce.com';
export const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

/** One org as the list shows it. */
export interface OrgSummary {
  id: string;
  alias: string;
  username: string;
  environment: EnvironmentKind;
  /** Origin used for logins, e.g. `https://login.salesforce.com` or a My Domain URL. */
  loginUrl: string;
  hasToken: boolean;
  createdAt: string;
  updatedAt: string;
  /** When the stored password / token were last set (token: absent when none is stored). */
  passwordUpdatedAt: string;
  tokenUpdatedAt?: string;
  /** OAuth username-password flow: the connected app's consumer key (its secret is in the keychain). */
  clientId?: string;
  /** The most recent connection test, kept across restarts. */
  lastTest?: TestOutcome;
  /** Failed logins in a row (the lockout guard counts these). */
  consecutiveFailures: number;
  /** The org id of the last successful test, to notice a refreshed sandbox. */
  lastSuccessOrgId?: string;
}

/** What the renderer may know about a stored secret. */
export interface SecretPresence {
  present: boolean;
  /** Number of characters, so the UI can draw a mask of the right length. */
  length: number;
}

/** One org with everything the detail view shows. */
export interface OrgDetail extends OrgSummary {
  secrets: {
    password: SecretPresence;
    token: SecretPresence;
    clientSecret: SecretPresence;
  };
}

/** Something worth telling the user that does not stop the action, e.g. an unusual login host. */
export interface Notice {
  code: 'HOST_NOT_SALESFORCE' | 'URL_NORMALISED' | 'SANDBOX_MISMATCH' | 'ORG_ID_CHANGED' | 'TOKEN_NOT_NEEDED';
  message: string;
  field?: string;
}

/** The result of adding or editing an org. */
export interface OrgSaved {
  org: OrgSummary;
  notices: Notice[];
}

export interface AppInfo {
  name: string;
  version: string;
  /** Which host runs the UI: the Electron app or the browser host used for tests. */
  host: 'electron' | 'browser';
  platform: string;
  keychainService: string;
  settingsPath: string;
}

/** Why a connection test failed, in terms an admin can act on. */
export const TEST_FAILURE_CODES = [
  'LOGIN_MUST_USE_SECURITY_TOKEN',
  'INVALID_LOGIN',
  'PASSWORD_EXPIRED',
  'API_CURRENTLY_DISABLED',
  'API_DISABLED_FOR_ORG',
  'SOAP_LOGIN_UNAVAILABLE',
  'INSUFFICIENT_ACCESS',
  'UNSUPPORTED_API_VERSION',
  'RESTRICTED_DOMAIN',
  'OAUTH_INVALID_GRANT',
  'OAUTH_INVALID_CLIENT_ID',
  'OAUTH_INVALID_CLIENT',
  'OAUTH_ERROR',
  'LOGIN_REFUSED',
  'HOST_NOT_FOUND',
  'CONNECTION_REFUSED',
  'CONNECTION_DROPPED',
  'NETWORK_UNREACHABLE',
  'TLS_FAILURE',
  'TIMEOUT',
  'CANCELLED',
  'SERVER_ERROR',
  'UNEXPECTED_RESPONSE',
  'SECRET_MISSING',
  'UNKNOWN_FAILURE',
] as const;
export type TestFailureCode = (typeof TEST_FAILURE_CODES)[number];

export interface TestFailure {
  code: TestFailureCode;
  message: string;
  remedy: string;
  /** Further causes that fit what OrgKey knows about this org, most likely first. */
  hints: string[];
}

/** What a successful test learned about the org. */
export interface OrgFactsSummary {
  orgId: string;
  orgName: string;
  edition: string;
  isSandbox: boolean;
  instanceName: string;
  instanceUrl: string;
  userName: string;
  userFullName: string;
  apiRequestsRemaining: number | null;
  apiRequestsMax: number | null;
}

export interface TestOutcome {
  ok: boolean;
  testedAt: string;
  latencyMs: number;
  via: 'soap' | 'oauth';
  /** Whether a security token was appended to the password for this login. */
  usedToken: boolean;
  facts?: OrgFactsSummary;
  failure?: TestFailure;
  warnings: Notice[];
}

/** User settings that shape how tests run. */
export interface Preferences {
  testTimeoutSeconds: number;
  lockoutGuardFailures: number;
  testConcurrency: number;
  /** Seconds until a copied secret is cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: number;
}

export const DEFAULT_PREFERENCES: Preferences = {
  testTimeoutSeconds: 20,
  lockoutGuardFailures: 2,
  testConcurrency: 4,
  clipboardClearSeconds: 30,
};

export const PREFERENCE_LIMITS: { [K in keyof Preferences]: { min: number; max: number } } = {
  testTimeoutSeconds: { min: 5, max: 120 },
  lockoutGuardFailures: { min: 1, max: 5 },
  testConcurrency: { min: 1, max: 16 },
  clipboardClearSeconds: { min: 0, max: 300 },
};

/** What can be copied from an org: "password + token" is what Tableau and similar tools take. */
export type CopyWhat = 'combined' | 'password' | 'token' | 'username';

/** What OrgKey last put on the clipboard and when it will clear it (never the value itself). */
export interface ClipboardState {
  orgId: string;
  what: CopyWhat;
  copiedAt: string;
  /** When the clipboard will be cleared, or null for never. */
  clearsAt: string | null;
}

/** What OrgKey found in a pasted token or email, without the token itself. */
export interface TokenInspection {
  length: number;
  /** First and last two characters, dots between. */
  preview: string;
  from: 'email' | 'token';
  /** The `Username:` line of the pasted email, when there was one. */
  mailUsername?: string;
  /** The email names another username than this org's: probably the wrong org's email. */
  wrongOrg: boolean;
  sameAsStored: boolean;
}
