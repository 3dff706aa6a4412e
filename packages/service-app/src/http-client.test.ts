import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@g2g/webex-sim';
import { createServiceApp, type ServiceApp } from './service-app';
import { WebexApiError, WebexNetworkError, WebexTimeoutError } from './errors';
import { WebexHttpClient } from './http-client';
import { recordingLogger, simMinutes, tokenResponse, type App } from './testing/sim-kit';

let sim: Sim;
let app: App;
let sa: ServiceApp;
let log: ReturnType<typeof recordingLogger>;
let sleeps: number[];

beforeAll(async () => {
  sim = await startSim({ seed: 'http-client' });
});
afterAll(() => sim.close());

beforeEach(async () => {
  sim.control.reset();
  app = sim.control.createServiceApp() as App;
  log = recordingLogger();
  sleeps = [];
  sa = createServiceApp({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    applicationId: app.applicationId,
    baseUrl: `${sim.url}/v1`,
    logger: log.logger,
    http: {
      timeoutMs: 2_000,
      // Waits are recorded, not slept: the assertions are on what was asked for.
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    },
  });
  await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens), { siteUrl: app.siteUrl });
});

const retriesLogged = (path: string) =>
  log.lines
    .filter((l) => (l.fields.webex as { path?: string } | undefined)?.path === path)
    .map((l) => (l.fields.webex as { retries: number }).retries);

describe('WebexHttpClient against the simulator', () => {
  it('sends a TrackingID on every request and logs each call once', async () => {
    await sa.guests.count(app.orgId);
    await sa.meetings.schedulingOptions(app.orgId);
    const logged = sim.control.requests({ path: '/v1/*' });
    expect(logged).toHaveLength(2);
    for (const r of logged) expect(r.trackingId).toMatch(/^g2g_[0-9a-f-]{36}$/);
    expect(retriesLogged('/guests/count')).toEqual([0]);
  });

  it('turns a Webex error into a typed WebexApiError with message, descriptions and trackingId', async () => {
    const error = await sa.meetings
      .schedule(app.orgId, {
        title: 'x',
        start: simMinutes(sim, 5),
        end: simMinutes(sim, 6),
        mode: 'no-host',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexApiError);
    const e = error as WebexApiError;
    expect(e.code).toBe('webex-api');
    expect(e.status).toBe(400);
    expect(e.webexMessage).toBe('The input parameters contain invalid items.');
    expect(e.descriptions.join(' ')).toMatch(/10 minutes/);
    expect(e.trackingId).toBe(sim.control.requests({ path: '/v1/meetings' })[0]!.trackingId);
    expect(e.message).toContain(e.trackingId);
  });

  it('honours Retry-After on 429, within bounds, and logs the retry count', async () => {
    sim.control.addFault({ path: '/v1/guests/count', status: 429, retryAfter: 2, count: 2 });
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    expect(sleeps).toEqual([2000, 2000]);
    expect(retriesLogged('/guests/count')).toEqual([2]);
    // 429 is retried for non-idempotent calls too: Webex did not process the request.
    sim.control.addFault({
      path: '/v1/meetings',
      method: 'POST',
      status: 429,
      retryAfter: 1,
      count: 1,
    });
    const m = await sa.meetings.schedule(app.orgId, {
      title: 'Visit',
      start: simMinutes(sim, 5),
      end: simMinutes(sim, 35),
      mode: 'no-host',
    });
    expect(m.meetingNumber).toMatch(/^\d+$/);
    expect(retriesLogged('/meetings')).toEqual([1]);
  });

  it('gives up on a 429 burst longer than the retry bound, or a Retry-After beyond the ceiling', async () => {
    sim.control.addFault({ path: '/v1/guests/count', status: 429, retryAfter: 1, count: 10 });
    const e = (await sa.guests.count(app.orgId).catch((x: unknown) => x)) as WebexApiError;
    expect(e.code).toBe('rate-limited');
    expect(e.status).toBe(429);
    expect(e.retries).toBe(3);
    expect(sim.control.requests({ path: '/v1/guests/count' })).toHaveLength(4);

    sim.control.clearFaults();
    sim.control.clearRequests();
    sim.control.addFault({ path: '/v1/guests/count', status: 429, retryAfter: 3600, count: 1 });
    const long = (await sa.guests.count(app.orgId).catch((x: unknown) => x)) as WebexApiError;
    expect(long.code).toBe('rate-limited');
    expect(sim.control.requests({ path: '/v1/guests/count' })).toHaveLength(1);
  });

  it('retries a 5xx burst with exponential backoff and jitter for idempotent calls', async () => {
    sim.control.addFault({ path: '/v1/guests/count', status: 503, count: 3 });
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    // random() = 0.5 → 75% of the doubling ceiling (200, 400, 800 ms).
    expect(sleeps).toEqual([150, 300, 600]);
    expect(retriesLogged('/guests/count')).toEqual([3]);

    sim.control.addFault({ path: '/v1/guests/count', status: 500, count: 10 });
    const e = (await sa.guests.count(app.orgId).catch((x: unknown) => x)) as WebexApiError;
    expect(e.status).toBe(500);
    expect(e.retries).toBe(3);
  });

  it('never retries a non-idempotent call after a 5xx', async () => {
    sim.control.addFault({ path: '/v1/meetings', method: 'POST', status: 502, count: 1 });
    const e = (await sa.meetings
      .schedule(app.orgId, {
        title: 'Visit',
        start: simMinutes(sim, 5),
        end: simMinutes(sim, 35),
        mode: 'no-host',
      })
      .catch((x: unknown) => x)) as WebexApiError;
    expect(e.status).toBe(502);
    expect(e.retries).toBe(0);
    expect(sim.control.requests({ path: '/v1/meetings', method: 'POST' })).toHaveLength(1);
  });

  it('times out each attempt, retrying only idempotent calls', async () => {
    const fast = createServiceApp({
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      applicationId: app.applicationId,
      baseUrl: `${sim.url}/v1`,
      logger: log.logger,
      http: { timeoutMs: 50, maxRetries: 1, sleep: async () => {} },
    });
    await fast.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    sim.control.addFault({ path: '/v1/guests/count', latencyMs: 400, count: 2 });
    const e = await fast.guests.count(app.orgId).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WebexTimeoutError);
    expect((e as WebexTimeoutError).retries).toBe(1);

    sim.control.addFault({ path: '/v1/meetings', method: 'POST', latencyMs: 400, count: 1 });
    const post = await fast.meetings
      .schedule(app.orgId, {
        title: 'Visit',
        start: simMinutes(sim, 5),
        end: simMinutes(sim, 35),
        mode: 'no-host',
      })
      .catch((x: unknown) => x);
    expect(post).toBeInstanceOf(WebexTimeoutError);
    expect((post as WebexTimeoutError).retries).toBe(0);
  });

  it('reports unreachable hosts as WebexNetworkError after bounded retries', async () => {
    const client = new WebexHttpClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      sleep: async (ms) => void sleeps.push(ms),
    });
    const e = await client
      .request({ method: 'GET', path: '/people/me', auth: { kind: 'none' } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WebexNetworkError);
    expect((e as WebexNetworkError).code).toBe('network');
    expect(sleeps).toHaveLength(3);
  });
});
