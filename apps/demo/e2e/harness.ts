// End-to-end harness: the real stack (simulator + backend + a production
// build of the demo) on free loopback ports, and Chromium via Playwright.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright';
import {
  guardNetwork,
  OffLoopbackError,
  type NetworkGuard,
} from '@g2g/webex-sim/testing/network-guard';
import { SDK_HARD_CODED_URLS } from '@g2g/webex-sim';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import { startStack, type Stack, type StackOptions } from '../scripts/stack';
import { installPcProbe } from './media-probe';

export const SHOTS = join(new URL('../../..', import.meta.url).pathname, 'test-results/e2e');

export async function startE2E(options: Partial<StackOptions> = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const stack: Stack = await startStack({
    serve: 'preview',
    // Free ports of their own, so neither a running `pnpm dev` nor another
    // checkout's e2e run on the same machine collides with this one.
    simPort: await freePort(),
    backendPort: await freePort(),
    demoPort: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), 'g2g-e2e-')),
    logLevel: 'error',
    ...options,
  });
  const browser: Browser = await chromium.launch({
    executablePath: findChromium(),
    // Two people are two pages of one browser; neither may be backgrounded.
    args: [
      ...CHROMIUM_ARGS,
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      '--disable-background-timer-throttling',
    ],
  });
  const contexts: BrowserContext[] = [];
  const guards: NetworkGuard[] = [];
  // Every Content-Security-Policy refusal seen in any page, for the suite to assert on.
  const cspViolations: string[] = [];
  return {
    stack,
    browser,
    cspViolations,
    /**
     * A fresh browser context (its own storage), like a different person's
     * browser; `options` for a locale or a viewport.
     */
    async person(options: BrowserContextOptions = {}): Promise<Page> {
      const context = await browser.newContext({
        permissions: ['camera', 'microphone'],
        ...options,
      });
      contexts.push(context);
      // Nothing leaves loopback: see checkNetwork.
      guards.push(await guardNetwork(context));
      // Every peer connection kept for mediaReport (diagnostics when frames do not come).
      await context.addInitScript(installPcProbe);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
      page.on('console', (msg) => {
        const text = msg.text();
        // The stock widget's webex@2.60.4 calls its hard-coded region lookup
        // whatever it is told; refused by the CSP in sim mode, as it should be.
        if (SDK_HARD_CODED_URLS.some((h) => text.includes(`'${h.url}'`))) return;
        if (/Content Security Policy|Refused to (load|connect|execute|apply|frame)/i.test(text))
          cspViolations.push(text);
      });
      return page;
    },
    /**
     * Throws, naming every URL, if any person's browser tried to reach a host
     * outside loopback since the last check (the guard aborted it). The suite
     * calls it after each test; SDK-hard-coded URLs are only counted.
     */
    checkNetwork() {
      const attempts = guards.flatMap((g) => g.take().offLoopback);
      if (attempts.length > 0) throw new OffLoopbackError(attempts);
    },
    /** Calls to SDK-hard-coded URLs so far (aborted, counted). */
    hardCoded(): string[] {
      return guards.flatMap((g) => g.report().hardCoded);
    },
    /**
     * A meeting scheduled straight on the simulator (by a fresh Service App,
     * joinable before the host), so a test knows its number, password and SIP
     * address without going through the backend.
     */
    async simMeeting(
      title: string,
      security: 'allowJoin' | 'allowJoinWithLobby' = 'allowJoin',
    ): Promise<SimMeeting> {
      const app = stack.sim.control.createServiceApp();
      const start = new Date(Date.now() + 60_000);
      const res = await fetch(`${stack.simUrl}/v1/meetings`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${app.tokens!.accessToken}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          title,
          start: start.toISOString(),
          end: new Date(start.getTime() + 1800_000).toISOString(),
          enabledJoinBeforeHost: true,
          joinBeforeHostMinutes: 15,
          unlockedMeetingJoinSecurity: security,
        }),
      });
      if (!res.ok) throw new Error(`scheduling on the simulator: ${res.status}`);
      return (await res.json()) as SimMeeting;
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

/** A loopback port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type E2E = Awaited<ReturnType<typeof startE2E>>;

/** What the suites read of a meeting scheduled on the simulator. */
export interface SimMeeting {
  id: string;
  meetingNumber: string;
  password: string;
  sipAddress: string;
}
