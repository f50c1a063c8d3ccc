/**
 * The floor a connection test is measured against: what any credential manager with a lockout
 * guard must do to test one org, written plainly, with nothing of OrgKey's.
 *
 * 1. read the org's secrets from the OS keychain with keytar (the same items OrgKey reads);
 * 2. record the attempt durably under a file lock (O_EXCL lock file; read the state, add the
 *    attempt, write a temporary file, fsync it, rename it over the state);
 * 3. log in with jsforce and make the same calls OrgKey's test makes, the independent ones at once
 *    (identity, Organization, limits, and for a password org the user's last password change, its
 *    permissions and the password policies), then log out;
 * 4. record the result durably the same way (the attempt removed, the result kept).
 *
 * `bench/node.ts` runs it in the bench's process, interleaved with OrgKey's test, and bundles it
 * (as the `orgkey` CLI is bundled, jsforce and keytar external) to run it as a whole process,
 * against `orgkey test <alias>`: `node floor.mjs` with its request as JSON in FLOOR_REQUEST (no
 * secret: it reads them from the keychain).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import jsforce, { type Connection } from 'jsforce';
import type * as KeytarModule from 'keytar';

export interface FloorRequest {
  loginUrl: string;
  username: string;
  /**
   * The keychain service and the items holding the login secret, each read once, their secrets
   * concatenated in this order: an item's whole text, or the named fields of the JSON it holds.
   */
  service: string;
  items: Array<{ account: string; fields?: string[] }>;
  /** The state file the attempt and the result are recorded in (a JSON document with `attempts` and `results`). */
  stateFile: string;
  apiVersion: string;
}

type Keytar = typeof KeytarModule;
let keytar: Keytar | undefined;
const loadKeytar = () => (keytar ??= createRequire(import.meta.url)('keytar') as Keytar);

const sleep = new Int32Array(new SharedArrayBuffer(4));

/** Run `change` on the state document under an O_EXCL lock file; the new state is written + fsynced + renamed. */
function recordDurably(stateFile: string, change: (state: Record<string, unknown>) => Record<string, unknown>): void {
  const lock = `${stateFile}.lock`;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      Atomics.wait(sleep, 0, 0, 2);
    }
  }
  try {
    let state: Record<string, unknown> = {};
    try {
      state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const temp = `${stateFile}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(change(state)));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, stateFile);
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** The calls after the login, at once; what OrgKey's test of a password org asks for. */
async function sameCalls(conn: Connection): Promise<void> {
  const userId = conn.userInfo?.id ?? '';
  await Promise.all([
    conn.identity(),
    conn.query('SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization'),
    conn.limits(),
    conn.query(`SELECT Id, LastPasswordChangeDate, Profile.Name FROM User WHERE Id = '${userId}'`),
    conn.query('SELECT PermissionsApiEnabled, PermissionsApiUserOnly, PermissionsPasswordNeverExpires, PermissionsUseAnyApiAuth, PermissionsTwoFactorApi FROM UserPermissionAccess'),
    conn.metadata.read('SecuritySettings', ['Security']),
    conn.metadata.list([{ type: 'ProfilePasswordPolicy' }]),
  ]);
}

/** jsforce alone: log in, the same calls, log out (the plain-jsforce reference). */
export async function plainJsforceTest(request: Pick<FloorRequest, 'loginUrl' | 'username' | 'apiVersion'>, secret: string): Promise<void> {
  const conn = new jsforce.Connection({ loginUrl: request.loginUrl, version: request.apiVersion });
  await conn.login(request.username, secret);
  await sameCalls(conn);
  await conn.logout();
}

/** One test by the floor: keychain, the attempt recorded, jsforce, the result recorded. Resolves whether it worked. */
export async function floorTest(request: FloorRequest): Promise<boolean> {
  const k = loadKeytar();
  const texts = await Promise.all(request.items.map(({ account }) => k.getPassword(request.service, account)));
  const secrets = request.items.flatMap(({ fields }, i) => {
    const text = texts[i] ?? '';
    if (!fields) return [text];
    const held = JSON.parse(text) as Record<string, string | undefined>;
    return fields.map((field) => held[field] ?? '');
  });
  const attempt = { id: randomUUID(), startedAt: new Date().toISOString() };
  recordDurably(request.stateFile, (state) => ({ ...state, attempts: [...((state.attempts as unknown[]) ?? []), attempt] }));
  let ok = true;
  try {
    const conn = new jsforce.Connection({ loginUrl: request.loginUrl, version: request.apiVersion });
    await conn.login(request.username, secrets.join(''));
    await sameCalls(conn);
    await conn.logout();
  } catch {
    ok = false;
  }
  const result = { ok, at: new Date().toISOString() };
  recordDurably(request.stateFile, (state) => ({
    ...state,
    attempts: ((state.attempts as Array<{ id: string }>) ?? []).filter((entry) => entry.id !== attempt.id),
    lastResult: result,
  }));
  return ok;
}

// Run as a process: `FLOOR_REQUEST='{…}' node floor.mjs`, exit 0 when the test worked.
if (process.env.FLOOR_REQUEST && process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const ok = await floorTest(JSON.parse(process.env.FLOOR_REQUEST) as FloorRequest);
  process.stdout.write(`${JSON.stringify({ ok })}\n`);
  // As `orgkey` does: done is done, idle keep-alive sockets do not hold the process.
  process.exit(ok ? 0 : 1);
}
