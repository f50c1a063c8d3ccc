import { memo, useLayoutEffect, useRef } from 'react';
import type { OrgSummary } from '../../shared/domain';
import { useWindowedRows } from '../hooks/useWindowedRows';
import { environmentLabel, hostOf } from '../lib/format';

/**
 * The orgs as a real table, in the order core sorted them (by alias).
 *
 * Only rows near the viewport are in the DOM (see useWindowedRows); `aria-rowcount` and
 * `aria-rowindex` tell assistive technology the full size and each row's place.
 */
export function OrgTable({ orgs, labelledBy, onOpen }: { orgs: readonly OrgSummary[]; labelledBy: string; onOpen: (org: OrgSummary) => void }) {
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
            <td ref={topSpacer} colSpan={4} />
          </tr>
        ) : null}
        {orgs.slice(start, end).map((org, offset) => (
          <OrgRow key={org.id} org={org} index={start + offset} onOpen={onOpen} />
        ))}
        {end < orgs.length ? (
          <tr className="ok-spacer" aria-hidden="true">
            <td ref={bottomSpacer} colSpan={4} />
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

const OrgRow = memo(function OrgRow({ org, index, onOpen }: { org: OrgSummary; index: number; onOpen: (org: OrgSummary) => void }) {
  const host = hostOf(org.loginUrl);
  return (
    <tr data-row="" aria-rowindex={index + 2}>
      <th scope="row">
        {/* A button, not a link: it changes the view inside the app and never navigates. */}
        <button type="button" className="slds-button ok-org-link" title={org.alias} onClick={() => onOpen(org)}>
          {org.alias}
        </button>
      </th>
      <td title={org.username}>{org.username}</td>
      <td>{environmentLabel(org.environment)}</td>
      <td title={host}>{host}</td>
    </tr>
  );
});
