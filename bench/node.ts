/**
 * The Node side of `npm run bench`: a connection test against the floor a credential manager must
 * do (floor.ts), Test all at scale on a slow network (and with a hung org) against its critical
 * path, CLI start time, and memory after many tests.
 *
 * Every figure is measured here and now, against the fake org, with the same real parts the app
 * uses (keychain, settings file, jsforce); the baseline runs in the same process, interleaved.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import jsforce from 'jsforce';
import { build } from 'esbuild';
import { openCore, type Core } from '../electron/core';
import { orgItemAccount } from '../electron/core/secrets/org-item';
import { fakeOrgControl, startFakeOrg, type FakeOrg } from '../e2e/fake-org';
import { LOGIN_HISTORY_FIELDS } from '../electron/core/audit/aggregate';
import { makeTempDir, removeTempDir } from '../tests/support/temp';
import { floorTest, plainJsforceTest, type FloorRequest } from './floor';
import { seedListedOrgs } from './seed';

export const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'orgkey.js');
const ADMIN = 'admin@acme.example';
const API_VERSION = '64.0';

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Bed {
  core: Core;
  dir: string;
  service: string;
  ids: string[];
  close(): Promise<void>;
}

/** A core on real parts with `count` orgs, all logging in to `loginUrl` as the fake admin. */
async function testBed(label: string, loginUrl: string, count: number, credentials: { password: string; token: string }, concurrency = 4): Promise<Bed> {
  const dir = makeTempDir(`bench-${label}`);
  const service = `OrgKey-bench-${label}-${process.pid}`;
  // Opened as the CLI opens it, so the figures include what users run (the log file too).
  const { core } = openCore({ host: 'cli', version: 'bench', dataDir: dir, keychainService: service, logSource: 'bench' });
  core.preferences.update({ testConcurrency: concurrency, testTimeoutSeconds: 5 });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { org } = await core.orgs.add({
      alias: `Org ${String(i).padStart(4, '0')}`,
      environment: 'custom',
      customUrl: loginUrl,
      username: ADMIN,
      password: credentials.password,
      token: credentials.token,
    });
    ids.push(org.id);
  }
  return {
    core,
    dir,
    service,
    ids,
    async close() {
      for (const id of ids) await core.orgs.remove(id).catch(() => undefined);
      removeTempDir(dir);
    },
  };
}

async function adminCredentials(org: FakeOrg) {
  const user = org.state.user(ADMIN);
  return { password: user.password, token: user.token };
}

/**
 * The fake org in a process of its own, as Salesforce is: in this process, its work would run on
 * the tested code's thread, and nothing OrgKey does could overlap with the server's.
 */
