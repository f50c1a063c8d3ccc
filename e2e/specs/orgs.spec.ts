/**
 * Orgs end to end on the browser host: the built UI, the real core, the real keychain and a real
 * settings file. "Restart" closes the host and opens a new one on the same folder and keychain.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { EVENT_NAMES, subscriberOf } from '../../shared/events';
import { METHOD_NAMES } from '../../shared/methods';
import { seedListedOrgs } from '../../bench/seed';
import { expect, test } from '../fixtures';
import { storedKinds } from '../../tests/support/org-secrets';

const PASSWORD = 'Tableau-Pass-42!';
const TOKEN = 'Qw3rTy7uI9oP1aS5dF2gH4jK6';

interface NewOrg {
  alias: string;
  environment?: 'Production' | 'Sandbox' | 'My Domain URL';
  url?: string;
  username: string;
  password: string;
  token?: string;
  /** The save is expected to be refused (e.g. a name in use): do not wait for the success toast. */
  refused?: boolean;
}

async function addOrg(page: Page, org: NewOrg) {
  await page.getByRole('button', { name: /^(Add org|Add your first org)$/ }).first().click();
  await nameField(page).fill(org.alias);
  await page.getByRole('radio', { name: new RegExp(`^${org.environment ?? 'Production'}`) }).check();
  if (org.url) await urlField(page).fill(org.url);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Username').fill(org.username);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password', { exact: true }).fill(org.password);
  if (org.token) await page.getByLabel('Security token (optional)').fill(org.token);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save org' }).click();
  // Wait on the app's own state: the save is finished when its toast appears.
  if (!org.refused) await expect(page.getByRole('status')).toContainText(`Added ${org.alias}`);
}

const nameField = (page: Page) => page.getByRole('textbox', { name: 'Name', exact: true });
const urlField = (page: Page) => page.getByRole('textbox', { name: 'My Domain URL', exact: true });

const row = (page: Page, alias: string) => page.getByRole('row').filter({ has: page.getByRole('button', { name: alias, exact: true }) });

async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('a new user sees a helpful empty state', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'No orgs yet' })).toBeVisible();
  await expect(page.getByText(/keychain/i).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'empty list');
});

test('an org added through the wizard is listed, survives a restart, and its secrets are in the keychain only', async ({ app }) => {
  await addOrg(app.page, { alias: 'Acme Production', username: 'admin@acme.com', password: PASSWORD, token: TOKEN });

  await expect(app.page.getByRole('status')).toContainText('Added Acme Production');
  await expect(row(app.page, 'Acme Production')).toContainText('admin@acme.com');
  await expect(row(app.page, 'Acme Production')).toContainText('Production');
  await expect(row(app.page, 'Acme Production')).toContainText('login.salesforce.com');

  const page = await app.restart();
  await expect(row(page, 'Acme Production')).toContainText('admin@acme.com');

  // One keychain entry for the org, holding its password and token.
  const entries = await app.keychain();
  expect(entries).toHaveLength(1);
  expect(storedKinds(entries)).toEqual([['password', PASSWORD], ['token', TOKEN]]);
  const settingsBytes = fs.readFileSync(app.settingsFile).toString('latin1');
  expect(settingsBytes).toContain('Acme Production');
  expect(settingsBytes).not.toContain(PASSWORD);
  expect(settingsBytes).not.toContain(TOKEN);

  // The page itself never holds the secrets either.
  const html = await page.content();
  expect(html).not.toContain(PASSWORD);
  expect(html).not.toContain(TOKEN);
});

test('the detail shows metadata and whether secrets are stored, never the secrets', async ({ app }) => {
  const { page } = app;
  await addOrg(page, { alias: 'UAT', environment: 'Sandbox', username: 'admin@acme.com.uat', password: PASSWORD });
  await page.getByRole('button', { name: 'UAT', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'UAT', level: 1 }).or(page.getByRole('heading', { name: 'UAT', level: 2 }))).toBeVisible();
  await expect(page.getByText('admin@acme.com.uat')).toBeVisible();
  await expect(page.getByText('https://test.salesforce.com')).toBeVisible();
  await expect(page.getByText(/Not set/)).toBeVisible();
  expect(await page.content()).not.toContain(PASSWORD);
  await expectNoSeriousA11yViolations(page, 'detail');
});

