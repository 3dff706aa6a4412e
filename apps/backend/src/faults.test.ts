import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendPerFile } from './testing/harness';

const env = backendPerFile({ seed: 'backend-faults' });
let c: { consultation: { id: string }; links: { guests: { capability: string }[] } };

beforeAll(async () => {
  c = (await env.t.op('POST', '/api/consultations', {})).body;
});
afterEach(() => {
  env.sim.control.clearFaults();
  env.sim.control.clearRequests();
});

const join = () =>
  env.t.call('POST', `/api/consultations/${c.consultation.id}/join`, {
    token: c.links.guests[0]!.capability,
    body: { displayName: 'Guest' },
  });

/** The retry counts logged for calls to `path`, in order. */
function loggedRetries(method: string, path: string): number[] {
  return env.t.logs
    .map((l) => JSON.parse(l) as { webex?: { method: string; path: string; retries: number } })
    .filter((l) => l.webex?.method === method && l.webex.path === path)
    .map((l) => l.webex!.retries);
}

describe('faults', () => {
  it('a 429 burst is retried within bounds honouring Retry-After, and the retry count is logged', async () => {
    const before = loggedRetries('POST', '/guests/token').length;
    env.sim.control.addFault({ path: '/v1/guests/token', status: 429, retryAfter: 0, count: 2 });
    expect((await join()).status).toBe(200);
    expect(env.sim.control.requests({ path: '/v1/guests/token' }).map((r) => r.status)).toEqual([
      429, 429, 200,
    ]);
    expect(loggedRetries('POST', '/guests/token').slice(before)).toEqual([2]);
  });

  it('a 429 burst beyond the bound gives a clear 503, not a loop', async () => {
    env.sim.control.addFault({ path: '/v1/guests/token', status: 429, retryAfter: 0, count: 50 });
    const res = await join();
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('rate-limited');
    expect(env.sim.control.requests({ path: '/v1/guests/token' })).toHaveLength(4);
    expect(loggedRetries('POST', '/guests/token').at(-1)).toBe(3);
  });

  it('a 5xx burst on an idempotent call is retried with backoff and logged', async () => {
    env.sim.control.addFault({ path: '/v1/guests/token', status: 503, count: 3 });
    expect((await join()).status).toBe(200);
    expect(env.sim.control.requests({ path: '/v1/guests/token' }).map((r) => r.status)).toEqual([
      503, 503, 503, 200,
    ]);
    expect(loggedRetries('POST', '/guests/token').at(-1)).toBe(3);
  });

  it('a 5xx on meeting creation is not retried and is reported clearly', async () => {
    env.sim.control.addFault({ path: '/v1/meetings', method: 'POST', status: 500, count: 1 });
    const res = await env.t.op('POST', '/api/consultations', {});
    expect(res.status).toBe(502);
    expect(res.body.error).toBe('webex-api');
    expect(res.body.message).toMatch(/Webex POST \/meetings answered 500/);
    expect(res.body.trackingId).toMatch(/^g2g_/);
    expect(env.sim.control.requests({ path: '/v1/meetings', method: 'POST' })).toHaveLength(1);
    expect(loggedRetries('POST', '/meetings').at(-1)).toBe(0);
  });

  it('a 5xx burst longer than the bound fails after exactly the bounded retries', async () => {
    env.sim.control.addFault({ path: '/v1/guests/token', status: 502, count: 50 });
    const res = await join();
    expect(res.status).toBe(502);
    expect(env.sim.control.requests({ path: '/v1/guests/token' })).toHaveLength(4);
  });
});
