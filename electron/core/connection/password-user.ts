/**
 * What a password org's test read about its user, as the readings the org keeps: when the password
 * expires (with why not, and what is known instead, when the policy could not be read) and the
 * integration-user checklist's permissions. Kept with the time they were read, so the list, the
 * detail and `orgkey list` show them without logging in.
 */
import type { IntegrationUserReading } from '../../../shared/integration-checklist';
import { DEFAULT_PASSWORD_EXPIRY_DAYS, passwordExpiresAt, type PasswordPolicyReading } from '../../../shared/password-expiry';
import { formatDeadline } from '../../../shared/retirements';
import type { PasswordUserFacts } from '../ports';

/** Salesforce's refusal, in words; UNREADABLE is an answer that was not Salesforce's. */
function refusalText(code: string): string {
  return code === 'UNREADABLE' ? 'Salesforce’s answer could not be read' : `Salesforce refused it (${code})`;
}

function unknownPolicyReason(facts: PasswordUserFacts, lastChangedAt: string | null): string {
  const reasons: string[] = [];
  if (!facts.policy) {
    reasons.push(
      `OrgKey could not read the password policy: ${refusalText(facts.policyRefusal ?? 'UNREADABLE')}. Reading it (Metadata API) needs “Modify All Data” or “Modify Metadata Through Metadata API Functions”, which an integration user rarely has; Setup › Password Policies shows it.`,
    );
  }
  if (!lastChangedAt) {
    reasons.push(
      facts.userRefusal
        ? `OrgKey could not read when the password was last changed: ${refusalText(facts.userRefusal)}.`
        : 'Salesforce has no date of the last password change for this user.',
    );
  } else if (!facts.policy) {
    // What can be known without the policy: the last change, and where Salesforce's default would put the expiry.
    const assumed = passwordExpiresAt(lastChangedAt, DEFAULT_PASSWORD_EXPIRY_DAYS)!;
    reasons.push(
      `The password was last changed on ${formatDeadline(lastChangedAt.slice(0, 10))}; under Salesforce’s default policy (${DEFAULT_PASSWORD_EXPIRY_DAYS} days) it would expire on ${formatDeadline(assumed.slice(0, 10))}.`,
    );
  }
  return reasons.join(' ');
}

/** The password's expiry as the facts tell it, read at `now`. */
export function passwordPolicyReading(facts: PasswordUserFacts, now: Date): PasswordPolicyReading {
  const lastChangedAt = facts.user?.lastPasswordChangeDate ?? null;
  const base = { readAt: now.toISOString(), lastChangedAt, expiryDays: facts.policy?.expiryDays ?? null };
  if (facts.permissions?.passwordNeverExpires) return { ...base, neverExpires: true, source: 'permission', expiresAt: null };
  const policy = facts.policy;
  if (policy && policy.expiryDays === 0) return { ...base, neverExpires: false, source: policy.source, expiresAt: null };
  if (policy && lastChangedAt) return { ...base, neverExpires: false, source: policy.source, expiresAt: passwordExpiresAt(lastChangedAt, policy.expiryDays) };
  return { ...base, neverExpires: false, source: 'unknown', unknownReason: unknownPolicyReason(facts, lastChangedAt), expiresAt: null };
}

/** The checklist's permissions as read at `now`; each null when Salesforce refused the read. */
export function integrationUserReading(facts: PasswordUserFacts, now: Date): IntegrationUserReading {
  const read = facts.permissions;
  return {
    readAt: now.toISOString(),
    apiOnly: read?.apiOnly ?? null,
    passwordNeverExpires: read?.passwordNeverExpires ?? null,
    apiEnabled: read?.apiEnabled ?? null,
    useAnyApiAuth: read?.useAnyApiAuth ?? null,
    mfaForApi: read?.mfaForApi ?? null,
    ...(facts.permissionsRefusal ? { unreadReason: `the user’s permissions (UserPermissionAccess): ${refusalText(facts.permissionsRefusal)}.` } : {}),
  };
}
