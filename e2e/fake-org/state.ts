/**
 * Everything the fake org remembers while it runs: orgs and their apps, users and their secrets,
 * sessions, refresh tokens, pending authorize requests and codes, sent mail, login history and
 * queued faults. `reset()` returns to the seed.
 */
import { appView, newExternalClientApp, type NewAppSettings } from './apps';
import { type MovableClock } from './clock';
import { canonicalId, newAuthorizationCode, newOrgId, newRefreshToken, newRequestId, newSecurityToken, newSessionId, to18 } from './ids';
import { LoginHistoryLog, type NewLoginRow } from './login-history';
import { securityTokenMail } from './mail';
import {
  type AppKind,
  type AuthorizationCodeRecord,
  type ExternalClientApp,
  type FakeOrgSeed,
  type FakeOrgSnapshot,
  type FaultRule,
  type LoginHistoryEntry,
  type Mail,
  type OrgRecord,
  type OAuthApp,
  type OrgSnapshot,
  type PendingAuthorization,
  type RefreshTokenRecord,
  type RefreshTokenSnapshot,
  type SeedUser,
  type SessionRecord,
  type UserRecord,
  type UserSnapshot,
} from './model';
import { QueryCursors } from './query-cursors';
import { validateSeed } from './seed';

/** The default session timeout: 2 hours of inactivity (LoginResult `sessionSecondsValid`). */
export const SESSION_SECONDS_VALID = 7200;

const DAY_MS = 86_400_000;

/** The password policy that decides a user's expiry, and where it comes from. */
export interface EffectivePasswordPolicy {
  /** Days a password lasts; 0 = never expires. */
  days: number;
  source: 'permission' | 'profile' | 'org';
}

/** What `refreshSandbox` did. */
export interface SandboxRefresh {
  orgId: string;
  previousOrgId: string;
  /** Sandbox users that took their production counterpart's password. */
  matchedUsers: string[];
  /** Sandbox users with no production counterpart, gone with the old copy. */
  removedUsers: string[];
}

/** A user together with the org it belongs to. */
export interface UserInOrg {
  user: UserRecord;
  org: OrgRecord;
}

/** An app with its kind and the org that owns it. */
export interface AppInOrg {
  app: OAuthApp;
  kind: AppKind;
  org: OrgRecord;
}

/** A live session with its user and org. */
export interface ActiveSession extends UserInOrg {
  session: SessionRecord;
}

export class FakeOrgState {
  private readonly seed: FakeOrgSeed;
  private orgs = new Map<string, OrgRecord>();
  /** Keyed by lower-case username: Salesforce matches usernames without regard to case. */
  private users = new Map<string, UserRecord>();
  private sessions = new Map<string, SessionRecord>();
  private refreshTokens = new Map<string, RefreshTokenRecord>();
  private pendingAuthorizations = new Map<string, PendingAuthorization>();
  private authorizationCodes = new Map<string, AuthorizationCodeRecord>();
  private mails: Mail[] = [];
  /** Every org's LoginHistory, in login-time order, kept compact (months of seeded rows fit). */
  readonly history = new LoginHistoryLog();
  /** Open REST query cursors (`nextRecordsUrl`), served lazily page by page. */
  readonly cursors = new QueryCursors();
  private faults: FaultRule[] = [];
  /** Each org's My Domain URL by 15-character org id; its listener outlives `reset()`. */
  private readonly myDomainUrls = new Map<string, string>();

  constructor(
    seed: FakeOrgSeed,
    readonly clock: MovableClock,
  ) {
    validateSeed(seed);
    this.seed = structuredClone(seed);
    this.reset();
  }

