/**
 * The org's Login History: one row per login attempt, with the values Salesforce writes in
 * `LoginHistory` for each flow (the table and its sources: e2e/fake-org/README.md, "Login history
 * rows").
 *
 * Months of history for an org run to hundreds of thousands of rows, so rows are kept in columns
 * of typed arrays (about 30 bytes a row): the text values a row shares with many others (its
 * flow's values, status, user, address) are stored once and referred to by number. Rows are kept
 * in login-time order, which the SOQL queries read through without copying.
 */
import { to18 } from './ids';

/** How a login authenticated. `ui` is the plain login page (no OAuth), which only seeded history holds. */
export type LoginVia = 'soap' | 'oauth' | 'browser' | 'refresh-token' | 'client-credentials' | 'jwt' | 'ui';

/** The values a flow writes that do not change from row to row of the same client. */
export interface LoginFlowValues {
  via: LoginVia;
  loginType: string;
  loginSubType: string | null;
  application: string;
  apiType: string;
  /** Null for the OAuth flows, whose rows say `N/A`. */
  apiVersion: string | null;
  browser: string;
  platform: string;
  /** The host name asked, without scheme or path (`login.salesforce.com`). */
  loginUrl: string;
}

/** One row to record. */
export interface NewLoginRow {
  /** Fake clock, ms. */
  at: number;
  /** The user's 15-character id, or null when the username is unknown (the row then stays out of SOQL). */
  userId: string | null;
  username: string;
  /** The 15-character id of the user's org, or null with an unknown user. */
  orgId: string | null;
  status: string;
  sourceIp: string;
  flow: LoginFlowValues;
}

/** A row as the history hands it out: what was recorded, its flow's values spread, and its id. */
export interface LoginRow extends LoginFlowValues, Omit<NewLoginRow, 'flow'> {
  id: string;
}

/** `LoginType` labels (the Login event type's LoginType list). */
const REMOTE_ACCESS = 'Remote Access 2.0';
const NOT_APPLICABLE = 'N/A';
const UNKNOWN = 'Unknown';

/**
 * The values of each flow as the fake org serves it live. `application` is the caller's client
 * name for SOAP and the app's name for OAuth; Browser and Platform come from the User-Agent where
 * a person's browser is involved.
 */
export function soapLoginValues(apiVersion: string, clientName: string | null, userAgent: string | undefined, loginUrl: string): LoginFlowValues {
  // LoginHistory rows of SOAP partner logins read `Other Apex API` with Browser `Java
  // (Salesforce.com)` for Java clients such as Data Loader; no subtype (none is published for SOAP).
  const client = describeUserAgent(userAgent);
  return {
    via: 'soap',
    loginType: 'Other Apex API',
    loginSubType: null,
    application: clientName ?? NOT_APPLICABLE,
    apiType: 'SOAP Partner',
    apiVersion,
    browser: /\bjava\b/i.test(userAgent ?? '') ? 'Java (Salesforce.com)' : client.browser,
    platform: client.platform,
    loginUrl,
  };
}

/** An OAuth flow's row: `Remote Access 2.0`, its subtype, the app's name, no API type or version. */
export function oauthLoginValues(via: Exclude<LoginVia, 'soap' | 'ui'>, appName: string, userAgent: string | undefined, loginUrl: string): LoginFlowValues {
  // A person's browser only shows in the web-server flow's login page; token requests come from programs.
  const client = via === 'browser' ? describeUserAgent(userAgent) : { browser: UNKNOWN, platform: UNKNOWN };
  return {
    via,
    loginType: REMOTE_ACCESS,
    loginSubType: OAUTH_SUBTYPES[via],
    application: appName,
    apiType: NOT_APPLICABLE,
    apiVersion: null,
    ...client,
    loginUrl,
  };
}

/** The plain login page, without OAuth: Login Type `Application`, Application `Browser`. */
export function uiLoginValues(userAgent: string, loginUrl: string): LoginFlowValues {
  return { via: 'ui', loginType: 'Application', loginSubType: 'UI Username-Password', application: 'Browser', apiType: NOT_APPLICABLE, apiVersion: null, ...describeUserAgent(userAgent), loginUrl };
}

