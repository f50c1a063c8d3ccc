/**
 * Data Loader export on real parts: the OS keychain, a real settings file, real folders, and the
 * fake org for proving a new token before a refresh. Every check reads the files back from disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { decryptFromDataLoader, readKeyFile } from '../../electron/core/dataloader/codec';
import { writeFilesAtomically } from '../../electron/core/dataloader/files';
import { getProperty } from '../../electron/core/dataloader/properties';
import type { OrgKeyError } from '../../electron/core/errors';
import { openConfSettings } from '../../electron/core/settings/store';
import type { DataLoaderJob } from '../../shared/domain';
import { ensureCliBuilt, runCli } from '../support/cli';
import { useCoreSuite, type CoreSuite } from '../support/core';
import { fakeBrowser } from '../support/fake-browser';
import { credentials, PROD_ADMIN, type Control } from '../support/fake-org';
import { purgeKeychain } from '../support/keychain';
import { freePort } from '../support/ports';
import { makeTempDir, readAllFiles, removeTempDir } from '../support/temp';

let work: string;
// Data Loader's folders go under a home folder of the test's own.
const suite = useCoreSuite('dl-data', () => {
  work = makeTempDir('dl-work');
  return { homeDir: work };
});
let fake: CoreSuite['fake'];
let control: Control;
let core: Core;
let dataDir: string;
let service: string;
beforeEach(() => ({ fake, control, core, dir: dataDir, service } = suite));
afterEach(() => removeTempDir(work));

async function addOrg() {
  const creds = await credentials(control, PROD_ADMIN);
  const { org } = await core.orgs.add({
    alias: 'Acme prod',
    environment: 'custom',
    customUrl: fake.org.loginUrl,
    username: PROD_ADMIN,
    password: creds.password,
    token: creds.token,
  });
  return { id: org.id, ...creds };
}

const EXTRACT: DataLoaderJob[] = [{ operation: 'extract', object: 'Account' }];
const ALL: DataLoaderJob[] = [
  { operation: 'extract', object: 'Account' },
  { operation: 'insert', object: 'Account' },
  { operation: 'update', object: 'Account' },
  { operation: 'upsert', object: 'Account', externalIdField: 'Ext_Id__c' },
  { operation: 'delete', object: 'Account' },
];

async function rejection(promise: Promise<unknown>): Promise<OrgKeyError['appError']> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as OrgKeyError,
  );
  if (!error) throw new Error('expected a rejection');
  return error.appError;
}

/** The sfdc.password values in process-conf.xml, read with a real XML parser, by bean id. */
const xmlPasswords = (folder: string) => xmlValues(folder, 'sfdc.password');

/** The values of one entry key in process-conf.xml, read with a real XML parser, by bean id. */
function xmlValues(folder: string, key: string): Map<string, string> {
  const doc = new DOMParser().parseFromString(fs.readFileSync(path.join(folder, 'process-conf.xml'), 'utf8'), 'text/xml');
  const out = new Map<string, string>();
  const beans = doc.getElementsByTagName('bean');
  for (let i = 0; i < beans.length; i += 1) {
    const bean = beans.item(i)!;
    const entries = bean.getElementsByTagName('entry');
    for (let j = 0; j < entries.length; j += 1) {
      const entry = entries.item(j)!;
      if (entry.getAttribute('key') === key) out.set(bean.getAttribute('id')!, entry.getAttribute('value')!);
    }
  }
  return out;
}

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const config = (folder: string) => fs.readFileSync(path.join(folder, 'config.properties'), 'utf8');

