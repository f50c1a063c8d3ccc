/**
 * The X11 clipboard owner as a process of its own.
 *
 * On X11 the clipboard lives in whichever process owns it, so a copy lasts only as long as its
 * owner. The owner runs apart from the process that copies: the CLI's `--clear-after 0` exits and
 * leaves it behind (as xclip does), and the app keeps it out of the main process, where Chromium
 * reads the X11 clipboard synchronously on the same thread Node runs on and would wait on itself.
 *
 * The request (text and whether to stay) arrives on stdin as one JSON line, or as the first
 * message from the Electron app; the secret is never an argument. The owner answers `owned` or
 * `failed <why>`, then serves pastes until another program copies or the clipboard is cleared,
 * and — unless asked to stay — until the process that started it goes away.
 */
import { spawn } from 'node:child_process';
import { X11Connection } from './x11/connection';
import { ownClipboard } from './x11/selection';

export interface OwnerRequest {
  text: string;
  /** Keep serving after the starting process is gone (the CLI's --clear-after 0). */
  stay: boolean;
}

export const OWNED = 'owned';

/** Own the clipboard for `request`; `report` gets `owned` or `failed …`. Resolves the exit code. */
export async function serveClipboard(request: OwnerRequest, env: NodeJS.ProcessEnv, report: (line: string) => void, starterGone: Promise<void>): Promise<number> {
  let connection: X11Connection | null = null;
  try {
    connection = await X11Connection.connect({ env });
    const owner = await ownClipboard(connection, request.text);
    report(OWNED);
    await Promise.race([owner.lost, request.stay ? new Promise<never>(() => {}) : starterGone.then(() => owner.release())]);
    return 0;
  } catch (error) {
    report(`failed ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    connection?.close();
  }
}

function parseRequest(line: string): OwnerRequest {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null || typeof (value as OwnerRequest).text !== 'string' || typeof (value as OwnerRequest).stay !== 'boolean') {
    throw new Error('not a clipboard request');
  }
  return value as OwnerRequest;
}

/** The owner over stdin/stdout (the CLI starts it with Node). Resolves the exit code. */
export async function runOwnerOverStdio(): Promise<number> {
  const input = process.stdin;
  input.setEncoding('utf8');
  let buffered = '';
  const line = await new Promise<string | null>((resolve) => {
    const onData = (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      input.off('data', onData);
      input.off('end', onEnd);
      resolve(buffered.slice(0, end));
    };
    const onEnd = () => resolve(null);
    input.on('data', onData);
    input.once('end', onEnd);
  });
  if (line === null) return 2;
  let request: OwnerRequest;
  try {
    request = parseRequest(line);
  } catch {
    process.stdout.write('failed the request was not understood\n');
    return 2;
  }
  // The starter holds our stdin open while it lives; its end (even a crash) ends the copy.
  const starterGone = new Promise<void>((resolve) => {
    input.once('end', () => resolve());
    input.once('close', () => resolve());
    input.once('error', () => resolve());
  });
  input.resume();
  const report = (message: string) => {
    process.stdout.write(`${message}\n`);
    // Once the starter has its answer, our stdout matters no more: a stayer must not hold its pipe.
    if (request.stay) process.stdout.end();
  };
  return serveClipboard(request, process.env, report, starterGone);
}

interface ParentPort {
  once(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** The owner in an Electron utility process: the request is the first message from the app. */
export async function runOwnerOverParentPort(port: ParentPort, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const data = await new Promise<unknown>((resolve) => port.once('message', (message) => resolve(message.data)));
  let request: OwnerRequest;
  try {
    request = parseRequest(typeof data === 'string' ? data : JSON.stringify(data));
  } catch {
    port.postMessage('failed the request was not understood');
    return 2;
  }
  // A utility process ends with the app, so "the starter is gone" needs no signal of its own.
  return serveClipboard(request, env, (line) => port.postMessage(line), new Promise<void>(() => {}));
}

/**
 * Start the owner as `command` (a Node process), hand it the request on stdin, and resolve once it
 * owns the clipboard. Unless `stay`, it lives as long as this process: it ends when our end of its
 * stdin closes, so even a killed `orgkey` leaves no secret behind. Rejects with the owner's reason.
 */
export function startOwnerProcess(command: readonly [string, ...string[]], env: NodeJS.ProcessEnv, request: OwnerRequest, timeoutMs = 10_000): Promise<void> {
  const [file, ...args] = command;
  // Its own process group: Ctrl-C at the terminal is for orgkey (which then clears the clipboard
  // if it still holds the copy), not for the owner.
  const child = spawn(file, args, { env, detached: true, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
  return new Promise<void>((resolve, reject) => {
    let answer = '';
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.removeAllListeners('exit');
      if (error) {
        child.kill();
        reject(error);
        return;
      }
      child.stdout!.destroy();
      if (request.stay) child.stdin!.destroy();
      child.unref();
      (child.stdin as unknown as { unref?: () => void }).unref?.();
      resolve();
    };
    const timer = setTimeout(() => finish(new Error('the clipboard owner did not answer')), timeoutMs);
    child.once('error', (error) => finish(error));
    child.once('exit', (code) => finish(new Error(answer.startsWith('failed ') ? answer.slice(7).trim() : `the clipboard owner exited (${code ?? 'signal'})`)));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk;
      const end = answer.indexOf('\n');
      if (end < 0) return;
      const line = answer.slice(0, end);
      if (line === OWNED) finish(null);
      else answer = line; // `failed …`: the exit that follows reports it
    });
    child.stdin!.on('error', () => {}); // an owner that failed closes its stdin: its answer says why
    child.stdin!.write(`${JSON.stringify(request)}\n`);
  });
}
