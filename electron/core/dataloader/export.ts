/**
 * Data Loader export: writes a ready-to-use batch-mode folder for an org and keeps it current.
 *
 * A password org's password and token are read from the keychain; every other org gets an access token
 * that OrgKey mints with a login (templates.ts says why Data Loader needs it so). Either is encrypted
 * with the chosen key file exactly as Data Loader's `encrypt -e` does, and never written anywhere in
 * plain. Every export and refresh is read back and decrypted before OrgKey reports success; the files
 * are written all-or-nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataLoaderDefaults, DataLoaderExportResult, DataLoaderJob, DataLoaderKeyChoice } from '../../../shared/domain';
import { loginMethodOf } from '../../../shared/login-methods';
import { checkApiName, checkSoql } from '../../../shared/validation';
import { recordOutcome, type LoginAttempts } from '../connection/login-attempt';
import { fieldError, OrgKeyError } from '../errors';
import { findOrgRecord } from '../org-records';
import { silentLogger, type CorePorts, type Session } from '../ports';
import { orgSecretsOf } from '../secrets/org-secrets';
import type { ExportRecord, OrgRecord } from '../settings/schema';
import { DataLoaderCodecError, decryptFromDataLoader, encryptForDataLoader, newKey, readKeyFile } from './codec';
import { describeFsError, resolveUserPath, writeFilesAtomically, type FileToWrite } from './files';
import { KeyFileNotPrivateError, keyFingerprint, matchesFingerprint, readPrivateKeyFile, realPathOf } from './key-file';
import { readBeans, replaceEntryValues } from './process-conf';
import { getProperty, replaceProperty } from './properties';
import { exportInfo } from './status';
import {
  ACCESS_TOKEN_PROPERTY,
  beanId,
  configProperties,
  CONFIG_FILE,
  DATA_DIR,
  type DataLoaderEnvironment,
  type ExportLayout,
  jobFiles,
  mappingText,
  INSTANCE_URL_PROPERTY,
  MAPPINGS_DIR,
  NEW_KEY_FILE,
  PASSWORD_PROPERTY,
  processConf,
  PROCESS_CONF_FILE,
  readme,
  README_FILE,
  STATUS_DIR,
  TOKEN_PROPERTIES,
} from './templates';

const TAG = '[dataloader]';
/** Anything that can log in (with the key) is readable by the owner only. */
const PRIVATE = 0o600;
const PUBLIC = 0o644;

/** What to export: the org, the folder, which key file encrypts the password, and the jobs. */
export interface DataLoaderExportRequest {
  id: string;
  folder: string;
  keyFile: DataLoaderKeyChoice;
  jobs: DataLoaderJob[];
  /** The admin confirmed replacing files that already exist in the folder. */
  overwrite?: boolean;
}

export interface DataLoaderExporter {
  defaults(id: string): DataLoaderDefaults;
  export(request: DataLoaderExportRequest): Promise<DataLoaderExportResult>;
  refresh(id: string, exportId: string): Promise<DataLoaderExportResult>;
  forget(id: string, exportId: string): { exportId: string };
}

/** Check the jobs the admin chose; field names point at the form field (`jobs.<i>.object` …). */
export function checkJobs(jobs: DataLoaderJob[]): DataLoaderJob[] {
  if (jobs.length === 0) throw fieldError('jobs', 'Choose at least one operation to write a job for.');
  const seen = new Set<string>();
  return jobs.map((job, i) => {
    const object = checkApiName(job.object, 'object');
    if (!object.ok) throw fieldError(`jobs.${i}.object`, object.message);
    const clean: DataLoaderJob = { operation: job.operation, object: object.value };
    if (job.operation === 'extract' && job.soql !== undefined && job.soql.trim() !== '') {
      const soql = checkSoql(job.soql);
      if (!soql.ok) throw fieldError(`jobs.${i}.soql`, soql.message);
      clean.soql = soql.value;
    }
    if (job.operation === 'upsert') {
      const field = checkApiName(job.externalIdField ?? 'Id', 'field');
      if (!field.ok) throw fieldError(`jobs.${i}.externalIdField`, field.message);
      clean.externalIdField = field.value;
    }
    const id = beanId(clean);
    if (seen.has(id.toLowerCase())) throw fieldError(`jobs.${i}.object`, `The ${job.operation} of ${clean.object} is listed twice.`);
    seen.add(id.toLowerCase());
    return clean;
  });
}

