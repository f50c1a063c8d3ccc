/** The process-boundary lint rules fire where docs/ARCHITECTURE.md ("Layers") says they must. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messagesOf(ruleId: string, code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = (result?.messages ?? []).filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

const restrictedImports = (code: string, filePath: string) => messagesOf('no-restricted-imports', code, filePath);
const layerMessages = (code: string, filePath: string) => messagesOf('orgkey/layers', code, filePath);

describe('process boundaries', () => {
  it('keep electron out of the core', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const a = app;\n", 'electron/core/probe.ts')).toHaveLength(1);
    expect(await restrictedImports("import Store from 'electron-store';\nexport const s = Store;\n", 'electron/core/probe.ts')).toHaveLength(1);
  });

  it('keep electron out of the platform adapters the CLI shares', async () => {
    expect(await restrictedImports("import { clipboard } from 'electron';\nexport const c = clipboard;\n", 'electron/platform/clipboard/probe.ts')).toHaveLength(1);
  });

  it('keep Node and Electron out of the renderer', async () => {
    for (const source of ["import fs from 'node:fs';", "import fs from 'fs';", "import { shell } from 'electron';", "import p from 'path/posix';"]) {
      expect(await restrictedImports(`${source}\nexport const x = 1;\n`, 'renderer/probe.tsx'), source).not.toHaveLength(0);
    }
  });

  it('allow raw IPC only in ipc.ts and preload.ts', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n";
    expect(await restrictedImports(code, 'electron/main.ts')).toHaveLength(1);
    expect(await restrictedImports(code, 'electron/ipc.ts')).toHaveLength(0);
  });
});

const RENDERER = 'renderer/ imports only its own files and shared/: it reaches the core through window.orgkey';
const SHARED = 'shared/ is the contract: it imports only its own files and zod';
const CORE = 'electron/core imports only its own files and shared/: Electron, the platform adapters and the front ends reach it through its ports';
const PLATFORM = 'electron/platform holds plain-Node adapters the CLI shares: it imports only its own files and shared/';
const CLI = 'cli/ reaches the core only through its entry, electron/core/index.ts, and otherwise imports only its own files, shared/ and electron/platform/';
const PRODUCTION = 'Production code never imports tests/, e2e/ or bench/';
const JSFORCE = 'Only the jsforce gateway, electron/core/connection/salesforce.ts, imports jsforce: the rest of the core reaches Salesforce through the SalesforceGateway port';

/** `import { x } from '<specifier>'` in a file at `filePath`: the one layer message it gets, or none. */
async function importing(specifier: string, filePath: string): Promise<string[]> {
  return layerMessages(`import { x } from '${specifier}';\nexport const y = x;\n`, filePath);
}

