/**
 * The Import orgs view's logic, apart from React: what each source asks for, the request a preview
 * sends, the admin's changes to the preview's rows, their checks, and the apply request they make
 * (shared/imports.ts is the contract; README "Importing orgs" says what each source reads).
 */
import {
  TOKEN_LENGTHS,
  type ImportApplyRequest,
  type ImportPreview,
  type ImportPreviewRequest,
  type ImportRow,
  type ImportSource,
  type TokenLength,
} from '../../shared/imports';
import { checkAlias, checkBrowserClientId, tidyAlias } from '../../shared/validation';
// Names compared as orgs.add compares them (org-records.ts): without regard to case.
import { nameMatch } from '../../shared/collators';

export interface SourceOption {
  label: string;
  /** One line after the label: what the source is and what OrgKey reads from it. */
  detail: string;
  /** The file picker's title (Data Loader: the folder picker's). */
  pickTitle: string;
}

export const SOURCE_OPTIONS: Record<ImportSource, SourceOption> = {
  dataloader: {
    label: 'Data Loader folders',
    detail: 'config.properties and process-conf.xml with the key file they name; the password is decrypted and proved with one login.',
    pickTitle: 'Choose a Data Loader folder',
  },
  organizer: {
    label: 'ORGanizer export',
    detail: 'The JSON file ORGanizer for Salesforce exports, with its passwords and tokens.',
    pickTitle: 'Choose the ORGanizer export file',
  },
  sf: {
    label: 'Salesforce CLI',
    detail: 'A file holding the output of sf org list --json; the orgs become browser-login orgs.',
    pickTitle: 'Choose the sf org list --json output',
  },
  csv: {
    label: 'CSV file',
    detail: 'The header alias,environment,username (optional group,color); no secrets.',
    pickTitle: 'Choose the CSV file',
  },
};

/** What the source step holds: a path per file source and Data Loader's folders, kept while the admin switches source. */
export interface SourceValues {
  source: ImportSource;
  folders: string[];
  files: Record<Exclude<ImportSource, 'dataloader'>, string>;
}

export const INITIAL_SOURCE_VALUES: SourceValues = { source: 'dataloader', folders: [''], files: { organizer: '', sf: '', csv: '' } };

/** The source step's fields: one per Data Loader folder, one file field per source (their inputs' ids: `inputIdOf`). */
export const folderField = (index: number) => `importFolder${index}`;
export const fileField = (source: ImportSource) => `importFile-${source}`;

/** Errors of the source step, by field. */
export type SourceErrors = Record<string, string | undefined>;

/**
 * The preview request for what is typed, or the errors of empty fields. Empty folder fields after
 * the first are passed over (a folder added and never filled), not refused.
 */
export function previewRequestOf(values: SourceValues): { request: ImportPreviewRequest; errors?: undefined } | { request?: undefined; errors: SourceErrors } {
  if (values.source === 'dataloader') {
    const folders = values.folders.map((folder) => folder.trim());
    if (!folders.some(Boolean)) return { errors: { [folderField(0)]: 'Choose the folder with Data Loader’s config.properties or process-conf.xml.' } };
    return { request: { source: 'dataloader', paths: folders.filter(Boolean) } };
  }
  const file = values.files[values.source].trim();
  if (!file) return { errors: { [fileField(values.source)]: `Choose the ${SOURCE_OPTIONS[values.source].label.replace(/ file$/, '')} file to read.` } };
  return { request: { source: values.source, path: file } };
}

/**
 * The field a preview's field error belongs to: `path`, or `paths.<i>` counted among the folders
 * actually sent (empty fields were left out), mapped back to the field it came from.
 */
export function fieldOfPreviewError(values: SourceValues, field: string | undefined): string | null {
  if (!field) return null;
  if (values.source !== 'dataloader') return field === 'path' ? fileField(values.source) : null;
  const match = /^paths\.(\d+)$/.exec(field);
  if (!match) return null;
  const sent = Number(match[1]);
  let seen = -1;
  for (const [index, folder] of values.folders.entries()) {
    if (folder.trim()) seen += 1;
    if (seen === sent) return folderField(index);
  }
  return null;
}

/** What the admin changed on one preview row. */
export interface RowEdit {
  include: boolean;
  alias: string;
  /** Data Loader rows: where the glued value splits. */
  tokenLength?: TokenLength;
}

export type RowEdits = Record<string, RowEdit>;

