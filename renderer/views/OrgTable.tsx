import { memo, useLayoutEffect, useRef } from 'react';
import type { OrgSummary } from '../../shared/domain';
import { LoginBadge } from '../components/LoginBadge';
import { useWindowedRows } from '../hooks/useWindowedRows';
import { environmentLabel, formatTimestamp, hostOf, timeAgo } from '../lib/format';
import { passwordExpiryView } from '../lib/passwordExpiry';
import { readinessOf } from '../lib/readiness';
import { statusOf } from '../lib/testStatus';
import { TokenAge } from './secrets/TokenAge';

const COLUMNS = 8;

export interface OrgTableProps {
  orgs: readonly OrgSummary[];
  labelledBy: string;
  onOpen: (org: OrgSummary) => void;
  /** Orgs whose connection test is running now. */
  testing: ReadonlySet<string>;
  /** Orgs "Test all" skipped because of the lockout guard, with the test time they had then. */
  guarded: ReadonlyMap<string, string | null>;
  /** The current time, for "2 min ago". */
  now: number;
}

/**
 * The orgs as a real table, in the order core sorted them (by alias).
 *
 * Only rows near the viewport are in the DOM (see useWindowedRows); `aria-rowcount` and
 * `aria-rowindex` tell assistive technology the full size and each row's place. Memoised, so a
 * filter keystroke re-renders it once, when the filtered list is ready, not also for the input.
 */
export const OrgTable = memo(function OrgTable({ orgs, labelledBy, onOpen, testing, guarded, now }: OrgTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const topSpacer = useRef<HTMLTableCellElement>(null);
  const bottomSpacer = useRef<HTMLTableCellElement>(null);
  const { start, end, rowHeight } = useWindowedRows(orgs.length, bodyRef);

  // Spacer heights go through the CSSOM, which the CSP permits; no inline style attributes.
  useLayoutEffect(() => {
    topSpacer.current?.style.setProperty('height', `${start * rowHeight}px`);
    bottomSpacer.current?.style.setProperty('height', `${(orgs.length - end) * rowHeight}px`);
  }, [start, end, rowHeight, orgs.length]);

  return (
    <table
      className="slds-table slds-table_cell-buffer slds-table_bordered slds-table_fixed-layout ok-org-table"
      aria-labelledby={labelledBy}
      aria-rowcount={orgs.length + 1}
      data-org-count={orgs.length}
    >
      <thead>
        <tr className="slds-line-height_reset" aria-rowindex={1}>
          <th scope="col" className="ok-col-name">
            Name
          </th>
          <th scope="col" className="ok-col-status">
            Status
          </th>
          <th scope="col" className="ok-col-login">
            Login
          </th>
          <th scope="col" className="ok-col-token">
            Token
          </th>
          <th scope="col" className="ok-col-password">
            Password
          </th>
          <th scope="col" className="ok-col-username">
            Username
          </th>
          <th scope="col" className="ok-col-env">
            Environment
          </th>
          <th scope="col" className="ok-col-host">
            Login host
          </th>
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {start > 0 ? (
          <tr className="ok-spacer" aria-hidden="true">
            <td ref={topSpacer} colSpan={COLUMNS} />
          </tr>
        ) : null}
        {orgs.slice(start, end).map((org, offset) => (
          <OrgRow
            key={org.id}
            org={org}
            index={start + offset}
            onOpen={onOpen}
            testing={testing.has(org.id)}
            // Still the result the guard saw: the mark holds until the org is tested again.
            guarded={guarded.has(org.id) && guarded.get(org.id) === (org.lastTest?.testedAt ?? null)}
            now={now}
          />
        ))}
        {end < orgs.length ? (
          <tr className="ok-spacer" aria-hidden="true">
            <td ref={bottomSpacer} colSpan={COLUMNS} />
          </tr>
        ) : null}
      </tbody>
    </table>
  );
});

interface OrgRowProps {
  org: OrgSummary;
  index: number;
  onOpen: (org: OrgSummary) => void;
  testing: boolean;
  guarded: boolean;
  now: number;
}

const OrgRow = memo(function OrgRow({ org, index, onOpen, testing, guarded, now }: OrgRowProps) {
  const host = hostOf(org.loginUrl);
  const status = statusOf(org.lastTest, testing, guarded);
  const testedAt = !testing ? org.lastTest?.testedAt : undefined;
  const readiness = readinessOf(org, now);
  const expiry = passwordExpiryView(org, now);
  return (
    <tr data-row="" aria-rowindex={index + 2}>
      <th scope="row">
        {/* A button, not a link: it changes the view inside the app and never navigates. */}
        <button type="button" className="slds-button ok-org-link" title={org.alias} onClick={() => onOpen(org)}>
          {org.alias}
        </button>
      </th>
      <td className="ok-status-cell" data-status={status.status} data-failure-code={status.failureCode}>
        <span className="ok-status">
          <span className={status.badgeClass}>{status.label}</span>
          {testedAt ? (
            <time className="ok-status__time" dateTime={testedAt} title={formatTimestamp(testedAt)}>
              {timeAgo(testedAt, now)}
            </time>
          ) : null}
        </span>
      </td>
      <td className="ok-login-cell" data-readiness={readiness.readiness} data-flow={readiness.retirement.flow}>
        <LoginBadge readiness={readiness} title={readiness.sentence} />
      </td>
      <td className="ok-token-cell">{org.auth === 'browser' ? <SignedInAge org={org} now={now} /> : <TokenAge org={org} now={now} />}</td>
      <td className="ok-password-cell" data-password-expiry={expiry?.standing.state ?? 'none'}>
        {/* The sentence (the date, or why it is unknown) is the badge's title here and in full on the detail. */}
        {expiry ? (
          <span className={expiry.badgeClass} title={expiry.sentence}>
            {expiry.label}
          </span>
        ) : null}
      </td>
      <td title={org.username}>{org.username}</td>
      <td>{environmentLabel(org.environment)}</td>
      <td title={host}>{host}</td>
    </tr>
  );
});

/** A browser org has no security token: its column says when someone last signed in instead. */
function SignedInAge({ org, now }: { org: Pick<OrgSummary, 'signedInAt'>; now: number }) {
  if (!org.signedInAt) return <span className="ok-token-age">Not signed in</span>;
  return (
    <span className="ok-token-age">
      <time dateTime={org.signedInAt} title={formatTimestamp(org.signedInAt)}>
        {`signed in ${timeAgo(org.signedInAt, now)}`}
      </time>
    </span>
  );
}
