/**
 * What an export writes: `config.properties`, `process-conf.xml`, `README.txt` and mapping files.
 *
 * Pure functions of the org, the folder and the chosen jobs, so the unit tests can read every line.
 * Keys and defaults follow Data Loader's own `config/AppConfig.java` (forcedotcom/dataloader).
 */
import path from 'node:path';
import { PRODUCTION_LOGIN_URL, SANDBOX_LOGIN_URL, type DataLoaderJob } from '../../../shared/domain';
import { defaultSoql, posixWord } from '../../../shared/dataloader';
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

/**
 * Access-token exports, as Data Loader's own source has it (github.com/forcedotcom/dataloader, read at
 * v67.0.0; class names are Data Loader's):
 * - AppConfig: `sfdc.oauth.accesstoken` (PROP_OAUTH_ACCESSTOKEN) is in ENCRYPTED_PROPERTY_NAMES beside
 *   `sfdc.password`: decrypted with `process.encryptionKeyFile` (EncryptionAesUtil) when config.properties
 *   or a bean's configOverrideMap is loaded; in batch mode a value that does not decrypt stops the run
 *   (decryptProperty throws ParameterLoadException).
 * - LoginClient.dologin: with an access token it connects to `salesforce.oauth.instanceURL`
 *   (PROP_OAUTH_INSTANCE_URL) and uses the token as the session id (setConfiguredSessionId, checked with
 *   getUserInfo). No SessionRenewer is set: an expired token fails the run and nothing renews it. Data
 *   Loader has no client-credentials or JWT grant, and the refresh token its own sign-in saves
 *   (PROP_OAUTH_REFRESHTOKEN, OAuthServerFlow) is never sent back.
 * - LoginClient.loginSuccess → ClientBase.getConnectorConfig: every later SOAP and Bulk call goes to the
 *   current environment's `sfdc.endpoint.<Production|Sandbox>`, so that names the instance URL too (as
 *   OAuthServerFlow sets it after Data Loader's own sign-in).
 * - ProcessRunner.requiresOAuthLogin (from v64.1.0): unless both `sfdc.username` and `sfdc.password` are
 *   set, a batch run opens Data Loader's browser sign-in (PKCE), token or not; validateConfigProperties
 *   also needs `sfdc.username`. So `sfdc.username` is the user the token acts as and `sfdc.password`
 *   holds the same encrypted token: with a token set, dologin never sends `sfdc.password`.
 */
export const ACCESS_TOKEN_PROPERTY = 'sfdc.oauth.accesstoken';
export const INSTANCE_URL_PROPERTY = 'salesforce.oauth.instanceURL';
export const PASSWORD_PROPERTY = 'sfdc.password';
/** The properties an access-token export encrypts the token into (see above). */
export const TOKEN_PROPERTIES = [ACCESS_TOKEN_PROPERTY, PASSWORD_PROPERTY] as const;

/** An access token for the export, as minted by OrgKey: the token encrypted, where it is valid, whose it is. */
export interface ExportSession {
  encryptedAccessToken: string;
  instanceUrl: string;
  /** The user the token acts as (a client-credentials app's run-as user). */
  username: string;
}

