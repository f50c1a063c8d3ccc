/**
 * A private X server (Xvfb) for clipboard tests, xclip as an independent reader and writer, and a
 * watcher that records every change of the CLIPBOARD's owner (the XFIXES extension) and asks each
 * new owner at once which targets it offers.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { X11Connection } from '../../electron/platform/clipboard/x11/connection';
import { encodeXauthEntry, FAMILY_LOCAL, MIT_MAGIC_COOKIE } from '../../electron/platform/clipboard/x11/display';
import { clipboardTargets } from '../../electron/platform/clipboard/x11/selection';

export const haveXvfbAndXclip = ['Xvfb', 'xclip'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

/** An Xauthority file holding one MIT-MAGIC-COOKIE-1 for this host, any display number. */
export function writeXauthority(file: string, cookie: Buffer): void {
  const entry = encodeXauthEntry({ family: FAMILY_LOCAL, address: Buffer.from(os.hostname(), 'latin1'), number: '', name: MIT_MAGIC_COOKIE, data: cookie });
  fs.writeFileSync(file, entry, { mode: 0o600 });
}

export interface Xvfb {
  display: string;
  /** The environment variables a client needs: DISPLAY and, with a cookie, XAUTHORITY. */
  env: Record<string, string>;
  stop(): void;
}

/** Start Xvfb on a free display; with `authFile`, it admits only clients with that file's cookie. */
export async function startXvfb({ authFile }: { authFile?: string } = {}): Promise<Xvfb> {
  const args = ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', '640x480x24', ...(authFile ? ['-auth', authFile] : [])];
  const child: ChildProcess = spawn('Xvfb', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const display = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    child.stdout!.setEncoding('utf8').once('data', (chunk: string) => resolve(`:${chunk.trim()}`));
  });
  return { display, env: { DISPLAY: display, ...(authFile ? { XAUTHORITY: authFile } : {}) }, stop: () => child.kill() };
}

export const newCookie = () => crypto.randomBytes(16);

/** xclip's view of the clipboard: the text ('' when there is none), or another target. */
export async function xclipRead(x: Xvfb, target?: string): Promise<string> {
  try {
    const args = ['-selection', 'clipboard', '-out', ...(target ? ['-target', target] : [])];
    return (await promisify(execFile)('xclip', args, { env: { ...process.env, ...x.env } })).stdout;
  } catch {
    return ''; // xclip fails when the clipboard holds nothing of that target
  }
}

/** Copy `text` with xclip, as another program would. */
export function xclipWrite(x: Xvfb, text: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const child = spawn('xclip', ['-selection', 'clipboard', '-in'], { env: { ...process.env, ...x.env }, stdio: ['pipe', 'ignore', 'ignore'] });
    child.once('exit', () => resolve());
    child.stdin.end(text);
  });
}

export interface OwnerChange {
  owner: number;
  /** The targets the new owner offered when asked right after it took the clipboard. */
  targets: string[];
}

/**
 * Record every SetSelectionOwner on CLIPBOARD from now on (XFIXES SelectSelectionInput), asking
 * each new owner for its TARGETS as soon as the server tells of it.
 */
export async function watchClipboardOwners(x: Xvfb): Promise<{ changes: OwnerChange[]; settled(): Promise<void>; stop(): void }> {
  const connection = await X11Connection.connect({ env: { ...process.env, ...x.env } });
  const reader = await X11Connection.connect({ env: { ...process.env, ...x.env } });
  const xfixes = await connection.queryExtension('XFIXES');
  if (!xfixes) throw new Error('the X server has no XFIXES extension');
  // QueryVersion (minor 0) must come first; then SelectSelectionInput (minor 2) with SetSelectionOwnerNotifyMask.
  const version = Buffer.alloc(8);
  version.writeUInt32LE(5, 0);
  await connection.request(xfixes.majorOpcode, 0, version);
  const window = connection.createWindow();
  const clipboard = await connection.internAtom('CLIPBOARD');
  const select = Buffer.alloc(12);
  select.writeUInt32LE(window, 0);
  select.writeUInt32LE(clipboard, 4);
  select.writeUInt32LE(1, 8);
  connection.send(xfixes.majorOpcode, 2, select);
  await connection.sync();

  const changes: OwnerChange[] = [];
  const asked: Array<Promise<void>> = [];
  const names = new Map<number, string>();
  const nameOf = async (atom: number) => {
    if (!names.has(atom)) {
      const reply = await reader.request(17 /* GetAtomName */, 0, Buffer.from(Uint32Array.of(atom).buffer));
      names.set(atom, reply.subarray(32, 32 + reply.readUInt16LE(8)).toString('latin1'));
    }
    return names.get(atom)!;
  };
  connection.onEvent((event) => {
    // XFixesSelectionNotify, subtype 0 = SetSelectionOwner: owner at byte 8, selection at 12.
    if (event.code !== xfixes.firstEvent || event.bytes.readUInt8(1) !== 0 || event.bytes.readUInt32LE(12) !== clipboard) return;
    const change: OwnerChange = { owner: event.bytes.readUInt32LE(8), targets: [] };
    changes.push(change);
    if (change.owner === 0) return;
    asked.push(clipboardTargets(reader).then(async (atoms) => void (change.targets = await Promise.all(atoms.map(nameOf)))));
  });
  return {
    changes,
    settled: async () => {
      await connection.sync();
      await Promise.all(asked);
    },
    stop: () => {
      connection.close();
      reader.close();
    },
  };
}

/** Process ids of the X11 clipboard owners `orgkey` started on this display (by command line and environment). */
export function runningClipboardOwners(x: Xvfb): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = fs.readFileSync(path.join('/proc', entry, 'cmdline'), 'utf8').split('\0');
      const env = fs.readFileSync(path.join('/proc', entry, 'environ'), 'utf8').split('\0');
      if (argv.includes('--serve-x11-clipboard') && env.includes(`DISPLAY=${x.display}`)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
