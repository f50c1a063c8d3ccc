/**
 * What an export writes: `config.properties`, `process-conf.xml`, `README.txt` and mapping files.
 *
 * Pure functions of the org, the folder and the chosen jobs, so the unit tests can read every line.
 * Keys and defaults follow Data Loader's own `config/AppConfig.java` (forcedotcom/dataloader).
 */
import path from 'node:path';
import { PRODUCTION_LOGIN_URL, SANDBOX_LOGIN_URL, type DataLoaderJob } from '../../../shared/domain';
import { defaultSoql } from '../../../shared/dataloader';
import { sandboxImpliedByHost } from '../../../shared/salesforce-hosts';
import type { OrgRecord } from '../settings/schema';
import { type BeanSpec, processConfXml } from './process-conf';
import { propertyLine } from './properties';

export const CONFIG_FILE = 'config.properties';
export const PROCESS_CONF_FILE = 'process-conf.xml';
export const README_FILE = 'README.txt';
export const NEW_KEY_FILE = 'dataLoader.key';
export const DATA_DIR = 'data';
export const STATUS_DIR = 'status';
export const MAPPINGS_DIR = 'mappings';

export interface ExportLayout {
  org: Pick<OrgRecord, 'alias' | 'username' | 'environment' | 'loginUrl' | 'lastTest'>;
  folder: string;
  /** The key file the encrypted values need; null when nothing is encrypted (OAuth without a client secret). */
  keyFile: string | null;
  jobs: DataLoaderJob[];
  /** Password login: `sfdc.password` as Data Loader's encrypted text. */
  encryptedPassword?: string;
  /**
   * Browser-login orgs: Data Loader's own OAuth through the same External Client App (AppConfig's
   * `sfdc.oauth.<Env>.eca.*` keys): its consumer key, and its secret encrypted when the app requires
   * one. No password.
   */
  oauth?: { clientId: string; encryptedClientSecret?: string };
  writtenAt: Date;
  /** `path` flavour of the machine the files are for (tests pass `path.win32` to check Windows paths). */
  paths?: path.PlatformPath;
}

/** Data Loader's two login environments. */
export type DataLoaderEnvironment = 'Production' | 'Sandbox';

/** Sandboxes log in through Data Loader's Sandbox environment; everything else through Production. */
export function environmentOf(org: ExportLayout['org']): DataLoaderEnvironment {
  if (org.environment === 'sandbox') return 'Sandbox';
  if (org.environment === 'production') return 'Production';
  const host = new URL(org.loginUrl).hostname;
  return sandboxImpliedByHost(host) === true || org.lastTest?.facts?.isSandbox === true ? 'Sandbox' : 'Production';
}

/** The bean id of a job, e.g. `extractAccount` or `upsertInvoice__c`. */
export function beanId(job: DataLoaderJob): string {
  return `${job.operation}${job.object}`;
}

/** The starting mapping (CSV column=field) for a load job; the admin edits it to match the CSV. */
export function mappingText(job: DataLoaderJob, csv: string): string {
  const fields =
    job.operation === 'delete' ? ['Id'] : job.operation === 'insert' ? ['Name'] : job.operation === 'upsert' ? [job.externalIdField ?? 'Id', 'Name'] : ['Id', 'Name'];
  return [
    `# Data Loader field mapping for ${beanId(job)}: one "CSV column=Salesforce field" per line.`,
    `# OrgKey wrote this starting point. Edit it to match the column names in ${csv};`,
    '# OrgKey never overwrites this file once it exists.',
    ...[...new Set(fields)].map((field) => `${field}=${field}`),
    '',
  ].join('\n');
}

/** The files of one job inside the export folder. */
export function jobFiles(folder: string, job: DataLoaderJob, paths: path.PlatformPath = path) {
  const id = beanId(job);
  return {
    data: paths.join(folder, DATA_DIR, `${id}.csv`),
    success: paths.join(folder, STATUS_DIR, `${id}-success.csv`),
    error: paths.join(folder, STATUS_DIR, `${id}-error.csv`),
    mapping: job.operation === 'extract' ? undefined : paths.join(folder, MAPPINGS_DIR, `${id}.sdl`),
  };
}

/** The property holding the OAuth client secret for an environment (one of Data Loader's encrypted properties). */
export const ecaSecretProperty = (environment: DataLoaderEnvironment) => `sfdc.oauth.${environment}.eca.clientsecret`;

