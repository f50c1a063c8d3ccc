// Lint enforces the process boundaries (docs/ARCHITECTURE.md, "Layers"): the renderer never touches Node or Electron,
// the core never touches Electron, shared/ touches neither, and only ipc.ts / preload.ts may use
// Electron's raw IPC objects, so the typed, sender-checked API is the only way between the processes.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import layers from './eslint-rules/layers.js';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `${name}/*`]);

const PRODUCTION = ['electron/**', 'cli/**', 'renderer/**', 'shared/**'];

/** Which folder may import which (eslint-rules/layers.js); an import is judged by the first layer it breaks. */
const LAYERS = [
  {
    files: PRODUCTION,
    deny: ['tests/**', 'e2e/**', 'bench/**'],
    message: 'Production code never imports tests/, e2e/ or bench/',
  },
  {
    files: PRODUCTION,
    ignores: ['electron/core/connection/salesforce.ts'],
    denyPackages: ['jsforce'],
    message: 'Only the jsforce gateway, electron/core/connection/salesforce.ts, imports jsforce: the rest of the core reaches Salesforce through the SalesforceGateway port',
  },
  {
    files: ['renderer/**'],
    allow: ['renderer/**', 'shared/**'],
    message: 'renderer/ imports only its own files and shared/: it reaches the core through window.orgkey',
  },
  {
    files: ['shared/**'],
    allow: ['shared/**'],
    packages: ['zod'],
    message: 'shared/ is the contract: it imports only its own files and zod',
  },
  {
    files: ['electron/core/**'],
    allow: ['electron/core/**', 'shared/**'],
    message: 'electron/core imports only its own files and shared/: Electron, the platform adapters and the front ends reach it through its ports',
  },
  {
    files: ['electron/platform/**'],
    allow: ['electron/platform/**', 'shared/**'],
    message: 'electron/platform holds plain-Node adapters the CLI shares: it imports only its own files and shared/',
  },
  {
    files: ['cli/**'],
    allow: ['cli/**', 'shared/**', 'electron/platform/**', 'electron/core/index.ts', 'package.json'],
    message: 'cli/ reaches the core only through its entry, electron/core/index.ts, and otherwise imports only its own files, shared/ and electron/platform/',
  },
];

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
    plugins: { orgkey: { rules: { layers } } },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'orgkey/layers': ['error', { layers: LAYERS }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [noRawIpc] }],
      // `import { z }` is zod's whole namespace object, which no bundler can trim: `orgkey` would carry
      // all of zod (about 750 kB, locales and JSON Schema included) and parse it at every start, a
      // start the README's Performance budget holds. `import * as z` keeps only what is used.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Import zod as a namespace (import * as z from 'zod'): `{ z }` bundles all of zod into `orgkey`.",
        },
      ],
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
);
