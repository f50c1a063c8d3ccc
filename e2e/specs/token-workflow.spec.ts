/**
 * The security-token workflow end to end: reset through the fake org's control API, read
 * the mail from its outbox, paste it, prove it, store it; copy "password + token" and watch the
 * clipboard clear. Waits are on the app's own state, never on timers.
 */
import type { Page } from '@playwright/test';
import { checkConnection } from '../../electron/core/connection/salesforce';
import { openConfSettings } from '../../electron/core/settings/store';
import { credentials, PROD_ADMIN, SANDBOX_ADMIN } from '../../tests/support/fake-org';
import { expect, test, type AppFixture, type FakeOrgFixture } from '../fixtures';
import { secretsFromEntries } from '../../tests/support/org-secrets';

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
  await app.reload();
  await app.page.getByRole('button', { name: 'Acme prod', exact: true }).click();
  return { id: org.id, ...creds };
}

const latestMail = async (fake: FakeOrgFixture, username: string) => (await fake.control.outbox(username)).at(-1)!.text;
const pasteBox = (page: Page) => page.getByLabel('Paste the token or the whole email');
const storedToken = async (app: AppFixture, id: string) => secretsFromEntries(await app.keychain(), id).token;

test('a pasted reset email is proved, stored, and the old token stops working', async ({ app, fake }) => {
  const { id, password, token: oldToken } = await addProd(app, fake);
  const newToken = await fake.control.resetToken(PROD_ADMIN);
  await app.page.getByRole('button', { name: 'Paste new token' }).click();
  await pasteBox(app.page).fill(await latestMail(fake, PROD_ADMIN));
  await expect(app.page.getByText(/Found a 25-character token/)).toBeVisible();
  await expect(app.page.getByText(`${newToken.slice(0, 2)}${'•'.repeat(21)}${newToken.slice(-2)}`)).toBeVisible();

  await app.page.getByRole('button', { name: 'Test and save token' }).click();
  await expect(app.page.getByRole('status')).toContainText('New token saved');
  expect(await storedToken(app, id)).toBe(newToken);
  // Stored because a login with it worked: tested, in the detail's token row and in the list alike.
  await expect(app.page.locator('[data-test-result="ok"]')).toContainText('Connected');
  await expect(app.page.locator('[data-untested-token]')).toHaveCount(0);
  await app.page.getByRole('button', { name: 'Back to orgs' }).click();
  await expect(app.page.getByRole('button', { name: 'Acme prod', exact: true })).toBeVisible();
  await expect(app.page.locator('[data-untested-token]')).toHaveCount(0);
  await app.page.getByRole('button', { name: 'Acme prod', exact: true }).click();

  // A later test passes, and the fake org refuses the old token.
  await app.page.getByRole('button', { name: 'Test connection' }).click();
  await expect(app.page.getByText('Connected')).toBeVisible();
  await expect(
    checkConnection({ loginUrl: fake.org.loginUrl, username: PROD_ADMIN, secret: password + oldToken, timeoutMs: 5000 }),
  ).rejects.toMatchObject({ failure: { message: expect.stringMatching(/^INVALID_LOGIN/) } });
  expect(await app.page.content()).not.toContain(newToken);
});

test('an email for another username is flagged as the wrong org', async ({ app, fake }) => {
  await addProd(app, fake);
  await fake.control.resetToken(SANDBOX_ADMIN);
  await app.page.getByRole('button', { name: 'Paste new token' }).click();
  await pasteBox(app.page).fill(await latestMail(fake, SANDBOX_ADMIN));
  await expect(app.page.locator('[data-notice-code="WRONG_ORG"]')).toContainText(SANDBOX_ADMIN);
});

test('garbage gets a clear message next to the box and nothing is stored', async ({ app, fake }) => {
  const { id, token } = await addProd(app, fake);
  await app.page.getByRole('button', { name: 'Paste new token' }).click();
  await pasteBox(app.page).fill('thanks, see you tomorrow!');
  await expect(pasteBox(app.page)).toHaveAccessibleDescription(/No security token found/);
  await app.page.getByRole('button', { name: 'Test and save token' }).click();
  await expect(pasteBox(app.page)).toHaveAccessibleDescription(/No security token found/);
  await expect(pasteBox(app.page)).toHaveValue('thanks, see you tomorrow!');
  expect(await storedToken(app, id)).toBe(token);
  expect(await fake.control.loginHistory(PROD_ADMIN)).toEqual([]);
});

