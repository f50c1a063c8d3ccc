/**
 * *Audit logins* on an org's detail, on the browser host with the real core, keychain and jsforce
 * against the fake org, whose Login History is seeded with months of an org's integrations: a Data
 * Loader job on SOAP login(), a script on the OAuth password flow, Tableau on refresh tokens, a
 * person at the login page, a client-credentials job. Waits are on the app's own state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { auditCsv } from '../../shared/login-audit';
import { credentials, PROD_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';

const ALIAS = 'Acme prod';

/** A password org of the admin (SOAP login()), its detail open; the org's history seeded. */
async function openAuditedOrg(app: AppFixture, fake: FakeOrgFixture, seed: { days: number; perDay: number }) {
  const creds = await credentials(fake.control, PROD_ADMIN);
  const seeded = await fake.control.seedLoginHistory(creds.orgId, seed);
  const saved = await app.host.core.orgs.add({ alias: ALIAS, environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token });
  await app.reload();
  await app.page.getByRole('button', { name: ALIAS, exact: true }).click();
  const section = app.page.getByRole('region', { name: 'Audit logins' });
  await expect(section).toBeVisible();
  return { id: saved.org.id, orgId: creds.orgId, seeded, section, page: app.page };
}

const userOf = (seeded: { users: Array<{ username: string; name: string }> }, local: string) => seeded.users.find((user) => user.username.startsWith(`${local}@`))!;

/** The table's rows (a row header per group), and one group's row by username and flow. */
const rowsOf = (section: Locator) => section.getByRole('table').locator('tbody tr');
const rowOf = (section: Locator, username: string, flow?: string) => section.locator(`tbody tr[data-username="${username}"]${flow ? `[data-flow="${flow}"]` : ''}`);

async function run(section: Locator, days?: string) {
  if (days !== undefined) await section.getByLabel('Days to read').fill(days);
  await section.getByRole('button', { name: 'Run audit' }).click();
}

async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('an admin’s audit groups the org’s logins by user, application and flow, with when each stops working', async ({ app, fake }) => {
  const { id, seeded, section, page } = await openAuditedOrg(app, fake, { days: 60, perDay: 40 });
  await expect(section.getByText('No audit yet.')).toBeVisible();
  await run(section);

  const heading = section.getByRole('heading', { name: /^Audit: the last 30 days, run / });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  const kept = app.host.core.audits.last(id)!;
  expect(kept).toMatchObject({ days: 30, complete: true, scope: 'org' });
  expect(kept.rows).toBeGreaterThan(0);
  await expect(section.locator('[data-audit-summary]')).toContainText(`${kept.rows.toLocaleString('en-US')} logins in ${kept.groups.length} groups`);
  await expect(rowsOf(section)).toHaveCount(kept.groups.length);

  // Each integration in its flow, with its deadline badge.
  const dataLoader = userOf(seeded, 'dataloader.job');
  const script = userOf(seeded, 'etl.script');
  const tableau = userOf(seeded, 'tableau');
  const casey = userOf(seeded, 'casey.morgan');
  const billing = userOf(seeded, 'billing.sync');
  const stops = (row: Locator) => row.locator('td[data-stops]');
  await expect(rowOf(section, script.username, 'oauth-password')).toHaveAttribute('data-deadline', 'dated');
  await expect(stops(rowOf(section, script.username, 'oauth-password'))).toContainText(/^20 Feb 2027in \d+ days?$/);
  await expect(rowOf(section, script.username).getByRole('cell').nth(1)).toHaveText('OAuth username-password');
  for (const row of await rowOf(section, dataLoader.username, 'soap').all()) {
    await expect(stops(row)).toHaveText('Summer ’27no date published yet');
  }
  await expect(rowOf(section, dataLoader.username, 'soap').first().getByRole('rowheader')).toHaveText(`${dataLoader.name}${dataLoader.username}`);
  await expect(rowOf(section, dataLoader.username, 'soap').first()).toContainText('DataLoaderPartnerBatch/');
  await expect(stops(rowOf(section, tableau.username, 'refresh-token'))).toHaveText('Not affected');
  await expect(stops(rowOf(section, casey.username, 'ui'))).toHaveText('Not affected');
  await expect(stops(rowOf(section, billing.username, 'client-credentials'))).toHaveText('Not affected');
  await expect(rowOf(section, billing.username).getByRole('cell').nth(1)).toHaveText('Client credentials');
  // The audit's own login (this org's user, by SOAP) is there too, and is offered this org's Edit.
  await expect(rowOf(section, PROD_ADMIN, 'soap')).toHaveCount(1);

  // Sorted by deadline, then volume: the dated flow first, the release next, the unaffected last.
  const order = await rowsOf(section).evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.deadline));
  const rank = (kind: string | undefined) => ['failing', 'dated', 'release', 'unknown', 'none'].indexOf(kind ?? '');
  const ranks = order.map(rank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(order[0]).toBe('dated');
  const counts = await rowsOf(section).evaluateAll((rows) => rows.map((row) => ({ deadline: (row as HTMLElement).dataset.deadline, count: Number(row.querySelector('[data-count]')!.getAttribute('data-count')) })));
  for (let i = 1; i < counts.length; i += 1) if (counts[i]!.deadline === counts[i - 1]!.deadline) expect(counts[i]!.count).toBeLessThanOrEqual(counts[i - 1]!.count);
  await expectNoSeriousA11yViolations(page, 'audit result');

  // Filters: by flow, then by part of a name.
  await section.getByLabel('Flow').selectOption({ label: 'SOAP login()' });
  await expect(rowsOf(section)).toHaveCount(kept.groups.filter((group) => group.flow === 'soap').length);
  expect(await rowsOf(section).evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.flow))).toEqual(expect.arrayContaining(['soap']));
  await expect(section.locator('tbody tr:not([data-flow="soap"])')).toHaveCount(0);
  await section.getByLabel('Flow').selectOption({ label: 'All flows' });
  await section.getByLabel('User').fill('casey');
  await expect(rowsOf(section)).toHaveCount(1);
  await expect(section.getByText(`1 of ${kept.groups.length} groups`)).toBeVisible();

  // Export CSV: the whole audit, whatever the filter, as the shared writer writes it.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-e2e-audit-'));
  try {
    const file = path.join(folder, 'audit.csv');
    app.dialogs.answerNext(file);
    await section.getByRole('button', { name: 'Export CSV' }).click();
    await expect(section.getByText(`Saved to ${file}`)).toBeVisible();
    expect(app.dialogs.calls.at(-1)).toMatchObject({ kind: 'save', options: { defaultPath: expect.stringMatching(/^Acme-prod-logins-\d{4}-\d{2}-\d{2}\.csv$/) } });
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toBe(auditCsv(kept.groups));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('username,name,application,flow,count,failures,first_seen,last_seen,api_versions,source_ips,deadline,move_to');
    expect(lines).toHaveLength(kept.groups.length + 1);
    expect(lines.find((line) => line.startsWith(`${script.username},`))).toMatch(/,oauth-password,.*,2027-02-20,/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }

  // Move to: another user's login opens Add org on the method that fits, in this org.
  await section.getByLabel('User').fill('');
  const move = rowOf(section, script.username, 'oauth-password').locator('[data-move-to]');
  const method = await move.getAttribute('data-move-to');
  expect(method).not.toBeNull();
  await move.getByRole('button', { name: /^Add an org with / }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add org' })).toBeVisible();
  await expect(page.locator(`#auth-${method}`)).toBeChecked();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The audit is kept with the org: the detail shows it on opening; a new run is compared with it.
  await page.getByRole('button', { name: ALIAS, exact: true }).click();
  await expect(section.getByRole('heading', { name: /^Last audit: the last 30 days, run / })).toBeVisible();
  await expect(rowsOf(section)).toHaveCount(kept.groups.length);
  await run(section);
  await expect(section.getByRole('heading', { name: /^Audit: the last 30 days, run / })).toBeVisible();
  await expect(section.locator('[data-audit-compare]')).toContainText(/^Compared with the audit of .* \(30 days, [\d,]+ logins\): \d+ new groups?, \d+ with another count, 0 no longer seen\./);
});

