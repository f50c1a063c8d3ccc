/**
 * `orgkey import`: bring orgs in from Data Loader folders, an ORGanizer export, `sf org list --json`
 * output or a CSV: the preview first, then (after a yes) the import (docs/ARCHITECTURE.md, "Importers").
 */
import path from 'node:path';
import { IMPORT_SOURCES, TOKEN_LENGTHS, type ImportSource, type TokenLength } from '../../shared/import-sources';
import type { ImportPreview, ImportPreviewRequest, ImportResult, ImportRow } from '../../shared/imports';
import { CODES } from '../../shared/codes';
import { stringOption, type CommandSpec } from '../args';
import { CliError, errorLine, isCoreFailure, usageError } from '../errors';
import { json, table } from '../format';
import { confirm } from '../input';
import type { Context } from '../context';

const HELP_HINT = 'Run “orgkey import --help”.';

/** A path from the command line: relative ones are the shell's (resolved here), `~` is left to the core. */
const pathArg = (typed: string) => (/^~(?=$|[/\\])/.test(typed) ? typed : path.resolve(typed));

function requestOf(source: ImportSource, paths: string[]): ImportPreviewRequest {
  if (source === 'dataloader') return { source, paths: paths.map(pathArg) };
  if (paths.length !== 1) throw usageError(`orgkey import ${source} takes one file.`, HELP_HINT);
  return { source, path: pathArg(paths[0]!) };
}

/** What a row carries, in words: never a value, only what is there and how long. */
function secretsText(row: ImportRow, tokenLength: TokenLength | undefined): string {
  const { glued, password, token } = row.secrets;
  if (glued) {
    const split = tokenLength ?? glued.tokenLength;
    const passwordLength = glued.length - split;
    return split ? `password ${passwordLength} + token ${split}` : `password ${passwordLength}, no token`;
  }
  if (row.auth === 'browser') return 'browser login';
  if (!password.present) return 'none (enter after)';
  return token.present ? `password ${password.length} + token ${token.length}` : `password ${password.length}`;
}

function whereText(row: ImportRow): string {
  if (row.environment === 'production' || row.environment === 'sandbox') return row.environment;
  return row.loginUrl ?? '?';
}

function printPreview(context: Context, preview: ImportPreview, tokenLength: TokenLength | undefined): void {
  const { out } = context.io;
  out(`${preview.rows.length} org${preview.rows.length === 1 ? '' : 's'} found in ${preview.files.join(', ')}: ${preview.counts.new} new, ${preview.counts.duplicate} duplicate, ${preview.counts.invalid} invalid.`);
  if (preview.rows.length) {
    const rows = preview.rows.map((row) => [row.status.toUpperCase(), row.alias || '-', row.username || '-', whereText(row), row.status === 'invalid' ? '-' : secretsText(row, tokenLength)]);
    for (const line of table([['STATUS', 'ALIAS', 'USERNAME', 'WHERE', 'SECRETS'], ...rows])) out(line);
  }
  for (const row of preview.rows) {
    if (row.status !== 'new' && row.reason) out(`  ${row.status}: ${row.reason}`);
    if (row.aliasTaken) out(`  name taken: “${row.alias}” (${row.origin.label}) is already ${row.aliasTaken.orgId ? 'an org in OrgKey' : 'the name of a row above'}; that row will fail. Rename it after the import or in the app’s Import orgs….`);
  }
  for (const note of preview.notes) out(`note: ${note.message}`);
}

function printResult(context: Context, preview: ImportPreview, result: ImportResult): void {
  const byKey = new Map(preview.rows.map((row) => [row.key, row]));
  for (const row of result.rows) {
    const source = byKey.get(row.key)!;
    if (row.status === 'imported') context.io.out(`Imported “${row.alias}” (${source.username})${row.outcome?.ok ? `: logged in, ${row.outcome.latencyMs} ms` : ''}.`);
    else if (row.status === 'failed') context.io.out(`Not imported: ${source.alias} (${source.origin.label}): ${row.code}: ${[row.message, row.remedy].filter(Boolean).join(' ')}`);
  }
  context.io.out(`${result.counts.imported} imported, ${result.counts.failed} failed, ${result.counts.skipped} skipped.`);
  for (const note of result.notes) context.io.out(`note: ${note.message}`);
}

/** The preview as `--json` shows it: what an import would do; the preview id is the app's alone. */
const previewJson = ({ previewId: _id, expiresAt: _expires, ...preview }: ImportPreview) => preview;

