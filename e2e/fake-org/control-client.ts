/**
 * A typed client for the fake org's control API, for tests and demos in other processes.
 *
 * ```ts
 * const control = fakeOrgControl(org.loginUrl);
 * const token = await control.resetToken('admin@acme.example');
 * ```
 */
import { type AppPatch, type FaultSpec, type HistorySeedSpec, type NewExternalClientApp, type OrgPatch, type ProfilePolicySpec, type UserPatch } from './control';
import { type SeededHistory } from './history-seed';
import { type AppSnapshot, type FakeOrgSnapshot, type FaultRule, type LoginHistoryEntry, type Mail, type OrgSnapshot, type UserSnapshot } from './model';

import { type SandboxRefresh } from './state';

export type { AppPatch, FaultSpec, HistorySeedSpec, NewExternalClientApp, OrgPatch, ProfilePolicySpec, SandboxRefresh, SeededHistory, UserPatch };

/** A control call the fake org refused; `message` is the server's explanation. */
export class FakeOrgControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'FakeOrgControlError';
  }
}

export interface FakeOrgControl {
  /** Orgs with their apps, users (with current password and token), refresh tokens and queued faults. */
  state(): Promise<FakeOrgSnapshot>;
  /** Issues and mails a new token; the old one stops working at once. */
  resetToken(username: string): Promise<string>;
  /** Sets a new password, which issues and mails a new token; resolves to that token. */
  setPassword(username: string, password: string): Promise<string>;
  patchUser(username: string, patch: UserPatch): Promise<UserSnapshot>;
  /** `orgId` may have 15 or 18 characters. */
  patchOrg(orgId: string, patch: OrgPatch): Promise<OrgSnapshot>;
  /** Sets (creates or changes) a profile's own password policy, which overrides the org's for its users. */
  putProfilePasswordPolicy(orgId: string, profileName: string, policy: ProfilePolicySpec): Promise<OrgSnapshot>;
  /** Removes a profile's own password policy: the org's applies to its users again. */
  deleteProfilePasswordPolicy(orgId: string, profileName: string): Promise<OrgSnapshot>;
  /** Refreshes a sandbox from its production org: a new org id (see the README's *Sandbox refresh*). */
  refreshSandbox(orgId: string): Promise<SandboxRefresh>;
  /** A refresh token for the user and an app (default: the user's org's connected app). */
  issueRefreshToken(username: string, clientId?: string): Promise<string>;
  /** Revokes every refresh token of the user and the sessions minted from them; resolves how many. */
  revokeRefreshTokens(username: string): Promise<number>;
  /** One more External Client App in the org, with fresh credentials. */
  createExternalClientApp(orgId: string, app?: NewExternalClientApp): Promise<AppSnapshot>;
  /** Changes the OAuth policies of a connected app or External Client App. */
  patchApp(clientId: string, patch: AppPatch): Promise<AppSnapshot>;
  /** Sent mail, newest last; `to` filters by username or email address. */
  outbox(to?: string): Promise<Mail[]>;
  /** Every login attempt, oldest first, optionally for one username. */
  loginHistory(username?: string): Promise<LoginHistoryEntry[]>;
  /** Writes `days` of LoginHistory for the org's integration users (created when missing), ending now. */
  seedLoginHistory(orgId: string, spec: HistorySeedSpec): Promise<SeededHistory>;
  /** Queues a fault; resolves to all faults still queued. */
  injectFaults(fault: FaultSpec): Promise<FaultRule[]>;
  /** Moves the fake clock forward; resolves to the new time (ISO). */
  advanceClock(minutes: number): Promise<string>;
  /** Returns to the seed; resolves to the fresh state. */
  reset(): Promise<FakeOrgSnapshot>;
}

/** A control client for the fake org at `loginUrl`. */
export function fakeOrgControl(loginUrl: string): FakeOrgControl {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${loginUrl.replace(/\/+$/, '')}/__fake/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as unknown;
    if (!response.ok) throw new FakeOrgControlError(response.status, (payload as { message?: string }).message ?? response.statusText);
    return payload as T;
  };
  const user = (username: string) => `users/${encodeURIComponent(username)}`;
  const query = (name: string, value: string | undefined) => (value === undefined ? '' : `?${name}=${encodeURIComponent(value)}`);

  return {
    state: () => call('GET', 'state'),
    resetToken: async (username) => (await call<{ token: string }>('POST', `${user(username)}/reset-token`)).token,
    setPassword: async (username, password) => (await call<{ token: string }>('POST', `${user(username)}/password`, { password })).token,
    patchUser: (username, patch) => call('PATCH', user(username), patch),
    patchOrg: (orgId, patch) => call('PATCH', `orgs/${encodeURIComponent(orgId)}`, patch),
    putProfilePasswordPolicy: (orgId, profileName, policy) => call('PUT', `orgs/${encodeURIComponent(orgId)}/profile-password-policies/${encodeURIComponent(profileName)}`, policy),
    deleteProfilePasswordPolicy: (orgId, profileName) => call('DELETE', `orgs/${encodeURIComponent(orgId)}/profile-password-policies/${encodeURIComponent(profileName)}`),
    refreshSandbox: (orgId) => call('POST', `orgs/${encodeURIComponent(orgId)}/refresh-sandbox`),
    issueRefreshToken: async (username, clientId) =>
      (await call<{ refreshToken: string }>('POST', `${user(username)}/refresh-token`, clientId === undefined ? undefined : { clientId })).refreshToken,
    revokeRefreshTokens: async (username) => (await call<{ revoked: number }>('POST', `${user(username)}/revoke-refresh-tokens`)).revoked,
    createExternalClientApp: (orgId, app) => call('POST', `orgs/${encodeURIComponent(orgId)}/external-client-apps`, app ?? {}),
    patchApp: (clientId, patch) => call('PATCH', `apps/${encodeURIComponent(clientId)}`, patch),
    outbox: (to) => call('GET', `outbox${query('to', to)}`),
    loginHistory: (username) => call('GET', `login-history${query('username', username)}`),
    seedLoginHistory: (orgId, spec) => call('POST', `orgs/${encodeURIComponent(orgId)}/login-history/seed`, spec),
    injectFaults: async (fault) => (await call<{ faults: FaultRule[] }>('POST', 'faults', fault)).faults,
    advanceClock: async (minutes) => (await call<{ now: string }>('POST', 'clock', { advanceMinutes: minutes })).now,
    reset: () => call('POST', 'reset'),
  };
}
