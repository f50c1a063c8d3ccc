/**
 * What `orgkey` loads to start (the bench's budgets: `orgkey list` within 150 ms of a bare `node`,
 * `orgkey test` within 100 ms of a script doing the same): no command loads conf (ajv and all), a
 * write included: the CLI writes the settings file itself.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openConfSettings } from '../../../electron/core/settings/store';
import { CLI, cliEnvironment, ensureCliBuilt, ROOT, runCli, type CliEnv } from '../../support/cli';
import { purgeKeychain, uniqueKeychainService } from '../../support/keychain';
import { makeTempDir, removeTempDir } from '../../support/temp';

const RECORDER = path.join(import.meta.dirname, 'fixtures', 'record-modules.mjs');

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
beforeAll(() => ensureCliBuilt());

function fixture(): CliEnv {
  const dataDir = makeTempDir('cli-startup');
  const service = uniqueKeychainService('cli-startup');
  cleanups.push(() => removeTempDir(dataDir), () => purgeKeychain(service));
  return { dataDir, service };
}

/** Run `orgkey args…` under the module recorder; every module it asked for, one a line. */
async function modulesLoaded(target: CliEnv, args: string[], input?: string) {
  const log = path.join(target.dataDir, '..', `${path.basename(target.dataDir)}.modules.log`);
  fs.writeFileSync(log, '');
  cleanups.push(() => fs.rmSync(log, { force: true }));
  const result = await runCli({ ...target, env: { ORGKEY_TEST_MODULE_LOG: log } }, args, { nodeOptions: ['--import', RECORDER], ...(input === undefined ? {} : { input }) });
  expect(result.code, result.stderr).toBe(0);
  return { modules: fs.readFileSync(log, 'utf8').split('\n').filter(Boolean), stdout: result.stdout };
}
// A package as asked for by name: `import conf`, `require conf`, `require ajv/dist/…`.
const isModule = (name: string) => (line: string) => new RegExp(`^(import|require) ${name}(/.*)?$`).test(line);

/** The source files in the chunks of dist/cli that `orgkey` loaded, from their source maps. */
function bundledSources(modules: string[]): string[] {
  return modules
    .filter((line) => /^import \.\/(chunks\/)?[\w-]+\.js$/.test(line))
    .flatMap((line) => {
      const map = JSON.parse(fs.readFileSync(path.join(path.dirname(CLI), 'chunks', `${path.basename(line)}.map`), 'utf8')) as { sources: string[] };
      return map.sources.map((source) => path.relative(ROOT, path.resolve(path.dirname(CLI), 'chunks', source)));
    });
}

describe('orgkey start-up', () => {
  it('list reads the stored orgs without loading conf; add, a write, loads neither conf nor ajv and writes the file 0600', async () => {
    const target = fixture();
    const added = await modulesLoaded(target, ['add', 'Prod', '--username', 'admin@acme.example', '--secrets-stdin'], 'Secret-Pass-1\n\n');
    expect(added.modules.some((line) => /lazy-context/.test(line))).toBe(true); // the core ran the write
    expect([added.modules.filter(isModule('conf')), added.modules.filter(isModule('ajv'))]).toEqual([[], []]);
    expect(fs.statSync(path.join(target.dataDir, 'settings.json')).mode & 0o777).toBe(0o600);

    const listed = await modulesLoaded(target, ['list']);
    expect(listed.stdout).toMatch(/^Prod +admin@acme\.example +production/m);
    expect(listed.modules).toContain('import node:fs'); // the recorder saw the command start
    expect(listed.modules.filter(isModule('conf'))).toEqual([]);
    expect(listed.modules.filter(isModule('ajv'))).toEqual([]);
  });

  it('list with many orgs and show load no conf either; --version and --help load neither conf nor the core', async () => {
    const target = fixture();
    openConfSettings(target.dataDir).update((doc) => ({
      ...doc,
      orgs: Array.from({ length: 20 }, (_, i) => ({
        id: `id-${i}`,
        alias: `Org ${i}`,
        username: `admin${i}@acme.example`,
        environment: 'sandbox' as const,
        loginUrl: 'https://test.salesforce.com',
        auth: 'password' as const,
        hasToken: false,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        passwordUpdatedAt: '2026-01-01T00:00:00.000Z',
        consecutiveFailures: 0,
        dataLoaderExports: [],
      })),
    }));
    for (const args of [['list', '--json'], ['show', 'Org 7', '--json']]) {
      const { modules } = await modulesLoaded(target, args);
      expect(modules.filter(isModule('conf')), args.join(' ')).toEqual([]);
    }
    const before = fs.readdirSync(target.dataDir).sort();
    for (const args of [['--version'], ['--help'], ['list', '--help']]) {
      const { modules } = await modulesLoaded(target, args);
      expect(modules.filter(isModule('conf')), args.join(' ')).toEqual([]);
      // The core is a chunk of its own (cli/lazy-context.ts), loaded only to run a command.
      expect(modules.filter((line) => /lazy-context/.test(line)), args.join(' ')).toEqual([]);
      // ...and no other chunk carries a file of it: the commands take only types from its entry.
      expect(bundledSources(modules).filter((source) => source.startsWith(`electron${path.sep}core`)), args.join(' ')).toEqual([]);
    }
    expect(fs.readdirSync(target.dataDir).sort()).toEqual(before);
    const { modules } = await modulesLoaded(target, ['list']);
    expect(modules.filter((line) => /lazy-context/.test(line))).toHaveLength(1);
    expect(bundledSources(modules)).toContain(path.join('electron', 'core', 'index.ts'));
  });
});

describe('orgkey in a pipe', () => {
  it('ends quietly when the reader stops early (`orgkey --help | head -1`)', async () => {
    const target = fixture();
    const child = spawn(process.execPath, [CLI, '--help'], { env: cliEnvironment(target), stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before orgkey writes a line: its write meets a closed pipe (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
