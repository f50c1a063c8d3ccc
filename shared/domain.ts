/**
 * Domain types shared by main, renderer and CLI.
 *
 * Only metadata lives here. Secrets (password, security token) never appear in these types: the
 * renderer sees whether a secret is present and how long it is, nothing more, so no script in the
 * page can read one (docs/ARCHITECTURE.md, "Processes").
 */
import type { TestFailureCode } from './codes';
import type { IntegrationUserReading } from './integration-checklist';
import type { LoginAuditSummary } from './login-audit';
import type { PasswordPolicyReading } from './password-expiry';
import { loginMethodOf, type SecretKind } from './login-methods';
import { DEFAULT_NOTIFICATIONS, DEFAULT_SCHEDULE, type NotificationSwitches, type SchedulePreference } from './notifications';

/** Where an org logs in: the two standard login hosts or the org's own My Domain. */
export const ENVIRONMENTS = ['production', 'sandbox', 'custom'] as const;
export type EnvironmentKind = (typeof ENVIRONMENTS)[number];

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
  /**
   * How OrgKey logs in: `password` (username + password + token, by SOAP login() or, with a
   * `clientId`, the OAuth username-password flow), `browser` (OAuth web-server flow with PKCE,
   * signed in once in the browser; a refresh token in the keychain), `client-credentials` (an
   * External Client App's consumer key + secret, acting as its run-as user) or `jwt` (a signed JWT
   * bearer assertion; the private key in the keychain, its certificate uploaded to the app).
   * shared/login-methods.ts says what each one needs.
   */
  auth: AuthMethod;
  /**
   * `password` orgs: the connected app's consumer key for the OAuth username-password flow. Other
   * orgs: the External Client App's (or connected app's) consumer key. Secrets are in the keychain.
   */
  clientId?: string;
  /** `browser` orgs: the loopback port of the callback URL registered in the app. */
  callbackPort?: number;
  /** `browser` orgs: when the admin last signed in (absent: not signed in, no refresh token kept). */
  signedInAt?: string;
  /** What the last SOAP login() told about this org: allowed (it worked) or switched off. */
  soapLogin?: SoapLoginSeen;
  /** The most recent connection test, kept across restarts. */
  lastTest?: TestOutcome;
  /** Failed logins in a row (the lockout guard counts these). */
  consecutiveFailures: number;
  /** The org id of the last successful test, to notice a refreshed sandbox. */
  lastSuccessOrgId?: string;
  /** A refresh of this sandbox OrgKey noticed (pending until the admin confirms it), and what of the old org needs a look. */
  sandboxRefresh?: SandboxRefreshSummary;
  /** Data Loader configurations written for this org, newest first. */
  dataLoaderExports: DataLoaderExportInfo[];
  /** `jwt` orgs: the certificate uploaded to the app, as OrgKey made it (never the private key). */
  certificate?: CertificateInfo;
  /** `jwt` orgs rotating their key: the new certificate, kept beside the old one until a test proves it. */
  pendingCertificate?: CertificateInfo;
  /** After a switch of login method: the old method's secrets, still in the keychain until the admin deletes them. */
  previousSecrets?: PreviousSecrets;
  /** The last login audit of the org's Login History, in brief (`audit.last` has its groups). */
  lastAudit?: LoginAuditSummary;
  /** Password orgs: when the password expires, as read at the last test that could (shared/password-expiry.ts). */
  passwordPolicy?: PasswordPolicyReading;
  /** Password orgs: the login user's permissions for unattended logins, as read at the last test (shared/integration-checklist.ts). */
  integrationChecklist?: IntegrationUserReading;
  /**
   * Imported without its secrets (a CSV import): a password org with no password stored yet. No
   * login is sent for it (tests answer SECRET_MISSING) until the admin stores its password (or
   * switches it to another login method), which clears the flag.
   */
  awaitingSecrets?: true;
  /** The group the admin filed the org under (a client, a project); absent: none (shared/org-groups.ts). */
  group?: string;
  /** The org's colour as shown, `#rrggbb`: the one the admin chose, or its environment's default (shared/org-colors.ts). */
  color: string;
  /** Whether `color` is the environment's default rather than one the admin chose. */
  colorIsDefault: boolean;
}

