/**
 * How a password org's password expiry reads in the list and the detail: one short badge, and the
 * sentence behind it. The standing itself is shared/password-expiry.ts's, as `orgkey` says it.
 */
import type { OrgSummary } from '../../shared/domain';
import { loginMethodOf } from '../../shared/login-methods';
import { passwordExpiryStanding, passwordExpiryText, policySourceText, type PasswordExpiryStanding } from '../../shared/password-expiry';
import { formatDate } from './format';

export interface ExpiryView {
  standing: PasswordExpiryStanding;
  /** "Expires in 12 days", "Never expires", "Expiry unknown", "Expired". */
  label: string;
  badgeClass: string;
  /** The full sentence: the date, the policy it comes from, or why it is unknown. */
  sentence: string;
}

/** The org's expiry view, or null for an org that logs in without a password. */
export function passwordExpiryView(org: Pick<OrgSummary, 'auth' | 'passwordPolicy'>, now: number): ExpiryView | null {
  if (!loginMethodOf(org).usesPassword) return null;
  const reading = org.passwordPolicy;
  const standing = passwordExpiryStanding(reading, new Date(now));
  const text = passwordExpiryText(standing);
  const label = text.charAt(0).toUpperCase() + text.slice(1);
  switch (standing.state) {
    case 'expires':
      return {
        standing,
        label,
        badgeClass: standing.warnAt === null ? 'slds-badge slds-badge_lightest' : 'slds-badge slds-theme_warning',
        sentence: `The password expires on ${formatDate(standing.expiresAt)} under ${policySourceText(reading!)}.`,
      };
    case 'expired':
      return { standing, label: 'Expired', badgeClass: 'slds-badge slds-theme_error', sentence: `By ${policySourceText(reading!)}, the password expired on ${formatDate(standing.expiresAt)}.` };
    case 'never':
      return { standing, label, badgeClass: 'slds-badge slds-badge_lightest', sentence: `The password never expires, by ${policySourceText(reading!)}.` };
    case 'unknown':
      return { standing, label: 'Expiry unknown', badgeClass: 'slds-badge', sentence: standing.reason };
    case 'not-read':
      return { standing, label: 'Not read yet', badgeClass: 'slds-badge', sentence: 'A connection test reads when the password expires.' };
  }
}
