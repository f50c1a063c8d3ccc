/**
 * `npm run bench`: OrgKey's speed, each figure a median over repeated runs with its baseline
 * measured in the same run, checked against its budgets (README, "Performance"). Writes
 * bench/results.json and prints a table; exits 1 when a budget is missed (fix the cause, never the
 * budget).
 *
 * BENCH_QUICK=1 runs fewer repetitions and a smaller Test all, to try the bench out;
 * BENCH_ONLY=1,4 runs only the numbered parts (while working on one of them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAudit, benchCliStart, benchMemory, benchSingleTest, benchTestAll, median, ROOT } from './node';
import { benchRenderer } from './renderer';

const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
const runs = (part: number) => !only || only.includes(String(part));
const KB = 1024;

interface Row {
  id: string;
  what: string;
  measured: string;
  baseline: string;
  budget: string;
  ok: boolean;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<number> {
  const started = Date.now();
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};

  if (runs(1)) {
    console.log('[bench] 1/6 connection test: OrgKey versus the floor a credential manager must do');
    const single = await benchSingleTest(quick ? 10 : 50, quick ? 5 : 15);
    const [orgkeyMs, floorMs, jsforceMs] = [median(single.orgkeyMs), median(single.floorMs), median(single.jsforceMs)];
    const ratio = orgkeyMs / floorMs;
    const overProcess = median(single.process.orgkeyMs) - median(single.process.floorMs);
    results.singleTest = { ...single, medianOrgkeyMs: orgkeyMs, medianFloorMs: floorMs, medianJsforceMs: jsforceMs, ratio, processOverMs: overProcess };
    rows.push(
      {
        id: '1',
        what: `test connection of a password org (keychain, login, identity, Organization, limits, password expiry and permissions, logout, two durable records), ${single.runs} runs each; keychain reads per test: ${round(single.keychainReadsPerTest, 1)}`,
        measured: ms(orgkeyMs),
        baseline: `floor script ${ms(floorMs)} (plain jsforce ${ms(jsforceMs)}: ${round(orgkeyMs / jsforceMs)} ×)`,
        budget: `≤ 1.10 × floor (is ${round(ratio)} ×)`,
        ok: ratio <= 1.1,
      },
      {
        id: '1',
        what: `\`orgkey test <alias>\` as a whole process, ${single.process.runs} runs each`,
        measured: ms(median(single.process.orgkeyMs)),
        baseline: `floor script as a process ${ms(median(single.process.floorMs))}`,
        budget: `≤ +100 ms (is ${overProcess >= 0 ? '+' : ''}${Math.round(overProcess)} ms)`,
        ok: overProcess <= 100,
      },
    );
  }

  if (runs(2)) {
    const orgs = quick ? 40 : 200;
    console.log(`[bench] 2/6 Test all: ${orgs} orgs, 150 ms per request, against the critical path`);
    const testAll = await benchTestAll(orgs, 150, [4, 8], quick ? 1 : 3);
    results.testAll = testAll;
    for (const entry of testAll.byConcurrency) {
      const ratio = median(entry.wallMs) / entry.idealMs;
      rows.push({
        id: '2',
        what: `Test all, ${orgs} orgs × ${testAll.roundTrips} round trips × 150 ms, concurrency ${entry.concurrency}`,
        measured: ms(median(entry.wallMs)),
        baseline: `ideal ${ms(entry.idealMs)} (plain jsforce, the same calls: ${ms(median(entry.plainWallMs))}, ${round(median(entry.plainWallMs) / entry.idealMs)} ×)`,
        budget: `≤ 1.15 × ideal (is ${round(ratio)} ×)`,
        ok: ratio <= 1.15,
      });
    }
    const hungRatio = testAll.hung.wallMs / testAll.hung.idealMs;
    rows.push({
      id: '2',
      what: `… plus one org that never answers (timeout 5 s), concurrency ${testAll.hung.concurrency}`,
      measured: `${ms(testAll.hung.wallMs)}, hung org: ${testAll.hung.hungOutcome}, ${testAll.hung.othersOk}/${orgs} others OK`,
      baseline: `ideal ${ms(testAll.hung.idealMs)}`,
      budget: `≤ 1.15 × ideal, hung org TIMEOUT (is ${round(hungRatio)} ×)`,
      ok: hungRatio <= 1.15 && testAll.hung.hungOutcome === 'TIMEOUT' && testAll.hung.othersOk === orgs,
    });
  }

  if (runs(3)) {
    console.log('[bench] 3/6 CLI start');
    const cli = await benchCliStart(20, quick ? 5 : 20);
    const cliOver = median(cli.orgkeyListMs) - median(cli.bareNodeMs);
    results.cliStart = { ...cli, medianListMs: median(cli.orgkeyListMs), medianNodeMs: median(cli.bareNodeMs), overMs: cliOver };
    rows.push({
      id: '3',
      what: `orgkey list (${cli.orgs} orgs), ${cli.runs} runs`,
      measured: ms(median(cli.orgkeyListMs)),
      baseline: `node -e "" ${ms(median(cli.bareNodeMs))}`,
      budget: `≤ +150 ms (is +${Math.round(cliOver)} ms), no jsforce loaded`,
      ok: cliOver <= 150 && !cli.listLoadsJsforce,
    });
  }

  if (runs(4)) {
    console.log('[bench] 4/6 renderer');
    const renderer = await benchRenderer({ runs: quick ? 3 : 10, orgs: 2000 });
    // Each keystroke is judged on its own: a median over all of them would hide one slow one.
    const slowest = renderer.filterByKeystroke.reduce((worst, entry) => (median(entry.ms) > median(worst.ms) ? entry : worst));
    results.renderer = {
      ...renderer,
      medianFirstPaintMs: median(renderer.firstPaintMs),
      medianFilterKeystrokeMs: median(renderer.filterKeystrokeMs),
      slowestKeystroke: { query: slowest.query, medianMs: median(slowest.ms) },
    };
    rows.push(
      { id: '4', what: 'renderer JavaScript (gzip)', measured: `${round(renderer.jsGzipBytes / KB, 1)} KB`, baseline: '—', budget: '≤ 200 KB', ok: renderer.jsGzipBytes <= 200 * KB },
      { id: '4', what: 'renderer CSS (gzip)', measured: `${round(renderer.cssGzipBytes / KB, 1)} KB`, baseline: '—', budget: '≤ 120 KB', ok: renderer.cssGzipBytes <= 120 * KB },
      {
        id: '4',
        what: `first paint of the list of 2,000 orgs (its first screen), ${renderer.firstPaintMs.length} runs`,
        measured: ms(median(renderer.firstPaintMs)),
        baseline: `every org in: ${ms(median(renderer.wholeListMs))}`,
        budget: '≤ 300 ms',
        ok: median(renderer.firstPaintMs) <= 300,
      },
      {
        id: '4',
        what: `filtering 2,000 orgs while typing “${renderer.filterByKeystroke.at(-1)!.query}”: slowest keystroke, median of ${slowest.ms.length} runs`,
        measured: `${ms(median(slowest.ms))} (“${slowest.query}”)`,
        baseline: `all keystrokes ${ms(median(renderer.filterKeystrokeMs))}`,
        budget: '≤ 50 ms each',
        ok: median(slowest.ms) <= 50,
      },
    );
  }

  if (runs(5)) {
    console.log('[bench] 5/6 memory');
    const memory = await benchMemory(quick ? 40 : 200, quick ? 200 : 1000);
    results.memory = memory;
    const growth = memory.heapMB.afterSingles - memory.heapMB.afterFirstHundred;
    rows.push({
      id: '5',
      what: `heap after Test all of ${memory.testAllOrgs} orgs`,
      measured: `${round(memory.heapMB.afterTestAll, 1)} MB`,
      baseline: `before ${round(memory.heapMB.start, 1)} MB`,
      budget: '≤ before + 20 MB',
      ok: memory.heapMB.afterTestAll - memory.heapMB.start <= 20,
    });
    rows.push({
      id: '5',
      what: `heap growth over ${memory.singleTests - 100} more single tests; open handles`,
      measured: `${round(growth, 1)} MB; handles ${memory.handles.start} → ${memory.handles.end}`,
      baseline: `after 100 tests ${round(memory.heapMB.afterFirstHundred, 1)} MB`,
      budget: '≤ 5 MB growth; no handle left open',
      ok: growth <= 5 && memory.handles.end <= memory.handles.start,
    });
  }

  if (runs(6)) {
    const rowsToAudit = quick ? 20_000 : 100_000;
    console.log(`[bench] 6/6 login audit of ${rowsToAudit} LoginHistory rows`);
    const audit = await benchAudit(rowsToAudit, quick ? 2 : 5, quick ? [5_000, 20_000] : [20_000, 100_000]);
    const auditRatio = median(audit.orgkeyMs) / median(audit.jsforceMs);
    const [small, large] = [audit.peakHeapMB[0]!, audit.peakHeapMB.at(-1)!];
    results.audit = { ...audit, medianOrgkeyMs: median(audit.orgkeyMs), medianJsforceMs: median(audit.jsforceMs), ratio: auditRatio };
    rows.push(
      {
        id: '6',
        what: `login audit of ${audit.rows.toLocaleString('en')} LoginHistory rows (180 days, 2,000 a page, ${audit.groups} groups), ${audit.runs} runs each`,
        measured: ms(median(audit.orgkeyMs)),
        baseline: `paging with jsforce ${ms(median(audit.jsforceMs))}`,
        budget: `≤ 1.2 × jsforce (is ${round(auditRatio)} ×)`,
        ok: auditRatio <= 1.2,
      },
      {
        id: '6',
        what: `peak live heap while auditing ${large.rows.toLocaleString('en')} rows`,
        measured: `+${round(large.growth, 1)} MB`,
        baseline: `${small.rows.toLocaleString('en')} rows: +${round(small.growth, 1)} MB`,
        budget: `bounded: ≤ the smaller audit's + 5 MB (is ${large.growth - small.growth >= 0 ? '+' : ''}${round(large.growth - small.growth, 1)} MB)`,
        ok: large.growth - small.growth <= 5,
      },
    );
  }

  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    quick,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  const table = [
    '| # | what | OrgKey | baseline | budget | |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.id} | ${row.what} | ${row.measured} | ${row.baseline} | ${row.budget} | ${row.ok ? 'ok' : '**missed**'} |`),
  ].join('\n');
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ environment, rows, results }, null, 2)}\n`);
  console.log(`\n${table}\n\n${environment.node} on ${environment.platform}, ${environment.cpus}; ${environment.seconds} s. Raw samples: bench/results.json`);
  const missed = rows.filter((row) => !row.ok);
  if (missed.length) console.error(`[bench] ${missed.length} budget(s) missed: ${missed.map((row) => row.what).join('; ')}`);
  return missed.length ? 1 : 0;
}

process.exitCode = await main();
