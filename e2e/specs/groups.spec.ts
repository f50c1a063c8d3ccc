/**
 * Groups and colours end to end on the browser host: set in the wizard and the edit form, shown as
 * a swatch in the list, group headings and the group filter, and the colour band on the detail.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { seedListedOrgs } from '../../bench/seed';
import { PRODUCTION_DEFAULT_COLOR, SANDBOX_DEFAULT_COLOR } from '../../shared/org-colors';
import { expect, test } from '../fixtures';

const PASSWORD = 'Tableau-Pass-42!';

interface NewOrg {
  alias: string;
  environment?: 'Production' | 'Sandbox';
  group?: string;
  /** A colour radio's name: “Teal”, … (the default when absent). */
  color?: string;
}

async function addOrg(page: Page, org: NewOrg) {
  await page.getByRole('button', { name: /^(Add org|Add your first org)$/ }).first().click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(org.alias);
  if (org.group) await page.getByRole('combobox', { name: 'Group (optional)' }).fill(org.group);
  await page.getByRole('radio', { name: new RegExp(`^${org.environment ?? 'Production'}`) }).check();
  if (org.color) await page.getByRole('radio', { name: org.color, exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Username').fill(`${org.alias.toLowerCase().replace(/\s+/g, '.')}@acme.com`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save org' }).click();
  await expect(page.getByRole('status')).toContainText(`Added ${org.alias}`);
}

const nameButton = (page: Page, alias: string) => page.getByRole('button', { name: alias, exact: true });
const row = (page: Page, alias: string) => page.getByRole('row').filter({ has: nameButton(page, alias) });
const swatchOf = (page: Page, alias: string) => row(page, alias).locator('[data-swatch]');
/** The list as it reads, top to bottom: group headings as `# name (count)`, orgs by name. */
const listed = (page: Page) =>
  page.locator('.ok-org-table tbody tr[data-row]').evaluateAll((rows) =>
    rows.map((tr) => (tr.hasAttribute('data-group-heading') ? `# ${tr.querySelector('h2')!.textContent} (${tr.querySelector('.ok-group-row__count')!.textContent})` : tr.querySelector('th button')!.textContent)),
  );