test('editing an org changes its metadata and the change survives a restart', async ({ app }) => {
  let page = app.page;
  await addOrg(page, { alias: 'Old name', username: 'admin@acme.com', password: PASSWORD, token: TOKEN });
  await page.getByRole('button', { name: 'Old name', exact: true }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await nameField(page).fill('Acme (My Domain)');
  await page.getByRole('radio', { name: /^My Domain URL/ }).check();
  await urlField(page).fill('https://acme.my.salesforce.com');
  await page.getByLabel('Username').fill('ops@acme.com');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('https://acme.my.salesforce.com')).toBeVisible();

  page = await app.restart();
  await expect(row(page, 'Acme (My Domain)')).toContainText('ops@acme.com');
  await expect(row(page, 'Acme (My Domain)')).toContainText('acme.my.salesforce.com');
  await expect(page.getByRole('button', { name: 'Old name', exact: true })).toHaveCount(0);
  // Secrets stay under the same keychain entries.
  expect(storedKinds(await app.keychain())).toEqual([['password', PASSWORD], ['token', TOKEN]]);
});

test('removing an org asks first, then deletes it and its keychain entries', async ({ app }) => {
  const { page } = app;
  await addOrg(page, { alias: 'Keep me', username: 'keep@acme.com', password: 'keep-pass-1' });
  await addOrg(page, { alias: 'Delete me', username: 'del@acme.com', password: PASSWORD, token: TOKEN });
  expect(storedKinds(await app.keychain())).toHaveLength(3);

  await page.getByRole('button', { name: 'Delete me', exact: true }).click();
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove Delete me?' });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'remove dialog');

  // Cancelling keeps everything.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(storedKinds(await app.keychain())).toHaveLength(3);

  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove org' }).click();
  await expect(page.getByRole('status')).toContainText('Removed Delete me');
  await expect(page.getByRole('button', { name: 'Delete me', exact: true })).toHaveCount(0);

  const remaining = await app.keychain();
  expect(remaining).toHaveLength(1);
  expect(storedKinds(remaining)).toEqual([['password', 'keep-pass-1']]);
  expect(fs.readFileSync(app.settingsFile, 'utf8')).not.toContain('del@acme.com');
});

test('each bad input gets its message next to its field and nothing typed is lost', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Add your first org' }).click();
  await expectNoSeriousA11yViolations(page, 'wizard: where');

  // Where: empty name, then a My Domain URL over plain http.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(nameField(page)).toHaveAccessibleDescription(/Give the org a name/);
  await expect(nameField(page)).toBeFocused();
  await nameField(page).fill('Acme');
  await page.getByRole('radio', { name: /^My Domain URL/ }).check();
  await urlField(page).fill('http://acme.my.salesforce.com');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(urlField(page)).toHaveAccessibleDescription(/must use https/);
  await urlField(page).fill('https://acme.lightning.force.com');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(urlField(page)).toHaveAccessibleDescription(/https:\/\/acme\.my\.salesforce\.com/);
  await urlField(page).fill('https://sso.example.com');
  await expect(page.getByText(/not a Salesforce domain/)).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Who: not an email-shaped username.
  await page.getByLabel('Username').fill('admin');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Username')).toHaveAccessibleDescription(/email address/);
  await page.getByLabel('Username').fill('admin@acme.com');
  await page.getByRole('button', { name: 'Next' }).click();

  // Secrets: missing password, token with punctuation.
  await page.getByLabel('Security token (optional)').fill('abc-def');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/Enter the password/);
  await expect(page.getByLabel('Security token (optional)')).toHaveAccessibleDescription(/letters and digits/);
  await expectNoSeriousA11yViolations(page, 'wizard: secrets with errors');

  // Going back and forth keeps every value.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByLabel('Username')).toHaveValue('admin@acme.com');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(nameField(page)).toHaveValue('Acme');
  await expect(urlField(page)).toHaveValue('https://sso.example.com');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Security token (optional)')).toHaveValue('abc-def');
  expect(await app.keychain()).toEqual([]);
  expect(fs.existsSync(app.settingsFile) ? fs.readFileSync(app.settingsFile, 'utf8') : '').not.toContain('Acme');
});

test('a name already in use is refused by the core and shown next to the name, keeping the rest', async ({ app }) => {
  const { page } = app;
  await addOrg(page, { alias: 'Production', username: 'one@acme.com', password: 'first-pass-1' });
  await addOrg(page, { alias: 'production', username: 'two@acme.com', password: 'second-pass-2', refused: true });

  await expect(nameField(page)).toHaveAccessibleDescription(/already in OrgKey/);
  await expect(nameField(page)).toHaveValue('production');
  await nameField(page).fill('Production 2');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Username')).toHaveValue('two@acme.com');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('second-pass-2');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save org' }).click();
  await expect(page.getByRole('button', { name: 'Production 2', exact: true })).toBeVisible();
  expect(storedKinds(await app.keychain()).map(([kind, value]) => `${kind}=${value}`).sort()).toEqual(['password=first-pass-1', 'password=second-pass-2']);
});

