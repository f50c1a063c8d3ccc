/**
 * What the CLI prints: the documented `--json` shapes and the human-readable lines.
 *
 * The JSON shapes are a public interface (README "Command line"): fields are only ever added,
 * unknown values are `null` rather than missing, and no secret ever appears in them.
 */
import { callbackPortFor, callbackUrlFor, dependsOnSoapLogin, soapReadiness, testedSinceTokenSet, type AuthMethod, type OrgDetail, type OrgSummary, type SoapReadiness, type TestOutcome } from '../shared/domain';
import { integrationChecklist } from '../shared/integration-checklist';
import { loginMethodOf } from '../shared/login-methods';
import { passwordExpiryNotice, passwordExpiryStanding, passwordExpiryText, policySourceText } from '../shared/password-expiry';
import { inDays, isPastDeadline, retirementStatus, type RetirementStatus } from '../shared/retirements';
import { shellWord } from './input';
import { jsonSafe } from './terminal';

/** One test result, as `orgkey test --json` prints it (and `test --all --json` an array of). */
export interface TestJson {
  alias: string;
  ok: boolean;
  /** The failure code (e.g. INVALID_LOGIN, LOCKOUT_GUARD); null when the login worked. */
  code: string | null;
  message: string | null;
  remedy: string | null;
  orgId: string | null;
  orgName: string | null;
  isSandbox: boolean | null;
  userName: string | null;
  instanceUrl: string | null;
  apiRequestsRemaining: number | null;
  /** Why `apiRequestsRemaining` is null after a good login (e.g. the user lacks View Setup and Configuration). */
  apiRequestsUnavailable: string | null;
  latencyMs: number | null;
  testedAt: string | null;
}

export type LastTestJson = Omit<TestJson, 'alias'>;

/** One org, as `orgkey list --json` prints an array of. */
export interface OrgJson {
  alias: string;
  id: string;
  /** Null for a browser-login org added without one (the sign-in tells who it is). */
  username: string | null;
  environment: OrgSummary['environment'];
  loginUrl: string;
  /** How tests log in: SOAP login() with password + token, or a connected app's OAuth flow. */
  login: 'soap' | 'oauth';
  clientId: string | null;
  hasToken: boolean;
  /** Null for browser-login orgs, whose logins use no password. */
  passwordUpdatedAt: string | null;
  tokenUpdatedAt: string | null;
  /** Whole days since the token was stored; null without a token. */
  tokenAgeDays: number | null;
  /** False when the token changed after the last test (or there was none): it is not proven yet. A proved token is tested. */
  testedSinceTokenSet: boolean;
  lastTest: LastTestJson | null;
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
  /** `password` (SOAP login() or, with a client id, the OAuth username-password flow) or `browser` (OAuth sign-in in the browser). */
  auth: AuthMethod;
  /** Browser orgs: whether a sign-in (refresh token) is kept; null for password orgs. */
  signedIn: boolean | null;
  signedInAt: string | null;
  /** Browser orgs: the loopback port, and the callback URL the app must list; null for password orgs. */
  callbackPort: number | null;
  callbackUrl: string | null;
  /** What the last SOAP login() said about the org: allowed, or switched off there; null before one. */
  soapLogin: { allowed: boolean; at: string } | null;
  /** How exposed the org is to SOAP login()'s retirement in Summer ’27. */
  readiness: SoapReadiness;
  /** Whether its logins stop working when SOAP login() is retired. */
  dependsOnSoapLogin: boolean;
  /** When Salesforce stops the way it logs in (README "The retirement of password logins"). */
  retirement: RetirementStatus;
  /**
   * A sandbox refresh OrgKey noticed (the org id changed): `pending` until `orgkey confirm-refresh`,
   * and what of the old org needs a look (`exports`, `sign-in`, `credentials`); null when none.
   */
  sandboxRefresh: { fromOrgId: string; toOrgId: string; detectedAt: string; pending: boolean; confirmedAt: string | null; attention: NonNullable<OrgSummary['sandboxRefresh']>['attention'] } | null;
  /** JWT orgs: the certificate uploaded to the app (when it expires, its SHA-256 fingerprint); null for the others. */
  certificate: { notAfter: string; fingerprint: string } | null;
  /** After a switch of login method: the old method's secrets still in the keychain, and when a test proved the new one; null when none are kept. */
  previousSecrets: { auth: AuthMethod; kinds: string[]; since: string; provedAt: string | null } | null;
  /** The group the org is filed under; null when none. */
  group: string | null;
  /** The org's colour as the app shows it, `#rrggbb`: the one chosen, or its environment's default. */
  color: string;
  /** Whether `color` is the environment's default (production red, sandbox grey) rather than one chosen. */
  colorIsDefault: boolean;
  /** Password orgs: when the password expires by the policy read at the last test; null when it never does or that is not known. */
  passwordExpiresAt: string | null;
  /** Password orgs: whether it never expires (the permission, or a policy of never); null before a test read it, and for other orgs. */
  passwordNeverExpires: boolean | null;
  /** When the test that read the policy ran; null before one, and for other orgs. */
  passwordPolicyReadAt: string | null;
  /** Why the expiry is not known (with what is known instead); null when it is known or not read. */
  passwordExpiryUnknownReason: string | null;
  /** Imported without its password (a CSV import): no login is sent until it is entered (`orgkey password`). */
  awaitingSecrets: boolean;
}