/**
 * Every row as the preview proposes it: new rows included with their alias and (Data Loader) the
 * core's default boundary. Edits from an earlier preview of the same source are kept for rows
 * that are there again, so previewing again loses nothing typed.
 */
export function initialEdits(preview: ImportPreview, previous: RowEdits = {}): RowEdits {
  const edits: RowEdits = {};
  for (const row of preview.rows) {
    const proposed: RowEdit = {
      include: row.status === 'new',
      alias: row.alias,
      ...(row.secrets.glued ? { tokenLength: row.secrets.glued.tokenLength } : {}),
    };
    const kept = previous[row.key];
    edits[row.key] = kept && row.status === 'new' ? { ...proposed, ...kept } : proposed;
  }
  return edits;
}

export interface BoundaryOption {
  value: TokenLength;
  label: string;
  /** The value is too short to hold a password before a token this long. */
  disabled: boolean;
}

/** "password 14 + token 25 characters", or "password 39 characters, no token". */
export function boundaryText(length: number, tokenLength: TokenLength): string {
  return tokenLength === 0 ? `password ${length} characters, no token` : `password ${length - tokenLength} + token ${tokenLength} characters`;
}

/** The three places a glued value of `length` characters can split; one that leaves no password cannot be chosen. */
export const boundaryOptions = (length: number): BoundaryOption[] =>
  TOKEN_LENGTHS.map((value) => ({ value, label: boundaryText(length, value), disabled: length - value < 1 }));

/** The secrets a row brings, in words (never a value: the preview has presence and lengths only). */
export function rowSecretsText(row: ImportRow): string {
  if (row.auth === 'browser') return 'None: browser login';
  const { password, token } = row.secrets;
  if (!password.present) return 'None: enter the password after the import';
  return token.present ? `password ${password.length} + token ${token.length} characters` : `password ${password.length} characters, no token`;
}

/**
 * The included rows' names, checked as orgs.add would check them before anything is sent: a bad
 * name, one an org in OrgKey has, or one two included rows share (the later one gets the message).
 */
export function checkEdits(preview: ImportPreview, edits: RowEdits, existingAliases: readonly string[]): { errors: Record<string, string>; first: string | null } {
  const errors: Record<string, string> = {};
  const chosen: Array<{ alias: string; label: string }> = [];
  for (const row of preview.rows) {
    const edit = edits[row.key];
    if (row.status !== 'new' || !edit?.include) continue;
    const check = checkAlias(edit.alias);
    if (!check.ok) {
      errors[row.key] = check.message;
      continue;
    }
    const taken = existingAliases.find((alias) => nameMatch().compare(alias, check.value) === 0);
    const earlier = chosen.find((other) => nameMatch().compare(other.alias, check.value) === 0);
    if (taken !== undefined) errors[row.key] = `An org named “${taken}” is in OrgKey already: give this one another name.`;
    else if (earlier) errors[row.key] = `The org ${earlier.label} is imported under this name too: give this one another name.`;
    chosen.push({ alias: check.value, label: `from ${row.origin.label}` });
  }
  return { errors, first: preview.rows.find((row) => errors[row.key])?.key ?? null };
}

/** The consumer key every `sf` row signs in with, checked as the core checks it. */
export function checkClientIdText(raw: string): string | undefined {
  const check = checkBrowserClientId(raw);
  return check.ok ? undefined : check.message;
}

/** How many rows the apply would import. */
export const includedCount = (preview: ImportPreview, edits: RowEdits) => preview.rows.filter((row) => row.status === 'new' && edits[row.key]?.include).length;

/**
 * The apply request: every row, included or not; an alias only where the admin changed it, the
 * batch group (when one is typed) for every row, the boundary for Data Loader rows.
 */
export function applyRequestOf(preview: ImportPreview, edits: RowEdits, batch: { group: string; clientId: string }): ImportApplyRequest {
  const group = batch.group.trim();
  return {
    previewId: preview.previewId,
    rows: preview.rows.map((row) => {
      const edit = edits[row.key];
      const include = row.status === 'new' && !!edit?.include;
      if (!include || !edit) return { key: row.key, include: false };
      const alias = tidyAlias(edit.alias);
      return {
        key: row.key,
        include,
        ...(alias !== row.alias ? { alias } : {}),
        ...(row.secrets.glued && edit.tokenLength !== undefined ? { tokenLength: edit.tokenLength } : {}),
        ...(group ? { group } : {}),
      };
    }),
    ...(preview.needsClientId ? { clientId: batch.clientId.trim() } : {}),
  };
}
