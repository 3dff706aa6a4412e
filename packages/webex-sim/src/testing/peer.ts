// Browser side of the second-browser tests (see peer-commands.ts): a peer is
// another person's browser, driven from this test through a harness module.
import { commands } from 'vitest/browser';
import type { PeerReport } from './peer-commands';

export type { PeerReport } from './peer-commands';
export { isKnownSdkDefect, KNOWN_SDK_DEFECTS } from './known-sdk-defects';
export { isSdkHardCodedUrl, SDK_HARD_CODED_URLS } from '../sdk/hard-coded-urls';

declare module 'vitest/browser' {
  interface BrowserCommands {
    openPeer: (module: string) => Promise<string>;
    peerCall: (id: string, exportName: string, args?: unknown[]) => Promise<unknown>;
    peerReport: (id: string) => Promise<PeerReport>;
    closePeer: (id: string) => Promise<void>;
    guardNetwork: () => Promise<void>;
    checkNetwork: () => Promise<void>;
    watchNetwork: () => Promise<void>;
    offLoopback: (since?: number) => Promise<{ offLoopback: string[]; hardCoded: string[] }>;
  }
}

/** A harness module's exports, called in the peer's page. */
export interface Peer<Api extends Record<string, (...args: never[]) => unknown>> {
  call<K extends keyof Api & string>(
    name: K,
    ...args: Parameters<Api[K]>
  ): Promise<Awaited<ReturnType<Api[K]>>>;
  report(): Promise<PeerReport>;
  close(): Promise<void>;
}

/**
 * Opens a second browser context (fresh storage, camera and microphone
 * allowed, nothing allowed off loopback) and loads `module` in it. `module`
 * is a path the test's Vite server serves, e.g.
 * `new URL('./harness.ts', import.meta.url).pathname`.
 */
export async function openPeer<Api extends Record<string, (...args: never[]) => unknown>>(
  module: string,
): Promise<Peer<Api>> {
  const id = await commands.openPeer(module);
  return {
    call: (name, ...args) => commands.peerCall(id, name, args) as never,
    report: () => commands.peerReport(id),
    close: () => commands.closePeer(id),
  };
}

/**
 * What the network guard of this test's browser context (network-guard.ts,
 * installed for every chromium test file by tests/setup-browser.ts) records
 * from now on; call the result to read it (SDK-hard-coded URLs apart). The
 * guard aborts all of it; off-loopback attempts also fail the test.
 */
export async function watchNetwork(): Promise<
  () => Promise<{ offLoopback: string[]; hardCoded: string[] }>
> {
  const since = Date.now();
  await commands.watchNetwork();
  return () => commands.offLoopback(since);
}
