/**
 * Data Loader export end to end on the browser host: the form writes a folder, and the test
 * reads it back from disk as Data Loader would — config.properties as Java properties, process-conf.xml
 * as XML — and decrypts every `sfdc.password` with the key file through the core's codec (the same
 * algorithm as Data Loader's `encrypt -d`). Waits are on the app's own state, never on timers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { Page } from '@playwright/test';
import { decryptFromDataLoader, readKeyFile } from '../../electron/core/dataloader/codec';
import { clientCredentialsApp, credentials, PROD_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';

// ---------------------------------------------------------------------------------------------
// Reading the files the way Data Loader does
// ---------------------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** Undo `.properties` escapes: `\t \n \r \f`, `\uXXXX`, and `\x` for any other x. */
function unescapeProperty(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_whole, escaped: string) =>
    escaped.length === 5 ? String.fromCharCode(Number.parseInt(escaped.slice(1), 16)) : (ESCAPES[escaped] ?? escaped),
  );
}

const trailingBackslashes = (line: string) => line.length - line.replace(/\\+$/, '').length;

/**
 * java.util.Properties.load, small: `#`/`!` comments, `=`, `:` or whitespace between key and value,
 * continuation lines (an odd number of trailing backslashes), escapes. Later keys win, as in Java.
 */
function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i += 1) {
    let logical = lines[i]!.replace(/^[ \t\f]+/, '');
    if (logical === '' || logical.startsWith('#') || logical.startsWith('!')) continue;
    while (trailingBackslashes(logical) % 2 === 1 && i + 1 < lines.length) {
      i += 1;
      logical = logical.slice(0, -1) + lines[i]!.replace(/^[ \t\f]+/, '');
    }
    let end = 0;
    while (end < logical.length && !/[=: \t\f]/.test(logical[end]!)) end += logical[end] === '\\' ? 2 : 1;
    const key = logical.slice(0, end);
    const rest = logical.slice(end).replace(/^[ \t\f]*/, '').replace(/^[=:]/, '').replace(/^[ \t\f]*/, '');
    properties.set(unescapeProperty(key), unescapeProperty(rest));
  }
  return properties;
}

interface Bean {
  id: string;
  entries: Map<string, string>;
}

/** process-conf.xml as a well-formed XML document: each `<bean>` and its `configOverrideMap` entries. */
function parseProcessConf(xml: string): Bean[] {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message);
    },
  }).parseFromString(xml, 'text/xml');
  expect(problems).toEqual([]);
  const beans: Bean[] = [];
  const beanElements = doc.getElementsByTagName('bean');
  for (let i = 0; i < beanElements.length; i += 1) {
    const bean = beanElements.item(i) as Element;
    const entries = new Map<string, string>();
    const entryElements = bean.getElementsByTagName('entry');
    for (let j = 0; j < entryElements.length; j += 1) {
      const entry = entryElements.item(j) as Element;
      entries.set(entry.getAttribute('key') ?? '', entry.getAttribute('value') ?? '');
    }
    beans.push({ id: bean.getAttribute('id') ?? '', entries });
  }
  return beans;
}

interface ExportOnDisk {
  config: Map<string, string>;
  beans: Bean[];
  keyFile: string;
  /** Every `sfdc.password` decrypted with the key file named in config.properties: config first, then each bean. */
  decrypted: string[];
}

function readExport(folder: string): ExportOnDisk {
  const config = parseProperties(fs.readFileSync(path.join(folder, 'config.properties'), 'utf8'));
  const beans = parseProcessConf(fs.readFileSync(path.join(folder, 'process-conf.xml'), 'utf8'));
  const keyFile = config.get('process.encryptionKeyFile') ?? '';
  expect(path.isAbsolute(keyFile), `process.encryptionKeyFile is absolute: ${keyFile}`).toBe(true);
  const key = readKeyFile(keyFile);
  const encrypted = [config.get('sfdc.password'), ...beans.map((bean) => bean.entries.get('sfdc.password'))];
  expect(encrypted.every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
  return { config, beans, keyFile, decrypted: encrypted.map((text) => decryptFromDataLoader(text!, key)) };
}

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const snapshot = (folder: string, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, { content: fs.readFileSync(path.join(folder, name)), mtimeMs: fs.statSync(path.join(folder, name)).mtimeMs }]));

