/**
 * Months of Login History for an org (`POST /__fake/orgs/{orgId}/login-history/seed`): the
 * integrations a typical org still runs on passwords, and the ones that moved on, each logging
 * in on its own schedule, from its own addresses, with an occasional failure. The same `seed`
 * number gives the same rows, so tests can count on them. The integration users are created in
 * the org when missing (a reset removes them again).
 */
import { type LoginFlowValues, type NewLoginRow, oauthLoginValues, soapLoginValues, uiLoginValues } from './login-history';
import { to18 } from './ids';
import { type OrgRecord, type SeedUser, type UserRecord } from './model';
import { type FakeOrgState } from './state';

export interface HistorySeedOptions {
  /** How far back the history goes, in days (LoginHistory keeps six months). */
  days: number;
  /** Rows a day, shared among the integrations by their weight. */
  perDay: number;
  /** The generator's seed: the same number, the same rows. */
  seed: number;
}

export interface SeededIntegration {
  username: string;
  /** 18 characters. */
  userId: string;
  name: string;
  via: LoginFlowValues['via'];
  application: string;
  rows: number;
}

export interface SeededHistory {
  rows: number;
  /** ISO time of the window's start and end (the fake clock's now). */
  from: string;
  to: string;
  users: SeededIntegration[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** One integration: who, how it logs in, when and from where. */
interface Integration {
  local: string;
  firstName: string;
  lastName: string;
  /** Share of each day's rows. */
  weight: number;
  /** The flow values of each row; `pick` varies client versions and browsers. */
  flows(org: OrgRecord, hosts: Hosts): LoginFlowValues[];
  /** Hour of the day (UTC) its logins cluster around, and how widely they spread (hours). */
  hour: number;
  spread: number;
  addresses: string[];
  /** Share of attempts that fail, and the statuses they fail with. */
  failureRate: number;
  failures: string[];
}

interface Hosts {
  /** `login.salesforce.com`, or `test.salesforce.com` for a sandbox. */
  login: string;
  /** The org's My Domain host, where client credentials are served. */
  myDomain: string;
}

const CHROME_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const JAVA = 'Java/17.0.10';

/**
 * The integrations. Tableau's Salesforce connector signs in with OAuth and Tableau Server keeps the
 * token in its keychain, so its logins are refresh-token logins (Tableau Server help, "Change
 * Salesforce.com OAuth to Saved Credentials"); the Application name it shows is UNCONFIRMED.
 */
const INTEGRATIONS: Integration[] = [
  {
    local: 'dataloader.job',
    firstName: 'Nightly',
    lastName: 'Data Loader',
    weight: 0.3,
    flows: (_org, { login }) => [
      soapLoginValues('64.0', 'DataLoaderPartnerBatch/64.1.0', JAVA, login),
      soapLoginValues('64.0', 'DataLoaderPartnerBatch/64.1.0', JAVA, login),
      soapLoginValues('58.0', 'DataLoaderPartnerBatch/58.0.3', JAVA, login),
    ],
    hour: 2,
    spread: 1,
    addresses: ['203.0.113.10'],
    failureRate: 0.02,
    failures: ['Invalid Password', 'Failed: API security token required'],
  },
  {
    local: 'etl.script',
    firstName: 'ETL',
    lastName: 'Script',
    weight: 0.25,
    flows: (_org, { login }) => [oauthLoginValues('oauth', 'Acme Nightly Sync', 'python-requests/2.31.0', login)],
    hour: 13,
    spread: 5,
    addresses: ['198.51.100.20', '198.51.100.21'],
    failureRate: 0.02,
    failures: ['Invalid Password'],
  },
  {
    local: 'tableau',
    firstName: 'Tableau',
    lastName: 'Server',
    weight: 0.2,
    flows: (_org, { login }) => [oauthLoginValues('refresh-token', 'Tableau Server', undefined, login)],
    hour: 6,
    spread: 6,
    addresses: ['192.0.2.50'],
    failureRate: 0,
    failures: [],
  },
  {
    local: 'casey.morgan',
    firstName: 'Casey',
    lastName: 'Morgan',
    weight: 0.1,
    flows: (_org, { login }) => [uiLoginValues(CHROME_ON_MAC, login), uiLoginValues(CHROME_ON_MAC, login), uiLoginValues(FIREFOX_ON_WINDOWS, login)],
    hour: 9,
    spread: 2,
    addresses: ['192.0.2.14', '192.0.2.77', '198.51.100.140'],
    failureRate: 0.05,
    failures: ['Invalid Password'],
  },
  {
    local: 'billing.sync',
    firstName: 'Billing',
    lastName: 'Sync',
    weight: 0.15,
    flows: (_org, { myDomain }) => [oauthLoginValues('client-credentials', 'Acme Billing Sync', undefined, myDomain)],
    hour: 12,
    spread: 10,
    addresses: ['203.0.113.30'],
    failureRate: 0,
    failures: [],
  },
];

/** Writes `options.days` of history for `org`, ending at the fake clock's now. */
export function seedLoginHistory(state: FakeOrgState, org: OrgRecord, options: HistorySeedOptions): SeededHistory {
  const now = state.clock.now();
  const hosts: Hosts = { login: org.sandbox ? 'test.salesforce.com' : 'login.salesforce.com', myDomain: new URL(state.myDomainUrl(org)).host };
  const users = INTEGRATIONS.map((integration, index) => integrationUser(state, org, integration, index + 1));
  const counts = new Array<number>(INTEGRATIONS.length).fill(0);
  const random = mulberry32(options.seed);
  const from = now - options.days * DAY_MS;
  function* rows(): Generator<NewLoginRow> {
    for (let day = 0; day < options.days; day += 1) {
      const windowStart = from + day * DAY_MS;
      for (const [index, share] of dailyShares(options.perDay).entries()) {
        const integration = INTEGRATIONS[index];
        const user = users[index];
        if (!integration || !user) continue;
        const flows = integration.flows(org, hosts);
        for (let n = 0; n < share; n += 1) {
          const at = timeInWindow(windowStart, integration, random);
          const failed = random() < integration.failureRate;
          counts[index] = (counts[index] ?? 0) + 1;
          yield {
            at,
            userId: user.id,
            orgId: org.id,
            username: user.username,
            status: failed ? pick(integration.failures, random) : 'Success',
            sourceIp: pick(integration.addresses, random),
            flow: pick(flows, random),
          };
        }
      }
    }
  }
  const written = state.history.insertMany(rows());
  return {
    rows: written,
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    users: users.map((user, index) => ({
      username: user.username,
      userId: to18(user.id),
      name: `${user.firstName} ${user.lastName}`,
      via: INTEGRATIONS[index]?.flows(org, hosts)[0]?.via ?? 'soap',
      application: INTEGRATIONS[index]?.flows(org, hosts)[0]?.application ?? '',
      rows: counts[index] ?? 0,
    })),
  };
}

/** Each integration's rows of a day: `perDay` shared by weight, remainders to the largest fractions. */
function dailyShares(perDay: number): number[] {
  const exact = INTEGRATIONS.map((integration) => perDay * integration.weight);
  const shares = exact.map(Math.floor);
  const order = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) })).sort((a, b) => b.fraction - a.fraction);
  for (let left = perDay - shares.reduce((a, b) => a + b, 0), i = 0; left > 0; left -= 1, i += 1) {
    const index = order[i % order.length]?.index ?? 0;
    shares[index] = (shares[index] ?? 0) + 1;
  }
  return shares;
}

