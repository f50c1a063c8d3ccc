/**
 * Groups of orgs (a client, a project) as the list and `orgkey list --group` use them. The name's
 * rules are in validation.ts (`checkGroup`); here: which groups there are and how one is matched.
 */
import { nameMatch, nameOrder } from './collators';

// Sorted as org names are (org-order.ts); matched as org names are, ignoring case only, so
// “Client A” and “client a” are one group and “Café” is not “Cafe” (collators.ts).
const tidy = (name: string) => name.trim().replace(/\s+/g, ' ');

/** Whether two group names are the same group: any case, spaces at either end and runs of spaces inside ignored. */
export const sameGroup = (a: string, b: string): boolean => nameMatch().compare(tidy(a), tidy(b)) === 0;

/** The groups the orgs are in, each once (the first spelling met), sorted as names are. */
export function groupsOf(orgs: readonly { group?: string | undefined }[]): string[] {
  const byKey = new Map<string, string>();
  for (const { group } of orgs) {
    if (!group) continue;
    const key = tidy(group).toLocaleLowerCase();
    if (!byKey.has(key)) byKey.set(key, group);
  }
  return [...byKey.values()].sort((a, b) => nameOrder().compare(a, b));
}