describe('exporting an org', () => {
  it('writes config.properties, process-conf.xml, a private key and README, all decrypting to password + token', async () => {
    const { id, password, token } = await addOrg();
    const folder = path.join(work, 'exports', 'acme');
    const result = await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL });

    expect(result.createdFolder).toBe(true);
    expect(result.export.beans).toEqual(['extractAccount', 'insertAccount', 'updateAccount', 'upsertAccount', 'deleteAccount']);
    const keyFile = path.join(folder, 'dataLoader.key');
    expect(result.written).toEqual(
      expect.arrayContaining([keyFile, ...['config.properties', 'process-conf.xml', 'README.txt'].map((f) => path.join(folder, f))]),
    );
    expect(fs.statSync(keyFile).size).toBe(16);
    if (process.platform !== 'win32') {
      expect(modeOf(keyFile)).toBe(0o600);
      expect(modeOf(path.join(folder, 'config.properties'))).toBe(0o600);
      expect(modeOf(path.join(folder, 'process-conf.xml'))).toBe(0o600);
    }

    const key = readKeyFile(keyFile);
    const text = config(folder);
    expect(getProperty(text, 'process.encryptionKeyFile')).toBe(keyFile);
    expect(getProperty(text, 'sfdc.username')).toBe(PROD_ADMIN);
    expect(getProperty(text, 'sfdc.endpoint')).toBe(fake.org.loginUrl);
    expect(decryptFromDataLoader(getProperty(text, 'sfdc.password')!, key)).toBe(password + token);
    const passwords = xmlPasswords(folder);
    expect([...passwords.keys()]).toEqual(result.export.beans);
    for (const value of passwords.values()) expect(decryptFromDataLoader(value, key)).toBe(password + token);

    // Mapping placeholders for the four load jobs; the extract has none.
    expect(fs.readdirSync(path.join(folder, 'mappings')).sort()).toEqual(
      ['deleteAccount.sdl', 'insertAccount.sdl', 'updateAccount.sdl', 'upsertAccount.sdl'].sort(),
    );
    expect(fs.readFileSync(path.join(folder, 'mappings', 'upsertAccount.sdl'), 'utf8')).toContain('Ext_Id__c=Ext_Id__c');
    expect(fs.readFileSync(path.join(folder, 'README.txt'), 'utf8')).toContain(`process.bat "${folder}" extractAccount`);

    // Remembered in the settings file, shown as current.
    const [remembered] = core.orgs.list()[0]!.dataLoaderExports;
    expect(remembered).toMatchObject({ folder, keyFile, createdKey: true, stale: false, beans: result.export.beans });

    // Neither the password nor the token appears in plain anywhere on disk.
    for (const { file, text: bytes } of [...readAllFiles(folder), ...readAllFiles(dataDir)]) {
      expect(bytes, file).not.toContain(password);
      expect(bytes, file).not.toContain(token);
    }
  });

  it('uses an existing key file without copying it, and refuses one shorter than 16 bytes next to its field', async () => {
    const { id, password, token } = await addOrg();
    const keyDir = path.join(work, '.dataloader');
    fs.mkdirSync(keyDir);
    const shared = path.join(keyDir, 'dataLoader.key');
    // Data Loader's `encrypt -k` makes its key readable by its owner only.
    fs.writeFileSync(shared, Buffer.alloc(16, 7), { mode: 0o600 });
    expect(core.dataloader.defaults(id).existingKeyFile).toBe(shared);

    const folder = path.join(work, 'with-shared-key');
    const short = path.join(keyDir, 'short.key');
    fs.writeFileSync(short, 'too short');
    const refused = await rejection(core.dataloader.export({ id, folder, keyFile: { kind: 'existing', path: short }, jobs: EXTRACT }));
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', field: 'keyFile' });
    expect(refused.message).toBe(`The key file ${short} is too short: it has 9 bytes, and Data Loader key files have at least 16.`);
    expect(fs.existsSync(folder)).toBe(false);

    // `~` is the home folder, as in a shell.
    await core.dataloader.export({ id, folder, keyFile: { kind: 'existing', path: '~/.dataloader/dataLoader.key' }, jobs: EXTRACT });
    expect(fs.existsSync(path.join(folder, 'dataLoader.key'))).toBe(false);
    expect(getProperty(config(folder), 'process.encryptionKeyFile')).toBe(shared);
    expect(decryptFromDataLoader(getProperty(config(folder), 'sfdc.password')!, Buffer.alloc(16, 7))).toBe(password + token);
  });

  it.skipIf(process.platform === 'win32')('refuses an existing key file other users can read or change, next to its field, writing nothing', async () => {
    const { id } = await addOrg();
    const loose = path.join(work, 'loose.key');
    fs.writeFileSync(loose, Buffer.alloc(16, 5));
    fs.chmodSync(loose, 0o644);
    const folder = path.join(work, 'with-loose-key');
    const refused = await rejection(core.dataloader.export({ id, folder, keyFile: { kind: 'existing', path: loose }, jobs: EXTRACT }));
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', field: 'keyFile' });
    expect(refused.message).toBe(
      `The key file ${loose} can be read by other users of this computer (its permissions are 0644). Make it yours alone with: chmod 600 "${loose}"`,
    );
    fs.chmodSync(loose, 0o620);
    expect((await rejection(core.dataloader.export({ id, folder, keyFile: { kind: 'existing', path: loose }, jobs: EXTRACT }))).message).toMatch(
      /can be changed by other users of this computer \(its permissions are 0620\)/,
    );
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('asks before replacing files, leaves them untouched until confirmed, then replaces them', async () => {
    const { id } = await addOrg();
    const folder = path.join(work, 'again');
    const first = await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: EXTRACT });
    const before = readAllFiles(folder);

    const asked = await rejection(core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL }));
    expect(asked.code).toBe('FILES_EXIST');
    expect(asked.details).toEqual(['config.properties', 'process-conf.xml', 'README.txt', 'dataLoader.key']);
    expect(asked.remedy).toMatch(/dataLoader\.key makes other configurations/);
    expect(readAllFiles(folder)).toEqual(before);

    const second = await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL, overwrite: true });
    expect(second.export.id).toBe(first.export.id);
    expect(core.orgs.list()[0]!.dataLoaderExports).toHaveLength(1);
    expect(xmlPasswords(folder).size).toBe(5);
  });

  it('keeps a mapping file the admin edited', async () => {
    const { id } = await addOrg();
    const folder = path.join(work, 'mapped');
    await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL });
    const mapping = path.join(folder, 'mappings', 'insertAccount.sdl');
    fs.writeFileSync(mapping, 'ACCOUNT_NAME=Name\n');
    const again = await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL, overwrite: true });
    expect(again.kept).toContain(mapping);
    expect(fs.readFileSync(mapping, 'utf8')).toBe('ACCOUNT_NAME=Name\n');
  });

  it('refuses bad input with a message for the field, writing nothing', async () => {
    const { id } = await addOrg();
    const cases: Array<[Parameters<Core['dataloader']['export']>[0], string, RegExp]> = [
      [{ id, folder: 'relative/folder', keyFile: { kind: 'new' }, jobs: EXTRACT }, 'folder', /Enter a full path/],
      [{ id, folder: '   ', keyFile: { kind: 'new' }, jobs: EXTRACT }, 'folder', /Enter the folder’s full path/],
      [{ id, folder: path.join(work, 'x'), keyFile: { kind: 'new' }, jobs: [] }, 'jobs', /at least one operation/],
      [{ id, folder: path.join(work, 'x'), keyFile: { kind: 'new' }, jobs: [{ operation: 'insert', object: 'Account Name' }] }, 'jobs.0.object', /no spaces/],
      [
        { id, folder: path.join(work, 'x'), keyFile: { kind: 'new' }, jobs: [{ operation: 'extract', object: 'Account', soql: 'DELETE Account' }] },
        'jobs.0.soql',
        /starts with SELECT/,
      ],
      [
        { id, folder: path.join(work, 'x'), keyFile: { kind: 'new' }, jobs: [...EXTRACT, { operation: 'extract', object: 'account' }] },
        'jobs.1.object',
        /listed twice/,
      ],
      [{ id, folder: path.join(work, 'x'), keyFile: { kind: 'existing', path: path.join(work, 'nope.key') }, jobs: EXTRACT }, 'keyFile', /There is no file at/],
    ];
    for (const [request, field, message] of cases) {
      const error = await rejection(core.dataloader.export(request));
      expect(error, field).toMatchObject({ code: 'INVALID_INPUT', field });
      expect(error.message, field).toMatch(message);
    }
    fs.writeFileSync(path.join(work, 'a-file'), '');
    expect(await rejection(core.dataloader.export({ id, folder: path.join(work, 'a-file'), keyFile: { kind: 'new' }, jobs: EXTRACT }))).toMatchObject({
      field: 'folder',
      message: `${path.join(work, 'a-file')} is a file, not a folder.`,
    });
    expect(fs.readdirSync(work)).toEqual(['a-file']);
  });

  it('says when there is no password to encrypt', async () => {
    const { id } = await addOrg();
    await purgeKeychain(service);
    expect((await rejection(core.dataloader.export({ id, folder: path.join(work, 'np'), keyFile: { kind: 'new' }, jobs: EXTRACT }))).code).toBe(
      'PASSWORD_MISSING',
    );
    expect(fs.existsSync(path.join(work, 'np', 'config.properties'))).toBe(false);
  });

  it('refuses a folder where a file stands in the way of a subfolder, before writing anything', async () => {
    const { id } = await addOrg();
    const folder = path.join(work, 'blocked');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'mappings'), 'a file where the mappings folder goes');
    const error = await rejection(core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'folder' });
    expect(error.message).toBe(`${path.join(folder, 'mappings')} is a file, so OrgKey cannot make the mappings folder there. Choose another folder.`);
    expect(fs.readdirSync(folder)).toEqual(['mappings']);
  });

  it('reports a write the system refuses as EXPORT_FAILED with the reason, leaving the folder as it was', async () => {
    const { id } = await addOrg();
    const folder = path.join(work, 'full');
    await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: EXTRACT });
    const before = readAllFiles(folder);
    // A name longer than any file system allows makes the temporary file fail to open, even for root.
    const deep = path.join(folder, 'x'.repeat(300));
    const error = await rejection(core.dataloader.export({ id, folder: deep, keyFile: { kind: 'new' }, jobs: EXTRACT }));
    expect(error.code).toBe('EXPORT_FAILED');
    expect(error.message).toMatch(/too long/);
    expect(readAllFiles(folder)).toEqual(before);
  });
});

