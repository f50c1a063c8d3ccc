/**
 * The system clipboard in plain Node, each copy marked as a secret in the same write as its text.
 *
 * - macOS: one pasteboard write (osascript's JavaScript bridge to AppKit) of an item that carries
 *   the text and `org.nspasteboard.ConcealedType`, the marker nspasteboard.org defines for
 *   confidential data that clipboard histories skip.
 * - Windows: one `SetDataObject` (PowerShell, Windows Forms) holding the text and the formats
 *   Windows reads for this: `ExcludeClipboardContentFromMonitorProcessing`, and
 *   `CanIncludeInClipboardHistory` and `CanUploadToCloudClipboard` set to the DWORD 0.
 * - Linux on X11: a small owner process that offers the text and `x-kde-passwordManagerHint`
 *   (x11/selection.ts) from its first moment as owner.
 * - Linux on Wayland: `wl-copy --sensitive` (wl-clipboard 2.3 and later offers the same KDE hint);
 *   an older wl-copy refuses the option, and then the text is copied unmarked.
 *
 * The secret always goes to the tool on its stdin, never in its arguments. Tools are found by
 * absolute path only (system-tools.ts), never in the current folder.
 */
import { spawn } from 'node:child_process';
import { findPosixTool, toolEnvironment, windowsSystemTool, type ToolLookup } from '../system-tools';
import { X11Connection } from './x11/connection';
import { clearClipboard, readClipboardText } from './x11/selection';
import type { OwnerRequest } from './x11-owner';

type Command = readonly [string, ...string[]];

export interface CommandClipboard {
  kind: 'commands';
  name: string;
  /** Writes stdin as the clipboard's text together with the platform's secret marker. */
  write: Command;
  /** The same write without the marker, for a tool too old to know it (wl-copy before 2.3). */
  writeUnmarked?: Command;
  read: Command;
  /** How to empty the clipboard. */
  clear: Command;
}

export interface X11Clipboard {
  kind: 'x11';
  name: 'X11';
}

export type ClipboardMethod = CommandClipboard | X11Clipboard;

const POWERSHELL_FLAGS = ['-NoProfile', '-NonInteractive', '-NoLogo', '-STA', '-Command'] as const;

/** PowerShell: read stdin as UTF-8, put text + the three marker formats in one DataObject. */
export const WINDOWS_WRITE_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '[Console]::InputEncoding = [Text.Encoding]::UTF8',
  'Add-Type -AssemblyName System.Windows.Forms',
  '$text = [Console]::In.ReadToEnd()',
  '$data = New-Object System.Windows.Forms.DataObject',
  '$data.SetData([System.Windows.Forms.DataFormats]::UnicodeText, $text)',
  "foreach ($format in 'ExcludeClipboardContentFromMonitorProcessing', 'CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard') { $data.SetData($format, (New-Object System.IO.MemoryStream(, [BitConverter]::GetBytes([UInt32]0)))) }",
  // copy = true: the data stays on the clipboard after PowerShell exits; retried while another program holds it.
  '[System.Windows.Forms.Clipboard]::SetDataObject($data, $true, 10, 100)',
].join('; ');

const WINDOWS_READ_SCRIPT = '[Console]::OutputEncoding = [Text.Encoding]::UTF8; $t = Get-Clipboard -Raw; if ($t) { [Console]::Out.Write($t) }';
const WINDOWS_CLEAR_SCRIPT = 'Add-Type -AssemblyName System.Windows.Forms; [System.Windows.Forms.Clipboard]::Clear()';

/** osascript (JavaScript for Automation): read stdin as UTF-8, write one item with text + marker. */
export const MAC_WRITE_SCRIPT = [
  "ObjC.import('AppKit')",
  'var input = $.NSFileHandle.fileHandleWithStandardInput.readDataToEndOfFile',
  'var text = $.NSString.alloc.initWithDataEncoding(input, $.NSUTF8StringEncoding)',
  'var item = $.NSPasteboardItem.alloc.init',
  "item.setStringForType(text, 'public.utf8-plain-text')",
  "item.setStringForType('', 'org.nspasteboard.ConcealedType')",
  'var board = $.NSPasteboard.generalPasteboard',
  // clearContents publishes an empty pasteboard; writeObjects then publishes text and marker at once.
  'board.clearContents',
  "if (!board.writeObjects($([item]))) throw new Error('the pasteboard refused the copy')",
].join('; ');

const MAC_CLEAR_SCRIPT = "ObjC.import('AppKit'); $.NSPasteboard.generalPasteboard.clearContents";

