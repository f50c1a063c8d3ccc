/**
 * Reading and changing one org's record in the settings file, the same way everywhere in the core.
 */
import { OrgKeyError } from './errors';
import type { SettingsStore } from './ports';
import type { OrgRecord } from './settings/schema';

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
