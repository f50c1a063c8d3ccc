// Lint enforces the process boundaries (docs/ARCHITECTURE.md, "Layers"): the renderer never touches Node or Electron,
// the core never touches Electron, shared/ touches neither, and only ipc.ts / preload.ts may use
// Electron's raw IPC objects, so the typed, sender-checked API is the only way between the processes.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `${name}/*`]);

const noRawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in electron/ipc.ts and electron/preload.ts; go through the typed API.',
};

export default tseslint.config(
  { ignores: ['.tmp/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [noRawIpc] }],
    },
  },
  {
    files: ['electron/ipc.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron/core must run under plain Node (tests, CLI, browser host): use a port.' },
            { name: 'electron-store', message: 'electron-store imports electron; the core uses conf through the SettingsStore port.' },
          ],
        },
      ],
    },
  },
  {
    // Platform adapters (clipboard, system tools) serve the CLI as well as the app's main process.
    files: ['electron/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/platform is plain Node: the CLI uses it too.' }] }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: talk to window.orgkey only.' }, ...builtinModules.map((name) => ({ name, message: 'The renderer has no Node: talk to window.orgkey only.' }))],
          patterns: [{ group: ['node:*', ...nodeBuiltins.filter((n) => n.endsWith('/*'))], message: 'The renderer has no Node: talk to window.orgkey only.' }],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is the contract: no Electron.' }, { name: 'react', message: 'shared/ is the contract: no UI.' }],
          patterns: [{ group: ['node:*'], message: 'shared/ is the contract: no Node APIs.' }],
        },
      ],
    },
  },
);
