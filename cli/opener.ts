/**
 * The system browser for the CLI: `/usr/bin/open` on macOS, `xdg-open` on Linux and the BSDs, and
 * on Windows the URL handler of `url.dll` (what `start` uses, without a shell parsing the `&`s),
 * through `rundll32.exe` in the system folder.
 *
 * Only a browser sign-in's authorize page goes here. It carries the PKCE challenge and the state,
 * never a secret, and it is passed as one argument to the tool, never through a shell. The
 * allow-list is checked before any tool is looked up or started, and every tool is named by an
 * absolute path (electron/platform/system-tools.ts), so nothing in the current folder can stand in for it.
 */
import { spawn } from 'node:child_process';
import { allowListedOpener, type ExternalOpener } from '../electron/core';
import { findPosixTool, toolEnvironment, windowsSystemTool, type ToolLookup } from '../electron/platform/system-tools';

/** How long a tool may take to fail before the browser counts as opened (xdg-open may wait for the browser). */
const GRACE_MS = 1500;

type Command = readonly [string, ...string[]];

/** macOS's `open` is part of the system, always at this path. */
const MACOS_OPEN = '/usr/bin/open';

/** The command that opens `url` in the default browser here, or null when there is no tool for it. */
export function openCommand(host: ToolLookup, url: string): Command | null {
  if (host.platform === 'darwin') return [MACOS_OPEN, url];
  if (host.platform === 'win32') return [windowsSystemTool(host.env, 'rundll32.exe'), 'url.dll,FileProtocolHandler', url];
  const xdgOpen = findPosixTool('xdg-open', host);
  return xdgOpen ? [xdgOpen, url] : null;
}

/** Start `command` detached; resolves once it exits 0 or keeps running past the grace time. */
function launch(command: Command, env: NodeJS.ProcessEnv, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command;
    // Detached and without our pipes: the browser outlives `orgkey`, and nothing it prints lands in our output.
    const child = spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: true, env });
    const timer = setTimeout(() => {
      child.unref();
      resolve();
    }, graceMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${file} exited with ${code ?? 'a signal'}`));
    });
  });
}

export interface SystemOpenerOptions {
  env?: NodeJS.ProcessEnv;
  graceMs?: number;
  isExecutable?: ToolLookup['isExecutable'];
}

export function systemOpener(platform: NodeJS.Platform, options: SystemOpenerOptions = {}): ExternalOpener {
  const env = options.env ?? process.env;
  const host: ToolLookup = { platform, env, ...(options.isExecutable ? { isExecutable: options.isExecutable } : {}) };
  return allowListedOpener(async (url) => {
    const command = openCommand(host, url);
    if (!command) throw new Error('[opener] no xdg-open in an absolute PATH folder');
    await launch(command, toolEnvironment(env, platform), options.graceMs ?? GRACE_MS);
  });
}
