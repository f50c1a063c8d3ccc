/**
 * Small file-system helpers the settings file, its lock and the log share.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

// Random once per process, then counted: a random draw at each of Test all's hundreds of settings
// writes (a temporary file name and a lock nonce each) was measurable (`npm run bench`).
const PROCESS_PART = randomBytes(8).toString('hex');
let given = 0;

/** A name no other call, in this process or any other, is given: lock nonces and temporary files. */
export function uniqueSuffix(): string {
  given += 1;
  return `${PROCESS_PART}${given.toString(36)}`;
}

/**
 * Run `fn`, which writes into `folder`; if it failed because the folder is missing (a first start,
 * or a data folder removed under a running app), make the folder and run it once more. The folder
 * is not made, nor looked at, before every write: those writes happen at every test.
 */
export function inFolder<T>(folder: string, fn: () => T, mode?: number): T {
  try {
    return fn();
  } catch (error) {
    if (fs.existsSync(folder)) throw error;
    fs.mkdirSync(folder, { recursive: true, ...(mode === undefined ? {} : { mode }) });
    return fn();
  }
}
