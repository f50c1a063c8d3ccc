/**
 * The small ports through which the core talks to the outside world.
 *
 * `openCore` (index.ts) makes the ones every host shares (settings file, keychain, log, redactor);
 * each host passes only its own (clipboard, opener, dialogs). The core never imports `electron`.
 */
import type { Redactor } from './logging/redactor';
import type { SettingsRecovery, TestFailureCode, TestVia } from '../../shared/domain';
import type { DesktopNotification } from '../../shared/notifications';
import type { SettingsDoc } from './settings/schema';

/** The settings file: metadata only, never a secret. */
export interface SettingsStore {
  /** Where the file lives, for messages and the About box. */
  readonly path: string;
  /** Set when opening found the file damaged and moved it aside (the front ends tell the user). */
  readonly recovery?: SettingsRecovery;
  read(): SettingsDoc;
  /**
   * Read, change and write back in one step; the write is atomic. Answers the document written,
   * read-only: the store keeps that very object as its copy of the file (a copy for each caller
   * would cost more than the write at each of Test all's writes: `npm run bench`).
   */
  update(change: (doc: SettingsDoc) => SettingsDoc): Frozen<SettingsDoc>;
}

/** A value its holder must not change, however deep (the shape is still the value's own). */
export type Frozen<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyArray<infer Item>
    ? ReadonlyArray<Frozen<Item>>
    : T extends object
      ? { readonly [Key in keyof T]: Frozen<T[Key]> }
      : T;

/** A copy of a `Frozen` value that its holder may change (or hand to code that may). */
export function ownCopy<T>(value: Frozen<T>): T {
  return structuredClone(value) as T;
}

/** The OS keychain: entries under one service name (which entries an org has: secrets/org-item.ts). */
export interface SecretStore {
  readonly service: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves true when an entry was deleted, false when there was none. */
  delete(account: string): Promise<boolean>;
  /** Every entry under the service, values included (keytar's `findCredentials`). */
  list(): Promise<Array<{ account: string; password: string }>>;
}

/** Keychain calls made through the core's port since it was opened (the bench counts reads per test). */
export interface KeychainCounts {
  /** `get` calls: each one item, one Secret Service round trip (one access check on macOS). */
  reads: number;
  writes: number;
  deletes: number;
  /** `list` calls: each reads every entry under the service. */
  lists: number;
}

