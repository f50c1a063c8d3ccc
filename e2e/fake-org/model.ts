/**
 * The fake org's data: what a seed describes, what the server keeps while running, and the JSON
 * shapes the control API returns.
 */
import type { LoginVia } from './login-history';
import type { MailLanguage } from './mail';

/** Password policy values Salesforce allows (Metadata API `ProfilePasswordPolicy`). */
export const MAX_LOGIN_ATTEMPTS = [0, 3, 5, 10] as const;
export const LOCKOUT_MINUTES = [0, 15, 30, 60] as const;
/** "User passwords expire in" (days; 0 = never): `ProfilePasswordPolicy.passwordExpiration`'s values. */
export const PASSWORD_EXPIRY_DAYS = [0, 30, 60, 90, 180, 365] as const;
export type PasswordExpiryDays = (typeof PASSWORD_EXPIRY_DAYS)[number];

/** Org-wide settings that change how logins are decided. */
export interface OrgSettings {
  /** Network Access trusted ranges as CIDR; callers inside them need no security token. */
  trustedIpRanges: string[];
  /** "Enable SOAP API login()"; off by default only in orgs created Winter '26 or later. */
  soapLoginEnabled: boolean;
  /** When on, SOAP `login()` requires the user's "Use Any API Auth" permission. */
  enforceUseAnyApiAuth: boolean;
  /** Whether the org's edition has API access at all. */
  apiEnabled: boolean;
  /** "Allow OAuth Username-Password Flows"; blocked by default in orgs created Summer '23 or later. */
  passwordFlowAllowed: boolean;
  /**
   * The OAuth username-password flow's retirement, enforced (20 February 2027): the grant fails
   * whatever `passwordFlowAllowed` says, and no setting brings it back.
   */
  passwordFlowRetired: boolean;
  /** Maximum invalid login attempts; 0 means no limit. */
  maxLoginAttempts: (typeof MAX_LOGIN_ATTEMPTS)[number];
  /** Lockout effective period; 0 means until an admin unlocks the user. */
  lockoutMinutes: (typeof LOCKOUT_MINUTES)[number];
  /** The org-wide password policy's "User passwords expire in", in days; 0 = never (default 90). */
  passwordExpiryDays: PasswordExpiryDays;
}

/**
 * A profile's own password policy (Metadata API `ProfilePasswordPolicy`): it overrides the org's
 * policy for that profile's users. Only what the fake org decides by is kept.
 */
export interface ProfilePasswordPolicy {
  /** `<profile>_profilePasswordPolicy<ms>`, the shape Salesforce gives the component names. */
  fullName: string;
  /** The profile's name as `Profile.Name` gives it (UNCONFIRMED: retrieved files show API-style names). */
  profile: string;
  passwordExpiration: PasswordExpiryDays;
}

/**
 * An OAuth client registered in an org: its consumer key and secret and the OAuth policies the
 * fake org honours.
 */
export interface OAuthApp {
  name: string;
  clientId: string;
  clientSecret: string;
  /** "Require Secret for Web Server Flow": the code exchange needs the consumer secret. */
  requireSecret: boolean;
  /** "Require Secret for Refresh Token Flow", a setting of its own: the refresh_token grant needs the secret. */
  requireSecretForRefresh: boolean;
  /** "Enable Refresh Token Rotation": each refresh answers a new refresh token and voids the one presented. */
  rotateRefreshTokens: boolean;
  /** Callback URLs; an authorize request's `redirect_uri` must equal one of them exactly. */
  callbackUrls: string[];
  /** Refresh Token Policy "Expire refresh token after"; null = valid until revoked. */
  refreshTokenValidityMinutes: number | null;
  /**
   * OAuth Policies → Permitted Users: "All users may self-authorize" (`all`) or "Admin approved
   * users are pre-authorized" (`admin-approved`: only `preApprovedUsers` may use the app).
   */
  permittedUsers: PermittedUsers;
  /**
   * Usernames pre-authorized for the app. Salesforce pre-authorizes by profile or permission set;
   * the fake org lists users instead (simplification).
   */
  preApprovedUsers: string[];
  /**
   * How the token endpoint refuses a user the app does not admit: both answers are reported for
   * exactly this (`invalid_grant` "user hasn't approved this consumer", `invalid_app_access` "user is
   * not admin approved to access this app"); which one the username-password grant gives is UNCONFIRMED.
   */
  notApprovedError: NotApprovedError;
  /**
   * The client credentials flow's "Run As" user (a username of the app's org), or null: the flow is
   * not enabled. Salesforce keeps "Enable Client Credentials Flow" and the Run As user apart, but
   * answers both missing alike (e2e/fake-org/README.md, "Server-to-server flows"), so one field stands for both.
   */
  clientCredentialsUser: string | null;
  /** The X.509 certificate (PEM) uploaded for the JWT bearer flow, or null: no JWT bearer flow. */
  certificate: string | null;
}

