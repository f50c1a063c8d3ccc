/**
 * A damaged settings file at start: the app still opens, says the file was set aside and where,
 * and the old file is still on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '../fixtures';

test('the app starts on a damaged settings file and says where the old one was kept', async ({ app }) => {
  fs.writeFileSync(app.settingsFile, '{"schemaVersion":3,"orgs":[{"alias":"Cut sh');
  const page = await app.restart();

  const banner = page.locator('[data-settings-recovery]');
  await expect(banner).toContainText('settings file was damaged');
  const kept = fs.readdirSync(app.dataDir).find((name) => name.startsWith('settings.damaged-'));
  expect(kept).toBeDefined();
  await expect(banner).toContainText(path.join(app.dataDir, kept!));
  expect(fs.readFileSync(path.join(app.dataDir, kept!), 'utf8')).toBe('{"schemaVersion":3,"orgs":[{"alias":"Cut sh');
  await expect(page.getByRole('heading', { name: 'No orgs yet' })).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
});