// ---------------------------------------------------------------------------------------------
// Temp folders, the org, the form
// ---------------------------------------------------------------------------------------------

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-dl-e2e-'));
  temps.push(dir);
  return dir;
}
test.afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function addProd(app: AppFixture, fake: FakeOrgFixture) {
  const creds = await credentials(fake.control, PROD_ADMIN);
  const { org } = await app.host.core.orgs.add({
    alias: 'Acme prod',
    environment: 'custom',
    customUrl: fake.org.loginUrl,
    username: PROD_ADMIN,
    password: creds.password,
    token: creds.token,
  });
  await openOrg(app, 'Acme prod');
  return { id: org.id, loginUrl: org.loginUrl, ...creds };
}

async function openOrg(app: AppFixture, alias: string) {
  await app.reload();
  await app.page.getByRole('button', { name: alias, exact: true }).click();
  await expect(section(app.page)).toBeVisible();
}

const section = (page: Page) => page.getByRole('region', { name: 'Data Loader' });
const form = (page: Page) => page.getByRole('region', { name: 'Export for Data Loader' });
const folderField = (page: Page) => page.getByRole('textbox', { name: 'Folder', exact: true });
const keyPathField = (page: Page) => page.getByRole('textbox', { name: 'Key file path', exact: true });
const objectField = (page: Page) => page.getByRole('textbox', { name: 'Object', exact: true });
const soqlField = (page: Page) => page.getByRole('textbox', { name: 'SOQL query', exact: true });
const operation = (page: Page, label: string) => page.getByRole('checkbox', { name: label, exact: true });
const exportRow = (page: Page, folder: string) =>
  section(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: folder, exact: true }) });
const successPanel = (page: Page) => page.locator('[data-export-result]');

async function openForm(page: Page) {
  await page.getByRole('button', { name: 'Export for Data Loader…' }).click();
  await expect(form(page)).toBeVisible();
  // The suggested folder arrives from core; wait for it so it cannot land on top of typing.
  await expect(folderField(page)).not.toHaveValue('');
}

/** Open the form, type the folder, tick the extra operations, export, and wait for the checked result. */
async function exportTo(page: Page, folder: string, extra: readonly string[] = []) {
  await openForm(page);
  await folderField(page).fill(folder);
  for (const label of extra) await operation(page, label).check();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(successPanel(page)).toBeVisible();
  await expect(exportRow(page, folder)).toBeVisible();
}

async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Specs
// ---------------------------------------------------------------------------------------------

