/**
 * One writer at a time for an org's keychain item.
 *
 * The keychain has no compare-and-swap: two processes (the app and an `orgkey` command) that both
 * read the org's item, change one kind and write it back would drop each other's kind. Every
 * read-modify-write therefore runs under `keychain.lock` in the data folder (created with O_EXCL,
 * naming its owner, like the settings lock), and within one process in a queue. Reads take no lock:
 * an item is written whole, so a reader sees the old item or the new one.
 *
 * The lock is taken over when its owner is gone, or after `staleMs` (a write holds it for a few
 * keychain round trips; a macOS access prompt may hold it longer, hence a minute, not seconds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { OrgKeyError } from '../errors';
import { lockOwner, readOwner, tryTakeLock } from '../settings/lock';
import { keychainRemedy } from './keytar-store';

const STALE_MS = 60_000;
const TIMEOUT_MS = 90_000;

export type KeychainLock = <T>(fn: () => Promise<T>) => Promise<T>;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function busy(): OrgKeyError {
  return new OrgKeyError('KEYCHAIN_UNAVAILABLE', { message: 'Another OrgKey process has been writing to the keychain for too long, so nothing was saved.', remedy: keychainRemedy() });
}

async function acquire(lockPath: string, timeoutMs: number): Promise<string> {
  const started = Date.now();
  const me = lockOwner();
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const refuse = (error: unknown) => new OrgKeyError('KEYCHAIN_UNAVAILABLE', { message: 'OrgKey could not lock its keychain entries for writing.', remedy: keychainRemedy() }, { cause: error });
  for (let attempt = 0; ; attempt += 1) {
    if (tryTakeLock(lockPath, me, STALE_MS, refuse)) return me.nonce;
    if (Date.now() - started > timeoutMs) throw busy();
    await wait(Math.min(2 + attempt, 20) + Math.random() * 5);
  }
}

/**
 * The lock for the keychain items of the orgs in `dataDir`, and its own queue in this process;
 * without a folder (unit tests on in-memory ports), the queue alone.
 */
export function keychainLock(dataDir: string | undefined, options: { timeoutMs?: number } = {}): KeychainLock {
  const lockPath = dataDir ? path.join(dataDir, 'keychain.lock') : undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = async () => {
      if (!lockPath) return fn();
      const nonce = await acquire(lockPath, options.timeoutMs ?? TIMEOUT_MS);
      try {
        return await fn();
      } finally {
        // Only our own lock: one taken over while we were stalled belongs to someone else now.
        if (readOwner(lockPath)?.nonce === nonce) fs.rmSync(lockPath, { force: true });
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
}