export interface ExportLayout {
  org: Pick<OrgRecord, 'alias' | 'username' | 'environment' | 'loginUrl' | 'lastTest'>;
  folder: string;
  /** The key file the encrypted values need. */
  keyFile: string;
  jobs: DataLoaderJob[];
  /** Password login: `sfdc.password` as Data Loader's encrypted text. */
  encryptedPassword?: string;
  /** Access-token login (no password): the token OrgKey minted, which `orgkey export refresh` renews. */
  session?: ExportSession;
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

/** The user the files log in as: the token's user, or the org's. */
const userOf = (layout: ExportLayout) => layout.session?.username ?? layout.org.username;

/** Where to log in, then who logs in and how: the entries config.properties and every job share. */
function connectionEntries(layout: ExportLayout): { where: Array<[string, string]>; who: Array<[string, string]> } {
  const environment = environmentOf(layout.org);
  // With a token, Data Loader sends every call to the current environment's endpoint: the instance.
  const loginUrl = layout.session?.instanceUrl ?? layout.org.loginUrl;
  const where: Array<[string, string]> = [
    ['sfdc.oauth.environment', environment],
    ['sfdc.endpoint.Production', environment === 'Production' ? loginUrl : PRODUCTION_LOGIN_URL],
    ['sfdc.endpoint.Sandbox', environment === 'Sandbox' ? loginUrl : SANDBOX_LOGIN_URL],
    ['sfdc.endpoint', loginUrl],
  ];
  const who: Array<[string, string]> = [['sfdc.username', userOf(layout)]];
  if (layout.session) {
    who.push(
      ...TOKEN_PROPERTIES.map((key): [string, string] => [key, layout.session!.encryptedAccessToken]),
      [INSTANCE_URL_PROPERTY, layout.session.instanceUrl],
    );
  } else {
    who.push([PASSWORD_PROPERTY, layout.encryptedPassword ?? '']);
  }
  who.push(['process.encryptionKeyFile', layout.keyFile]);
  return { where, who };
}

function stamp(layout: ExportLayout): string {
  return `Written by OrgKey for "${layout.org.alias}" (${userOf(layout)}) on ${layout.writtenAt.toISOString()}.`;
}

const PASSWORD_HEADER = [
  '# sfdc.password is the password followed by the security token, encrypted with the key file in',
  '# process.encryptionKeyFile exactly as Data Loader\'s "encrypt -e" does. When the password or token',
  '# changes, press Refresh on this export in OrgKey: it rewrites only the sfdc.password lines here and',
  '# in process-conf.xml, so any other line you edit stays as you left it.',
];

const TOKEN_HEADER = [
  '# No password is stored here. sfdc.oauth.accesstoken is an OAuth access token that OrgKey minted,',
  '# encrypted with the key file in process.encryptionKeyFile as Data Loader\'s "encrypt -e" does;',
  '# sfdc.password holds the same encrypted token (Data Loader\'s batch mode wants it set, and never sends',
  '# it while a token is set). Data Loader never renews the token: run "orgkey export refresh" right',
  '# before each job (README.txt). It rewrites only those two lines here and in process-conf.xml.',
];

export function configProperties(layout: ExportLayout): string {
  const lines = [
    `# Data Loader configuration. ${stamp(layout)}`,
    ...(layout.session ? TOKEN_HEADER : PASSWORD_HEADER),
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
      ...(layout.session
        ? [
            'Each bean is one job; run it with the command in README.txt, right after "orgkey export refresh",',
            'which rewrites only the sfdc.oauth.accesstoken and sfdc.password entries (the token). No password is stored.',
          ]
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
    `Data Loader batch configuration for "${layout.org.alias}" (${userOf(layout)})`,
    `Written by OrgKey on ${layout.writtenAt.toISOString()}.`,
    '',
    'Files',
    layout.session
      ? `  ${CONFIG_FILE}     login settings: an access token encrypted with the key file, no password`
      : `  ${CONFIG_FILE}     login settings; sfdc.password is encrypted with the key file`,
    `  ${PROCESS_CONF_FILE}     one job ("bean") per operation, listed below`,
    `  key file              ${layout.keyFile}`,
    layout.session
      ? '                        keep it private: with it and these files anyone can act as this user until the token expires'
      : '                        keep it private: anyone with it and these files can log in as this user',
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
    ...(layout.session ? tokenSteps(layout, first) : passwordNotes(layout)),
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
    'client credentials, JWT bearer or Browser login in OrgKey and export again: that configuration holds an',
    'access token instead of the password and does not depend on it.',
    '',
  ];
}

/** `text` as one word in a Windows batch file: double quotes, `%` doubled (a batch file expands it). */
const batchWord = (text: string) => `"${text.replace(/%/g, '%%')}"`;

/**
 * The scheduled job: refresh the token, then run Data Loader. The token is minted right before each
 * run because Data Loader never renews it (see ACCESS_TOKEN_PROPERTY).
 */
function tokenSteps(layout: ExportLayout, first: string): string[] {
  const folder = layout.folder;
  return [
    'The access token (no password)',
    '  OrgKey logged in and wrote an OAuth access token for this org into sfdc.oauth.accesstoken (and the',
    '  same encrypted text into sfdc.password, which Data Loader wants set and does not send while a token',
    '  is set). Data Loader never renews it and has no client-credentials or JWT login of its own. The token',
    '  stays valid for the org\'s session timeout (Setup > Session Settings, or the app\'s own session',
    '  policy) and ends early if someone revokes it. So run the refresh right before every job:',
    `    orgkey export refresh ${posixWord(layout.org.alias)}`,
    '  It logs in again, re-encrypts the new token in place (config.properties and process-conf.xml, written',
    '  all at once, checked by decrypting) and keeps the key file and every other line. The token it replaces',
    '  stays valid until its own session times out.',
    '',
    'A scheduled job is these two lines. Run it as the user who added the org in OrgKey: the refresh reads',
    'the org\'s secret from that user\'s keychain (on Linux, the Secret Service of a logged-in session).',
    '  macOS and Linux (cron): put them in a script, make it executable, and add it with "crontab -e",',
    '  for example "0 2 * * * /path/to/job.sh" for 02:00 every day:',
    `    orgkey export refresh ${posixWord(layout.org.alias)} || exit 1`,
    `    cd /path/to/dataloader && ./dataloader.sh ${posixWord(folder)} ${first} run.mode=batch`,
    '    (on macOS: ./dataloader_console in place of ./dataloader.sh)',
    '  Windows (Task Scheduler): put them in a .bat file and schedule it, for example with',
    '  schtasks /create /tn "Data Loader job" /tr "C:\\path\\to\\job.bat" /sc daily /st 02:00',
    `    call orgkey export refresh ${batchWord(layout.org.alias)} || exit /b 1`,
    `    cd /d "C:\\path\\to\\dataloader\\bin" && process.bat ${batchWord(folder)} ${first}`,
    '',
    'Nothing in this folder depends on SOAP login(), which Salesforce retires in the Summer \'27 release.',
    '',
  ];
}