/** The system clipboard, written only by the main process. */
export interface ClipboardPort {
  /** Write a secret, marked as concealed where the platform supports it so clipboard managers skip it. */
  writeSecret(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

/**
 * Opens a URL in the OS browser. Every implementation checks the URL itself against the one
 * allow-list (`allowListedOpener`), whatever its caller checked: it rejects any other address
 * without starting anything.
 */
export interface ExternalOpener {
  /** `allowOrigin`: the org's own login origin, allowed besides Salesforce's domains and loopback. */
  open(url: string, options?: { allowOrigin?: string }): Promise<void>;
}

/** The OS file pickers (Electron's dialogs in the app; a scripted stand-in in the browser host). */
export interface DialogPort {
  /** Resolves the chosen absolute path, or null when the admin cancelled. */
  pickFolder(options: { title?: string; defaultPath?: string }): Promise<string | null>;
  pickFile(options: { title?: string; defaultPath?: string }): Promise<string | null>;
  /** Where to save a new file; the OS dialog asks before replacing one. */
  pickSaveFile(options: { title?: string; defaultPath?: string }): Promise<string | null>;
}

export interface Clock {
  now(): Date;
}

/**
 * Desktop notifications (Electron's `Notification` in the app; recorded by the browser host; none in
 * the CLI). `onClick` is the core's: it tells the window to open the org (`notification.clicked`).
 */
export interface NotifierPort {
  show(notification: DesktopNotification, onClick: () => void): void;
}

/**
 * Log lines carry a component tag (`[tester]`) and never a secret: `orgkey.log` is plain text kept
 * on disk across runs (docs/ARCHITECTURE.md, "Storage").
 */
export interface Logger {
  info(tag: string, message: string): void;
  warn(tag: string, message: string): void;
  error(tag: string, message: string): void;
}

/**
 * Salesforce: the one way the core talks to it. The jsforce gateway (connection/jsforce-gateway.ts)
 * is the real one and the default; unit tests script one. It answers in these types only, so
 * nothing above it sees jsforce's error shapes. Requests are never retried: every failed login
 * counts toward Salesforce's lockout, so one must not be repeated behind the user's back.
 */
export interface SalesforceGateway {
  /** Log in, read the org's facts, log out (`CheckAnswer.ended`). A refused or interrupted check is an answer, never thrown. */
  check(request: LoginRequest): Promise<CheckAnswer>;
  /**
   * Log in and hand the session over instead of ending it: a fresh access token for a tool. The
   * same login as `check` (same grant, no retries), then only the identity is read. Never thrown.
   */
  session(request: LoginRequest): Promise<SessionAnswer>;
  /**
   * Start loading what a login needs (jsforce), without waiting: a login calls it as it asks the
   * keychain for its secrets, so that in a fresh process the two proceed together.
   */
  prepare?(): void;
  /** A browser sign-in's code for tokens. Rejects with SIGN_IN_REJECTED or SIGN_IN_NO_REFRESH_TOKEN. */
  exchangeCode(request: CodeExchange): Promise<SignInGrant>;
  /** Revoke a refresh token (sign out); resolves whether Salesforce confirmed it. Never throws. */
  revokeToken(request: { loginUrl: string; clientId: string; token: string; timeoutMs: number }): Promise<boolean>;
  /**
   * One page of a SOQL query on a session a login handed over (`soql`), or the page at a previous
   * page's `nextRecordsUrl`: one request each, never more, so a caller holds one page at a time.
   * A refused or interrupted read is an answer, never thrown.
   */
  query(session: Session, request: QueryRequest): Promise<QueryAnswer>;
  /** End a session a login handed over (SOAP logout(), or revoke its access token). Never throws. */
  endSession(session: Session, loginUrl: string): Promise<void>;
  /**
   * A single-use frontdoor URL for a session a login handed over (the UI Bridge API,
   * `/services/oauth2/singleaccess`), landing on `path` when given. A refusal is an answer, never thrown.
   */
  singleAccess(session: Session, request: SingleAccessRequest): Promise<SingleAccessAnswer>;
}

export interface SingleAccessRequest {
  loginUrl: string;
  /** A path in the org (`/lightning/setup/SetupOneHome/home`), sent as `redirect_uri`. */
  path?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type SingleAccessAnswer = { ok: true; url: string } | { ok: false; failure: CheckFailure };

/** A query page to read: the first page of `soql`, or the page at `nextRecordsUrl`. */
export interface QueryRequest {
  /** The org's login URL: where an OAuth session is revoked, as for a check. */
  loginUrl: string;
  soql?: string;
  nextRecordsUrl?: string;
  /** This page must arrive within this many milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One page of records (at most 2,000 by default), the rows the whole query matches, and the next page's address or null. */
export interface QueryPage {
  records: Array<Record<string, unknown>>;
  totalSize: number;
  nextRecordsUrl: string | null;
}

export type QueryAnswer = { ok: true; page: QueryPage } | { ok: false; failure: CheckFailure };

/**
 * One login. Which grant it uses: `refresh`, `clientCredentials` or `jwt` when given (then `username`
 * and `secret` are unused, and empty), else the password in `secret` — with `oauth`, the OAuth
 * username-password flow, without it SOAP login().
 */
export interface LoginRequest {
  /** The origin the login goes to (its token endpoint for OAuth grants). */
  loginUrl: string;
  username: string;
  /** Password with the token appended, as Salesforce expects from an untrusted network. */
  secret: string;
  oauth?: { clientId: string; clientSecret: string };
  /** Browser-login orgs: log in with this refresh token instead (`username` and `secret` unused). */
  refresh?: RefreshGrant;
  /** Client-credentials orgs: the app's key and secret; `loginUrl` is the org's My Domain. */
  clientCredentials?: ClientCredentialsGrant;
  /** JWT orgs: a signed assertion, posted to `loginUrl`'s token endpoint. */
  jwt?: JwtGrant;
  /** API version to log in with; defaults to the last one that has SOAP `login()`. */
  apiVersion?: string;
  /** A check of a password org: read the user's password policy and permissions too (`OrgFacts.passwordUser`). */
  readPasswordUser?: boolean;
  /** Whole check must finish within this many milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A browser-login org's refresh token, and where a rotated one goes. */
export interface RefreshGrant {
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  /**
   * Keeps a new refresh token. An app with refresh-token rotation answers every refresh with one and
   * voids the token sent, so this must succeed before the session is used for anything.
   */
  onRotated(refreshToken: string): Promise<void>;
}

/**
 * The OAuth 2.0 client credentials grant: Salesforce answers it only on the org's My Domain host and
 * issues the token to the app's run-as user. No refresh token comes with it.
 */
export interface ClientCredentialsGrant {
  clientId: string;
  clientSecret: string;
}

/**
 * The JWT bearer grant (RFC 7523): an RS256 assertion signed with the org's private key, whose
 * certificate is uploaded to the app. The core signs it right before the login (claims in `claims`,
 * for diagnosis and tests); the gateway only posts it. It is a bearer credential until `exp`: the
 * redactor knows it, and nothing stores it.
 */
export interface JwtGrant {
  /** The compact JWS: header.payload.signature, base64url. */
  assertion: string;
  /** What it asserts: `iss` the consumer key, `sub` the username, `aud` the login host (never a My Domain), `exp` in seconds. */
  claims: { iss: string; sub: string; aud: string; exp: number };
}

/** What a good check learned about the org and the user. */
export interface OrgFacts {
  orgId: string;
  orgName: string;
  edition: string;
  isSandbox: boolean;
  instanceName: string;
  instanceUrl: string;
  userId: string;
  userName: string;
  userFullName: string;
  apiRequestsRemaining: number | null;
  apiRequestsMax: number | null;
  /** The REST error code Salesforce refused `/limits` with, when it did (the counts are then null). */
  limitsRefusal?: string;
  via: TestVia;
  /** Asked with `readPasswordUser`: the user's password and permissions, each part read or refused. */
  passwordUser?: PasswordUserFacts;
}

/**
 * What a password org's test reads about its user, for the expiry forecast and the integration-user
 * checklist. A read Salesforce refused leaves its part out and names the refusal (a Salesforce
 * error code, or `UNREADABLE` for an answer that was not Salesforce's); it never fails the test.
 */
export interface PasswordUserFacts {
  /** `User.LastPasswordChangeDate` (null: Salesforce has none) and `Profile.Name`; absent when refused. */
  user?: { lastPasswordChangeDate: string | null; profileName: string | null };
  userRefusal?: string;
  /** The user's effective permissions (`UserPermissionAccess`); null where the org does not know the permission. */
  permissions?: { apiEnabled: boolean; apiOnly: boolean; passwordNeverExpires: boolean; useAnyApiAuth: boolean | null; mfaForApi: boolean | null };
  permissionsRefusal?: string;
  /** The password policy that applies to the user: its profile's, else the org's (days; 0 = never). */
  policy?: { source: 'profile' | 'org'; expiryDays: number };
  policyRefusal?: string;
}

/**
 * A check that failed, classified by the gateway: the failure's code, and the few details its words
 * use. Only identifiers and numbers: Salesforce's free text can hold HTML or echoed input.
 */
export interface CheckFailure {
  code: TestFailureCode;
  /** Salesforce's own code for the refusal (a SOAP fault, OAuth error or REST errorCode). */
  salesforceCode?: string;
  /** The HTTP status of the last answer, when one came. */
  httpStatus?: number;
  /** The token endpoint said the user is inactive or frozen (its fixed phrase "inactive user"). */
  inactiveUser?: boolean;
  /** An OAuth refusal's description when it is one of the token endpoint's fixed phrases (`GRANT_DESCRIPTIONS` in diagnosis.ts), never free text. */
  description?: string;
}

/**
 * A check's answer. `ended` is the session's end (its logout) when it is still under way as the
 * facts arrive: the caller records the result meanwhile and waits for it before the check is over.
 * It never rejects; without it, the session has ended already.
 */
export type CheckAnswer = { ok: true; facts: OrgFacts; ended?: Promise<void> } | { ok: false; failure: CheckFailure };

/**
 * A live session handed to a tool. The access token is a secret: it goes to the redactor as soon as
 * it arrives, and never into the settings file, a log line or an error.
 */
export interface Session {
  accessToken: string;
  instanceUrl: string;
  /** When it expires, when Salesforce said; null when unknown (its token answers carry no expiry: the org's session timeout decides). */
  expiresAt: string | null;
  /** The user it acts as (for client credentials: the app's run-as user). */
  userName: string;
  /** That user's id, from the identity URL, when it said. */
  userId?: string;
  orgId: string;
  via: TestVia;
}

export type SessionAnswer = { ok: true; session: Session } | { ok: false; failure: CheckFailure };

/** A browser sign-in's code, to exchange for tokens (the OAuth web-server flow with PKCE). */
export interface CodeExchange {
  loginUrl: string;
  clientId: string;
  clientSecret?: string;
  /** Exactly the redirect_uri the authorize request named. */
  redirectUri: string;
  code: string;
  codeVerifier: string;
  timeoutMs: number;
}

/** Who signed in, and the refresh token that keeps OrgKey signed in. */
export interface SignInGrant {
  refreshToken: string;
  username: string;
  orgId: string;
  userId: string;
  instanceUrl: string;
}

export interface CorePorts {
  settings: SettingsStore;
  secrets: SecretStore;
  clock: Clock;
  logger?: Logger;
  clipboard?: ClipboardPort;
  opener?: ExternalOpener;
  dialogs?: DialogPort;
  /** The data folder (`settings.json`'s), for files kept per org such as the last login audit; without it they are kept in memory only. */
  dataDir?: string;
  /** The user's home folder, for `~` in typed paths and Data Loader's default key file; defaults to os.homedir(). */
  homeDir?: string;
  /** Knows every secret seen, so logs can hide them; createCore makes one when none is given. */
  redactor?: Redactor;
  /** Org id generator; defaults to random UUIDs. */
  newId?: () => string;
  /** Salesforce; defaults to the jsforce gateway, which loads jsforce on its first call. */
  salesforce?: SalesforceGateway;
  /** Desktop notifications; without one (the CLI) causes are neither shown nor remembered, so the app still tells them. */
  notifier?: NotifierPort;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
