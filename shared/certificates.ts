/**
 * A JWT org's certificate against the calendar: how many days it has left, and the notice OrgKey
 * gives 30 days ahead and after it expired. The app, `orgkey list` / `show` and a test's warnings
 * all ask here, so they say the same thing on the same day.
 *
 * Salesforce itself does not refuse an assertion once the app's certificate has expired (its
 * product management calls that by design): the expiry is a reminder to rotate, which the notice
 * says without claiming the logins stop.
 */
import type { CertificateInfo, Notice } from './domain';
import { formatDeadline, inDays } from './retirements';

/** How many days ahead of its expiry a certificate is warned about. */
export const CERTIFICATE_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

export interface CertificateStanding {
  /** `expiring`: within CERTIFICATE_WARNING_DAYS of `notAfter`; `expired`: past it. */
  state: 'valid' | 'expiring' | 'expired';
  /** Whole days from now to `notAfter`; 0 once it has passed (never negative). */
  daysLeft: number;
  /** "1 Dec 2028" (UTC). */
  expiresLabel: string;
}

export function certificateStanding(info: Pick<CertificateInfo, 'notAfter'>, now: Date): CertificateStanding {
  const left = Date.parse(info.notAfter) - now.getTime();
  const daysLeft = Math.max(0, Math.floor(left / DAY_MS));
  const state = left <= 0 ? 'expired' : daysLeft < CERTIFICATE_WARNING_DAYS ? 'expiring' : 'valid';
  return { state, daysLeft, expiresLabel: formatDeadline(info.notAfter.slice(0, 10)) };
}

const ROTATE = 'Rotate the key (Rotate key in the app, or orgkey cert --rotate), upload the new certificate to the app and test the org.';

/** The warning for a certificate that expires within 30 days or has expired; null otherwise. */
export function certificateNotice(info: Pick<CertificateInfo, 'notAfter'> | undefined, now: Date): Notice | null {
  if (!info) return null;
  const standing = certificateStanding(info, now);
  if (standing.state === 'valid') return null;
  if (standing.state === 'expired') {
    return { code: 'CERTIFICATE_EXPIRED', message: `The certificate OrgKey signs with expired on ${standing.expiresLabel}. ${ROTATE}` };
  }
  const when = standing.daysLeft === 0 ? 'today' : inDays(standing.daysLeft);
  return { code: 'CERTIFICATE_EXPIRING', message: `The certificate OrgKey signs with expires on ${standing.expiresLabel} (${when}). ${ROTATE}` };
}
