/** A stored org as `settings.json` holds it: a password org named `alias`, for tests that write the file. */
import type { OrgRecord } from '../../electron/core/settings/schema';

const NOW = '2026-01-01T00:00:00.000Z';

export function orgRecord(alias: string): OrgRecord {
  return {
    id: `id-${alias}`,
    alias,
    username: `${alias.toLowerCase()}@acme.example`,
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    auth: 'password',
    hasToken: false,
    createdAt: NOW,
    updatedAt: NOW,
    passwordUpdatedAt: NOW,
    consecutiveFailures: 0,
    dataLoaderExports: [],
  };
}
