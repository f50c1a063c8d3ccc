/**
 * Browser login (OAuth web-server flow with PKCE) end to end: the browser host with the real core, keychain and loopback
 * listener, and the fake org's authorize pages in a second Chromium context standing in for the
 * system browser. Each test gets a free callback port, registered on an External Client App made
 * through the fake org's control API. Waits are on the app's and the fake org's own state.
 */
import net from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { callbackUrlFor, DEFAULT_CALLBACK_PORT } from '../../shared/domain';
import { credentials, PROD_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';
import { freePort } from '../../tests/support/ports';
import { secretsFromEntries, storedKinds } from '../../tests/support/org-secrets';

// Each test drives two browser contexts, a loopback listener and the fake org's pages: more steps
// than the other specs, so more room on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** An External Client App in the admin's org; by default its callback is OrgKey's for `port`. */
async function externalClientApp(fake: FakeOrgFixture, port: number, callbackUrls = [callbackUrlFor(port)]) {
  const { orgId } = await credentials(fake.control, PROD_ADMIN);
  return fake.control.createExternalClientApp(orgId, { name: 'OrgKey', callbackUrls });
}

interface BrowserOrg {
  id: string;
  alias: string;
  port: number;
  clientId: string;
}

/** A browser-login org through the core (the wizard has its own test), and its detail open. */
async function browserOrg(app: AppFixture, fake: FakeOrgFixture, options: { alias?: string; registered?: boolean } = {}): Promise<BrowserOrg> {
  const port = await freePort();
  const alias = options.alias ?? 'Acme browser';
  const ecaApp = await externalClientApp(fake, port, options.registered === false ? [callbackUrlFor(1717)] : undefined);
  const { org } = await app.host.core.orgs.add({
    alias,
    environment: 'custom',
    customUrl: fake.org.loginUrl,
    auth: 'browser',
    username: '',
    password: '',
    clientId: ecaApp.clientId,
    callbackPort: port,
  });
  await app.reload();
  await app.page.getByRole('button', { name: alias, exact: true }).click();
  await expect(browserLogin(app.page)).toBeVisible();
  return { id: org.id, alias, port, clientId: ecaApp.clientId };
}

const browserLogin = (page: Page) => page.getByRole('region', { name: 'Browser login' });
const connection = (page: Page) => page.getByRole('region', { name: 'Connection' });

/** Press a "Sign in with browser" button and return the authorize URL the app asked the OS to open. */
async function startSignIn(app: AppFixture, button = browserLogin(app.page).getByRole('button', { name: 'Sign in with browser' })): Promise<string> {
  const before = app.host.openedUrls.length;
  await button.click();
  await expect(browserLogin(app.page).getByText('Waiting for the browser…')).toBeVisible();
  await expect.poll(() => app.host.openedUrls.length).toBe(before + 1);
  const url = app.host.openedUrls[before]!;
  // The same address is on screen for when the browser did not open.
  await expect(browserLogin(app.page).getByRole('textbox', { name: 'If the browser did not open, open this address' })).toHaveValue(url);
  return url;
}

/**
 * In "the system browser": the org's login page, then Allow or Deny, then the redirect to OrgKey's
 * loopback callback. Resolves the page and the code it carried (null after Deny).
 */
async function approveInBrowser(app: AppFixture, fake: FakeOrgFixture, authorizeUrl: string, port: number, decision: 'Allow' | 'Deny' = 'Allow') {
  const { password } = await credentials(fake.control, PROD_ADMIN);
  const browser = await app.systemBrowserPage();
  await browser.goto(authorizeUrl);
  await browser.getByLabel('Username').fill(PROD_ADMIN);
  await browser.getByLabel('Password').fill(password);
  await browser.getByRole('button', { name: 'Log In' }).click();
  await expect(browser.getByRole('heading', { name: 'Allow Access?' })).toBeVisible();
  await browser.getByRole('button', { name: decision, exact: true }).click();
  await browser.waitForURL((url) => url.port === String(port) && url.pathname === '/oauth/callback');
  return { browser, code: new URL(browser.url()).searchParams.get('code') };
}

async function signIn(app: AppFixture, fake: FakeOrgFixture, org: BrowserOrg) {
  const url = await startSignIn(app);
  const approved = await approveInBrowser(app, fake, url, org.port);
  await expect(browserLogin(app.page)).toContainText(`Signed in as ${PROD_ADMIN}`);
  return approved;
}

// The refresh token, in the org's one keychain entry.
const refreshTokenEntry = async (app: AppFixture, org: { id: string }) => {
  const password = secretsFromEntries(await app.keychain(), org.id).refreshToken;
  return password === undefined ? undefined : { password };
};
const refreshTokensOf = async (fake: FakeOrgFixture, clientId: string) => (await fake.control.state()).refreshTokens.filter((t) => t.clientId === clientId);

async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Everything the page holds: markup, field values, and every answer the API gave it. */
async function everythingTheRendererSaw(app: AppFixture): Promise<string> {
  const values = await app.page.evaluate(() => [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value).join('\n'));
  return `${await app.page.content()}\n${values}\n${JSON.stringify(app.host.ipcPayloads)}`;
}

test('a browser org added in the wizard signs in through the browser; tests then use the refresh token, which never reaches the window', async ({ app, fake }) => {
  const { page } = app;
  const port = await freePort();
  const ecaApp = await externalClientApp(fake, port);

  await page.getByRole('button', { name: 'Add your first org' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Acme browser');
  await page.getByRole('radio', { name: /^My Domain URL/ }).check();
  await page.getByRole('textbox', { name: 'My Domain URL', exact: true }).fill(fake.org.loginUrl);
  await page.getByRole('radio', { name: /^Browser login \(OAuth\)/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Username (optional)')).toHaveAccessibleDescription(/Prefills the login page/);
  await page.getByRole('button', { name: 'Next' }).click();

  // The app step: a missing key and a bad port are named next to their fields, and nothing is lost.
  await expect(page.getByRole('heading', { name: 'Step 3 of 4: App' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Callback URL to register in the app' })).toHaveValue(callbackUrlFor(DEFAULT_CALLBACK_PORT));
  await page.getByRole('spinbutton', { name: 'Callback port' }).fill('80');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Consumer key')).toHaveAccessibleDescription(/consumer key of the External Client App/);
  await expect(page.getByRole('spinbutton', { name: 'Callback port' })).toHaveAccessibleDescription(/1024 to 65535/);
  await expect(page.getByRole('spinbutton', { name: 'Callback port' })).toHaveValue('80');
  await page.getByLabel('Consumer key').fill(ecaApp.clientId);
  await page.getByRole('spinbutton', { name: 'Callback port' }).fill(String(port));
  const callbackField = page.getByRole('textbox', { name: 'Callback URL to register in the app' });
  await expect(callbackField).toHaveValue(callbackUrlFor(port));
  await page.getByRole('button', { name: 'Copy the callback URL' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(callbackUrlFor(port));
  await expect(page.getByText(/Perform requests at any time \(refresh_token, offline_access\)/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'wizard: app step');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(callbackUrlFor(port))).toBeVisible();
  await page.getByRole('button', { name: 'Save org' }).click();

  // Saved: the detail offers the sign-in at once, with focus on it.
  await expect(page.getByRole('status')).toContainText('Added Acme browser');
  const signInButton = browserLogin(page).getByRole('button', { name: 'Sign in with browser' });
  await expect(signInButton).toBeFocused();
  await expect(browserLogin(page)).toContainText('Not signed in');
  // Password, token and their copy buttons have no place in a browser org.
  await expect(page.getByRole('region', { name: 'Password and token' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Reveal/ })).toHaveCount(0);
  const org = app.host.core.orgs.list()[0]!;
  expect(org).toMatchObject({ auth: 'browser', clientId: ecaApp.clientId, callbackPort: port });

  const authorizeUrl = await startSignIn(app);
  expect(new URL(authorizeUrl).origin).toBe(fake.org.loginUrl);
  await expect(browserLogin(page).getByRole('button', { name: 'Cancel sign-in' })).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'detail: waiting for the browser');
  const { browser, code } = await approveInBrowser(app, fake, authorizeUrl, port);
  await expect(browser.getByRole('heading', { name: /Signed in/ })).toBeVisible();

  await expect(browserLogin(page)).toContainText(`Signed in as ${PROD_ADMIN} since`);
  await expect(page.getByRole('status')).toContainText(`Signed in as ${PROD_ADMIN}`);
  const [issued] = await refreshTokensOf(fake, ecaApp.clientId);
  expect(issued).toMatchObject({ username: PROD_ADMIN, revoked: false });
  expect((await refreshTokenEntry(app, org))?.password).toBe(issued!.token);
  await expectNoSeriousA11yViolations(page, 'detail: signed in');

  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(connection(page).getByText('Connected')).toBeVisible();
  await expect(connection(page)).toContainText('Browser login (refresh token)');
  await expect(connection(page)).toContainText(PROD_ADMIN);

  const seen = await everythingTheRendererSaw(app);
  expect(code).toBeTruthy();
  expect(seen).not.toContain(code!);
  expect(seen).not.toContain(issued!.token);

  await page.getByRole('button', { name: 'Back to orgs' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Acme browser', exact: true }) });
  await expect(row.locator('[data-readiness]')).toHaveAttribute('data-readiness', 'browser');
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByRole('region', { name: 'Salesforce retires the password logins of your orgs' })).toHaveCount(0);
});

test('“Deny” in the browser ends the sign-in with the denial, and nothing is stored', async ({ app, fake }) => {
  const org = await browserOrg(app, fake);
  const url = await startSignIn(app);
  const { browser, code } = await approveInBrowser(app, fake, url, org.port, 'Deny');
  expect(code).toBeNull();
  await expect(browser.getByRole('heading', { name: 'Sign-in denied' })).toBeVisible();

  const alert = browserLogin(app.page).locator('[data-error-code="SIGN_IN_DENIED"]');
  await expect(alert).toContainText('The sign-in was denied in the browser');
  await expect(alert).toContainText('Sign in again and choose “Allow”.');
  await expect(browserLogin(app.page)).toContainText('Not signed in');
  expect(await refreshTokenEntry(app, org)).toBeUndefined();
  expect(await refreshTokensOf(fake, org.clientId)).toEqual([]);
});

test('a callback with another state gets an error page, OrgKey keeps waiting, and the real sign-in still completes', async ({ app, fake }) => {
  const org = await browserOrg(app, fake);
  const url = await startSignIn(app);
  // Any page can send the browser to the loopback callback: it must not end the sign-in.
  const browser = await app.systemBrowserPage();
  await browser.goto(`${callbackUrlFor(org.port)}?code=aPrn3-made-up-code&state=not-the-state-orgkey-sent`);
  await expect(browser.getByRole('heading', { name: 'Not this sign-in' })).toBeVisible();
  await expect(browser.getByText('OrgKey is still waiting')).toBeVisible();
  await expect(browserLogin(app.page).getByText('Waiting for the browser…')).toBeVisible();
  expect(await refreshTokenEntry(app, org)).toBeUndefined();

  await approveInBrowser(app, fake, url, org.port);
  await expect(browserLogin(app.page)).toContainText(`Signed in as ${PROD_ADMIN}`);
  expect(await refreshTokenEntry(app, org)).toBeDefined();
});

test('a callback URL the app does not have: Salesforce shows redirect_uri_mismatch, OrgKey keeps waiting, and Cancel ends it', async ({ app, fake }) => {
  const org = await browserOrg(app, fake, { registered: false });
  const url = await startSignIn(app);
  const browser = await app.systemBrowserPage();
  await browser.goto(url);
  await expect(browser.getByText(/redirect_uri_mismatch/)).toBeVisible();

  // Still waiting (the browser never comes back), with the way out of it on screen.
  const section = browserLogin(app.page);
  await expect(section.getByText('Waiting for the browser…')).toBeVisible();
  await expect(section).toContainText(`If Salesforce says “redirect_uri_mismatch”, the app does not have OrgKey’s callback URL: add ${callbackUrlFor(org.port)}`);
  await section.getByRole('button', { name: 'Cancel sign-in' }).click();
  await expect(section.locator('[data-sign-in-cancelled]')).toContainText('The sign-in was cancelled.');
  await expect(section.getByText('Waiting for the browser…')).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Sign in with browser' })).toBeFocused();
  // The loopback listener is closed: nothing answers on the port any more.
  await expect(fetch(callbackUrlFor(org.port))).rejects.toThrow();
  expect(await refreshTokenEntry(app, org)).toBeUndefined();
});

test('a callback port another program holds is named, with what to do, and nothing opens', async ({ app, fake }) => {
  const org = await browserOrg(app, fake);
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(org.port, '127.0.0.1', resolve));
  try {
    await browserLogin(app.page).getByRole('button', { name: 'Sign in with browser' }).click();
    const alert = browserLogin(app.page).locator('[data-error-code="SIGN_IN_PORT_IN_USE"]');
    await expect(alert).toContainText(`Another program holds port ${org.port} on this computer`);
    await expect(alert).toContainText('give this org another port: Edit → Callback port, then add the callback URL OrgKey shows');
    await expect(browserLogin(app.page).getByRole('button', { name: 'Sign in with browser' })).toBeVisible();
    expect(app.host.openedUrls).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
  }
});

test('a code presented again after the sign-in makes Salesforce revoke the grant, and the test says “Sign in again”', async ({ app, fake }) => {
  const org = await browserOrg(app, fake);
  const { code } = await signIn(app, fake, org);
  await app.page.getByRole('button', { name: 'Test connection' }).click();
  await expect(connection(app.page).getByText('Connected')).toBeVisible();

  // Someone replays the code at the token endpoint (with a verifier of their own).
  const replay = await fetch(`${fake.org.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code!,
      client_id: org.clientId,
      redirect_uri: callbackUrlFor(org.port),
      code_verifier: 'a-verifier-of-the-attacker-that-is-long-enough-0123456789',
    }).toString(),
  });
  expect(replay.status).toBe(400);
  expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
  expect((await refreshTokensOf(fake, org.clientId)).map((t) => t.revoked)).toEqual([true]);

  await app.page.getByRole('button', { name: 'Test connection' }).click();
  const failure = connection(app.page).locator('[data-failure-code="OAUTH_SIGN_IN_AGAIN"]');
  await expect(failure).toContainText('has expired or was revoked');
  await expect(failure).toContainText('Sign in again with the browser.');
  await expect(failure.getByRole('button', { name: 'Sign in with browser' })).toBeVisible();
});

test('a refresh token revoked by an admin: the test says “Sign in again”, and its sign-in button signs in again', async ({ app, fake }) => {
  const org = await browserOrg(app, fake);
  await signIn(app, fake, org);
  const first = (await refreshTokenEntry(app, org))!.password;
  expect(await fake.control.revokeRefreshTokens(PROD_ADMIN)).toBeGreaterThan(0);

  await app.page.getByRole('button', { name: 'Test connection' }).click();
  const failure = connection(app.page).locator('[data-failure-code="OAUTH_SIGN_IN_AGAIN"]');
  await expect(failure).toBeVisible();

  const url = await startSignIn(app, failure.getByRole('button', { name: 'Sign in with browser' }));
  await approveInBrowser(app, fake, url, org.port);
  await expect(browserLogin(app.page)).toContainText(`Signed in as ${PROD_ADMIN}`);
  const second = (await refreshTokenEntry(app, org))!.password;
  expect(second).not.toBe(first);

  await app.page.getByRole('button', { name: 'Test connection' }).click();
  await expect(connection(app.page).getByText('Connected')).toBeVisible();
  await app.page.getByRole('button', { name: 'Back to orgs' }).click();
  const listRow = app.page.getByRole('row').filter({ has: app.page.getByRole('button', { name: org.alias, exact: true }) });
  await expect(listRow.locator('[data-status]')).toHaveAttribute('data-status', 'ok');
  await expect(listRow).toContainText('signed in just now');
});

test('sign out asks first, revokes the refresh token at Salesforce and removes it from the keychain', async ({ app, fake }) => {
  const org = await browserOrg(app, fake);
  await signIn(app, fake, org);
  const stored = (await refreshTokenEntry(app, org))!.password;

  await browserLogin(app.page).getByRole('button', { name: 'Sign out' }).click();
  const dialog = app.page.getByRole('alertdialog', { name: `Sign out of ${org.alias}?` });
  await expect(dialog).toContainText('revoke this sign-in at Salesforce');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await refreshTokensOf(fake, org.clientId)).map((t) => t.revoked)).toEqual([false]);

  await browserLogin(app.page).getByRole('button', { name: 'Sign out' }).click();
  await dialog.getByRole('button', { name: 'Sign out' }).click();
  await expect(app.page.getByRole('status')).toContainText('Signed out: the sign-in was revoked at Salesforce');
  await expect(browserLogin(app.page)).toContainText('Not signed in');
  await expect(browserLogin(app.page).getByRole('button', { name: 'Sign in with browser' })).toBeFocused();
  const tokens = await refreshTokensOf(fake, org.clientId);
  expect(tokens).toEqual([expect.objectContaining({ token: stored, revoked: true })]);
  expect(await refreshTokenEntry(app, org)).toBeUndefined();

  await app.page.getByRole('button', { name: 'Test connection' }).click();
  const failure = connection(app.page).locator('[data-failure-code="NOT_SIGNED_IN"]');
  await expect(failure).toContainText('nobody has signed in yet');
  await expect(failure.getByRole('button', { name: 'Sign in with browser' })).toBeVisible();
});

test('readiness: an org whose SOAP login() is off is shown as depending on it, counted in the banner, and led to browser login', async ({ app, fake }) => {
  // retirement.spec.ts checks the consumer key + password org's deadline and days on a set date.
  const creds = await credentials(fake.control, PROD_ADMIN);
  const password = { environment: 'custom' as const, customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: creds.password, token: creds.token };
  await app.host.core.orgs.add({ alias: 'Legacy prod', ...password });
  await app.host.core.orgs.add({ alias: 'Untested prod', ...password });
  await app.host.core.orgs.add({ alias: 'Via app', ...password, clientId: creds.connectedApp.clientId, clientSecret: creds.connectedApp.clientSecret });
  await fake.control.patchOrg(creds.orgId, { soapLoginEnabled: false });

  await app.reload();
  const { page } = app;
  const banner = page.getByRole('region', { name: 'Salesforce retires the password logins of your orgs' });
  const soapLine = banner.locator('li[data-flow="soap"]');
  await expect(soapLine).toHaveText('SOAP login(): retired in Summer ’27 — 2 orgs');
  await page.getByRole('button', { name: 'Legacy prod', exact: true }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const failure = connection(page).locator('[data-failure-code="SOAP_LOGIN_UNAVAILABLE"]');
  await expect(failure).toContainText('does not allow SOAP login()');
  await expect(failure).toContainText('Switch this org to Browser login (OAuth)');
  const readiness = page.locator('dd[data-readiness]');
  await expect(readiness).toHaveAttribute('data-readiness', 'soap-disabled');
  await expect(readiness).toContainText('SOAP (off in this org)');
  await expect(readiness).toContainText('already has switched off');

  await page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(soapLine).toHaveText('SOAP login(): retired in Summer ’27 — 2 orgs, 1 already has it off');
  const loginOf = (alias: string) =>
    page.getByRole('row').filter({ has: page.getByRole('button', { name: alias, exact: true }) }).locator('[data-readiness]');
  await expect(loginOf('Legacy prod')).toHaveText('SOAP (off in this org)');
  await expect(loginOf('Untested prod')).toHaveText('SOAP (untested) until Summer ’27');
  await expect(loginOf('Via app')).toHaveText(/^OAuth password (until|off since) 20 Feb 2027$/);
  await expectNoSeriousA11yViolations(page, 'list with the SOAP retirement notice');

  // "Show only these orgs" lists the orgs either retirement stops — here all three — and back.
  const names = page.getByRole('row').getByRole('button');
  await expect(names).toHaveText(['Legacy prod', 'Untested prod', 'Via app']);
  await banner.getByRole('button', { name: 'Show only these orgs' }).click();
  await expect(banner.getByRole('button', { name: 'Show only these orgs' })).toHaveAttribute('aria-pressed', 'true');
  await expect(names).toHaveText(['Legacy prod', 'Untested prod', 'Via app']);
  await banner.getByRole('button', { name: 'Show only these orgs' }).click();
  await expect(names).toHaveCount(3);

  // "Set up browser login" opens the switch: the edit form on Browser login, the key field focused.
  await page.getByRole('button', { name: 'Legacy prod', exact: true }).click();
  await failure.getByRole('button', { name: 'Set up browser login' }).click();
  const form = page.getByRole('form', { name: 'Edit details' });
  await expect(form.getByRole('radio', { name: /^Browser login \(OAuth\)/ })).toBeChecked();
  await expect(form.getByLabel('Consumer key')).toBeFocused();
  await expect(form).toContainText(/OrgKey keeps the password( and security token)? in the keychain until a test proves Browser login/);
  await expectNoSeriousA11yViolations(page, 'edit: switch to browser login');
  const port = await freePort();
  const ecaApp = await externalClientApp(fake, port);
  await form.getByLabel('Consumer key').fill('');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByLabel('Consumer key')).toHaveAccessibleDescription(/consumer key of the External Client App/);
  await form.getByLabel('Consumer key').fill(ecaApp.clientId);
  await form.getByRole('spinbutton', { name: 'Callback port' }).fill(String(port));
  await expect(form.getByRole('textbox', { name: 'Callback URL to register in the app' })).toHaveValue(callbackUrlFor(port));
  await form.getByRole('button', { name: 'Save changes' }).click();

  await expect(browserLogin(page).getByRole('button', { name: 'Sign in with browser' })).toBeFocused();
  await expect(page.locator('dd[data-readiness]')).toHaveAttribute('data-readiness', 'browser');
  await expect(page.getByRole('region', { name: 'Password and token' })).toHaveCount(0);
  expect(app.host.core.orgs.list().find((o) => o.alias === 'Legacy prod')).toMatchObject({ auth: 'browser', clientId: ecaApp.clientId, callbackPort: port });
  // The password is kept for switching back.
  expect(storedKinds(await app.keychain()).map(([kind]) => kind)).toContain('password');

  await page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(soapLine).toHaveText('SOAP login(): retired in Summer ’27 — 1 org');
  await banner.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(page.getByRole('row').getByRole('button')).toHaveCount(3);
  await expect(banner).toHaveCount(0);
});
