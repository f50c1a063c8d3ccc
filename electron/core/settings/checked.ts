/**
 * A settings write checks and serialises only the orgs that changed.
 *
 * Test all writes the settings file once per org (its result with the next org's reservation), and
 * the file holds every org: with a few hundred orgs, checking the whole document against the schema
 * and serialising it again at each write was most of what Test all spent on the event loop, beyond
 * the write itself (`npm run bench`). A write changes one or two orgs; the others are the very
 * objects the last write checked.
 *
 * So an org record, once checked, is frozen (deeply) and remembered with its bytes as they sit in
 * the file. A later write finds it unchanged by identity: being frozen, it cannot have changed since.
 * A change made by spreading (`{ ...org, lastTest }`) is a new object and is checked; a change that
 * altered a checked org in place throws (a TypeError: the object is frozen) instead of being written
 * unchecked. Everything but the orgs is small and is checked whole at every write.
 */
import * as z from 'zod';
import { OrgRecordSchema, SettingsDocSchema, type OrgRecord, type SettingsDoc } from './schema';

/** Orgs checked against the schema, frozen, each with its bytes as `settingsBytes` writes them (a WeakMap answers no for anything not an object). */
const checkedOrgs = new WeakMap<object, Buffer>();

/** The document's schema with its orgs taken as they come: each is checked on its own. */
const OuterSchema = SettingsDocSchema.extend({ orgs: z.array(z.unknown()) });

/**
 * `doc` checked against the settings schema, as `SettingsDocSchema.parse` would answer it, except that
 * its org records are frozen and any org an earlier check answered is kept as it is, unchecked.
 */
export function checkSettings(doc: unknown): SettingsDoc {
  const outer = OuterSchema.parse(doc);
  const orgs: OrgRecord[] = [];
  for (const org of outer.orgs) {
    if (checkedOrgs.has(org as object)) {
      orgs.push(org as OrgRecord);
      continue;
    }
    const checked = OrgRecordSchema.safeParse(org);
    // The whole document's check says where in it the org is (`orgs[3].alias`).
    if (!checked.success) return SettingsDocSchema.parse(doc);
    const record = deepFreeze(checked.data);
    checkedOrgs.set(record, orgBytes(record));
    orgs.push(record);
  }
  return { ...outer, orgs };
}

/**
 * The file's bytes for `doc`, in pieces to be written one after another: exactly the UTF-8 of
 * `JSON.stringify(doc, undefined, '\t')`, conf's format. A checked org's bytes are those made when
 * it was checked: serialising and encoding a few hundred kB again at every write cost more than
 * writing them (`npm run bench`).
 */
export function settingsBytes(doc: SettingsDoc): Buffer[] {
  const pieces: Buffer[] = [];
  let first = true;
  for (const [key, value] of Object.entries(doc)) {
    const name = `${first ? '{\n' : ',\n'}\t${JSON.stringify(key)}: `;
    if (key === 'orgs' && Array.isArray(value) && value.length > 0) {
      pieces.push(Buffer.from(`${name}[\n\t\t`));
      value.forEach((org: unknown, index) => {
        if (index > 0) pieces.push(BETWEEN_ORGS);
        pieces.push(checkedOrgs.get(org as object) ?? orgBytes(org));
      });
      pieces.push(AFTER_ORGS);
      first = false;
      continue;
    }
    const text = JSON.stringify(value, undefined, '\t') as string | undefined;
    // As JSON.stringify does, a member whose value has no JSON (undefined) is left out.
    if (text === undefined) continue;
    pieces.push(Buffer.from(name + text.replaceAll('\n', '\n\t')));
    first = false;
  }
  pieces.push(Buffer.from(first ? '{}' : '\n}'));
  return pieces;
}

const BETWEEN_ORGS = Buffer.from(',\n\t\t');
const AFTER_ORGS = Buffer.from('\n\t]');

/** An org's JSON, encoded, indented as it sits in the file: inside `orgs`, two levels in. */
function orgBytes(org: unknown): Buffer {
  // JSON escapes every newline inside a string, so each newline here starts a line of the layout.
  return Buffer.from((JSON.stringify(org, undefined, '\t') ?? 'null').replaceAll('\n', '\n\t\t'));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
