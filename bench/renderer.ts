/**
 * The renderer side of `npm run bench`: bundle sizes, first paint of a long org list and the cost of
 * each filter keystroke, in the built renderer on the browser host (Debian's Chromium, real core).
 *
 * Timings come from the app's own performance marks (`orgkey:list` from request to rendered list,
 * `orgkey:filter` from input event to filtered table), so they measure the app, not the harness.
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
  firstPaintMs: number[];
  filterKeystrokeMs: number[];
}

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
  seedListedOrgs(dataDir, options.orgs);
  const host = await launchBrowserHost({ dataDir, homeDir, keychainService: `OrgKey-bench-ui-${process.pid}` });
  const { page } = host;
  const firstPaintMs: number[] = [];
  const filterKeystrokeMs: number[] = [];
  try {
    for (let run = 0; run < options.runs; run += 1) {
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.orgkeyReady === 'true');
      firstPaintMs.push(await page.evaluate(() => performance.getEntriesByName('orgkey:list', 'measure').at(-1)?.duration ?? Number.NaN));

      // One query, a character at a time; each keystroke's measure is read once the table settles.
      const filter = page.getByRole('searchbox', { name: 'Filter orgs' });
      await filter.click();
      for (const char of 'globex uat') {
        const before = await page.evaluate(() => performance.getEntriesByName('orgkey:filter', 'measure').length);
        await page.keyboard.type(char);
        if (char === ' ') continue; // a trailing space does not change the query
        await page.waitForFunction((count) => performance.getEntriesByName('orgkey:filter', 'measure').length > count, before);
        filterKeystrokeMs.push(await page.evaluate(() => performance.getEntriesByName('orgkey:filter', 'measure').at(-1)!.duration));
      }
    }
  } finally {
    await host.close();
    removeTempDir(dataDir);
    removeTempDir(homeDir);
  }
  if (firstPaintMs.some(Number.isNaN)) throw new Error('[bench] the app did not set its orgkey:list measure');
  return { jsGzipBytes: gzipSizeOf('.js'), cssGzipBytes: gzipSizeOf('.css'), firstPaintMs, filterKeystrokeMs };
}
