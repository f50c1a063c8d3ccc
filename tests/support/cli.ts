/**
 * Running the built `orgkey` command as a subprocess: plain (stdin a pipe), or on a
 * pseudo-terminal through util-linux `script`, with a private data folder and keychain service.
 *
 * Subprocesses are started asynchronously: the fake org runs in the test's own process and must
 * keep answering while the CLI logs in.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startOrg, type Control } from './fake-org';
import { purgeKeychain, uniqueKeychainService } from './keychain';
import { makeTempDir, removeTempDir } from './temp';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'orgkey.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    // .json too: shared/retirements.json is bundled into the command.
    if (entry.isFile() && /\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Build dist/cli/orgkey.js unless it is newer than every source it bundles. */
export function ensureCliBuilt(): void {
  const built = fs.statSync(CLI, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(newestSource('cli'), newestSource('electron/core'), newestSource('electron/platform'), newestSource('shared'), fs.statSync(path.join(ROOT, 'scripts', 'build-cli.mjs')).mtimeMs);
  if (built < sources) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export interface CliEnv {
  dataDir: string;
  service: string;
  /** Extra or removed (undefined) variables. */
  env?: Record<string, string | undefined>;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment the CLI runs with: no clipboard unless a test gives one. */
export function cliEnvironment({ dataDir, service, env = {} }: CliEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env, ORGKEY_DATA_DIR: dataDir, ORGKEY_KEYCHAIN_SERVICE: service, NO_COLOR: '1' };
  delete result.DISPLAY;
  delete result.WAYLAND_DISPLAY;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}

function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Run `orgkey args…` with stdin a pipe holding `input` (empty when not given). */
export function runCli(target: CliEnv, args: string[], options: { input?: string; nodeOptions?: string[] } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), CLI, ...args], { cwd: ROOT, env: cliEnvironment(target) });
  const result = collect(child);
  child.stdin!.end(options.input ?? '');
  return result;
}

/** Start `orgkey args…` and leave it running (stdin a pipe), e.g. to interrupt it; `cwd` is where it runs (the repository by default). */
export function startCli(
  target: CliEnv,
  args: string[],
  options: { cwd?: string } = {},
): { child: ChildProcess; result: Promise<CliResult>; stderrHas(text: string): Promise<void>; stdoutMatch(pattern: RegExp): Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: cliEnvironment(target) });
  let stderr = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const result = collect(child).then((r) => ({ ...r, stdout, stderr }));
  return {
    child,
    result,
    stderrHas: (text) => waitFor(() => stderr.includes(text), () => `stderr to contain ${JSON.stringify(text)}; it has ${JSON.stringify(stderr)}`),
    /** Wait until stdout (so far) matches `pattern`; resolves the match. */
    async stdoutMatch(pattern) {
      await waitFor(() => pattern.test(stdout), () => `stdout to match ${String(pattern)}; it has ${JSON.stringify(stdout)} (stderr ${JSON.stringify(stderr)})`);
      return pattern.exec(stdout)!;
    },
  };
}

const shellQuote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * `orgkey args…` on a pseudo-terminal (stdin, stdout and stderr all a TTY), through `script`.
 * `answer(prompt, text)` waits for `prompt` on the terminal and then types `text`.
 */
export function onTerminal(target: CliEnv, args: string[]) {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env: { ...cliEnvironment(target), TERM: 'dumb' } });
  let screen = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
  const done = new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, screen }));
  });
  let consumed = 0;
  return {
    /** Wait until `prompt` appears (after earlier answers) and type `text`. */
    async answer(prompt: string, text: string) {
      await waitFor(
        () => screen.indexOf(prompt, consumed) >= 0,
        () => `the terminal to show ${JSON.stringify(prompt)}; it shows ${JSON.stringify(screen)}`,
      );
      consumed = screen.indexOf(prompt, consumed) + prompt.length;
      child.stdin!.write(text);
    },
    /** Wait for the command to end; stdin stays open until then so `script` does not hang up early. */
    async finish() {
      const result = await done;
      child.stdin!.end();
      return result;
    },
    get screen() {
      return screen;
    },
  };
}

/** Poll a condition of the outside world (a subprocess's output) until it holds; 20 s at most. */
export async function waitFor(condition: () => boolean, describe: () => string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The one error line of a failed command, checked to be exactly one line. */
export function errorLineOf(result: CliResult): string {
  const lines = result.stderr.split('\n').filter((line) => line.startsWith('orgkey: '));
  if (lines.length !== 1) throw new Error(`expected one error line on stderr, got: ${JSON.stringify(result.stderr)}`);
  return lines[0]!;
}

/** What a CLI test file against the fake org works with; fresh `target` for every test. */
export interface CliSuite {
  fake: Awaited<ReturnType<typeof startOrg>>;
  control: Control;
  target: CliEnv;
}

/**
 * Register the hooks of a CLI test file against the fake org: the CLI built once, one fake org per
 * file (reset before each test), and a new data folder and keychain service per test, removed after.
 */
export function useCliSuite(label: string): CliSuite {
  const suite = {} as CliSuite;
  beforeAll(async () => {
    ensureCliBuilt();
    suite.fake = await startOrg();
    suite.control = suite.fake.control;
  });
  afterAll(() => suite.fake.org.close());
  beforeEach(async () => {
    await suite.control.reset();
    suite.target = { dataDir: makeTempDir(label), service: uniqueKeychainService(label) };
  });
  afterEach(async () => {
    await purgeKeychain(suite.target.service);
    removeTempDir(suite.target.dataDir);
  });
  return suite;
}
