// Our packages as a user gets them: packed tarballs installed into fresh apps
// outside the workspace (third-party packages from the registry), built with
// the app's own tools and driven in Chromium.
//  - a Vite + React 19 app joins a meeting through the simulator (password);
//  - a Next.js App Router app server-renders the hooks and UI and hydrates.
import { createServer as netServer } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright';
// From source, as the other tests use it (the root package does not depend on it).
import { startSim, type Sim } from '../../packages/webex-sim/src/index';
import {
  guardNetwork,
  OffLoopbackError,
  type NetworkGuard,
} from '../../packages/webex-sim/src/testing/network-guard';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { ROOT, ensureDir, installApp, packLibraries, run, serveStatic } from './harness';

const SHOTS = ensureDir(join(ROOT, 'test-results/packaging'));
// Bounds on waiting (a loaded CI machine evaluates the 5 MB SDK slowly), not speed checks.
const UI = { timeout: 120_000 };
let tarballs: Record<string, string>;
let browser: Browser;

beforeAll(async () => {
  tarballs = await packLibraries();
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

/** Every guard opened by a test, checked after it: a request off loopback fails the test, by URL. */
const guards: NetworkGuard[] = [];
afterEach(() => {
  const attempts = guards.splice(0).flatMap((g) => g.take().offLoopback);
  if (attempts.length > 0) throw new OffLoopbackError(attempts);
});

/** A page behind the network guard (nothing leaves loopback) that collects page errors. */
async function guardedPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  guards.push(await guardNetwork(context));
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => {}));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /hydrat|did not match|Minified React error/i.test(m.text()))
      errors.push(m.text());
  });
  return { page, errors };
}

describe('a Vite + React 19 app on the packed packages', () => {
  let sim: Sim;
  let app: string;
  beforeAll(async () => {
    sim = await startSim({ seed: 'packaging-vite' });
    app = await installApp(
      'vite-app',
      tarballs,
      { react: '19.3.1', 'react-dom': '19.3.1', webex: '3.12.0' },
      { '@vitejs/plugin-react': '^6.3.0', vite: '^8.3.8', 'vite-plugin-node-polyfills': '^0.28.0' },
    );
    await run(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], app);
  }, 600_000);
  afterAll(() => sim?.close());

  it('joins a meeting through the simulator, password first', { timeout: 300_000 }, async () => {
    const provisioned = sim.control.createServiceApp({ licenceLimit: 10 });
    const token = provisioned.tokens!.accessToken;
    const rest = async <T>(path: string, body: unknown) =>
      (await (
        await fetch(`${sim.url}/v1${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as T;
    const start = new Date(Date.now() + 60_000);
    const meeting = await rest<{ meetingNumber: string; password: string }>('/meetings', {
      title: 'Packed',
      start: start.toISOString(),
      end: new Date(start.getTime() + 1_800_000).toISOString(),
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 15,
      unlockedMeetingJoinSecurity: 'allowJoin',
    });
    const guest = await rest<{ accessToken: string }>('/guests/token', {
      subject: 'packed-guest',
      displayName: 'Vite Guest',
    });
    const { url, server } = await serveStatic(join(app, 'dist'));
    const { page, errors } = await guardedPage();
    try {
      const q = new URLSearchParams({
        destination: meeting.meetingNumber,
        token: guest.accessToken,
        sim: sim.url,
      });
      await page.goto(`${url}/?${q}`);
      expect(
        await page.evaluate(() => (window as unknown as { reactVersion: string }).reactVersion),
      ).toMatch(/^19\./);
      await page.getByRole('button', { name: 'Join meeting' }).click(UI);
      await page.getByLabel('Meeting password').fill(meeting.password, UI);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Leave' }).waitFor(UI);
      await page.screenshot({ path: join(SHOTS, 'vite-app-joined.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      server.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = netServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('a Next.js App Router app on the packed packages', () => {
  let app: string;
  let next: ChildProcess | undefined;
  let url: string;
  beforeAll(async () => {
    app = await installApp(
      'next-app',
      tarballs,
      { next: '16.4.6', react: '19.3.1', 'react-dom': '19.3.1', webex: '3.12.0' },
      { '@types/react': '^19.3.0', '@types/node': '^20.19.43', typescript: '~5.9.3' },
    );
    const env = { NEXT_TELEMETRY_DISABLED: '1' };
    await run(join(app, 'node_modules/.bin/next'), ['build'], app, env);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    next = spawn(
      join(app, 'node_modules/.bin/next'),
      ['start', '-H', '127.0.0.1', '-p', String(port)],
      {
        cwd: app,
        env: { ...process.env, ...env },
        stdio: 'ignore',
      },
    );
    // Started once it answers; a bound on waiting, not a speed check.
    for (let i = 0; i < 600; i++) {
      if (
        await fetch(url).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 900_000);
  afterAll(() => {
    next?.kill();
  });

  it('server-renders the hooks and UI with no SSR error', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Ready to join?');
    expect(html).toContain('Prêt à rejoindre ?');
    expect(html).toContain('data-testid="status">idle<');
    expect(html).toContain('data-g2g-camera-off="true"');
    expect(html).toContain('data-hydrated="false"');
  });

  it('hydrates in Chromium without a mismatch', async () => {
    const { page, errors } = await guardedPage();
    try {
      await page.goto(url);
      await page.locator('[data-hydrated="true"]').waitFor(UI);
      // Interactive after hydration: the name check runs in the browser (and
      // nothing connects: there is no name).
      await page.getByRole('button', { name: 'Join meeting' }).first().click();
      expect(await page.getByLabel('Your name').first().getAttribute('aria-invalid')).toBe('true');
      await page.screenshot({ path: join(SHOTS, 'next-app-hydrated.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
