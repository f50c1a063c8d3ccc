/**
 * Checks of the page shared by the specs: what the page shows and holds (for leak scans), and the
 * accessibility scan.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Everything visible or held in the page: markup, and the live values of every field. */
export async function pageText(page: Page): Promise<string> {
  const values = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((el) => el.value).join('\n'),
  );
  return `${await page.content()}\n${values}`;
}

/** No serious or critical axe violation on the page as it is; `label` says which screen in the failure. */
export async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
