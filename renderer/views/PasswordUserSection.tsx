import type { OrgDetail } from '../../shared/domain';
import { integrationChecklist, type ChecklistLine } from '../../shared/integration-checklist';
import { useNow } from '../hooks/useNow';
import { formatTimestamp } from '../lib/format';
import { passwordExpiryView } from '../lib/passwordExpiry';

const STATE_BADGE: Record<ChecklistLine['state'], { label: string; className: string }> = {
  ok: { label: 'OK', className: 'slds-badge slds-theme_success' },
  change: { label: 'Change', className: 'slds-badge slds-theme_warning' },
  unknown: { label: 'Not read', className: 'slds-badge' },
};

/**
 * A password org's user as the last test read it: when the password expires (or why that is not
 * known, and what is known instead), and the integration-user checklist, each item as read from
 * the org with what to change in Setup. Nothing here logs in: a connection test reads it.
 */
export function PasswordUserSection({ org }: { org: OrgDetail }) {
  const now = useNow();
  const expiry = passwordExpiryView(org, now);
  if (!expiry) return null;
  const reading = org.passwordPolicy;
  const checklist = integrationChecklist(org.integrationChecklist, org);
  return (
    <section className="ok-card" aria-labelledby="password-user-heading" data-password-expiry={expiry.standing.state}>
      <h2 id="password-user-heading" className="slds-text-heading_medium slds-m-bottom_small">
        Password expiry and integration user
      </h2>
      <dl className="slds-dl_horizontal ok-summary">
        <dt className="slds-dl_horizontal__label">Password</dt>
        <dd className="slds-dl_horizontal__detail">
          <span className={expiry.badgeClass}>{expiry.label}</span>
          <p className="ok-readiness-note" data-expiry-sentence="">
            {expiry.sentence}
          </p>
          {reading ? (
            <p className="ok-muted">
              {'Read at the test of '}
              <time dateTime={reading.readAt}>{formatTimestamp(reading.readAt)}</time>
            </p>
          ) : null}
        </dd>
      </dl>
      <h3 className="slds-text-heading_small slds-m-top_medium slds-m-bottom_x-small">Integration-user checklist</h3>
      {checklist ? (
        <ul className="ok-checklist" aria-label="Integration-user checklist">
          {checklist.map((line) => (
            <li key={line.id} className="slds-m-bottom_x-small" data-check={line.id} data-check-state={line.state}>
              <span className={STATE_BADGE[line.state].className}>{STATE_BADGE[line.state].label}</span> <strong>{line.label}</strong>
              <p>{line.seen}</p>
              {line.change ? <p className="ok-checklist__change">{`What to change: ${line.change}`}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="ok-muted">A connection test reads how the user is set up for unattended logins.</p>
      )}
    </section>
  );
}
