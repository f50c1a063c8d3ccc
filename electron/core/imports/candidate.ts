/**
 * What every importer reads a file into: candidates, one per org the file describes, with their
 * secrets. Candidates stay in the core (service.ts keeps them under a preview id); the window sees
 * the rows preview.ts makes of them, with presence and lengths in place of secrets.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AuthMethod, EnvironmentKind } from '../../../shared/domain';
import type { ImportNote, ImportRow } from '../../../shared/imports';
import { checkAlias, checkLoginUrl, checkUsername, checkGroup, checkOrgColor } from '../../../shared/validation';
import { fieldError } from '../errors';
import { resolveUserPath } from '../dataloader/files';

/** The secrets a candidate carries; never logged, never sent to a front end. */
export interface CandidateSecrets {
  password?: string;
  token?: string;
  /** Data Loader: `sfdc.password` decrypted, password and token glued together. */
  glued?: string;
}

/** An org a source describes, as the preview's row (shared/imports.ts) shows it, with its secrets. */
export interface Candidate extends Pick<ImportRow, 'origin' | 'alias' | 'username' | 'environment' | 'customUrl' | 'loginUrl' | 'group' | 'color' | 'notes'> {
  auth: Extract<AuthMethod, 'password' | 'browser'>;
  secrets: CandidateSecrets;
  /** Why the entry cannot become an org, naming its line or entry; absent when it can. */
  invalid?: string;
}

/** What a source's reader answers: the files it read, its candidates, and notes about the whole file. */
export interface SourceReading {
  files: string[];
  candidates: Candidate[];
  notes: ImportNote[];
}

/** A file a source reads is at most this large: the formats hold a few hundred orgs at most. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/**
 * A path as given (absolute, or `~/…`) made absolute; a problem is a field error on `field`.
 * Relative paths are refused as everywhere in OrgKey: the CLI makes them absolute from where it runs.
 */
export function absolutePath(typed: string, home: string, field: string, what: string): string {
  const resolved = resolveUserPath(typed, home, what);
  if (!resolved.ok) throw fieldError(field, resolved.message);
  return resolved.path;
}

/** A source file's text (UTF-8, a byte-order mark dropped); a file that cannot be read is a field error on `field`. */
export function readSourceFile(file: string, field: string): string {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (error) {
    throw fieldError(field, describeReadError(error, file));
  }
  if (stats.isDirectory()) throw fieldError(field, `${file} is a folder; choose the file itself.`);
  if (stats.size > MAX_SOURCE_BYTES) throw fieldError(field, `${file} is ${Math.round(stats.size / 1024 / 1024)} MB; an export of orgs is far smaller. Check that this is the right file.`);
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw fieldError(field, describeReadError(error, file));
  }
}

export function describeReadError(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `There is no file or folder at ${file}.`;
  if (code === 'EACCES' || code === 'EPERM') return `OrgKey is not allowed to read ${file}.`;
  if (code === 'ENOTDIR') return `Part of the path ${file} is a file, not a folder.`;
  return `${file} could not be read (${code ?? 'unknown error'}).`;
}

/** Where logins go, from a URL a source names: the standard hosts by name, any other as a My Domain. */
export type Whereabouts = { ok: true; environment: EnvironmentKind; customUrl?: string; loginUrl: string } | { ok: false; message: string };

export function whereaboutsOfUrl(raw: string): Whereabouts {
  const check = checkLoginUrl('custom', raw);
  if (!check.ok) return { ok: false, message: check.message };
  const host = new URL(check.value).hostname.toLowerCase();
  // The standard login hosts serve every org: the environment choice, not a My Domain.
  if (host === 'login.salesforce.com') return whereaboutsOf('production');
  if (host === 'test.salesforce.com') return whereaboutsOf('sandbox');
  return { ok: true, environment: 'custom', customUrl: check.value, loginUrl: check.value };
}

export function whereaboutsOf(environment: 'production' | 'sandbox'): Whereabouts {
  const check = checkLoginUrl(environment, undefined);
  return check.ok ? { ok: true, environment, loginUrl: check.value } : { ok: false, message: check.message };
}

/** The alias and username checks of orgs.add, as a candidate's reason (prefixed with where it is). */
export function aliasProblem(alias: string): string | undefined {
  const check = checkAlias(alias);
  return check.ok ? undefined : `the name: ${check.message}`;
}

/** A group and a colour as orgs.add checks them: the colour normalised (`#rrggbb`), or why not. */
export function groupAndColor(group: string, color: string): { problem: string } | { group?: string; color?: string } {
  const groupCheck = checkGroup(group);
  if (!groupCheck.ok) return { problem: `the group: ${groupCheck.message}` };
  const colorCheck = checkOrgColor(color);
  if (!colorCheck.ok) return { problem: `the colour: ${colorCheck.message}` };
  return { ...(groupCheck.value ? { group: groupCheck.value } : {}), ...(colorCheck.value ? { color: colorCheck.value } : {}) };
}

export function usernameProblem(username: string): string | undefined {
  const check = checkUsername(username);
  return check.ok ? undefined : `the username: ${check.message}`;
}

/** A file's name for origin labels. */
export const fileLabel = (file: string) => path.basename(file);
