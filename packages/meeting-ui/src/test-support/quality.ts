// Quality checks the browser tests run on every state they reach: axe in
// real Chromium, and a screenshot kept as a test artifact.
import axe from 'axe-core';
import { expect } from 'vitest';
import { page } from 'vitest/browser';

// Test files live two levels below src/ (src/<area>/<file>); a screenshot
// path is resolved from the test file's directory.
const ARTIFACTS = '../../../../test-results/meeting-ui';

/** Runs axe on `root` and fails with the violations listed, if any. */
export async function expectNoAxeViolations(root: Element = document.body): Promise<void> {
  // The stock widget's DOM is not ours to fix; the checks apply to what we render.
  const result = await axe.run({ include: [root], exclude: [['.g2g-widget__host']] });
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}

/** Saves a screenshot of the page as test-results/meeting-ui/<name>.png. */
export async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** axe, then a screenshot: what every state of a journey gets. */
export async function checkState(name: string, root?: Element): Promise<void> {
  await expectNoAxeViolations(root);
  await screenshot(name);
}
