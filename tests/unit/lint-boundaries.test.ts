/** The process-boundary lint rules fire where docs/ARCHITECTURE.md ("Layers") says they must. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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

  it('keep Node out of the shared contract', async () => {
    expect(await restrictedImports("import fs from 'node:fs';\nexport const x = fs;\n", 'shared/probe.ts')).toHaveLength(1);
  });

  it('allow raw IPC only in ipc.ts and preload.ts', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n";
    expect(await restrictedImports(code, 'electron/main.ts')).toHaveLength(1);
    expect(await restrictedImports(code, 'electron/ipc.ts')).toHaveLength(0);
  });
});
