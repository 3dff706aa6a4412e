// `pnpm bench` for the demo, in one run against one simulator:
//  - click → password prompt for GuestJoin and for the stock widget, timed
//    inside the page (a capture-phase click listener and a MutationObserver
//    installed before any page script), once with no dwell on GuestJoin's
//    pre-join screen and once with 2 s on it; a person's dwell on the join
//    form (typing a number and a name) is modelled for both UIs;
//  - the SDK's lazy chunks, gzip and brotli, before (the full `webex` entry,
//    every Node polyfill, one chunk) and after (the build the demo ships), and
//    the import's fetch + evaluate time in Chromium for both.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import { serveStatic } from '../../../tests/packaging/harness';
import { startStack } from './stack';

const demoRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = join(demoRoot, 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** A person typing a meeting number and a name. */
const FORM_DWELL_MS = Number(process.env.BENCH_FORM_DWELL ?? 3000);
const PRE_JOIN_DWELL_MS = 2000;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${Math.round(x)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sizeOf = (dir: string, files: Iterable<string>) => {
  let gz = 0;
  let br = 0;
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    gz += gzipSync(buf).length;
    br += brotliCompressSync(buf).length;
  }
  return { gz, br };
};

function closure(m: Manifest, key: string, dynamic: boolean, seen = new Set<string>()) {
  if (seen.has(key) || !m[key]) return seen;
  seen.add(key);
  for (const dep of [...(m[key].imports ?? []), ...(dynamic ? (m[key].dynamicImports ?? []) : [])])
    closure(m, dep, dynamic, seen);
  return seen;
}

/** The demo's landing, SDK and widget chunks from its manifest (static closures). */
function shipped(m: Manifest) {
  const entry = Object.keys(m).find((k) => m[k]!.isEntry)!;
  const landing = closure(m, entry, false);
  const find = (test: RegExp) => Object.keys(m).filter((k) => test.test(k));
  const files = (roots: string[]) => {
    const keys = new Set<string>();
    for (const r of roots) closure(m, r, false, keys);
    return new Set([...keys].filter((k) => !landing.has(k)).map((k) => m[k]!.file));
  };
  // What the first connect loads: the engine and the SDK it imports.
  const engine = find(/meeting-hooks\/src\/core\/engine\.ts$/);
  const sdk = files([...engine, ...engine.flatMap((k) => m[k]!.dynamicImports ?? [])]);
  const widget = files(find(/stock-widget\.tsx$/));
  const shared = [...sdk].filter((f) => widget.has(f));
  return { landing: new Set([...landing].map((k) => m[k]!.file)), sdk, widget, shared };
}

/** "Before": the full `webex` entry with every polyfill and no splitting, built into a temp dir. */
async function buildBefore(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'g2g-bench-before-'));
  const webex = createRequire(join(demoRoot, '../../packages/meeting-hooks/package.json')).resolve(
    'webex',
  );
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><title>before</title><script type="module" src="./main.js"></script></html>`,
  );
  writeFileSync(join(dir, 'main.js'), `window.sdkImport = () => import(${JSON.stringify(webex)});`);
  await build({
    root: dir,
    configFile: false,
    logLevel: 'error',
    plugins: [nodePolyfills({ globals: { Buffer: true, global: true, process: true } })],
    build: { outDir: join(dir, 'dist'), target: 'es2022', chunkSizeWarningLimit: 100_000 },
  });
  return join(dir, 'dist');
}

/** Fetch and evaluate time of an import, from inside the page. */
async function importTime(page: Page, run: string, chunks: Set<string>) {
  return page.evaluate(
    async ({ run, chunks }) => {
      const t0 = performance.now();
      await (window as unknown as Record<string, () => Promise<unknown>>)[run]!();
      const total = performance.now() - t0;
      const entries = performance
        .getEntriesByType('resource')
        .filter((e) => chunks.some((c) => e.name.endsWith(c))) as PerformanceResourceTiming[];
      const fetched = Math.max(...entries.map((e) => e.responseEnd)) - t0;
      return { total, fetch: fetched, evaluate: total - fetched, files: entries.length };
    },
    { run, chunks: [...chunks].map((f) => f.replace(/^.*\//, '')) },
  );
}

// In every page, before its own scripts: when each watched element first
// appears (MutationObserver), and when each button was last clicked.
const INSTRUMENT = `
  window.__bench = { clicks: {}, seen: {} };
  const WATCH = {
    guestJoinPassword: '[data-g2g-step=password] input[name=password]',
    widgetPassword: '.wxc-meeting-guest-authentication input[type=password]',
  };
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element && e.target.closest('button');
    if (b) window.__bench.clicks[b.textContent.trim()] = performance.now();
  }, true);
  new MutationObserver(() => {
    for (const [name, sel] of Object.entries(WATCH))
      if (!(name in window.__bench.seen) && document.querySelector(sel)) window.__bench.seen[name] = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;
/** A walk-in link (the manual-join page with a pass an operator made). */
async function walkInUrl(backendUrl: string, operatorKey: string): Promise<string> {
  const res = await fetch(`${backendUrl}/api/walk-in-passes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${operatorKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ validMinutes: 240 }),
  });
  return ((await res.json()) as { url: string }).url;
}

type Marks = { clicks: Record<string, number>; seen: Record<string, number> };
const marks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __bench: Marks }).__bench);

async function timeOne(
  browser: Browser,
  walkIn: string,
  meeting: { sipAddress: string },
  ui: 'in-page' | 'widget',
  preJoinDwell: number,
): Promise<number> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  try {
    await page.goto(walkIn);
    // The SIP address for both: the stock widget cannot resolve a bare meeting number.
    await page.getByLabel('Meeting number, SIP address or link').fill(meeting.sipAddress);
    await page.getByLabel('Your name').fill('Bench Guest');
    await page.getByLabel(ui === 'widget' ? 'Webex widget' : 'In this page').check();
    await page.waitForTimeout(FORM_DWELL_MS); // the person, typing
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    if (ui === 'widget') {
      await page.locator('.wxc-meeting-guest-authentication').waitFor({ timeout: 90_000 });
      const m = await marks(page);
      return m.seen.widgetPassword! - m.clicks['Join']!;
    }
    const join = page.getByRole('button', { name: 'Join meeting' });
    await join.waitFor({ timeout: 60_000 });
    if (preJoinDwell) await page.waitForTimeout(preJoinDwell); // the person, on pre-join
    await join.click();
    await page.getByLabel('Meeting password').waitFor({ timeout: 60_000 });
    const m = await marks(page);
    return m.seen.guestJoinPassword! - m.clicks['Join meeting']!;
  } finally {
    await context.close();
  }
}

const stack = await startStack({
  serve: 'preview',
  simPort: 28787,
  backendPort: 28788,
  demoPort: 24173,
  logLevel: 'error',
});
try {
  const walkIn = await walkInUrl(stack.backendUrl, stack.operatorKey);
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const after = shipped(manifest);
  const landing = sizeOf(dist, after.landing);
  const sdkAfter = sizeOf(dist, after.sdk);
  console.log(`landing route JS (React included): ${kb(landing.gz)} gzip (budget ≤ 70 KB)`);
  console.log(
    `widget chunks (@webex/widgets + webex@2.60.4): ${kb(sizeOf(dist, after.widget).gz)} gzip in ${after.widget.size} files; shared with the SDK's: ${after.shared.length ? after.shared.join(', ') : 'none'}`,
  );

  const beforeDir = await buildBefore();
  const beforeFiles = readdirSync(join(beforeDir, 'assets')).filter(
    (f) => f.endsWith('.js') && !f.startsWith('index-'),
  );
  const sdkBefore = sizeOf(join(beforeDir, 'assets'), beforeFiles);

  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  // Import cost, cold, in the page: the old single chunk and the shipped split.
  const timeImport = async (url: string, run: string, chunks: Set<string>) => {
    const results = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      results.push(await importTime(page, run, chunks));
      await context.close();
    }
    return {
      fetch: median(results.map((r) => r.fetch)),
      evaluate: median(results.map((r) => r.evaluate)),
    };
  };
  const beforeServer = await serveStatic(beforeDir);
  const importBefore = await timeImport(
    beforeServer.url,
    'sdkImport',
    new Set(beforeFiles.map((f) => `assets/${f}`)),
  );
  beforeServer.server.close();
  // The shipped SDK, as the demo loads it: preloadMeetingSdk() on a blank route.
  await browser.newContext().then((c) => c.close());
  const importAfter = await (async () => {
    const results = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(walkIn); // preloads when idle
      await page.waitForFunction(
        () => performance.getEntriesByName('g2g:sdk-import').length > 0,
        null,
        {
          timeout: 60_000,
        },
      );
      results.push(
        await page.evaluate(
          (chunks) => {
            const m = performance.getEntriesByName('g2g:sdk-import')[0]!;
            const entries = performance
              .getEntriesByType('resource')
              .filter((e) => chunks.some((c) => e.name.endsWith(c))) as PerformanceResourceTiming[];
            const fetched = Math.max(...entries.map((e) => e.responseEnd)) - m.startTime;
            return { fetch: fetched, evaluate: m.duration - fetched };
          },
          [...after.sdk].map((f) => f.replace(/^.*\//, '')),
        ),
      );
      await context.close();
    }
    return {
      fetch: median(results.map((r) => r.fetch)),
      evaluate: median(results.map((r) => r.evaluate)),
    };
  })();
  console.log(
    `SDK chunks before (import('webex'), all polyfills, one chunk): ${kb(sdkBefore.gz)} gzip, ${kb(sdkBefore.br)} brotli in ${beforeFiles.length} file(s); import ${ms(importBefore.fetch)} fetch + ${ms(importBefore.evaluate)} evaluate`,
  );
  console.log(
    `SDK chunks after (webex/meetings, polyfill list, @babel/polyfill stubbed, split): ${kb(sdkAfter.gz)} gzip, ${kb(sdkAfter.br)} brotli in ${after.sdk.size} file(s); import ${ms(importAfter.fetch)} fetch + ${ms(importAfter.evaluate)} evaluate`,
  );

  const app = stack.sim.control.createServiceApp({ licenceLimit: 100 });
  const newMeeting = async (i: number) => {
    const start = new Date(Date.now() + 60_000);
    const response = await fetch(`${stack.simUrl}/v1/meetings`, {
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
    });
    return (await response.json()) as { sipAddress: string };
  };
  const series = { widget: [] as number[], noDwell: [] as number[], dwell: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    for (const [key, ui, dwell] of [
      ['widget', 'widget', 0],
      ['noDwell', 'in-page', 0],
      ['dwell', 'in-page', PRE_JOIN_DWELL_MS],
    ] as const) {
      try {
        series[key].push(await timeOne(browser, walkIn, await newMeeting(i), ui, dwell));
      } catch (error) {
        console.log(`${key} run ${i + 1} failed: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  await browser.close();
  const w = median(series.widget);
  console.log(
    `click → password prompt, timed in the page (median of ${RUNS}; ${FORM_DWELL_MS} ms on the join form first):`,
  );
  console.log(`  stock widget (click on the demo's Join):                  ${ms(w)}`);
  for (const [key, label] of [
    ['noDwell', 'GuestJoin, no dwell on pre-join'],
    ['dwell', `GuestJoin, ${PRE_JOIN_DWELL_MS / 1000} s on pre-join`],
  ] as const) {
    const v = median(series[key]);
    console.log(
      `  ${`${label} (click on Join meeting):`.padEnd(58)}${ms(v)}  ratio ${(v / w).toFixed(2)} (target ≤ ${key === 'noDwell' ? '0.5' : '0.1'})`,
    );
  }
} finally {
  await stack.close();
}
