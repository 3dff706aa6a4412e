// The network guard, in a real Chromium whose resolver sends two foreign
// names to a local server, so "never sent" is observed, not assumed: an
// unguarded page reaches that server, a guarded one never does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { WebSocketServer } from 'ws';
import { CHROMIUM_ARGS, findChromium } from '../../../../scripts/chromium.mjs';
import { isLoopbackUrl } from '../loopback';
import {
  guardNetwork,
  isAllowedInTestBrowser,
  OFF_LOOPBACK_HTTP,
  OFF_LOOPBACK_WS,
  OffLoopbackError,
} from './network-guard';

describe('the prefilters', () => {
  // They must never miss a foreign URL (over-matching is harmless: the
  // handler decides with isLoopbackUrl).
  const urls = [
    'http://localhost/',
    'http://localhost:5173/a?b',
    'https://127.0.0.1:4000',
    'http://127.9.8.7/x',
    'http://[::1]:80/',
    'http://localhost.evil.example/',
    'http://127.0.0.1.evil.example/',
    'http://127.0.0.1@evil.example/',
    'http://localhost:80@evil.example/',
    'https://ds.ciscospark.com/v1/region',
    'https://example.invalid/',
    'http://[::2]/',
  ];
  it.each(urls)('%s', (url) => {
    const ws = url.replace(/^http/, 'ws');
    if (!isLoopbackUrl(url)) {
      expect(OFF_LOOPBACK_HTTP.test(url)).toBe(true);
      expect(OFF_LOOPBACK_WS.test(ws)).toBe(true);
    }
    expect(isAllowedInTestBrowser(url)).toBe(isLoopbackUrl(url));
  });
  it('lets the page’s own URLs through', () => {
    expect(isAllowedInTestBrowser('data:text/plain,hi')).toBe(true);
    expect(isAllowedInTestBrowser('blob:http://127.0.0.1:1/x')).toBe(true);
    expect(isAllowedInTestBrowser('about:blank')).toBe(true);
  });
});

describe('a guarded browser context', () => {
  let server: Server;
  let wss: WebSocketServer;
  let browser: Browser;
  const hits: string[] = [];
  let port: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.headers.host}${req.url}`);
      res.writeHead(200, { 'access-control-allow-origin': '*' }).end('reached');
    });
    wss = new WebSocketServer({ server });
    wss.on('connection', (_socket, req) => hits.push(`WS ${req.headers.host}${req.url}`));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: [
        ...CHROMIUM_ARGS,
        // Foreign names that, unguarded, would reach the local server.
        `--host-resolver-rules=MAP foreign.example 127.0.0.1:${port}, MAP ds.ciscospark.com 127.0.0.1:${port}`,
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    wss?.close();
    await new Promise((r) => server?.close(r));
  });

  async function probe(guarded: boolean) {
    const context = await browser.newContext();
    const guard = guarded ? await guardNetwork(context) : undefined;
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/start`);
    const result = await page.evaluate(async () => {
      const fetched = await fetch('http://foreign.example/data?q=1').then(
        (r) => r.text(),
        (e: Error) => `rejected ${e.name}`,
      );
      // Plain http: the resolver rule maps the name, TLS would fail anyway.
      const region = await fetch('http://ds.ciscospark.com/v1/region').then(
        (r) => r.text(),
        (e: Error) => `rejected ${e.name}`,
      );
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket('ws://foreign.example/socket');
        ws.onopen = () => resolve('open');
        ws.onclose = () => resolve('closed');
      });
      return { fetched, region, socket };
    });
    await context.close();
    return { result, guard };
  }

  it('unguarded (the control), the page reaches the foreign names', async () => {
    hits.length = 0;
    const { result } = await probe(false);
    expect(result).toEqual({ fetched: 'reached', region: 'reached', socket: 'open' });
    expect(hits).toEqual(
      expect.arrayContaining(['GET foreign.example/data?q=1', 'WS foreign.example/socket']),
    );
  });

  it('guarded, nothing is sent; foreign attempts fail the check, by URL; hard-coded ones are counted', async () => {
    hits.length = 0;
    const { result, guard } = await probe(true);
    expect(result).toEqual({
      fetched: 'rejected TypeError',
      region: 'rejected TypeError',
      socket: 'closed',
    });
    expect(hits).toEqual(['GET 127.0.0.1:' + port + '/start']);
    // http://ds.ciscospark.com is not the listed https URL: it is foreign.
    expect(guard!.report()).toEqual({
      offLoopback: [
        'GET http://foreign.example/data?q=1',
        'GET http://ds.ciscospark.com/v1/region',
        'WS ws://foreign.example/socket',
      ],
      hardCoded: [],
    });
    let thrown: unknown;
    try {
      guard!.check();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(OffLoopbackError);
    expect((thrown as Error).message).toContain('GET http://foreign.example/data?q=1');
    expect((thrown as Error).message).toContain('WS ws://foreign.example/socket');
    // Taken: a second check has nothing new.
    expect(() => guard!.check()).not.toThrow();
  });

  it('counts the listed hard-coded URL without failing', async () => {
    const context = await browser.newContext();
    const guard = await guardNetwork(context);
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/start`);
    const outcome = await page.evaluate(() =>
      fetch('https://ds.ciscospark.com/v1/region').then(
        () => 'answered',
        (e: Error) => `rejected ${e.name}`,
      ),
    );
    await context.close();
    expect(outcome).toBe('rejected TypeError');
    expect(guard.report()).toEqual({
      offLoopback: [],
      hardCoded: ['GET https://ds.ciscospark.com/v1/region'],
    });
    expect(() => guard.check()).not.toThrow();
  });
});
