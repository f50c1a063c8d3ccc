/**
 * The Electron host: the real app window, driven by Playwright's Electron support. Runs where
 * Electron's binary is installed; elsewhere it reports why it was skipped (the browser host covers
 * the same flow there, over the same handler table).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinaryPath } from '../../scripts/electron-binary.mjs';
import { keychainEntries, purgeKeychain } from '../../tests/support/keychain';

const binary = electronBinaryPath();
test.skip(!binary, 'skipped: Electron binary not installed (its download host is not reachable here); the browser host runs this flow');

test('adds an org in the real window and finds it again after a restart', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-electron-'));
  const keychainService = `OrgKey-e2e-electron-${randomBytes(4).toString('hex')}`;
  const launch = () =>
    electron.launch({
      executablePath: binary!,
      args: [path.resolve('.'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, ORGKEY_DATA_DIR: dataDir, ORGKEY_KEYCHAIN_SERVICE: keychainService } as Record<string, string>,
    });
  try {
    let app = await launch();
    let page = await app.firstWindow();
    await page.waitForFunction(() => document.documentElement.dataset.orgkeyReady === 'true');
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');

    await page.getByRole('button', { name: 'Add your first org' }).click();
    await page.getByLabel('Name').fill('Electron prod');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Username').fill('admin@acme.com');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password', { exact: true }).fill('Electron-pass-1');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Save org' }).click();
    await expect(page.getByRole('button', { name: 'Electron prod' })).toBeVisible();
    await app.close();

    app = await launch();
    page = await app.firstWindow();
    await expect(page.getByRole('button', { name: 'Electron prod' })).toBeVisible();
    expect((await keychainEntries(keychainService)).map((e) => e.password)).toEqual(['Electron-pass-1']);
    await app.close();
  } finally {
    await purgeKeychain(keychainService);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
