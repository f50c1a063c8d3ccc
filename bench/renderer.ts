/**
 * The renderer side of `npm run bench`: bundle sizes, first paint of a long org list and the cost of
 * each filter keystroke, in the built renderer on the browser host (Debian's Chromium, real core).
 *
 * Timings come from the app's own performance measures, which end once the browser has painted:
 * `orgkey:list` from the list request to the list on screen, `orgkey:filter` from a keystroke's
 * input event to the filtered table on screen. So they measure the app, not the harness.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowserHost, RENDERER_DIR } from '../e2e/hosts/browser-host';
import { makeTempDir, removeTempDir } from '../tests/support/temp';
import { seedListedOrgs } from './seed';

export interface RendererBench {
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** Per run: list requested → list painted (`orgkey:list`). */
  firstPaintMs: number[];
  /** Per run, for information: navigation start → list painted, page load and harness included. */
  firstPaintFromNavigationMs: number[];
  /** Per run, for information: list requested → every org in (the first paint shows the first screen). */
  wholeListMs: number[];
  /** Every timed keystroke of every run, in order (`orgkey:filter`). */
  filterKeystrokeMs: number[];
  /** The same samples by keystroke: the query typed so far, and its time in each run. */
  filterByKeystroke: Array<{ query: string; ms: number[] }>;
}

/** Typed a character at a time: 2,000 orgs become 800 (`g` is in `login.salesforce.com`), 400, then 100. */
const QUERY = 'globex uat';

function gzipSizeOf(extension: string): number {
  const assets = path.join(RENDERER_DIR, 'assets');
  return fs
    .readdirSync(assets)
    .filter((name) => name.endsWith(extension))
    .reduce((total, name) => total + gzipSync(fs.readFileSync(path.join(assets, name)), { level: 9 }).length, 0);
}

export async function benchRenderer(options: { runs: number; orgs: number }): Promise<RendererBench> {
  const dataDir = makeTempDir('bench-ui');
  const homeDir = makeTempDir('bench-home');
  // In groups: the list's first paint and each filter keystroke are measured with the group headings drawn.
  seedListedOrgs(dataDir, options.orgs, { grouped: true });
  const host = await launchBrowserHost({ dataDir, homeDir, keychainService: `OrgKey-bench-ui-${process.pid}` });
  const { page } = host;
  const firstPaintMs: number[] = [];
  const firstPaintFromNavigationMs: number[] = [];
  const wholeListMs: number[] = [];
  const filterKeystrokeMs: number[] = [];
  const filterByKeystroke = [...QUERY].flatMap((char, i) => (char === ' ' ? [] : [{ query: QUERY.slice(0, i + 1), ms: [] as number[] }]));
  const measures = (name: string) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((entry) => entry.duration), name);
  try {
    for (let run = 0; run < options.runs; run += 1) {
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('orgkey:list', 'measure').length > 0);
      firstPaintMs.push((await measures('orgkey:list')).at(-1)!);
      firstPaintFromNavigationMs.push(await page.evaluate(() => performance.getEntriesByName('orgkey:list-painted', 'mark').at(-1)!.startTime));
      await page.waitForFunction(() => performance.getEntriesByName('orgkey:list-whole', 'measure').length > 0);
      wholeListMs.push((await measures('orgkey:list-whole')).at(-1)!);

      // One query, a character at a time, each typed once the table shows the previous one.
      await page.getByRole('searchbox', { name: 'Filter orgs' }).click();
      for (const [i, char] of [...QUERY].entries()) {
        const before = (await measures('orgkey:filter')).length;
        await page.keyboard.type(char);
        if (char === ' ') continue; // leaves the query as it is: no work, no measure
        await page.waitForFunction((count) => performance.getEntriesByName('orgkey:filter', 'measure').length > count, before);
        const ms = (await measures('orgkey:filter')).at(-1)!;
        filterKeystrokeMs.push(ms);
        filterByKeystroke.find((entry) => entry.query === QUERY.slice(0, i + 1))!.ms.push(ms);
      }
    }
  } finally {
    await host.close();
    removeTempDir(dataDir);
    removeTempDir(homeDir);
  }
  return {
    jsGzipBytes: gzipSizeOf('.js'),
    cssGzipBytes: gzipSizeOf('.css'),
    firstPaintMs,
    firstPaintFromNavigationMs,
    wholeListMs,
    filterKeystrokeMs,
    filterByKeystroke,
  };
}
