/**
 * Connection tests end to end: the browser host with the real core, keychain and jsforce against
 * the fake org, each condition set up through the fake org's control API. Waits are on the app's
 * own state (badges, dialogs, progress), never on timers.
 */
import net from 'node:net';
import type { Page } from '@playwright/test';
import type { OrgDraft } from '../../shared/api';
import { credentials, EXPIRED_USER, NO_API_USER, PROD_ADMIN, SANDBOX_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';

async function addOrg(app: AppFixture, fake: FakeOrgFixture, alias: string, username: string, overrides: Partial<OrgDraft> = {}) {
  const creds = await credentials(fake.control, username);
  const { org } = await app.host.core.orgs.add({
    alias,
    environment: 'custom',
    customUrl: fake.org.loginUrl,
    username,
    password: creds.password,
    token: creds.token,
    ...overrides,
  });
  return { ...org, ...creds };
}

const statusCell = (page: Page, alias: string) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: alias, exact: true }) }).locator('[data-status]');

async function openDetail(app: AppFixture, alias: string) {
  await app.reload();
  await app.page.getByRole('button', { name: alias, exact: true }).click();
}

const testButton = (page: Page) => page.getByRole('button', { name: 'Test connection' });
const attempts = async (fake: FakeOrgFixture, username: string) => (await fake.control.loginHistory(username)).length;

/** A TCP server that accepts connections and never answers: a hung org. */
async function hungServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

test('a successful test shows the org, user and API limits, and the list keeps the badge after a restart', async ({ app, fake }) => {
  const org = await addOrg(app, fake, 'Acme prod', PROD_ADMIN);
  await openDetail(app, 'Acme prod');
  await testButton(app.page).click();

  const connection = app.page.getByRole('region', { name: 'Connection' });
  await expect(connection.getByText('Connected')).toBeVisible();
  await expect(connection).toContainText('Acme Corporation');
  await expect(connection).toContainText(org.orgId);
  await expect(connection).toContainText('Enterprise Edition');
  await expect(connection).toContainText('Production');
  await expect(connection).toContainText(fake.org.loginUrl);
  await expect(connection).toContainText(/of 15,000/);
  await expect(connection).toContainText(/\d+ ms/);

  const page = await app.restart();
  await expect(statusCell(page, 'Acme prod')).toHaveAttribute('data-status', 'ok');
  expect(await attempts(fake, PROD_ADMIN)).toBe(1);
});

test('a user without View Setup and Configuration connects; API requests left says unavailable, and why', async ({ app, fake }) => {
  await addOrg(app, fake, 'No setup view', PROD_ADMIN);
  await fake.control.patchUser(PROD_ADMIN, { viewSetup: false });
  await openDetail(app, 'No setup view');
  await testButton(app.page).click();

  const connection = app.page.getByRole('region', { name: 'Connection' });
  await expect(connection.getByText('Connected')).toBeVisible();
  await expect(connection).toContainText('Acme Corporation');
  await expect(connection).toContainText('Unavailable — this user lacks “View Setup and Configuration”');
  await expect(connection).toContainText('Setup → Users → Permission Sets or Profiles → System Permissions');
  await expect(connection.locator('[data-test-result="ok"]')).toBeVisible();
  await expect(connection.locator('[data-failure-code]')).toHaveCount(0);
});

test('a failure is explained with its code, a plain sentence and the fix — never raw text', async ({ app, fake }) => {
  await addOrg(app, fake, 'No token', PROD_ADMIN, { token: '' });
  await openDetail(app, 'No token');
  await testButton(app.page).click();
  const failure = app.page.locator('[data-failure-code="LOGIN_MUST_USE_SECURITY_TOKEN"]').first();
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('not trusted');
  await expect(failure).toContainText('Reset My Security Token');

  await fake.control.injectFaults({ path: '/services/Soap/u', count: 1, status: 502, body: 'html' });
  await testButton(app.page).click();
  await expect(app.page.locator('[data-failure-code="SERVER_ERROR"]').first()).toBeVisible();
  const html = await app.page.content();
  expect(html).not.toContain('Service Unavailable</h1>');
  expect(html).not.toMatch(/at \w+ \(.*:\d+:\d+\)/);
});

