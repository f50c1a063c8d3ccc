/**
 * The Data Loader importer: folders holding `config.properties` and/or `process-conf.xml` (as
 * OrgKey's own export writes them, or as an admin set them up by hand) and the key file they name.
 *
 * Read as Data Loader reads them (github.com/forcedotcom/dataloader, AppConfig and EncryptionAesUtil,
 * read at v67.0.0):
 * - A `process-conf.xml` bean's `configOverrideMap` entries override config.properties for its job,
 *   so each bean is one login; one candidate per distinct (username, endpoint) of the folder.
 *   Without beans, config.properties alone is one.
 * - Where: `sfdc.oauth.environment` (`Sandbox`, else Production; a legacy `sfdc.endpoint` on
 *   test.salesforce.com means Sandbox too), then that environment's `sfdc.endpoint.<Production|Sandbox>`,
 *   else the legacy `sfdc.endpoint`, else the environment's standard login host.
 * - `sfdc.password` decrypts with the first 16 bytes of `process.encryptionKeyFile`; with none named,
 *   Data Loader's default key file `~/.dataloader/dataLoader.key`. Data Loader opens a relative key
 *   file path from its working directory, which a folder does not record: OrgKey assumes the
 *   folder itself (where process.bat is usually run with the folder as its config directory).
 * - A folder that logs in with an access token (`sfdc.oauth.accesstoken`) holds no password to import.
 *
 * The decrypted value is the password and the security token glued together, as Salesforce takes
 * them in one string: service.ts proves it with one login before it splits and stores it.
 */
import path from 'node:path';
import type { ImportNote, ImportOrigin } from '../../../shared/imports';
import { DataLoaderCodecError, decryptFromDataLoader, readKeyFile } from '../dataloader/codec';
import { readBeans } from '../dataloader/process-conf';
import { parseProperties } from '../dataloader/properties';
import { ACCESS_TOKEN_PROPERTY, CONFIG_FILE, NEW_KEY_FILE, PASSWORD_PROPERTY, PROCESS_CONF_FILE } from '../dataloader/templates';
import { fieldError } from '../errors';
import { aliasProblem, describeReadError, readSourceFile, usernameProblem, whereaboutsOf, whereaboutsOfUrl, type Candidate, type SourceReading } from './candidate';
import fs from 'node:fs';

const KEY_FILE_PROPERTY = 'process.encryptionKeyFile';

/** One login a folder describes: the merged properties and where they were read. */
interface Login {
  values: Map<string, string>;
  origin: ImportOrigin;
}

function loginsOf(folder: string, field: string): Login[] {
  let entries: string[];
  try {
    if (!fs.statSync(folder).isDirectory()) throw fieldError(field, `${folder} is a file; choose the folder that holds config.properties.`);
    entries = fs.readdirSync(folder);
  } catch (error) {
    if (error instanceof Error && error.name === 'OrgKeyError') throw error;
    throw fieldError(field, describeReadError(error, folder));
  }
  const hasConfig = entries.includes(CONFIG_FILE);
  const hasProcessConf = entries.includes(PROCESS_CONF_FILE);
  if (!hasConfig && !hasProcessConf) throw fieldError(field, `${folder} has neither config.properties nor process-conf.xml, so it is not a Data Loader folder.`);
  const configFile = path.join(folder, CONFIG_FILE);
  const base = new Map<string, string>();
  if (hasConfig) for (const entry of parseProperties(readSourceFile(configFile, field))) base.set(entry.key, entry.value);
  const label = (file: string) => path.join(path.basename(folder), file);
  if (hasProcessConf) {
    const file = path.join(folder, PROCESS_CONF_FILE);
    let beans;
    try {
      beans = readBeans(readSourceFile(file, field));
    } catch (error) {
      if (error instanceof Error && error.name === 'OrgKeyError') throw error;
      throw fieldError(field, `${file} is not well-formed XML, so OrgKey cannot read its jobs. Check it in a text editor.`);
    }
    if (beans.length) {
      return beans.map((bean) => ({
        values: new Map([...base, ...bean.entries]),
        origin: { file, bean: bean.id, label: `${label(PROCESS_CONF_FILE)}, bean ${bean.id || '(no id)'}` },
      }));
    }
  }
  return hasConfig ? [{ values: base, origin: { file: configFile, label: label(CONFIG_FILE) } }] : [];
}

/** The login URL of a login, as Data Loader chooses it. */
function whereOf(values: Map<string, string>) {
  const legacy = values.get('sfdc.endpoint')?.trim() ?? '';
  const sandbox = values.get('sfdc.oauth.environment')?.trim() === 'Sandbox' || /(^|\/\/)test\.salesforce\.com(\/|$)/i.test(legacy);
  const own = values.get(`sfdc.endpoint.${sandbox ? 'Sandbox' : 'Production'}`)?.trim();
  const url = own || legacy;
  return url ? whereaboutsOfUrl(url) : whereaboutsOf(sandbox ? 'sandbox' : 'production');
}