export const PERMITTED_USERS = ['all', 'admin-approved'] as const;
export type PermittedUsers = (typeof PERMITTED_USERS)[number];
export const NOT_APPROVED_ERRORS = ['invalid_grant', 'invalid_app_access'] as const;
export type NotApprovedError = (typeof NOT_APPROVED_ERRORS)[number];

/** A connected app: it allows the web-server flow and, with its secret, the username-password flow. */
export type ConnectedApp = OAuthApp;

/**
 * An External Client App: no username-password flow (Salesforce never offered it for them), and
 * local to the org that created it, so only that org's users can authorise it.
 */
export type ExternalClientApp = OAuthApp;

/** Which kind of app a client id belongs to. */
export type AppKind = 'connectedApp' | 'externalClientApp';

/** A user as a seed describes it. Ids are 15-character Salesforce ids. */
export interface SeedUser {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  profileId: string;
  profileName: string;
  password: string;
  token: string;
  passwordExpired: boolean;
  /** The "API Enabled" user permission. */
  apiEnabled: boolean;
  /** The "Use Any API Auth" user permission. */
  useAnyApiAuth: boolean;
  /** The "View Setup and Configuration" user permission; the REST `/limits` resource needs it. */
  viewSetup: boolean;
  /** The "Manage Users" user permission: with it, LoginHistory shows every user's logins. Default false. */
  manageUsers?: boolean;
  /** The "Monitor Login History" user permission, which also opens everyone's LoginHistory. Default false. */
  monitorLoginHistory?: boolean;
  frozen: boolean;
  /** `LanguageLocaleKey`: the language of the user's mail (and what identity and SOAP report); default `en_US`. */
  language?: MailLanguage;
  /** How many days before the clock's start (at each reset) the password was last set; default 0. */
  passwordChangedDaysAgo?: number;
  /** "Password Never Expires" (`PermissionsPasswordNeverExpires`). Default false. */
  passwordNeverExpires?: boolean;
  /** "API Only User" (`PermissionsApiUserOnly`). Default false. */
  apiOnly?: boolean;
  /** "Multi-Factor Authentication for API Logins" (`PermissionsTwoFactorApi`). Default false. */
  mfaForApi?: boolean;
  /**
   * "Modify All Data" (or "Modify Metadata Through Metadata API Functions"): the Metadata API
   * refuses users with neither. Default false.
   */
  modifyAllData?: boolean;
}

/** An org as a seed describes it, with its users. */
export interface SeedOrg {
  id: string;
  name: string;
  sandbox: boolean;
  instanceName: string;
  organizationType: string;
  settings: OrgSettings;
  connectedApp: ConnectedApp;
  externalClientApps: ExternalClientApp[];
  users: SeedUser[];
  /** Profiles' own password policies; default none. */
  profilePasswordPolicies?: ProfilePasswordPolicy[];
}

/** Everything the fake org starts from and returns to on `POST /__fake/reset`. */
export interface FakeOrgSeed {
  orgs: SeedOrg[];
}

/** An org while the server runs. */
export interface OrgRecord extends Omit<SeedOrg, 'users' | 'profilePasswordPolicies'> {
  /** REST calls made today, reported by `/limits` and the `Sforce-Limit-Info` header. */
  apiRequestsUsed: number;
  profilePasswordPolicies: ProfilePasswordPolicy[];
  /** The seed's org id, which names the org's My Domain listener; `id` changes when a sandbox is refreshed. */
  seedId: string;
}

/** A user while the server runs. */
export interface UserRecord extends SeedUser {
  orgId: string;
  failedAttempts: number;
  /** When the user was locked out (fake clock, ms), or null. */
  lockedAt: number | null;
  /** When the password was last set (fake clock, ms): `LastPasswordChangeDate`. */
  passwordChangedAt: number;
}

/** A session id, valid until logged out, revoked, or idle for longer than the session timeout. */
export interface SessionRecord {
  id: string;
  userId: string;
  orgId: string;
  /** Sessions from an expired password may only change the password (SOAP API guide, LoginResult). */
  restricted: boolean;
  lastUsedAt: number;
  /** The refresh token this session was minted from, so revoking it ends the session too. */
  refreshToken: string | null;
  /** OAuth scopes granted, or null for SOAP and username-password sessions (full API access). */
  scopes: string[] | null;
}

export interface RefreshTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  /** Fake clock, ms. */
  issuedAt: number;
  revoked: boolean;
  /** The token that replaced this one when the app rotated it (this one is then spent), or null. */
  replacedBy: string | null;
}

/** An authorize request between the login page and the Allow/Deny decision. */
export interface PendingAuthorization {
  /** Carried by the pages' forms in a hidden field, never in a URL. */
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  codeChallenge: string | null;
  scopes: string[];
  /** Set once the user has logged in; the consent page then decides. */
  userId: string | null;
}