/** The environment a written config.properties logs in to. */
function environmentOfConfig(config: string): DataLoaderEnvironment {
  return getProperty(config, 'sfdc.oauth.environment') === 'Sandbox' ? 'Sandbox' : 'Production';
}

const slug = (alias: string) =>
  alias
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase() || 'org';

function exists(target: string): boolean {
  return fs.existsSync(target);
}

/** The key file as the export was written with it, and its key: what a later refresh must find again. */
interface TrustedKey {
  key: Buffer;
  realPath: string;
  fingerprint: string;
}

const KEY_PROPERTY = 'process.encryptionKeyFile';
const KEY_FILE_BACK = 'Put the key file back where config.properties says it is, or export again with a new key file.';

/**
 * The key a refresh may encrypt with. config.properties, and every job in process-conf.xml that names
 * a key file (a job's entry overrides config.properties in Data Loader), must name the export's own
 * key file — the same real path, holding the same key — and that file must be private to the user.
 * Anyone who could swap either would otherwise choose the key the next password is encrypted with.
 * Everything is checked before a byte is written.
 */
function refreshKey(record: ExportRecord, configPath: string, config: string, xmlPath: string, xml: string | null): TrustedKey {
  const changed = (message: string, remedy?: string) => new OrgKeyError('EXPORT_KEY_CHANGED', { message, ...(remedy ? { remedy } : {}) });
  const expected = record.keyRealPath ?? realPathOf(record.keyFile) ?? record.keyFile;
  const named: Array<{ where: string; value: string | undefined }> = [{ where: configPath, value: getProperty(config, KEY_PROPERTY) }];
  if (xml !== null) {
    let beans;
    try {
      beans = readBeans(xml);
    } catch (error) {
      throw new OrgKeyError('EXPORT_CHECK_FAILED', {
        message: `${error instanceof Error ? error.message : `${PROCESS_CONF_FILE} could not be read`} Refresh wrote nothing.`,
        remedy: `Correct ${xmlPath}, or export again.`,
      });
    }
    for (const bean of beans) {
      const value = bean.entries.get(KEY_PROPERTY);
      if (value !== undefined) named.push({ where: `The job ${bean.id} in ${xmlPath}`, value });
    }
  }
  for (const { where, value } of named) {
    if (!value?.trim()) {
      throw changed(`${where} names no key file (${KEY_PROPERTY}), so Data Loader would use its own default key, not ${record.keyFile}, which OrgKey encrypted this export with. Refresh wrote nothing.`);
    }
    const resolved = path.resolve(record.folder, value.trim());
    const real = realPathOf(resolved);
    if (real === undefined && resolved === record.keyFile) {
      throw new OrgKeyError('EXPORT_FAILED', { message: `There is no file at ${resolved}.`, remedy: KEY_FILE_BACK });
    }
    if (real !== expected) throw changed(`${where} names the key file ${resolved}, but OrgKey encrypted this export with ${record.keyFile}. Refresh wrote nothing.`);
  }

  let read: { key: Buffer; realPath: string };
  try {
    read = readPrivateKeyFile(record.keyFile);
  } catch (error) {
    if (error instanceof KeyFileNotPrivateError) {
      throw new OrgKeyError('EXPORT_KEY_NOT_PRIVATE', { message: `${error.message} Refresh wrote nothing.`, remedy: `${error.fix}, then refresh again.` });
    }
    if (!(error instanceof DataLoaderCodecError)) throw error;
    throw new OrgKeyError('EXPORT_FAILED', { message: error.message, remedy: KEY_FILE_BACK });
  }
  // The file may have moved between the check above and the read: what was read must be the same file.
  if (read.realPath !== expected) throw changed(`${record.keyFile} changed while OrgKey read it. Refresh wrote nothing.`);
  if (record.keyFingerprint && !matchesFingerprint(read.key, record.keyFingerprint)) {
    throw changed(
      `The key in ${record.keyFile} is not the one OrgKey encrypted this export with: the file was replaced or rewritten since. Refresh wrote nothing.`,
      'If you replaced it on purpose, export again to this folder with it (the sfdc.password there no longer decrypts with it anyway); otherwise put the original key file back.',
    );
  }
  return { key: read.key, realPath: read.realPath, fingerprint: record.keyFingerprint ?? keyFingerprint(read.key) };
}

