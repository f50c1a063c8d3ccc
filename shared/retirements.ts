/**
 * When Salesforce stops each way OrgKey logs in, and what that means for one org today.
 *
 * The dates, release names and sources live in `retirements.json` alone; the app, the CLI and the
 * README table (scripts/readme-retirements.ts) read them through this file, so a moved date is a
 * one-line change there. Every "days left" is counted here, from the clock the caller passes in.
 */
import data from './retirements.json' with { type: 'json' };
import { soapReadiness, type OrgSummary } from './domain';
import { loginMethodOf } from './login-methods';

/**
 * How an org's logins reach Salesforce: `soap` (SOAP login() with password + token),
 * `oauth-password` (a connected app's OAuth username-password flow: consumer key + password),
 * `browser` (OAuth web-server flow with PKCE, signed in in the browser), `client-credentials` (an
 * app's consumer key + secret, as its run-as user) or `jwt` (the JWT bearer flow: a signed assertion).
 */
export const LOGIN_FLOWS = ['soap', 'oauth-password', 'browser', 'client-credentials', 'jwt'] as const;
export type LoginFlow = (typeof LOGIN_FLOWS)[number];

export interface RetirementSource {
  title: string;
  url: string;
}

/** What Salesforce published about a flow's end. */
export interface Retirement {
  /** The published date the flow stops working (YYYY-MM-DD), or null when only a release was named. */
  deadline: string | null;
  /** The release it belongs to, e.g. "Summer ’27". */
  release: string;
  /** One sentence of what Salesforce said, for the README table. */
  detail: string;
  sources: RetirementSource[];
}

