/**
 * The leak scan (no secret may leave the keychain unasked): a full scenario through the UI — add
 * an org, a failed test, a successful test, a pasted token, a copy, a Data Loader export, one
 * Reveal, a scheduled check that fails and notifies — then every place a secret could escape to is
 * searched for every password and token used: the settings file, the log, every file in the data
 * folder, the export folder (where sfdc.password must be encrypted), the page's DOM and form values,
 * the console, every payload the API delivered to the page, and every desktop notification. The one
 * Reveal the scenario performs is the only allowed exception. A second scenario does the same for
 * the passwordless methods: a consumer secret, the private keys of a JWT org (current and rotated)
 * and a copied access token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decryptFromDataLoader, readKeyFile } from '../../electron/core/dataloader/codec';
import { getProperty } from '../../electron/core/dataloader/properties';
import { LOG_FILE } from '../../electron/core/logging/file-logger';
import { credentials, PROD_ADMIN } from '../../tests/support/fake-org';
import { readAllFiles } from '../../tests/support/temp';
import { expect, test } from '../fixtures';
import { pageText } from '../page-checks';

test('no password or token escapes anywhere during a full scenario, except the one Reveal', async ({ app, fake }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-leak-export-'));
  const folder = path.join(exportDir, 'acme');

  try {
    const { password, token: firstToken } = await credentials(fake.control, PROD_ADMIN);

    // 1. Add the org through the wizard.
    await page.getByRole('button', { name: /^(Add org|Add your first org)$/ }).first().click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Acme prod');
    await page.getByRole('radio', { name: /^My Domain URL/ }).check();
    await page.getByRole('textbox', { name: 'My Domain URL', exact: true }).fill(fake.org.loginUrl);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Username').fill(PROD_ADMIN);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Security token (optional)').fill(firstToken);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Save org' }).click();
    await expect(page.getByRole('status')).toContainText('Added Acme prod');
    // Test all, whose results come as events rather than answers.
    await page.getByRole('button', { name: 'Test all' }).click();
    await expect(page.getByRole('status')).toContainText('Tested 1 org: 1 OK');
    await page.getByRole('button', { name: 'Acme prod', exact: true }).click();

    // 2. A failed test (the fake org answers with a server error), then a successful one.
    await fake.control.injectFaults({ path: '/services/Soap/u', count: 1, status: 500, body: 'html' });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.locator('[data-failure-code="SERVER_ERROR"]').first()).toBeVisible();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Connected')).toBeVisible();

    // 3. Paste the whole reset email; the new token is proved and stored.
    const newToken = await fake.control.resetToken(PROD_ADMIN);
    const mail = (await fake.control.outbox(PROD_ADMIN)).at(-1)!.text;
    await page.getByRole('button', { name: 'Paste new token' }).click();
    await page.getByLabel('Paste the token or the whole email').fill(mail);
    await page.getByRole('button', { name: 'Test and save token' }).click();
    await expect(page.getByRole('status')).toContainText('New token saved');

    // 4. Copy password + token; what the app put on the clipboard is exactly that.
    await page.getByRole('button', { name: 'Copy password + token' }).click();
    await expect(page.getByRole('region', { name: 'Password and token' }).locator('[data-clipboard-state]')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password + newToken);

    // 5. Export for Data Loader.
    await page.getByRole('button', { name: 'Export for Data Loader…' }).click();
    await page.getByRole('textbox', { name: 'Folder', exact: true }).fill(folder);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByText('Exported and checked')).toBeVisible();

    // 6. The one Reveal, then hide it again.
    const revealsBefore = app.host.ipcPayloads.length;
    await page.getByRole('button', { name: 'Reveal password' }).click();
    await expect(page.getByText(password, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Hide password' }).click();
    await expect(page.getByText(password, { exact: true })).toHaveCount(0);

    // 7. A scheduled check (Check now) that fails, as after a password changed in Salesforce: its
    // desktop notification, the run's status and the org's check history.
    await fake.control.setPassword(PROD_ADMIN, `${password}-changed`);
    await page.getByRole('button', { name: 'Settings' }).click();
    const schedule = page.getByRole('region', { name: 'Scheduled checks' });
    await schedule.getByRole('button', { name: 'Check now' }).click();
    await expect(schedule.locator('[data-schedule-last]')).toContainText('1 org checked: 1 failed');
    await page.getByRole('button', { name: 'Back to orgs' }).click();
    await page.getByRole('button', { name: 'Acme prod', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Check history' }).locator('tr[data-check="failed"]')).not.toHaveCount(0);

    // Let the clipboard be cleared before scanning the page (the app clears it on close as well).
    await app.host.core.clipboard.clearNow();

    // ── The scan ──
    const secrets = { password, firstToken, newToken, combined: password + newToken, changedPassword: `${password}-changed` };
    const findIn = (where: string, text: string) =>
      Object.entries(secrets)
        .filter(([, secret]) => text.includes(secret))
        .map(([name]) => `${name} in ${where}`);
    const leaks: string[] = [];

    // Settings file, log, and every other file in the data folder.
    expect(fs.existsSync(path.join(app.dataDir, LOG_FILE))).toBe(true);
    expect(fs.readFileSync(path.join(app.dataDir, LOG_FILE), 'utf8')).toContain('[dataloader]');
    for (const { file, text } of readAllFiles(app.dataDir)) leaks.push(...findIn(file, text));
    // The export folder: sfdc.password only encrypted, and it decrypts to password + token.
    for (const { file, text } of readAllFiles(exportDir)) leaks.push(...findIn(file, text));
    const config = fs.readFileSync(path.join(folder, 'config.properties'), 'utf8');
    expect(decryptFromDataLoader(getProperty(config, 'sfdc.password')!, readKeyFile(path.join(folder, 'dataLoader.key')))).toBe(password + newToken);
    // The page: markup and field values now, and everything logged to its console.
    leaks.push(...findIn('the page', await pageText(page)));
    leaks.push(...findIn('the page console', consoleLines.join('\n')));
    // Every API answer the page received, error messages included — except the Reveal's own answer.
    const payloads = app.host.ipcPayloads;
    const reveal = payloads.findIndex((entry, i) => i >= revealsBefore && entry.method === 'secrets.reveal');
    expect(reveal).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(payloads[reveal]!.payload)).toContain(password);
    payloads.forEach((entry, i) => {
      if (i !== reveal) leaks.push(...findIn(`the ${entry.method} answer #${i}`, JSON.stringify(entry.payload)));
    });
    expect(payloads.filter((entry) => entry.method === 'secrets.reveal')).toHaveLength(1);
    expect(payloads.some((entry) => !(entry.payload as { ok: boolean }).ok)).toBe(false);
    expect(payloads.length).toBeGreaterThan(15);
    // Every event the page received.
    const events = app.host.eventPayloads;
    events.forEach((entry, i) => leaks.push(...findIn(`the ${entry.name} event #${i}`, JSON.stringify(entry.payload))));
    expect(events.some((entry) => (entry.payload as { kind: string }).kind === 'org-result')).toBe(true);
    expect(events.some((entry) => entry.name === 'schedule.finished')).toBe(true);
    expect(['schedule.get', 'schedule.runNow', 'checks.history'].filter((method) => !payloads.some((entry) => entry.method === method))).toEqual([]);
    // Every desktop notification: seen by anyone near the screen.
    expect(app.host.notifications.map((n) => n.cause)).toContain('login-failing');
    app.host.notifications.forEach((n, i) => leaks.push(...findIn(`notification #${i}`, JSON.stringify(n))));

    expect(leaks).toEqual([]);
  } finally {
    fs.rmSync(exportDir, { recursive: true, force: true });
  }
});

test('no consumer secret, private key or access token escapes during the passwordless methods', async ({ app, fake }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  const { orgId } = await credentials(fake.control, PROD_ADMIN);
  const myDomainUrl = fake.org.orgs.find((org) => org.orgId.slice(0, 15) === orgId.slice(0, 15))!.myDomainUrl;
  const ccApp = await fake.control.createExternalClientApp(orgId, { name: 'OrgKey ETL' });
  await fake.control.patchApp(ccApp.clientId, { clientCredentialsUser: PROD_ADMIN });
  const jwtApp = await fake.control.createExternalClientApp(orgId, { name: 'OrgKey JWT' });

  // 1. A client-credentials org through the wizard, tested.
  await page.getByRole('button', { name: /^(Add org|Add your first org)$/ }).first().click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Acme ETL');
  await page.getByRole('radio', { name: /^My Domain URL/ }).check();
  await page.getByRole('textbox', { name: 'My Domain URL', exact: true }).fill(myDomainUrl);
  await page.getByRole('radio', { name: /^Client credentials \(OAuth\)/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Consumer key').fill(ccApp.clientId);
  await page.getByLabel('Consumer secret').fill(ccApp.clientSecret);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save org' }).click();
  await expect(page.getByRole('status')).toContainText('Added Acme ETL');
  await page.getByRole('button', { name: 'Acme ETL', exact: true }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connected')).toBeVisible();

  // 2. Its access token, copied and read back from the clipboard (the one place it may be).
  await page.getByRole('region', { name: 'Access token' }).getByRole('button', { name: 'Copy access token' }).click();
  await expect(page.getByRole('region', { name: 'Access token' }).locator('[data-clipboard-state]')).toHaveAttribute('data-clipboard-state', 'holding');
  const accessToken = await page.evaluate(() => navigator.clipboard.readText());
  expect(accessToken.length).toBeGreaterThan(20);
  await app.host.core.clipboard.clearNow();

  // 3. A JWT org through the wizard; its certificate uploaded, tested, its key rotated.
  await page.getByRole('button', { name: 'Back to orgs' }).click();
  await page.getByRole('button', { name: 'Add org' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Acme JWT');
  await page.getByRole('radio', { name: /^My Domain URL/ }).check();
  await page.getByRole('textbox', { name: 'My Domain URL', exact: true }).fill(fake.org.loginUrl);
  await page.getByRole('radio', { name: /^JWT bearer \(certificate\)/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Username').fill(PROD_ADMIN);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Consumer key').fill(jwtApp.clientId);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save org' }).click();
  await expect(page.getByRole('status')).toContainText('Added Acme JWT');
  const certificate = page.getByRole('region', { name: 'Certificate' });
  await certificate.getByRole('button', { name: 'Copy PEM' }).click();
  await expect(certificate.getByText('Copied.')).toBeVisible();
  await fake.control.patchApp(jwtApp.clientId, { certificate: await page.evaluate(() => navigator.clipboard.readText()), preAuthorizedUsers: [PROD_ADMIN] });
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connected')).toBeVisible();
  await certificate.getByRole('button', { name: 'Rotate key' }).click();
  await expect(certificate.locator('[data-pending-certificate]')).toBeVisible();

  // ── The scan ──
  const keys = (await app.keychain()).filter((entry) => /:(privateKey|pendingPrivateKey)$/.test(entry.account));
  expect(keys).toHaveLength(2);
  // A PEM key's body, without the armour lines every PEM shares.
  const keyBodies = keys.map((entry) => entry.password.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''));
  const secrets: Record<string, string> = { consumerSecret: ccApp.clientSecret, accessToken, privateKey: keyBodies[0]!, pendingPrivateKey: keyBodies[1]! };
  // A key's body also holds its public modulus, which the certificate carries too: look for a run
  // from its end (primes, exponents, coefficient), which only the private key has.
  const privatePart = (secret: string) => (secret.length > 600 ? secret.slice(-400, -320) : secret);
  const findIn = (where: string, text: string) => {
    const flat = text.replace(/\\n|\s+/g, '');
    return Object.entries(secrets)
      .filter(([, secret]) => text.includes(secret) || flat.includes(privatePart(secret)))
      .map(([name]) => `${name} in ${where}`);
  };
  const leaks: string[] = [];
  for (const { file, text } of readAllFiles(app.dataDir)) leaks.push(...findIn(file, text));
  leaks.push(...findIn('the page', await pageText(page)));
  leaks.push(...findIn('the page console', consoleLines.join('\n')));
  app.host.ipcPayloads.forEach((entry, i) => leaks.push(...findIn(`the ${entry.method} answer #${i}`, JSON.stringify(entry.payload))));
  app.host.eventPayloads.forEach((entry, i) => leaks.push(...findIn(`the ${entry.name} event #${i}`, JSON.stringify(entry.payload))));
  expect(app.host.ipcPayloads.some((entry) => entry.method === 'certificates.get')).toBe(true);
  expect(app.host.ipcPayloads.some((entry) => entry.method === 'secrets.copy')).toBe(true);
  expect(leaks).toEqual([]);
});