test('after two failed logins a further test needs confirmation, and the fake org saw exactly the attempts made', async ({ app, fake }) => {
  await addOrg(app, fake, 'Wrong password', PROD_ADMIN, { password: 'Not-The-Password-1' });
  await openDetail(app, 'Wrong password');
  for (let n = 1; n <= 2; n += 1) {
    await testButton(app.page).click();
    await expect(app.page.locator('[data-failure-code="INVALID_LOGIN"]').first()).toBeVisible();
    await expect.poll(() => attempts(fake, PROD_ADMIN)).toBe(n);
  }

  await testButton(app.page).click();
  const dialog = app.page.getByRole('alertdialog', { name: 'Test again?' });
  await expect(dialog).toContainText('locked out');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await attempts(fake, PROD_ADMIN)).toBe(2);

  await testButton(app.page).click();
  await app.page.getByRole('alertdialog', { name: 'Test again?' }).getByRole('button', { name: 'Test anyway' }).click();
  await expect(app.page.getByText(/failure 3 in a row/)).toBeVisible();
  expect(await attempts(fake, PROD_ADMIN)).toBe(3);
});

test('a running test can be cancelled and the last result stays', async ({ app, fake }) => {
  await addOrg(app, fake, 'Slow org', PROD_ADMIN);
  await openDetail(app, 'Slow org');
  await testButton(app.page).click();
  await expect(app.page.getByText('Connected')).toBeVisible();

  await fake.control.injectFaults({ path: '/services/Soap/u', count: 3, latencyMs: 15_000 });
  await testButton(app.page).click();
  await app.page.getByRole('button', { name: 'Cancel test' }).click();
  await expect(app.page.getByText('Test cancelled')).toBeVisible();
  await expect(testButton(app.page)).toBeVisible();
  expect(app.host.core.orgs.list()[0]?.lastTest?.ok).toBe(true);
});

test('a test that outlasts the timeout setting is reported as a timeout', async ({ app, fake }) => {
  app.host.core.preferences.update({ testTimeoutSeconds: 5 });
  await addOrg(app, fake, 'Stalled', PROD_ADMIN);
  // count 3: a late logout from an earlier test's cancelled login may take one of them.
  await fake.control.injectFaults({ path: '/services/Soap/u', count: 3, latencyMs: 9_000 });
  await openDetail(app, 'Stalled');
  await testButton(app.page).click();
  const failure = app.page.locator('[data-failure-code="TIMEOUT"]').first();
  await expect(failure).toBeVisible({ timeout: 15_000 });
  await expect(failure).toContainText('5 seconds');
});

test('sanity warnings: a login that needed no token says the network is trusted', async ({ app, fake }) => {
  const org = await addOrg(app, fake, 'Trusted', PROD_ADMIN, { token: '' });
  await fake.control.patchOrg(org.orgId, { trustedIpRanges: ['127.0.0.1/32', '::1/128'] });
  await openDetail(app, 'Trusted');
  await testButton(app.page).click();
  await expect(app.page.locator('[data-notice-code="TOKEN_NOT_NEEDED"]')).toContainText('trusted IP ranges');
  await app.page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(statusCell(app.page, 'Trusted')).toHaveAttribute('data-status', 'warning');
});

test('Test all: each row updates as its result arrives; a hung org does not hold up the rest', async ({ app, fake }) => {
  const hung = await hungServer();
  try {
    app.host.core.preferences.update({ testTimeoutSeconds: 8, testConcurrency: 2 });
    await addOrg(app, fake, 'A good', PROD_ADMIN);
    await addOrg(app, fake, 'B no API', NO_API_USER);
    await addOrg(app, fake, 'C expired', EXPIRED_USER);
    await addOrg(app, fake, 'D hung', PROD_ADMIN, { customUrl: hung.url });
    await app.reload();
    await app.page.getByRole('button', { name: 'Test all' }).click();

    const progress = app.page.getByRole('progressbar', { name: 'Testing orgs' });
    // The quick orgs finish while the hung one is still running.
    await expect(statusCell(app.page, 'A good')).toHaveAttribute('data-status', 'ok');
    await expect(statusCell(app.page, 'B no API')).toHaveAttribute('data-failure-code', 'API_CURRENTLY_DISABLED');
    await expect(statusCell(app.page, 'C expired')).toHaveAttribute('data-failure-code', 'PASSWORD_EXPIRED');
    await expect(statusCell(app.page, 'D hung')).toHaveAttribute('data-status', 'testing');
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('aria-valuenow', '3');

    await expect(statusCell(app.page, 'D hung')).toHaveAttribute('data-failure-code', 'TIMEOUT', { timeout: 20_000 });
    await expect(app.page.getByRole('status')).toContainText('Tested 4 orgs: 1 OK, 3 failed');
    await expect(progress).toBeHidden();
  } finally {
    await hung.close();
  }
});