  /** Back to the seed: secrets, settings, sessions, mail, history and faults. The clock keeps running. */
  reset(): void {
    const seed = structuredClone(this.seed);
    this.orgs = new Map(
      seed.orgs.map(({ users: _users, profilePasswordPolicies, ...org }) => [org.id, { ...org, apiRequestsUsed: 0, profilePasswordPolicies: profilePasswordPolicies ?? [], seedId: org.id }]),
    );
    const now = this.clock.movedStart();
    this.users = new Map(
      seed.orgs.flatMap((org) =>
        org.users.map((user): [string, UserRecord] => [
          user.username.toLowerCase(),
          { ...user, orgId: org.id, failedAttempts: 0, lockedAt: null, passwordChangedAt: now - (user.passwordChangedDaysAgo ?? 0) * DAY_MS },
        ]),
      ),
    );
    this.sessions.clear();
    this.refreshTokens.clear();
    this.pendingAuthorizations.clear();
    this.authorizationCodes.clear();
    this.mails = [];
    this.history.clear();
    this.cursors.clear();
    this.faults = [];
  }

  /**
   * A user by username; with `orgScope` (the 15-character id of the org whose My Domain was
   * asked) only a user of that org: another org's users are unknown there.
   */
  findUser(username: string, orgScope: string | null = null): UserInOrg | undefined {
    const user = this.users.get(username.toLowerCase());
    if (!user || (orgScope !== null && user.orgId !== orgScope)) return undefined;
    return { user, org: this.orgOf(user) };
  }

  /** The seed's 15-character org ids, each of which gets a My Domain host (kept across sandbox refreshes). */
  orgIds(): string[] {
    return this.seed.orgs.map((org) => org.id);
  }

  /** The current 15-character id of the org whose My Domain was named by `seedId`: a refresh gives a sandbox a new id. */
  currentOrgId(seedId: string): string {
    return [...this.orgs.values()].find((org) => org.seedId === seedId)?.id ?? seedId;
  }

  setMyDomainUrl(seedId: string, url: string): void {
    this.myDomainUrls.set(seedId, url);
  }

  myDomainUrl(org: OrgRecord): string {
    const url = this.myDomainUrls.get(org.seedId);
    if (url === undefined) throw new Error(`The org ${org.name} has no My Domain host`);
    return url;
  }

  /** An org by its 15- or 18-character id. */
  findOrg(id: string): OrgRecord | undefined {
    const id15 = canonicalId(id);
    return id15 === null ? undefined : this.orgs.get(id15);
  }

  /** The connected app or External Client App with this consumer key, in whichever org. */
  findApp(clientId: string): AppInOrg | undefined {
    for (const org of this.orgs.values()) {
      if (org.connectedApp.clientId === clientId) return { app: org.connectedApp, kind: 'connectedApp', org };
      const app = org.externalClientApps.find((candidate) => candidate.clientId === clientId);
      if (app) return { app, kind: 'externalClientApp', org };
    }
    return undefined;
  }

  addExternalClientApp(org: OrgRecord, settings: NewAppSettings): ExternalClientApp {
    const app = newExternalClientApp(settings, org.externalClientApps.length + 1);
    org.externalClientApps.push(app);
    return app;
  }

  usersOf(org: OrgRecord): UserRecord[] {
    return [...this.users.values()].filter((user) => user.orgId === org.id);
  }

  /** Issues a new token (the old one stops working at once) and mails it. */
  resetToken(user: UserRecord): string {
    user.token = newSecurityToken();
    this.mails.push(securityTokenMail(user, this.clock.now()));
    return user.token;
  }

  /**
   * Sets a new password, which also issues and mails a new token (help "Reset Your Security
   * Token"). Like an admin's password reset it clears expiry and lockout.
   */
  setPassword(user: UserRecord, password: string): string {
    user.password = password;
    user.passwordExpired = false;
    user.passwordChangedAt = this.clock.now();
    this.unlock(user);
    return this.resetToken(user);
  }

  /**
   * The policy that decides when the user's password expires: "Password Never Expires" first,
   * then the user's profile's password policy, then the org's (Salesforce Help, "Set Password
   * Policies": a profile's policy overrides the org-wide one for that profile's users).
   */
  effectivePasswordPolicy(user: UserRecord): EffectivePasswordPolicy {
    if (user.passwordNeverExpires ?? false) return { days: 0, source: 'permission' };
    const org = this.orgOf(user);
    const profile = user.profileName.toLowerCase();
    const own = org.profilePasswordPolicies.find((policy) => policy.profile.toLowerCase() === profile);
    return own ? { days: own.passwordExpiration, source: 'profile' } : { days: org.settings.passwordExpiryDays, source: 'org' };
  }

