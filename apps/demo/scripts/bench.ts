// `pnpm bench` for the demo: what a visitor downloads, and how long joining
// takes with our in-page UI and with the stock widget, against one simulator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import { startStack } from './stack';

const demoRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = join(demoRoot, 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A chunk plus everything it imports statically: what loads with it. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

function sizes(manifest: Manifest): string[] {
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const landing = closure(manifest, entryKey);
  const landingJs = [...landing].reduce((sum, k) => sum + gz(manifest[k]!.file), 0);
  const lines = [
    `landing route JS (entry + static imports, React included): ${kb(landingJs)} gzip (target ≤ 70 KB)`,
  ];
  // Lazy chunks that only a join loads: find them by the modules they come from.
  const lazy = Object.entries(manifest).filter(([, c]) => c.isDynamicEntry);
  const pick = (test: RegExp) =>
    lazy.filter(([k, c]) => test.test(k) || test.test(c.src ?? '') || test.test(c.name ?? ''));
  const report = (label: string, chunks: [string, ManifestChunk][]) => {
    const files = new Set<string>();
    for (const [k] of chunks)
      for (const dep of closure(manifest, k)) if (!landing.has(dep)) files.add(manifest[dep]!.file);
    const total = [...files].reduce((s, f) => s + gz(f), 0);
    lines.push(`${label}: ${kb(total)} gzip in ${files.size} file(s), loaded only on join`);
  };
  report('SDK chunk (webex@3, lazy)', pick(/node_modules\/.*webex@3/));
  report(
    'widget chunk (@webex/widgets + webex@2.60.4, lazy)',
    pick(/stock-widget|@webex\/widgets/),
  );
  return lines;
}

/** A walk-in link (the manual-join page with a pass an operator made). */
async function walkInUrl(backendUrl: string, operatorKey: string): Promise<string> {
  const res = await fetch(`${backendUrl}/api/walk-in-passes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${operatorKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ validMinutes: 240 }),
  });
  return ((await res.json()) as { url: string }).url;
}

async function timeJoins(
  page: Page,
  walkIn: string,
  meeting: { sipAddress: string; password: string },
  ui: 'in-page' | 'widget',
) {
  await page.goto(walkIn);
  // The SIP address for both: the stock widget cannot resolve a bare meeting number.
  await page.getByLabel('Meeting number, SIP address or link').fill(meeting.sipAddress);
  await page.getByLabel('Your name').fill('Bench Guest');
  await page.getByLabel(ui === 'widget' ? 'Webex widget' : 'In this page').check();
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Join' }).click();
  let tPrompt: number;
  if (ui === 'in-page') {
    await page.getByRole('button', { name: 'Join meeting' }).click({ timeout: 60_000 });
    await page.getByLabel('Meeting password').waitFor({ timeout: 60_000 });
    tPrompt = performance.now();
    await page.getByLabel('Meeting password').fill(meeting.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 60_000 });
  } else {
    await page
      .getByTestId('widget-state')
      .filter({ hasText: /password/ })
      .waitFor({ timeout: 90_000 });
    tPrompt = performance.now();
    const field = page.locator('.wxc-meeting-guest-authentication input[type="password"]').first();
    await field.fill(meeting.password);
    await page
      .locator('.wxc-meeting-guest-authentication')
      .getByRole('button', { name: 'Start meeting' })
      .click();
    await page
      .getByTestId('widget-state')
      .filter({ hasText: /joined|in-meeting/ })
      .waitFor({ timeout: 90_000 });
  }
  const tJoined = performance.now();
  return { toPrompt: tPrompt - t0, toJoined: tJoined - tPrompt };
}

const stack = await startStack({
  serve: 'preview',
  simPort: 28787,
  backendPort: 28788,
  demoPort: 24173,
  logLevel: 'error',
});
try {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  for (const line of sizes(manifest)) console.log(line);

  const app = stack.sim.control.createServiceApp({ licenceLimit: 100 });
  const walkIn = await walkInUrl(stack.backendUrl, stack.operatorKey);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const results: Record<string, { toPrompt: number[]; toJoined: number[] }> = {
    'in-page': { toPrompt: [], toJoined: [] },
    widget: { toPrompt: [], toJoined: [] },
  };
  for (let i = 0; i < RUNS; i++) {
    for (const ui of ['in-page', 'widget'] as const) {
      const start = new Date(Date.now() + 60_000);
      const meeting = (await (
        await fetch(`${stack.simUrl}/v1/meetings`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${app.tokens!.accessToken}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            title: `Bench ${i}`,
            start: start.toISOString(),
            end: new Date(start.getTime() + 1800_000).toISOString(),
            enabledJoinBeforeHost: true,
            joinBeforeHostMinutes: 15,
            unlockedMeetingJoinSecurity: 'allowJoin',
          }),
        })
      ).json()) as { sipAddress: string; password: string };
      // A new context per run: every run downloads and starts the SDK afresh.
      const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
      const page = await context.newPage();
      try {
        const r = await timeJoins(page, walkIn, meeting, ui);
        results[ui]!.toPrompt.push(r.toPrompt);
        results[ui]!.toJoined.push(r.toJoined);
      } catch (error) {
        const state = await page
          .getByTestId('widget-state')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        await page
          .screenshot({ path: join(demoRoot, `../../test-results/bench-${ui}-failed.png`) })
          .catch(() => {});
        console.log(
          `${ui} run ${i + 1} failed (${state ?? 'no widget state'}): ${(error as Error).message.split('\n')[0]}`,
        );
      } finally {
        await context.close();
      }
    }
  }
  await browser.close();
  const ms = (x: number) => `${Math.round(x)} ms`;
  for (const ui of ['in-page', 'widget'] as const) {
    const r = results[ui]!;
    if (!r.toPrompt.length) continue;
    console.log(
      `${ui === 'in-page' ? 'GuestJoin' : 'stock widget'}: Join click → password prompt ${ms(median(r.toPrompt))}, prompt → joined ${ms(median(r.toJoined))} (median of ${r.toPrompt.length})`,
    );
  }
  const a = results['in-page']!;
  const b = results.widget!;
  if (a.toPrompt.length && b.toPrompt.length) {
    console.log(
      `widget / GuestJoin ratio: click → prompt ${(median(b.toPrompt) / median(a.toPrompt)).toFixed(2)}×, prompt → joined ${(median(b.toJoined) / median(a.toJoined)).toFixed(2)}×`,
    );
  }
} finally {
  await stack.close();
}
