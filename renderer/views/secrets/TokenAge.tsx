import { testedSinceTokenSet, type OrgSummary } from '../../../shared/domain';
import { formatTimestamp, timeAgo } from '../../lib/format';

/** The stored token has not been through a login since it was set (a proof before storing counts). */
export function untestedToken(org: Pick<OrgSummary, 'hasToken' | 'tokenUpdatedAt' | 'lastTest'>): boolean {
  return org.hasToken && !!org.tokenUpdatedAt && !testedSinceTokenSet(org);
}

/** "set 3 days ago" (or "No token"), and "Not tested since set" when that is so. */
export function TokenAge({ org, now }: { org: Pick<OrgSummary, 'hasToken' | 'tokenUpdatedAt' | 'lastTest'>; now: number }) {
  const setAt = org.hasToken ? org.tokenUpdatedAt : undefined;
  return (
    <span className="ok-token-age">
      {setAt ? (
        <time dateTime={setAt} title={formatTimestamp(setAt)}>
          {`set ${timeAgo(setAt, now)}`}
        </time>
      ) : org.hasToken ? (
        'Stored'
      ) : (
        'No token'
      )}
      {untestedToken(org) ? (
        <span className="slds-badge slds-badge_lightest" data-untested-token="true">
          Not tested since set
        </span>
      ) : null}
    </span>
  );
}