/** The key file a login names, resolved (see the module's note); `~/.dataloader/dataLoader.key` when none is. */
function keyFileOf(values: Map<string, string>, folder: string, home: string): string {
  const named = values.get(KEY_FILE_PROPERTY)?.trim();
  if (!named) return path.join(home, '.dataloader', NEW_KEY_FILE);
  return path.resolve(folder, named);
}

function readFolder(folder: string, field: string, home: string): { candidates: Candidate[]; passedOver: number } {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  let passedOver = 0;
  const keys = new Map<string, Buffer | DataLoaderCodecError>();
  const keyOf = (file: string) => {
    if (!keys.has(file)) {
      try {
        keys.set(file, readKeyFile(file));
      } catch (error) {
        keys.set(file, error instanceof DataLoaderCodecError ? error : new DataLoaderCodecError(`The key file ${file} could not be read.`));
      }
    }
    return keys.get(file)!;
  };
  for (const { values, origin } of loginsOf(folder, field)) {
    const username = values.get('sfdc.username')?.trim() ?? '';
    const where = whereOf(values);
    // A bean without a user (or a second bean of the same login) is no org of its own.
    const identity = `${username.toLowerCase()} ${where.ok ? where.loginUrl : ''}`;
    if (!username) {
      passedOver += 1;
      continue;
    }
    if (seen.has(identity)) continue;
    seen.add(identity);
    const base = { origin, alias: path.basename(folder), username, auth: 'password' as const, notes: ['OrgKey logs in once with the decrypted value to prove it before storing it.'] };
    const fail = (reason: string): Candidate => ({ ...base, secrets: {}, environment: where.ok ? where.environment : null, loginUrl: where.ok ? where.loginUrl : null, invalid: `${origin.label}: ${reason}` });
    if (!where.ok) {
      candidates.push(fail(`the endpoint: ${where.message}`));
      continue;
    }
    const problem = usernameProblem(username);
    if (problem) {
      candidates.push(fail(problem));
      continue;
    }
    if (values.get(ACCESS_TOKEN_PROPERTY)?.trim()) {
      candidates.push(fail('it logs in with an access token (sfdc.oauth.accesstoken), not a password, so there is no password to import. Add the org in OrgKey and export it to this folder again.'));
      continue;
    }
    const encrypted = values.get(PASSWORD_PROPERTY)?.trim() ?? '';
    if (!encrypted) {
      candidates.push(fail('sfdc.password is empty, so there is no password to import.'));
      continue;
    }
    const keyFile = keyFileOf(values, folder, home);
    const key = keyOf(keyFile);
    if (key instanceof DataLoaderCodecError) {
      candidates.push(fail(`sfdc.password cannot be decrypted: ${key.message}`));
      continue;
    }
    let glued: string;
    try {
      glued = decryptFromDataLoader(encrypted, key);
    } catch (error) {
      candidates.push(fail(`sfdc.password cannot be decrypted with ${keyFile}: ${error instanceof DataLoaderCodecError ? error.message : 'the text is damaged.'}`));
      continue;
    }
    candidates.push({ ...base, environment: where.environment, loginUrl: where.loginUrl, ...(where.customUrl ? { customUrl: where.customUrl } : {}), secrets: { glued } });
  }
  // Several logins from one folder: the folder's name alone would clash, so each takes its username.
  if (candidates.length > 1) for (const candidate of candidates) candidate.alias = `${path.basename(folder)} ${candidate.username}`;
  for (const candidate of candidates) {
    const problem = !candidate.invalid && aliasProblem(candidate.alias);
    if (problem) candidate.alias = candidate.username;
  }
  return { candidates, passedOver };
}

export function readDataLoaderSource(folders: string[], home: string): SourceReading {
  const candidates: Candidate[] = [];
  let passedOver = 0;
  folders.forEach((folder, i) => {
    const read = readFolder(folder, `paths.${i}`, home);
    candidates.push(...read.candidates);
    passedOver += read.passedOver;
  });
  const notes: ImportNote[] = [
    {
      code: 'proof-login',
      message:
        'Each folder’s sfdc.password is the password and the security token glued together. OrgKey logs in once with it (never past the lockout guard) and, only if that works, stores it split where the token starts: 25 characters from the end unless you choose 24, or 0 for no token.',
    },
  ];
  if (passedOver) notes.push({ code: 'skipped-entries', message: `${passedOver} job${passedOver === 1 ? '' : 's'} in process-conf.xml name${passedOver === 1 ? 's' : ''} no sfdc.username and ${passedOver === 1 ? 'was' : 'were'} passed over.` });
  return { files: folders, candidates, notes };
}