/** One org with its secrets' presence, as `orgkey show --json` prints it. */
export interface OrgDetailJson extends OrgJson {
  secrets: { password: SecretJson; token: SecretJson; clientSecret: SecretJson; refreshToken: SecretJson; privateKey: SecretJson; pendingPrivateKey: SecretJson };
  /** `beforeSandboxRefresh`: written for the old org of a sandbox refresh (it is `stale` too). */
  dataLoaderExports: Array<{ folder: string; keyFile: string; exportedAt: string; stale: boolean; staleReason: string | null; beforeSandboxRefresh: boolean }>;
}

export interface SecretJson {
  present: boolean;
  length: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function testJson(alias: string, outcome: TestOutcome): TestJson {
  const facts = outcome.facts;
  return {
    alias,
    ok: outcome.ok,
    code: outcome.ok ? null : (outcome.failure?.code ?? 'UNKNOWN_FAILURE'),
    message: outcome.failure?.message ?? null,
    remedy: outcome.failure?.remedy ?? null,
    orgId: facts?.orgId ?? null,
    orgName: facts?.orgName ?? null,
    isSandbox: facts?.isSandbox ?? null,
    userName: facts?.userName ?? null,
    instanceUrl: facts?.instanceUrl ?? null,
    apiRequestsRemaining: facts?.apiRequestsRemaining ?? null,
    apiRequestsUnavailable: facts?.apiRequestsUnavailable ?? null,
    latencyMs: outcome.latencyMs,
    testedAt: outcome.testedAt,
  };
}

/** A test that did not run (lockout guard, org busy): the same shape, with what is known. */
export function refusedTestJson(alias: string, error: { code: string; message: string; remedy?: string }): TestJson {
  return {
    alias,
    ok: false,
    code: error.code,
    message: error.message,
    remedy: error.remedy ?? null,
    orgId: null,
    orgName: null,
    isSandbox: null,
    userName: null,
    instanceUrl: null,
    apiRequestsRemaining: null,
    apiRequestsUnavailable: null,
    latencyMs: null,
    testedAt: null,
  };
}

function lastTestJson(org: OrgSummary): LastTestJson | null {
  if (!org.lastTest) return null;
  const { alias: _alias, ...rest } = testJson(org.alias, org.lastTest);
  return rest;
}

export function tokenAgeDays(org: OrgSummary, now: Date): number | null {
  if (!org.hasToken || !org.tokenUpdatedAt) return null;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(org.tokenUpdatedAt)) / DAY_MS));
}

// The app's rule, so `list`, `show` and their JSON flag exactly the orgs the app flags.
export { testedSinceTokenSet };

/** A browser org's callback port, the one the core listens on; null for a password org. */
export function callbackPortOf(org: OrgSummary): number | null {
  return org.auth === 'browser' ? callbackPortFor(org) : null;
}

