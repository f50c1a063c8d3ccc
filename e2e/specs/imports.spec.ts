/**
 * Import orgs… end to end on the browser host: the source and its files chosen with the (scripted)
 * OS pickers, the preview with its new / duplicate / invalid rows, the changes the admin makes, the
 * confirm, the result, and the orgs in the list afterwards. Data Loader rows are proved with a login
 * against the fake org; the page, and every answer the page received, are scanned for the secrets
 * the files held. Waits are on the app's own state, never on timers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { encryptForDataLoader, newKey } from '../../electron/core/dataloader/codec';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN } from '../../tests/support/fake-org';
import { makeTempDir, removeTempDir } from '../../tests/support/temp';
import { expect, test, type AppFixture } from '../fixtures';
import { expectNoSeriousA11yViolations, pageText } from '../page-checks';

const temps: string[] = [];
function tempDir(): string {
  const dir = makeTempDir('import-e2e');
  temps.push(dir);
  return dir;
}
test.afterEach(() => {
  for (const dir of temps.splice(0)) removeTempDir(dir);
});

const importView = (page: Page) => page.getByRole('region', { name: 'Import orgs' });
const fileField = (page: Page) => page.getByRole('textbox', { name: 'File', exact: true });
const rowOf = (page: Page, username: string) => page.locator('tr[data-import-row]').filter({ hasText: username });
const nameField = (page: Page, username: string) => page.getByRole('textbox', { name: `Name for ${username}`, exact: true });
const importButton = (page: Page) => page.getByRole('button', { name: /^Import \d+ orgs?$/ });
const resultCounts = (page: Page) => page.locator('[data-import-result-counts]');

async function openImport(app: AppFixture) {
  await app.page.getByRole('button', { name: 'Import orgs', exact: true }).click();
  await expect(importView(app.page)).toBeVisible();
}

/** Choose a file source and its file through the scripted picker, then preview. */
async function previewFile(app: AppFixture, source: RegExp, file: string) {
  const { page } = app;
  await page.getByRole('radio', { name: source }).check();
  app.dialogs.answerNext(file);
  await page.getByRole('button', { name: 'Choose file for File' }).click();
  await expect(fileField(page)).toHaveValue(file);
  expect(app.dialogs.calls.at(-1)!.kind).toBe('file');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check what will be imported' })).toBeVisible();
}

/** The org list after an import: back to it, and each alias is a row. */
async function expectInList(page: Page, aliases: readonly string[]) {
  await page.getByRole('button', { name: 'Show orgs' }).click();
  for (const alias of aliases) await expect(page.getByRole('button', { name: alias, exact: true })).toBeVisible();
}

/** Every secret (by name) found in the page or in any answer the page received. */
async function leaksOf(app: AppFixture, secrets: Record<string, string>): Promise<string[]> {
  const findIn = (where: string, text: string) =>
    Object.entries(secrets)
      .filter(([, secret]) => text.includes(secret))
      .map(([name]) => `${name} in ${where}`);
  const leaks = findIn('the page', await pageText(app.page));
  app.host.ipcPayloads.forEach((entry, i) => leaks.push(...findIn(`the ${entry.method} answer #${i}`, JSON.stringify(entry.payload))));
  return leaks;
}

