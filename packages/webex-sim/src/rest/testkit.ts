// Helpers for this package's REST tests: real fetch over loopback, no mocks.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSim, type CreateServiceAppInput, type ProvisionedApp, type Sim } from '../index';
import { httpCaller, type HttpCallResponse } from '../testing/http-call';

// Bodies are whatever the simulator sent; tests assert on their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export type ApiResponse = HttpCallResponse;

/** `call('POST', '/v1/meetings', {token, body})` against a running sim; redirects are not followed. */
export const client = (sim: Sim) => httpCaller(sim.url, { redirect: 'manual' });

export type App = ProvisionedApp & { tokens: NonNullable<ProvisionedApp['tokens']> };

/** A Service App authorized in a fresh org, with its tokens. */
export function provision(sim: Sim, input: CreateServiceAppInput = {}): App {
  return sim.control.createServiceApp(input) as App;
}

/** An ISO time `minutes` from the simulator's now, whole minutes. */
export function inMinutes(sim: Sim, minutes: number): string {
  const t = Math.ceil(sim.control.now() / 60_000) * 60_000 + minutes * 60_000;
  return new Date(t).toISOString();
}

/** A valid create-meeting body starting soon; override any field. */
export function meetingBody(sim: Sim, extra: Record<string, unknown> = {}) {
  return { title: 'Consultation', start: inMinutes(sim, 5), end: inMinutes(sim, 35), ...extra };
}

/** The Webex error envelope, with a tracking id. */
export function expectEnvelope(res: ApiResponse): { message: string; descriptions: string[] } {
  const b = res.body as {
    message?: unknown;
    errors?: { description?: unknown }[];
    trackingId?: unknown;
  };
  if (
    typeof b?.message !== 'string' ||
    !Array.isArray(b.errors) ||
    typeof b.trackingId !== 'string' ||
    b.trackingId !== res.headers.get('trackingid')
  ) {
    throw new Error(`not a Webex error envelope: ${res.status} ${res.text}`);
  }
  return { message: b.message, descriptions: b.errors.map((e) => String(e.description)) };
}

export interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: Json;
}

/**
 * A loopback webhook target. `respond` picks the status for each request
 * (default 200); every request is kept in `received`.
 */
export async function webhookTarget(respond: (n: number) => number = () => 200) {
  const received: Received[] = [];
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: Json;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      received.push({ headers: req.headers, raw, body });
      res.writeHead(respond(calls++)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What {@link simPerTest} hands each test. */
export interface SimContext {
  sim: Sim;
  call: ReturnType<typeof client>;
  app: App;
  token: string;
}

/**
 * One simulator per test file, reset before each test with a freshly
 * provisioned Service App; `assign` receives it (e.g. into the file's lets).
 */
export function simPerTest(seed: string, assign: (ctx: SimContext) => void): void {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ seed, validateResponses: true });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.control.reset();
    const app = provision(sim);
    assign({ sim, call: client(sim), app, token: app.tokens.accessToken });
  });
}
