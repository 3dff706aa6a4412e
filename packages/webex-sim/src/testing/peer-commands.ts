// Node side of the second-browser tests: a Vitest browser command opens
// another Chromium BrowserContext (its own cookies, storage and SDK state, as
// a second person's browser would have) on a page of the same Vite server,
// loads a harness module there, and calls its exports on the test's behalf.
import type { BrowserContext, ConsoleMessage, Page } from 'playwright';
import { isKnownSdkDefect } from './known-sdk-defects';
import { guardNetwork, OffLoopbackError, type NetworkGuard } from './network-guard';

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
  guard: NetworkGuard;
  /** The test's own context, which opened this peer. */
  owner: BrowserContext;
  report: Omit<PeerReport, 'offLoopback' | 'hardCoded'>;
}

/** The slice of Vitest's Playwright command context these commands use. */
export interface CommandContext {
  page: Page;
  context: BrowserContext;
}

const peers = new Map<string, Peer>();
let nextId = 0;

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
    const report: Peer['report'] = { consoleErrors: [], pageErrors: [], knownDefects: [] };
    // Nothing leaves loopback, whatever the SDK was told; the test's
    // `checkNetwork` (the chromium setup file) fails on what this peer tried.
    const guard = await guardNetwork(context);
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
    peers.set(id, { context, page, guard, owner: ctx.context, report });
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
    return { ...peer.guard.report(), ...structuredClone(peer.report) };
  },

  async closePeer(_ctx: CommandContext, id: string): Promise<void> {
    const peer = peers.get(id);
    peers.delete(id);
    // Its guard's record outlives it: the test's checkNetwork still sees what it tried.
    if (peer) closed.set(peer.owner, [...(closed.get(peer.owner) ?? []), peer.guard]);
    await peer?.context.close();
  },
};

/** Guards of closed peers, by the context that opened them, until its next checkNetwork. */
const closed = new WeakMap<BrowserContext, NetworkGuard[]>();

export const networkCommands = {
  /**
   * Guards the test's browser context (its pages, the test iframe and their
   * websockets): see network-guard.ts. Idempotent; the chromium project's
   * setup file calls it before each test file runs.
   */
  async guardNetwork(ctx: CommandContext): Promise<void> {
    await guardNetwork(ctx.context);
  },
  /**
   * Fails (naming every URL) if the test's context, or a peer it opened,
   * tried to leave loopback since the last check. Hard-coded SDK URLs only count.
   */
  async checkNetwork(ctx: CommandContext): Promise<void> {
    const own = await guardNetwork(ctx.context);
    const theirs = [
      ...[...peers.values()].filter((p) => p.owner === ctx.context).map((p) => p.guard),
      ...(closed.get(ctx.context) ?? []),
    ];
    closed.delete(ctx.context);
    const attempts = [own, ...theirs].flatMap((g) => g.take().offLoopback);
    if (attempts.length > 0) throw new OffLoopbackError(attempts);
  },
  /** Kept for symmetry with older tests: the guard records from the start. */
  async watchNetwork(ctx: CommandContext): Promise<void> {
    await guardNetwork(ctx.context);
  },
  /**
   * What the guard of the test's context saw since `since` (ms since the
   * epoch), split into SDK-hard-coded URLs and everything else.
   */
  async offLoopback(
    ctx: CommandContext,
    since = 0,
  ): Promise<{ offLoopback: string[]; hardCoded: string[] }> {
    return (await guardNetwork(ctx.context)).since(since);
  },
};