/** The org's password reading, when it logs in with a password (one kept from before a switch is not its own). */
export function passwordReadingOf(org: OrgSummary) {
  return loginMethodOf(org).usesPassword ? org.passwordPolicy : undefined;
}

export function orgJson(org: OrgSummary, now: Date): OrgJson {
  const browser = org.auth === 'browser';
  const method = loginMethodOf(org);
  const port = callbackPortOf(org);
  const reading = passwordReadingOf(org);
  const standing = passwordExpiryStanding(reading, now);
  return {
    alias: org.alias,
    id: org.id,
    username: org.username || null,
    environment: org.environment,
    loginUrl: org.loginUrl,
    login: method.login(org),
    clientId: org.clientId ?? null,
    hasToken: org.hasToken,
    passwordUpdatedAt: method.usesPassword ? org.passwordUpdatedAt : null,
    tokenUpdatedAt: org.hasToken ? (org.tokenUpdatedAt ?? null) : null,
    tokenAgeDays: tokenAgeDays(org, now),
    testedSinceTokenSet: testedSinceTokenSet(org),
    lastTest: lastTestJson(org),
    consecutiveFailures: org.consecutiveFailures,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
    auth: org.auth,
    signedIn: browser ? !!org.signedInAt : null,
    signedInAt: browser ? (org.signedInAt ?? null) : null,
    callbackPort: port,
    callbackUrl: port === null ? null : callbackUrlFor(port),
    soapLogin: org.soapLogin ? { allowed: org.soapLogin.allowed, at: org.soapLogin.at } : null,
    readiness: soapReadiness(org),
    dependsOnSoapLogin: dependsOnSoapLogin(org),
    retirement: retirementStatus(org, now),
    sandboxRefresh: org.sandboxRefresh
      ? {
          fromOrgId: org.sandboxRefresh.fromOrgId,
          toOrgId: org.sandboxRefresh.toOrgId,
          detectedAt: org.sandboxRefresh.detectedAt,
          pending: !org.sandboxRefresh.confirmedAt,
          confirmedAt: org.sandboxRefresh.confirmedAt ?? null,
          attention: [...org.sandboxRefresh.attention],
        }
      : null,
    certificate: org.auth === 'jwt' && org.certificate ? { notAfter: org.certificate.notAfter, fingerprint: org.certificate.fingerprint } : null,
    previousSecrets: org.previousSecrets
      ? { auth: org.previousSecrets.auth, kinds: [...org.previousSecrets.kinds], since: org.previousSecrets.since, provedAt: org.previousSecrets.provedAt ?? null }
      : null,
    group: org.group ?? null,
    color: org.color,
    colorIsDefault: org.colorIsDefault,
    passwordExpiresAt: reading?.expiresAt ?? null,
    passwordNeverExpires: reading ? standing.state === 'never' : null,
    passwordPolicyReadAt: reading?.readAt ?? null,
    passwordExpiryUnknownReason: standing.state === 'unknown' ? standing.reason : null,
    awaitingSecrets: !!org.awaitingSecrets,
  };
}

export function orgDetailJson(org: OrgDetail, now: Date): OrgDetailJson {
  return {
    ...orgJson(org, now),
    secrets: {
      password: { ...org.secrets.password },
      token: { ...org.secrets.token },
      clientSecret: { ...org.secrets.clientSecret },
      refreshToken: { ...org.secrets.refreshToken },
      privateKey: { ...org.secrets.privateKey },
      pendingPrivateKey: { ...org.secrets.pendingPrivateKey },
    },
    dataLoaderExports: org.dataLoaderExports.map((entry) => ({
      folder: entry.folder,
      keyFile: entry.keyFile,
      exportedAt: entry.exportedAt,
      stale: entry.stale,
      staleReason: entry.staleReason ?? null,
      beforeSandboxRefresh: !!entry.beforeSandboxRefresh,
    })),
  };
}

/** `--json` text: DEL, C1 and bidirectional controls (which JSON.stringify leaves raw) escaped too. */
export function json(value: unknown): string {
  return jsonSafe(JSON.stringify(value, null, 2));
}

// ---- human-readable text ----

