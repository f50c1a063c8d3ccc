/**
 * The org list's grouping: the orgs under a heading per group, groups in name order and the orgs in
 * no group last, each group's orgs in the list's own order (by name). One pass over the orgs, so a
 * filter keystroke over 2,000 orgs stays within its budget (README, "Performance").
 */
import type { OrgSummary } from '../../shared/domain';
import { groupsOf, sameGroup } from '../../shared/org-groups';

/** A row of the grouped table: a group's heading (`group` null: the orgs in no group) or an org. */
export type OrgListRow = { kind: 'group'; group: string | null; count: number } | { kind: 'org'; org: OrgSummary };

/** The group filter's choice: every org, the orgs of one group, or the orgs in none. */
export type GroupFilter = { kind: 'all' } | { kind: 'group'; name: string } | { kind: 'none' };

export function inGroupFilter(org: OrgSummary, filter: GroupFilter): boolean {
  if (filter.kind === 'all') return true;
  if (filter.kind === 'none') return org.group === undefined;
  return org.group !== undefined && sameGroup(org.group, filter.name);
}

/** The rows under their group headings; null when no org has a group (the list shows no headings). */
export function groupedRows(orgs: readonly OrgSummary[]): OrgListRow[] | null {
  if (!orgs.some((org) => org.group !== undefined)) return null;
  const names = groupsOf(orgs);
  const index = new Map(names.map((name, at) => [name.toLocaleLowerCase(), at]));
  const buckets: OrgSummary[][] = names.map(() => []);
  const ungrouped: OrgSummary[] = [];
  for (const org of orgs) {
    const at = org.group === undefined ? undefined : index.get(org.group.toLocaleLowerCase());
    (at === undefined ? ungrouped : buckets[at]!).push(org);
  }
  const rows: OrgListRow[] = [];
  names.forEach((name, at) => {
    rows.push({ kind: 'group', group: name, count: buckets[at]!.length });
    for (const org of buckets[at]!) rows.push({ kind: 'org', org });
  });
  if (ungrouped.length > 0) {
    rows.push({ kind: 'group', group: null, count: ungrouped.length });
    for (const org of ungrouped) rows.push({ kind: 'org', org });
  }
  return rows;
}
