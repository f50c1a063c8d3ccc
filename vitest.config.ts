import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs on in-memory ports only; `integration` touches the real OS keychain,
// real settings files in temp folders, real jsforce and the fake org.
// electron-store is run through vitest rather than Node, so that a test which stands in for
// Electron (`vi.mock('electron', …)`, tests/support/electron.ts) reaches electron-store's import too.
const server = { deps: { inline: ['electron-store'] } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          server,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          server,
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // The keychain and the fake org are shared resources: one file at a time keeps
          // failures readable and lockout counters independent.
          fileParallelism: false,
        },
      },
    ],
  },
});
