/**
 * Data Loader export: writes a ready-to-use batch-mode folder for an org and keeps it current.
 *
 * The password and token are read from the keychain, encrypted with the chosen key file exactly as
 * Data Loader's `encrypt -e` does, and never written anywhere in plain. Every export and refresh is
 * read back and decrypted before OrgKey reports success; the files are written all-or-nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataLoaderDefaults, DataLoaderExportResult, DataLoaderJob, DataLoaderKeyChoice } from '../../../shared/domain';
import { checkApiName, checkSoql } from '../../../shared/validation';
import { fieldError, OrgKeyError } from '../errors';
import { findOrgRecord } from '../org-records';
import { silentLogger, type CorePorts } from '../ports';
import { accountFor } from '../secrets/accounts';
import type { ExportRecord, OrgRecord } from '../settings/schema';
import { DataLoaderCodecError, decryptFromDataLoader, encryptForDataLoader, newKey, readKeyFile } from './codec';
import { describeFsError, resolveUserPath, writeFilesAtomically, type FileToWrite } from './files';
import { KeyFileNotPrivateError, keyFingerprint, matchesFingerprint, readPrivateKeyFile, realPathOf } from './key-file';
import { readBeans, replaceEntryValues } from './process-conf';
import { getProperty, replaceProperty } from './properties';
import { exportInfo } from './status';
import {
  beanId,
  configProperties,
  CONFIG_FILE,
  DATA_DIR,
  ecaSecretProperty,
  environmentOf,
  type DataLoaderEnvironment,
  type ExportLayout,
  jobFiles,
  mappingText,
  MAPPINGS_DIR,
  NEW_KEY_FILE,
  processConf,
  PROCESS_CONF_FILE,
  readme,
  README_FILE,
  STATUS_DIR,
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

export function createDataLoaderExporter(ports: CorePorts): DataLoaderExporter {
  const { settings, secrets, clock } = ports;
  const logger = ports.logger ?? silentLogger;
  const home = ports.homeDir ?? os.homedir();

  /**
   * The one secret an export encrypts: the password + token as `sfdc.password`, or for a browser-login
   * org the app's client secret, if it has one (Data Loader signs in with its own OAuth; no password).
   */
  const secretToEncrypt = async (org: OrgRecord): Promise<{ property: string; plain: string } | null> => {
    if (org.auth === 'browser') {
      const clientSecret = await secrets.get(accountFor(org.id, 'clientSecret'));
      return clientSecret ? { property: ecaSecretProperty(environmentOf(org)), plain: clientSecret } : null;
    }
    const password = await secrets.get(accountFor(org.id, 'password'));
    if (!password) throw new OrgKeyError('PASSWORD_MISSING');
    const token = (await secrets.get(accountFor(org.id, 'token'))) ?? '';
    return { property: 'sfdc.password', plain: password + token };
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
   * Read the written files back and decrypt every encrypted secret (`sfdc.password`, or an OAuth
   * client secret); an OAuth export must name its app. Any mismatch is an error, not a success.
   */
  const verify = (folder: string, keyFile: string, secret: { property: string; plain: string } | null, beanIds: string[] | null, clientId?: string): void => {
    const failed = (message: string) => new OrgKeyError('EXPORT_CHECK_FAILED', { message });
    const config = fs.readFileSync(path.join(folder, CONFIG_FILE), 'utf8');
    if (clientId !== undefined && getProperty(config, `sfdc.oauth.${environmentOfConfig(config)}.eca.clientid`) !== clientId) {
      throw failed(`${CONFIG_FILE} does not name the External Client App OrgKey signs in with.`);
    }
    const configuredKey = getProperty(config, KEY_PROPERTY);
    const key = secret ? keyFrom(configuredKey ? path.resolve(folder, configuredKey) : keyFile) : null;
    const decrypts = (text: string | undefined) => {
      try {
        return text !== undefined && !!secret && !!key && decryptFromDataLoader(text, key) === secret.plain;
      } catch {
        return false;
      }
    };
    const what = secret?.property === 'sfdc.password' ? 'the stored password and token' : 'the stored client secret';
    if (secret && !decrypts(getProperty(config, secret.property))) {
      throw failed(`${secret.property} in ${CONFIG_FILE} does not decrypt to ${what}.`);
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
      const value = secret ? bean.entries.get(secret.property) : undefined;
      if (value !== undefined && !decrypts(value)) {
        throw failed(`${secret!.property} in the job ${bean.id} of ${PROCESS_CONF_FILE} does not decrypt to ${what}.`);
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

      const secret = await secretToEncrypt(org);
      // Nothing to encrypt (browser login without a client secret): no key file at all.
      let keyFile = '';
      let key: Buffer | null = null;
      const createdKey = !!secret && request.keyFile.kind === 'new';
      if (!secret) {
        // keyFile stays empty
      } else if (request.keyFile.kind === 'existing') {
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
      const createdFolder = !exists(folder);
      try {
        for (const dir of dirs) {
          fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        }
      } catch (error) {
        throw new OrgKeyError('EXPORT_FAILED', { message: describeFsError(error, folder) }, { cause: error });
      }

      const writtenAt = clock.now();
      const encrypted = secret && key ? encryptForDataLoader(secret.plain, key) : undefined;
      const layout: ExportLayout = {
        org,
        folder,
        keyFile: keyFile || null,
        jobs,
        writtenAt,
        ...(org.auth === 'browser' ? { oauth: { clientId: org.clientId ?? '', ...(encrypted ? { encryptedClientSecret: encrypted } : {}) } } : { encryptedPassword: encrypted ?? '' }),
      };
      const files: FileToWrite[] = [];
      if (createdKey && key) files.push({ path: keyFile, content: key, mode: PRIVATE });
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
      verify(folder, keyFile, secret, jobs.map(beanId), org.auth === 'browser' ? (org.clientId ?? '') : undefined);

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
        ...(key ? { keyRealPath: realPathOf(keyFile) ?? keyFile, keyFingerprint: keyFingerprint(key) } : {}),
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
      const secret = await secretToEncrypt(org);
      const files: FileToWrite[] = [];
      let trusted: TrustedKey | null = null;
      // An OAuth export without a client secret holds nothing that goes stale: there is nothing to rewrite.
      if (secret) {
        if (!record.keyFile) throw new OrgKeyError('EXPORT_FAILED', { message: 'This export has no key file to encrypt the client secret with.', remedy: 'Export again with a key file.' });
        const xml = exists(xmlPath) ? fs.readFileSync(xmlPath, 'utf8') : null;
        trusted = refreshKey(record, configPath, config, xmlPath, xml);
        const encrypted = encryptForDataLoader(secret.plain, trusted.key);
        const nextConfig = replaceProperty(config, secret.property, encrypted);
        const configText =
          nextConfig.replaced > 0 ? nextConfig.text : `${config}${/(?:\r?\n|\r)$/.test(config) || config === '' ? '' : '\n'}${secret.property}=${encrypted}\n`;
        // Owner-only whatever the file had: it holds the ciphertext, which the key file opens.
        files.push({ path: configPath, content: configText, mode: PRIVATE });
        if (xml !== null) {
          const nextXml = replaceEntryValues(xml, secret.property, encrypted);
          if (nextXml.replaced > 0) files.push({ path: xmlPath, content: nextXml.text, mode: PRIVATE });
        }
        writeOrFail(files, record.folder);
      }
      verify(record.folder, record.keyFile, secret, null, org.auth === 'browser' ? (org.clientId ?? '') : undefined);

      const now = clock.now().toISOString();
      const { tokenAsOf: _old, ...rest } = record;
      const next: ExportRecord = {
        ...rest,
        ...(trusted ? { keyRealPath: trusted.realPath, keyFingerprint: trusted.fingerprint } : {}),
        refreshedAt: now,
        passwordAsOf: org.passwordUpdatedAt,
        ...(org.tokenUpdatedAt ? { tokenAsOf: org.tokenUpdatedAt } : {}),
      };
      remember(org, next);
      logger.info(TAG, `refreshed ${secret?.property ?? 'nothing (no secret)'} of the export of org ${org.id} in ${record.folder}`);
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