describe('layers', () => {
  it('keep the renderer to its own files and shared/', async () => {
    expect(await importing('../electron/core', 'renderer/probe.tsx')).toEqual([`${RENDERER} ('../electron/core' is electron/core/index.ts).`]);
    expect(await importing('../../electron/handlers', 'renderer/views/probe.tsx')).toEqual([`${RENDERER} ('../../electron/handlers' is electron/handlers.ts).`]);
    expect(await importing('../../cli/errors', 'renderer/lib/probe.ts')).toEqual([`${RENDERER} ('../../cli/errors' is cli/errors.ts).`]);
    expect(await importing('../../shared/domain', 'renderer/lib/probe.ts')).toEqual([]);
    expect(await importing('./format', 'renderer/lib/probe.ts')).toEqual([]);
  });

  it('keep shared/ to its own files and zod', async () => {
    expect(await importing('../electron/core/errors', 'shared/probe.ts')).toEqual([`${SHARED} ('../electron/core/errors' is electron/core/errors.ts).`]);
    expect(await importing('../renderer/lib/format', 'shared/probe.ts')).toEqual([`${SHARED} ('../renderer/lib/format' is renderer/lib/format.ts).`]);
    expect(await importing('node:fs', 'shared/probe.ts')).toEqual([`${SHARED} ('node:fs' is the package node:fs).`]);
    expect(await importing('react', 'shared/probe.ts')).toEqual([`${SHARED} ('react' is the package react).`]);
    expect(await importing('zod', 'shared/probe.ts')).toEqual([]);
    expect(await importing('./domain', 'shared/probe.ts')).toEqual([]);
  });

  it('keep the core off the Electron glue, the platform adapters, the front ends', async () => {
    expect(await importing('../app', 'electron/core/probe.ts')).toEqual([`${CORE} ('../app' is electron/app.ts).`]);
    expect(await importing('../../settings-electron-store', 'electron/core/settings/probe.ts')).toEqual([
      `${CORE} ('../../settings-electron-store' is electron/settings-electron-store.ts).`,
    ]);
    expect(await importing('../platform/system-tools', 'electron/core/probe.ts')).toEqual([`${CORE} ('../platform/system-tools' is electron/platform/system-tools.ts).`]);
    expect(await importing('../../cli/errors', 'electron/core/probe.ts')).toEqual([`${CORE} ('../../cli/errors' is cli/errors.ts).`]);
    expect(await importing('../../renderer/lib/format', 'electron/core/probe.ts')).toEqual([`${CORE} ('../../renderer/lib/format' is renderer/lib/format.ts).`]);
    expect(await importing('../errors', 'electron/core/connection/probe.ts')).toEqual([]);
    expect(await importing('../../shared/domain', 'electron/core/probe.ts')).toEqual([]);
  });

  it('keep the platform adapters to their own files and shared/', async () => {
    expect(await importing('../../app', 'electron/platform/clipboard/probe.ts')).toEqual([`${PLATFORM} ('../../app' is electron/app.ts).`]);
    expect(await importing('../../cli/errors', 'electron/platform/probe.ts')).toEqual([`${PLATFORM} ('../../cli/errors' is cli/errors.ts).`]);
    expect(await importing('../system-tools', 'electron/platform/clipboard/probe.ts')).toEqual([]);
  });

  it('let the CLI reach the core only through its entry, however the path is written', async () => {
    const internals = {
      '../electron/core/errors': 'electron/core/errors.ts',
      '../electron/core/errors.js': 'electron/core/errors.ts',
      '../electron/core/../core/ports': 'electron/core/ports.ts',
      './../electron/core/secrets/accounts': 'electron/core/secrets/accounts.ts',
      '../cli/../electron/core/paths': 'electron/core/paths.ts',
    };
    for (const [specifier, file] of Object.entries(internals)) {
      expect(await importing(specifier, 'cli/probe.ts')).toEqual([`${CLI} ('${specifier}' is ${file}).`]);
    }
    expect(await importing('../../electron/core/oauth/browser-login', 'cli/commands/probe.ts')).toEqual([
      `${CLI} ('../../electron/core/oauth/browser-login' is electron/core/oauth/browser-login.ts).`,
    ]);
    expect(await importing('../electron/app', 'cli/probe.ts')).toEqual([`${CLI} ('../electron/app' is electron/app.ts).`]);
    expect(await importing('../renderer/lib/format', 'cli/probe.ts')).toEqual([`${CLI} ('../renderer/lib/format' is renderer/lib/format.ts).`]);
    for (const allowed of ['../electron/core', '../electron/core/index', '../electron/platform/system-tools', '../shared/domain', './errors', '../package.json']) {
      expect(await importing(allowed, 'cli/probe.ts'), allowed).toEqual([]);
    }
    expect(await importing('../../electron/core', 'cli/commands/probe.ts')).toEqual([]);
  });

  it('judge every way of importing: type-only, re-export, dynamic import, require', async () => {
    const file = 'cli/probe.ts';
    const target = `('../electron/core/ports' is electron/core/ports.ts).`;
    expect(await layerMessages("import type { Clock } from '../electron/core/ports';\nexport type C = Clock;\n", file)).toEqual([`${CLI} ${target}`]);
    expect(await layerMessages("export { systemClock } from '../electron/core/ports';\n", file)).toEqual([`${CLI} ${target}`]);
    expect(await layerMessages("export * from '../electron/core/ports';\n", file)).toEqual([`${CLI} ${target}`]);
    expect(await layerMessages("export const load = () => import('../electron/core/ports');\n", file)).toEqual([`${CLI} ${target}`]);
    expect(await layerMessages("export type P = typeof import('../electron/core/ports');\n", file)).toEqual([`${CLI} ${target}`]);
    expect(await layerMessages("import ports = require('../electron/core/ports');\nexport const c = ports.systemClock;\n", file)).toEqual([`${CLI} ${target}`]);
  });

  it('keep tests, e2e and the bench out of production code', async () => {
    expect(await importing('../tests/support/temp', 'electron/probe.ts')).toEqual([`${PRODUCTION} ('../tests/support/temp' is tests/support/temp.ts).`]);
    expect(await importing('../../e2e/fake-org', 'electron/core/probe.ts')).toEqual([`${PRODUCTION} ('../../e2e/fake-org' is e2e/fake-org/index.ts).`]);
    expect(await importing('../bench/seed', 'cli/probe.ts')).toEqual([`${PRODUCTION} ('../bench/seed' is bench/seed.ts).`]);
    expect(await importing('../../tests/support/temp', 'renderer/lib/probe.ts')).toEqual([`${PRODUCTION} ('../../tests/support/temp' is tests/support/temp.ts).`]);
    expect(await importing('../tests/support/temp', 'shared/probe.ts')).toEqual([`${PRODUCTION} ('../tests/support/temp' is tests/support/temp.ts).`]);
    // Tests, e2e and the bench themselves import what they test.
    expect(await importing('../../electron/core/errors', 'tests/unit/probe.test.ts')).toEqual([]);
  });

  it('let only the jsforce gateway import jsforce', async () => {
    const code = "import type { Connection } from 'jsforce';\nexport type C = Connection;\n";
    expect(await layerMessages(code, 'electron/core/connection/salesforce.ts')).toEqual([]);
    expect(await layerMessages(code, 'electron/core/connection/tester.ts')).toEqual([`${JSFORCE} ('jsforce' is the package jsforce).`]);
    expect(await importing('jsforce/lib/transport', 'electron/core/connection/jsforce-gateway.ts')).toEqual([`${JSFORCE} ('jsforce/lib/transport' is the package jsforce).`]);
    expect(await layerMessages("export const load = () => import('jsforce');\n", 'cli/probe.ts')).toEqual([`${JSFORCE} ('jsforce' is the package jsforce).`]);
    // The fake org's own tests and the bench's baseline use jsforce as a client of the fake org.
    expect(await importing('jsforce', 'tests/integration/fake-org/probe.test.ts')).toEqual([]);
  });
});
