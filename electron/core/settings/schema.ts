/**
 * The settings file's shape, its schema version and the migrations between versions.
 *
 * The file holds metadata only, never a secret: it is plain JSON that anything reading the user's
 * files can read, so secrets live in the keychain (docs/ARCHITECTURE.md, "Storage"). Each migration
 * takes a document of version n and returns version n + 1; a file newer than this build knows is
 * refused, never overwritten.
 */
// The namespace import lets the CLI bundle drop the parts of zod it never calls (locales, JSON Schema,
// the compiler): `import { z }` keeps all 750 kB, which `orgkey` would parse at every start.
import * as z from 'zod';
import { TEST_FAILURE_CODES } from '../../../shared/codes';
import { AUTH_METHODS, DATALOADER_OPERATIONS, DEFAULT_PREFERENCES, ENVIRONMENTS, NOTICE_CODES, TEST_VIAS } from '../../../shared/domain';
import { AUDIT_FLOWS } from '../../../shared/login-audit';
import { SECRET_KINDS } from '../../../shared/login-methods';
import { DEFAULT_NOTIFICATIONS, DEFAULT_SCHEDULE, NOTIFICATION_CAUSES, SCHEDULE_MODES } from '../../../shared/notifications';
import { OrgKeyError } from '../errors';

export const SCHEMA_VERSION = 9;

const NoticeSchema = z.object({
  code: z.enum(NOTICE_CODES),
  message: z.string(),
  field: z.string().optional(),
});

const TestOutcomeSchema = z.object({
  ok: z.boolean(),
  testedAt: z.string(),
  latencyMs: z.number(),
  via: z.enum(TEST_VIAS),
  usedToken: z.boolean(),
  facts: z
    .object({
      orgId: z.string(),
      orgName: z.string(),
      edition: z.string(),
      isSandbox: z.boolean(),
      instanceName: z.string(),
      instanceUrl: z.string(),
      userName: z.string(),
      userFullName: z.string(),
      apiRequestsRemaining: z.number().nullable(),
      apiRequestsMax: z.number().nullable(),
      apiRequestsUnavailable: z.string().optional(),
    })
    .optional(),
  failure: z
    .object({ code: z.enum(TEST_FAILURE_CODES), message: z.string(), remedy: z.string(), hints: z.array(z.string()) })
    .optional(),
  warnings: z.array(NoticeSchema),
  /** The org's `tokenUpdatedAt` for the token this login used (a proof: the token it stored); absent without one. */
  tokenAsOf: z.string().optional(),
});

/** A Data Loader export as remembered: where it is, and which password and token it encrypted. */
export const ExportRecordSchema = z.object({
  id: z.string().min(1),
  folder: z.string(),
  keyFile: z.string(),
  createdKey: z.boolean(),
  jobs: z.array(
    z.object({
      operation: z.enum(DATALOADER_OPERATIONS),
      object: z.string(),
      soql: z.string().optional(),
      externalIdField: z.string().optional(),
    }),
  ),
  beans: z.array(z.string()),
  exportedAt: z.string(),
  refreshedAt: z.string().optional(),
  /** The org's passwordUpdatedAt / tokenUpdatedAt when sfdc.password was last written (stale when they move on). */
  passwordAsOf: z.string(),
  tokenAsOf: z.string().optional(),
  /**
   * The key file as written: its real path and a keyed hash of its key (never the key), so a refresh
   * refuses a key file that config.properties swapped or that was replaced. Absent in records
   * written before OrgKey kept them; the first refresh then records them.
   */
  keyRealPath: z.string().optional(),
  keyFingerprint: z.string().optional(),
});

/** A password org's password expiry as read at a test (shared/password-expiry.ts). */
const PasswordPolicySchema = z.object({
  readAt: z.string(),
  lastChangedAt: z.string().nullable(),
  neverExpires: z.boolean(),
  expiryDays: z.number().int().min(0).nullable(),
  source: z.enum(['profile', 'org', 'permission', 'unknown']),
  unknownReason: z.string().optional(),
  expiresAt: z.string().nullable(),
});

