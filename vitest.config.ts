import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs on in-memory ports only; `integration` touches the real OS keychain,
// real settings files in temp folders, real jsforce and the fake org.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
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