/**
 * `LoginSubType` labels: the published picklist's, but `OAuth Refresh Token` (seen in detection
 * rules) and `OAuth JWT Bearer` (UNCONFIRMED: no published value for the JWT bearer flow).
 */
const OAUTH_SUBTYPES: Record<Exclude<LoginVia, 'soap' | 'ui'>, string> = {
  oauth: 'OAuth Username-Password',
  browser: 'OAuth Web Server',
  'refresh-token': 'OAuth Refresh Token',
  'client-credentials': 'OAuth Client Credential',
  jwt: 'OAuth JWT Bearer',
};

/** Browser and Platform as Setup's Login History words them (`Chrome 126`, `Mac OSX`; format INFERRED). */
export function describeUserAgent(userAgent: string | undefined): { browser: string; platform: string } {
  const ua = userAgent ?? '';
  const browser = /Edg\/(\d+)/.exec(ua) ?? /Firefox\/(\d+)/.exec(ua) ?? /Chrome\/(\d+)/.exec(ua) ?? /Version\/(\d+)[^ ]* Safari\//.exec(ua);
  const name = browser === null ? null : browser[0].startsWith('Edg') ? 'Edge' : browser[0].startsWith('Firefox') ? 'Firefox' : browser[0].startsWith('Chrome') ? 'Chrome' : 'Safari';
  const platform = /Windows NT 10/.test(ua) ? 'Windows 10' : /Mac OS X/.test(ua) ? 'Mac OSX' : /Linux/.test(ua) ? 'Linux' : UNKNOWN;
  return { browser: name === null || !browser?.[1] ? UNKNOWN : `${name} ${browser[1]}`, platform };
}

/** The host a login asked, as LoginHistory's `LoginUrl` holds it (no scheme, no path). */
export function loginHost(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/** Strings stored once, referred to by their index. */
class Interned<T> {
  private readonly indexes = new Map<string, number>();
  readonly values: T[] = [];
  constructor(private readonly key: (value: T) => string) {}

  index(value: T): number {
    const key = this.key(value);
    let index = this.indexes.get(key);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.indexes.set(key, index);
    }
    return index;
  }
}

interface RowUser {
  userId: string | null;
  username: string;
  orgId: string | null;
}

/** `0Ya` is LoginHistory's key prefix; the rest counts up, so ids are unique and stable for a row. */
const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function loginHistoryId(sequence: number): string {
  let digits = '';
  for (let rest = sequence; digits.length < 9; rest = Math.floor(rest / ID_ALPHABET.length)) digits = ID_ALPHABET.charAt(rest % ID_ALPHABET.length) + digits;
  return to18(`0Ya5g0${digits}`);
}

const INITIAL_CAPACITY = 1024;

/** The login history of every org the fake org serves, oldest first. */
export class LoginHistoryLog {
  private capacity = INITIAL_CAPACITY;
  private count = 0;
  private nextSequence = 1;
  private time = new Float64Array(INITIAL_CAPACITY);
  private sequence = new Uint32Array(INITIAL_CAPACITY);
  private user = new Uint32Array(INITIAL_CAPACITY);
  private flow = new Uint32Array(INITIAL_CAPACITY);
  private status = new Uint32Array(INITIAL_CAPACITY);
  private ip = new Uint32Array(INITIAL_CAPACITY);
  private readonly users = new Interned<RowUser>((u) => `${u.userId ?? ''}\u0000${u.username.toLowerCase()}\u0000${u.orgId ?? ''}`);
  private readonly flows = new Interned<LoginFlowValues>((f) => JSON.stringify(f));
  private readonly statuses = new Interned<string>((s) => s);
  private readonly ips = new Interned<string>((s) => s);
  /** Bumped whenever rows move (history seeded into the past), so open query cursors know they are stale. */
  private generation = 0;

  get length(): number {
    return this.count;
  }

  /** Changes whenever earlier rows may have moved; see `insertMany`. */
  get version(): number {
    return this.generation;
  }

  /** Records one attempt. Live logins happen at the clock's now, so they arrive in time order. */
  append(row: NewLoginRow): void {
    const sorted = this.count === 0 || (this.time[this.count - 1] ?? 0) <= row.at;
    this.put(row);
    if (!sorted) this.sortByTime();
  }

