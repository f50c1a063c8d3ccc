/**
 * The settings file's shape, its schema version and the migrations between versions.
 *
 * The file holds metadata only (DESIGN.md "Storage"). Each migration takes a document of version n
 * and returns version n + 1; a file newer than this build knows is refused, never overwritten.
 */
import { z } from 'zod';
import { OrgKeyError } from '../errors';

export const SCHEMA_VERSION = 1;

export const OrgRecordSchema = z.object({
  id: z.string().min(1),
  alias: z.string(),
  username: z.string(),
  environment: z.enum(['production', 'sandbox', 'custom']),
  loginUrl: z.string(),
  hasToken: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SettingsDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  orgs: z.array(OrgRecordSchema),
});

export type OrgRecord = z.infer<typeof OrgRecordSchema>;
export type SettingsDoc = z.infer<typeof SettingsDocSchema>;

export function emptySettings(): SettingsDoc {
  return { schemaVersion: SCHEMA_VERSION, orgs: [] };
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