/** A password org's login user, as the integration-user checklist reads it (shared/integration-checklist.ts). */
const IntegrationChecklistSchema = z.object({
  readAt: z.string(),
  apiOnly: z.boolean().nullable(),
  passwordNeverExpires: z.boolean().nullable(),
  apiEnabled: z.boolean().nullable(),
  useAnyApiAuth: z.boolean().nullable(),
  mfaForApi: z.boolean().nullable(),
  unreadReason: z.string().optional(),
});

/** A JWT org's certificate: its expiry, fingerprint and subject (never the private key). */
const CertificateSchema = z.object({ notAfter: z.string(), fingerprint: z.string(), subject: z.string() });

export const OrgRecordSchema = z.object({
  id: z.string().min(1),
  alias: z.string(),
  username: z.string(),
  environment: z.enum(ENVIRONMENTS),
  loginUrl: z.string(),
  hasToken: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  passwordUpdatedAt: z.string(),
  tokenUpdatedAt: z.string().optional(),
  auth: z.enum(AUTH_METHODS),
  clientId: z.string().optional(),
  callbackPort: z.number().int().min(1024).max(65535).optional(),
  signedInAt: z.string().optional(),
  soapLogin: z.object({ allowed: z.boolean(), at: z.string() }).optional(),
  lastTest: TestOutcomeSchema.optional(),
  consecutiveFailures: z.number().int().min(0),
  lastSuccessOrgId: z.string().optional(),
  /** A sandbox refresh noticed by a login (connection/sandbox-refresh.ts); pending until `confirmedAt`. */
  sandboxRefresh: z
    .object({ fromOrgId: z.string(), toOrgId: z.string(), detectedAt: z.string(), confirmedAt: z.string().optional(), provedAt: z.string().optional() })
    .optional(),
  dataLoaderExports: z.array(ExportRecordSchema),
  certificate: CertificateSchema.optional(),
  pendingCertificate: CertificateSchema.optional(),
  /** The certificates themselves (PEM): public, kept so the app and `orgkey cert` can hand them out again. Never the key. */
  certificatePem: z.string().optional(),
  pendingCertificatePem: z.string().optional(),
  /** Which keychain entries a switch of login method left behind (names only), and whether the new method is proved. */
  previousSecrets: z
    .object({
      auth: z.enum(AUTH_METHODS),
      kinds: z.array(z.enum(SECRET_KINDS)),
      since: z.string(),
      provedAt: z.string().optional(),
      clientId: z.string().optional(),
      loginUrl: z.string().optional(),
      username: z.string().optional(),
      signedInAt: z.string().optional(),
    })
    .optional(),
  /** The last login audit in brief; its groups are in the data folder's `audits/<id>.json` (audit/kept.ts). */
  lastAudit: z
    .object({
      at: z.string(),
      days: z.number().int(),
      rows: z.number().int().min(0),
      complete: z.boolean(),
      scope: z.enum(['org', 'own']),
      flows: z.partialRecord(z.enum(AUDIT_FLOWS), z.number().int().min(0)),
    })
    .optional(),
  passwordPolicy: PasswordPolicySchema.optional(),
  integrationChecklist: IntegrationChecklistSchema.optional(),
  /** The notification causes already told about for this org (one notification per cause until it clears: schedule/causes.ts). */
  notified: z.array(z.enum(NOTIFICATION_CAUSES)).optional(),
  /** The group the admin filed the org under (client, project); absent: no group. */
  group: z.string().optional(),
  /** The org's colour as `#rrggbb` (shared/org-colors.ts); absent: its environment's default. */
  color: z.string().optional(),
  /**
   * Imported without its secrets (a CSV never carries them): no password has been entered yet, so
   * nothing logs in until the admin enters it. Dropped when the secrets are stored.
   */
  awaitingSecrets: z.literal(true).optional(),
});