test('an export writes config.properties, one bean per operation and a private key, all decrypting to password + token', async ({ app, fake }) => {
  const { page } = app;
  const { loginUrl, password, token } = await addProd(app, fake);
  await expect(section(page).getByText('No exports yet.')).toBeVisible();

  await openForm(page);
  // Suggested: a new folder named after the org under Documents, a new key, Extract of Account.
  await expect(folderField(page)).toHaveValue(path.join(app.homeDir, 'Documents', 'OrgKey', 'acme-prod-dataloader'));
  await expect(page.getByRole('radio', { name: 'Create a new key file in the folder' })).toBeChecked();
  await expect(keyPathField(page)).toHaveCount(0);
  await expect(operation(page, 'Extract')).toBeChecked();
  await expect(objectField(page)).toHaveValue('Account');
  await expect(soqlField(page)).toHaveValue('SELECT Id, Name FROM Account');
  // The query follows the object until the admin writes their own.
  await objectField(page).fill('Invoice__c');
  await expect(soqlField(page)).toHaveValue('SELECT Id, Name FROM Invoice__c');
  await objectField(page).fill('Account');
  await operation(page, 'Upsert').check();
  await expect(page.getByRole('textbox', { name: 'Match upserts by field', exact: true })).toHaveValue('Id');
  await expectNoSeriousA11yViolations(page, 'export form');

  const folder = path.join(tempDir(), 'acme', 'dataloader');
  await folderField(page).fill(folder);
  await operation(page, 'Insert').check();
  await page.getByRole('button', { name: 'Export', exact: true }).click();

  const panel = successPanel(page);
  await expect(panel).toContainText('Exported and checked: sfdc.password decrypts to the stored password and token.');
  await expect(panel).toContainText(path.join(folder, 'config.properties'));
  await expect(panel).toContainText(path.join(folder, 'dataLoader.key'));
  await expect(panel).toContainText(`process.bat "${folder}" extractAccount`);
  await expect(panel).toContainText(`./dataloader_console "${folder}" extractAccount run.mode=batch`);
  await expect(panel).toContainText('README.txt');
  await expect(page.getByRole('status')).toContainText('Exported for Data Loader');

  const row = exportRow(page, folder);
  await expect(row).toContainText('Up to date');
  await expect(row).toContainText('extractAccount, insertAccount, upsertAccount');
  await expect(row).toContainText(path.join(folder, 'dataLoader.key'));
  await expectNoSeriousA11yViolations(page, 'after export');

  // What Data Loader will read.
  const written = readExport(folder);
  expect(written.config.get('sfdc.username')).toBe(PROD_ADMIN);
  expect(written.config.get('sfdc.endpoint')).toBe(loginUrl);
  // A My Domain URL on no sandbox host, never tested as a sandbox: Data Loader's Production environment.
  expect(written.config.get('sfdc.oauth.environment')).toBe('Production');
  expect(written.config.get('sfdc.endpoint.Production')).toBe(loginUrl);
  expect(written.config.get('sfdc.endpoint.Sandbox')).toBe('https://test.salesforce.com');
  expect(written.keyFile).toBe(path.join(folder, 'dataLoader.key'));
  expect(modeOf(written.keyFile)).toBe(0o600);
  expect(fs.statSync(written.keyFile).size).toBeGreaterThanOrEqual(16);
  expect(modeOf(path.join(folder, 'config.properties'))).toBe(0o600);
  expect(written.beans.map((bean) => [bean.id, bean.entries.get('process.operation'), bean.entries.get('sfdc.entity')])).toEqual([
    ['extractAccount', 'extract', 'Account'],
    ['insertAccount', 'insert', 'Account'],
    ['upsertAccount', 'upsert', 'Account'],
  ]);
  expect(written.beans[0]!.entries.get('sfdc.extractionSOQL')).toBe('SELECT Id, Name FROM Account');
  expect(written.beans[2]!.entries.get('sfdc.externalIdField')).toBe('Id');
  for (const bean of written.beans) expect(bean.entries.get('process.encryptionKeyFile')).toBe(written.keyFile);
  expect(written.decrypted).toEqual(Array(4).fill(password + token));
  expect(fs.existsSync(path.join(folder, 'README.txt'))).toBe(true);
  expect(fs.existsSync(path.join(folder, 'mappings', 'insertAccount.sdl'))).toBe(true);
  expect(fs.existsSync(path.join(folder, 'mappings', 'upsertAccount.sdl'))).toBe(true);

  // Neither secret reaches the page, and the export is remembered across a restart.
  const html = await page.content();
  expect(html).not.toContain(password);
  expect(html).not.toContain(token);
  await app.restart();
  await openOrg(app, 'Acme prod');
  await expect(exportRow(app.page, folder)).toContainText('Up to date');
});

test('a sandbox org is written for Data Loader’s Sandbox environment', async ({ app }) => {
  await app.host.core.orgs.add({ alias: 'Acme UAT', environment: 'sandbox', username: 'admin@acme.example.uat', password: 'Sandbox-Pass-1', token: 'Tk3n5andb0xAbcdEfgh12345' });
  await openOrg(app, 'Acme UAT');
  const folder = path.join(tempDir(), 'uat');
  await exportTo(app.page, folder);
  const written = readExport(folder);
  expect(written.config.get('sfdc.oauth.environment')).toBe('Sandbox');
  expect(written.config.get('sfdc.endpoint')).toBe('https://test.salesforce.com');
  expect(written.config.get('sfdc.endpoint.Sandbox')).toBe('https://test.salesforce.com');
  expect(written.config.get('sfdc.endpoint.Production')).toBe('https://login.salesforce.com');
  expect(written.decrypted).toEqual(['Sandbox-Pass-1Tk3n5andb0xAbcdEfgh12345', 'Sandbox-Pass-1Tk3n5andb0xAbcdEfgh12345']);
});