  /**
   * Whether a login gets `passwordExpired=true`: set so by the control API, or the password is
   * older than the effective policy allows on the fake clock.
   */
  isPasswordExpired(user: UserRecord): boolean {
    if (user.passwordExpired) return true;
    const { days } = this.effectivePasswordPolicy(user);
    return days > 0 && this.clock.now() >= user.passwordChangedAt + days * DAY_MS;
  }

  /**
   * A sandbox refresh: the sandbox becomes a new copy of its production org, with a new org id.
   * Its users take their production counterpart's password (and its change date) and a new token
   * (UNCONFIRMED: no mail is sent); their emails get `.invalid` appended; users made in the sandbox
   * (no counterpart) are gone; every session ends and every refresh token is revoked; External
   * Client Apps made in the sandbox are removed, and so is the connected app's certificate and Run
   * As user (UNCONFIRMED: reported by a third party for apps and certificates made in the sandbox).
   * A counterpart is the production user whose username is the sandbox username less its last
   * `.suffix` (`admin@acme.example.uat` ← `admin@acme.example`).
   */
  refreshSandbox(org: OrgRecord): SandboxRefresh {
    if (!org.sandbox) throw new Error(`${org.name} (${to18(org.id)}) is not a sandbox`);
    const previousOrgId = org.id;
    const newId = newOrgId();
    const users = this.usersOf(org);
    const matchedUsers: string[] = [];
    const removedUsers: string[] = [];
    for (const user of users) {
      for (const record of this.refreshTokens.values()) if (record.userId === user.id) record.revoked = true;
      const counterpart = this.productionCounterpart(user);
      if (!counterpart) {
        this.users.delete(user.username.toLowerCase());
        removedUsers.push(user.username);
        continue;
      }
      Object.assign(user, {
        orgId: newId,
        password: counterpart.password,
        passwordChangedAt: counterpart.passwordChangedAt,
        passwordExpired: false,
        token: newSecurityToken(),
        email: user.email.endsWith('.invalid') ? user.email : `${user.email}.invalid`,
        failedAttempts: 0,
        lockedAt: null,
      });
      matchedUsers.push(user.username);
    }
    for (const session of this.sessions.values()) if (session.orgId === previousOrgId) this.sessions.delete(session.id);
    for (const pending of this.pendingAuthorizations.values()) {
      if (this.findApp(pending.clientId)?.org === org) this.pendingAuthorizations.delete(pending.id);
    }
    org.externalClientApps = [];
    org.connectedApp.certificate = null;
    org.connectedApp.clientCredentialsUser = null;
    org.apiRequestsUsed = 0;
    this.orgs.delete(previousOrgId);
    org.id = newId;
    this.orgs.set(newId, org);
    return { orgId: to18(newId), previousOrgId: to18(previousOrgId), matchedUsers, removedUsers };
  }

  /** The production user a sandbox user was copied from, or undefined. */
  private productionCounterpart(user: UserRecord): UserRecord | undefined {
    const dot = user.username.lastIndexOf('.');
    const candidate = dot > user.username.indexOf('@') ? this.users.get(user.username.slice(0, dot).toLowerCase()) : undefined;
    return candidate && !this.orgOf(candidate).sandbox ? candidate : undefined;
  }

  unlock(user: UserRecord): void {
    user.failedAttempts = 0;
    user.lockedAt = null;
  }

  /** Counts a failed login; reaching the org's maximum locks the user out. */
  countFailure(user: UserRecord): void {
    user.failedAttempts += 1;
    const max = this.orgOf(user).settings.maxLoginAttempts;
    if (max > 0 && user.failedAttempts >= max && user.lockedAt === null) user.lockedAt = this.clock.now();
  }