/** How this machine's clipboard is written, or null when there is none to use. */
export function pickClipboard(lookup: Required<Pick<ToolLookup, 'platform' | 'env'>> & Pick<ToolLookup, 'isExecutable'>): ClipboardMethod | null {
  const { platform, env } = lookup;
  if (platform === 'win32') {
    const powershell = windowsSystemTool(env, 'WindowsPowerShell\\v1.0\\powershell.exe');
    return {
      kind: 'commands',
      name: 'PowerShell',
      write: [powershell, ...POWERSHELL_FLAGS, WINDOWS_WRITE_SCRIPT],
      read: [powershell, ...POWERSHELL_FLAGS, WINDOWS_READ_SCRIPT],
      clear: [powershell, ...POWERSHELL_FLAGS, WINDOWS_CLEAR_SCRIPT],
    };
  }
  const tool = (name: string) => findPosixTool(name, lookup);
  if (platform === 'darwin') {
    const osascript = tool('osascript');
    const pbpaste = tool('pbpaste');
    if (!osascript || !pbpaste) return null;
    return {
      kind: 'commands',
      name: 'osascript',
      write: [osascript, '-l', 'JavaScript', '-e', MAC_WRITE_SCRIPT],
      read: [pbpaste],
      clear: [osascript, '-l', 'JavaScript', '-e', MAC_CLEAR_SCRIPT],
    };
  }
  if (env.WAYLAND_DISPLAY) {
    const wlCopy = tool('wl-copy');
    const wlPaste = tool('wl-paste');
    if (wlCopy && wlPaste) {
      return {
        kind: 'commands',
        name: 'wl-copy',
        write: [wlCopy, '--sensitive', '--type', 'text/plain'],
        writeUnmarked: [wlCopy, '--type', 'text/plain'],
        read: [wlPaste, '--no-newline'],
        clear: [wlCopy, '--clear'],
      };
    }
  }
  // X11, or XWayland on a Wayland desktop without wl-clipboard: no tool needed.
  if (env.DISPLAY) return { kind: 'x11', name: 'X11' };
  return null;
}

export class ClipboardFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClipboardFailure';
  }
}

const TOOL_TIMEOUT_MS = 10_000;

/** Run a clipboard command with `input` on its stdin; resolves its exit code and stdout. */
function run(command: Command, input: string, captureOutput: boolean, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command;
    // wl-copy stays in the background to serve the clipboard: it must not hold our stdout/stderr
    // pipes open, so only a reader's stdout is captured.
    const child = spawn(file, args, { stdio: ['pipe', captureOutput ? 'pipe' : 'ignore', 'ignore'], windowsHide: true, env });
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

/** Starts the X11 owner process for a copy; resolves once it owns the clipboard. */
export type X11OwnerLauncher = (request: OwnerRequest) => Promise<void>;

export interface SystemClipboardOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** How this host starts the X11 owner (a Node process for the CLI, a utility process in the app). */
  startX11Owner: X11OwnerLauncher;
  /** The X11 copy outlives this process (the CLI's --clear-after 0). */
  x11Stays?: boolean;
  isExecutable?: ToolLookup['isExecutable'];
}

export interface SystemClipboard {
  method: ClipboardMethod | null;
  /** Whether the last write carried the secret marker; null before any write. */
  lastWriteMarked: boolean | null;
  writeSecret(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

/** The system clipboard; every method throws ClipboardFailure when it cannot be used. */
export function systemClipboard(options: SystemClipboardOptions): SystemClipboard {
  const { platform, env } = options;
  const method = pickClipboard({ platform, env, ...(options.isExecutable ? { isExecutable: options.isExecutable } : {}) });
  const need = (): ClipboardMethod => {
    if (!method) throw new ClipboardFailure('No system clipboard is available here (no desktop session, or no clipboard tool installed).');
    return method;
  };
  const exec = async (command: Command, input: string, capture: boolean) => {
    try {
      return await run(command, input, capture, toolEnvironment(env, platform));
    } catch (error) {
      throw new ClipboardFailure(`The clipboard tool ${command[0]} could not be started.`, { cause: error });
    }
  };
  const onX11 = async <T>(use: (connection: X11Connection) => Promise<T>): Promise<T> => {
    let connection: X11Connection;
    try {
      connection = await X11Connection.connect({ env, platform });
    } catch (error) {
      throw new ClipboardFailure(`The X11 clipboard is unavailable: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
    }
    try {
      return await use(connection);
    } catch (error) {
      throw new ClipboardFailure(`The X11 clipboard failed: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
    } finally {
      connection.close();
    }
  };

  const port: SystemClipboard = {
    method,
    lastWriteMarked: null,
    async writeSecret(text) {
      const chosen = need();
      if (chosen.kind === 'x11') {
        try {
          await options.startX11Owner({ text, stay: options.x11Stays ?? false });
        } catch (error) {
          throw new ClipboardFailure(`The X11 clipboard is unavailable: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
        }
        port.lastWriteMarked = true;
        return;
      }
      const { code } = await exec(chosen.write, text, false);
      if (code === 0) {
        port.lastWriteMarked = true;
        return;
      }
      // A failed write published nothing, so falling back to an unmarked one never exposes more.
      if (chosen.writeUnmarked && (await exec(chosen.writeUnmarked, text, false)).code === 0) {
        port.lastWriteMarked = false;
        return;
      }
      throw new ClipboardFailure(`The clipboard tool ${chosen.name} failed (exit ${code ?? 'signal'}).`);
    },
    async readText() {
      const chosen = need();
      if (chosen.kind === 'x11') return onX11((connection) => readClipboardText(connection));
      const { code, stdout } = await exec(chosen.read, '', true);
      if (code !== 0) throw new ClipboardFailure(`The clipboard tool ${chosen.name} could not read the clipboard (exit ${code ?? 'signal'}).`);
      return stdout;
    },
    async clear() {
      const chosen = need();
      if (chosen.kind === 'x11') return onX11((connection) => clearClipboard(connection));
      const { code } = await exec(chosen.clear, '', false);
      if (code !== 0) throw new ClipboardFailure(`The clipboard tool ${chosen.name} could not clear the clipboard (exit ${code ?? 'signal'}).`);
    },
  };
  return port;
}