test('the folder and an existing key file can be chosen with the pickers; a cancelled picker keeps the field', async ({ app, fake }) => {
  const { page } = app;
  // Data Loader's own default key on this "machine": the form suggests it for "Use an existing key file".
  const defaultKey = path.join(app.homeDir, '.dataloader', 'dataLoader.key');
  fs.mkdirSync(path.dirname(defaultKey), { recursive: true });
  fs.writeFileSync(defaultKey, randomBytes(16));
  const { password, token } = await addProd(app, fake);
  await openForm(page);
  const suggested = await folderField(page).inputValue();

  app.dialogs.answerNext(null);
  await page.getByRole('button', { name: 'Choose folder', exact: true }).click();
  await expect.poll(() => app.dialogs.calls.length).toBe(1);
  await expect(folderField(page)).toHaveValue(suggested);

  const picked = path.join(tempDir(), 'picked');
  app.dialogs.answerNext(picked);
  await page.getByRole('button', { name: 'Choose folder', exact: true }).click();
  await expect(folderField(page)).toHaveValue(picked);
  expect(app.dialogs.calls.map((call) => call.kind)).toEqual(['folder', 'folder']);
  expect(app.dialogs.calls[1]!.options.defaultPath).toBe(suggested);

  await page.getByRole('radio', { name: 'Use an existing key file' }).check();
  await expect(keyPathField(page)).toHaveValue(defaultKey);
  await expect(page.getByText('~/.dataloader/dataLoader.key')).toBeVisible();

  // A key shared with other Data Loader configurations, longer than the 16 bytes Data Loader uses.
  const sharedKey = path.join(tempDir(), 'shared.key');
  const sharedBytes = randomBytes(32);
  fs.writeFileSync(sharedKey, sharedBytes, { mode: 0o600 });
  app.dialogs.answerNext(sharedKey);
  await page.getByRole('button', { name: 'Choose key file', exact: true }).click();
  await expect(keyPathField(page)).toHaveValue(sharedKey);
  expect(app.dialogs.calls.at(-1)!.kind).toBe('file');
  await expectNoSeriousA11yViolations(page, 'existing key');

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(successPanel(page)).toBeVisible();
  const written = readExport(picked);
  expect(written.keyFile).toBe(sharedKey);
  expect(written.decrypted).toEqual([password + token, password + token]);
  expect(fs.existsSync(path.join(picked, 'dataLoader.key'))).toBe(false);
  expect(fs.readFileSync(sharedKey).equals(sharedBytes)).toBe(true);
  const row = exportRow(page, picked);
  await expect(row).toContainText(sharedKey);
  await expect(row).not.toContainText('created by OrgKey');
});

test('exporting again into the same folder asks first: Cancel leaves the files untouched, Replace rewrites them', async ({ app, fake }) => {
  const { page } = app;
  const { password, token } = await addProd(app, fake);
  const folder = path.join(tempDir(), 'again');
  await exportTo(page, folder);
  const names = ['config.properties', 'process-conf.xml', 'README.txt', 'dataLoader.key'] as const;
  const before = snapshot(folder, names);

  await openForm(page);
  await folderField(page).fill(folder);
  await objectField(page).fill('Contact');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Replace existing files?' });
  await expect(dialog).toBeVisible();
  for (const name of names) await expect(dialog.getByRole('listitem').filter({ hasText: name })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, 'replace dialog');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(snapshot(folder, names)).toEqual(before);
  // The form is as it was.
  await expect(folderField(page)).toHaveValue(folder);
  await expect(objectField(page)).toHaveValue('Contact');
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeFocused();

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await dialog.getByRole('button', { name: 'Replace files' }).click();
  await expect(successPanel(page)).toBeVisible();
  const after = snapshot(folder, names);
  for (const name of names) expect(after[name]!.content.equals(before[name]!.content), `${name} rewritten`).toBe(false);
  const written = readExport(folder);
  expect(written.beans.map((bean) => bean.id)).toEqual(['extractContact']);
  expect(written.decrypted).toEqual([password + token, password + token]);
  // Still one remembered export for that folder.
  await expect(section(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: folder, exact: true }) })).toHaveCount(1);
  await expect(exportRow(page, folder)).toContainText('extractContact');
});

