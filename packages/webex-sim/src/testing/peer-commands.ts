// Node side of the second-browser tests: a Vitest browser command opens
// another Chromium BrowserContext (its own cookies, storage and SDK state, as
// a second person's browser would have) on a page of the same Vite server,
// loads a harness module there, and calls its exports on the test's behalf.
import type { BrowserContext, ConsoleMessage, Page } from 'playwright';
import { isLoopbackUrl } from '../loopback';
import { isSdkHardCodedUrl } from '../sdk/hard-coded-urls';
import { isKnownSdkDefect } from './known-sdk-defects';

/** What a test learns about a peer page's health. */
export interface PeerReport {
  /** Requests and websockets to hosts outside loopback, not SDK-hard-coded (aborted, never sent). */
  offLoopback: string[];
  /** Calls to the SDK's hard-coded URLs (`SDK_HARD_CODED_URLS`; aborted, never sent). */
  hardCoded: string[];
  /** `console.error` lines, except the browser's own failed-resource lines and known SDK defects. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections, except known SDK defects. */
  pageErrors: string[];
  /** What matched `KNOWN_SDK_DEFECTS`. */
  knownDefects: string[];
}

interface Peer {
  context: BrowserContext;
  page: Page;
  report: PeerReport;
}

/** The slice of Vitest's Playwright command context these commands use. */
export interface CommandContext {
  page: Page;
  context: BrowserContext;
}

const peers = new Map<string, Peer>();
let nextId = 0;

/** What may load in a peer page: loopback, and the page's own data and blob URLs. */
function allowed(url: string): boolean {
  return /^(data|blob|about):/.test(url) || isLoopbackUrl(url);
}

function describe(message: ConsoleMessage): string {
  const where = message.location();
  return `${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`;
}

export const peerCommands = {
  /**
   * Opens a second browser context with camera and microphone allowed (the
   * fake devices of the launch flags), imports `module` (a Vite-served path
   * such as `/packages/x/src/harness.ts`) and keeps it as the peer's API.
   */
  async openPeer(ctx: CommandContext, module: string): Promise<string> {
    const browser = ctx.context.browser();
    if (!browser) throw new Error('openPeer needs a launched browser (the Playwright provider).');
    const origin = new URL(ctx.page.url()).origin;
    const context = await browser.newContext({ permissions: ['microphone', 'camera'] });
    const report: PeerReport = {
      offLoopback: [],
      hardCoded: [],
      consoleErrors: [],
      pageErrors: [],
      knownDefects: [],
    };
    const offLoopback = (what: string, url: string) =>
      (isSdkHardCodedUrl(url) ? report.hardCoded : report.offLoopback).push(`${what} ${url}`);
    // The guard: nothing leaves loopback, whatever the SDK was told.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (allowed(url)) return route.fallback();
      offLoopback(route.request().method(), url);
      return route.abort('blockedbyclient');
    });
    await context.routeWebSocket(
      (url) => !allowed(url.href),
      (ws) => {
        offLoopback('WS', ws.url());
        return ws.close({ code: 1008, reason: 'off loopback' });
      },
    );
    const page = await context.newPage();
    const problem = (list: string[], text: string) =>
      (isKnownSdkDefect(text) ? report.knownDefects : list).push(text);
    page.on('console', (m) => {
      // The browser's own line for any non-2xx answer: statuses are the
      // simulator's request log's business, not the page's.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource:'))
        problem(report.consoleErrors, describe(m));
    });
    page.on('pageerror', (e) => problem(report.pageErrors, e.stack ?? e.message));
    // Any document of the Vite server's origin will do (here the module's
    // source as text): it gives the page a secure context for getUserMedia
    // and lets it import the project's modules.
    await page.goto(`${origin}${module}`);
    await page.setContent('<!doctype html><title>peer</title><div id="root"></div>');
    // Vitest's server instruments every module's dynamic import() with a
    // runner hook; a page outside the test runner gets the pass-through that
    // Vitest itself installs in web workers. A string, not a function: this
    // file is transformed for Node, which would rewrite import() too.
    await page.evaluate(
      `globalThis.__vitest_browser_runner__ ??= { wrapDynamicImport: (f) => f() };
       import(${JSON.stringify(module)}).then((m) => { globalThis.__peer = m; })`,
    );
    const id = `peer-${++nextId}`;
    peers.set(id, { context, page, report });
    return id;
  },

  /** Calls `exportName(...args)` on the peer's module; arguments and result are JSON. */
  async peerCall(_ctx: CommandContext, id: string, exportName: string, args: unknown[] = []) {
    const peer = peers.get(id);
    if (!peer) throw new Error(`No open peer ${id}.`);
    return peer.page.evaluate(
      async ([name, params]) => {
        const api = (globalThis as { __peer?: Record<string, unknown> }).__peer;
        const fn = api?.[name as string];
        if (typeof fn !== 'function') throw new Error(`The peer module exports no ${name}().`);
        return (await (fn as (...a: unknown[]) => unknown)(...(params as unknown[]))) ?? null;
      },
      [exportName, args] as const,
    );
  },

  async peerReport(_ctx: CommandContext, id: string): Promise<PeerReport> {
    const peer = peers.get(id);
    if (!peer) throw new Error(`No open peer ${id}.`);
    return structuredClone(peer.report);
  },

  async closePeer(_ctx: CommandContext, id: string): Promise<void> {
    const peer = peers.get(id);
    peers.delete(id);
    await peer?.context.close();
  },
};

/** Off-loopback requests and websockets seen from the test's own page, by when they happened. */
const watched = new WeakMap<Page, { at: number; what: string }[]>();

export const networkCommands = {
  /**
   * Starts recording every request and websocket of the test's page (all
   * its frames) that goes to a host outside loopback. Idempotent.
   */
  async watchNetwork(ctx: CommandContext): Promise<void> {
    if (watched.has(ctx.page)) return;
    const seen: { at: number; what: string }[] = [];
    watched.set(ctx.page, seen);
    ctx.page.on('request', (r) => {
      if (!allowed(r.url())) seen.push({ at: Date.now(), what: `${r.method()} ${r.url()}` });
    });
    ctx.page.on('websocket', (ws) => {
      if (!allowed(ws.url())) seen.push({ at: Date.now(), what: `WS ${ws.url()}` });
    });
  },
  /**
   * What {@link networkCommands.watchNetwork} saw since `since` (ms since
   * epoch), split into SDK-hard-coded URLs and everything else.
   */
  async offLoopback(
    ctx: CommandContext,
    since = 0,
  ): Promise<{ offLoopback: string[]; hardCoded: string[] }> {
    const recent = (watched.get(ctx.page) ?? []).filter((e) => e.at >= since).map((e) => e.what);
    const hardCoded = (what: string) => isSdkHardCodedUrl(what.slice(what.indexOf(' ') + 1));
    return {
      offLoopback: recent.filter((w) => !hardCoded(w)),
      hardCoded: recent.filter(hardCoded),
    };
  },
};
