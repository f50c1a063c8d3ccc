/**
 * `orgkey export dataloader` / `orgkey export refresh`: the app's Data Loader export, from a terminal.
 */
import path from 'node:path';
import { loginMethodOf } from '../../shared/login-methods';
import { DATALOADER_OPERATIONS, type DataLoaderExportInfo, type DataLoaderExportResult, type DataLoaderJob, type DataLoaderOperation } from '../../shared/domain';
import { listOption, stringOption, type CommandSpec, type ParsedCommand } from '../args';
import type { Context } from '../context';
import { isCoreFailure, usageError } from '../errors';
import { json } from '../format';
import { confirm, shellWord } from '../input';

const KINDS = ['dataloader', 'refresh'] as const;
const HELP_HINT = 'Run “orgkey export --help”.';

/** A path from the command line: relative ones are the shell's (resolved here), `~` is left to the core. */
const pathArg = (typed: string) => (/^~(?=$|[/\\])/.test(typed) ? typed : path.resolve(typed));

function jobsFrom(values: ParsedCommand['values']): DataLoaderJob[] {
  const operations = listOption(values, 'operation').map((raw) => raw.toLowerCase());
  for (const operation of operations) {
    if (!(DATALOADER_OPERATIONS as readonly string[]).includes(operation)) {
      throw usageError(`--operation is one of ${DATALOADER_OPERATIONS.join(', ')}.`, HELP_HINT);
    }
  }
  const chosen = [...new Set(operations.length ? operations : ['extract'])] as DataLoaderOperation[];
  const object = stringOption(values, 'object') ?? 'Account';
  const soql = stringOption(values, 'soql');
  const externalId = stringOption(values, 'external-id');
  if (soql !== undefined && !chosen.includes('extract')) throw usageError('--soql is for the extract operation only.', HELP_HINT);
  if (externalId !== undefined && !chosen.includes('upsert')) throw usageError('--external-id is for the upsert operation only.', HELP_HINT);
  // Data Loader's usual order, whatever order the options came in.
  return DATALOADER_OPERATIONS.filter((operation) => chosen.includes(operation)).map((operation) => ({
    operation,
    object,
    ...(operation === 'extract' && soql !== undefined ? { soql } : {}),
    ...(operation === 'upsert' && externalId !== undefined ? { externalIdField: externalId } : {}),
  }));
}

function resultJson(alias: string, result: DataLoaderExportResult) {
  const info = result.export;
  return {
    alias,
    folder: info.folder,
    keyFile: info.keyFile,
    createdKey: info.createdKey,
    beans: info.beans,
    exportedAt: info.exportedAt,
    refreshedAt: info.refreshedAt ?? null,
    stale: info.stale,
    written: result.written,
    kept: result.kept,
    createdFolder: result.createdFolder,
    checked: true,
  };
}

async function exportDataLoader(context: Context, alias: string, values: ParsedCommand['values']): Promise<number> {
  const out = stringOption(values, 'out');
  if (out === undefined) throw usageError('orgkey export dataloader needs --out DIR, the folder to write.', HELP_HINT);
  const keyPath = stringOption(values, 'key-file');
  const jobs = jobsFrom(values);
  const org = context.findOrg(alias);
  const core = context.core();
  // Relative paths are the shell's: resolve them against where the command runs.
  const request = {
    id: org.id,
    folder: pathArg(out),
    keyFile: keyPath === undefined ? ({ kind: 'new' } as const) : ({ kind: 'existing', path: pathArg(keyPath) } as const),
    jobs,
  };
  let result: DataLoaderExportResult;
  try {
    result = await core.dataloader.export(request);
  } catch (error) {
    if (!isCoreFailure(error) || error.appError.code !== 'FILES_EXIST') throw error;
    const names = error.appError.details ?? [];
    await confirm(context, `${request.folder} already has ${names.join(', ')}. Replace them?`, !!values.yes, `Replacing ${names.join(', ')}`);
    result = await core.dataloader.export({ ...request, overwrite: true });
  }

  if (values.json) {
    context.io.outBlock(json(resultJson(org.alias, result)));
    return 0;
  }
  const info = result.export;
  const token = loginMethodOf(org).dataLoader === 'access-token';
  context.io.out(`Exported “${org.alias}” for Data Loader to ${info.folder}${result.createdFolder ? ' (created)' : ''}.`);
  if (token) {
    context.io.out('Checked: sfdc.oauth.accesstoken in config.properties and process-conf.xml decrypts to a fresh access token (no password).');
  } else {
    context.io.out('Checked: sfdc.password in config.properties and process-conf.xml decrypts to the stored password and token.');
  }
  for (const file of result.written) context.io.out(`  wrote ${file}`);
  for (const file of result.kept) context.io.out(`  kept  ${file} (yours, left as it was)`);
  context.io.out(`Key file: ${info.keyFile}${info.createdKey ? ' (new: keep it private)' : ''}`);
  if (token) {
    // Data Loader never renews the token: every run needs a fresh one first.
    context.io.out(`Before every run: orgkey export refresh ${shellWord(org.alias)}  (the token lasts as long as the org's session timeout)`);
  }
  context.io.out('Run a job (README.txt in the folder has every command, and the scheduled job):');
  context.io.out(`  Windows: process.bat "${info.folder}" ${info.beans[0]}`);
  context.io.out(`  macOS:   ./dataloader_console "${info.folder}" ${info.beans[0]} run.mode=batch`);
  return 0;
}

