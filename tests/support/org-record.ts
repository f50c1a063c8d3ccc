/** Stored orgs for tests: as `settings.json` holds them, and as the window gets one (`orgs.get`). */
import type { OrgRecord } from '../../electron/core/settings/schema';
import type { OrgDetail } from '../../shared/domain';
import { PRODUCTION_DEFAULT_COLOR } from '../../shared/org-colors';

const NOW = '2026-01-01T00:00:00.000Z';

/** A password org named `alias`, for tests that write the settings file. */
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

/** A password org with its password and token stored, as the detail view gets it; `overrides` for what a test is about. */
export function orgDetail(overrides: Partial<OrgDetail> = {}): OrgDetail {
  const absent = { present: false, length: 0 };
  return {
    id: '7d1c6f1e-2a43-4c39-9a2c-5b1d7a0e4f10',
    alias: 'Acme',
    username: 'admin@acme.com',
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    hasToken: true,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    passwordUpdatedAt: '2026-11-01T00:00:00.000Z',
    auth: 'password',
    consecutiveFailures: 0,
    dataLoaderExports: [],
    color: PRODUCTION_DEFAULT_COLOR,
    colorIsDefault: true,
    secrets: { password: { present: true, length: 9 }, token: { present: true, length: 25 }, clientSecret: absent, refreshToken: absent, privateKey: absent, pendingPrivateKey: absent },
    ...overrides,
  };
}
