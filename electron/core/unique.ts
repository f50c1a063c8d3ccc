/**
 * Names no other caller, in this process or any other, is given: lock nonces and temporary files.
 *
 * Random once per process, then counted: a random draw at each of Test all's hundreds of settings
 * writes (a temporary file name and a lock nonce each) was measurable (`npm run bench`).
 */
import { randomBytes } from 'node:crypto';

const PROCESS_PART = randomBytes(8).toString('hex');
let given = 0;

export function uniqueSuffix(): string {
  given += 1;
  return `${PROCESS_PART}${given.toString(36)}`;
}