test('Data Loader: two folders, the token boundary moved, one proof that fails alone, the other org imported with the split chosen', async ({ app, fake }) => {
  const { page } = app;
  const core = app.host.core;
  const prod = await credentials(fake.control, PROD_ADMIN);
  const sandbox = await credentials(fake.control, SANDBOX_ADMIN);
  const dir = tempDir();

  // Folder 1: written by OrgKey's own exporter, for an org that is then removed from OrgKey.
  const exported = path.join(dir, 'acme-prod');
  const { org } = await core.orgs.add({ alias: 'Old entry', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: prod.password, token: prod.token });
  await core.dataloader.export({ id: org.id, folder: exported, keyFile: { kind: 'new' }, jobs: [{ operation: 'extract', object: 'Account' }] });
  await core.orgs.remove(org.id);
  // Folder 2: written in Data Loader's own encrypt format by the test, with a password that is no longer right.
  const stale = path.join(dir, 'uat-stale');
  fs.mkdirSync(stale);
  const key = newKey();
  fs.writeFileSync(path.join(stale, 'my.key'), key, { mode: 0o600 });
  const staleValue = `${sandbox.password}-old${sandbox.token}`;
  fs.writeFileSync(
    path.join(stale, 'config.properties'),
    `sfdc.endpoint=${fake.org.loginUrl}\nsfdc.username=${SANDBOX_ADMIN}\nsfdc.password=${encryptForDataLoader(staleValue, key)}\nprocess.encryptionKeyFile=${path.join(stale, 'my.key')}\n`,
  );
  await app.reload();

  await openImport(app);
  await expect(page.getByRole('radio', { name: /^Data Loader folders/ })).toBeChecked();
  // Preview with no folder: the message is next to the field.
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByText('Choose the folder with Data Loader’s config.properties or process-conf.xml.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Folder', exact: true })).toBeFocused();
  // A folder that is not there: the core's message, next to the field; what was typed stays.
  const missing = path.join(dir, 'nowhere');
  await page.getByRole('textbox', { name: 'Folder', exact: true }).fill(missing);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByText(`There is no file or folder at ${missing}.`)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Folder', exact: true })).toHaveValue(missing);
  // The picker fills the field; a second picked folder gets a field of its own.
  app.dialogs.answerNext(exported);
  await page.getByRole('button', { name: 'Choose folder for Folder' }).click();
  await expect(page.getByRole('textbox', { name: 'Folder', exact: true })).toHaveValue(exported);
  app.dialogs.answerNext(stale);
  await page.getByRole('button', { name: 'Add another folder' }).click();
  await expect(page.getByRole('textbox', { name: 'Folder 2', exact: true })).toHaveValue(stale);
  expect(app.dialogs.calls.map((call) => call.kind)).toEqual(['folder', 'folder']);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();

  await expect(page.locator('[data-import-counts]')).toContainText('2 new · 0 duplicates · 0 invalid');
  await expect(page.locator('[data-note-code="proof-login"]')).toBeVisible();
  // The glued value splits 25 characters from its end unless the admin moves the boundary.
  const glued = prod.password.length + prod.token.length;
  const boundary = page.getByRole('combobox', { name: `Password and token of ${PROD_ADMIN}`, exact: true });
  await expect(boundary.locator('option:checked')).toHaveText(`password ${glued - 25} + token 25 characters`);
  await expect(boundary.locator('option')).toHaveText([`password ${glued - 25} + token 25 characters`, `password ${glued - 24} + token 24 characters`, `password ${glued} characters, no token`]);
  // The admin moves it to 24: the proof sends the whole value either way, and the split stored follows the choice.
  await boundary.selectOption('24');
  await expect(boundary.locator('option:checked')).toHaveText(`password ${glued - 24} + token 24 characters`);
  // Each folder's org is named after its folder until renamed.
  await expect(nameField(page, PROD_ADMIN)).toHaveValue('acme-prod');
  await expectNoSeriousA11yViolations(page, 'import preview');
  await nameField(page, PROD_ADMIN).fill('Acme prod');
  await nameField(page, SANDBOX_ADMIN).fill('Acme UAT');
  await importButton(page).click();

  // The proof of folder 2 fails; folder 1's org is imported all the same.
  await expect(resultCounts(page)).toHaveText('1 imported · 1 not imported · 0 passed over');
  const failed = page.locator('[data-import-failed]');
  await expect(failed).toContainText('Acme UAT (');
  await expect(failed.locator('li')).toHaveAttribute('data-error-code', /.+/);
  await expect(page.locator('[data-import-imported]')).toContainText(`Acme prod (${PROD_ADMIN})`);

  // Stored split at 24 characters from the end, the proof kept as the org's last test.
  const imported = core.orgs.findByName('Acme prod')!;
  expect(await core.reveal(imported.id, 'password')).toEqual({ value: prod.password + prod.token.slice(0, 1) });
  expect(await core.reveal(imported.id, 'token')).toEqual({ value: prod.token.slice(1) });
  expect(imported.lastTest?.ok).toBe(true);
  // The refused one is kept waiting for its password, its failed login counted by the lockout guard.
  await expect(failed).toContainText('edit it and enter its current password and security token');
  const refused = core.orgs.findByName('Acme UAT')!;
  expect([refused.awaitingSecrets, refused.consecutiveFailures]).toEqual([true, 1]);
  // (The reveals above asked the core directly, not through the page.)
  expect(await leaksOf(app, { prodPassword: prod.password, prodToken: prod.token, prodGlued: prod.password + prod.token, staleValue })).toEqual([]);
  await expectInList(page, ['Acme prod', 'Acme UAT']);
});

