/**
 * The fake org's data: what a seed describes, what the server keeps while running, and the JSON
 * shapes the control API returns.
 */

/** Password policy values Salesforce allows (metadata `ProfilePasswordPolicy`, reference §6). */
export const MAX_LOGIN_ATTEMPTS = [0, 3, 5, 10] as const;
export const LOCKOUT_MINUTES = [0, 15, 30, 60] as const;

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
  /** Maximum invalid login attempts; 0 means no limit. */
  maxLoginAttempts: (typeof MAX_LOGIN_ATTEMPTS)[number];
  /** Lockout effective period; 0 means until an admin unlocks the user. */
  lockoutMinutes: (typeof LOCKOUT_MINUTES)[number];
}

/** A connected app whose consumer key and secret allow the OAuth username-password flow. */
export interface ConnectedApp {
  name: string;
  clientId: string;
  clientSecret: string;
}

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
  frozen: boolean;
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
  users: SeedUser[];
}

/** Everything the fake org starts from and returns to on `POST /__fake/reset`. */
export interface FakeOrgSeed {
  orgs: SeedOrg[];
}

/** An org while the server runs. */
export interface OrgRecord extends Omit<SeedOrg, 'users'> {
  /** REST calls made today, reported by `/limits` and the `Sforce-Limit-Info` header. */
  apiRequestsUsed: number;
}

/** A user while the server runs. */
export interface UserRecord extends SeedUser {
  orgId: string;
  failedAttempts: number;
  /** When the user was locked out (fake clock, ms), or null. */
  lockedAt: number | null;
}

/** A session id, valid until logged out, revoked, or idle for longer than the session timeout. */
export interface SessionRecord {
  id: string;
  userId: string;
  orgId: string;
  /** Sessions from an expired password may only change the password (reference §1.4). */
  restricted: boolean;
  lastUsedAt: number;
  /** The refresh token this session was minted from, so revoking it ends the session too. */
  refreshToken: string | null;
}

export interface RefreshTokenRecord {
  token: string;
  userId: string;
  clientId: string;
}

/** One "sent" email. */
export interface Mail {
  to: string;
  username: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** One login attempt, like a row of Setup › Login History. */
export interface LoginHistoryEntry {
  at: string;
  username: string;
  via: 'soap' | 'oauth';
  status: string;
  apiVersion: string | null;
  sourceIp: string;
}

/** The `body` kinds a fault can answer with. */
export const FAULT_BODIES = ['malformed', 'html', 'empty'] as const;

/** A queued misbehaviour for the next `remaining` requests whose path starts with `path`. */
export interface FaultRule {
  path: string | null;
  remaining: number;
  latencyMs: number;
  status: number | null;
  body: (typeof FAULT_BODIES)[number] | null;
  drop: boolean;
}

/** An org as `GET /__fake/state` shows it; ids are 18 characters. */
export interface OrgSnapshot {
  id: string;
  name: string;
  sandbox: boolean;
  instanceName: string;
  organizationType: string;
  settings: OrgSettings;
  connectedApp: ConnectedApp;
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
  passwordExpired: boolean;
  apiEnabled: boolean;
  useAnyApiAuth: boolean;
  frozen: boolean;
  failedAttempts: number;
  /** ISO time the lockout ends, `forever` until an admin unlocks, or null when not locked. */
  lockedUntil: string | null;
}

/** The whole of `GET /__fake/state`. */
export interface FakeOrgSnapshot {
  now: string;
  orgs: OrgSnapshot[];
  users: UserSnapshot[];
  faults: FaultRule[];
}