export function environmentText(org: Pick<OrgSummary, 'environment' | 'loginUrl'>): string {
  if (org.environment === 'production') return 'production';
  if (org.environment === 'sandbox') return 'sandbox';
  return org.loginUrl;
}

/** "3 days ago", "2 h ago", "just now". */
export function ago(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

export function lastTestText(org: OrgSummary, now: Date): string {
  const test = org.lastTest;
  if (!test) return 'never';
  const result = test.ok ? (test.warnings.length ? 'ok, with warnings' : 'ok') : (test.failure?.code ?? 'failed');
  return `${result}, ${ago(test.testedAt, now)}`;
}

/** The PASSWORD column of `orgkey list`: "expires in 12 days", "never expires", "unknown", "password needed" (imported without one), "-" for orgs without a password. */
export function passwordColumnText(org: OrgSummary, now: Date): string {
  if (!loginMethodOf(org).usesPassword) return '-';
  if (org.awaitingSecrets) return 'password needed';
  return passwordExpiryText(passwordExpiryStanding(org.passwordPolicy, now));
}

/** `orgkey show`'s "password expires" row: the date and where the policy came from, or why it is unknown; when read. */
export function passwordExpiryRow(org: OrgSummary, now: Date): string[] | null {
  const reading = passwordReadingOf(org);
  if (!loginMethodOf(org).usesPassword) return null;
  if (!reading) return ['password expires', 'not read yet: a test reads it'];
  const standing = passwordExpiryStanding(reading, now);
  const read = `read ${reading.readAt.slice(0, 10)} (${ago(reading.readAt, now)})`;
  switch (standing.state) {
    case 'expires':
      return ['password expires', `${standing.expiresAt.slice(0, 10)} (${inDays(standing.daysLeft)}) under ${policySourceText(reading)}; ${read}`];
    case 'expired':
      return ['password expires', `expired ${standing.expiresAt.slice(0, 10)} under ${policySourceText(reading)}; ${read}`];
    case 'never':
      return ['password expires', `never, by ${policySourceText(reading)}; ${read}`];
    default:
      return ['password expires', `unknown — ${standing.state === 'unknown' ? standing.reason : ''} (${read})`];
  }
}

/** `orgkey list`'s notes on stderr for passwords within 14 days of their expiry (or past it). */
export function passwordExpiryNotes(orgs: readonly OrgSummary[], now: Date): string[] {
  return orgs.flatMap((org) => {
    const notice = passwordExpiryNotice(passwordReadingOf(org), now);
    return notice ? [`note: ${org.alias}: ${notice.message}`] : [];
  });
}

/** `orgkey show`'s integration-user checklist: one line per item, what to change under it. */
export function checklistLines(org: OrgSummary): string[] {
  const lines = loginMethodOf(org).usesPassword ? integrationChecklist(org.integrationChecklist, org) : null;
  if (!lines) return [];
  const out = [`Integration user (as read ${org.integrationChecklist!.readAt.slice(0, 10)}):`];
  for (const line of lines) {
    out.push(`  ${line.state.padEnd(7)} ${line.label}: ${line.seen}`);
    if (line.change) out.push(`          change: ${line.change}`);
  }
  return out;
}

/** Rows as columns separated by two spaces, the last column unpadded. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * How an org logs in, in the LOGIN column, with when Salesforce stops it: `browser` (not affected),
 * `oauth-password (until 20 Feb 2027)` (`off since` once the date has come), or `soap (until Summer ’27)`
 * — `soap (off)` when the org refused SOAP login() at the last test, `untested` before one.
 */
export function loginText(org: OrgSummary, now: Date): string {
  const status = retirementStatus(org, now);
  const when = `until ${status.deadlineLabel}`;
  switch (soapReadiness(org)) {
    case 'browser':
      return org.signedInAt ? 'browser' : 'browser (not signed in)';
    case 'client-credentials':
      return 'client-credentials';
    case 'jwt':
      return 'jwt';
    case 'oauth-password':
      return `oauth-password (${isPastDeadline(status) ? `off since ${status.deadlineLabel}` : when})`;
    case 'soap-allowed':
      return `soap (${when})`;
    case 'soap-disabled':
      return 'soap (off)';
    case 'soap-unknown':
      return `soap (untested, ${when})`;
  }
}

/** When Salesforce stops the way the org logs in, and what that means for it, in a sentence. */
export function readinessText(org: OrgSummary, now: Date): string {
  const status = retirementStatus(org, now);
  const when = status.deadlineLabel;
  switch (soapReadiness(org)) {
    case 'browser':
      return 'not affected: Salesforce has announced no end for browser login';
    case 'client-credentials':
      return 'not affected: the client credentials flow uses no password, and Salesforce has announced no end for it';
    case 'jwt':
      return 'not affected: the JWT bearer flow uses no password, and Salesforce has announced no end for it';
    case 'oauth-password':
      return isPastDeadline(status)
        ? `the OAuth username-password flow, which Salesforce turned off for connected apps on ${when}: its logins fail`
        : `the OAuth username-password flow, which Salesforce turns off for connected apps on ${when} (${inDays(status.daysLeft!)})`;
    case 'soap-allowed':
      return `depends on SOAP login() (it worked at the last test), which Salesforce retires in ${when}`;
    case 'soap-disabled':
      return 'SOAP login() is switched off in this org: password logins fail already';
    case 'soap-unknown':
      return `depends on SOAP login(), which Salesforce retires in ${when} (not tested yet)`;
  }
}

/** How an org logs in, to follow “logs in with” in a message. */
export function loginMethodPhrase(auth: AuthMethod): string {
  return { password: 'a password', browser: 'browser login', 'client-credentials': 'client credentials', jwt: 'a JWT bearer certificate' }[auth];
}

const VIA_TEXT: Record<TestOutcome['via'], string> = {
  soap: 'SOAP login()',
  oauth: 'OAuth',
  browser: 'browser sign-in (refresh token)',
  'client-credentials': 'client credentials (the app’s run-as user)',
  jwt: 'JWT bearer',
};

/** Test failures that a new browser sign-in fixes. */
const SIGN_IN_FAILURES = new Set(['OAUTH_SIGN_IN_AGAIN', 'NOT_SIGNED_IN']);

/**
 * A whole number with a comma between each group of three digits, as en-US writes it. Not
 * toLocaleString: its first call in a process loads ICU's number formats, about 20 ms of every
 * `orgkey test` (README, "Performance").
 */
export function groupedDigits(value: number): string {
  const whole = Math.trunc(value);
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+$)/g, ',');
  return whole < 0 ? `-${digits}` : digits;
}

