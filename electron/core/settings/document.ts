/**
 * The text of `settings.json` turned into a settings document: JSON, migrations, then the schema.
 *
 * Parsing is most of what reading the settings costs, and the same text is parsed by the damage
 * check at start (recovery.ts) and then by every read of the store (the app reads on every list).
 * So each file's last good parse is kept, keyed by the exact text it came from: a file changed by
 * any writer (this process, the app, the CLI, a hand edit) is parsed afresh, an unchanged one never.
 * The key here is the text. What this process wrote itself the store recognises without reading
 * the file at all, by the file's identity (store.ts, `identityOf`).
 */
import { OrgKeyError } from '../errors';
import { emptySettings, migrateSettings, type SettingsDoc } from './schema';

export type ParsedSettings =
  | { ok: true; doc: SettingsDoc; migrated: boolean }
  /** not-json: a SyntaxError; not-settings: JSON but not an object; invalid: what migrateSettings threw. */
  | { ok: false; problem: 'not-json' | 'not-settings' | 'invalid'; error: unknown };

/** A parse of `text`. */
type Parse = { text: string; doc: SettingsDoc; migrated: boolean };

/** A few files, not one: tests and the bench open many data folders in one process. */
const KEEP = 8;
const lastParse = new Map<string, Parse>();

function remember(file: string, parse: Parse): void {
  lastParse.delete(file);
  lastParse.set(file, parse);
  if (lastParse.size > KEEP) lastParse.delete(lastParse.keys().next().value!);
}

/**
 * Parse `text`, read from `file`; an unchanged text is not parsed again. Every document returned is
 * a copy of its own: callers change the documents they read before writing them back.
 */
export function parseSettings(file: string, text: string): ParsedSettings {
  const last = lastParse.get(file);
  if (last && last.text === text) {
    return { ok: true, doc: structuredClone(last.doc), migrated: last.migrated };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'not-json', error };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    const error = new OrgKeyError('SETTINGS_UNAVAILABLE', { message: 'The settings file does not hold OrgKey settings.' });
    return { ok: false, problem: 'not-settings', error };
  }
  let parsed: { doc: SettingsDoc; migrated: boolean };
  try {
    // `{}` is what conf leaves after clearing the store: a first start, not an old version.
    parsed = Object.keys(raw).length === 0 ? { doc: emptySettings(), migrated: false } : migrateSettings(raw as Record<string, unknown>);
  } catch (error) {
    return { ok: false, problem: 'invalid', error };
  }
  remember(file, { text, doc: parsed.doc, migrated: parsed.migrated });
  return { ok: true, doc: structuredClone(parsed.doc), migrated: parsed.migrated };
}
