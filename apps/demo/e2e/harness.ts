// End-to-end harness: the real stack (simulator + backend + a production
// build of the demo) on fixed loopback ports, and Chromium via Playwright.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import { startStack, type Stack, type StackOptions } from '../scripts/stack';

export const SHOTS = join(new URL('../../..', import.meta.url).pathname, 'test-results/e2e');

export async function startE2E(options: Partial<StackOptions> = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const stack: Stack = await startStack({
    serve: 'preview',
    // Ports of their own, so a running `pnpm dev` doesn't collide.
    simPort: 18787,
    backendPort: 18788,
    demoPort: 14173,
    dataDir: mkdtempSync(join(tmpdir(), 'g2g-e2e-')),
    logLevel: 'error',
    ...options,
  });
  const browser: Browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  // Every Content-Security-Policy refusal seen in any page, for the suite to assert on.
  const cspViolations: string[] = [];
  return {
    stack,
    browser,
    cspViolations,
    /** A fresh browser context (its own storage), like a different person's browser. */
    async person(): Promise<Page> {
      const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
      page.on('console', (msg) => {
        if (
          /Content Security Policy|Refused to (load|connect|execute|apply|frame)/i.test(msg.text())
        )
          cspViolations.push(msg.text());
      });
      return page;
    },
    async shot(page: Page, name: string) {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await stack.close();
    },
  };
}

export type E2E = Awaited<ReturnType<typeof startE2E>>;