async function fakeOrgProcess(latencyMs = 0): Promise<{ loginUrl: string; orgIds: string[]; credentials: { password: string; token: string }; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'e2e', 'fake-org', 'cli.ts'), '--latency-ms', String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`[bench] the fake org exited (${code}) before it served`)));
  });
  const started = JSON.parse(line) as { loginUrl: string; orgs: Array<{ orgId: string }>; users: Array<{ username: string; password: string; token: string; orgId: string }> };
  const admin = started.users.find((user) => user.username === ADMIN)!;
  return {
    loginUrl: started.loginUrl,
    // The admin's org first: the one the benches seed.
    orgIds: [admin.orgId, ...started.orgs.map((org) => org.orgId).filter((orgId) => orgId !== admin.orgId)],
    credentials: { password: admin.password, token: admin.token },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface SingleTestResult {
  runs: number;
  orgkeyMs: number[];
  floorMs: number[];
  jsforceMs: number[];
  /** Keychain reads OrgKey's test makes (keytar calls, counted over the timed runs). */
  keychainReadsPerTest: number;
  process: { runs: number; orgkeyMs: number[]; floorMs: number[] };
}

/** Count keytar's reads in this process (the module object the keychain port calls into). */
function keychainReadCounter(): { count(): number } {
  const keytar = createRequire(import.meta.url)('keytar') as { getPassword: (service: string, account: string) => Promise<string | null> };
  const read = keytar.getPassword;
  let reads = 0;
  keytar.getPassword = (service, account) => {
    reads += 1;
    return read(service, account);
  };
  return { count: () => reads };
}

/** The floor script bundled as the `orgkey` CLI is (jsforce and keytar external), to run as a process. */
async function bundledFloor(): Promise<string> {
  const outfile = path.join(ROOT, '.tmp', 'bench', 'floor.mjs');
  await build({ entryPoints: [path.join(ROOT, 'bench', 'floor.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['jsforce', 'keytar'], logLevel: 'warning' });
  return outfile;
}

/**
 * 1. OrgKey's test of one org at zero latency against the floor (floor.ts) and plain jsforce,
 * interleaved after a warm-up of each; then `orgkey test <alias>` as a whole process against the
 * floor script as a whole process.
 */
export async function benchSingleTest(runs: number, processRuns: number): Promise<SingleTestResult> {
  const org = await fakeOrgProcess();
  const creds = org.credentials;
  const bed = await testBed('single', org.loginUrl, 1, creds);
  const id = bed.ids[0]!;
  // The floor keeps its own state file, starting as a copy of OrgKey's: the same bytes to rewrite.
  const stateFile = path.join(bed.dir, 'floor-state.json');
  fs.copyFileSync(path.join(bed.dir, 'settings.json'), stateFile);
  const floor: FloorRequest = {
    loginUrl: org.loginUrl,
    username: ADMIN,
    service: bed.service,
    // The same keychain item OrgKey's test reads (the org's one item), its secrets in the order they are sent.
    items: [{ account: orgItemAccount(id), fields: ['password', 'token'] }],
    stateFile,
    apiVersion: API_VERSION,
  };
  const orgkeyMs: number[] = [];
  const floorMs: number[] = [];
  const jsforceMs: number[] = [];
  const reads = keychainReadCounter();
  let orgkeyReads = 0;
  try {
    for (let i = 0; i < 5; i += 1) {
      await bed.core.tester.test(id);
      await floorTest(floor);
      await plainJsforceTest(floor, creds.password + creds.token);
    }
    const kinds = ['orgkey', 'floor', 'jsforce'] as const;
    for (let i = 0; i < runs; i += 1) {
      // Each in every position in turn: none always runs after the same one.
      for (let k = 0; k < kinds.length; k += 1) {
        const which = kinds[(i + k) % kinds.length]!;
        const before = reads.count();
        const started = performance.now();
        if (which === 'orgkey') {
          const outcome = await bed.core.tester.test(id);
          orgkeyMs.push(performance.now() - started);
          orgkeyReads += reads.count() - before;
          if (!outcome.ok) throw new Error(`[bench] the OrgKey test failed: ${outcome.failure?.code}`);
        } else if (which === 'floor') {
          const ok = await floorTest(floor);
          floorMs.push(performance.now() - started);
          if (!ok) throw new Error('[bench] the floor test failed');
        } else {
          await plainJsforceTest(floor, creds.password + creds.token);
          jsforceMs.push(performance.now() - started);
        }
      }
    }

    const floorScript = await bundledFloor();
    const alias = (await bed.core.orgs.get(id)).alias;
    const env = { ...process.env, ORGKEY_DATA_DIR: bed.dir, ORGKEY_KEYCHAIN_SERVICE: bed.service };
    const floorEnv = { ...process.env, FLOOR_REQUEST: JSON.stringify(floor) };
    const processes = { runs: processRuns, orgkeyMs: [] as number[], floorMs: [] as number[] };
    for (let i = 0; i < processRuns + 2; i += 1) {
      const pair = i % 2 === 0 ? (['orgkey', 'floor'] as const) : (['floor', 'orgkey'] as const);
      for (const which of pair) {
        const ms = which === 'orgkey' ? timedRun([CLI, 'test', alias], env) : timedRun([floorScript], floorEnv);
        // The first two of each warm the disk cache.
        if (i >= 2) processes[which === 'orgkey' ? 'orgkeyMs' : 'floorMs'].push(ms);
      }
    }
    return { runs, orgkeyMs, floorMs, jsforceMs, keychainReadsPerTest: orgkeyReads / runs, process: processes };
  } finally {
    await bed.close();
    await org.close();
  }
}

/** A server that accepts connections and never answers: an org whose network path hangs. */
async function hungServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface TestAllResult {
  orgs: number;
  latencyMs: number;
  /** Sequential round trips a test needs: login, the facts (at once), logout. */
  roundTrips: number;
  /** `plainWallMs`: plain jsforce making the same calls, as many at a time, taking turns with OrgKey (a reference). */
  byConcurrency: Array<{ concurrency: number; wallMs: number[]; plainWallMs: number[]; idealMs: number }>;
  hung: { concurrency: number; timeoutMs: number; wallMs: number; idealMs: number; hungOutcome: string; othersOk: number };
}

/** A test's critical path: the login, then the facts asked at once, then the logout. */
const ROUND_TRIPS = 3;

/**
 * 2. Test all of `orgs` orgs on a network with `latencyMs` per request, at each concurrency: the
 * core's Test all, which the app's button and `orgkey test --all` run. The fake org runs in a
 * process of its own, as Salesforce does: its work is not the tested code's.
 */
/** Plain jsforce testing `orgs` times at `concurrency`: no keychain, nothing recorded. Its wall time. */
async function plainTestAll(loginUrl: string, secret: string, orgs: number, concurrency: number): Promise<number> {
  const request = { loginUrl, username: ADMIN, apiVersion: API_VERSION };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < orgs) {
        next += 1;
        await plainJsforceTest(request, secret);
      }
    }),
  );
  return performance.now() - started;
}

export async function benchTestAll(orgs: number, latencyMs: number, concurrencies: number[], runs: number): Promise<TestAllResult> {
  const org = await fakeOrgProcess(latencyMs);
  const creds = org.credentials;
  const bed = await testBed('testall', org.loginUrl, orgs, creds);
  const byConcurrency: TestAllResult['byConcurrency'] = [];
  let hung: TestAllResult['hung'];
  try {
    for (const concurrency of concurrencies) {
      bed.core.preferences.update({ testConcurrency: concurrency });
      const wallMs: number[] = [];
      const plainWallMs: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        const summary = await bed.core.testAll.run();
        wallMs.push(performance.now() - started);
        const failed = summary.total - summary.ok;
        if (failed) throw new Error(`[bench] ${failed} of ${orgs} tests failed`);
        plainWallMs.push(await plainTestAll(org.loginUrl, creds.password + creds.token, orgs, concurrency));
      }
      byConcurrency.push({ concurrency, wallMs, plainWallMs, idealMs: (orgs * ROUND_TRIPS * latencyMs) / concurrency });
    }

    // One org whose network hangs: it times out after the configured time and holds one slot only.
    const server = await hungServer();
    const concurrency = Math.max(...concurrencies);
    bed.core.preferences.update({ testConcurrency: concurrency, testTimeoutSeconds: 5 });
    const { org: hungOrg } = await bed.core.orgs.add({
      alias: 'Hung org',
      environment: 'custom',
      customUrl: server.url,
      username: ADMIN,
      password: creds.password,
      token: creds.token,
    });
    // Its name sorts first (orgs are tested by name), so it holds one slot from the start: the run
    // must take no longer than its timeout or the others on the remaining slots, whichever is longer.
    let hungOutcome = 'none';
    let othersOk = 0;
    let first: string | undefined;
    const started = performance.now();
    await bed.core.testAll.run({
      onProgress: (progress) => {
        if (progress.kind === 'org-started') first ??= progress.id;
        if (progress.kind === 'org-result' || progress.kind === 'org-guarded' || progress.kind === 'org-error') {
          const code = progress.kind === 'org-result' ? (progress.outcome.failure?.code ?? 'OK') : progress.error.code;
          if (progress.id === hungOrg.id) hungOutcome = code;
          else if (code === 'OK') othersOk += 1;
        }
      },
    });
    const wallMs = performance.now() - started;
    if (first !== hungOrg.id) throw new Error('[bench] the hung org was not the first one tested');
    await bed.core.orgs.remove(hungOrg.id);
    await server.close();
    hung = {
      concurrency,
      timeoutMs: 5000,
      wallMs,
      // The others share the remaining slots while the hung one waits out its timeout.
      idealMs: Math.max(5000, (orgs * ROUND_TRIPS * latencyMs) / (concurrency - 1)),
      hungOutcome,
      othersOk,
    };
  } finally {
    await bed.close();
    await org.close();
  }
  return { orgs, latencyMs, roundTrips: ROUND_TRIPS, byConcurrency, hung };
}

