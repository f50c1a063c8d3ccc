/**
 * Reading and changing one org's record in the settings file, the same way everywhere in the core.
 */
import { nameMatch } from '../../shared/collators';
import { tidyAlias } from '../../shared/validation';
import { OrgKeyError } from './errors';
import type { SettingsStore } from './ports';
import type { OrgRecord } from './settings/schema';

/**
 * The org called `name`, by the rule that keeps names unique: spaces tidied as a name is stored,
 * letters compared without regard to case (accents count). With `orId`, an org id names it too.
 */
export function findOrgByName<T extends { id: string; alias: string }>(orgs: readonly T[], name: string, options: { orId?: boolean } = {}): T | undefined {
  const wanted = tidyAlias(name);
  // No two orgs share a name by this rule, so a name typed as stored is its org, found without a
  // collator (`orgkey test <alias>` then never makes one).
  const named = orgs.find((org) => org.alias === wanted) ?? orgs.find((org) => nameMatch().compare(org.alias, wanted) === 0);
  return named ?? (options.orId ? orgs.find((org) => org.id === wanted) : undefined);
}

/** The org's record, or ORG_NOT_FOUND (it may have been removed from another window or the CLI). */
export function findOrgRecord(settings: SettingsStore, id: string): OrgRecord {
  const record = settings.read().orgs.find((org) => org.id === id);
  if (!record) throw new OrgKeyError('ORG_NOT_FOUND');
  return record;
}

/** Change one org's record in a single atomic settings write; resolves whether the org was there. */
export function updateOrgRecord(settings: SettingsStore, id: string, change: (record: OrgRecord) => OrgRecord): boolean {
  let found = false;
  settings.update((doc) => ({
    ...doc,
    orgs: doc.orgs.map((org) => {
      if (org.id !== id) return org;
      found = true;
      return change(org);
    }),
  }));
  return found;
}