/**
 * A login time inside the 24 hours from `windowStart`, near the integration's hour of day (UTC),
 * spread around it in a triangle. The time of day depends on the random numbers only, so the same
 * seed gives the same times of day whenever it runs.
 */
function timeInWindow(windowStart: number, integration: Integration, random: () => number): number {
  const offsetHours = (random() - random()) * integration.spread;
  const timeOfDay = ((((integration.hour + offsetHours) * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(windowStart + ((timeOfDay - (windowStart % DAY_MS) + DAY_MS) % DAY_MS));
}

/** The integration's user in `org`: the existing one, or a new one with an id derived from the org's. */
function integrationUser(state: FakeOrgState, org: OrgRecord, integration: Integration, ordinal: number): UserRecord {
  const domain = state.usersOf(org)[0]?.username.split('@')[1] ?? 'example.com';
  const username = `${integration.local}@${domain}`;
  const existing = state.findUser(username, org.id);
  if (existing) return existing.user;
  const user: SeedUser = {
    id: `005${org.id.slice(3, 5)}00000Seed${ordinal}`,
    username,
    firstName: integration.firstName,
    lastName: integration.lastName,
    email: `${integration.local}@${domain}`,
    profileId: `00e${org.id.slice(3, 5)}000001IntU`,
    profileName: 'Integration User',
    password: 'Integration-Pass-2024',
    token: 'Ab3De5Gh7Jk9Mn2Pq4St6Vw8Y',
    passwordExpired: false,
    apiEnabled: true,
    useAnyApiAuth: true,
    viewSetup: false,
    frozen: false,
  };
  return state.addUser(org, user);
}

function pick<T>(values: T[], random: () => number): T {
  const value = values[Math.floor(random() * values.length)] ?? values[0];
  if (value === undefined) throw new Error('Nothing to pick from');
  return value;
}

/** A small, fast, seedable generator (Mulberry32): numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