  /** Records many rows at once (seeded history, in any order), then puts every row back in time order. */
  insertMany(rows: Iterable<NewLoginRow>): number {
    const before = this.count;
    for (const row of rows) this.put(row);
    this.sortByTime();
    return this.count - before;
  }

  /** The row at `index` in time order. */
  row(index: number): LoginRow {
    const user = this.users.values[this.user[index] ?? 0];
    const flow = this.flows.values[this.flow[index] ?? 0];
    if (!user || !flow || index >= this.count) throw new RangeError(`No login history row ${index}`);
    return {
      ...flow,
      id: loginHistoryId(this.sequence[index] ?? 0),
      at: this.time[index] ?? 0,
      userId: user.userId,
      username: user.username,
      orgId: user.orgId,
      status: this.statuses.values[this.status[index] ?? 0] ?? '',
      sourceIp: this.ips.values[this.ip[index] ?? 0] ?? '',
    };
  }

  /** Login time of the row at `index`, without building the row. */
  timeAt(index: number): number {
    return this.time[index] ?? 0;
  }

  /** The user (15-character id) and org of the row at `index`, without building the row. */
  ownerAt(index: number): RowUser {
    const user = this.users.values[this.user[index] ?? 0];
    if (!user) throw new RangeError(`No login history row ${index}`);
    return user;
  }

  /** The first index whose login time is at least `at` (binary search over the time column). */
  firstAtOrAfter(at: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.time[middle] ?? 0) < at) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  clear(): void {
    this.capacity = INITIAL_CAPACITY;
    this.count = 0;
    this.time = new Float64Array(INITIAL_CAPACITY);
    this.sequence = new Uint32Array(INITIAL_CAPACITY);
    this.user = new Uint32Array(INITIAL_CAPACITY);
    this.flow = new Uint32Array(INITIAL_CAPACITY);
    this.status = new Uint32Array(INITIAL_CAPACITY);
    this.ip = new Uint32Array(INITIAL_CAPACITY);
    this.nextSequence = 1;
    this.generation += 1;
  }

  private put(row: NewLoginRow): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count;
    this.time[i] = row.at;
    this.sequence[i] = this.nextSequence++;
    this.user[i] = this.users.index({ userId: row.userId, username: row.username, orgId: row.orgId });
    this.flow[i] = this.flows.index(row.flow);
    this.status[i] = this.statuses.index(row.status);
    this.ip[i] = this.ips.index(row.sourceIp);
    this.count += 1;
  }

  private grow(): void {
    this.capacity *= 2;
    const widen = <A extends Float64Array | Uint32Array>(column: A, make: (n: number) => A): A => {
      const wider = make(this.capacity);
      wider.set(column);
      return wider;
    };
    this.time = widen(this.time, (n) => new Float64Array(n));
    this.sequence = widen(this.sequence, (n) => new Uint32Array(n));
    this.user = widen(this.user, (n) => new Uint32Array(n));
    this.flow = widen(this.flow, (n) => new Uint32Array(n));
    this.status = widen(this.status, (n) => new Uint32Array(n));
    this.ip = widen(this.ip, (n) => new Uint32Array(n));
  }

  /** Stable sort of every column by login time (ties keep their recording order). */
  private sortByTime(): void {
    const order = new Uint32Array(this.count);
    for (let i = 0; i < this.count; i += 1) order[i] = i;
    const time = this.time;
    const sequence = this.sequence;
    order.sort((a, b) => (time[a] ?? 0) - (time[b] ?? 0) || (sequence[a] ?? 0) - (sequence[b] ?? 0));
    const permute = <A extends Float64Array | Uint32Array>(column: A): A => {
      const copy = column.slice() as A;
      for (let i = 0; i < order.length; i += 1) column[i] = copy[order[i] ?? 0] ?? 0;
      return column;
    };
    permute(this.time);
    permute(this.sequence);
    permute(this.user);
    permute(this.flow);
    permute(this.status);
    permute(this.ip);
    this.generation += 1;
  }
}