export interface LoginFlowInfo {
  flow: LoginFlow;
  /** Salesforce's name for it, e.g. "OAuth username-password flow". */
  name: string;
  /** Which OrgKey orgs log in this way. */
  orgkeyUse: string;
  /** Null: Salesforce has announced no end for it. */
  retirement: Retirement | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const RELEASE = /^(Spring|Summer|Winter) ’(\d{2})$/;

function invalid(what: string): never {
  throw new Error(`[retirements] retirements.json: ${what}`);
}

/** The data file, checked once: a typo in a date must fail every test, not show "NaN days". */
export function parseRetirements(raw: unknown): readonly LoginFlowInfo[] {
  const flows = typeof raw === 'object' && raw !== null ? (raw as { flows?: unknown }).flows : undefined;
  if (!Array.isArray(flows)) invalid('"flows" must be an array');
  const seen = new Set<string>();
  for (const entry of flows as LoginFlowInfo[]) {
    if (!LOGIN_FLOWS.includes(entry.flow)) invalid(`unknown flow "${String(entry.flow)}"`);
    if (seen.has(entry.flow)) invalid(`flow "${entry.flow}" is listed twice`);
    seen.add(entry.flow);
    if (!entry.name || !entry.orgkeyUse) invalid(`flow "${entry.flow}" needs a name and orgkeyUse`);
    const retirement = entry.retirement;
    if (retirement === null) continue;
    if (retirement.deadline !== null && (!ISO_DATE.test(retirement.deadline) || Number.isNaN(Date.parse(retirement.deadline)))) {
      invalid(`flow "${entry.flow}": deadline "${retirement.deadline}" is not a YYYY-MM-DD date`);
    }
    if (!RELEASE.test(retirement.release)) invalid(`flow "${entry.flow}": release "${retirement.release}" is not like “Summer ’27”`);
    if (!retirement.detail) invalid(`flow "${entry.flow}" needs a detail`);
    if (!retirement.sources?.length || retirement.sources.some((s) => !s.title || !s.url?.startsWith('https://'))) {
      invalid(`flow "${entry.flow}" needs at least one source with a title and an https:// address`);
    }
  }
  const missing = LOGIN_FLOWS.filter((flow) => !seen.has(flow));
  if (missing.length) invalid(`no entry for ${missing.join(', ')}`);
  return flows as LoginFlowInfo[];
}

/** Every login flow with its retirement, in the data file's order. */
export const LOGIN_FLOW_INFO: readonly LoginFlowInfo[] = parseRetirements(data);

export function loginFlowInfo(flow: LoginFlow): LoginFlowInfo {
  return LOGIN_FLOW_INFO.find((entry) => entry.flow === flow)!;
}

/** The way an org logs in: a password org with a consumer key uses the OAuth username-password flow. */
export function loginFlowOf(org: Pick<OrgSummary, 'auth' | 'clientId'>): LoginFlow {
  return loginMethodOf(org).flow(org);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 24 * 60 * 60 * 1000;

function utcDay(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/** "2027-02-20" → "20 Feb 2027": the same words in every locale, as Salesforce's notices write it. */
export function formatDeadline(iso: string): string {
  const date = new Date(utcDay(iso));
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** The date, or the release when Salesforce named no date: "20 Feb 2027", "Summer ’27". */
export function deadlineLabel(retirement: Retirement): string {
  return retirement.deadline ? formatDeadline(retirement.deadline) : retirement.release;
}

/**
 * Whole days from today's date in UTC to the deadline. 0 on the deadline and after it: the flow is
 * off from that day (Salesforce enforces it on the date), so a count never goes negative.
 */
export function daysUntil(deadline: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.max(0, Math.round((utcDay(deadline) - today) / DAY_MS));
}

/** One org and the end of its way of logging in, as `orgkey list --json` prints it. */
export interface RetirementStatus {
  flow: LoginFlow;
  /** Whether Salesforce has announced the end of this org's way of logging in. */
  affected: boolean;
  /** The published date (YYYY-MM-DD); null when Salesforce named only a release, or nothing ends. */
  deadline: string | null;
  /** "20 Feb 2027", or the release ("Summer ’27") when there is no date; null when nothing ends. */
  deadlineLabel: string | null;
  /** Whole days left (UTC dates); 0 from the deadline on, when the flow is off. Null without a date. */
  daysLeft: number | null;
}

export function retirementStatus(org: Pick<OrgSummary, 'auth' | 'clientId'>, now: Date): RetirementStatus {
  return flowRetirementStatus(loginFlowOf(org), now);
}

/** The end of one login flow, as of `now` (an org's, or a login audit group's). */
export function flowRetirementStatus(flow: LoginFlow, now: Date): RetirementStatus {
  const retirement = loginFlowInfo(flow).retirement;
  if (!retirement) return { flow, affected: false, deadline: null, deadlineLabel: null, daysLeft: null };
  return {
    flow,
    affected: true,
    deadline: retirement.deadline,
    deadlineLabel: deadlineLabel(retirement),
    daysLeft: retirement.deadline ? daysUntil(retirement.deadline, now) : null,
  };
}

/** Whether the deadline has come: the flow no longer works at all (only flows with a published date). */
export const isPastDeadline = (status: RetirementStatus): boolean => status.daysLeft === 0;

/** "in 1 day", "in 80 days". */
export function inDays(days: number): string {
  return days === 1 ? 'in 1 day' : `in ${days} days`;
}

/**
 * Roughly when a release arrives, only to put retirements in order when one has no date:
 * Spring ’YY in February, Summer ’YY in June, Winter ’YY the October before.
 */
function releaseDay(release: string): number {
  const [, season, yy] = RELEASE.exec(release)!;
  const year = 2000 + Number(yy);
  if (season === 'Spring') return Date.UTC(year, 1, 1);
  if (season === 'Summer') return Date.UTC(year, 5, 1);
  return Date.UTC(year - 1, 9, 1);
}

/** Nearest retirement first (by date, or by release when there is no date); flows that do not retire last. */
export function nearestFirst(a: Retirement | null, b: Retirement | null): number {
  const day = (retirement: Retirement | null) =>
    retirement === null ? Number.POSITIVE_INFINITY : retirement.deadline ? utcDay(retirement.deadline) : releaseDay(retirement.release);
  return day(a) - day(b) || 0;
}

/** One retirement that stops some of the given orgs. */
export interface RetirementTally {
  flow: LoginFlow;
  name: string;
  deadline: string | null;
  deadlineLabel: string;
  daysLeft: number | null;
  /** Orgs that log in this way. */
  orgs: number;
  /** Of those, orgs whose logins this already stops: SOAP login() switched off in the org, or the deadline passed. */
  alreadyOff: number;
}

/** The retirements that stop any of these orgs, nearest first. */
export function tallyRetirements(orgs: readonly Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'>[], now: Date): RetirementTally[] {
  const tallies = new Map<LoginFlow, RetirementTally>();
  for (const org of orgs) {
    const status = retirementStatus(org, now);
    if (!status.affected) continue;
    let tally = tallies.get(status.flow);
    if (!tally) {
      tally = { flow: status.flow, name: loginFlowInfo(status.flow).name, deadline: status.deadline, deadlineLabel: status.deadlineLabel!, daysLeft: status.daysLeft, orgs: 0, alreadyOff: 0 };
      tallies.set(status.flow, tally);
    }
    tally.orgs += 1;
    if (isPastDeadline(status) || soapReadiness(org) === 'soap-disabled') tally.alreadyOff += 1;
  }
  return [...tallies.values()].sort((a, b) => nearestFirst(loginFlowInfo(a.flow).retirement, loginFlowInfo(b.flow).retirement));
}

const orgCount = (n: number) => (n === 1 ? '1 org' : `${n} orgs`);

/**
 * One retirement in a sentence, e.g. "OAuth username-password flow: off 20 Feb 2027 (in 80 days) — 3 orgs"
 * or "SOAP login(): retired in Summer ’27 — 12 orgs, 2 already have it off".
 */
export function tallyText(tally: RetirementTally): string {
  if (tally.deadline !== null && tally.daysLeft === 0) return `${tally.name}: off since ${tally.deadlineLabel} — ${orgCount(tally.orgs)} can no longer log in this way`;
  const when = tally.deadline !== null ? `off ${tally.deadlineLabel} (${inDays(tally.daysLeft!)})` : `retired in ${tally.deadlineLabel}`;
  const off = tally.alreadyOff === 0 ? '' : tally.alreadyOff === 1 ? ', 1 already has it off' : `, ${tally.alreadyOff} already have it off`;
  return `${tally.name}: ${when} — ${orgCount(tally.orgs)}${off}`;
}
