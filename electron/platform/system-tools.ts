/**
 * Where a system program is, decided without ever looking in the current folder.
 *
 * Starting a program by bare name lets whoever controls the current folder choose what runs:
 * Windows searches the current folder before PATH, and on POSIX an empty PATH entry (`::`, a
 * leading or trailing `:`) or `.` means the current folder too. So Windows tools are named by
 * their absolute path under the system folder, and POSIX tools are looked up only in PATH entries
 * that are absolute paths, and a tool is started with a PATH of absolute entries only, for what it
 * runs in turn. Plain Node (no Electron): the CLI and the app's main process both use it.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ToolLookup {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Whether `file` is an executable regular file; the real check by default (tests inject one). */
  isExecutable?: (file: string) => boolean;
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An environment variable by name, case-insensitively as Windows treats them (an injected env is a plain object). */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';

/**
 * The Windows folder: %SystemRoot% when it is a plain local absolute path (`C:\Windows`), else
 * `C:\Windows`. A relative, UNC (`\\server\share`) or odd value is not trusted to name system programs.
 */
export function windowsSystemRoot(env: NodeJS.ProcessEnv): string {
  for (const name of ['SystemRoot', 'windir']) {
    const value = envValue(env, name)?.trim();
    if (!value || !/^[A-Za-z]:\\[^/"<>|?*;%:]*$/.test(value)) continue;
    if (value.split('\\').some((part) => part === '..' || part === '.')) continue;
    return value.replace(/\\+$/, '');
  }
  return DEFAULT_SYSTEM_ROOT;
}

/** `%SystemRoot%\System32\<relative>`, e.g. `windowsSystemTool(env, 'WindowsPowerShell\\v1.0\\powershell.exe')`. */
export function windowsSystemTool(env: NodeJS.ProcessEnv, relative: string): string {
  return path.win32.join(windowsSystemRoot(env), 'System32', relative);
}

/** The PATH entries that name a folder by absolute path; empty entries, `.` and relative ones are dropped. */
export function absolutePathEntries(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const flavour = platform === 'win32' ? path.win32 : path.posix;
  const raw = envValue(env, 'PATH') ?? '';
  return raw.split(flavour.delimiter).filter((entry) => entry !== '' && flavour.isAbsolute(entry));
}

/**
 * The absolute path of POSIX program `name` found in an absolute PATH entry, or null.
 * Only a bare program name is accepted (no `/`), so the caller's list of tools is what runs.
 */
export function findPosixTool(name: string, { platform, env, isExecutable = isExecutableFile }: ToolLookup): string | null {
  if (platform === 'win32') throw new Error('findPosixTool is for POSIX systems; name Windows tools with windowsSystemTool');
  if (!/^[A-Za-z0-9._+-]+$/.test(name) || name === '.' || name === '..') throw new Error(`not a program name: ${name}`);
  for (const dir of absolutePathEntries(env, platform)) {
    const file = path.posix.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

/** The environment to start a tool with: PATH reduced to its absolute entries, everything else as it was. */
export function toolEnvironment(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): NodeJS.ProcessEnv {
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === 'PATH') ?? 'PATH';
  const flavour = platform === 'win32' ? path.win32 : path.posix;
  return { ...env, [key]: absolutePathEntries(env, platform).join(flavour.delimiter) };
}
