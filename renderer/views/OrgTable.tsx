import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { OrgSummary } from '../../shared/domain';
import { LoginBadge } from '../components/LoginBadge';
import { OrgSwatch } from '../components/OrgSwatch';
import { useWindowedRows } from '../hooks/useWindowedRows';
import { environmentLabel, formatTimestamp, hostOf, timeAgo } from '../lib/format';
import { orgColorLabel } from '../../shared/org-colors';
import { groupedRows, type OrgListRow } from '../lib/orgGroups';
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
 * The orgs as a real table, in the order core sorted them (by alias); when any org has a group,
 * under a heading row per group (lib/orgGroups.ts), the orgs in no group last.
 *
 * Only rows near the viewport are in the DOM (see useWindowedRows); `aria-rowcount` and
 * `aria-rowindex` tell assistive technology the full size and each row's place. Memoised, so a
 * filter keystroke re-renders it once, when the filtered list is ready, not also for the input.
 */
export const OrgTable = memo(function OrgTable({ orgs, labelledBy, onOpen, testing, guarded, now }: OrgTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const topSpacer = useRef<HTMLTableCellElement>(null);
  const bottomSpacer = useRef<HTMLTableCellElement>(null);
  // Heading rows have the orgs' fixed height, so the window counts them as rows like any other.
  const rows = useMemo<readonly OrgListRow[]>(() => groupedRows(orgs) ?? orgs.map((org) => ({ kind: 'org', org })), [orgs]);
  const { start, end, rowHeight } = useWindowedRows(rows.length, bodyRef);

  // Spacer heights go through the CSSOM, which the CSP permits; no inline style attributes.
  useLayoutEffect(() => {
    // Group headings as tall as an org's row (which its badges may make taller than the CSS minimum).
    bodyRef.current?.style.setProperty('--ok-row-height', `${rowHeight}px`);
    topSpacer.current?.style.setProperty('height', `${start * rowHeight}px`);
    bottomSpacer.current?.style.setProperty('height', `${(rows.length - end) * rowHeight}px`);
  }, [start, end, rowHeight, rows.length]);

  return (
    <table
      className="slds-table slds-table_cell-buffer slds-table_bordered slds-table_fixed-layout ok-org-table"
      aria-labelledby={labelledBy}
      aria-rowcount={rows.length + 1}
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
        {rows.slice(start, end).map((row, offset) =>
          row.kind === 'group' ? (
            <GroupRow key={`group:${row.group ?? ''}`} group={row.group} count={row.count} index={start + offset} />
          ) : (
            <OrgRow
              key={row.org.id}
              org={row.org}
              index={start + offset}
              onOpen={onOpen}
              testing={testing.has(row.org.id)}
              // Still the result the guard saw: the mark holds until the org is tested again.
              guarded={guarded.has(row.org.id) && guarded.get(row.org.id) === (row.org.lastTest?.testedAt ?? null)}
              now={now}
            />
          ),
        )}
        {end < rows.length ? (
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
      <th scope="row" className="ok-name-cell" data-color={org.color} data-group={org.group ?? ''}>
        {/* The colour is also in words (the title, and the environment column): never the only sign. */}
        <span title={`Colour: ${orgColorLabel(org.color)}${org.colorIsDefault ? ' (default)' : ''}`}>
          <OrgSwatch color={org.color} />
        </span>
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

/** A group's heading across the table: its name and how many of the orgs shown are in it. */
const GroupRow = memo(function GroupRow({ group, count, index }: { group: string | null; count: number; index: number }) {
  return (
    <tr data-row="" className="ok-group-row" data-group-heading={group ?? ''} aria-rowindex={index + 2}>
      {/* A heading, not a header cell: it names the rows after it, not a column; heading navigation finds it. */}
      <td colSpan={COLUMNS}>
        <h2 className="ok-group-row__name">{group ?? 'No group'}</h2>
        <span className="ok-group-row__count">{count === 1 ? '1 org' : `${count} orgs`}</span>
      </td>
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
