/**
 * *Open in browser* end to end: the detail's button, the real core logging in with jsforce against
 * the fake org, and the browser host recording the address the app asked the OS to open. The
 * recorded address is then used in "the system browser" (a context apart from the app's), once and
 * again. Waits are on the app's own state and the host's record, never on timers.
 */
import type { Page } from '@playwright/test';
import { credentials, PROD_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';

const SETUP_HOME = '/lightning/setup/SetupOneHome/home';

async function openDetailOfProdOrg(app: AppFixture, fake: FakeOrgFixture) {
  const creds = await credentials(fake.control, PROD_ADMIN);
  await app.host.core.orgs.add({ alias: 'Acme prod', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token });
  await app.reload();
  await app.page.getByRole('button', { name: 'Acme prod', exact: true }).click();
}

const section = (page: Page) => page.getByRole('region', { name: 'Open in browser' });

/** Press *Open in browser* (with a page to open) and return the one address the app asked the OS to open. */
async function openInBrowser(app: AppFixture, path?: string): Promise<URL> {
  const before = app.host.openedUrls.length;
  if (path) await section(app.page).getByRole('textbox', { name: 'Page to open (optional)' }).fill(path);
  await section(app.page).getByRole('button', { name: 'Open in browser' }).click();
  await expect.poll(() => app.host.openedUrls.length).toBe(before + 1);
  return new URL(app.host.openedUrls[before]!);
}

test('Open in browser opens a single-use frontdoor URL without a session id: it logs the browser in once, on the page asked for', async ({ app, fake }) => {
  await openDetailOfProdOrg(app, fake);
  const url = await openInBrowser(app, SETUP_HOME);
  await expect(section(app.page).getByRole('status')).toHaveText('Opened in your browser with a single-use login link.');

  expect(url.origin).toBe(new URL(fake.org.loginUrl).origin);
  expect(url.pathname).toBe('/secur/frontdoor.jsp');
  expect(url.searchParams.get('otp')).toBeTruthy();
  expect(url.searchParams.get('startURL')).toBe(SETUP_HOME);
  expect(url.searchParams.has('sid')).toBe(false);
  // No session id anywhere in the address, under any name: Salesforce's begin with the 15-character org id and "!".
  expect(decodeURIComponent(url.toString())).not.toMatch(/00D[A-Za-z0-9]{12}!/);
  // Nor does the link reach the window: the page learns only that a link was opened.
  expect(JSON.stringify(app.host.ipcPayloads)).not.toContain(url.searchParams.get('otp')!);

  const browser = await app.systemBrowserPage();
  const first = await browser.goto(url.toString());
  expect(first?.status()).toBe(200);
  await expect(browser.getByText(`(${PROD_ADMIN})`)).toBeVisible();
  await expect(browser.getByText(SETUP_HOME)).toBeVisible();
  // Single-use: the same address a second time is refused.
  const second = await browser.goto(url.toString());
  expect(second?.status()).toBe(401);
  // One login for the whole of it.
  expect(await fake.control.loginHistory(PROD_ADMIN)).toHaveLength(1);
});

test('when Salesforce gives no single-use link, Open in browser opens the org’s login page and says why', async ({ app, fake }) => {
  await openDetailOfProdOrg(app, fake);
  await fake.control.injectFaults({ path: '/services/oauth2/singleaccess', status: 403, count: 1 });
  const url = await openInBrowser(app, SETUP_HOME);
  await expect(section(app.page).getByRole('status')).toContainText('Salesforce gave no single-use login link for this org (HTTP 403');
  expect(decodeURIComponent(url.toString())).not.toMatch(/00D[A-Za-z0-9]{12}!/);
  expect(url.origin).toBe(new URL(fake.org.loginUrl).origin);
  expect(url.pathname).not.toBe('/secur/frontdoor.jsp');
  expect(url.searchParams.get('startURL')).toBe(SETUP_HOME);
  expect(url.searchParams.has('otp') || url.searchParams.has('sid')).toBe(false);
});