test('bad input gets its message next to the field, keeps what was typed, and writes nothing', async ({ app, fake }) => {
  const { page } = app;
  await addProd(app, fake);
  const base = tempDir();
  const out = path.join(base, 'out');
  await openForm(page);

  // No operation: the app says so itself and does not ask core.
  await folderField(page).fill(out);
  await operation(page, 'Extract').uncheck();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const operations = page.getByRole('group', { name: 'Operations' });
  await expect(operations).toHaveAccessibleDescription(/Choose at least one operation/);
  await expect(operation(page, 'Extract')).toBeFocused();
  expect(fs.existsSync(out)).toBe(false);
  await operation(page, 'Update').check();
  await expect(operations).not.toHaveAccessibleDescription(/Choose at least one operation/);

  // A relative folder would depend on where OrgKey was started.
  const relative = path.join('orgkey-relative-test', 'acme');
  await folderField(page).fill(relative);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(folderField(page)).toHaveAccessibleDescription(/full path/);
  await expect(folderField(page)).toBeFocused();
  await expect(folderField(page)).toHaveValue(relative);
  expect(fs.existsSync(path.resolve('orgkey-relative-test'))).toBe(false);

  // A key file too short to be a Data Loader key.
  const shortKey = path.join(base, 'short.key');
  fs.writeFileSync(shortKey, randomBytes(8));
  await folderField(page).fill(out);
  await page.getByRole('radio', { name: 'Use an existing key file' }).check();
  await keyPathField(page).fill(shortKey);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(keyPathField(page)).toHaveAccessibleDescription(/too short/);
  await expect(keyPathField(page)).toHaveValue(shortKey);
  expect(fs.existsSync(out)).toBe(false);

  // An object label instead of its API name: the message lands next to Object.
  await page.getByRole('radio', { name: 'Create a new key file in the folder' }).check();
  await objectField(page).fill('Sales Invoice');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(objectField(page)).toHaveAccessibleDescription(/no spaces/);
  expect(fs.existsSync(out)).toBe(false);
  await expect(operation(page, 'Update')).toBeChecked();
  await expect(folderField(page)).toHaveValue(out);
  await expectNoSeriousA11yViolations(page, 'field errors');
  await expect(section(page).getByText('No exports yet.')).toBeVisible();
});