test('the days field takes 1 to 180 and says so next to the field, keeping what was typed', async ({ app, fake }) => {
  const { id, section } = await openAuditedOrg(app, fake, { days: 5, perDay: 4 });
  const field = section.getByLabel('Days to read');
  await expect(field).toHaveValue('30');
  await run(section, '181');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(section.locator('[data-field-error="days"]')).toHaveText(/^Choose a whole number of days from 1 to 180: Salesforce keeps Login History for six months/);
  await expect(field).toHaveValue('181');
  expect(app.host.core.audits.last(id)).toBeNull();
  await run(section, '7');
  await expect(section.getByRole('heading', { name: /^Audit: the last 7 days, run / })).toBeVisible();
  await expect(section.locator('[data-field-error="days"]')).toHaveCount(0);
});

test('Cancel stops the audit after the page in hand; the result is marked incomplete', async ({ app, fake }) => {
  const { section, page } = await openAuditedOrg(app, fake, { days: 180, perDay: 100 });
  // Every Salesforce request slow, so the run is still paging when Cancel is pressed.
  await fake.control.injectFaults({ count: 200, latencyMs: 400 });
  await run(section, '180');
  const cancel = section.getByRole('button', { name: 'Cancel audit' });
  await expect(cancel).toBeFocused();
  await expect(section.locator('[data-audit-progress]')).toHaveText(/^Read [1-9][\d,]* rows of Login History \([1-9]\d* pages?\)…$/);
  await cancel.click();
  const heading = section.getByRole('heading', { name: /^Audit: the last 180 days, run / });
  await expect(heading).toBeFocused();
  await expect(section.locator('[data-audit-note="incomplete"]')).toHaveText(/^Incomplete: the audit was cancelled after [\d,]+ rows\. The groups count only the logins read until then/);
  await expect(section.locator('[data-audit-complete]')).toHaveAttribute('data-audit-complete', 'false');
  await expect(page.getByRole('button', { name: 'Run audit' })).toBeVisible();
});

test('a user who may not read everyone’s Login History gets their own logins and the note that an admin sees the whole org', async ({ app, fake }) => {
  const { section } = await openAuditedOrg(app, fake, { days: 10, perDay: 10 });
  await fake.control.patchUser(PROD_ADMIN, { manageUsers: false, monitorLoginHistory: false });
  await run(section);
  await expect(section.getByRole('heading', { name: /^Audit: the last 30 days, run / })).toBeVisible();
  await expect(section.locator('[data-audit-note="own-scope"]')).toHaveText(/^Only your own logins .*Only an admin sees the whole org/);
  await expect(section.locator('tbody tr:not([data-username="admin@acme.example"])')).toHaveCount(0);
});