// Each preference has its default in the schema, so a preference added later needs no migration.
export const PreferencesSchema = z.object({
  testTimeoutSeconds: z.number().int().default(DEFAULT_PREFERENCES.testTimeoutSeconds),
  lockoutGuardFailures: z.number().int().default(DEFAULT_PREFERENCES.lockoutGuardFailures),
  testConcurrency: z.number().int().default(DEFAULT_PREFERENCES.testConcurrency),
  clipboardClearSeconds: z.number().int().default(DEFAULT_PREFERENCES.clipboardClearSeconds),
  schedule: z
    .object({
      mode: z.enum(SCHEDULE_MODES).default(DEFAULT_SCHEDULE.mode),
      time: z.string().default(DEFAULT_SCHEDULE.time),
      everyHours: z.number().int().default(DEFAULT_SCHEDULE.everyHours),
    })
    .default({ ...DEFAULT_SCHEDULE }),
  // A cause added later is on by default, like any other.
  notifications: z
    .object(Object.fromEntries(NOTIFICATION_CAUSES.map((cause) => [cause, z.boolean().default(DEFAULT_NOTIFICATIONS[cause])])) as Record<(typeof NOTIFICATION_CAUSES)[number], z.ZodDefault<z.ZodBoolean>>)
    .default({ ...DEFAULT_NOTIFICATIONS }),
});

/**
 * The app's scheduled checks: since when the schedule holds (a new schedule counts from the moment
 * it was set, not from a run missed before it) and the last scheduled run in brief.
 */
export const ScheduleStateSchema = z.object({
  since: z.string().optional(),
  lastRun: z.object({ at: z.string(), checked: z.number().int(), failed: z.number().int(), skipped: z.number().int() }).optional(),
});

/**
 * A login sent (or about to be) and not yet resolved, by any process: the lockout guard counts it as a
 * possible failure until its result is recorded (connection/lockout-guard.ts). Never a secret.
 */
export const LoginAttemptSchema = z.object({
  id: z.string().min(1),
  orgId: z.string().min(1),
  startedAt: z.string(),
});

export const SettingsDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  orgs: z.array(OrgRecordSchema),
  preferences: PreferencesSchema,
  loginAttempts: z.array(LoginAttemptSchema),
  scheduleState: ScheduleStateSchema.optional(),
  // The keychain layout (secrets/org-secrets.ts): `org-item` once every org's secrets are in one item each.
  keychainLayout: z.literal('org-item').optional(),
  // Orgs being added: their secrets are in the keychain before the org is in `orgs` (the orphan sweep).
  secretsInFlight: z.array(z.object({ orgId: z.string().min(1).max(100), pid: z.number().int(), host: z.string().max(300), at: z.string() })).optional(),
});

export type OrgRecord = z.infer<typeof OrgRecordSchema>;
export type ExportRecord = z.infer<typeof ExportRecordSchema>;
export type SettingsDoc = z.infer<typeof SettingsDocSchema>;
export type LoginAttempt = z.infer<typeof LoginAttemptSchema>;

export function emptySettings(): SettingsDoc {
  // A document made from nothing has no secrets in the keychain's older layout to move.
  return { schemaVersion: SCHEMA_VERSION, orgs: [], preferences: { ...DEFAULT_PREFERENCES }, loginAttempts: [], keychainLayout: 'org-item' };
}

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations keyed by the version they upgrade *from*.
 *
 * Version 0 is a file without `schemaVersion` (or an empty file): it becomes an empty v1 document
 * keeping any orgs it had.
 */