test('the list is sorted by name and filters as you type', async ({ app }) => {
  const { page } = app;
  for (const [alias, username] of [
    ['zeta', 'z@acme.com'],
    ['Alpha', 'a@acme.com'],
    ['Beta UAT', 'b@acme.com.uat'],
  ] as const) {
    await addOrg(page, { alias, username, password: 'pass-word-1' });
  }
  const names = page.getByRole('row').getByRole('button');
  await expect(names).toHaveText(['Alpha', 'Beta UAT', 'zeta']);

  await page.getByLabel('Filter orgs').fill('UAT');
  await expect(names).toHaveText(['Beta UAT']);
  await page.getByLabel('Filter orgs').fill('z@ACME');
  await expect(names).toHaveText(['zeta']);
  await page.getByLabel('Filter orgs').fill('nothing-like-this');
  await expect(page.getByText(/No org matches/)).toBeVisible();
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(names).toHaveCount(3);
  await expectNoSeriousA11yViolations(page, 'list');
});

test('the whole add flow works from the keyboard alone', async ({ app }) => {
  const { page } = app;
  const stepHeading = (n: number) => page.getByRole('heading', { name: new RegExp(`^Step ${n} of 4`) });
  await page.getByRole('button', { name: 'Add your first org' }).focus();
  await page.keyboard.press('Enter');
  await expect(nameField(page)).toBeVisible();
  await nameField(page).focus();
  await page.keyboard.type('Keyboard org');
  // Enter means "Next"; focus lands on the new step's first field (on Review, its heading).
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type('kb@acme.com');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type('kb-pass-1');
  await page.keyboard.press('Enter');
  await expect(stepHeading(4)).toBeFocused();
  await page.getByRole('button', { name: 'Save org' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Keyboard org', exact: true })).toBeVisible();
});

test('the API refuses calls from any frame but the app page', async ({ app }) => {
  const { page } = app;
  // Only `window.orgkey` is exposed: the binding the host uses is not left on the page.
  expect(await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__orgkey')))).toEqual([]);
  const methods = await page.evaluate(() =>
    Object.entries((window as unknown as { orgkey: Record<string, Record<string, unknown>> }).orgkey).flatMap(([d, a]) =>
      Object.keys(a).map((x) => `${d}.${x}`),
    ),
  );
  expect(methods.sort()).toEqual([...METHOD_NAMES, ...EVENT_NAMES.map((name) => `events.${subscriberOf(name)}`)].sort());
  const info = await page.evaluate(() => (window as unknown as { orgkey: { app: { info(): Promise<unknown> } } }).orgkey.app.info());
  expect(info).toMatchObject({ ok: true, value: { host: 'browser', keychainService: app.keychainService } });
});

test('a long list shows its first screen at once, then every org: count, filter and scrolling reach all of them', async ({ app }) => {
  seedListedOrgs(app.dataDir, 250);
  const listCalls = () => app.host.ipcPayloads.filter((call) => call.method === 'orgs.list').map((call) => call.payload);
  const before = listCalls().length;
  await app.reload();
  const { page } = app;

  // The first answer is a screenful with the count of all; the whole list follows on its own.
  await expect.poll(() => listCalls().length - before).toBe(2);
  const [head, whole] = listCalls().slice(before) as Array<{ ok: true; value: { orgs: Array<{ alias: string }>; total: number } }>;
  expect(head!.value.orgs).toHaveLength(100);
  expect(head!.value.total).toBe(250);
  expect(whole!.value.orgs).toHaveLength(250);
  expect(whole!.value.orgs.slice(0, 100)).toEqual(head!.value.orgs);
  await expect(page.getByText('250 orgs', { exact: true })).toBeVisible();

  // Only rows near the viewport are in the DOM, but the table says how many there are.
  const table = page.getByRole('table');
  await expect(table).toHaveAttribute('aria-rowcount', '251');
  expect(await page.locator('tbody tr[data-row]').count()).toBeLessThan(100);

  // An org far past the first screen is found by the filter, and reached by scrolling to the end.
  const last = whole!.value.orgs.at(-1)!.alias;
  await page.getByRole('searchbox', { name: 'Filter orgs' }).fill(last);
  await expect(page.getByRole('button', { name: last, exact: true })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter orgs' }).fill('');
  await expect(page.getByText('250 orgs', { exact: true })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.getByRole('button', { name: last, exact: true })).toBeVisible();
});
