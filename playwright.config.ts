import { defineConfig } from '@playwright/test';

// Two hosts run the same app: the browser host (built renderer in Debian's Chromium, real core)
// everywhere, and the Electron host where Electron's binary is installed (docs/ARCHITECTURE.md,
// "Processes").
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  // One worker in CI: its machines have two cores, and two Chromiums plus the fake org and the core
  // on them made each test three times slower without finishing the suite any sooner.
  workers: process.env.CI ? 1 : undefined,
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