export interface CliStartResult {
  orgs: number;
  runs: number;
  orgkeyListMs: number[];
  bareNodeMs: number[];
  listLoadsJsforce: boolean;
}

function timedRun(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`[bench] ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return ms;
}

/** 3. `orgkey list` with 20 orgs against a bare `node -e ""`, interleaved. */
export async function benchCliStart(orgs: number, runs: number): Promise<CliStartResult> {
  const dir = makeTempDir('bench-cli');
  seedListedOrgs(dir, orgs);
  const env = { ...process.env, ORGKEY_DATA_DIR: dir, ORGKEY_KEYCHAIN_SERVICE: `OrgKey-bench-cli-${process.pid}` };
  const orgkeyListMs: number[] = [];
  const bareNodeMs: number[] = [];
  try {
    for (let i = 0; i < 3; i += 1) timedRun([CLI, 'list'], env);
    for (let i = 0; i < runs; i += 1) {
      bareNodeMs.push(timedRun(['-e', ''], env));
      orgkeyListMs.push(timedRun([CLI, 'list'], env));
    }
    // Which modules `list` loads (the integration tests' recorder): jsforce must not be among them.
    const log = path.join(dir, 'modules.log');
    fs.writeFileSync(log, '');
    const recorder = path.join(ROOT, 'tests', 'integration', 'cli', 'fixtures', 'record-modules.mjs');
    execFileSync(process.execPath, ['--import', recorder, CLI, 'list'], { env: { ...env, ORGKEY_TEST_MODULE_LOG: log }, stdio: 'ignore' });
    const listLoadsJsforce = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .some((line) => /^(import|require) jsforce(\/.*)?$/.test(line));
    return { orgs, runs, orgkeyListMs, bareNodeMs, listLoadsJsforce };
  } finally {
    removeTempDir(dir);
  }
}

export interface AuditResult {
  rows: number;
  runs: number;
  orgkeyMs: number[];
  jsforceMs: number[];
  groups: number;
  /** Live heap (after a full collection) at its highest while auditing, above the heap before, by rows seeded. */
  peakHeapMB: Array<{ rows: number; before: number; peak: number; growth: number; samples: number[] }>;
}

/**
 * What a script does with jsforce alone to read the same history: log in, `query` and every
 * `queryMore` of the same SOQL, log out. Resolves the rows read.
 */
async function plainJsforceHistory(loginUrl: string, secret: string, soql: string): Promise<number> {
  const conn = new jsforce.Connection({ loginUrl, version: API_VERSION });
  await conn.login(ADMIN, secret);
  let rows = 0;
  let page = await conn.query(soql).autoFetch(false);
  for (;;) {
    rows += page.records.length;
    if (page.done || !page.nextRecordsUrl) break;
    page = await conn.queryMore(page.nextRecordsUrl).autoFetch(false);
  }
  await conn.logout();
  return rows;
}

/**
 * 6. The login audit of `rows` LoginHistory rows (180 days), paged 2,000 at a time, against paging
 * through the same rows with jsforce alone, interleaved; then the audit's peak live heap for each
 * of `heapRows`, to show it does not grow with the number of rows.
 */
export async function benchAudit(rows: number, runs: number, heapRows: number[]): Promise<AuditResult> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('[bench] run with --expose-gc');
  const days = 180;
  const org = await fakeOrgProcess();
  const control = fakeOrgControl(org.loginUrl);
  const orgId = org.orgIds[0]!;
  const secret = org.credentials.password + org.credentials.token;
  const bed = await testBed('audit', org.loginUrl, 1, org.credentials);
  const id = bed.ids[0]!;
  const seed = async (total: number) => {
    await control.reset();
    const seeded = await control.seedLoginHistory(orgId, { days, perDay: Math.ceil(total / days) });
    // The same window and SOQL the audit reads: the last 180 days, newest first.
    const from = new Date(Date.parse(seeded.to) - days * 86_400_000).toISOString().slice(0, 19);
    return { seeded, soql: `SELECT ${LOGIN_HISTORY_FIELDS.join(', ')} FROM LoginHistory WHERE LoginTime >= ${from}Z ORDER BY LoginTime DESC` };
  };
  const orgkeyMs: number[] = [];
  const jsforceMs: number[] = [];
  let groups = 0;
  const peakHeapMB: AuditResult['peakHeapMB'] = [];
  try {
    const { seeded, soql } = await seed(rows);
    for (let i = 0; i < 2; i += 1) {
      await bed.core.audits.run(id, { days });
      await plainJsforceHistory(org.loginUrl, secret, soql);
    }
    for (let i = 0; i < runs; i += 1) {
      const order = i % 2 === 0 ? ['orgkey', 'jsforce'] : ['jsforce', 'orgkey'];
      for (const which of order) {
        const started = performance.now();
        if (which === 'orgkey') {
          const audit = await bed.core.audits.run(id, { days });
          orgkeyMs.push(performance.now() - started);
          // Both read the same rows: the seeded ones in the window, and the logins made since.
          if (audit.rows < seeded.rows * 0.99 || !audit.complete) throw new Error(`[bench] the audit read ${audit.rows} of ${seeded.rows} rows`);
          groups = audit.groups.length;
        } else {
          const read = await plainJsforceHistory(org.loginUrl, secret, soql);
          jsforceMs.push(performance.now() - started);
          if (read < seeded.rows * 0.99) throw new Error(`[bench] jsforce read ${read} of ${seeded.rows} rows`);
        }
      }
    }

    for (const total of heapRows) {
      await seed(total);
      await bed.core.audits.run(id, { days });
      const before = heapMB();
      const samples: number[] = [];
      const audit = await bed.core.audits.run(id, { days, onProgress: () => samples.push(heapMB()) });
      const peak = Math.max(before, ...samples);
      peakHeapMB.push({ rows: audit.rows, before, peak, growth: peak - before, samples });
    }
  } finally {
    await bed.close();
    await org.close();
  }
  return { rows, runs, orgkeyMs, jsforceMs, groups, peakHeapMB };
}

export interface MemoryResult {
  testAllOrgs: number;
  singleTests: number;
  heapMB: { start: number; afterTestAll: number; afterFirstHundred: number; afterSingles: number };
  handles: { start: number; end: number; startKinds: Record<string, number>; endKinds: Record<string, number> };
}

const heapMB = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
/** Open sockets, servers and timers, by kind (the fake org's own listening socket included). */
const activeHandles = () => (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
const handleKinds = () =>
  activeHandles().reduce<Record<string, number>>((kinds, handle) => {
    const kind = handle.constructor?.name ?? 'unknown';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    return kinds;
  }, {});

/** 5. Heap after Test all of 200 orgs and after 1,000 single tests; sockets and timers released. */
export async function benchMemory(testAllOrgs: number, singleTests: number): Promise<MemoryResult> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('[bench] run with --expose-gc');
  const org = await startFakeOrg();
  const creds = await adminCredentials(org);
  const bed = await testBed('memory', org.loginUrl, testAllOrgs, creds, 8);
  try {
    await bed.core.tester.test(bed.ids[0]!);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const startKinds = handleKinds();
    const handlesStart = activeHandles().length;
    const start = heapMB();
    await bed.core.testAll.run();
    const afterTestAll = heapMB();
    let afterFirstHundred = 0;
    for (let i = 0; i < singleTests; i += 1) {
      const outcome = await bed.core.tester.test(bed.ids[i % bed.ids.length]!);
      if (!outcome.ok) throw new Error(`[bench] test ${i} failed: ${outcome.failure?.code}`);
      if (i === 99) afterFirstHundred = heapMB();
    }
    const afterSingles = heapMB();
    // Background logouts finish within their 5 s bound, and idle keep-alive sockets close after
    // Node's 5 s keep-alive timeout; after that every socket and timer must be gone.
    await new Promise((resolve) => setTimeout(resolve, 6500));
    return {
      testAllOrgs,
      singleTests,
      heapMB: { start, afterTestAll, afterFirstHundred, afterSingles },
      handles: { start: handlesStart, end: activeHandles().length, startKinds, endKinds: handleKinds() },
    };
  } finally {
    await bed.close();
    await org.close();
  }
}