test('Test all can be cancelled', async ({ app, fake }) => {
  const hung = await hungServer();
  try {
    app.host.core.preferences.update({ testTimeoutSeconds: 60, testConcurrency: 1 });
    await addOrg(app, fake, 'A hung', PROD_ADMIN, { customUrl: hung.url });
    await addOrg(app, fake, 'B never started', PROD_ADMIN);
    await app.reload();
    await app.page.getByRole('button', { name: 'Test all' }).click();
    await expect(statusCell(app.page, 'A hung')).toHaveAttribute('data-status', 'testing');
    await app.page.getByRole('button', { name: 'Cancel tests' }).click();
    await expect(app.page.getByRole('progressbar', { name: 'Testing orgs' })).toBeHidden();
    await expect(statusCell(app.page, 'B never started')).toHaveAttribute('data-status', 'untested');
    expect(await attempts(fake, PROD_ADMIN)).toBe(0);
  } finally {
    await hung.close();
  }
});

test('Test all skips an org behind the lockout guard: its row needs confirmation until it is tested from its detail', async ({ app, fake }) => {
  await addOrg(app, fake, 'A good', PROD_ADMIN);
  const wrong = await addOrg(app, fake, 'B wrong password', SANDBOX_ADMIN, { password: 'Not-The-Password-1' });
  for (let n = 0; n < 2; n += 1) await app.host.core.tester.test(wrong.id);
  expect(await attempts(fake, SANDBOX_ADMIN)).toBe(2);
  await app.reload();

  await app.page.getByRole('button', { name: 'Test all' }).click();
  await expect(app.page.getByRole('status')).toContainText('Tested 1 org: 1 OK, 0 failed; 1 skipped: needs confirmation after failed logins');
  await expect(statusCell(app.page, 'A good')).toHaveAttribute('data-status', 'ok');
  await expect(statusCell(app.page, 'B wrong password')).toHaveAttribute('data-status', 'guarded');
  await expect(statusCell(app.page, 'B wrong password')).toContainText('Needs confirmation');
  expect(await attempts(fake, SANDBOX_ADMIN)).toBe(2);

  await app.page.getByRole('button', { name: 'B wrong password', exact: true }).click();
  await testButton(app.page).click();
  await app.page.getByRole('alertdialog', { name: 'Test again?' }).getByRole('button', { name: 'Test anyway' }).click();
  await expect(app.page.getByText(/failure 3 in a row/)).toBeVisible();
  await app.page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(statusCell(app.page, 'B wrong password')).toHaveAttribute('data-failure-code', 'INVALID_LOGIN');
  expect(await attempts(fake, SANDBOX_ADMIN)).toBe(3);
});

test('settings: out-of-range values are explained next to the field; good ones are kept', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Settings' }).click();
  const timeout = page.getByLabel('Test timeout (seconds)');
  await timeout.fill('500');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(timeout).toHaveAccessibleDescription(/from 5 to 120/);
  await timeout.fill('45');
  await page.getByLabel('Tests at a time').fill('6');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved');
  expect(app.host.core.preferences.get()).toMatchObject({ testTimeoutSeconds: 45, testConcurrency: 6, lockoutGuardFailures: 2 });
});

test('an org added with a connected app logs in through the OAuth username-password flow', async ({ app, fake }) => {
  const creds = await credentials(fake.control, PROD_ADMIN);
  const { page } = app;
  await page.getByRole('button', { name: 'Add your first org' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Via OAuth');
  await page.getByRole('radio', { name: /^My Domain URL/ }).check();
  await page.getByRole('textbox', { name: 'My Domain URL', exact: true }).fill(fake.org.loginUrl);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Username').fill(PROD_ADMIN);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password', { exact: true }).fill(creds.password);
  await page.getByLabel('Security token (optional)').fill(creds.token);
  await page.getByLabel('Consumer key').fill(creds.connectedApp.clientId);
  await page.getByLabel('Consumer secret').fill(creds.connectedApp.clientSecret);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save org' }).click();
  await page.getByRole('button', { name: 'Via OAuth', exact: true }).click();
  await testButton(page).click();
  // In the Connection section: the detail's retirement row speaks of "connected apps" too.
  await expect(page.getByRole('region', { name: 'Connection' }).getByText('Connected')).toBeVisible();
  await expect(page.getByText('OAuth username-password flow').first()).toBeVisible();
  expect((await fake.control.loginHistory(PROD_ADMIN)).map((h) => h.via)).toEqual(['oauth']);
  expect(await page.content()).not.toContain(creds.connectedApp.clientSecret);
});