export const importCommand: CommandSpec = {
  name: 'import',
  summary: 'Import orgs from Data Loader folders, an ORGanizer export, sf org list --json output or a CSV.',
  usage: [
    'import dataloader DIR… [--token-length 25|24|0] [--group NAME] [--dry-run] [--yes] [--json]',
    'import organizer FILE [--group NAME] [--dry-run] [--yes] [--json]',
    'import sf FILE --client-id KEY [--group NAME] [--dry-run] [--yes] [--json]',
    'import csv FILE [--group NAME] [--dry-run] [--yes] [--json]',
  ],
  description: [
    'Shows what would be imported first: new orgs, duplicates of orgs already in OrgKey (same username',
    'and login host) and invalid entries with the reason. On a terminal it then asks; with --yes it imports',
    'without asking; with no terminal and no --yes it refuses. --dry-run shows the preview only: no login, no change.',
    'dataloader: each folder’s config.properties / process-conf.xml and the key file they name;',
    'sfdc.password is the password and security token glued together: OrgKey proves it with one login',
    '(never past the lockout guard) and stores it split 25 characters from the end (--token-length 24, or 0',
    'for none). organizer: ORGanizer’s JSON export (plain-text passwords: delete the file after). sf: the',
    'output of “sf org list --json” (it holds access tokens: delete it after); the orgs become browser-login',
    'orgs through your External Client App (--client-id), to sign in to afterwards with orgkey login. csv:',
    'the header alias,environment,username (optionally group,color); no secrets: enter each password after.',
    'A row that fails (its login refused, its name taken) is listed; the others are imported (exit 1).',
  ].join('\n'),
  positionals: { names: ['<source>', '<path>'], min: 2, max: 200 },
  options: {
    'dry-run': { type: 'boolean', help: 'Show the preview only: no login, nothing stored.' },
    yes: { type: 'boolean', short: 'y', help: 'Do not ask: import every new org.' },
    json: { type: 'boolean', help: 'Print the preview and the result as JSON.' },
    'token-length': { type: 'string', value: 'N', help: 'dataloader: the security token is the last N characters of sfdc.password: 25 (default), 24, or 0 for none.' },
    group: { type: 'string', value: 'NAME', help: 'File every imported org under this group (instead of the file’s own).' },
    'client-id': { type: 'string', value: 'KEY', help: 'sf: the consumer key of the External Client App the orgs sign in through.' },
  },
  examples: [
    'orgkey import dataloader ~/dataloader/prod ~/dataloader/uat --dry-run',
    'orgkey import csv orgs.csv --group "Client A" --yes',
    'orgkey import sf orgs.json --client-id 3MVG9… --yes',
  ],
  async run(context, { positionals, values }) {
    const [word, ...paths] = positionals;
    const source = word!.toLowerCase() as ImportSource;
    if (!(IMPORT_SOURCES as readonly string[]).includes(source)) throw usageError(`The source is one of ${IMPORT_SOURCES.join(', ')}.`, HELP_HINT);
    const rawLength = stringOption(values, 'token-length');
    const tokenLength = rawLength === undefined ? undefined : (Number(rawLength) as TokenLength);
    if (rawLength !== undefined && (source !== 'dataloader' || !(TOKEN_LENGTHS as readonly number[]).includes(tokenLength!) || !/^\d+$/.test(rawLength))) {
      throw usageError(source !== 'dataloader' ? '--token-length is for Data Loader folders only.' : '--token-length is 25, 24 or 0.', HELP_HINT);
    }
    const clientId = stringOption(values, 'client-id');
    if (clientId !== undefined && source !== 'sf') throw usageError('--client-id is for sf imports only.', HELP_HINT);
    const group = stringOption(values, 'group');
    const core = context.core();
    let preview: ImportPreview;
    try {
      preview = await core.imports.preview(requestOf(source, paths));
    } catch (error) {
      // A file that cannot be read: the message names it (the CLI has no --path option to point at).
      if (isCoreFailure(error) && error.appError.field?.startsWith('path')) throw new CliError('INVALID_INPUT', error.appError.message);
      throw error;
    }
    const dryRun = !!values['dry-run'];
    if (!values.json) printPreview(context, preview, tokenLength);
    const chosen = preview.rows.filter((row) => row.status === 'new');
    if (dryRun || chosen.length === 0) {
      if (values.json) context.io.outBlock(json({ dryRun, preview: previewJson(preview), result: null }));
      else if (!dryRun) context.io.out('Nothing to import.');
      return 0;
    }
    const count = `${chosen.length} org${chosen.length === 1 ? '' : 's'}`;
    if (!values.yes && !context.io.stdinIsTTY) throw new CliError('CONFIRMATION_NEEDED', `Importing ${count} needs a confirmation, and there is no terminal to ask on.`, 'Add --yes to import them, or --dry-run to see the preview only.');
    await confirm(context, `Import ${count}?`, !!values.yes, `Importing ${count}`);
    const result = await core.imports.apply({
      previewId: preview.previewId,
      rows: chosen.map((row) => ({ key: row.key, include: true, ...(tokenLength !== undefined ? { tokenLength } : {}), ...(group !== undefined ? { group } : {}) })),
      ...(clientId !== undefined ? { clientId } : {}),
    });
    if (values.json) context.io.outBlock(json({ dryRun, preview: previewJson(preview), result: (({ previewId: _id, ...rest }) => rest)(result) }));
    else printResult(context, preview, result);
    if (result.counts.failed) {
      context.io.err(errorLine({ code: 'IMPORT_INCOMPLETE', message: `${result.counts.failed} of ${count} were not imported.`, remedy: CODES.IMPORT_INCOMPLETE.remedy }));
      return 1;
    }
    return 0;
  },
};