export const AUTH_METHODS = ['password', 'browser', 'client-credentials', 'jwt'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/**
 * A new org's loopback port for the browser-login callback. Not the Salesforce CLI's 1717: both
 * waiting for a sign-in at once would collide. IANA lists 18717 as unassigned, no common developer
 * tool waits there (Data Loader's callback is 7171; dev servers 3000, 4200, 5173, 8000, 8080, 8888;
 * Node's inspector 9229), and it is below the ephemeral ranges (Linux from 32768, macOS and Windows
 * from 49152), so another program's outgoing connection cannot be holding it.
 */
export const DEFAULT_CALLBACK_PORT = 18717;

/**
 * The default before 18717. A browser-login org stored without a port of its own registered this
 * one in its app, and keeps it: a new default never moves an existing org off its callback URL.
 */
export const LEGACY_CALLBACK_PORT = 1717;

/**
 * The callback port an org signs in on: a browser-login org's own (one stored without a port was set
 * up on the old default); for a password org, the one it would get if switched to browser login now.
 */
export function callbackPortFor(org: { auth: AuthMethod; callbackPort?: number | undefined }): number {
  if (loginMethodOf(org).needs.callbackPort) return org.callbackPort ?? LEGACY_CALLBACK_PORT;
  return org.callbackPort ?? DEFAULT_CALLBACK_PORT;
}
export const CALLBACK_PATH = '/oauth/callback';

/** How long OrgKey waits for the browser: long enough to find a password and pass MFA. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** The callback URL to register in the External Client App for a port. */
export function callbackUrlFor(port: number): string {
  return `http://localhost:${port}${CALLBACK_PATH}`;
}

/** A browser sign-in under way: the authorize page (opened when the host can) and the callback it waits on. */
export interface SignInStart {
  authorizeUrl: string;
  callbackUrl: string;
  opened: boolean;
}

/** A browser sign-in that worked: who signed in, and when. */
export interface SignedIn {
  username: string;
  signedInAt: string;
}

export interface SoapLoginSeen {
  allowed: boolean;
  at: string;
}

/** A JWT org's certificate, as shown and warned about: metadata only, never the key. */
export interface CertificateInfo {
  /** When it expires (ISO date-time); Salesforce refuses assertions signed with its key after that. */
  notAfter: string;
  /** SHA-256 fingerprint of the DER certificate, colon-separated hex, as Salesforce's app page shows it. */
  fingerprint: string;
  /** Its subject, e.g. `CN=OrgKey Production`. */
  subject: string;
}

/** A certificate OrgKey made for a JWT org: the PEM to upload (public) and what it says. */
export interface OrgCertificate {
  pem: string;
  info: CertificateInfo;
}

/**
 * A JWT org's certificates: the one its key signs with now, and during a rotation the new one,
 * waiting to be uploaded to the app and proved by a test.
 */
export interface OrgCertificates {
  current: OrgCertificate | null;
  pending: OrgCertificate | null;
}

/**
 * The secrets a switch of login method left in the keychain (metadata: which entries, never their
 * values). They stay until the new method is proved by a test (`provedAt`); then the admin may delete
 * them (`orgs.forgetPreviousSecrets`). Switching back to `auth` uses them again.
 */
export interface PreviousSecrets {
  /** The method they belong to. */
  auth: AuthMethod;
  /** The keychain entries kept (`org:<id>:<kind>`). */
  kinds: SecretKind[];
  /** When the switch was made. */
  since: string;
  /** When a test with the new method first worked; absent until then. */
  provedAt?: string;
  /** The old method's consumer key and login URL, to switch back to it (and to revoke a kept browser sign-in). */
  clientId?: string;
  loginUrl?: string;
  /** The old method's username (a client-credentials org learns its run-as user instead), to switch back. */
  username?: string;
  /** A browser sign-in kept (its refresh token in `kinds`): when it was made, to switch back signed in. */
  signedInAt?: string;
}

/**
 * How an org's logins stand against SOAP login()'s retirement (its date, and the other password
 * flow's, are in retirements.json; retirements.ts counts the days).
 * - `browser`: signs in with OAuth in the browser; no retirement announced.
 * - `client-credentials` / `jwt`: an app's own credentials or a signed assertion; no password, no
 *   retirement announced. (A consumer key alone does not mean the password flow.)
 * - `oauth-password`: consumer key + password, the OAuth username-password flow: not SOAP, but
 *   Salesforce turns that flow off for connected apps even earlier, on a published date.
 * - `soap-disabled`: SOAP login() is already off in this org: password logins fail today.
 * - `soap-allowed` / `soap-unknown`: depends on SOAP login(); it worked last time / not tested yet.
 */
export type SoapReadiness = 'browser' | 'client-credentials' | 'jwt' | 'oauth-password' | 'soap-disabled' | 'soap-allowed' | 'soap-unknown';

export function soapReadiness(org: Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'>): SoapReadiness {
  return loginMethodOf(org).readiness(org);
}

/** Whether an org's logins depend on SOAP login() (and so stop working when it is retired). */
export const dependsOnSoapLogin = (org: Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'>): boolean => soapReadiness(org).startsWith('soap-');

/** What the renderer may know about a stored secret. */
export interface SecretPresence {
  present: boolean;
  /** Number of characters, so the UI can draw a mask of the right length. */
  length: number;
}

/** The org list as the API answers it: the orgs asked for, sorted by alias, and how many there are. */
export interface OrgList {
  orgs: OrgSummary[];
  total: number;
}

/** One org with everything the detail view shows. */
export interface OrgDetail extends OrgSummary {
  secrets: {
    password: SecretPresence;
    token: SecretPresence;
    clientSecret: SecretPresence;
    refreshToken: SecretPresence;
    /** `jwt` orgs: the signing key (and, during a rotation, the new one). */
    privateKey: SecretPresence;
    pendingPrivateKey: SecretPresence;
  };
}

/**
 * A sandbox refresh OrgKey noticed: a login worked, but in an org of another id than the last one
 * (a refreshed sandbox is a new org). Pending until the admin confirms it (`confirmedAt`): until
 * then the stored org id (`lastSuccessOrgId`) stays `fromOrgId`.
 */
export interface SandboxRefresh {
  fromOrgId: string;
  toOrgId: string;
  detectedAt: string;
  confirmedAt?: string;
  /** When a login of the org's current method first worked in the new org (the login that noticed the refresh, or a later one). */
  provedAt?: string;
}

/**
 * What was set up for the old org and needs a look after a refresh: Data Loader exports written
 * before it (`stale` on each, too), the browser sign-in, and a JWT or client-credentials app setup
 * (both until a login of the org's method works in the new org).
 */
export const SANDBOX_REFRESH_ATTENTION = ['exports', 'sign-in', 'credentials'] as const;
export type SandboxRefreshAttention = (typeof SANDBOX_REFRESH_ATTENTION)[number];

/** A sandbox refresh as the front ends see it: the record, and what needs a look because of it. */
export interface SandboxRefreshSummary extends SandboxRefresh {
  attention: SandboxRefreshAttention[];
}

export const NOTICE_CODES = [
  'HOST_NOT_SALESFORCE',
  'URL_NORMALISED',
  'SANDBOX_MISMATCH',
  'ORG_ID_CHANGED',
  'SANDBOX_REFRESHED',
  'TOKEN_NOT_NEEDED',
  'CERTIFICATE_EXPIRING',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_ROTATED',
  'PASSWORD_EXPIRES_SOON',
] as const;

/** Something worth telling the user that does not stop the action, e.g. an unusual login host. */
export interface Notice {
  code: (typeof NOTICE_CODES)[number];
  message: string;
  field?: string;
}

/** The result of adding or editing an org. */
export interface OrgSaved {
  org: OrgSummary;
  notices: Notice[];
}

/** The settings file was damaged at start: where the old file was kept, and why it was set aside. */
export interface SettingsRecovery {
  movedTo: string;
  reason: string;
  at: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** Which host runs the UI: the Electron app or the browser host used for tests. */
  host: 'electron' | 'browser' | 'cli';
  platform: string;
  keychainService: string;
  settingsPath: string;
  /** Present when this start found the settings file damaged and set it aside. */
  settingsRecovery?: SettingsRecovery;
}

/** Why a connection test failed: the codes, their words and labels are in the catalogue. */
export type { TestFailureCode };

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
  /**
   * Why the API request counts are null after a good login, e.g. the user lacks “View Setup and
   * Configuration”; absent when Salesforce reported them.
   */
  apiRequestsUnavailable?: string;
}

/**
 * How a test logged in: `soap` login(), `oauth` username-password flow, `browser`: the refresh token
 * of a browser sign-in, `client-credentials`: the app's key and secret, `jwt`: a signed assertion.
 */
export const TEST_VIAS = ['soap', 'oauth', 'browser', 'client-credentials', 'jwt'] as const;
export type TestVia = (typeof TEST_VIAS)[number];

export interface TestOutcome {
  ok: boolean;
  testedAt: string;
  latencyMs: number;
  via: TestVia;
  /** Whether a security token was appended to the password for this login. */
  usedToken: boolean;
  facts?: OrgFactsSummary;
  failure?: TestFailure;
  warnings: Notice[];
  /**
   * The org's `tokenUpdatedAt` for the token this login used; for a proof (a new token tested before
   * it is kept), the one it stored. Absent when no token was stored.
   */
  tokenAsOf?: string;
}

/** The answer to "prove and store": whether the new secret replaced the old, and the login made. */
export interface ProofResult {
  stored: boolean;
  outcome?: TestOutcome;
}

/**
 * Whether the stored token has been through a login: the last test used it, or it was stored because
 * a login with it worked. False before any test. The list, the detail and the CLI all ask this.
 */
export function testedSinceTokenSet(org: Pick<OrgSummary, 'hasToken' | 'tokenUpdatedAt' | 'lastTest'>): boolean {
  if (!org.lastTest) return false;
  if (!org.hasToken || !org.tokenUpdatedAt) return true;
  return org.lastTest.tokenAsOf === org.tokenUpdatedAt;
}

/** User settings that shape how tests run, when the app checks by itself, and what it notifies. */
export interface Preferences {
  testTimeoutSeconds: number;
  lockoutGuardFailures: number;
  testConcurrency: number;
  /** Seconds until a copied secret is cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: number;
  /** Scheduled checks of every org (off by default); set with `schedule.set`. */
  schedule: SchedulePreference;
  /** Which causes give a desktop notification (all on by default); set with `prefs.update`. */
  notifications: NotificationSwitches;
}

/** The preferences that are whole numbers within limits. */
export type NumericPreference = 'testTimeoutSeconds' | 'lockoutGuardFailures' | 'testConcurrency' | 'clipboardClearSeconds';

export const DEFAULT_PREFERENCES: Preferences = {
  testTimeoutSeconds: 20,
  lockoutGuardFailures: 2,
  testConcurrency: 4,
  clipboardClearSeconds: 30,
  schedule: DEFAULT_SCHEDULE,
  notifications: DEFAULT_NOTIFICATIONS,
};

export const PREFERENCE_LIMITS: { [K in NumericPreference]: { min: number; max: number } } = {
  testTimeoutSeconds: { min: 5, max: 120 },
  lockoutGuardFailures: { min: 1, max: 5 },
  testConcurrency: { min: 1, max: 16 },
  clipboardClearSeconds: { min: 0, max: 300 },
};

/**
 * What can be copied from an org: "password + token" is what Tableau and similar tools take;
 * `accessToken` is a fresh session from a login with the org's own method (any method), for tools
 * that take a session instead of a password. It is never stored, and never sent to the window.
 */
export const COPY_TARGETS = ['combined', 'password', 'token', 'username', 'accessToken'] as const;
export type CopyWhat = (typeof COPY_TARGETS)[number];

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

/** The Data Loader operations OrgKey writes a `process-conf.xml` bean for. */
export const DATALOADER_OPERATIONS = ['extract', 'insert', 'update', 'upsert', 'delete'] as const;
export type DataLoaderOperation = (typeof DATALOADER_OPERATIONS)[number];

/** One batch job (one `ProcessRunner` bean) in an export. */
export interface DataLoaderJob {
  operation: DataLoaderOperation;
  /** The object's API name, e.g. `Account` or `Invoice__c`. */
  object: string;
  /** extract only: the SOQL query; defaults to a query of the object's Id and Name. */
  soql?: string;
  /** upsert only: the field records are matched by; defaults to `Id`. */
  externalIdField?: string;
}

/** Which key file encrypts `sfdc.password`: a new one created in the export folder, or an existing one. */
export type DataLoaderKeyChoice = { kind: 'new' } | { kind: 'existing'; path: string };

/** A Data Loader configuration OrgKey wrote, as the app and CLI show it. */
export interface DataLoaderExportInfo {
  id: string;
  /** Absolute path of the folder holding config.properties and process-conf.xml. */
  folder: string;
  /** Absolute path of the key file named in `process.encryptionKeyFile`. */
  keyFile: string;
  /** Whether OrgKey created the key file for this export. */
  createdKey: boolean;
  jobs: DataLoaderJob[];
  /** The `process-conf.xml` bean ids, in the order of `jobs` (what `process.bat` takes). */
  beans: string[];
  exportedAt: string;
  /** When `sfdc.password` was last re-encrypted by Refresh. */
  refreshedAt?: string;
  /** The password or token changed since `sfdc.password` was written: Refresh brings it up to date. */
  stale: boolean;
  /** Why it is stale, in words, e.g. "The security token changed on 3 Dec 2026." */
  staleReason?: string;
  /** Written for the org before a sandbox refresh OrgKey noticed (and not refreshed since): it is `stale` too. */
  beforeSandboxRefresh?: boolean;
}

/** Suggestions for the export form. */
export interface DataLoaderDefaults {
  /** A folder that does not exist yet, named after the org, under the user's Documents folder. */
  folder: string;
  /** Data Loader's own default key file, when it exists on this machine (`~/.dataloader/dataLoader.key`). */
  existingKeyFile: string | null;
}

/** What an export or refresh wrote, after checking it decrypts to the stored password + token. */
export interface DataLoaderExportResult {
  export: DataLoaderExportInfo;
  /** Absolute paths of the files written (or rewritten). */
  written: string[];
  /** Files that already existed and were left as they were (e.g. a mapping file the admin edited). */
  kept: string[];
  /** The folder did not exist and was created. */
  createdFolder: boolean;
}

/**
 * What *Open in browser* did: opened a single-use login link, or the org's login page because
 * Salesforce gave no link (`reason`), or nothing because the login failed (`outcome`, as a test's).
 * The link itself never comes back to the window: it is a credential until the browser uses it.
 */
export type OpenedInBrowser = { ok: true; kind: 'single-use' } | { ok: true; kind: 'login-page'; reason: string } | { ok: false; outcome: TestOutcome };

/**
 * One check of an org, as its history keeps it (the last 50, newest first): a test the admin ran
 * (`scheduled: false`) or a scheduled check, and how it went. `skipped`: a scheduled check that sent
 * no login — the last failure needs a person (`needs-person`), the lockout guard (`guarded`), or a
 * test of the org already under way (`busy`).
 */
export interface CheckHistoryEntry {
  at: string;
  ok: boolean;
  scheduled: boolean;
  code?: TestFailureCode;
  skipped?: 'needs-person' | 'guarded' | 'busy';
  latencyMs?: number;
}

/** The last scheduled run in brief: orgs checked (a login sent), of them failed, and orgs skipped. */
export interface ScheduledRunSummary {
  at: string;
  checked: number;
  failed: number;
  skipped: number;
}

/** The schedule as it stands: the preference, when it runs next (null when off), its last run, and whether one is under way. */
export interface ScheduleStatus {
  schedule: SchedulePreference;
  nextRunAt: string | null;
  lastRun: ScheduledRunSummary | null;
  running: boolean;
}
