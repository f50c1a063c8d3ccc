/**
 * The fake org: a local HTTP server that answers like Salesforce's login surface, so OrgKey's
 * tests, demos and benchmarks never need the internet (its manual: e2e/fake-org/README.md).
 *
 * ```ts
 * const org = await startFakeOrg();
 * const admin = org.state.user('admin@acme.example');
 * await new jsforce.Connection({ loginUrl: org.loginUrl }).login(admin.username, admin.password + admin.token);
 * await org.close();
 * ```
 */
import { MovableClock } from './clock';
import { type FakeOrgSeed, type FakeOrgSnapshot, type UserSnapshot } from './model';
import { defaultSeed } from './seed';
import { to18 } from './ids';
import { listen } from './server';
import { FakeOrgState } from './state';

export { defaultSeed } from './seed';
export {
  fakeOrgControl,
  FakeOrgControlError,
  type AppPatch,
  type FakeOrgControl,
  type FaultSpec,
  type HistorySeedSpec,
  type NewExternalClientApp,
  type OrgPatch,
  type ProfilePolicySpec,
  type SandboxRefresh,
  type SeededHistory,
  type UserPatch,
} from './control-client';
export { type LoginVia } from './login-history';
export { canonicalId, to18 } from './ids';
export { MAIL_LANGUAGES, TOKEN_MAIL_SUBJECT, type MailLanguage } from './mail';
export { AUTHORIZATION_CODE_MINUTES } from './oauth';
export { EXPIRATION_NAMES } from './metadata';
export { PASSWORD_EXPIRY_DAYS } from './model';
export type {
  AppKind,
  AppSnapshot,
  CertificateSummary,
  ConnectedApp,
  ExternalClientApp,
  FakeOrgSeed,
  FakeOrgSnapshot,
  FaultRule,
  LoginHistoryEntry,
  Mail,
  OAuthApp,
  OAuthAppSnapshot,
  OrgSettings,
  OrgSnapshot,
  PasswordExpiryDays,
  ProfilePasswordPolicy,
  RefreshTokenSnapshot,
  SeedOrg,
  SeedUser,
  UserSnapshot,
} from './model';

export interface FakeOrgOptions {
  /** Port of the generic login host; 0 (the default) picks a free one. Each org's My Domain always gets a free one. */
  port?: number;
  /**
   * Address to listen on; default `127.0.0.1`. `0.0.0.0` or `::` also accept callers from other
   * interfaces, which then count as untrusted and are refused by the control API.
   */
  host?: string;
  /** Orgs and users to start from (and return to on reset); default `defaultSeed()`. */
  seed?: FakeOrgSeed;
  /** Where the fake clock starts; default now. It runs at real speed from there. */
  clockStart?: Date;
  /** Delay every Salesforce request by this many milliseconds (benchmarks of a distant network); default 0. */
  latencyMs?: number;
}

/** In-process read access to the running fake org, the same data `GET /__fake/state` returns. */
export interface FakeOrgStateAccessor {
  snapshot(): FakeOrgSnapshot;
  /** One user with current password and token; throws for an unknown username. */
  user(username: string): UserSnapshot;
}

/** An org's own host, as Salesforce gives every org a My Domain next to login.salesforce.com. */
export interface FakeOrgDomain {
  /** 18 characters. */
  orgId: string;
  /** `http://127.0.0.1:PORT_B`: the org's My Domain URL, on a loopback port of its own. */
  myDomainUrl: string;
}

export interface FakeOrg {
  /**
   * `http://127.0.0.1:PORT`, the generic login host (like login.salesforce.com and
   * test.salesforce.com): use it as jsforce's `loginUrl`; it is also every org's instance URL for
   * the logins made there.
   */
  loginUrl: string;
  /** Each org's My Domain, with the org's current id (a refreshed sandbox's new one); `close()` closes them too. */
  readonly orgs: FakeOrgDomain[];
  state: FakeOrgStateAccessor;
  /** How many Salesforce requests it has answered on all its hosts (control API calls not counted). */
  requests(): number;
  close(): Promise<void>;
}

/** Starts a fake org on loopback and resolves once it is listening. */
export async function startFakeOrg(options: FakeOrgOptions = {}): Promise<FakeOrg> {
  const state = new FakeOrgState(options.seed ?? defaultSeed(), new MovableClock(options.clockStart));
  const server = await listen(state, options.host ?? '127.0.0.1', options.port ?? 0, options.latencyMs ?? 0);
  return {
    loginUrl: server.baseUrl,
    get orgs() {
      return [...server.myDomainUrls].map(([seedId, myDomainUrl]) => ({ orgId: to18(state.currentOrgId(seedId)), myDomainUrl }));
    },
    state: {
      snapshot: () => state.snapshot(),
      user: (username) => {
        const found = state.findUser(username);
        if (!found) throw new Error(`The fake org has no user ${username}`);
        return state.userSnapshot(found.user);
      },
    },
    requests: () => server.requests(),
    close: () => server.close(),
  };
}