describe('keeping an export current', () => {
  it('shows the export stale after a new token is proved, and Refresh rewrites only the sfdc.password lines', async () => {
    const { id, password } = await addOrg();
    const folder = path.join(work, 'current');
    await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL });
    // The admin edits the files; Refresh must keep those edits.
    fs.appendFileSync(path.join(folder, 'config.properties'), '# my note\nsfdc.debugMessages=true\n');
    const xmlFile = path.join(folder, 'process-conf.xml');
    fs.writeFileSync(xmlFile, fs.readFileSync(xmlFile, 'utf8').replace('<beans>', '<beans>\n    <!-- nightly jobs -->'));
    const configBefore = config(folder).split('\n');
    const xmlBefore = fs.readFileSync(xmlFile, 'utf8').split('\n');

    const newToken = await control.resetToken(PROD_ADMIN);
    const mail = (await control.outbox(PROD_ADMIN)).at(-1)!.text;
    expect((await core.tokens.replaceToken(id, { pasted: mail })).stored).toBe(true);
    const stale = core.orgs.list()[0]!.dataLoaderExports[0]!;
    expect(stale).toMatchObject({ stale: true, staleReason: 'The security token changed since this export.' });

    const refreshed = await core.dataloader.refresh(id, stale.id);
    expect(refreshed.written.sort()).toEqual([path.join(folder, 'config.properties'), xmlFile].sort());
    expect(refreshed.export).toMatchObject({ stale: false });
    expect(refreshed.export.refreshedAt).toBeDefined();
    expect(core.orgs.list()[0]!.dataLoaderExports[0]).toMatchObject({ stale: false });

    const configAfter = config(folder).split('\n');
    const xmlAfter = fs.readFileSync(xmlFile, 'utf8').split('\n');
    expect(configAfter).toHaveLength(configBefore.length);
    expect(xmlAfter).toHaveLength(xmlBefore.length);
    const changed = (before: string[], after: string[]) => before.flatMap((line, i) => (line === after[i] ? [] : [i]));
    expect(changed(configBefore, configAfter).map((i) => configAfter[i]!.split('=')[0])).toEqual(['sfdc.password']);
    expect(changed(xmlBefore, xmlAfter).map((i) => xmlAfter[i]!.trim().slice(0, 30))).toEqual(
      Array(5).fill('<entry key="sfdc.password" val'),
    );
    expect(configAfter).toContain('sfdc.debugMessages=true');

    const key = readKeyFile(path.join(folder, 'dataLoader.key'));
    expect(decryptFromDataLoader(getProperty(config(folder), 'sfdc.password')!, key)).toBe(password + newToken);
    for (const value of xmlPasswords(folder).values()) expect(decryptFromDataLoader(value, key)).toBe(password + newToken);
  });

  it('says when the folder is gone, and Forget drops the record but no file', async () => {
    const { id } = await addOrg();
    const gone = path.join(work, 'gone');
    const kept = path.join(work, 'kept');
    const a = await core.dataloader.export({ id, folder: gone, keyFile: { kind: 'new' }, jobs: EXTRACT });
    const b = await core.dataloader.export({ id, folder: kept, keyFile: { kind: 'new' }, jobs: EXTRACT });
    fs.rmSync(gone, { recursive: true });

    const error = await rejection(core.dataloader.refresh(id, a.export.id));
    expect(error).toMatchObject({ code: 'EXPORT_FOLDER_GONE', message: `${path.join(gone, 'config.properties')} is no longer there.` });

    core.dataloader.forget(id, b.export.id);
    expect(core.orgs.list()[0]!.dataLoaderExports.map((e) => e.id)).toEqual([a.export.id]);
    expect(fs.existsSync(path.join(kept, 'config.properties'))).toBe(true);
    expect((await rejection(core.dataloader.refresh(id, b.export.id))).code).toBe('EXPORT_NOT_FOUND');
  });

  it('survives a restart: the export is read back from the settings file', async () => {
    const { id } = await addOrg();
    const folder = path.join(work, 'persist');
    await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: EXTRACT });
    const reopened = openConfSettings(dataDir).read();
    expect(reopened.orgs[0]!.dataLoaderExports[0]).toMatchObject({ folder, beans: ['extractAccount'] });
  });
});