export const MIGRATIONS: Record<number, Migration> = {
  0: (doc) => ({ ...doc, schemaVersion: 1, orgs: Array.isArray(doc.orgs) ? doc.orgs : [] }),
  // v2 (connection tests): per-org secret dates, test results and the lockout counter; preferences.
  1: (doc) => ({
    ...doc,
    schemaVersion: 2,
    orgs: (doc.orgs as Array<Record<string, unknown>>).map((org) => ({
      ...org,
      passwordUpdatedAt: org.passwordUpdatedAt ?? org.createdAt,
      ...(org.hasToken && !org.tokenUpdatedAt ? { tokenUpdatedAt: org.createdAt } : {}),
      consecutiveFailures: org.consecutiveFailures ?? 0,
    })),
    preferences: { ...DEFAULT_PREFERENCES, ...(doc.preferences as object | undefined) },
  }),
  // v3 (Data Loader export): each org remembers the configurations written for it.
  2: (doc) => ({
    ...doc,
    schemaVersion: 3,
    orgs: (doc.orgs as Array<Record<string, unknown>>).map((org) => ({ ...org, dataLoaderExports: org.dataLoaderExports ?? [] })),
  }),
  // v4 (browser login, SOAP login() retirement): every org so far logs in with its password.
  3: (doc) => ({
    ...doc,
    schemaVersion: 4,
    orgs: (doc.orgs as Array<Record<string, unknown>>).map((org) => ({ ...org, auth: org.auth ?? 'password' })),
  }),
  // v5 (lockout guard across processes): logins in flight are kept in the file, where every process
  // sees them; a build that did not know them would drop them on its next write, so it must refuse
  // the file. Each last test notes which token it used, by its date (a test that began after the
  // token was set used it).
  4: (doc) => ({
    ...doc,
    schemaVersion: 5,
    loginAttempts: [],
    orgs: (doc.orgs as Array<Record<string, unknown>>).map((org) => {
      const lastTest = org.lastTest as { testedAt: string } | undefined;
      const tokenUpdatedAt = org.tokenUpdatedAt as string | undefined;
      if (!lastTest || !tokenUpdatedAt || Date.parse(lastTest.testedAt) < Date.parse(tokenUpdatedAt)) return org;
      return { ...org, lastTest: { ...lastTest, tokenAsOf: tokenUpdatedAt } };
    }),
  }),
  // v6 (client credentials and JWT bearer): new `auth` and test `via` values, certificates and the
  // secrets a switch left behind. Nothing to change in a v5 file; the new number makes a v5 build
  // refuse a v6 file (SETTINGS_TOO_NEW) instead of setting it aside as damaged for an `auth` it
  // does not know.
  5: (doc) => ({ ...doc, schemaVersion: 6 }),
  // v7 (password expiry, scheduled checks, sandbox refresh): new notice codes in last tests
  // (PASSWORD_EXPIRES_SOON, SANDBOX_REFRESHED) and notification causes in `notified`. Nothing to
  // change in a v6 file; the new number makes a v6 build refuse a v7 file (SETTINGS_TOO_NEW)
  // instead of setting it aside as damaged for a code it does not know.
  6: (doc) => ({ ...doc, schemaVersion: 7 }),
  // v8 (one keychain entry per org): the secrets move to `org:<id>` once (`keychainLayout`), and an
  // add in flight is recorded (`secretsInFlight`). A v7 build would look for the old entries and
  // find none, and would drop both marks on its next write: it must refuse the file instead.
  7: (doc) => ({ ...doc, schemaVersion: 8 }),
  // v9 (importers, groups and colours): orgs may carry `group`, `color` and `awaitingSecrets`.
  // Nothing to change in a v8 file; the new number makes a v8 build refuse a v9 file
  // (SETTINGS_TOO_NEW) rather than drop the new fields at its next write.
  8: (doc) => ({ ...doc, schemaVersion: 9 }),
};

/** Bring a raw document up to the current version and check its shape. */
export function migrateSettings(
  raw: Record<string, unknown>,
  migrations: Record<number, Migration> = MIGRATIONS,
  target: number = SCHEMA_VERSION,
): { doc: SettingsDoc; migrated: boolean } {
  let doc = raw;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (version > target) {
    throw new OrgKeyError('SETTINGS_TOO_NEW');
  }
  const start = version;
  while (version < target) {
    const step = migrations[version];
    if (!step) throw new Error(`[settings] no migration from schema version ${version}`);
    doc = step(doc);
    version += 1;
  }
  const parsed = SettingsDocSchema.safeParse(doc);
  if (!parsed.success) {
    throw new OrgKeyError('SETTINGS_UNAVAILABLE', {
      message: 'The settings file does not have the shape OrgKey expects.',
    });
  }
  return { doc: parsed.data, migrated: version !== start };
}