/** What an export encrypts, into which properties, and in words for a failed check. */
interface Secret {
  plain: string;
  properties: readonly string[];
  what: string;
  /** An access-token export's session: where the token is valid and whose it is. */
  session?: Session;
}

export function createDataLoaderExporter(ports: CorePorts, logins: LoginAttempts): DataLoaderExporter {
  const { settings, clock } = ports;
  const logger = ports.logger ?? silentLogger;
  const home = ports.homeDir ?? os.homedir();

  /**
   * Log in for a fresh access token, through the lockout guard like every login (the redactor learns the
   * token there). A refused login is the org's last test, as a test's would be; nothing is written.
   */
  const mintSession = async (org: OrgRecord): Promise<Session> => {
    const login = await logins.login(org.id, { session: true });
    try {
      if (!login.outcome.ok || !login.session) {
        login.settle(recordOutcome(login.outcome, { asLastTest: true }));
        const failure = login.outcome.failure;
        throw new OrgKeyError('EXPORT_LOGIN_FAILED', {
          message: `OrgKey could not log in for an access token, so it wrote nothing. ${failure?.message ?? ''}`.trim(),
          ...(failure?.remedy ? { remedy: failure.remedy } : {}),
        });
      }
      login.settle();
      return login.session;
    } finally {
      login.release();
    }
  };

  /** The one secret an export encrypts: the password + token, or (as the login table says) a fresh access token. */
  const secretFor = async (org: OrgRecord): Promise<Secret> => {
    if (loginMethodOf(org).dataLoader === 'access-token') {
      const session = await mintSession(org);
      return { plain: session.accessToken, properties: TOKEN_PROPERTIES, what: 'the access token OrgKey just got', session };
    }
    const { password, token = '' } = await orgSecretsOf(ports).read(org.id, ['password', 'token']);
    if (!password) throw new OrgKeyError('PASSWORD_MISSING');
    return { plain: password + token, properties: [PASSWORD_PROPERTY], what: 'the stored password and token' };
  };

  /** The key a written file names, for reading it back; a key file that vanished is an error in words. */
  const keyFrom = (file: string): Buffer => {
    try {
      return readKeyFile(file);
    } catch (error) {
      if (!(error instanceof DataLoaderCodecError)) throw error;
      throw new OrgKeyError('EXPORT_FAILED', { message: error.message, remedy: KEY_FILE_BACK });
    }
  };

  /**
   * Read the written files back and decrypt every encrypted value (`sfdc.password`, or the access token
   * in both its properties); a token export must name the instance the token is for. Any mismatch is an
   * error, not a success.
   */
  const verify = (folder: string, keyFile: string, secret: Secret, beanIds: string[] | null): void => {
    const failed = (message: string) => new OrgKeyError('EXPORT_CHECK_FAILED', { message });
    const config = fs.readFileSync(path.join(folder, CONFIG_FILE), 'utf8');
    if (secret.session && getProperty(config, INSTANCE_URL_PROPERTY) !== secret.session.instanceUrl) {
      throw failed(`${INSTANCE_URL_PROPERTY} in ${CONFIG_FILE} does not name the instance the access token is for.`);
    }
    const configuredKey = getProperty(config, KEY_PROPERTY);
    const key = keyFrom(configuredKey ? path.resolve(folder, configuredKey) : keyFile);
    const decrypts = (text: string | undefined) => {
      try {
        return text !== undefined && decryptFromDataLoader(text, key) === secret.plain;
      } catch {
        return false;
      }
    };
    for (const property of secret.properties) {
      if (!decrypts(getProperty(config, property))) throw failed(`${property} in ${CONFIG_FILE} does not decrypt to ${secret.what}.`);
    }
    const xmlPath = path.join(folder, PROCESS_CONF_FILE);
    if (!exists(xmlPath)) return;
    let beans;
    try {
      beans = readBeans(fs.readFileSync(xmlPath, 'utf8'));
    } catch (error) {
      throw failed(error instanceof Error ? error.message : `${PROCESS_CONF_FILE} could not be read back.`);
    }
    for (const id of beanIds ?? []) {
      if (!beans.some((bean) => bean.id === id)) throw failed(`${PROCESS_CONF_FILE} has no job named ${id}.`);
    }
    for (const bean of beans) {
      for (const property of secret.properties) {
        const value = bean.entries.get(property);
        if (value !== undefined && !decrypts(value)) throw failed(`${property} in the job ${bean.id} of ${PROCESS_CONF_FILE} does not decrypt to ${secret.what}.`);
      }
    }
  };

  const remember = (org: OrgRecord, record: ExportRecord) => {
    settings.update((doc) => ({
      ...doc,
      orgs: doc.orgs.map((candidate) => {
        // An export written over another one's folder replaces it, whichever org that one was for.
        const others = candidate.dataLoaderExports.filter((other) => other.id !== record.id && other.folder !== record.folder);
        return candidate.id === org.id ? { ...candidate, dataLoaderExports: [record, ...others] } : { ...candidate, dataLoaderExports: others };
      }),
    }));
  };

  const writeOrFail = (files: FileToWrite[], folder: string) => {
    try {
      writeFilesAtomically(files);
    } catch (error) {
      const target = (error as NodeJS.ErrnoException).path ?? folder;
      logger.warn(TAG, `writing into ${folder} failed: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      throw new OrgKeyError('EXPORT_FAILED', { message: describeFsError(error, target) }, { cause: error });
    }
  };

  return {
    defaults(id) {
      const org = findOrgRecord(settings, id);
      const base = path.join(home, 'Documents', 'OrgKey', `${slug(org.alias)}-dataloader`);
      let folder = base;
      for (let n = 2; exists(folder); n += 1) folder = `${base}-${n}`;
      const candidates = [path.join(home, '.dataloader', 'dataLoader.key'), path.join(home, '.dataloader', 'dataloader.key')];
      return { folder, existingKeyFile: candidates.find((file) => exists(file)) ?? null };
    },

    async export(request) {
      const org = findOrgRecord(settings, request.id);
      const resolved = resolveUserPath(request.folder, home, 'folder');
      if (!resolved.ok) throw fieldError('folder', resolved.message);
      const folder = resolved.path;
      if (exists(folder) && !fs.statSync(folder).isDirectory()) throw fieldError('folder', `${folder} is a file, not a folder.`);
      const jobs = checkJobs(request.jobs);

      // A password is read at once (none stored: nothing else to check). A token costs a login: it is
      // minted below, once everything the admin typed has passed and just before anything is written.
      const stored = loginMethodOf(org).dataLoader === 'password' ? await secretFor(org) : null;
      let keyFile: string;
      let key: Buffer;
      const createdKey = request.keyFile.kind === 'new';
      if (request.keyFile.kind === 'existing') {
        const typed = resolveUserPath(request.keyFile.path, home, 'key file');
        if (!typed.ok) throw fieldError('keyFile', typed.message);
        keyFile = typed.path;
        try {
          // A key others can read decrypts the password; one they can change, they chose.
          key = readPrivateKeyFile(keyFile).key;
        } catch (error) {
          if (!(error instanceof DataLoaderCodecError)) throw error;
          throw fieldError('keyFile', error instanceof KeyFileNotPrivateError ? `${error.message} ${error.fix}` : error.message);
        }
      } else {
        keyFile = path.join(folder, NEW_KEY_FILE);
        key = newKey();
      }

      const targets = [CONFIG_FILE, PROCESS_CONF_FILE, README_FILE].map((name) => path.join(folder, name));
      if (createdKey) targets.push(keyFile);
      for (const target of targets) {
        if (exists(target) && !fs.statSync(target).isFile()) {
          throw fieldError('folder', `${target} is a folder, so OrgKey cannot write its file there. Choose another folder.`);
        }
      }
      const clashes = targets.filter((target) => exists(target));
      if (clashes.length > 0 && !request.overwrite) {
        throw new OrgKeyError('FILES_EXIST', {
          message: `The folder already has ${clashes.length === 1 ? 'a file' : 'files'} with ${clashes.length === 1 ? 'this name' : 'these names'}: ${clashes.map((file) => path.basename(file)).join(', ')}.`,
          remedy: createdKey && clashes.includes(keyFile)
            ? 'Replace them, or choose another folder. Replacing dataLoader.key makes other configurations encrypted with it unreadable.'
            : 'Replace them, or choose another folder.',
          details: clashes.map((file) => path.basename(file)),
        });
      }

      const dirs = [folder, path.join(folder, DATA_DIR), path.join(folder, STATUS_DIR)];
      if (jobs.some((job) => job.operation !== 'extract')) dirs.push(path.join(folder, MAPPINGS_DIR));
      for (const dir of dirs) {
        if (exists(dir) && !fs.statSync(dir).isDirectory()) {
          throw fieldError('folder', `${dir} is a file, so OrgKey cannot make the ${path.basename(dir)} folder there. Choose another folder.`);
        }
      }
      const secret = stored ?? (await secretFor(org));
      const createdFolder = !exists(folder);
      try {
        for (const dir of dirs) {
          fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        }
      } catch (error) {
        throw new OrgKeyError('EXPORT_FAILED', { message: describeFsError(error, folder) }, { cause: error });
      }

      const writtenAt = clock.now();
      const encrypted = encryptForDataLoader(secret.plain, key);
      const layout: ExportLayout = {
        org,
        folder,
        keyFile,
        jobs,
        writtenAt,
        ...(secret.session
          ? { session: { encryptedAccessToken: encrypted, instanceUrl: secret.session.instanceUrl, username: secret.session.userName } }
          : { encryptedPassword: encrypted }),
      };
      const files: FileToWrite[] = [];
      if (createdKey) files.push({ path: keyFile, content: key, mode: PRIVATE });
      files.push(
        { path: targets[0]!, content: configProperties(layout), mode: PRIVATE },
        { path: targets[1]!, content: processConf(layout), mode: PRIVATE },
        { path: targets[2]!, content: readme(layout), mode: PUBLIC },
      );
      const kept: string[] = [];
      for (const job of jobs) {
        const { mapping, data } = jobFiles(folder, job);
        if (!mapping) continue;
        if (exists(mapping)) kept.push(mapping);
        else files.push({ path: mapping, content: mappingText(job, path.join(DATA_DIR, path.basename(data))), mode: PUBLIC });
      }
      writeOrFail(files, folder);
      verify(folder, keyFile, secret, jobs.map(beanId));

      const record: ExportRecord = {
        id: org.dataLoaderExports.find((other) => other.folder === folder)?.id ?? randomUUID(),
        folder,
        keyFile,
        createdKey,
        jobs,
        beans: jobs.map(beanId),
        exportedAt: writtenAt.toISOString(),
        passwordAsOf: org.passwordUpdatedAt,
        ...(org.tokenUpdatedAt ? { tokenAsOf: org.tokenUpdatedAt } : {}),
        keyRealPath: realPathOf(keyFile) ?? keyFile,
        keyFingerprint: keyFingerprint(key),
      };
      remember(org, record);
      logger.info(TAG, `exported org ${org.id} to ${folder} (${jobs.length} job${jobs.length === 1 ? '' : 's'}, checked)`);
      return { export: exportInfo(org, record), written: files.map((file) => file.path), kept, createdFolder };
    },

    async refresh(id, exportId) {
      const org = findOrgRecord(settings, id);
      const record = org.dataLoaderExports.find((candidate) => candidate.id === exportId);
      if (!record) throw new OrgKeyError('EXPORT_NOT_FOUND');
      const configPath = path.join(record.folder, CONFIG_FILE);
      const xmlPath = path.join(record.folder, PROCESS_CONF_FILE);
      let config: string;
      try {
        config = fs.readFileSync(configPath, 'utf8');
      } catch {
        throw new OrgKeyError('EXPORT_FOLDER_GONE', { message: `${configPath} is no longer there.` });
      }
      // Written for the other way of logging in (the org switched since): re-encrypting its values would
      // leave a config that logs in the old way, or not at all. Data Loader prefers a token when one is set.
      const writtenFor = getProperty(config, ACCESS_TOKEN_PROPERTY) !== undefined ? 'access-token' : 'password';
      const method = loginMethodOf(org);
      if (writtenFor !== method.dataLoader || !record.keyFile) {
        throw new OrgKeyError('EXPORT_LOGIN_CHANGED', {
          message: `This export was written for another way of logging in than the org’s (${method.label}), so Refresh wrote nothing.`,
        });
      }
      const xml = exists(xmlPath) ? fs.readFileSync(xmlPath, 'utf8') : null;
      // The key is checked before a token is minted: a refresh that will write nothing costs no login.
      const trusted = refreshKey(record, configPath, config, xmlPath, xml);
      const secret = await secretFor(org);
      const encrypted = encryptForDataLoader(secret.plain, trusted.key);
      const values: Array<[string, string]> = secret.properties.map((property) => [property, encrypted]);
      if (secret.session) {
        const before = getProperty(config, INSTANCE_URL_PROPERTY);
        values.push([INSTANCE_URL_PROPERTY, secret.session.instanceUrl]);
        // The org moved to another instance (or My Domain): Data Loader's calls follow the endpoint too.
        if (before !== secret.session.instanceUrl) {
          values.push([`sfdc.endpoint.${environmentOfConfig(config)}`, secret.session.instanceUrl], ['sfdc.endpoint', secret.session.instanceUrl]);
        }
      }
      let configText = config;
      let xmlText = xml;
      for (const [property, value] of values) {
        const next = replaceProperty(configText, property, value);
        configText = next.replaced > 0 ? next.text : `${configText}${/(?:\r?\n|\r)$/.test(configText) || configText === '' ? '' : '\n'}${property}=${value}\n`;
        if (xmlText !== null) xmlText = replaceEntryValues(xmlText, property, value).text;
      }
      // Owner-only whatever the files had: they hold the ciphertext, which the key file opens. Both are
      // renamed into place only once both are written in full: a job never reads half of a refresh.
      const files: FileToWrite[] = [{ path: configPath, content: configText, mode: PRIVATE }];
      if (xml !== null && xmlText !== xml) files.push({ path: xmlPath, content: xmlText!, mode: PRIVATE });
      writeOrFail(files, record.folder);
      verify(record.folder, record.keyFile, secret, null);

      const now = clock.now().toISOString();
      const { tokenAsOf: _old, ...rest } = record;
      const next: ExportRecord = {
        ...rest,
        keyRealPath: trusted.realPath,
        keyFingerprint: trusted.fingerprint,
        refreshedAt: now,
        passwordAsOf: org.passwordUpdatedAt,
        ...(org.tokenUpdatedAt ? { tokenAsOf: org.tokenUpdatedAt } : {}),
      };
      remember(org, next);
      logger.info(TAG, `refreshed ${secret.properties.join(' and ')} of the export of org ${org.id} in ${record.folder}`);
      return { export: exportInfo(org, next), written: files.map((file) => file.path), kept: [], createdFolder: false };
    },

    forget(id, exportId) {
      const org = findOrgRecord(settings, id);
      if (!org.dataLoaderExports.some((record) => record.id === exportId)) throw new OrgKeyError('EXPORT_NOT_FOUND');
      settings.update((doc) => ({
        ...doc,
        orgs: doc.orgs.map((candidate) =>
          candidate.id === id ? { ...candidate, dataLoaderExports: candidate.dataLoaderExports.filter((record) => record.id !== exportId) } : candidate,
        ),
      }));
      logger.info(TAG, `forgot an export of org ${id} (its files were left in place)`);
      return { exportId };
    },
  };
}