describe('a refresh encrypts only with the key file the export was written with', () => {
  /** An export with two jobs, and a new token proved, so a refresh has something to write. */
  async function staleExport(name: string) {
    const { id, password } = await addOrg();
    const folder = path.join(work, name);
    const { export: record } = await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: [EXTRACT[0]!, ALL[2]!] });
    const newToken = await control.resetToken(PROD_ADMIN);
    expect((await core.tokens.replaceToken(id, { pasted: newToken, saveAnyway: true })).stored).toBe(true);
    return { id, password, newToken, folder, exportId: record.id, keyFile: path.join(folder, 'dataLoader.key') };
  }

  /** Every file in the folder with its bytes and permission bits, to prove a refusal wrote nothing. */
  const filesOf = (folder: string) => readAllFiles(folder).map(({ file, text }) => ({ file, text, mode: modeOf(file) }));

  it('refuses when config.properties was edited to name another key file, and writes nothing', async () => {
    const { id, folder, exportId, keyFile } = await staleExport('swapped-path');
    const other = path.join(work, 'attacker.key');
    fs.writeFileSync(other, Buffer.alloc(16, 1), { mode: 0o600 });
    const configPath = path.join(folder, 'config.properties');
    fs.writeFileSync(configPath, config(folder).replace(`process.encryptionKeyFile=${keyFile}`, `process.encryptionKeyFile=${other}`));
    const before = filesOf(folder);

    const error = await rejection(core.dataloader.refresh(id, exportId));
    expect(error).toMatchObject({
      code: 'EXPORT_KEY_CHANGED',
      message: `${configPath} names the key file ${other}, but OrgKey encrypted this export with ${keyFile}. Refresh wrote nothing.`,
    });
    expect(error.remedy).toMatch(/export again to this folder/);
    expect(filesOf(folder)).toEqual(before);
    expect(core.orgs.list()[0]!.dataLoaderExports[0]).toMatchObject({ stale: true });
  });

  it.skipIf(process.platform === 'win32')('compares real paths: a link to the export’s own key file is the same file', async () => {
    const { id, folder, exportId, keyFile, password, newToken } = await staleExport('linked-key');
    const link = path.join(work, 'link-to.key');
    fs.symlinkSync(keyFile, link);
    fs.writeFileSync(path.join(folder, 'config.properties'), config(folder).replace(`process.encryptionKeyFile=${keyFile}`, `process.encryptionKeyFile=${link}`));
    await core.dataloader.refresh(id, exportId);
    expect(decryptFromDataLoader(getProperty(config(folder), 'sfdc.password')!, readKeyFile(keyFile))).toBe(password + newToken);

    // Pointed at another file, the same link is another key file.
    const other = path.join(work, 'other.key');
    fs.writeFileSync(other, Buffer.alloc(16, 6), { mode: 0o600 });
    fs.rmSync(link);
    fs.symlinkSync(other, link);
    expect((await rejection(core.dataloader.refresh(id, exportId))).code).toBe('EXPORT_KEY_CHANGED');
  });

  it('refuses a job in process-conf.xml that names another key file, and a config.properties that names none', async () => {
    const { id, folder, exportId, keyFile } = await staleExport('swapped-job');
    const other = path.join(work, 'other.key');
    fs.writeFileSync(other, Buffer.alloc(16, 2), { mode: 0o600 });
    const xmlFile = path.join(folder, 'process-conf.xml');
    const xml = fs.readFileSync(xmlFile, 'utf8');
    const lastKeyEntry = xml.lastIndexOf(`value="${keyFile}"`);
    fs.writeFileSync(xmlFile, `${xml.slice(0, lastKeyEntry)}value="${other}"${xml.slice(lastKeyEntry + keyFile.length + 8)}`);
    const before = filesOf(folder);
    const error = await rejection(core.dataloader.refresh(id, exportId));
    expect(error).toMatchObject({ code: 'EXPORT_KEY_CHANGED', message: `The job updateAccount in ${xmlFile} names the key file ${other}, but OrgKey encrypted this export with ${keyFile}. Refresh wrote nothing.` });
    expect(filesOf(folder)).toEqual(before);

    fs.writeFileSync(xmlFile, xml);
    const configPath = path.join(folder, 'config.properties');
    fs.writeFileSync(configPath, config(folder).replace(`process.encryptionKeyFile=${keyFile}\n`, ''));
    const none = await rejection(core.dataloader.refresh(id, exportId));
    expect(none.code).toBe('EXPORT_KEY_CHANGED');
    expect(none.message).toMatch(/names no key file \(process\.encryptionKeyFile\), so Data Loader would use its own default key/);
  });

  it.skipIf(process.platform === 'win32')('refuses a key file other users can read, with what to do, and writes nothing', async () => {
    const { id, folder, exportId, keyFile } = await staleExport('loose-key');
    fs.chmodSync(keyFile, 0o644);
    const before = filesOf(folder);
    const error = await rejection(core.dataloader.refresh(id, exportId));
    expect(error).toEqual({
      code: 'EXPORT_KEY_NOT_PRIVATE',
      message: `The key file ${keyFile} can be read by other users of this computer (its permissions are 0644). Refresh wrote nothing.`,
      remedy: `Make it yours alone with: chmod 600 "${keyFile}", then refresh again.`,
    });
    expect(filesOf(folder)).toEqual(before);

    // As the remedy says: once it is private again, the refresh goes through.
    fs.chmodSync(keyFile, 0o600);
    expect((await core.dataloader.refresh(id, exportId)).export.stale).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)('refuses a key file that belongs to another user', async () => {
    const { id, folder, exportId, keyFile } = await staleExport('foreign-key');
    // Only root can give a file away; as root the test can.
    fs.chownSync(keyFile, 4242, 4242);
    const before = filesOf(folder);
    const error = await rejection(core.dataloader.refresh(id, exportId));
    expect(error).toMatchObject({ code: 'EXPORT_KEY_NOT_PRIVATE', message: `The key file ${keyFile} belongs to another user of this computer, who could replace the key without you knowing. Refresh wrote nothing.` });
    expect(filesOf(folder)).toEqual(before);
  });

  it('refuses a key file replaced at the same path, and writes nothing', async () => {
    const { id, folder, exportId, keyFile } = await staleExport('replaced-key');
    fs.rmSync(keyFile);
    fs.writeFileSync(keyFile, Buffer.alloc(16, 3), { mode: 0o600 });
    const before = filesOf(folder);
    const error = await rejection(core.dataloader.refresh(id, exportId));
    expect(error.code).toBe('EXPORT_KEY_CHANGED');
    expect(error.message).toBe(`The key in ${keyFile} is not the one OrgKey encrypted this export with: the file was replaced or rewritten since. Refresh wrote nothing.`);
    expect(filesOf(folder)).toEqual(before);
    // The settings file keeps a keyed hash of the key, never the key.
    const settingsText = fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8');
    expect(settingsText).toMatch(/"keyFingerprint": "hmac-sha256:[0-9a-f]{32}:[0-9a-f]{64}"/);
    expect(settingsText).not.toContain(readKeyFile(keyFile).toString('hex'));
  });

  it('an export recorded before OrgKey kept the key’s fingerprint gets it at its first refresh', async () => {
    const { id, folder, exportId, keyFile, password, newToken } = await staleExport('legacy');
    openConfSettings(dataDir).update((doc) => ({
      ...doc,
      orgs: doc.orgs.map((org) => ({
        ...org,
        dataLoaderExports: org.dataLoaderExports.map(({ keyFingerprint: _f, keyRealPath: _r, ...rest }) => rest),
      })),
    }));
    await core.dataloader.refresh(id, exportId);
    expect(decryptFromDataLoader(getProperty(config(folder), 'sfdc.password')!, readKeyFile(keyFile))).toBe(password + newToken);
    fs.writeFileSync(keyFile, Buffer.alloc(16, 4));
    expect((await rejection(core.dataloader.refresh(id, exportId))).code).toBe('EXPORT_KEY_CHANGED');
  });

  it.skipIf(process.platform === 'win32')('makes a config.properties and process-conf.xml that were 0644 owner-only', async () => {
    const { id, folder, exportId, keyFile, password, newToken } = await staleExport('loose-files');
    const configPath = path.join(folder, 'config.properties');
    const xmlFile = path.join(folder, 'process-conf.xml');
    fs.chmodSync(configPath, 0o644);
    fs.chmodSync(xmlFile, 0o644);
    const refreshed = await core.dataloader.refresh(id, exportId);
    expect(refreshed.written.sort()).toEqual([configPath, xmlFile].sort());
    expect(modeOf(configPath)).toBe(0o600);
    expect(modeOf(xmlFile)).toBe(0o600);
    expect(modeOf(keyFile)).toBe(0o600);
    expect(decryptFromDataLoader(getProperty(config(folder), 'sfdc.password')!, readKeyFile(keyFile))).toBe(password + newToken);
  });
});

