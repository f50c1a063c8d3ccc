import { describe, expect, it } from 'vitest';
import { OrgKeyError } from '../../electron/core/errors';
import { emptySettings, migrateSettings, MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/settings/schema';
import { DEFAULT_PREFERENCES } from '../../shared/domain';

/**
 * The error code the reader of an older build (the same logic with `version` as its own) refuses
 * `doc` with: a newer file must be refused as too new and left alone, never set aside as damaged.
 */
function codeSeenByBuildOf(version: number, doc: Record<string, unknown>): string | null {
  const olderMigrations = Object.fromEntries(Object.entries(MIGRATIONS).filter(([from]) => Number(from) < version));
  try {
    migrateSettings(doc, olderMigrations, version);
    return null;
  } catch (error) {
    return (error as OrgKeyError).appError.code;
  }
}

describe('settings migrations', () => {
  it('upgrades a file without a schema version through every step, keeping its orgs', () => {
    const org = {
      id: 'a',
      alias: 'A',
      username: 'a@b.co',
      environment: 'production',
      loginUrl: 'https://login.salesforce.com',
      hasToken: false,
      createdAt: 'x',
      updatedAt: 'x',
    };
    expect(migrateSettings({ orgs: [org] })).toEqual({
      doc: {
        schemaVersion: SCHEMA_VERSION,
        orgs: [{ ...org, passwordUpdatedAt: 'x', consecutiveFailures: 0, dataLoaderExports: [], auth: 'password' }],
        preferences: DEFAULT_PREFERENCES,
        loginAttempts: [],
      },
      migrated: true,
    });
  });

  it('gives v1 orgs with a token the date they were added as the token date', () => {
    const v1 = {
      schemaVersion: 1,
      orgs: [{ id: 'a', alias: 'A', username: 'a@b.co', environment: 'sandbox', loginUrl: 'https://test.salesforce.com', hasToken: true, createdAt: 'c', updatedAt: 'u' }],
    };
    expect(migrateSettings(v1).doc.orgs[0]).toMatchObject({ passwordUpdatedAt: 'c', tokenUpdatedAt: 'c', consecutiveFailures: 0 });
  });

  it('gives v2 orgs an empty list of Data Loader exports (v3)', () => {
    const v2 = {
      schemaVersion: 2,
      orgs: [
        {
          id: 'a',
          alias: 'A',
          username: 'a@b.co',
          environment: 'production',
          loginUrl: 'https://login.salesforce.com',
          hasToken: false,
          createdAt: 'c',
          updatedAt: 'u',
          passwordUpdatedAt: 'c',
          consecutiveFailures: 1,
        },
      ],
      preferences: DEFAULT_PREFERENCES,
    };
    const { doc, migrated } = migrateSettings(v2);
    expect(migrated).toBe(true);
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.orgs[0]).toEqual({ ...v2.orgs[0], dataLoaderExports: [], auth: 'password' });
  });

  it('marks every v3 org as a password org (v4, browser login), keeping an OAuth consumer key', () => {
    const base = { alias: 'A', username: 'a@b.co', environment: 'production', loginUrl: 'https://login.salesforce.com', hasToken: true, createdAt: 'c', updatedAt: 'u', passwordUpdatedAt: 'c', tokenUpdatedAt: 'c', consecutiveFailures: 0, dataLoaderExports: [] };
    const v3 = { schemaVersion: 3, orgs: [{ ...base, id: 'a' }, { ...base, id: 'b', clientId: '3MVG9' + 'x'.repeat(40) }], preferences: DEFAULT_PREFERENCES };
    const { doc, migrated } = migrateSettings(v3);
    expect(migrated).toBe(true);
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.orgs).toEqual([
      { ...v3.orgs[0], auth: 'password' },
      { ...v3.orgs[1], auth: 'password' },
    ]);
  });

  it('starts v4 files with no login in flight, and notes which token each last test used (v5)', () => {
    const base = { alias: 'A', username: 'a@b.co', environment: 'production', loginUrl: 'https://login.salesforce.com', hasToken: true, createdAt: 'c', updatedAt: 'u', passwordUpdatedAt: 'c', consecutiveFailures: 0, dataLoaderExports: [], auth: 'password' };
    const test = (testedAt: string) => ({ ok: true, testedAt, latencyMs: 300, via: 'soap', usedToken: true, warnings: [] });
    const v4 = {
      schemaVersion: 4,
      orgs: [
        { ...base, id: 'tested', tokenUpdatedAt: '2026-11-01T00:00:00.000Z', lastTest: test('2026-11-02T00:00:00.000Z') },
        { ...base, id: 'token-since', tokenUpdatedAt: '2026-11-03T00:00:00.000Z', lastTest: test('2026-11-02T00:00:00.000Z') },
        { ...base, id: 'no-token', hasToken: false, lastTest: test('2026-11-02T00:00:00.000Z') },
      ],
      preferences: DEFAULT_PREFERENCES,
    };
    const { doc } = migrateSettings(v4);
    expect(doc.loginAttempts).toEqual([]);
    expect(doc.orgs.map((org) => org.lastTest?.tokenAsOf)).toEqual(['2026-11-01T00:00:00.000Z', undefined, undefined]);
  });

  it('opens a v5 file as it is (v6), and a v5 build refuses a v6 file holding a client-credentials org as too new, not damaged', () => {
    const base = { alias: 'A', username: 'a@b.co', environment: 'production', loginUrl: 'https://login.salesforce.com', hasToken: false, createdAt: 'c', updatedAt: 'u', passwordUpdatedAt: 'c', consecutiveFailures: 0, dataLoaderExports: [], auth: 'password' };
    const v5 = { schemaVersion: 5, orgs: [{ ...base, id: 'a' }], preferences: DEFAULT_PREFERENCES, loginAttempts: [] };
    expect(migrateSettings(v5)).toEqual({ doc: { ...v5, schemaVersion: SCHEMA_VERSION }, migrated: true });

    const v6 = { ...v5, schemaVersion: 6, orgs: [{ ...base, id: 'b', auth: 'client-credentials', loginUrl: 'https://acme.my.salesforce.com', environment: 'custom', clientId: '3MVG9' + 'x'.repeat(40) }] };
    expect(migrateSettings(v6).doc.orgs[0]).toMatchObject({ auth: 'client-credentials' });
    // The reader of a v5 build: the same logic with 5 as its version. It must leave the file alone.
    expect(codeSeenByBuildOf(5, v6)).toBe('SETTINGS_TOO_NEW');
  });

  it('opens a v6 file as it is (v7), and a v6 build refuses a v7 file whose last test warns of an expiring password as too new, not damaged', () => {
    const base = { id: 'a', alias: 'A', username: 'a@b.co', environment: 'production', loginUrl: 'https://login.salesforce.com', hasToken: true, createdAt: 'c', updatedAt: 'u', passwordUpdatedAt: 'c', consecutiveFailures: 0, dataLoaderExports: [], auth: 'password' };
    const v6 = { schemaVersion: 6, orgs: [base], preferences: DEFAULT_PREFERENCES, loginAttempts: [] };
    expect(migrateSettings(v6)).toEqual({ doc: { ...v6, schemaVersion: SCHEMA_VERSION }, migrated: true });

    const lastTest = { ok: true, testedAt: 't', latencyMs: 1, via: 'soap', usedToken: true, warnings: [{ code: 'PASSWORD_EXPIRES_SOON', message: 'm' }] };
    const v7 = { ...v6, schemaVersion: 7, orgs: [{ ...base, lastTest, notified: ['password-expiring'] }] };
    expect(migrateSettings(v7).doc.orgs[0]).toMatchObject({ lastTest: { warnings: [{ code: 'PASSWORD_EXPIRES_SOON' }] }, notified: ['password-expiring'] });
    expect(codeSeenByBuildOf(6, v7)).toBe('SETTINGS_TOO_NEW');
  });

  it('opens a v7 file as v8 (its secrets not yet moved), and a v7 build refuses a v8 file as too new', () => {
    const v7 = { schemaVersion: 7, orgs: [], preferences: DEFAULT_PREFERENCES, loginAttempts: [] };
    const { doc } = migrateSettings(v7);
    expect(doc).toMatchObject({ schemaVersion: SCHEMA_VERSION });
    expect(doc.keychainLayout).toBeUndefined();
    const v8 = { ...v7, schemaVersion: 8, keychainLayout: 'org-item' };
    expect(codeSeenByBuildOf(7, v8)).toBe('SETTINGS_TOO_NEW');
  });

  it('opens a v8 file as it is (v9), and a v8 build refuses a v9 file holding grouped, coloured and imported orgs as too new', () => {
    const base = { id: 'a', alias: 'A', username: 'a@b.co', environment: 'production', loginUrl: 'https://login.salesforce.com', hasToken: false, createdAt: 'c', updatedAt: 'u', passwordUpdatedAt: 'c', consecutiveFailures: 0, dataLoaderExports: [], auth: 'password' };
    const v8 = { schemaVersion: 8, orgs: [base], preferences: DEFAULT_PREFERENCES, loginAttempts: [], keychainLayout: 'org-item' };
    expect(migrateSettings(v8)).toEqual({ doc: { ...v8, schemaVersion: SCHEMA_VERSION }, migrated: true });

    const v9 = { ...v8, schemaVersion: 9, orgs: [{ ...base, group: 'Client A', color: '#c23934', awaitingSecrets: true }] };
    expect(migrateSettings(v9).doc.orgs[0]).toMatchObject({ group: 'Client A', color: '#c23934', awaitingSecrets: true });
    expect(codeSeenByBuildOf(8, v9)).toBe('SETTINGS_TOO_NEW');
  });

  it('keeps a JWT org’s certificate and the secrets a switch left behind, as names only', () => {
    const org = {
      id: 'j', alias: 'J', username: 'a@b.co', environment: 'production', loginUrl: 'https://login.salesforce.com', hasToken: false, createdAt: 'c', updatedAt: 'u', passwordUpdatedAt: 'c', consecutiveFailures: 0, dataLoaderExports: [],
      auth: 'jwt', clientId: '3MVG9' + 'x'.repeat(40),
      certificate: { notAfter: '2028-01-01T00:00:00.000Z', fingerprint: 'AB:CD', subject: 'CN=OrgKey J' },
      previousSecrets: { auth: 'password', kinds: ['password', 'token'], since: 'c' },
    };
    expect(migrateSettings({ schemaVersion: SCHEMA_VERSION, orgs: [org], preferences: DEFAULT_PREFERENCES, loginAttempts: [] }).doc.orgs[0]).toEqual(org);
    expect(() => migrateSettings({ schemaVersion: SCHEMA_VERSION, orgs: [{ ...org, previousSecrets: { ...org.previousSecrets, kinds: ['hunter2'] } }], preferences: DEFAULT_PREFERENCES, loginAttempts: [] })).toThrow(/shape/);
  });

  it('leaves a current file as it is', () => {
    expect(migrateSettings(emptySettings())).toEqual({ doc: emptySettings(), migrated: false });
  });

  it('runs each step in order through the migration hook', () => {
    const seen: number[] = [];
    const migrations = {
      0: (d: Record<string, unknown>) => (seen.push(0), { ...d, schemaVersion: 1, orgs: [] }),
      1: (d: Record<string, unknown>) => (seen.push(1), { ...d, schemaVersion: 2 }),
    };
    expect(() => migrateSettings({}, migrations, 2)).toThrow(OrgKeyError); // v2 shape is not this build's
    expect(seen).toEqual([0, 1]);
  });

  it('refuses a file from a newer OrgKey instead of rewriting it', () => {
    let error: unknown;
    try {
      migrateSettings({ schemaVersion: SCHEMA_VERSION + 1, orgs: [] });
    } catch (e) {
      error = e;
    }
    expect((error as OrgKeyError).appError.code).toBe('SETTINGS_TOO_NEW');
  });

  it('refuses a document of the wrong shape', () => {
    expect(() => migrateSettings({ schemaVersion: SCHEMA_VERSION, orgs: [{ id: 1 }] })).toThrow(/shape/);
  });
});