test('a superseded token is refused: the old one stays, the diagnosis says why, and "Save anyway" is offered', async ({ app, fake }) => {
  const { id, token } = await addProd(app, fake);
  await fake.control.resetToken(PROD_ADMIN);
  const stale = await latestMail(fake, PROD_ADMIN);
  await fake.control.resetToken(PROD_ADMIN);

  await app.page.getByRole('button', { name: 'Paste new token' }).click();
  await pasteBox(app.page).fill(stale);
  await app.page.getByRole('button', { name: 'Test and save token' }).click();
  await expect(app.page.locator('[data-failure-code="INVALID_LOGIN"]').first()).toContainText('newer reset email');
  await expect(app.page.getByText('The old token is still stored.')).toBeVisible();
  await expect(app.page.getByRole('button', { name: 'Save anyway' })).toBeVisible();
  expect(await storedToken(app, id)).toBe(token);
});

test('copy puts exactly password + token on the clipboard and clears it after the configured time', async ({ app, fake }) => {
  // A short delay for the test (the app's own minimum is 10 s), written where the app reads it.
  openConfSettings(app.dataDir).update((doc) => ({ ...doc, preferences: { ...doc.preferences, clipboardClearSeconds: 2 } }));
  const { password, token } = await addProd(app, fake);
  await app.page.getByRole('button', { name: 'Copy password + token' }).click();
  const status = app.page.getByRole('region', { name: 'Password and token' }).locator('[data-clipboard-state]');
  await expect(status).toHaveAttribute('data-clipboard-state', 'holding');
  await expect(status).toContainText(/clears in \d+ s/);
  expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(password + token);
  expect(await app.page.content()).not.toContain(password);

  await expect(status).toHaveAttribute('data-clipboard-state', 'cleared', { timeout: 10_000 });
  expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe('');
});

test('a clipboard changed by someone else meanwhile is not cleared', async ({ app, fake }) => {
  openConfSettings(app.dataDir).update((doc) => ({ ...doc, preferences: { ...doc.preferences, clipboardClearSeconds: 2 } }));
  await addProd(app, fake);
  await app.page.getByRole('button', { name: 'Copy token' }).click();
  const status = app.page.getByRole('region', { name: 'Password and token' }).locator('[data-clipboard-state]');
  await expect(status).toHaveAttribute('data-clipboard-state', 'holding');
  await app.page.evaluate(() => navigator.clipboard.writeText('my own clipboard text'));
  await expect(status).not.toHaveAttribute('data-clipboard-state', 'holding', { timeout: 10_000 });
  expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe('my own clipboard text');
});

test('Reveal shows a secret on request and masks it again', async ({ app, fake }) => {
  const { password } = await addProd(app, fake);
  await app.page.getByRole('button', { name: 'Reveal password' }).click();
  await expect(app.page.getByText(password, { exact: true })).toBeVisible();
  await app.page.getByRole('button', { name: 'Hide password' }).click();
  await expect(app.page.getByText(password, { exact: true })).toHaveCount(0);
});

test('a new password is proved together with the token emailed after the change, then both are stored', async ({ app, fake }) => {
  const { id } = await addProd(app, fake);
  const newToken = await fake.control.setPassword(PROD_ADMIN, 'Fresh-Password-2027');
  await app.page.getByRole('button', { name: 'Change password' }).click();
  await app.page.getByLabel('New password').fill('Fresh-Password-2027');
  await app.page.getByLabel('Paste the new token email (optional)').fill(await latestMail(fake, PROD_ADMIN));
  await app.page.getByRole('button', { name: 'Test and save password' }).click();
  await expect.poll(async () => secretsFromEntries(await app.keychain(), id).password).toBe('Fresh-Password-2027');
  expect(await storedToken(app, id)).toBe(newToken);
  expect(await app.page.content()).not.toContain('Fresh-Password-2027');
});

test('Reset token opens the org’s Reset My Security Token page, and only on https Salesforce hosts', async ({ app, fake }) => {
  await app.host.core.orgs.add({ alias: 'Acme My Domain', environment: 'custom', customUrl: 'https://acme.my.salesforce.com', username: PROD_ADMIN, password: 'some-pass-1' });
  await app.reload();
  await app.page.getByRole('button', { name: 'Acme My Domain', exact: true }).click();
  await app.page.getByRole('button', { name: 'Reset token' }).click();
  await expect(pasteBox(app.page)).toBeVisible();
  expect(app.host.openedUrls).toEqual(['https://acme.my.salesforce.com/lightning/settings/personal/ResetApiToken/home']);

  // The fake org lives on plain http: OrgKey refuses to open it and says so, and the paste still works.
  await app.page.getByRole('button', { name: 'Back to orgs' }).click();
  await addProd(app, fake);
  await app.page.getByRole('button', { name: 'Reset token' }).click();
  await expect(app.page.locator('[data-error-code="URL_NOT_ALLOWED"]')).toBeVisible();
  await expect(pasteBox(app.page)).toBeVisible();
  expect(app.host.openedUrls).toHaveLength(1);
});