  /**
   * When the user's lockout ends: ms on the fake clock, `forever` until an admin unlocks, or
   * null if not locked. A lockout whose period has passed is lifted here, lazily.
   */
  lockoutEnd(user: UserRecord): number | 'forever' | null {
    if (user.lockedAt === null) return null;
    const minutes = this.orgOf(user).settings.lockoutMinutes;
    if (minutes === 0) return 'forever';
    const end = user.lockedAt + minutes * 60_000;
    if (this.clock.now() < end) return end;
    this.unlock(user);
    return null;
  }

  createSession(user: UserRecord, options: Pick<SessionRecord, 'restricted' | 'refreshToken' | 'scopes'>): SessionRecord {
    const session: SessionRecord = { id: newSessionId(user.orgId), userId: user.id, orgId: user.orgId, lastUsedAt: this.clock.now(), ...options };
    this.sessions.set(session.id, session);
    return session;
  }

  /**
   * The live session for `id`, refreshing its idle timer; sessions idle too long are ended. With
   * `orgScope` (a My Domain's org) another org's session is unknown.
   */
  useSession(id: string, orgScope: string | null = null): ActiveSession | undefined {
    const session = this.sessions.get(id);
    if (!session || (orgScope !== null && session.orgId !== orgScope)) return undefined;
    const now = this.clock.now();
    if (now - session.lastUsedAt > SESSION_SECONDS_VALID * 1000) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastUsedAt = now;
    const user = this.userById(session.userId);
    return user && { session, user, org: this.orgOf(user) };
  }

  endSession(id: string): boolean {
    return this.sessions.delete(id);
  }

  /** Records that `user` authorised the app for `scopes`, as the web-server flow's consent does. */
  issueRefreshToken(user: UserRecord, clientId: string, scopes: string[]): string {
    const token = newRefreshToken();
    this.refreshTokens.set(token, { token, userId: user.id, clientId, scopes, issuedAt: this.clock.now(), revoked: false, replacedBy: null });
    return token;
  }

  /**
   * Refresh-token rotation: `token` is spent and a new token for the same grant takes its place. The
   * new one's validity period starts now (UNCONFIRMED). Sessions minted before stay valid.
   */
  rotateRefreshToken(token: string): string {
    const record = this.refreshTokens.get(token);
    if (!record) throw new Error(`No refresh token ${token}`);
    const next = newRefreshToken();
    this.refreshTokens.set(next, { ...record, token: next, scopes: [...record.scopes], issuedAt: this.clock.now(), revoked: false, replacedBy: null });
    record.revoked = true;
    record.replacedBy = next;
    return next;
  }

  /**
   * A token spent by rotation, presented again, is taken as stolen: the token that now stands for
   * its grant is revoked with every session of the chain. Resolves whether `token` was such a token.
   */
  revokeReusedRefreshToken(token: string): boolean {
    let record = this.refreshTokens.get(token);
    if (!record?.replacedBy) return false;
    const chain = new Set<string>([record.token]);
    while (record.replacedBy) {
      record = this.refreshTokens.get(record.replacedBy);
      if (!record) break;
      chain.add(record.token);
    }
    for (const member of chain) this.revoke(member);
    for (const session of this.sessions.values()) {
      if (session.refreshToken !== null && chain.has(session.refreshToken)) this.sessions.delete(session.id);
    }
    return true;
  }

  /** A refresh token that still works: neither revoked nor past its app's validity period. */
  findRefreshToken(token: string): (RefreshTokenRecord & UserInOrg) | undefined {
    const record = this.refreshTokens.get(token);
    const user = record && this.userById(record.userId);
    if (!record || !user || record.revoked) return undefined;
    const expiry = this.refreshTokenExpiry(record);
    if (expiry !== null && this.clock.now() >= expiry) return undefined;
    return { ...record, user, org: this.orgOf(user) };
  }