/** Where to log in, then who logs in and how: the entries config.properties and every job share. */
function connectionEntries(layout: ExportLayout): { where: Array<[string, string]>; who: Array<[string, string]> } {
  const environment = environmentOf(layout.org);
  const loginUrl = layout.org.loginUrl;
  const where: Array<[string, string]> = [
    ['sfdc.oauth.environment', environment],
    ['sfdc.endpoint.Production', environment === 'Production' ? loginUrl : PRODUCTION_LOGIN_URL],
    ['sfdc.endpoint.Sandbox', environment === 'Sandbox' ? loginUrl : SANDBOX_LOGIN_URL],
    ['sfdc.endpoint', loginUrl],
  ];
  const who: Array<[string, string]> = [['sfdc.username', layout.org.username]];
  if (layout.oauth) {
    who.push(['sfdc.oauth.useExternalClientApp', 'true'], [`sfdc.oauth.${environment}.eca.clientid`, layout.oauth.clientId]);
    if (layout.oauth.encryptedClientSecret) who.push([ecaSecretProperty(environment), layout.oauth.encryptedClientSecret]);
  } else {
    who.push(['sfdc.password', layout.encryptedPassword ?? '']);
  }
  if (layout.keyFile) who.push(['process.encryptionKeyFile', layout.keyFile]);
  return { where, who };
}

function stamp(layout: ExportLayout): string {
  return `Written by OrgKey for "${layout.org.alias}" (${layout.org.username}) on ${layout.writtenAt.toISOString()}.`;
}

const PASSWORD_HEADER = [
  '# sfdc.password is the password followed by the security token, encrypted with the key file in',
  '# process.encryptionKeyFile exactly as Data Loader\'s "encrypt -e" does. When the password or token',
  '# changes, press Refresh on this export in OrgKey: it rewrites only the sfdc.password lines here and',
  '# in process-conf.xml, so any other line you edit stays as you left it.',
];

const OAUTH_HEADER = [
  '# Data Loader signs in with OAuth in the browser through the External Client App named below',
  '# (sfdc.oauth.useExternalClientApp): no password or security token is stored, so nothing here',
  '# depends on SOAP login(), which Salesforce retires in Summer \'27. See README.txt for the one-time setup.',
];

export function configProperties(layout: ExportLayout): string {
  const lines = [
    `# Data Loader configuration. ${stamp(layout)}`,
    ...(layout.oauth ? OAUTH_HEADER : PASSWORD_HEADER),
    '',
    '# Where to log in',
    'sfdc.oauth.environments=Production,Sandbox',
  ];
  const { where, who } = connectionEntries(layout);
  lines.push(
    ...where.map(([key, value]) => propertyLine(key, value)),
    '',
    '# Who logs in',
    ...who.map(([key, value]) => propertyLine(key, value)),
    '',
    '# Timeouts (seconds) and batch sizes',
    'sfdc.connectionTimeoutSecs=60',
    'sfdc.timeoutSecs=540',
    'sfdc.loadBatchSize=200',
    'sfdc.extractionRequestSize=500',
    '',
    '# CSV files are read and written as UTF-8',
    'dataAccess.readUTF8=true',
    'dataAccess.writeUTF8=true',
    '',
  );
  return lines.join('\n');
}

function describeJob(job: DataLoaderJob, files: ReturnType<typeof jobFiles>, paths: path.PlatformPath): string {
  const csv = paths.join(DATA_DIR, paths.basename(files.data));
  switch (job.operation) {
    case 'extract':
      return `Extract ${job.object} records to ${csv}.`;
    case 'delete':
      return `Delete the ${job.object} records whose Ids are listed in ${csv}.`;
    case 'upsert':
      return `Upsert ${job.object} records from ${csv}, matched by ${job.externalIdField ?? 'Id'}.`;
    default:
      return `${job.operation === 'insert' ? 'Insert' : 'Update'} ${job.object} records from ${csv}.`;
  }
}

export function beans(layout: ExportLayout): BeanSpec[] {
  const paths = layout.paths ?? path;
  return layout.jobs.map((job) => {
    const files = jobFiles(layout.folder, job, paths);
    const { where, who } = connectionEntries(layout);
    const entries: Array<[string, string]> = [
      ...where,
      ...who,
      ['process.operation', job.operation],
      ['sfdc.entity', job.object],
    ];
    if (job.operation === 'extract') {
      entries.push(
        ['sfdc.extractionSOQL', (job.soql ?? defaultSoql(job.object)).replace(/\s+/g, ' ').trim()],
        ['dataAccess.type', 'csvWrite'],
      );
    } else {
      if (job.operation === 'upsert') entries.push(['sfdc.externalIdField', job.externalIdField ?? 'Id']);
      entries.push(['process.mappingFile', files.mapping!], ['dataAccess.type', 'csvRead']);
    }
    entries.push(['dataAccess.name', files.data], ['process.outputSuccess', files.success], ['process.outputError', files.error]);
    return { id: beanId(job), description: describeJob(job, files, paths), entries };
  });
}

export function processConf(layout: ExportLayout): string {
  return processConfXml(
    [
      `Data Loader batch jobs. ${stamp(layout)}`,
      ...(layout.oauth
        ? ['Each bean is one job; run it with the command in README.txt. Data Loader signs in with OAuth', 'through the External Client App in config.properties; no password is stored.']
        : [
            'Each bean is one job; run it with the command in README.txt. sfdc.password is encrypted with',
            'the key file in process.encryptionKeyFile; Refresh in OrgKey rewrites only the sfdc.password entries.',
          ]),
    ],
    beans(layout),
  );
}

