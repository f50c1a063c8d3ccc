/**
 * How each org logs in and whether it depends on SOAP login(), which Salesforce retires in
 * Summer ’27 (README "Browser login"): one short badge for the list, one sentence for the detail,
 * and the counts for the list's banner. The classification itself is the shared `soapReadiness`.
 */
import { dependsOnSoapLogin, soapReadiness, type OrgSummary, type SoapReadiness } from '../../shared/domain';

export interface ReadinessView {
  readiness: SoapReadiness;
  /** One to three words, e.g. "SOAP (off in this org)". */
  label: string;
  /** SLDS badge classes, written whole so the SLDS purge keeps them. */
  badgeClass: string;
  /** The detail's sentence: how it logs in and what Summer ’27 means for it. */
  sentence: string;
  dependsOnSoap: boolean;
}

const VIEWS: Record<SoapReadiness, Omit<ReadinessView, 'readiness' | 'dependsOnSoap'>> = {
  browser: {
    label: 'Browser',
    badgeClass: 'slds-badge slds-theme_success',
    sentence: 'Logs in with Browser login (OAuth): the retirement of SOAP login() in Summer ’27 does not affect it.',
  },
  'oauth-password': {
    label: 'OAuth password',
    badgeClass: 'slds-badge',
    sentence:
      'Logs in with a consumer key and the password (OAuth), not SOAP login(), so Summer ’27 does not affect it; Salesforce blocks this flow by default in new orgs, so Browser login (OAuth) is the lasting choice.',
  },
  'soap-disabled': {
    label: 'SOAP (off in this org)',
    badgeClass: 'slds-badge slds-theme_error',
    sentence: 'Depends on SOAP login(), which this org already has switched off: its password logins fail today. Switch it to Browser login (OAuth).',
  },
  'soap-allowed': {
    label: 'SOAP',
    badgeClass: 'slds-badge slds-theme_warning',
    sentence: 'Depends on SOAP login(), which Salesforce retires in Summer ’27; it still worked at the last test. Switch it to Browser login (OAuth) before then.',
  },
  'soap-unknown': {
    label: 'SOAP (untested)',
    badgeClass: 'slds-badge slds-badge_lightest',
    sentence:
      'Depends on SOAP login(), which Salesforce retires in Summer ’27; OrgKey does not know yet whether this org still allows it. Switch it to Browser login (OAuth).',
  },
};

type ReadinessInput = Pick<OrgSummary, 'auth' | 'clientId' | 'soapLogin'>;

export function readinessOf(org: ReadinessInput): ReadinessView {
  const readiness = soapReadiness(org);
  return { readiness, ...VIEWS[readiness], dependsOnSoap: dependsOnSoapLogin(org) };
}

export interface ReadinessCounts {
  /** Orgs whose logins depend on SOAP login(). */
  dependent: number;
  /** Of those, orgs where it is already switched off. */
  disabled: number;
}

export function readinessCounts(orgs: readonly ReadinessInput[]): ReadinessCounts {
  let dependent = 0;
  let disabled = 0;
  for (const org of orgs) {
    const readiness = soapReadiness(org);
    if (!readiness.startsWith('soap-')) continue;
    dependent += 1;
    if (readiness === 'soap-disabled') disabled += 1;
  }
  return { dependent, disabled };
}

/** The banner's sentence about the counts, e.g. "3 of your orgs still depend on it (1 already has it switched off)." */
export function dependentSentence({ dependent, disabled }: ReadinessCounts): string {
  const orgs = dependent === 1 ? '1 of your orgs still depends on it' : `${dependent} of your orgs still depend on it`;
  const off = disabled === 0 ? '' : disabled === 1 ? ' (1 already has it switched off)' : ` (${disabled} already have it switched off)`;
  return `${orgs}${off}.`;
}
