// The network guard (tests/setup-browser.ts, network-guard.ts) on this very
// file: a request or websocket off loopback fails the test that made it,
// naming the URL; an SDK-hard-coded URL is aborted and counted; neither is sent.
import { describe, expect, it, onTestFinished } from 'vitest';
import { commands } from 'vitest/browser';
import { watchNetwork } from '../packages/webex-sim/src/testing/peer';
import { SDK_HARD_CODED_URLS } from '../packages/webex-sim/src/sdk/hard-coded-urls';

/** The errors a test ended with, seen after every afterEach hook (the guard's) has run. */
function captureErrors(into: string[]) {
  onTestFinished(({ task }) => {
    into.push(...(task.result?.errors ?? []).map((e) => String(e.message)));
  });
}

/** A fetch's outcome: the guard aborts, so it rejects without any answer. */
async function outcome(url: string): Promise<string> {
  try {
    const response = await fetch(url);
    return `answered ${response.status}`;
  } catch (e) {
    return `rejected: ${(e as Error).name}`;
  }
}

describe('the network guard', () => {
  const fetchErrors: string[] = [];
  const socketErrors: string[] = [];
  let fetchOutcome = '';
  let socketClosed: { code: number; opened: boolean } | undefined;

  // `fails`: this test is meant to end failed, by the guard's afterEach. The
  // next test checks that it failed for that reason and no other.
  it.fails('(fails on purpose) a fetch to a foreign host', async () => {
    captureErrors(fetchErrors);
    fetchOutcome = await outcome('http://example.invalid/g2g-guard-probe?x=1');
  });

  it('failed that test, naming the URL, and the fetch was aborted', () => {
    expect(fetchOutcome).toBe('rejected: TypeError');
    expect(fetchErrors).toHaveLength(1);
    expect(fetchErrors[0]).toContain('outside loopback');
    expect(fetchErrors[0]).toContain('GET http://example.invalid/g2g-guard-probe?x=1');
  });

  it.fails('(fails on purpose) a websocket to a foreign host', async () => {
    captureErrors(socketErrors);
    socketClosed = await new Promise((resolve) => {
      const ws = new WebSocket('wss://mercury.example.invalid/v1/socket');
      let opened = false;
      ws.onopen = () => (opened = true);
      ws.onclose = (e) => resolve({ code: e.code, opened });
    });
  });

  it('failed that test, naming the URL, and the socket never connected', () => {
    expect(socketClosed?.code).not.toBe(1000);
    expect(socketErrors).toHaveLength(1);
    expect(socketErrors[0]).toContain('WS wss://mercury.example.invalid/v1/socket');
  });

  it('aborts an SDK-hard-coded URL and counts it, without failing the test', async () => {
    const network = await watchNetwork();
    const [region] = SDK_HARD_CODED_URLS;
    expect(await outcome(region!.url)).toBe('rejected: TypeError');
    const seen = await network();
    expect(seen.hardCoded).toEqual([`GET ${region!.url}`]);
    expect(seen.offLoopback).toEqual([]);
    // Nothing for the guard to fail on.
    await commands.checkNetwork();
  });

  it('lets loopback through', async () => {
    expect(await outcome(new URL('/', location.href).href)).toMatch(/^answered /);
  });
});
