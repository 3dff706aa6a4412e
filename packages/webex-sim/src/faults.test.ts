import { describe, expect, it } from 'vitest';
import { type Sim } from './index';
import { type client, expectEnvelope, type App, simPerTest } from './rest/testkit';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
let token: string;

simPerTest('faults', (t) => ({ sim, call, app, token } = t));

describe('injected faults', () => {
  it('answers 429 with Retry-After, then recovers', async () => {
    const fault = sim.control.addFault({
      path: '/v1/people/me',
      status: 429,
      retryAfter: 7,
      count: 1,
    });
    const limited = await call('GET', '/v1/people/me', { token, headers: { TrackingID: 'T-429' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(expectEnvelope(limited).message).toBe('Too Many Requests');
    expect(limited.body.trackingId).toBe('T-429');
    expect((await call('GET', '/v1/people/me', { token })).status).toBe(200);
    const log = sim.control.requests({ path: '/v1/people/me' });
    expect(log.map((e) => [e.status, e.fault])).toEqual([
      [429, fault.id],
      [200, undefined],
    ]);
  });

  it('fails a counted number of requests with a 5xx, only on the matching method', async () => {
    sim.control.addFault({ path: '/v1/meetings*', method: 'POST', status: 503, count: 2 });
    expect((await call('GET', '/v1/meetings', { token })).status).toBe(200);
    const body = {
      title: 't',
      start: new Date(sim.control.now() + 3_600_000).toISOString(),
      end: new Date(sim.control.now() + 7_200_000).toISOString(),
    };
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call('POST', '/v1/meetings', { token, body })).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(sim.control.listFaults()).toEqual([]);
  });

  it('adds latency without changing the answer, and logs the fault', async () => {
    const fault = sim.control.addFault({ path: '/v1/people/me', latencyMs: 30, count: 1 });
    const res = await call('GET', '/v1/people/me', { token });
    expect(res.status).toBe(200);
    expect(res.body.emails).toEqual([app.machineAccountEmail]);
    expect(sim.control.requests({ path: '/v1/people/me' }).at(-1)).toMatchObject({
      status: 200,
      fault: fault.id,
    });
  });

  it('manages faults over /_sim/faults', async () => {
    const created = await call('POST', '/_sim/faults', {
      body: { path: '/v1/guests/*', status: 500 },
    });
    expect(created.status).toBe(201);
    const hit = await call('POST', '/v1/guests/token', {
      token,
      body: { subject: 's', displayName: 'd' },
    });
    expect(hit.status).toBe(500);
    expectEnvelope(hit);
    expect((await call('GET', '/_sim/faults')).body.items).toMatchObject([
      { id: created.body.id, hits: 1 },
    ]);
    expect((await call('DELETE', `/_sim/faults/${created.body.id}`)).status).toBe(204);
    expect(
      (await call('POST', '/v1/guests/token', { token, body: { subject: 's', displayName: 'd' } }))
        .status,
    ).toBe(200);
    expect((await call('POST', '/_sim/faults', { body: {} })).status).toBe(400);
  });

  it('never faults the control API itself', async () => {
    sim.control.addFault({ path: '*', status: 500 });
    expect((await call('GET', '/_sim/clock')).status).toBe(200);
    expect((await call('GET', '/v1/people/me', { token })).status).toBe(500);
  });
});

describe('protocol edges', () => {
  it('answers 413 for a body over 1 MiB', async () => {
    const res = await call('POST', '/v1/guests/token', {
      token,
      body: JSON.stringify({ subject: 'x'.repeat(1024 * 1024 + 10), displayName: 'd' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expectEnvelope(res);
  });

  it('answers 404 with the envelope for unknown routes', async () => {
    const res = await call('GET', '/v1/nothing-here', { token });
    expect(res.status).toBe(404);
    expect(expectEnvelope(res).message).toBe('The requested resource could not be found.');
  });

  it('answers 405 for a known path with the wrong method', async () => {
    const res = await call('DELETE', '/v1/people/me', { token });
    expect(res.status).toBe(405);
    expectEnvelope(res);
  });

  it('answers CORS preflights for browser callers', async () => {
    const res = await fetch(`${sim.url}/v1/meetings`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