export function readme(layout: ExportLayout): string {
  const paths = layout.paths ?? path;
  const folder = layout.folder;
  const lines = [
    `Data Loader batch configuration for "${layout.org.alias}" (${layout.org.username})`,
    `Written by OrgKey on ${layout.writtenAt.toISOString()}.`,
    '',
    'Files',
    layout.oauth
      ? `  ${CONFIG_FILE}     login settings: OAuth through the External Client App, no password`
      : `  ${CONFIG_FILE}     login settings; sfdc.password is encrypted with the key file`,
    `  ${PROCESS_CONF_FILE}     one job ("bean") per operation, listed below`,
    ...(layout.keyFile
      ? [
          `  key file              ${layout.keyFile}`,
          layout.oauth
            ? '                        keep it private: it decrypts the app\'s client secret'
            : '                        keep it private: anyone with it and these files can log in as this user',
        ]
      : []),
    `  ${DATA_DIR}${paths.sep}                 CSV files: extracts are written here, loads read from here`,
    `  ${MAPPINGS_DIR}${paths.sep}             field mappings for loads (CSV column=Salesforce field)`,
    `  ${STATUS_DIR}${paths.sep}               success and error files of each run`,
    '',
    'Jobs',
  ];
  for (const job of layout.jobs) {
    const files = jobFiles(folder, job, paths);
    lines.push(`  ${beanId(job)}: ${describeJob(job, files, paths)}`);
    if (files.mapping) lines.push(`    Put the records in ${files.data} (first line: column names) and check ${files.mapping}.`);
  }
  const first = beanId(layout.jobs[0]!);
  lines.push(
    '',
    'Run a job (replace the job name to run another)',
    '  Windows, from the bin folder of your Data Loader installation:',
    `    process.bat "${folder}" ${first}`,
    '  macOS, from the Data Loader installation folder:',
    `    ./dataloader_console "${folder}" ${first} run.mode=batch`,
    '  Linux, from the Data Loader installation folder:',
    `    ./dataloader.sh "${folder}" ${first} run.mode=batch`,
    '  Any system with Java:',
    `    java -jar dataloader-x.y.z.jar salesforce.config.dir="${folder}" process.name=${first} run.mode=batch`,
    '',
    'All jobs in this folder',
    ...layout.jobs.map((job) => `  process.bat "${folder}" ${beanId(job)}`),
    '',
    ...(layout.oauth ? oauthSteps(layout) : passwordNotes(layout)),
  );
  return lines.join('\n');
}

function passwordNotes(layout: ExportLayout): string[] {
  return [
    'Check the encrypted password with Data Loader itself (prints the password followed by the token):',
    `  encrypt.bat -d <value of sfdc.password> "${layout.keyFile}"`,
    `  ./dataloader_console -d <value of sfdc.password> "${layout.keyFile}" run.mode=encrypt`,
    '',
    'When the password or security token changes, open the org in OrgKey and press Refresh on this export:',
    'it re-encrypts sfdc.password in config.properties and process-conf.xml and leaves every other line alone.',
    '',
    'Data Loader logs in with the SOAP login() call ("Password Authentication"). Salesforce retires that call',
    'in the Summer \'27 release; orgs created recently may already have it turned off. Switch the org to',
    'Browser login (OAuth) in OrgKey and export again to get a configuration that does not depend on it.',
    '',
  ];
}

/** Data Loader's own redirect URIs (its AppConfig defaults), which the app must allow. */
export const DATA_LOADER_REDIRECT_URIS = ['https://login.salesforce.com/services/oauth2/success', 'https://test.salesforce.com/services/oauth2/success'];

function oauthSteps(layout: ExportLayout): string[] {
  const environment = environmentOf(layout.org);
  return [
    'Sign in once before the first run (Data Loader\'s own OAuth, no password)',
    `  1. In Salesforce Setup, open the External Client App whose consumer key is ${layout.oauth!.clientId}`,
    '     (the one OrgKey signs in with) and add Data Loader\'s callback URL to its OAuth settings:',
    `       ${environment === 'Sandbox' ? DATA_LOADER_REDIRECT_URIS[1] : DATA_LOADER_REDIRECT_URIS[0]}`,
    '  2. Open the Data Loader app with this folder as its configuration folder, choose "OAuth" on the',
    `     login page (environment ${environment}) and sign in as ${layout.org.username || 'the org\'s user'} in the browser.`,
    '     Data Loader keeps the OAuth session in this folder\'s config.properties (encrypted); the batch jobs',
    '     above use it. Sign in again the same way when it expires or an admin revokes it.',
    '',
    'Nothing in this folder depends on SOAP login(), which Salesforce retires in the Summer \'27 release.',
    '',
  ];
}
