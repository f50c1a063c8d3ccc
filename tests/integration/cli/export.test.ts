/**
 * `orgkey export`: the built CLI writes a Data Loader folder that decrypts to the stored password +
 * token, asks before replacing files, refuses bad options in words, and refreshes a stale export.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptFromDataLoader, readKeyFile } from '../../../electron/core/dataloader/codec';
import { getProperty } from '../../../electron/core/dataloader/properties';
import { ERROR_CATALOG } from '../../../shared/errors';
import { errorLineOf, runCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { credentials, PROD_ADMIN, type Control } from '../../support/fake-org';
import { makeTempDir, readAllFiles, removeTempDir } from '../../support/temp';

const suite = useCliSuite('cli-export');
let fake: CliSuite['fake'];
let control: Control;
let target: CliEnv;
let work: string;
beforeEach(() => {
  ({ fake, control, target } = suite);
  work = makeTempDir('cli-export-out');
});
afterEach(() => removeTempDir(work));

async function addProd() {
  const creds = await credentials(control, PROD_ADMIN);
  const added = await runCli(target, ['add', 'Prod', '--username', PROD_ADMIN, '--env', fake.org.loginUrl, '--secrets-stdin'], {
    input: `${creds.password}\n${creds.token}\n`,
  });
  expect(added.code, added.stderr).toBe(0);
  return creds;
}

function xmlBeans(folder: string) {
  const doc = new DOMParser().parseFromString(fs.readFileSync(path.join(folder, 'process-conf.xml'), 'utf8'), 'text/xml');
  const beans = doc.getElementsByTagName('bean');
  return Array.from({ length: beans.length }, (_, i) => {
    const bean = beans.item(i)!;
    const entries = bean.getElementsByTagName('entry');
    const map = new Map<string, string>();
    for (let j = 0; j < entries.length; j += 1) map.set(entries.item(j)!.getAttribute('key')!, entries.item(j)!.getAttribute('value')!);
    return { id: bean.getAttribute('id')!, entries: map };
  });
}

describe('orgkey export dataloader', () => {
  it('writes a checked configuration for the chosen operations, and --json describes it', async () => {
    const { password, token } = await addProd();
    const folder = path.join(work, 'prod');
    const result = await runCli(target, [
      'export', 'dataloader', 'Prod', '--out', folder,
      '--operation', 'upsert', '--operation', 'extract,delete', '--object', 'Contact', '--external-id', 'Ext_Id__c', '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(
      ['alias', 'beans', 'checked', 'createdFolder', 'createdKey', 'exportedAt', 'folder', 'keyFile', 'kept', 'refreshedAt', 'stale', 'written'].sort(),
    );
    expect(out).toMatchObject({ alias: 'Prod', folder, createdKey: true, createdFolder: true, stale: false, checked: true, beans: ['extractContact', 'upsertContact', 'deleteContact'] });

    const key = readKeyFile(path.join(folder, 'dataLoader.key'));
    const config = fs.readFileSync(path.join(folder, 'config.properties'), 'utf8');
    expect(decryptFromDataLoader(getProperty(config, 'sfdc.password')!, key)).toBe(password + token);
    const beans = xmlBeans(folder);
    expect(beans.map((bean) => bean.id)).toEqual(['extractContact', 'upsertContact', 'deleteContact']);
    expect(beans[0]!.entries.get('sfdc.extractionSOQL')).toBe('SELECT Id, Name FROM Contact');
    expect(beans[1]!.entries.get('sfdc.externalIdField')).toBe('Ext_Id__c');
    for (const bean of beans) expect(decryptFromDataLoader(bean.entries.get('sfdc.password')!, key)).toBe(password + token);
    for (const { file, text } of readAllFiles(folder)) {
      expect(text, file).not.toContain(password);
      expect(text, file).not.toContain(token);
    }
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it('uses an existing key file given with --key-file, relative to the current folder', async () => {
    const { password, token } = await addProd();
    const keyFile = path.join(work, 'shared.key');
    fs.writeFileSync(keyFile, Buffer.alloc(16, 9), { mode: 0o600 });
    const result = await runCli(target, ['export', 'dataloader', 'Prod', '--out', path.join(work, 'k'), '--key-file', path.relative(process.cwd(), keyFile)]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Checked: sfdc.password');
    const config = fs.readFileSync(path.join(work, 'k', 'config.properties'), 'utf8');
    expect(getProperty(config, 'process.encryptionKeyFile')).toBe(keyFile);
    expect(decryptFromDataLoader(getProperty(config, 'sfdc.password')!, Buffer.alloc(16, 9))).toBe(password + token);
    expect(fs.existsSync(path.join(work, 'k', 'dataLoader.key'))).toBe(false);
  });

  it('will not replace files without a confirmation; --yes replaces them', async () => {
    await addProd();
    const folder = path.join(work, 'again');
    expect((await runCli(target, ['export', 'dataloader', 'Prod', '--out', folder])).code).toBe(0);
    const before = readAllFiles(folder);

    const refused = await runCli(target, ['export', 'dataloader', 'Prod', '--out', folder]);
    expect(refused.code).toBe(2);
    expect(errorLineOf(refused)).toMatch(/^orgkey: CONFIRMATION_NEEDED: Replacing config\.properties, process-conf\.xml, README\.txt, dataLoader\.key needs a confirmation.* Add --yes/);
    expect(readAllFiles(folder)).toEqual(before);

    const replaced = await runCli(target, ['export', 'dataloader', 'Prod', '--out', folder, '--yes']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'dataLoader.key')).toString('latin1')).not.toBe(before.find((f) => f.file.endsWith('dataLoader.key'))!.text);
  });

  it('refuses bad options with one line naming the option, writing nothing', async () => {
    await addProd();
    const looseKey = path.join(work, 'loose.key');
    fs.writeFileSync(looseKey, Buffer.alloc(16, 9));
    fs.chmodSync(looseKey, 0o644);
    const cases: Array<[string[], RegExp]> = [
      [['--operation', 'merge'], /^orgkey: USAGE: --operation is one of extract, insert, update, upsert, delete\./],
      [['--object', 'Account Name', '--operation', 'insert'], /^orgkey: INVALID_INPUT: --object: API names have no spaces/],
      [['--soql', 'DELETE Account'], /^orgkey: INVALID_INPUT: --soql: A Data Loader extract query starts with SELECT/],
      [['--soql', 'SELECT Id FROM Account', '--operation', 'insert'], /^orgkey: USAGE: --soql is for the extract operation only\./],
      [['--key-file', path.join(work, 'missing.key')], /^orgkey: INVALID_INPUT: --key-file: There is no file at /],
      [['--key-file', looseKey], /^orgkey: INVALID_INPUT: --key-file: The key file .*loose\.key can be read by other users of this computer \(its permissions are 0644\)\. Make it yours alone with: chmod 600 /],
    ];
    for (const [extra, message] of cases) {
      const result = await runCli(target, ['export', 'dataloader', 'Prod', '--out', path.join(work, 'bad'), ...extra]);
      expect(result.code, extra.join(' ')).toBe(2);
      expect(errorLineOf(result), extra.join(' ')).toMatch(message);
    }
    const noOut = await runCli(target, ['export', 'dataloader', 'Prod']);
    expect(noOut.code).toBe(2);
    expect(errorLineOf(noOut)).toMatch(/needs --out DIR/);
    expect(fs.existsSync(path.join(work, 'bad'))).toBe(false);
  });
});

describe('orgkey export refresh', () => {
  it('re-encrypts a stale export after a new token, changing only the sfdc.password lines', async () => {
    const { password } = await addProd();
    const folder = path.join(work, 'stale');
    expect((await runCli(target, ['export', 'dataloader', 'Prod', '--out', folder, '--operation', 'extract', '--operation', 'update'])).code).toBe(0);
    expect((await runCli(target, ['export', 'refresh', 'Prod'])).stdout).toContain('Nothing to refresh');

    await control.resetToken(PROD_ADMIN);
    const mail = (await control.outbox(PROD_ADMIN)).at(-1)!.text;
    expect((await runCli(target, ['token', 'Prod'], { input: mail })).code).toBe(0);
    const shown = await runCli(target, ['show', 'Prod']);
    expect(shown.stdout).toMatch(/stale: The security token changed since this export\./);

    const configBefore = fs.readFileSync(path.join(folder, 'config.properties'), 'utf8').split('\n');
    const result = await runCli(target, ['export', 'refresh', 'Prod', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [refreshed] = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(refreshed).toMatchObject({ folder, stale: false, checked: true });
    expect(refreshed!.refreshedAt).toEqual(expect.any(String));

    const configAfter = fs.readFileSync(path.join(folder, 'config.properties'), 'utf8').split('\n');
    expect(configBefore.filter((line, i) => line !== configAfter[i]).map((line) => line.split('=')[0])).toEqual(['sfdc.password']);
    const newToken = (await credentials(control, PROD_ADMIN)).token;
    const key = readKeyFile(path.join(folder, 'dataLoader.key'));
    expect(decryptFromDataLoader(getProperty(configAfter.join('\n'), 'sfdc.password')!, key)).toBe(password + newToken);
    expect((await runCli(target, ['show', 'Prod'])).stdout).not.toMatch(/stale:/);
  });

  it('refuses a key file others can read (exit 3, EXPORT_KEY_NOT_PRIVATE) and one config.properties swapped (EXPORT_KEY_CHANGED), writing nothing', async () => {
    await addProd();
    const folder = path.join(work, 'guarded');
    expect((await runCli(target, ['export', 'dataloader', 'Prod', '--out', folder])).code).toBe(0);
    const keyFile = path.join(folder, 'dataLoader.key');
    fs.chmodSync(keyFile, 0o644);
    const before = readAllFiles(folder);

    const loose = await runCli(target, ['export', 'refresh', 'Prod', '--all', '--json']);
    expect(loose.code).toBe(3);
    expect(loose.stdout).toBe('');
    expect(errorLineOf(loose)).toBe(
      `orgkey: EXPORT_KEY_NOT_PRIVATE: The key file ${keyFile} can be read by other users of this computer (its permissions are 0644). Refresh wrote nothing. Make it yours alone with: chmod 600 "${keyFile}", then refresh again.`,
    );
    expect(readAllFiles(folder)).toEqual(before);

    fs.chmodSync(keyFile, 0o600);
    const other = path.join(work, 'other.key');
    fs.writeFileSync(other, Buffer.alloc(16, 1), { mode: 0o600 });
    const configPath = path.join(folder, 'config.properties');
    fs.writeFileSync(configPath, fs.readFileSync(configPath, 'utf8').replace(`process.encryptionKeyFile=${keyFile}`, `process.encryptionKeyFile=${other}`));
    const swapped = await runCli(target, ['export', 'refresh', 'Prod', '--all']);
    expect(swapped.code).toBe(3);
    expect(errorLineOf(swapped)).toBe(
      `orgkey: EXPORT_KEY_CHANGED: ${configPath} names the key file ${other}, but OrgKey encrypted this export with ${keyFile}. Refresh wrote nothing. ${ERROR_CATALOG.EXPORT_KEY_CHANGED.remedy}`,
    );
  });

  it('says when the export folder is gone (exit 3) and when the org has no exports', async () => {
    await addProd();
    expect((await runCli(target, ['export', 'refresh', 'Prod'])).stdout).toContain('has no Data Loader exports');
    const folder = path.join(work, 'gone');
    expect((await runCli(target, ['export', 'dataloader', 'Prod', '--out', folder])).code).toBe(0);
    fs.rmSync(folder, { recursive: true });
    const result = await runCli(target, ['export', 'refresh', 'Prod', '--all']);
    expect(result.code).toBe(3);
    expect(errorLineOf(result)).toMatch(/^orgkey: EXPORT_FOLDER_GONE: .*config\.properties is no longer there\. Export again/);
  });
});