  /**
   * Revokes a session id or refresh token; a refresh token takes its sessions with it. A token
   * already revoked is unknown, as Salesforce forgets it.
   */
  revoke(token: string): boolean {
    if (this.sessions.delete(token)) return true;
    const record = this.refreshTokens.get(token);
    if (!record || record.revoked) return false;
    record.revoked = true;
    for (const session of this.sessions.values()) {
      if (session.refreshToken === token) this.sessions.delete(session.id);
    }
    return true;
  }

  /** What an admin's "Revoke" on the user's OAuth connected apps does; resolves how many were live. */
  revokeRefreshTokensOf(user: UserRecord): number {
    const live = [...this.refreshTokens.values()].filter((record) => record.userId === user.id && !record.revoked);
    for (const record of live) this.revoke(record.token);
    return live.length;
  }

  startAuthorization(request: Omit<PendingAuthorization, 'id' | 'userId'>): PendingAuthorization {
    const pending = { ...request, id: newRequestId(), userId: null };
    this.pendingAuthorizations.set(pending.id, pending);
    return pending;
  }

  findAuthorization(id: string): PendingAuthorization | undefined {
    return this.pendingAuthorizations.get(id);
  }

  /** The user allowed access: the request ends and yields a new authorization code. */
  approveAuthorization(pending: PendingAuthorization & { userId: string }): string {
    this.pendingAuthorizations.delete(pending.id);
    const code = newAuthorizationCode();
    const { clientId, userId, redirectUri, codeChallenge, scopes } = pending;
    this.authorizationCodes.set(code, { code, clientId, userId, redirectUri, codeChallenge, scopes, issuedAt: this.clock.now(), redeemed: false, issuedTokens: [] });
    return code;
  }

  /** The request ends without a code: denied, or refused after the login. */
  discardAuthorization(pending: PendingAuthorization): void {
    this.pendingAuthorizations.delete(pending.id);
  }

  /** The code's record itself (redeeming marks it), with the user who authorised it. */
  findAuthorizationCode(code: string): (UserInOrg & { record: AuthorizationCodeRecord }) | undefined {
    const record = this.authorizationCodes.get(code);
    const user = record && this.userById(record.userId);
    return record && user && { record, user, org: this.orgOf(user) };
  }

  /** Writes one login attempt to the history, at the clock's now. */
  recordLogin(row: Omit<NewLoginRow, 'at' | 'userId' | 'orgId'> & { user: UserRecord | null }): void {
    const { user, ...rest } = row;
    this.history.append({ ...rest, at: this.clock.now(), userId: user?.id ?? null, orgId: user?.orgId ?? null, username: user?.username ?? row.username });
  }

  /** Login attempts, oldest first, optionally for one username. */
  loginHistory(username?: string): LoginHistoryEntry[] {
    const wanted = username?.toLowerCase();
    const entries: LoginHistoryEntry[] = [];
    for (let i = 0; i < this.history.length; i += 1) {
      if (wanted !== undefined && this.history.ownerAt(i).username.toLowerCase() !== wanted) continue;
      const { at, flow: _flow, orgId: _orgId, userId, apiVersion, ...row } = { ...this.history.row(i), flow: null };
      entries.push({ ...row, at: new Date(at).toISOString(), userId: userId === null ? null : to18(userId), apiVersion });
    }
    return entries;
  }

  /**
   * Adds a user to `org` (seeded history's integration users); the next `reset()` removes it again.
   * A username already taken, in any org, is refused: usernames are unique across Salesforce.
   */
  addUser(org: OrgRecord, user: SeedUser): UserRecord {
    if (this.users.has(user.username.toLowerCase())) throw new Error(`The username ${user.username} is taken`);
    const record: UserRecord = { ...user, orgId: org.id, failedAttempts: 0, lockedAt: null, passwordChangedAt: this.clock.now() - (user.passwordChangedDaysAgo ?? 0) * DAY_MS };
    this.users.set(user.username.toLowerCase(), record);
    return record;
  }

  /** Sent mail, newest last, optionally only to one username or email address. */
  outbox(to?: string): Mail[] {
    const wanted = to?.toLowerCase();
    return this.mails.filter((mail) => wanted === undefined || mail.username.toLowerCase() === wanted || mail.to.toLowerCase() === wanted);
  }

