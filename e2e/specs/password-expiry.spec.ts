/**
 * The password expiry forecast and the integration-user checklist end to end: the browser host
 * with the real core, keychain and jsforce against the fake org, the user and its password policy
 * set up through the fake org's control API. Waits are on the app's own state, never on timers.
 */
import type { Page } from '@playwright/test';
import { credentials, PROD_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';

async function addOrg(app: AppFixture, fake: FakeOrgFixture, alias: string) {
  const creds = await credentials(fake.control, PROD_ADMIN);
  await app.host.core.orgs.add({ alias, environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token });
  return creds;
}

const row = (page: Page, alias: string) => page.getByRole('row').filter({ has: page.getByRole('button', { name: alias, exact: true }) });

async function testFromDetail(app: AppFixture, alias: string) {
  await app.reload();
  await app.page.getByRole('button', { name: alias, exact: true }).click();
  await app.page.getByRole('button', { name: 'Test connection' }).click();
  await expect(app.page.getByRole('region', { name: 'Connection' }).getByText('Connected')).toBeVisible();
}

test('a password that expires in 7 days: the test warns, the detail says when and why, and the list badge keeps it after a restart', async ({ app, fake }) => {
  await addOrg(app, fake, 'Nightly ETL');
  await fake.control.patchUser(PROD_ADMIN, { lastPasswordChangeDaysAgo: 83 });
  await testFromDetail(app, 'Nightly ETL');

  const connection = app.page.getByRole('region', { name: 'Connection' });
  await expect(connection.locator('[data-notice-code="PASSWORD_EXPIRES_SOON"]')).toContainText(/The password expires on .+ \(in 7 days\) under the org’s password policy \(90 days\)/);

  const section = app.page.getByRole('region', { name: 'Password expiry and integration user' });
  await expect(section).toHaveAttribute('data-password-expiry', 'expires');
  await expect(section).toContainText('Expires in 7 days');
  await expect(section).toContainText('under the org’s password policy (90 days)');

  const page = await app.restart();
  const cell = row(page, 'Nightly ETL').locator('[data-password-expiry]');
  await expect(cell).toHaveAttribute('data-password-expiry', 'expires');
  await expect(cell).toHaveText('Expires in 7 days');
  await expect(cell.locator('.slds-theme_warning')).toHaveAttribute('title', /under the org’s password policy \(90 days\)/);
  // One login: the forecast and the checklist came with the test, not with logins of their own.
  expect((await fake.control.loginHistory(PROD_ADMIN)).length).toBe(1);
});

test('the integration-user checklist shows each item as read, with what to change in Setup', async ({ app, fake }) => {
  await addOrg(app, fake, 'Integration');
  await fake.control.patchUser(PROD_ADMIN, { apiOnly: true, passwordNeverExpires: false, mfaForApi: true });
  await testFromDetail(app, 'Integration');

  const checklist = app.page.getByRole('list', { name: 'Integration-user checklist' });
  const item = (id: string) => checklist.locator(`[data-check="${id}"]`);
  await expect(item('api-only')).toHaveAttribute('data-check-state', 'ok');
  await expect(item('password-never-expires')).toHaveAttribute('data-check-state', 'change');
  await expect(item('password-never-expires')).toContainText('What to change: Give the user “Password Never Expires” (Setup › Permission Sets, or the user’s profile › System Permissions)');
  await expect(item('api-enabled')).toHaveAttribute('data-check-state', 'ok');
  await expect(item('soap-login')).toHaveAttribute('data-check-state', 'ok');
  await expect(item('mfa-for-api')).toHaveAttribute('data-check-state', 'change');
  await expect(item('mfa-for-api')).toContainText('Multi-Factor Authentication for API Logins');
});

test('a user who may not read the password policy: “Expiry unknown” and why, and the test still connects', async ({ app, fake }) => {
  await addOrg(app, fake, 'Locked down');
  await fake.control.patchUser(PROD_ADMIN, { modifyAllData: false });
  await testFromDetail(app, 'Locked down');

  const section = app.page.getByRole('region', { name: 'Password expiry and integration user' });
  await expect(section).toHaveAttribute('data-password-expiry', 'unknown');
  await expect(section).toContainText('Expiry unknown');
  await expect(section).toContainText('OrgKey could not read the password policy: Salesforce refused it (INSUFFICIENT_ACCESS)');
  await expect(section).toContainText(/under Salesforce’s default policy \(90 days\) it would expire on/);
  await app.page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(row(app.page, 'Locked down').locator('[data-password-expiry]')).toHaveText('Expiry unknown');
});
