import { defineConfig } from '@playwright/test';

// Two hosts run the same app: the browser host (built renderer in Debian's Chromium, real core)
// everywhere, and the Electron host where Electron's binary is installed (DESIGN.md "Two hosts").
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'browser-host', testMatch: 'specs/**/*.spec.ts' },
    { name: 'electron-host', testMatch: 'electron/**/*.spec.ts' },
  ],
});