async function refreshExports(context: Context, alias: string, values: ParsedCommand['values']): Promise<number> {
  const org = context.findOrg(alias);
  const core = context.core();
  const token = loginMethodOf(org).dataLoader === 'access-token';
  // An access token goes stale with time, which OrgKey cannot see: each of them gets a fresh one.
  const targets: DataLoaderExportInfo[] = org.dataLoaderExports.filter((entry) => token || values.all || entry.stale);
  const results = [];
  for (const entry of targets) results.push(await core.dataloader.refresh(org.id, entry.id));
  if (values.json) {
    context.io.outBlock(json(results.map((result) => resultJson(org.alias, result))));
    return 0;
  }
  if (org.dataLoaderExports.length === 0) {
    context.io.out(`“${org.alias}” has no Data Loader exports. Write one with: orgkey export dataloader ${shellWord(org.alias)} --out DIR`);
    return 0;
  }
  if (results.length === 0) {
    context.io.out(`Nothing to refresh: every Data Loader export of “${org.alias}” is up to date.`);
    return 0;
  }
  for (const result of results) {
    const what = token ? 'a new access token encrypted into sfdc.oauth.accesstoken and sfdc.password' : 'sfdc.password re-encrypted';
    context.io.out(`Refreshed ${result.export.folder}: ${what} in ${result.written.map((file) => path.basename(file)).join(' and ')}, checked; every other line kept.`);
  }
  return 0;
}

export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'Write a ready-to-use Data Loader configuration, or bring one up to date.',
  usage: [
    'export dataloader <alias> --out DIR [--key-file PATH] [--operation extract|insert|update|upsert|delete …] [--object NAME] [--soql QUERY] [--external-id FIELD] [--yes] [--json]',
    'export refresh <alias> [--all] [--json]',
  ],
  description: [
    'dataloader writes config.properties, process-conf.xml (one job per --operation; default extract),',
    'README.txt, mapping files and, unless --key-file names an existing Data Loader key, a new',
    'dataLoader.key (readable only by you). sfdc.password is the password + token encrypted exactly as',
    'Data Loader’s `encrypt -e` does; the files are read back and decrypted before it reports success.',
    'Existing files are replaced only after you confirm (or with --yes).',
    '',
    'refresh re-encrypts sfdc.password in place in every stale export of the org (--all: every export)',
    'after the password or token changed, leaving every other line as it is. For an org that logs in',
    'without a password (client credentials, JWT bearer, browser login) the export holds an access token',
    'instead, which Data Loader never renews: refresh logs in for a new one and re-encrypts it in place',
    'in every export of the org. Run it right before each Data Loader job.',
  ].join('\n'),
  positionals: { names: ['dataloader|refresh', '<alias>'], min: 2, max: 2 },
  options: {
    out: { type: 'string', value: 'DIR', help: 'The folder to write (created if missing).' },
    'key-file': { type: 'string', value: 'PATH', help: 'Encrypt with this existing Data Loader key file instead of a new one.' },
    operation: { type: 'string', value: 'OP', multiple: true, help: 'extract, insert, update, upsert or delete; repeat for several. Default: extract.' },
    object: { type: 'string', value: 'NAME', help: 'The object’s API name for every operation. Default: Account.' },
    soql: { type: 'string', value: 'QUERY', help: 'The extract’s query. Default: SELECT Id, Name FROM <object> (Id only where there is no Name).' },
    'external-id': { type: 'string', value: 'FIELD', help: 'The field upserts match by. Default: Id.' },
    yes: { type: 'boolean', short: 'y', help: 'Replace existing files without asking.' },
    all: { type: 'boolean', help: 'refresh: every export of the org, not only the stale ones.' },
    json: { type: 'boolean', help: 'Print the result as JSON (see the README for the shape).' },
  },
  examples: [
    'orgkey export dataloader Production --out ~/dataloader/prod',
    'orgkey export dataloader Production --out ~/dataloader/prod --key-file ~/.dataloader/dataLoader.key --operation extract --operation upsert --external-id Ext_Id__c',
    'orgkey export refresh Production',
  ],
  async run(context, { positionals, values }) {
    const [kind, alias] = positionals as [string, string];
    if (!(KINDS as readonly string[]).includes(kind)) throw usageError('orgkey export takes dataloader or refresh first.', HELP_HINT);
    return kind === 'dataloader' ? exportDataLoader(context, alias, values) : refreshExports(context, alias, values);
  },
};
