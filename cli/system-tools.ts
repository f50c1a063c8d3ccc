/**
 * Finding the system's own programs without trusting the current folder.
 *
 * Windows runs a program named without a path from the current folder before its system folder, and
 * on POSIX an empty PATH entry or `.` (or any relative entry) means the current folder too: a file
 * planted in the folder `orgkey` runs in would run instead of the tool. So the CLI names every tool
 * by an absolute path — Windows' from its system folder, POSIX tools from PATH's absolute entries —
 * and hands the tool a PATH of absolute entries only, for what it runs in turn.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Where the tools are looked up: the platform, its environment, and how to tell an executable file. */
export interface ToolHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Defaults to: a regular file this process may execute. */
  isExecutable?: (file: string) => boolean;
}

/** A variable of `env` whatever its case (Windows' environment is case-insensitive: `Path`, `SystemRoot`). */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  if (env[name] !== undefined) return env[name];
  const key = Object.keys(env).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : env[key];
}

/** Where Windows is installed when the environment does not say: its default for decades. */
const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';

/**
 * Windows' system folder, `%SystemRoot%\System32`. SystemRoot counts only as an absolute path on a
 * drive (`X:\…`, no `..`, no network share); otherwise the default `C:\Windows` is used.
 */
export function windowsSystemFolder(env: NodeJS.ProcessEnv): string {
  const root = (envValue(env, 'SystemRoot') ?? '').replace(/\\+$/, '');
  const usable = /^[A-Za-z]:\\[^/"<>|?*%:]+$/.test(root) && !root.split('\\').includes('..');
  return path.win32.join(usable ? root : DEFAULT_SYSTEM_ROOT, 'System32');
}

/** The absolute path of a program in Windows' system folder, e.g. `rundll32.exe`. */
export function windowsSystemTool(name: string, env: NodeJS.ProcessEnv): string {
  return path.win32.join(windowsSystemFolder(env), name);
}

const pathsOf = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/** PATH's absolute entries, in order; empty, `.` and other relative entries (the current folder) are dropped. */
export function absolutePathEntries(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const paths = pathsOf(platform);
  return (envValue(env, 'PATH') ?? '').split(paths.delimiter).filter((entry) => entry !== '' && paths.isAbsolute(entry));
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of `name` in the first absolute PATH entry that has it, or null when none does. */
export function findTool(name: string, host: ToolHost): string | null {
  const paths = pathsOf(host.platform);
  const isExecutable = host.isExecutable ?? isExecutableFile;
  for (const dir of absolutePathEntries(host.env, host.platform)) {
    const candidate = paths.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** The environment to start a tool with: PATH reduced to its absolute entries, everything else as it was. */
export function toolEnvironment(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): NodeJS.ProcessEnv {
  const key = Object.keys(env).find((candidate) => candidate.toLowerCase() === 'path') ?? 'PATH';
  return { ...env, [key]: absolutePathEntries(env, platform).join(pathsOf(platform).delimiter) };
}
