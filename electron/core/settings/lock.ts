/**
 * A cross-process lock around the settings file's read-modify-write.
 *
 * The app and the `orgkey` command write the same `settings.json`. conf writes atomically (rename),
 * so a reader never sees half a file, but two writers that both read, change and write would each
 * drop the other's change. Every `update()` therefore holds an exclusive lock file next to the
 * settings file (`settings.json.lock`, created with O_EXCL) and re-reads the file inside it.
 *
 * `update()` is synchronous, so waiting is a short blocking sleep (Atomics.wait), not a timer. A
 * lock left by a crashed process is taken over when its owner is gone or it is older than
 * `staleMs`: a settings write holds it for milliseconds, never seconds.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OrgKeyError } from '../errors';
import { inFolder, uniqueSuffix } from '../file-names';

export interface FileLockOptions {
  /** A lock older than this is presumed abandoned; default 5 s. */
  staleMs?: number;
  /** Give up with SETTINGS_UNAVAILABLE after waiting this long; default 15 s. */
  timeoutMs?: number;
}

export interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
}

const DEFAULT_STALE_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 15_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

let canBlock = true;

/** Block this thread for `ms` (update() is synchronous, so a timer cannot be awaited). */
function sleepSync(ms: number): void {
  if (canBlock) {
    try {
      Atomics.wait(sleeper, 0, 0, ms);
      return;
    } catch {
      // Some embedders forbid Atomics.wait on the main thread (Chromium-based ones may): spin instead.
      canBlock = false;
    }
  }
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Waits are a few milliseconds, and only while another process is writing.
  }
}

export function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.nonce === 'string') {
      return parsed as LockOwner;
    }
  } catch {
    // Missing, or created but not yet written: judged by its age alone.
  }
  return null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock as seen in `stats` was left behind by a process that will never release it. */
export function isStale(lockPath: string, stats: fs.Stats, staleMs: number): boolean {
  if (Date.now() - stats.mtimeMs > staleMs) return true;
  const owner = readOwner(lockPath);
  return !!owner && owner.host === os.hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

/**
 * Remove an abandoned lock without removing a fresh one that replaced it meanwhile: move it aside,
 * check it is the very file judged stale, and put it back if it is not.
 */
export function takeOver(lockPath: string, seen: fs.Stats): void {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // someone else took it over or it was released: just try again
  }
  const moved = fs.statSync(aside, { throwIfNoEntry: false });
  if (moved && (moved.ino !== seen.ino || moved.mtimeMs !== seen.mtimeMs)) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // A newer lock exists already; the one we moved is superseded either way.
    }
  }
  fs.rmSync(aside, { force: true });
}

/**
 * One try at taking the lock at `lockPath` for `me` (created with O_EXCL, naming its owner): true
 * when taken; false when another holds it, after taking over a lock left stale (older than
 * `staleMs`, or its owner gone) so the next try may get it. Any failure but EEXIST is `refuse`d.
 */
export function tryTakeLock(lockPath: string, me: LockOwner, staleMs: number, refuse: (error: unknown) => Error): boolean {
  try {
    const fd = fs.openSync(lockPath, 'wx', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(me));
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw refuse(error);
  }
  const stats = fs.statSync(lockPath, { throwIfNoEntry: false });
  if (stats && isStale(lockPath, stats, staleMs)) takeOver(lockPath, stats);
  return false;
}

const HOST = os.hostname();

/** Who this process is, as a lock's owner: a fresh nonce for each taking. */
export function lockOwner(): LockOwner {
  return { pid: process.pid, host: HOST, nonce: uniqueSuffix() };
}

function unavailable(message: string, error?: unknown): OrgKeyError {
  return new OrgKeyError('SETTINGS_UNAVAILABLE', { message }, error === undefined ? undefined : { cause: error });
}

/** Create a lock for `filePath` on first use; each call of the returned function runs `fn` under it. */
export function fileLock(filePath: string, options: FileLockOptions = {}): <T>(fn: () => T) => T {
  const lockPath = `${filePath}.lock`;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let depth = 0;
  let nonce = '';

  const refuse = (error: unknown) => unavailable('OrgKey could not lock its settings file for writing.', error);
  const take = (me: LockOwner) => inFolder(path.dirname(lockPath), () => tryTakeLock(lockPath, me, staleMs, refuse));
  const acquire = () => {
    const started = Date.now();
    const me = lockOwner();
    for (let attempt = 0; ; attempt += 1) {
      if (take(me)) {
        nonce = me.nonce;
        return;
      }
      if (Date.now() - started > timeoutMs) {
        throw unavailable('Another OrgKey process has held the settings file for too long.');
      }
      // Short, jittered waits: two writers that collide rarely collide again.
      sleepSync(Math.min(2 + attempt, 20) + Math.random() * 5);
    }
  };

  const release = () => {
    // Only remove our own lock: a lock taken over while we were stalled belongs to someone else now.
    if (readOwner(lockPath)?.nonce === nonce) fs.rmSync(lockPath, { force: true });
    nonce = '';
  };

  return <T>(fn: () => T): T => {
    // Re-entrant within this process: a change that itself writes must not wait for itself.
    if (depth > 0) {
      depth += 1;
      try {
        return fn();
      } finally {
        depth -= 1;
      }
    }
    acquire();
    depth = 1;
    try {
      return fn();
    } finally {
      depth = 0;
      release();
    }
  };
}