test('after a new token the export shows as out of date, and Refresh rewrites only the sfdc.password lines', async ({ app, fake }) => {
  const { page } = app;
  const { password } = await addProd(app, fake);
  const folder = path.join(tempDir(), 'stale');
  await exportTo(page, folder, ['Update']);
  const keyBefore = fs.readFileSync(path.join(folder, 'dataLoader.key'));
  await expect(exportRow(page, folder)).toContainText('Up to date');
  await expect(exportRow(page, folder).getByRole('button', { name: 'Refresh export' })).toHaveCount(0);

  // The admin's own line in config.properties must survive a refresh.
  const configPath = path.join(folder, 'config.properties');
  const xmlPath = path.join(folder, 'process-conf.xml');
  fs.appendFileSync(configPath, '# added by hand\nprocess.lastRunOutputDirectory=/var/tmp/dl-runs\n');
  const configBefore = fs.readFileSync(configPath, 'utf8').split('\n');
  const xmlBefore = fs.readFileSync(xmlPath, 'utf8').split('\n');

  // A new token, through the token workflow.
  const newToken = await fake.control.resetToken(PROD_ADMIN);
  await page.getByRole('button', { name: 'Paste new token' }).click();
  await page.getByLabel('Paste the token or the whole email').fill((await fake.control.outbox(PROD_ADMIN)).at(-1)!.text);
  await page.getByRole('button', { name: 'Test and save token' }).click();
  await expect(page.getByRole('status')).toContainText('New token saved');

  const row = exportRow(page, folder);
  await expect(row).toContainText('Out of date');
  await expect(row).toContainText('The security token changed since this export.');
  await expectNoSeriousA11yViolations(page, 'stale export');
  await row.getByRole('button', { name: 'Refresh export' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Export refreshed: sfdc.password re-encrypted in config.properties and process-conf.xml',
  );
  await expect(row).toContainText('Up to date');
  await expect(row).toContainText('Refreshed');
  await expect(row.getByRole('button', { name: 'Refresh export' })).toHaveCount(0);

  const configAfter = fs.readFileSync(configPath, 'utf8').split('\n');
  const xmlAfter = fs.readFileSync(xmlPath, 'utf8').split('\n');
  const changed = (before: string[], after: string[]) => {
    expect(after).toHaveLength(before.length);
    return before.flatMap((line, i) => (line === after[i] ? [] : [line]));
  };
  const configChanged = changed(configBefore, configAfter);
  const xmlChanged = changed(xmlBefore, xmlAfter);
  expect(configChanged).toHaveLength(1);
  expect(configChanged[0]).toMatch(/^sfdc\.password=/);
  expect(xmlChanged).toHaveLength(2);
  for (const line of xmlChanged) expect(line).toMatch(/<entry key="sfdc\.password" value="[0-9a-f]+"\/>/);
  expect(configAfter).toContain('process.lastRunOutputDirectory=/var/tmp/dl-runs');
  expect(readExport(folder).decrypted).toEqual(Array(3).fill(password + newToken));
  expect(fs.readFileSync(path.join(folder, 'dataLoader.key')).equals(keyBefore)).toBe(true);
});

test('a refresh refused for its key file says why and what to do next to that export, and writes nothing', async ({ app, fake }) => {
  const { page } = app;
  const { id } = await addProd(app, fake);
  const guarded = path.join(tempDir(), 'guarded');
  const other = path.join(tempDir(), 'other');
  await exportTo(page, guarded);
  await exportTo(page, other);
  const newToken = await fake.control.resetToken(PROD_ADMIN);
  await app.host.core.tokens.replaceToken(id, { pasted: newToken, saveAnyway: true });
  const keyFile = path.join(guarded, 'dataLoader.key');
  fs.chmodSync(keyFile, 0o644);
  const names = ['config.properties', 'process-conf.xml'] as const;
  const before = snapshot(guarded, names);
  await openOrg(app, 'Acme prod');

  const row = exportRow(page, guarded);
  await row.getByRole('button', { name: 'Refresh export' }).click();
  const alert = row.locator('[data-error-code="EXPORT_KEY_NOT_PRIVATE"]');
  await expect(alert).toContainText(`The key file ${keyFile} can be read by other users of this computer (its permissions are 0644). Refresh wrote nothing.`);
  await expect(alert).toContainText(`Make it yours alone with: chmod 600 "${keyFile}", then refresh again.`);
  await expect(row).toContainText('Out of date');
  await expect(exportRow(page, other).getByRole('alert')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'refused refresh');
  expect(snapshot(guarded, names)).toEqual(before);

  // Fixed as the message says, the same button refreshes it and the message goes.
  fs.chmodSync(keyFile, 0o600);
  await row.getByRole('button', { name: 'Refresh export' }).click();
  await expect(row).toContainText('Up to date');
  await expect(row.getByRole('alert')).toHaveCount(0);
});

test('a vanished folder gets its message next to its export; Forget drops only OrgKey’s record', async ({ app, fake }) => {
  const { page } = app;
  const { id } = await addProd(app, fake);
  const gone = path.join(tempDir(), 'gone');
  const kept = path.join(tempDir(), 'kept');
  await exportTo(page, gone);
  await exportTo(page, kept);

  // The token changes (saved without a test here: the workflow itself is covered above), then the folder goes.
  const newToken = await fake.control.resetToken(PROD_ADMIN);
  await app.host.core.tokens.replaceToken(id, { pasted: newToken, saveAnyway: true });
  fs.rmSync(gone, { recursive: true, force: true });
  await openOrg(app, 'Acme prod');

  const goneRow = exportRow(page, gone);
  await goneRow.getByRole('button', { name: 'Refresh export' }).click();
  const alert = goneRow.locator('[data-error-code="EXPORT_FOLDER_GONE"]');
  await expect(alert).toContainText('config.properties');
  await expect(alert).toContainText('forget this export');
  await expect(exportRow(page, kept).getByRole('alert')).toHaveCount(0);

  const keptFiles = fs.readdirSync(kept).sort();
  await exportRow(page, kept).getByRole('button', { name: 'Forget' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Forget this export?' });
  await expect(dialog).toContainText('The files stay where they are');
  await expect(dialog).toContainText(kept);
  await dialog.getByRole('button', { name: 'Forget export' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(exportRow(page, kept)).toHaveCount(0);
  await expect(exportRow(page, gone)).toBeVisible();
  expect(fs.readdirSync(kept).sort()).toEqual(keptFiles);
  expect((await app.host.core.orgs.get(id)).dataLoaderExports.map((record) => record.folder)).toEqual([gone]);
});

test('a client-credentials org exports a working access token, Renew replaces it with another, and a refused login says why next to the form and the export', async ({ app, fake }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const eca = await clientCredentialsApp(fake);
  await app.host.core.orgs.add({ alias: 'Acme ETL', environment: 'custom', customUrl: eca.myDomainUrl, auth: 'client-credentials', username: '', password: '', clientId: eca.clientId, clientSecret: eca.clientSecret });
  await openOrg(app, 'Acme ETL');
  await expect(section(page)).toContainText('Data Loader never renews the token');
  await expect(section(page)).toContainText("orgkey export refresh 'Acme ETL'");

  /** The token as Data Loader reads it: sfdc.oauth.accesstoken decrypted with the key file, and where to send it. */
  const tokenOnDisk = (folder: string) => {
    const written = readExport(folder);
    const token = decryptFromDataLoader(written.config.get('sfdc.oauth.accesstoken')!, readKeyFile(written.keyFile));
    // sfdc.password holds the same encrypted token: Data Loader wants it set and never sends it.
    expect(written.decrypted).toEqual(Array(written.decrypted.length).fill(token));
    return { token, instanceUrl: written.config.get('salesforce.oauth.instanceURL')! };
  };
  const limitsWith = async ({ token, instanceUrl }: { token: string; instanceUrl: string }) =>
    (await fetch(`${instanceUrl}/services/data/v64.0/limits`, { headers: { Authorization: `Bearer ${token}` } })).status;

  // The app's login refused (the flow switched off in the app): the message is next to the form, which keeps what was typed.
  await fake.control.patchApp(eca.clientId, { clientCredentialsUser: null });
  await openForm(page);
  await expect(page.getByRole('radio', { name: 'Create a new key file in the folder' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Use an existing key file' })).toBeVisible();
  const folder = path.join(tempDir(), 'etl');
  await folderField(page).fill(folder);
  await objectField(page).fill('Contact');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const refused = form(page).locator('[data-error-code="EXPORT_LOGIN_FAILED"]');
  await expect(refused).toContainText('OrgKey could not log in for an access token, so it wrote nothing.');
  await expect(folderField(page)).toHaveValue(folder);
  await expect(objectField(page)).toHaveValue('Contact');
  expect(fs.existsSync(folder)).toBe(false);
  await expectNoSeriousA11yViolations(page, 'refused token export');

  // Switched back on, the same form exports.
  await fake.control.patchApp(eca.clientId, { clientCredentialsUser: PROD_ADMIN });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(successPanel(page)).toContainText('sfdc.oauth.accesstoken and sfdc.password decrypt to the access token OrgKey just got');
  await expect(successPanel(page)).toContainText(`orgkey export refresh 'Acme ETL'`);
  const row = exportRow(page, folder);
  await expect(row).toContainText('Access token');
  await expect(row).not.toContainText('Up to date');
  await expectNoSeriousA11yViolations(page, 'token export');

  const first = tokenOnDisk(folder);
  expect(await limitsWith(first)).toBe(200);
  expect(await page.content()).not.toContain(first.token);

  await row.getByRole('button', { name: 'Renew access token' }).click();
  await expect(page.getByRole('status')).toContainText('Access token renewed: sfdc.oauth.accesstoken and sfdc.password re-encrypted in config.properties and process-conf.xml');
  await expect(row).toContainText('Token renewed');
  const second = tokenOnDisk(folder);
  expect(second.token).not.toBe(first.token);
  expect(await limitsWith(second)).toBe(200);
  expect(await page.content()).not.toContain(second.token);

  // A refused renewal: its message next to the export, the files as they were, Renew still there.
  await fake.control.patchApp(eca.clientId, { clientCredentialsUser: null });
  const before = snapshot(folder, ['config.properties', 'process-conf.xml']);
  await row.getByRole('button', { name: 'Renew access token' }).click();
  await expect(row.locator('[data-error-code="EXPORT_LOGIN_FAILED"]')).toContainText('OrgKey could not log in for an access token, so it wrote nothing.');
  expect(snapshot(folder, ['config.properties', 'process-conf.xml'])).toEqual(before);
  await expect(row.getByRole('button', { name: 'Renew access token' })).toBeVisible();
});
