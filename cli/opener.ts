/**
 * The system browser for the CLI: `open` on macOS, `xdg-open` on Linux and the BSDs, and on
 * Windows the URL handler of `url.dll` (what `start` uses, without a shell parsing the `&`s).
 *
 * Only a browser sign-in's authorize page goes here. It carries the PKCE challenge and the state,
 * never a secret, and it is passed as one argument to the tool, never through a shell.
 */
import { spawn } from 'node:child_process';
import type { ExternalOpener } from '../electron/core/ports';

/** How long a tool may take to fail before the browser counts as opened (xdg-open may wait for the browser). */
const GRACE_MS = 1500;

type Command = readonly [string, ...string[]];

/** The command that opens `url` in the default browser here. */
export function openCommand(platform: NodeJS.Platform, url: string): Command {
  if (platform === 'darwin') return ['open', url];
  if (platform === 'win32') return ['rundll32.exe', 'url.dll,FileProtocolHandler', url];
  return ['xdg-open', url];
}

/**
 * Only web addresses a sign-in can need: https without credentials in it, or plain http on the
 * loopback (a local test org). Anything else is refused before a tool sees it.
 */
export function isBrowsableUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

/** Start `command` detached; resolves once it exits 0 or keeps running past the grace time. */
function launch(command: Command, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command;
    // Detached and without our pipes: the browser outlives `orgkey`, and nothing it prints lands in our output.
    const child = spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: true });
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

export function systemOpener(platform: NodeJS.Platform, graceMs = GRACE_MS): ExternalOpener {
  return {
    async open(url) {
      if (!isBrowsableUrl(url)) throw new Error('[opener] refused an address that is not a web page');
      await launch(openCommand(platform, url), graceMs);
    },
  };
}