async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('orgs filed in the wizard are listed under their groups with their colours, and the group filter narrows the list', async ({ app }) => {
  const { page } = app;
  await addOrg(page, { alias: 'Acme Prod', group: 'Client A', color: 'Teal' });
  // The wizard suggests the groups there are; another spelling joins the same group.
  await page.getByRole('button', { name: 'Add org' }).first().click();
  await expect(page.locator('#field-group-suggestions option')).toHaveAttribute('value', 'Client A');
  await expect(page.getByRole('radio', { name: /^Default red for production/ })).toBeChecked();
  await page.getByRole('radio', { name: /^Sandbox/ }).check();
  await expect(page.getByRole('radio', { name: /^Default grey for a sandbox/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page, 'wizard with group and colour');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await addOrg(page, { alias: 'Acme UAT', environment: 'Sandbox', group: 'client a' });
  await addOrg(page, { alias: 'Internal' });
  await addOrg(page, { alias: 'Beta', group: 'Client B', color: 'Purple' });

  await expect.poll(() => listed(page)).toEqual(['# Client A (2 orgs)', 'Acme Prod', 'Acme UAT', '# Client B (1 org)', 'Beta', '# No group (1 org)', 'Internal']);
  await expect(swatchOf(page, 'Acme Prod')).toHaveAttribute('data-swatch', '#0b827c');
  await expect(swatchOf(page, 'Acme UAT')).toHaveAttribute('data-swatch', SANDBOX_DEFAULT_COLOR);
  await expect(swatchOf(page, 'Internal')).toHaveAttribute('data-swatch', PRODUCTION_DEFAULT_COLOR);
  // The colour is never the only sign: the environment is in words on the row.
  await expect(row(page, 'Acme UAT')).toContainText('Sandbox');
  await expectNoSeriousA11yViolations(page, 'grouped list');

  const groupFilter = page.getByRole('combobox', { name: 'Group', exact: true });
  await groupFilter.selectOption('Client A');
  await expect.poll(() => listed(page)).toEqual(['# Client A (2 orgs)', 'Acme Prod', 'Acme UAT']);
  await expect(page.getByText('2 of 4 orgs')).toBeVisible();
  await groupFilter.selectOption({ label: 'No group' });
  await expect.poll(() => listed(page)).toEqual(['Internal']);
  await groupFilter.selectOption({ label: 'All groups' });

  // The text filter matches the group's name too.
  await page.getByRole('searchbox', { name: 'Filter orgs' }).fill('client b');
  await expect.poll(() => listed(page)).toEqual(['# Client B (1 org)', 'Beta']);

  // Kept in settings.json: the group and the colour chosen, never a default.
  const stored = (JSON.parse(fs.readFileSync(app.settingsFile, 'utf8')) as { orgs: Array<{ alias: string; group?: string; color?: string }> }).orgs;
  expect(stored.map(({ alias, group, color }) => [alias, group, color]).sort()).toEqual([
    ['Acme Prod', 'Client A', '#0b827c'],
    ['Acme UAT', 'Client A', undefined],
    ['Beta', 'Client B', '#7526e3'],
    ['Internal', undefined, undefined],
  ]);
});

test('the detail shows the colour as a band with the kind of org in words; the edit form moves and recolours it', async ({ app }) => {
  let page = app.page;
  await addOrg(page, { alias: 'Acme Prod', group: 'Client A' });
  await nameButton(page, 'Acme Prod').click();
  const band = page.locator('.ok-org-band');
  await expect(band).toHaveAttribute('data-color', PRODUCTION_DEFAULT_COLOR);
  await expect(band).toHaveAttribute('data-color-default', 'true');
  await expect(band).toContainText('Production');
  await expect(band).toContainText('Client A');
  // Painted in the org's colour (through the CSSOM: the page's CSP allows no inline styles).
  expect(await band.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(186, 5, 23)');

  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('combobox', { name: 'Group (optional)' })).toHaveValue('Client A');
  await page.getByRole('combobox', { name: 'Group (optional)' }).fill('Client B');
  await page.getByRole('radio', { name: 'Orange', exact: true }).check();
  await expectNoSeriousA11yViolations(page, 'edit form with group and colour');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(band).toHaveAttribute('data-color', '#dd7a01');
  await expect(band).toContainText('Client B');
  await expect(page.locator('[data-org-color]')).toContainText('orange');
  await expectNoSeriousA11yViolations(page, 'detail with colour band');

  page = await app.restart();
  await expect.poll(() => listed(page)).toEqual(['# Client B (1 org)', 'Acme Prod']);
  await expect(swatchOf(page, 'Acme Prod')).toHaveAttribute('data-swatch', '#dd7a01');

  // Back to no group and the default colour.
  await nameButton(page, 'Acme Prod').click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('combobox', { name: 'Group (optional)' }).fill('');
  await page.getByRole('radio', { name: /^Default/ }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.ok-org-band')).toHaveAttribute('data-color-default', 'true');
  await expect(page.locator('[data-org-group]')).toHaveText('None');
  await page.getByRole('button', { name: 'Back to orgs' }).click();
  // No org has a group: no headings and no group filter.
  await expect.poll(() => listed(page)).toEqual(['Acme Prod']);
  await expect(page.getByRole('combobox', { name: 'Group', exact: true })).toHaveCount(0);
});

test('a long grouped list stays windowed, and the group filter and the text filter reach every org', async ({ app }) => {
  seedListedOrgs(app.dataDir, 250, { grouped: true });
  await app.reload();
  const { page } = app;
  await expect(page.locator('.ok-org-table')).toHaveAttribute('data-org-count', '250');
  // Windowed: far fewer rows in the DOM than orgs and headings, the count says all of them.
  const inDom = await page.locator('.ok-org-table tbody tr[data-row]').count();
  expect(inDom).toBeLessThan(120);
  // A heading row is as tall as an org's, so the window's arithmetic holds across groups.
  const heights = await page.locator('.ok-org-table tbody tr[data-row]').evaluateAll((rows) => rows.slice(0, 8).map((tr) => [tr.hasAttribute('data-group-heading'), tr.getBoundingClientRect().height] as const));
  const orgHeight = heights.find(([heading]) => !heading)![1];
  for (const [, height] of heights) expect(Math.abs(height - orgHeight)).toBeLessThanOrEqual(1);
  // 5 group headings and a “No group” one among the rows the table counts.
  await expect(page.locator('.ok-org-table')).toHaveAttribute('aria-rowcount', String(250 + 6 + 1));

  await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption('Stark');
  const stark = Array.from({ length: 250 }, (_, i) => i).filter((i) => i % 5 === 4 && i % 7 !== 0).length;
  await expect(page.getByText(`${stark} of 250 orgs`)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter orgs' }).fill('stark uat 249');
  await expect.poll(() => listed(page)).toEqual(['# Stark (1 org)', 'Stark uat 249']);
});