test('CSV: a bad row, a duplicate and a taken name in the preview; the name is changed before confirming and the orgs are listed', async ({ app }) => {
  const { page } = app;
  await app.host.core.orgs.add({ alias: 'Acme prod', environment: 'production', username: 'admin@acme.com', password: 'Existing-pass-1' });
  const dir = tempDir();
  const file = path.join(dir, 'orgs.csv');
  fs.writeFileSync(
    file,
    'alias,environment,username,group\n' +
      'Acme UAT,sandbox,admin@acme.com.uat,Client A\n' +
      'Prod again,production,ADMIN@acme.com,\n' +
      'Broken,prod,x@acme.com,\n' +
      'acme PROD,https://acme-dev.my.salesforce.com,dev@acme.com.dev,\n',
  );
  await app.reload();
  await openImport(app);
  // A path that is no file: the core's message next to the field, the typed path kept.
  await page.getByRole('radio', { name: /^CSV file/ }).check();
  await fileField(page).fill(path.join(dir, 'gone.csv'));
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByText(`There is no file or folder at ${path.join(dir, 'gone.csv')}.`)).toBeVisible();
  await expect(fileField(page)).toBeFocused();
  await previewFile(app, /^CSV file/, file);

  await expect(page.locator('[data-import-counts]')).toContainText('2 new · 1 duplicate · 1 invalid');
  await expect(rowOf(page, 'admin@acme.com.uat')).toHaveAttribute('data-status', 'new');
  await expect(rowOf(page, 'admin@acme.com.uat')).toContainText('Group: Client A');
  await expect(rowOf(page, 'admin@acme.com.uat')).toContainText('None: enter the password after the import');
  await expect(rowOf(page, 'orgs.csv, line 3')).toHaveAttribute('data-status', 'duplicate');
  await expect(rowOf(page, 'orgs.csv, line 3')).toContainText('is in OrgKey already as “Acme prod”');
  await expect(rowOf(page, 'x@acme.com')).toHaveAttribute('data-status', 'invalid');
  await expect(rowOf(page, 'x@acme.com')).toContainText('line 4: environment ‘prod’ is not production, sandbox or a My Domain URL');
  // Duplicate and invalid rows cannot be chosen.
  await expect(rowOf(page, 'x@acme.com').getByRole('checkbox')).toHaveCount(0);
  await expect(page.locator('[data-note-code="awaiting-secrets"]')).toBeVisible();

  // The last row's name is an existing org's (any case): the message is next to its name, nothing is sent.
  await expect(rowOf(page, 'dev@acme.com.dev')).toContainText('“Acme prod” is taken in OrgKey');
  await importButton(page).click();
  await expect(rowOf(page, 'dev@acme.com.dev')).toContainText('An org named “Acme prod” is in OrgKey already: give this one another name.');
  await expect(nameField(page, 'dev@acme.com.dev')).toBeFocused();
  expect(app.host.core.orgs.findByName('Acme UAT')).toBeUndefined();
  // Back to the source and forward again: the name typed meanwhile is kept.
  await nameField(page, 'dev@acme.com.dev').fill('Acme dev');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(fileField(page)).toHaveValue(file);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(nameField(page, 'dev@acme.com.dev')).toHaveValue('Acme dev');
  await expect(importButton(page)).toHaveText('Import 2 orgs');
  await importButton(page).click();

  await expect(resultCounts(page)).toHaveText('2 imported · 0 not imported · 2 passed over');
  await expect(page.locator('[data-import-skipped]')).toContainText('Broken (orgs.csv, line 4)');
  expect(app.host.core.orgs.findByName('Acme UAT')).toMatchObject({ awaitingSecrets: true, environment: 'sandbox' });
  expect(app.host.core.orgs.findByName('Acme dev')).toMatchObject({ environment: 'custom', loginUrl: 'https://acme-dev.my.salesforce.com' });
  await expectInList(page, ['Acme prod', 'Acme UAT', 'Acme dev']);
  await expect(page.getByRole('status')).toContainText('Imported 2 orgs');
});

