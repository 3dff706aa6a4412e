// axe-core on a page of the demo, for the e2e suites. Its browser build is
// evaluated over the DevTools protocol: the demo's CSP (rightly) refuses an
// injected script tag, and a refusal would fail the suites' CSP check.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import type axeCore from 'axe-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe's violations on the whole page, one line each: `id: help (targets)`.
 * `exclude`: selectors of DOM that is not ours (the stock widget's own markup).
 */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (exclude) => {
    const axe = (window as unknown as { axe: typeof axeCore }).axe;
    const context = exclude.length ? { exclude: exclude.map((s) => [s]) } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  }, exclude);
}
