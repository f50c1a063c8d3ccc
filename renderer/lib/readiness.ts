/**
 * How each org logs in and when Salesforce stops that way of logging in: the OAuth
 * username-password flow on its published date, SOAP login() with a release (README "The
 * retirement of password logins"). A short badge and its deadline for the list, one sentence for
 * the detail, and the lines of the list's banner. Dates and day counts come from shared/retirements.ts.
 */
import { soapReadiness, type AuthMethod, type OrgSummary, type SoapReadiness } from '../../shared/domain';
import { inDays, isPastDeadline, retirementStatus, tallyRetirements, tallyText, type RetirementStatus, type RetirementTally } from '../../shared/retirements';

export interface ReadinessView {
  readiness: SoapReadiness;
  retirement: RetirementStatus;
  /** The badge: how it logs in in one to four words, e.g. "OAuth password", "SOAP (off in this org)". */
  label: string;
  /** When that stops, next to the badge: "until 20 Feb 2027", "off since 20 Feb 2027", "until Summer ’27"; null when nothing to add. */
  deadlineText: string | null;
  /** SLDS badge classes, written whole so the SLDS purge keeps them. */
  badgeClass: string;
  /** The detail's sentence: how it logs in and when Salesforce stops that. */
  sentence: string;
  /** Whether Salesforce ends the way it logs in, so another method is the way to go. */
  affected: boolean;
  /** Who logs in with the org, and so which methods to offer instead (`fitOf`). */
  fit: LoginFit;
}

type ReadinessInput = Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'> & Partial<Pick<OrgSummary, 'dataLoaderExports'>>;

/**
 * Who logs in with an org: a person at a keyboard, or a server or tool (a Data Loader job runs
 * unattended). A person signs in with the browser; a server needs a way with no person at all.
 */
export type LoginFit = 'person' | 'server';

/** The methods that fit, first the one to offer first. */
export const METHODS_FOR: Record<LoginFit, readonly AuthMethod[]> = {
  person: ['browser'],
  server: ['client-credentials', 'jwt'],
};

/**
 * A person unless something says a server uses the org: a Data Loader export (batch jobs run with
 * nobody there). The app does not learn whether the user is API-only, so that cannot count here.
 */
export function fitOf(org: ReadinessInput): LoginFit {
  return org.dataLoaderExports?.length ? 'server' : 'person';
}

const SWITCH: Record<LoginFit, string> = {
  person: 'Switch it to Browser login (OAuth)',
  server: 'A tool logs in with it (a Data Loader export is set up): switch it to Client credentials or JWT bearer, which need no person and no password,',
};

function describe(readiness: SoapReadiness, status: RetirementStatus, fit: LoginFit): Pick<ReadinessView, 'label' | 'deadlineText' | 'badgeClass' | 'sentence'> {
  const when = status.deadlineLabel ?? '';
  const switchTo = SWITCH[fit];
  const switchNow = switchTo.replace(/,$/, '');
  switch (readiness) {
    case 'browser':
      return {
        label: 'Browser',
        deadlineText: null,
        badgeClass: 'slds-badge slds-theme_success',
        sentence: 'Logs in with Browser login (OAuth): Salesforce has announced no end for it, so the password-login retirements do not affect it.',
      };
    case 'client-credentials':
      return {
        label: 'Client credentials',
        deadlineText: null,
        badgeClass: 'slds-badge slds-theme_success',
        sentence: 'Logs in with the app’s client credentials as its Run As user: no password, and Salesforce has announced no end for it, so the password-login retirements do not affect it.',
      };
    case 'jwt':
      return {
        label: 'JWT bearer',
        deadlineText: null,
        badgeClass: 'slds-badge slds-theme_success',
        sentence: 'Logs in with a JWT bearer assertion signed by its own key: no password, and Salesforce has announced no end for it, so the password-login retirements do not affect it.',
      };
    case 'oauth-password':
      return isPastDeadline(status)
        ? {
            label: 'OAuth password',
            deadlineText: `off since ${when}`,
            badgeClass: 'slds-badge slds-theme_error',
            sentence: `Logs in with a consumer key and the password — the OAuth username-password flow, which Salesforce turned off for connected apps on ${when}: its logins fail. ${switchNow}.`,
          }
        : {
            label: 'OAuth password',
            deadlineText: `until ${when}`,
            badgeClass: 'slds-badge slds-theme_warning',
            sentence: `Logs in with a consumer key and the password — the OAuth username-password flow, which Salesforce turns off for connected apps on ${when} (${inDays(status.daysLeft!)}), with no extension; External Client Apps never supported it. ${switchTo} before then.`,
          };
    case 'soap-disabled':
      return {
        label: 'SOAP (off in this org)',
        deadlineText: null,
        badgeClass: 'slds-badge slds-theme_error',
        sentence: `Depends on SOAP login(), which this org already has switched off: its password logins fail today (Salesforce retires it everywhere in ${when}). ${switchNow}.`,
      };
    case 'soap-allowed':
      return {
        label: 'SOAP',
        deadlineText: `until ${when}`,
        badgeClass: 'slds-badge slds-theme_warning',
        sentence: `Depends on SOAP login(), which Salesforce retires in ${when}; it still worked at the last test. ${switchTo} before then.`,
      };
    case 'soap-unknown':
      return {
        label: 'SOAP (untested)',
        deadlineText: `until ${when}`,
        badgeClass: 'slds-badge slds-badge_lightest',
        sentence: `Depends on SOAP login(), which Salesforce retires in ${when}; OrgKey does not know yet whether this org still allows it. ${switchNow}.`,
      };
  }
}

/** The org's readiness on the day of `now` (ms or Date). */
export function readinessOf(org: ReadinessInput, now: number | Date): ReadinessView {
  const readiness = soapReadiness(org);
  const retirement = retirementStatus(org, new Date(now));
  const fit = fitOf(org);
  return { readiness, retirement, ...describe(readiness, retirement, fit), affected: retirement.affected, fit };
}

/**
 * The banner's call to action: for the orgs a retirement stops, the method that fits each kind,
 * one sentence per kind that is there (people first).
 */
export function switchAdvice(orgs: readonly ReadinessInput[], now: number | Date): Array<{ fit: LoginFit; orgs: number; text: string }> {
  const counts: Record<LoginFit, number> = { person: 0, server: 0 };
  for (const org of orgs) if (retirementStatus(org, new Date(now)).affected) counts[fitOf(org)] += 1;
  const lines: Array<{ fit: LoginFit; orgs: number; text: string }> = [];
  const them = (n: number) => (n === 1 ? 'it' : 'them');
  if (counts.person) {
    lines.push({ fit: 'person', orgs: counts.person, text: `Switch ${them(counts.person)} to Browser login (OAuth): open an org and choose “Set up browser login”.` });
  }
  if (counts.server) {
    const which = counts.server === 1 ? 'The org a tool logs in with' : `The ${counts.server} orgs tools log in with`;
    lines.push({
      fit: 'server',
      orgs: counts.server,
      text: `${which} (a Data Loader export is set up): switch ${them(counts.server)} to Client credentials or JWT bearer, which need no person: open the org and choose “Set up client credentials” or “Set up JWT bearer”.`,
    });
  }
  return lines;
}

/** The retirements that stop any of these orgs, nearest first, each with its banner line. */
export function retirementLines(orgs: readonly ReadinessInput[], now: number | Date): Array<RetirementTally & { text: string }> {
  return tallyRetirements(orgs, new Date(now)).map((tally) => ({ ...tally, text: tallyText(tally) }));
}
