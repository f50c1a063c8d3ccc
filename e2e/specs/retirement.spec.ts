/**
 * The retirement of password logins in the list and the detail, on the browser host with the real
 * core and keychain: a consumer key + password org (OAuth username-password flow) shows its date and
 * the days left, SOAP orgs their release, browser-login orgs nothing; the banner counts both, nearest
 * first. The page's clock is set to a fixed day so the days left are known, before and after the date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { credentials, PROD_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';

const BANNER = 'Salesforce retires the password logins of your orgs';

/** Orgs through the core (the wizard has its own tests); none is tested, so SOAP orgs are "untested". */
async function addOrgs(app: AppFixture, fake: FakeOrgFixture, which: Array<'key' | 'soap' | 'soap2' | 'browser'>) {
  const creds = await credentials(fake.control, PROD_ADMIN);
  const password = { environment: 'custom' as const, customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token };
  for (const kind of which) {
    if (kind === 'key') {
      await app.host.core.orgs.add({ alias: 'Key and password', ...password, clientId: creds.connectedApp.clientId, clientSecret: creds.connectedApp.clientSecret });
    } else if (kind === 'browser') {
      const eca = await fake.control.createExternalClientApp(creds.orgId, { name: 'OrgKey', callbackUrls: ['http://localhost:1717/oauth/callback'] });
      await app.host.core.orgs.add({ alias: 'Browser', environment: 'custom', customUrl: fake.org.loginUrl, auth: 'browser', username: '', password: '', clientId: eca.clientId, callbackPort: 1717 });
    } else {
      await app.host.core.orgs.add({ alias: kind === 'soap' ? 'Soap one' : 'Soap two', ...password });
    }
  }
}

/** The app as it looks on `day` (the page's clock stands still there), with the list loaded. */
async function openOn(app: AppFixture, day: string): Promise<Page> {
  await app.page.clock.setFixedTime(new Date(day));
  await app.reload();
  return app.page;
}

const loginOf = (page: Page, alias: string) => page.getByRole('row').filter({ has: page.getByRole('button', { name: alias, exact: true }) }).locator('[data-readiness]');

async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('before 20 Feb 2027 a consumer key + password org shows its deadline, and the banner counts both retirements', async ({ app, fake }) => {
  await addOrgs(app, fake, ['key', 'soap', 'soap2', 'browser']);
  const page = await openOn(app, '2026-12-02T09:00:00Z');

  const banner = page.getByRole('region', { name: BANNER });
  await expect(banner.getByRole('listitem')).toHaveText([
    'OAuth username-password flow: off 20 Feb 2027 (in 80 days) — 1 org',
    'SOAP login(): retired in Summer ’27 — 2 orgs',
  ]);
  await expect(banner).toContainText('Switch them to Browser login (OAuth): open an org and choose “Set up browser login”.');
  await expect(loginOf(page, 'Key and password')).toHaveText('OAuth password until 20 Feb 2027');
  await expect(loginOf(page, 'Key and password')).toHaveAttribute('data-flow', 'oauth-password');
  await expect(loginOf(page, 'Soap one')).toHaveText('SOAP (untested) until Summer ’27');
  await expect(loginOf(page, 'Browser')).toHaveText('Browser');
  await expectNoSeriousA11yViolations(page, 'list with both retirements');

  // "Show only these orgs": the orgs either retirement stops; the browser-login org is left out.
  const names = page.getByRole('row').getByRole('button');
  await expect(names).toHaveText(['Browser', 'Key and password', 'Soap one', 'Soap two']);
  await banner.getByRole('button', { name: 'Show only these orgs' }).click();
  await expect(names).toHaveText(['Key and password', 'Soap one', 'Soap two']);
  await expect(page.getByText('3 of 4 orgs')).toBeVisible();
  await banner.getByRole('button', { name: 'Show only these orgs' }).click();
  await expect(names).toHaveCount(4);

  // The detail's row says when, how long, and leads to Browser login.
  await page.getByRole('button', { name: 'Key and password', exact: true }).click();
  const row = page.locator('dd[data-readiness]');
  await expect(row).toHaveAttribute('data-flow', 'oauth-password');
  await expect(row).toContainText('OAuth password until 20 Feb 2027');
  await expect(row).toContainText('which Salesforce turns off for connected apps on 20 Feb 2027 (in 80 days), with no extension');
  await row.getByRole('button', { name: 'Set up browser login' }).click();
  const form = page.getByRole('form', { name: 'Edit details' });
  await expect(form.getByRole('radio', { name: /^Browser login \(OAuth\)/ })).toBeChecked();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Back to orgs' }).click();
  await banner.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(banner).toHaveCount(0);
});

