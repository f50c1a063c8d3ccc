/**
 * A refreshed sandbox end to end: the fake org refreshes its sandbox, a test from the detail notices
 * the new org id, the detail shows the banner with what a refresh means and what needs attention,
 * and **Confirm refresh** makes the new org id the org's. Waits are on the app's own state.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { credentials, SANDBOX_ADMIN } from '../../tests/support/fake-org';
import { expect, test } from '../fixtures';

const banner = (page: Page) => page.getByRole('region', { name: 'This sandbox was refreshed' });
const stored = (settingsFile: string, id: string) =>
  (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as { orgs: Array<{ id: string; lastSuccessOrgId?: string; sandboxRefresh?: { confirmedAt?: string } }> }).orgs.find((org) => org.id === id)!;

test('a test after a sandbox refresh shows the banner; Confirm refresh keeps the new org id, and the old export stays marked', async ({ app, fake }) => {
  const { core } = app.host;
  const before = await credentials(fake.control, SANDBOX_ADMIN);
  const { org } = await core.orgs.add({ alias: 'Acme UAT', environment: 'custom', customUrl: fake.org.loginUrl, username: SANDBOX_ADMIN, password: before.password, token: before.token });
  expect(await core.tester.test(org.id)).toMatchObject({ ok: true, facts: { orgId: before.orgId } });
  await core.dataloader.export({ id: org.id, folder: path.join(app.homeDir, 'uat'), keyFile: { kind: 'new' }, jobs: [{ operation: 'extract', object: 'Account' }] });

  const { orgId: newId } = await fake.control.refreshSandbox(before.orgId);
  // The admin keeps the production password of the refresh day and the new token (no login yet).
  const after = await credentials(fake.control, SANDBOX_ADMIN);
  await core.tokens.changePassword(org.id, { password: after.password, pasted: after.token, saveAnyway: true });

  await app.reload();
  await app.page.getByRole('button', { name: 'Acme UAT', exact: true }).click();
  await expect(banner(app.page)).toHaveCount(0);
  await app.page.getByRole('button', { name: 'Test connection' }).click();
  const connection = app.page.getByRole('region', { name: 'Connection' });
  await expect(connection.getByText('Connected')).toBeVisible();
  await expect(connection.locator('[data-notice-code="SANDBOX_REFRESHED"]')).toContainText(`org id ${newId}, before ${before.orgId}`);

  await expect(banner(app.page)).toBeVisible();
  await expect(banner(app.page)).toContainText('production user had on the day of the refresh');
  await expect(banner(app.page)).toContainText('“.invalid”');
  await expect(banner(app.page)).toContainText('test.salesforce.com may not find the new sandbox');
  await expect(banner(app.page).locator('[data-refresh-attention="exports"]')).toBeVisible();
  await expect(app.page.locator('[data-before-sandbox-refresh="true"]')).toContainText('before the refresh');
  // Nothing is overwritten before the admin confirms.
  expect(stored(app.settingsFile, org.id).lastSuccessOrgId).toBe(before.orgId);

  await banner(app.page).getByRole('button', { name: 'Confirm refresh' }).click();
  await expect(banner(app.page)).toHaveCount(0);
  await expect(app.page.getByRole('button', { name: 'Edit' })).toBeFocused();
  expect(stored(app.settingsFile, org.id)).toMatchObject({ lastSuccessOrgId: newId, sandboxRefresh: { confirmedAt: expect.any(String) } });
  // The export of the old org still needs its refresh.
  await expect(app.page.locator('[data-before-sandbox-refresh="true"]')).toBeVisible();

  // The next test is quiet, and the banner stays away after a restart.
  await app.page.getByRole('button', { name: 'Test connection' }).click();
  await expect(connection.getByText('Connected')).toBeVisible();
  await expect(connection.locator('[data-notice-code="SANDBOX_REFRESHED"]')).toHaveCount(0);
  await app.restart();
  await app.page.getByRole('button', { name: 'Acme UAT', exact: true }).click();
  await expect(app.page.getByRole('region', { name: 'Connection' })).toBeVisible();
  await expect(banner(app.page)).toHaveCount(0);
});