/** The lines that describe one test result for a person. */
export function testLines(alias: string, outcome: TestOutcome): string[] {
  if (outcome.ok && outcome.facts) {
    const f = outcome.facts;
    const api = f.apiRequestsRemaining === null ? '' : `, ${groupedDigits(f.apiRequestsRemaining)} API requests left`;
    const lines = [
      `ok      ${alias}: logged in as ${f.userName} to ${f.orgName} (${f.orgId}, ${f.isSandbox ? 'sandbox' : 'production'}, ${f.edition})`,
      `        ${f.instanceUrl}${api}, ${outcome.latencyMs} ms via ${VIA_TEXT[outcome.via] ?? 'SOAP login()'}`,
    ];
    if (f.apiRequestsUnavailable) lines.push(`        API requests left: unavailable — ${f.apiRequestsUnavailable}`);
    for (const warning of outcome.warnings) lines.push(`        warning: ${warning.message}`);
    return lines;
  }
  const failure = outcome.failure;
  const lines = [`failed  ${alias}: ${failure?.code ?? 'UNKNOWN_FAILURE'}: ${failure?.message ?? 'The test failed.'}`];
  if (failure?.remedy) lines.push(`        ${failure.remedy}`);
  for (const hint of failure?.hints ?? []) lines.push(`        - ${hint}`);
  if (failure && SIGN_IN_FAILURES.has(failure.code)) lines.push(`        Sign in: orgkey login ${shellWord(alias)}`);
  if (failure?.code === 'OAUTH_SECRET_REQUIRED') lines.push(`        Give the secret: orgkey edit ${shellWord(alias)} --client-id KEY (asks for it)`);
  return lines;
}