  addFault(rule: FaultRule): void {
    this.faults.push(rule);
  }

  /** Consumes one use of the first queued fault that applies to `path`. */
  takeFault(path: string): FaultRule | undefined {
    const index = this.faults.findIndex((rule) => rule.path === null || path === rule.path || path.startsWith(`${rule.path}/`));
    const rule = this.faults[index];
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.faults.splice(index, 1);
    return { ...rule };
  }

  snapshot(): FakeOrgSnapshot {
    return {
      now: new Date(this.clock.now()).toISOString(),
      orgs: [...this.orgs.values()].map((org) => this.orgSnapshot(org)),
      users: [...this.users.values()].map((user) => this.userSnapshot(user)),
      refreshTokens: [...this.refreshTokens.values()].map((record) => this.refreshTokenSnapshot(record)),
      faults: this.faults.map((rule) => ({ ...rule })),
    };
  }

  userSnapshot(user: UserRecord): UserSnapshot {
    const end = this.lockoutEnd(user);
    return {
      id: to18(user.id),
      orgId: to18(user.orgId),
      username: user.username,
      name: `${user.firstName} ${user.lastName}`,
      email: user.email,
      profileName: user.profileName,
      password: user.password,
      token: user.token,
      sandbox: this.orgOf(user).sandbox,
      passwordExpired: this.isPasswordExpired(user),
      lastPasswordChangeDate: new Date(user.passwordChangedAt).toISOString(),
      passwordNeverExpires: user.passwordNeverExpires ?? false,
      apiOnly: user.apiOnly ?? false,
      mfaForApi: user.mfaForApi ?? false,
      modifyAllData: user.modifyAllData ?? false,
      apiEnabled: user.apiEnabled,
      useAnyApiAuth: user.useAnyApiAuth,
      viewSetup: user.viewSetup,
      manageUsers: user.manageUsers ?? false,
      monitorLoginHistory: user.monitorLoginHistory ?? false,
      frozen: user.frozen,
      language: user.language ?? 'en_US',
      failedAttempts: user.failedAttempts,
      lockedUntil: typeof end === 'number' ? new Date(end).toISOString() : end,
    };
  }

  private refreshTokenSnapshot(record: RefreshTokenRecord): RefreshTokenSnapshot {
    const expiry = this.refreshTokenExpiry(record);
    return {
      token: record.token,
      username: this.userById(record.userId)?.username ?? '',
      clientId: record.clientId,
      scopes: [...record.scopes],
      issuedAt: new Date(record.issuedAt).toISOString(),
      expiresAt: expiry === null ? null : new Date(expiry).toISOString(),
      revoked: record.revoked,
      rotated: record.replacedBy !== null,
    };
  }

  /** The app's current policy decides, so changing it affects tokens already issued (UNCONFIRMED). */
  private refreshTokenExpiry(record: RefreshTokenRecord): number | null {
    const minutes = this.findApp(record.clientId)?.app.refreshTokenValidityMinutes ?? null;
    return minutes === null ? null : record.issuedAt + minutes * 60_000;
  }

  userById(id: string): UserRecord | undefined {
    return [...this.users.values()].find((user) => user.id === id);
  }

  orgOf(user: UserRecord): OrgRecord {
    const org = this.orgs.get(user.orgId);
    if (!org) throw new Error(`User ${user.username} belongs to no org`);
    return org;
  }

  orgSnapshot(org: OrgRecord): OrgSnapshot {
    const { id, name, sandbox, instanceName, organizationType, settings, profilePasswordPolicies, connectedApp, externalClientApps } = org;
    return {
      id: to18(id),
      name,
      sandbox,
      instanceName,
      organizationType,
      myDomainUrl: this.myDomainUrl(org),
      settings: structuredClone(settings),
      profilePasswordPolicies: structuredClone(profilePasswordPolicies),
      connectedApp: appView(connectedApp),
      externalClientApps: externalClientApps.map(appView),
    };
  }
}