test('ORGanizer: passwords from the file stay out of the page; the row left out is not imported; delete the file is said before and after', async ({ app, fake }) => {
  const { page } = app;
  const prod = await credentials(fake.control, PROD_ADMIN);
  const dir = tempDir();
  const file = path.join(dir, 'organizer.json');
  const otherPassword = 'Other-pass-never-shown-1';
  fs.writeFileSync(
    file,
    JSON.stringify({
      accounts: [
        { g: 'Client A', n: 'Acme prod', p: prod.password, r: fake.org.loginUrl, t: prod.token, u: PROD_ADMIN },
        { n: 'Left out', p: otherPassword, r: 'https://test.salesforce.com', t: '', u: 'left.out@acme.example' },
        { n: 'No password', r: 'https://login.salesforce.com', u: 'oauth@acme.example' },
      ],
      orgs: [],
    }),
  );
  await app.reload();
  await openImport(app);
  await previewFile(app, /^ORGanizer export/, file);

  await expect(page.locator('[data-import-counts]')).toContainText('2 new · 0 duplicates · 1 invalid');
  await expect(page.locator('[data-import-notes="warning"]')).toContainText(`${file} holds passwords in plain text`);
  await expect(rowOf(page, PROD_ADMIN)).toContainText(`password ${prod.password.length} + token 25 characters`);
  await expect(rowOf(page, 'oauth@acme.example')).toHaveAttribute('data-status', 'invalid');
  await page.getByRole('checkbox', { name: 'Import left.out@acme.example' }).uncheck();
  await expect(nameField(page, 'left.out@acme.example')).toBeDisabled();
  await expect(importButton(page)).toHaveText('Import 1 org');
  await importButton(page).click();

  await expect(resultCounts(page)).toHaveText('1 imported · 0 not imported · 2 passed over');
  await expect(page.locator('[data-import-skipped]')).toContainText('Left out (organizer.json, account 2): Not chosen for import.');
  await expect(page.locator('[data-import-notes="warning"]')).toContainText(`${file} holds passwords in plain text`);
  expect(app.host.core.orgs.findByName('Left out')).toBeUndefined();
  const imported = app.host.core.orgs.findByName('Acme prod')!;
  expect(await app.host.core.reveal(imported.id, 'token')).toEqual({ value: prod.token });
  expect(await leaksOf(app, { password: prod.password, token: prod.token, otherPassword })).toEqual([]);
  await expectInList(page, ['Acme prod']);
});

test('Salesforce CLI: the consumer key is asked for next to its field, the orgs become browser-login orgs, the access tokens go nowhere', async ({ app }) => {
  const { page } = app;
  const dir = tempDir();
  const file = path.join(dir, 'orgs.json');
  const accessToken = '00D000000000001!AQEAQe2eAccessTokenNeverShown';
  fs.writeFileSync(
    file,
    JSON.stringify({
      status: 0,
      result: {
        nonScratchOrgs: [{ alias: 'acme', username: 'admin@acme.com', instanceUrl: 'https://acme.my.salesforce.com', loginUrl: 'https://login.salesforce.com', accessToken, isSandbox: false }],
        sandboxes: [{ alias: 'uat', username: 'admin@acme.com.uat', instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com', loginUrl: 'https://test.salesforce.com', accessToken, isSandbox: true }],
        scratchOrgs: [],
        devHubs: [],
      },
    }),
  );
  await app.reload();
  await openImport(app);
  await previewFile(app, /^Salesforce CLI/, file);
  await expect(page.locator('[data-import-notes="warning"]')).toContainText(`${file} holds each org's access token`);
  await expect(rowOf(page, 'admin@acme.com.uat')).toContainText('None: browser login');
  await importButton(page).click();
  await expect(page.getByText('Enter the consumer key of the External Client App (or connected app) to sign in through.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Consumer key', exact: true })).toBeFocused();
  expect(app.host.core.orgs.findByName('acme')).toBeUndefined();
  await page.getByRole('textbox', { name: 'Consumer key', exact: true }).fill('3MVG9ExternalClientAppKeyForImport');
  await importButton(page).click();

  await expect(resultCounts(page)).toHaveText('2 imported · 0 not imported · 0 passed over');
  expect(app.host.core.orgs.findByName('uat')).toMatchObject({ auth: 'browser', clientId: '3MVG9ExternalClientAppKeyForImport', loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' });
  expect(await leaksOf(app, { accessToken })).toEqual([]);
  await expectInList(page, ['acme', 'uat']);
});