describe('all-or-nothing writes', () => {
  it('leaves no file and no temporary file behind when one of the files cannot be written', () => {
    const dir = path.join(work, 'atomic');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.txt'), 'old');
    expect(() =>
      writeFilesAtomically([
        { path: path.join(dir, 'a.txt'), content: 'new', mode: 0o600 },
        { path: path.join(dir, 'missing-folder', 'b.txt'), content: 'new', mode: 0o600 },
      ]),
    ).toThrow(/ENOENT/);
    expect(fs.readdirSync(dir)).toEqual(['a.txt']);
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('old');
  });
});

/**
 * An org that logs in without a password gets an access token that OrgKey mints (Data Loader's batch
 * mode has no grant of its own for these orgs and never renews a token). A browser-login org, signed
 * in on the fake org's authorize pages, mints its token with its refresh token.
 */
describe('exporting an org that logs in without a password (an access token)', () => {
  beforeAll(() => ensureCliBuilt());

  async function signedInBrowserOrg() {
    const { orgId, password } = await credentials(control, PROD_ADMIN);
    const app = (await control.state()).orgs.find((org) => org.id === orgId)!.externalClientApps[0]!;
    const port = await freePort();
    await control.patchApp(app.clientId, { callbackUrls: [`http://localhost:${port}/oauth/callback`] });
    const { org } = await core.orgs.add({
      alias: 'Acme browser',
      environment: 'custom',
      customUrl: fake.org.loginUrl,
      auth: 'browser',
      username: '',
      password: '',
      clientId: app.clientId,
      callbackPort: port,
    });
    const start = await core.signIn.start(org.id);
    await fakeBrowser().signIn(start.authorizeUrl, { username: PROD_ADMIN, password, decision: 'Allow' });
    await core.signIn.finish(org.id);
    return org.id;
  }

  /** The access token in a written folder, decrypted as Data Loader decrypts it, and every place it is written. */
  function writtenToken(folder: string) {
    const text = config(folder);
    const key = readKeyFile(getProperty(text, 'process.encryptionKeyFile')!);
    const token = decryptFromDataLoader(getProperty(text, 'sfdc.oauth.accesstoken')!, key);
    const everywhere = [getProperty(text, 'sfdc.password')!, ...xmlValues(folder, 'sfdc.oauth.accesstoken').values(), ...xmlValues(folder, 'sfdc.password').values()];
    return { token, decrypted: everywhere.map((value) => decryptFromDataLoader(value, key)), instanceUrl: getProperty(text, 'salesforce.oauth.instanceURL')! };
  }

  /** Use a token as a session, against the fake org's REST API: the HTTP status of a query. */
  async function query(instanceUrl: string, token: string): Promise<number> {
    const response = await fetch(`${instanceUrl}/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id, Username FROM User')}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return response.status;
  }

  it('writes an encrypted access token and the instance URL, no password, and the token works against the org', async () => {
    const id = await signedInBrowserOrg();
    const folder = path.join(work, 'token');
    const result = await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL });

    const text = config(folder);
    const { token, decrypted, instanceUrl } = writtenToken(folder);
    expect(decrypted).toEqual(Array(1 + 2 * ALL.length).fill(token));
    expect(instanceUrl).toBe(fake.org.loginUrl);
    // Data Loader sends every call after the token check to the environment's endpoint: the instance.
    expect(getProperty(text, 'sfdc.endpoint.Production')).toBe(instanceUrl);
    expect(getProperty(text, 'sfdc.username')).toBe(PROD_ADMIN);
    expect(text).not.toContain('eca.client');
    expect(await query(instanceUrl, token)).toBe(200);
    expect(result.export).toMatchObject({ keyFile: path.join(folder, 'dataLoader.key'), createdKey: true, stale: false });

    const readmeText = fs.readFileSync(path.join(folder, 'README.txt'), 'utf8');
    expect(readmeText).toContain(`    orgkey export refresh 'Acme browser' || exit 1\n    cd /path/to/dataloader && ./dataloader.sh`);
    expect(readmeText).toContain(`    call orgkey export refresh "Acme browser" || exit /b 1\n    cd /d "C:\\path\\to\\dataloader\\bin" && process.bat "${folder}" extractAccount`);
    expect(readmeText).toContain('session timeout');

    // Nowhere in plain: not in the folder, the settings file or the log.
    for (const { file, text: bytes } of [...readAllFiles(folder), ...readAllFiles(dataDir)]) expect(bytes, file).not.toContain(token);
  });

  it('a client-credentials org: the token of the app’s run-as user, minted on its My Domain, works; refresh makes another that works', async () => {
    const { orgId } = await credentials(control, PROD_ADMIN);
    const app = (await control.state()).orgs.find((org) => org.id === orgId)!.externalClientApps[0]!;
    await control.patchApp(app.clientId, { clientCredentialsUser: PROD_ADMIN });
    const myDomainUrl = fake.org.orgs.find((org) => org.orgId.slice(0, 15) === orgId.slice(0, 15))!.myDomainUrl;
    const { org } = await core.orgs.add({
      alias: 'Acme integration',
      environment: 'custom',
      customUrl: myDomainUrl,
      auth: 'client-credentials',
      username: '',
      password: '',
      clientId: app.clientId,
      clientSecret: app.clientSecret,
    });
    const folder = path.join(work, 'cc');
    const { export: info } = await core.dataloader.export({ id: org.id, folder, keyFile: { kind: 'new' }, jobs: ALL });
    const first = writtenToken(folder);
    expect(first.decrypted).toEqual(Array(1 + 2 * ALL.length).fill(first.token));
    expect(getProperty(config(folder), 'sfdc.username')).toBe(PROD_ADMIN);
    expect(await query(first.instanceUrl, first.token)).toBe(200);

    await core.dataloader.refresh(org.id, info.id);
    const second = writtenToken(folder);
    expect(second.token).not.toBe(first.token);
    expect(await query(second.instanceUrl, second.token)).toBe(200);
    for (const { file, text: bytes } of [...readAllFiles(folder), ...readAllFiles(dataDir)]) {
      for (const secret of [first.token, second.token, app.clientSecret]) expect(bytes, file).not.toContain(secret);
    }
  });

  it('refresh re-encrypts a new token in place; the old one stays valid, and a failed login leaves the files as they were', async () => {
    const id = await signedInBrowserOrg();
    const folder = path.join(work, 'token');
    const { export: info } = await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: ALL });
    const before = writtenToken(folder);
    const key = fs.readFileSync(path.join(folder, 'dataLoader.key'));
    fs.appendFileSync(path.join(folder, 'config.properties'), 'sfdc.loadBatchSize=50\n');

    const refreshed = await core.dataloader.refresh(id, info.id);
    expect(refreshed.written.sort()).toEqual([path.join(folder, 'config.properties'), path.join(folder, 'process-conf.xml')]);
    const after = writtenToken(folder);
    expect(after.token).not.toBe(before.token);
    expect(after.decrypted).toEqual(Array(1 + 2 * ALL.length).fill(after.token));
    expect(await query(after.instanceUrl, after.token)).toBe(200);
    // A new login does not end the old session: a job still running on it is not cut off.
    expect(await query(before.instanceUrl, before.token)).toBe(200);
    expect(fs.readFileSync(path.join(folder, 'dataLoader.key'))).toEqual(key);
    expect(getProperty(config(folder), 'sfdc.loadBatchSize')).toBe('50');
    expect(core.orgs.list()[0]!.dataLoaderExports[0]).toMatchObject({ refreshedAt: expect.any(String), stale: false });

    // The token ends with its session (the fake org's timeout, after inactivity); a refresh brings a working one.
    await control.advanceClock(24 * 60);
    expect(await query(after.instanceUrl, after.token)).toBe(401);
    await core.dataloader.refresh(id, info.id);
    const renewed = writtenToken(folder);
    expect(await query(renewed.instanceUrl, renewed.token)).toBe(200);
    // Salesforce refuses the refresh token now: the refresh fails in words and writes nothing.
    const files = ['config.properties', 'process-conf.xml'].map((name) => fs.readFileSync(path.join(folder, name), 'utf8'));
    await control.revokeRefreshTokens(PROD_ADMIN);
    const refused = await rejection(core.dataloader.refresh(id, info.id));
    expect(refused.code).toBe('EXPORT_LOGIN_FAILED');
    expect(refused.message).toMatch(/^OrgKey could not log in for an access token, so it wrote nothing\. /);
    expect(['config.properties', 'process-conf.xml'].map((name) => fs.readFileSync(path.join(folder, name), 'utf8'))).toEqual(files);
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    for (const { file, text: bytes } of [...readAllFiles(folder), ...readAllFiles(dataDir)]) {
      expect(bytes, file).not.toContain(before.token);
      expect(bytes, file).not.toContain(after.token);
      expect(bytes, file).not.toContain(renewed.token);
    }
  });

  it('orgkey export refresh renews the token of every export of the org and prints no token', async () => {
    const id = await signedInBrowserOrg();
    const folders = [path.join(work, 'a'), path.join(work, 'b')];
    for (const folder of folders) await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: EXTRACT });
    const before = folders.map((folder) => writtenToken(folder).token);

    const run = await runCli({ dataDir, service }, ['export', 'refresh', 'Acme browser']);
    expect(run.code, run.stderr).toBe(0);
    const after = folders.map((folder) => writtenToken(folder));
    for (const [i, folder] of folders.entries()) {
      expect(after[i]!.token).not.toBe(before[i]);
      expect(await query(after[i]!.instanceUrl, after[i]!.token)).toBe(200);
      expect(run.stdout).toContain(`Refreshed ${folder}: a new access token encrypted into sfdc.oauth.accesstoken and sfdc.password in config.properties and process-conf.xml, checked;`);
    }
    const json = await runCli({ dataDir, service }, ['export', 'refresh', 'Acme browser', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(2);
    const tokens = [...before, ...after.map((entry) => entry.token), ...folders.map((folder) => writtenToken(folder).token)];
    for (const output of [run.stdout, run.stderr, json.stdout, json.stderr]) for (const token of tokens) expect(output).not.toContain(token);
    for (const { file, text: bytes } of readAllFiles(dataDir)) for (const token of tokens) expect(bytes, file).not.toContain(token);
  });

  it('refuses to refresh an export written for the org’s password login after it switched, and writes nothing', async () => {
    const { id } = await addOrg();
    const folder = path.join(work, 'password');
    const { export: info } = await core.dataloader.export({ id, folder, keyFile: { kind: 'new' }, jobs: EXTRACT });
    const written = config(folder);
    // The org now logs in another way; its settings say so (as an edit's switch leaves them).
    openConfSettings(dataDir).update((doc) => ({ ...doc, orgs: doc.orgs.map((org) => ({ ...org, auth: 'browser' as const })) }));
    const refused = await rejection(core.dataloader.refresh(id, info.id));
    expect(refused.code).toBe('EXPORT_LOGIN_CHANGED');
    expect(config(folder)).toBe(written);
  });
});
