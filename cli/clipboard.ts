/**
 * The system clipboard for the CLI, through each platform's own clipboard commands.
 *
 * macOS `pbcopy`/`pbpaste`, Windows PowerShell `Set-Clipboard`/`Get-Clipboard`, and on Linux
 * `wl-copy`/`wl-paste` (Wayland), `xclip` or `xsel` (X11). The secret goes to the tool on its
 * stdin, never as an argument, so it never shows in the process list.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { OrgKeyError } from '../electron/core/errors';
import type { ClipboardPort } from '../electron/core/ports';

type Command = readonly [string, ...string[]];

export interface ClipboardTool {
  name: string;
  write: Command;
  read: Command;
  /** How to empty the clipboard; without one, an empty string is written. */
  clear?: Command;
  /** The tool exits non-zero when the clipboard holds no text (xclip): read that as empty. */
  emptyReadFails?: boolean;
}

// PowerShell reads the secret from stdin as UTF-8 and writes it without a trailing newline.
const POWERSHELL = ['powershell.exe', '-NoProfile', '-NonInteractive', '-Command'] as const;

/** Which clipboard commands fit this machine, or null when there is no clipboard to use. */
export function pickClipboardTool(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  has: (command: string) => boolean,
): ClipboardTool | null {
  if (platform === 'darwin') {
    return has('pbcopy') ? { name: 'pbcopy', write: ['pbcopy'], read: ['pbpaste'] } : null;
  }
  if (platform === 'win32') {
    return {
      name: 'PowerShell',
      write: [...POWERSHELL, '[Console]::InputEncoding=[Text.Encoding]::UTF8; Set-Clipboard -Value ([Console]::In.ReadToEnd())'],
      read: [...POWERSHELL, '[Console]::OutputEncoding=[Text.Encoding]::UTF8; $t = Get-Clipboard -Raw; if ($t) { [Console]::Out.Write($t) }'],
      clear: [...POWERSHELL, 'Add-Type -AssemblyName System.Windows.Forms; [System.Windows.Forms.Clipboard]::Clear()'],
    };
  }
  if (env.WAYLAND_DISPLAY && has('wl-copy') && has('wl-paste')) {
    return { name: 'wl-copy', write: ['wl-copy', '--type', 'text/plain'], read: ['wl-paste', '--no-newline'], clear: ['wl-copy', '--clear'] };
  }
  if (env.DISPLAY) {
    if (has('xclip')) {
      return {
        name: 'xclip',
        write: ['xclip', '-selection', 'clipboard', '-in'],
        read: ['xclip', '-selection', 'clipboard', '-out'],
        emptyReadFails: true,
      };
    }
    if (has('xsel')) {
      return { name: 'xsel', write: ['xsel', '--clipboard', '--input'], read: ['xsel', '--clipboard', '--output'], clear: ['xsel', '--clipboard', '--clear'] };
    }
  }
  return null;
}

/** Whether `command` is an executable file on PATH (no shell involved). */
export function onPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): (command: string) => boolean {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const suffixes = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (command) =>
    dirs.some((dir) =>
      suffixes.some((suffix) => {
        try {
          fs.accessSync(path.join(dir, command + suffix), fs.constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
    );
}

export function clipboardRemedy(platform: NodeJS.Platform): string {
  if (platform === 'linux') {
    return 'Run it in a desktop session with wl-clipboard (Wayland), xclip or xsel installed, or pipe the secret instead: orgkey secret <alias> | <tool>.';
  }
  return 'Run it in a desktop session, or pipe the secret instead: orgkey secret <alias> | <tool>.';
}

const TOOL_TIMEOUT_MS = 10_000;

/** Run a clipboard command with `input` on its stdin; resolves its stdout. */
function run(command: Command, input: string, captureOutput: boolean): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command;
    // xclip and wl-copy stay in the background to serve the clipboard: they must not hold our
    // stdout/stderr pipes open, so only a reader's stdout is captured.
    const child = spawn(file, args, { stdio: ['pipe', captureOutput ? 'pipe' : 'ignore', 'ignore'], windowsHide: true });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => child.kill(), TOOL_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // 'exit', not 'close': a forked background server may keep inherited handles open.
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (captureOutput && child.stdout && !child.stdout.readableEnded) {
        child.stdout.once('end', () => resolve({ code, stdout }));
      } else {
        resolve({ code, stdout });
      }
    });
    child.stdin?.on('error', () => {}); // a tool that exits early closes its stdin: the exit code tells
    child.stdin?.end(input);
  });
}

/** A ClipboardPort on the system clipboard, or one that reports CLIPBOARD_UNAVAILABLE on use. */
export function systemClipboard(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ClipboardPort & { tool: ClipboardTool | null } {
  const tool = pickClipboardTool(platform, env, onPath(env, platform));
  const unavailable = (message: string, cause?: unknown) =>
    new OrgKeyError('CLIPBOARD_UNAVAILABLE', { message, remedy: clipboardRemedy(platform) }, cause === undefined ? undefined : { cause });
  const need = (): ClipboardTool => {
    if (!tool) throw unavailable('No system clipboard is available here (no desktop session, or no clipboard tool installed).');
    return tool;
  };
  const exec = async (command: Command, input: string, capture: boolean) => {
    try {
      return await run(command, input, capture);
    } catch (error) {
      throw unavailable(`The clipboard tool ${command[0]} could not be started.`, error);
    }
  };
  const write = async (text: string) => {
    const { name, write: command } = need();
    const { code } = await exec(command, text, false);
    if (code !== 0) throw unavailable(`The clipboard tool ${name} failed (exit ${code ?? 'signal'}).`);
  };
  return {
    tool,
    writeSecret: write,
    async readText() {
      const { name, read, emptyReadFails } = need();
      const { code, stdout } = await exec(read, '', true);
      if (code !== 0) {
        if (emptyReadFails) return '';
        throw unavailable(`The clipboard tool ${name} could not read the clipboard (exit ${code ?? 'signal'}).`);
      }
      return stdout;
    },
    async clear() {
      const { name, clear } = need();
      if (!clear) return write('');
      const { code } = await exec(clear, '', false);
      if (code !== 0) throw unavailable(`The clipboard tool ${name} could not clear the clipboard (exit ${code ?? 'signal'}).`);
    },
  };
}
