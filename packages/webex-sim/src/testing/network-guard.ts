// The network guard of every browser test: one Playwright BrowserContext at
// a time, nothing leaves loopback. Used by the Vitest `chromium` project (a
// setup file and browser commands), the second-browser peers, the demo's e2e
// harness and the packaging apps test, so the allow list lives here alone:
//  - loopback (`isLoopbackUrl`, the simulator's one definition of "this machine")
//    and the page's own data:, blob: and about: URLs go through;
//  - the SDK-hard-coded URLs listed by name (`SDK_HARD_CODED_URLS`) are aborted
//    and counted: the SDK calls them whatever its config says, and copes;
//  - anything else is aborted (so it never reaches the network) and recorded,
//    and `check()` fails the test with the URL.
// Node side only (it drives Playwright); the playwright import is types only.
import type { BrowserContext } from 'playwright';
import { isLoopbackUrl } from '../loopback';
import { isSdkHardCodedUrl } from '../sdk/hard-coded-urls';

/** What the guard saw, as `METHOD url` (`WS url` for websockets). */
export interface NetworkGuardReport {
  /** Requests and websockets to hosts outside loopback, not SDK-hard-coded. Aborted, never sent. */
  offLoopback: string[];
  /** Calls to the SDK's hard-coded URLs (`SDK_HARD_CODED_URLS`). Aborted, never sent, counted. */
  hardCoded: string[];
}

export interface NetworkGuard {
  /** Everything since the guard was installed. */
  report(): NetworkGuardReport;
  /** What happened at or after `since` (ms since the epoch). */
  since(since: number): NetworkGuardReport;
  /** What happened since the last `take()` or `check()`. */
  take(): NetworkGuardReport;
  /** Takes what is new and throws {@link OffLoopbackError} if any of it left loopback. */
  check(): void;
}

/** A test's page tried to reach a host outside loopback. The message names every URL. */
export class OffLoopbackError extends Error {
  readonly code = 'off-loopback';
  constructor(readonly attempts: readonly string[]) {
    super(
      `The network guard blocked ${attempts.length} request(s) to hosts outside loopback ` +
        `(tests never leave this machine; an SDK-hard-coded URL belongs in SDK_HARD_CODED_URLS, ` +
        `packages/webex-sim/src/sdk/hard-coded-urls.ts):\n  ${attempts.join('\n  ')}`,
    );
    this.name = 'OffLoopbackError';
  }
}

/** What a test browser may load: loopback, and the page's own data:, blob: and about: URLs. */
export function isAllowedInTestBrowser(url: string): boolean {
  return /^(data|blob|about):/i.test(url) || isLoopbackUrl(url);
}

// Prefilters, matched inside Playwright's server, so loopback traffic (every
// module Vite serves) is never paused for a round trip to this process. They
// only pick candidates: the handlers decide with isAllowedInTestBrowser, so a
// prefilter may over-match, and must never miss (network-guard.test.ts checks).
const NOT_LOOPBACK_AUTHORITY = String.raw`(?!(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?(?:[/?#]|$))`;
/** Candidate requests: any http(s) URL whose authority is not plainly loopback. */
export const OFF_LOOPBACK_HTTP = new RegExp(String.raw`^https?://${NOT_LOOPBACK_AUTHORITY}`, 'i');
/** Candidate websockets: any ws(s) URL whose authority is not plainly loopback. */
export const OFF_LOOPBACK_WS = new RegExp(String.raw`^wss?://${NOT_LOOPBACK_AUTHORITY}`, 'i');

interface Entry {
  at: number;
  what: string;
  hardCoded: boolean;
}

const guards = new WeakMap<BrowserContext, NetworkGuard>();

function split(entries: readonly Entry[]): NetworkGuardReport {
  return {
    offLoopback: entries.filter((e) => !e.hardCoded).map((e) => e.what),
    hardCoded: entries.filter((e) => e.hardCoded).map((e) => e.what),
  };
}

/**
 * Guards every page, frame and websocket of `context`, from now on. Install
 * it before the page under test makes its first request (a page's existing
 * documents get the websocket guard too). Idempotent: a context has one guard.
 */
export async function guardNetwork(context: BrowserContext): Promise<NetworkGuard> {
  const existing = guards.get(context);
  if (existing) return existing;
  const log: Entry[] = [];
  let taken = 0;
  const record = (what: string, url: string) =>
    log.push({ at: Date.now(), what: `${what} ${url}`, hardCoded: isSdkHardCodedUrl(url) });
  const guard: NetworkGuard = {
    report: () => split(log),
    since: (since) => split(log.filter((e) => e.at >= since)),
    take() {
      const fresh = log.slice(taken);
      taken = log.length;
      return split(fresh);
    },
    check() {
      const { offLoopback } = guard.take();
      if (offLoopback.length > 0) throw new OffLoopbackError(offLoopback);
    },
  };
  guards.set(context, guard);
  await context.route(OFF_LOOPBACK_HTTP, (route) => {
    const request = route.request();
    if (isAllowedInTestBrowser(request.url())) return route.fallback();
    record(request.method(), request.url());
    // Aborted here, before any DNS lookup or connection: nothing is sent.
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(OFF_LOOPBACK_WS, (ws) => {
    if (isAllowedInTestBrowser(ws.url())) {
      ws.connectToServer();
      return;
    }
    record('WS', ws.url());
    // Never connected to the server: the page sees a socket that closes.
    return ws.close({ code: 1008, reason: 'off loopback (network guard)' });
  });
  return guard;
}

/** The guard already installed on `context`, if any. */
export function networkGuardOf(context: BrowserContext): NetworkGuard | undefined {
  return guards.get(context);
}