/** An authorization code from the web-server flow, single-use. */
export interface AuthorizationCodeRecord {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string | null;
  scopes: string[];
  /** Fake clock, ms. */
  issuedAt: number;
  redeemed: boolean;
  /** Access and refresh token issued for it, revoked if the code is presented again (RFC 6749 §4.1.2). */
  issuedTokens: string[];
}

/** One "sent" email. */
export interface Mail {
  to: string;
  username: string;
  subject: string;
  text: string;
  sentAt: string;
}

/**
 * One login attempt, like a row of Setup › Login History: what the control API lists, with the
 * `LoginHistory` record's values (e2e/fake-org/README.md, "Login history rows").
 */
export interface LoginHistoryEntry {
  at: string;
  username: string;
  /**
   * `browser` is the login page of the web-server flow; `oauth` the username-password grant;
   * `refresh-token` the refresh_token grant; `client-credentials` and `jwt` the server-to-server
   * grants; `ui` the plain login page (seeded history only).
   */
  via: LoginVia;
  status: string;
  /** The SOAP login's API version; null for the OAuth flows (LoginHistory says `N/A`). */
  apiVersion: string | null;
  sourceIp: string;
  /** The LoginHistory record id (`0Ya…`, 18 characters). */
  id: string;
  /** The user's 18-character id; null for a username the org does not know (such rows are not in SOQL). */
  userId: string | null;
  loginType: string;
  loginSubType: string | null;
  application: string;
  apiType: string;
  browser: string;
  platform: string;
  loginUrl: string;
}

/** The `body` kinds a fault can answer with. */
export const FAULT_BODIES = ['malformed', 'html', 'empty', 'invalid-session'] as const;

/** A queued misbehaviour for the next `remaining` requests whose path starts with `path`. */
export interface FaultRule {
  path: string | null;
  remaining: number;
  latencyMs: number;
  status: number | null;
  body: (typeof FAULT_BODIES)[number] | null;
  drop: boolean;
}

/** An uploaded certificate as the control API shows it, never the PEM itself; times are ISO. */
export interface CertificateSummary {
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (as `openssl x509 -fingerprint -sha256` prints it). */
  fingerprint: string;
  subject: string;
  notBefore: string;
  notAfter: string;
}

/**
 * An app as `GET /__fake/state` shows it: the certificate summarised, and `preAuthorizedUsers`, the
 * same list as `preApprovedUsers` under the name the server-to-server flows give it.
 */
export interface OAuthAppSnapshot extends Omit<OAuthApp, 'certificate'> {
  certificate: CertificateSummary | null;
  preAuthorizedUsers: string[];
}

/** An org as `GET /__fake/state` shows it; ids are 18 characters. */
export interface OrgSnapshot {
  id: string;
  name: string;
  sandbox: boolean;
  instanceName: string;
  organizationType: string;
  /** The org's own host (its own loopback port), where its users log in and the client credentials flow is served. */
  myDomainUrl: string;
  settings: OrgSettings;
  profilePasswordPolicies: ProfilePasswordPolicy[];
  connectedApp: OAuthAppSnapshot;
  externalClientApps: OAuthAppSnapshot[];
}

/** An app as the control API returns it after creating or changing it; `orgId` has 18 characters. */
export interface AppSnapshot extends OAuthAppSnapshot {
  orgId: string;
  kind: AppKind;
}

/**
 * A refresh token as `GET /__fake/state` shows it; times are ISO, `expiresAt` null = until revoked.
 * `rotated`: spent by refresh-token rotation (then also `revoked`).
 */
export interface RefreshTokenSnapshot {
  token: string;
  username: string;
  clientId: string;
  scopes: string[];
  issuedAt: string;
  expiresAt: string | null;
  revoked: boolean;
  rotated: boolean;
}

/** A user as `GET /__fake/state` shows it, with current secrets; ids are 18 characters. */
export interface UserSnapshot {
  id: string;
  orgId: string;
  username: string;
  name: string;
  email: string;
  profileName: string;
  password: string;
  token: string;
  sandbox: boolean;
  /** Forced expired, or older than the effective password policy allows on the fake clock. */
  passwordExpired: boolean;
  /** ISO; `User.LastPasswordChangeDate`. */
  lastPasswordChangeDate: string;
  passwordNeverExpires: boolean;
  apiOnly: boolean;
  mfaForApi: boolean;
  modifyAllData: boolean;
  apiEnabled: boolean;
  useAnyApiAuth: boolean;
  viewSetup: boolean;
  manageUsers: boolean;
  monitorLoginHistory: boolean;
  frozen: boolean;
  language: MailLanguage;
  failedAttempts: number;
  /** ISO time the lockout ends, `forever` until an admin unlocks, or null when not locked. */
  lockedUntil: string | null;
}

/** The whole of `GET /__fake/state`. */
export interface FakeOrgSnapshot {
  now: string;
  orgs: OrgSnapshot[];
  users: UserSnapshot[];
  /** Every refresh token issued since the last reset, revoked ones included. */
  refreshTokens: RefreshTokenSnapshot[];
  faults: FaultRule[];
}