test('from 20 Feb 2027 the consumer key + password flow is shown as off, not as a count of days', async ({ app, fake }) => {
  await addOrgs(app, fake, ['key', 'soap']);
  const page = await openOn(app, '2027-03-01T09:00:00Z');

  const banner = page.getByRole('region', { name: BANNER });
  await expect(banner.getByRole('listitem')).toHaveText([
    'OAuth username-password flow: off since 20 Feb 2027 — 1 org can no longer log in this way',
    'SOAP login(): retired in Summer ’27 — 1 org',
  ]);
  await expect(loginOf(page, 'Key and password')).toHaveText('OAuth password off since 20 Feb 2027');
  await page.getByRole('button', { name: 'Key and password', exact: true }).click();
  const row = page.locator('dd[data-readiness]');
  await expect(row).toContainText('turned off for connected apps on 20 Feb 2027: its logins fail');
  await expect(row).not.toContainText(/in -?\d+ days?/);
  await expect(row.getByRole('button', { name: 'Set up browser login' })).toBeVisible();
});

test('an org a Data Loader job logs in with is offered client credentials or JWT bearer, a person’s org browser login', async ({ app, fake }) => {
  await addOrgs(app, fake, ['soap', 'soap2']);
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-e2e-fit-'));
  try {
    const job = app.host.core.orgs.list().find((org) => org.alias === 'Soap two')!;
    await app.host.core.dataloader.export({ id: job.id, folder: path.join(exportDir, 'job'), keyFile: { kind: 'new' }, jobs: [{ operation: 'extract', object: 'Account' }] });
    const page = await openOn(app, '2026-12-02T09:00:00Z');

    const banner = page.getByRole('region', { name: BANNER });
    await expect(banner.locator('[data-fit="person"]')).toHaveText('Switch it to Browser login (OAuth): open an org and choose “Set up browser login”.');
    await expect(banner.locator('[data-fit="server"]')).toContainText('switch it to Client credentials or JWT bearer, which need no person');

    await page.getByRole('button', { name: 'Soap two', exact: true }).click();
    const row = page.locator('dd[data-readiness]');
    await expect(row).toContainText('A tool logs in with it (a Data Loader export is set up)');
    await expect(row.getByRole('button', { name: 'Set up browser login' })).toHaveCount(0);
    await row.getByRole('button', { name: 'Set up JWT bearer' }).click();
    const form = page.getByRole('form', { name: 'Edit details' });
    await expect(form.getByRole('radio', { name: /^JWT bearer \(certificate\)/ })).toBeChecked();
    await expect(form.getByLabel('Consumer key')).toBeFocused();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Set up client credentials' }).click();
    await expect(form.getByRole('radio', { name: /^Client credentials \(OAuth\)/ })).toBeChecked();
    await expectNoSeriousA11yViolations(page, 'edit: switch to client credentials');

    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Back to orgs' }).click();
    await page.getByRole('button', { name: 'Soap one', exact: true }).click();
    await expect(row.getByRole('button', { name: 'Set up browser login' })).toBeVisible();
    await expect(row.getByRole('button', { name: 'Set up client credentials' })).toHaveCount(0);
  } finally {
    fs.rmSync(exportDir, { recursive: true, force: true });
  }
});
