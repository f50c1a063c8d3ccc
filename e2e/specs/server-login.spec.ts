/**
 * Client credentials and JWT bearer end to end on the browser host: the wizard through a test
 * against the fake org (its My Domain host for client credentials; the certificate OrgKey made,
 * uploaded through the control API, for JWT), a password org switched over with its old secrets
 * kept until the new method is proved, a key rotated, and an access token copied and used against
 * the fake org's REST API. Waits are on the app's and the fake org's own state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openConfSettings } from '../../electron/core/settings/store';
import { adminOrg, clientCredentialsApp, PROD_ADMIN } from '../../tests/support/fake-org';
import { expect, test } from '../fixtures';
import { storedKinds } from '../../tests/support/org-secrets';

// Logins, key generation and the REST call: more steps than most specs.
test.describe.configure({ timeout: 120_000 });

const nameField = (page: Page) => page.getByRole('textbox', { name: 'Name', exact: true });
const urlField = (page: Page) => page.getByRole('textbox', { name: 'My Domain URL', exact: true });
const connection = (page: Page) => page.getByRole('region', { name: 'Connection' });
const certificateRegion = (page: Page) => page.getByRole('region', { name: 'Certificate' });
const loginMethod = (page: Page) => page.getByRole('region', { name: 'Login method' });

async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

async function testConnection(page: Page) {
  await connection(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(connection(page).locator('[data-test-result]')).toBeVisible();
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test('a client-credentials org needs its My Domain (said next to the field, nothing lost), then a test shows the Run As user', async ({ app, fake }) => {
  const { page } = app;
  const eca = await clientCredentialsApp(fake);

  await page.getByRole('button', { name: 'Add your first org' }).click();
  await nameField(page).fill('Acme ETL');
  await page.getByRole('radio', { name: /^Client credentials \(OAuth\)/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  // Production is no host for this grant: the message is at the environment, with its reason.
  const environment = page.getByRole('group', { name: 'Environment' });
  await expect(environment).toHaveAccessibleDescription(/Choose “My Domain URL” .*request not supported on this domain/);
  await expect(page.getByRole('radio', { name: /^Production/ })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Step 1 of 4: Where' })).toBeVisible();
  await expect(nameField(page)).toHaveValue('Acme ETL');
  await expect(page.getByRole('radio', { name: /^Client credentials \(OAuth\)/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page, 'wizard: client credentials without My Domain');

  // A standard host typed as the My Domain URL is named as such.
  await page.getByRole('radio', { name: /^My Domain URL/ }).check();
  await urlField(page).fill('https://login.salesforce.com');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(urlField(page)).toHaveAccessibleDescription(/Enter the org’s own My Domain URL/);
  await expect(urlField(page)).toHaveValue('https://login.salesforce.com');
  await urlField(page).fill(eca.myDomainUrl);
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Step 2 of 4: Who' })).toBeVisible();
  await expect(page.locator('[data-run-as-note]')).toContainText('Run As');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Step 3 of 4: App' })).toBeVisible();
  const steps = page.getByRole('list', { name: 'In Salesforce:' });
  for (const label of ['External Client App Manager', 'Enable OAuth', 'Manage user data via APIs (api)', 'Enable Client Credentials Flow', 'Run As', 'API Only User', 'Consumer Key and Secret', 'My Domain']) {
    await expect(steps).toContainText(label);
  }
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Consumer key')).toHaveAccessibleDescription(/consumer key of the External Client App/);
  await page.getByLabel('Consumer key').fill(eca.clientId);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Consumer secret')).toHaveAccessibleDescription(/consumer secret/);
  await page.getByLabel('Consumer secret').fill(eca.clientSecret);
  await expectNoSeriousA11yViolations(page, 'wizard: client credentials app step');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('The app’s Run As user (a test shows it)')).toBeVisible();
  await page.getByRole('button', { name: 'Save org' }).click();
  await expect(page.getByRole('status')).toContainText('Added Acme ETL');

  await page.getByRole('button', { name: 'Acme ETL', exact: true }).click();
  await expect(page.locator('dd[data-username-from="test"]')).toContainText('Not known yet');
  await expect(page.locator('dd[data-readiness]')).toHaveAttribute('data-readiness', 'client-credentials');
  await expect(page.getByRole('region', { name: 'Password and token' })).toHaveCount(0);
  await testConnection(page);
  await expect(connection(page).locator('[data-test-result]')).toHaveAttribute('data-test-result', 'ok');
  await expect(connection(page)).toContainText('Client credentials flow');
  await expect(page.locator('dd[data-username-from="test"]')).toHaveText(PROD_ADMIN);
  await expectNoSeriousA11yViolations(page, 'detail: client-credentials org');

  // The secret is in the keychain only.
  expect(storedKinds(await app.keychain())).toEqual([['clientSecret', eca.clientSecret]]);
  expect(fs.readFileSync(app.settingsFile, 'utf8')).not.toContain(eca.clientSecret);
});

test('a JWT org added in the wizard logs in once its certificate is in the app and the user pre-authorized', async ({ app, fake }) => {
  const { page } = app;
  const { orgId } = await adminOrg(fake);
  const eca = await fake.control.createExternalClientApp(orgId, { name: 'OrgKey JWT' });

  await page.getByRole('button', { name: 'Add your first org' }).click();
  await nameField(page).fill('Acme JWT');
  await page.getByRole('radio', { name: /^My Domain URL/ }).check();
  await urlField(page).fill(fake.org.loginUrl);
  await page.getByRole('radio', { name: /^JWT bearer \(certificate\)/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Username')).toHaveAccessibleDescription(/pre-authorized in the app’s policies/);
  await page.getByLabel('Username').fill(PROD_ADMIN);
  await page.getByRole('button', { name: 'Next' }).click();
  const steps = page.getByRole('list', { name: 'In Salesforce:' });
  for (const label of ['Enable JWT Bearer Flow', 'Upload Files', 'Download .crt', 'Copy PEM', 'Admin approved users are pre-authorized', 'Select Profiles']) {
    await expect(steps).toContainText(label);
  }
  await page.getByLabel('Consumer key').fill(eca.clientId);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save org' }).click();
  await expect(page.getByRole('status')).toContainText('Added Acme JWT. Upload its certificate');

  // The certificate: its facts, Copy PEM (the page's clipboard), Download .crt (the scripted save dialog).
  const certificate = certificateRegion(page).locator('[data-certificate="current"]');
  await expect(certificate).toContainText('Fingerprint (SHA-256)');
  await certificate.getByRole('button', { name: 'Copy PEM' }).click();
  await expect(certificate.getByText('Copied.')).toBeVisible();
  const pem = await clipboard(page);
  expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/);
  const saveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-e2e-crt-'));
  try {
    const file = path.join(saveDir, 'acme.crt');
    app.dialogs.answerNext(file);
    await certificate.getByRole('button', { name: 'Download .crt' }).click();
    await expect(certificate).toContainText(`Saved to ${file}`);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(pem.trim());
  } finally {
    fs.rmSync(saveDir, { recursive: true, force: true });
  }
  await expectNoSeriousA11yViolations(page, 'detail: JWT org');

  // Not yet in the app: the test says so. Then upload it and pre-authorize the user.
  await testConnection(page);
  await expect(connection(page).locator('[data-test-result]')).toHaveAttribute('data-test-result', 'failed');
  await fake.control.patchApp(eca.clientId, { certificate: pem, preAuthorizedUsers: [PROD_ADMIN] });
  await testConnection(page);
  await expect(connection(page).locator('[data-test-result]')).toHaveAttribute('data-test-result', 'ok');
  await expect(connection(page)).toContainText('JWT bearer flow');

  const kinds = storedKinds(await app.keychain()).map(([kind]) => kind);
  expect(kinds).toEqual(['privateKey']);
  const privateKey = (await app.keychain())[0]!.password;
  expect(fs.readFileSync(app.settingsFile, 'utf8')).not.toContain(privateKey.slice(40, 120));
});

test('a password org switched to client credentials keeps its password until a test proves the switch, then deletes it when asked', async ({ app, fake }) => {
  const { page } = app;
  const eca = await clientCredentialsApp(fake);
  const { org } = await app.host.core.orgs.add({ alias: 'Legacy', environment: 'custom', customUrl: fake.org.loginUrl, username: PROD_ADMIN, password: eca.password, token: eca.token });
  await app.reload();
  await page.getByRole('button', { name: 'Legacy', exact: true }).click();

  await loginMethod(page).getByRole('button', { name: 'Switch to Client credentials (OAuth)' }).click();
  const form = page.getByRole('form', { name: 'Edit details' });
  await expect(form.getByRole('radio', { name: /^Client credentials \(OAuth\)/ })).toBeChecked();
  await expect(form.locator('[data-switching-to="client-credentials"]')).toContainText('OrgKey keeps the password and security token in the keychain until a test proves Client credentials (OAuth)');
  // The password org logs in on the fake org's generic host; client credentials need the org's own My Domain host.
  await form.getByRole('textbox', { name: 'My Domain URL', exact: true }).fill(eca.myDomainUrl);
  await form.getByLabel('Consumer key').fill(eca.clientId);
  await form.getByLabel('Consumer secret').fill(eca.clientSecret);
  await form.getByRole('button', { name: 'Save changes' }).click();

  await expect(loginMethod(page).locator('[data-previous-secrets="kept"]')).toContainText('previous secrets kept until the new method is proved');
  await expect(loginMethod(page).getByRole('button', { name: 'Delete old secrets' })).toHaveCount(0);
  const kindsNow = async () => storedKinds(await app.keychain()).map(([kind]) => kind).sort();
  expect(await kindsNow()).toEqual(['clientSecret', 'password', 'token']);

  await testConnection(page);
  await expect(connection(page).locator('[data-test-result]')).toHaveAttribute('data-test-result', 'ok');
  await expect(loginMethod(page).locator('[data-previous-secrets="proved"]')).toBeVisible();
  await loginMethod(page).getByRole('button', { name: 'Delete old secrets' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete the old secrets?' });
  await expect(dialog).toContainText('OrgKey will delete the password and security token from the system keychain');
  await dialog.getByRole('button', { name: 'Delete old secrets' }).click();
  await expect(page.getByRole('status')).toContainText('Old secrets deleted from the keychain');
  await expect(loginMethod(page).locator('[data-previous-secrets]')).toHaveCount(0);
  expect(await kindsNow()).toEqual(['clientSecret']);
  expect(app.host.core.orgs.list().find((o) => o.id === org.id)).toMatchObject({ auth: 'client-credentials', clientId: eca.clientId });
});

test('Rotate key shows the new certificate to upload; a test with it makes it current, and Cancel rotation keeps the old', async ({ app, fake }) => {
  const { page } = app;
  const { orgId } = await adminOrg(fake);
  const eca = await fake.control.createExternalClientApp(orgId, { name: 'OrgKey JWT' });
  await app.host.core.orgs.add({ alias: 'Acme JWT', environment: 'custom', customUrl: fake.org.loginUrl, auth: 'jwt', username: PROD_ADMIN, password: '', clientId: eca.clientId });
  await app.reload();
  await page.getByRole('button', { name: 'Acme JWT', exact: true }).click();
  const current = certificateRegion(page).locator('[data-certificate="current"]');
  await current.getByRole('button', { name: 'Copy PEM' }).click();
  await expect(current.getByText('Copied.')).toBeVisible();
  const firstPem = await clipboard(page);
  const firstFingerprint = await current.getAttribute('data-fingerprint');
  await fake.control.patchApp(eca.clientId, { certificate: firstPem, preAuthorizedUsers: [PROD_ADMIN] });
  await testConnection(page);
  await expect(connection(page).locator('[data-test-result]')).toHaveAttribute('data-test-result', 'ok');

  // A rotation cancelled: the old certificate stays current.
  await certificateRegion(page).getByRole('button', { name: 'Rotate key' }).click();
  await expect(certificateRegion(page).locator('[data-pending-certificate]')).toBeVisible();
  await expect(certificateRegion(page).getByRole('button', { name: 'Cancel rotation' })).toBeFocused();
  await certificateRegion(page).getByRole('button', { name: 'Cancel rotation' }).click();
  await expect(certificateRegion(page).locator('[data-pending-certificate]')).toHaveCount(0);
  await expect(current).toHaveAttribute('data-fingerprint', firstFingerprint!);

  // A rotation proved: the new certificate, uploaded, becomes current after a test that works.
  await certificateRegion(page).getByRole('button', { name: 'Rotate key' }).click();
  const pending = certificateRegion(page).locator('[data-certificate="pending"]');
  await expect(pending).toBeVisible();
  const newFingerprint = await pending.getAttribute('data-fingerprint');
  expect(newFingerprint).not.toBe(firstFingerprint);
  await pending.getByRole('button', { name: 'Copy new PEM' }).click();
  await expect(pending.getByText('Copied.')).toBeVisible();
  const newPem = await clipboard(page);
  expect(newPem).not.toBe(firstPem);
  await expectNoSeriousA11yViolations(page, 'detail: rotation under way');
  await fake.control.patchApp(eca.clientId, { certificate: newPem });
  await testConnection(page);
  await expect(connection(page).locator('[data-test-result]')).toHaveAttribute('data-test-result', 'ok');
  await expect(certificateRegion(page).locator('[data-pending-certificate]')).toHaveCount(0);
  await expect(current).toHaveAttribute('data-fingerprint', newFingerprint!);
  expect(storedKinds(await app.keychain()).map(([kind]) => kind)).toEqual(['privateKey']);
});

test('Copy access token puts a working session on the clipboard, never in the window, and clears it', async ({ app, fake }) => {
  const { page } = app;
  // A short delay for the test (the app's own minimum is 10 s), written where the app reads it.
  openConfSettings(app.dataDir).update((doc) => ({ ...doc, preferences: { ...doc.preferences, clipboardClearSeconds: 3 } }));
  const eca = await clientCredentialsApp(fake);
  await app.host.core.orgs.add({ alias: 'Acme ETL', environment: 'custom', customUrl: eca.myDomainUrl, auth: 'client-credentials', username: '', password: '', clientId: eca.clientId, clientSecret: eca.clientSecret });
  await app.reload();
  await page.getByRole('button', { name: 'Acme ETL', exact: true }).click();

  const region = page.getByRole('region', { name: 'Access token' });
  await region.getByRole('button', { name: 'Copy access token' }).click();
  const status = region.locator('[data-clipboard-state]');
  await expect(status).toHaveAttribute('data-clipboard-state', 'holding');
  await expect(status).toContainText(/Copied access token — clipboard clears in \d+ s/);
  const accessToken = await clipboard(page);
  expect(accessToken.length).toBeGreaterThan(20);
  expect(await page.content()).not.toContain(accessToken);
  expect(JSON.stringify(app.host.ipcPayloads)).not.toContain(accessToken);

  // It is a live session: the fake org's REST API takes it.
  const limits = await fetch(`${eca.myDomainUrl}/services/data/v64.0/limits`, { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(limits.status).toBe(200);

  await expect(status).toHaveAttribute('data-clipboard-state', 'cleared', { timeout: 15_000 });
  expect(await clipboard(page)).toBe('');
});

test('a certificate within 30 days of its expiry is warned about in the detail, with the way to rotate', async ({ app, fake }) => {
  const { orgId } = await adminOrg(fake);
  const eca = await fake.control.createExternalClientApp(orgId, { name: 'OrgKey JWT' });
  const { org } = await app.host.core.orgs.add({ alias: 'Acme JWT', environment: 'custom', customUrl: fake.org.loginUrl, auth: 'jwt', username: PROD_ADMIN, password: '', clientId: eca.clientId });
  const notAfter = Date.parse(org.certificate!.notAfter);
  const page = app.page;

  // A day well within its life: no warning.
  await page.clock.setFixedTime(new Date(notAfter - 90 * 86_400_000));
  await app.reload();
  await page.getByRole('button', { name: 'Acme JWT', exact: true }).click();
  const current = certificateRegion(page).locator('[data-certificate="current"]');
  await expect(current).toBeVisible();
  await expect(current.locator('[data-notice-code]')).toHaveCount(0);

  // Ten days before: the warning, its date and what to do.
  await page.clock.setFixedTime(new Date(notAfter - 10 * 86_400_000));
  await app.reload();
  await page.getByRole('button', { name: 'Acme JWT', exact: true }).click();
  await expect(current.locator('[data-notice-code="CERTIFICATE_EXPIRING"]')).toContainText(/expires on .* \(in 10 days\)\. Rotate the key/);
  await expect(current.locator('[data-certificate-state]')).toHaveAttribute('data-certificate-state', 'expiring');
});
