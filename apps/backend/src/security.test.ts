// The edges: failed authentication counted and locked out, client addresses
// behind a proxy, framework errors that echo nothing, cleaned titles.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { backendPerFile, startTestBackend } from './testing/harness';
import { worldOf } from '@g2g/webex-sim/testing/world';

const env = backendPerFile(
  { seed: 'backend-security' },
  { authFailureLimit: { max: 5, windowMs: 60_000 }, trustProxy: ['127.0.0.1'] },
);

/** A request as if from `ip` (the backend trusts the loopback proxy's X-Forwarded-For). */
const from = (ip: string, method: string, path: string, token?: string, body?: unknown) =>
  env.t.call(method, path, {
    headers: { 'X-Forwarded-For': ip },
    ...(token ? { token } : {}),
    ...(body !== undefined ? { body } : {}),
  });

describe('brute force', () => {
  it('operator-key guesses are counted per address and locked out, and the log never holds a guess', async () => {
    const before = env.t.logs.length;
    const guesses = Array.from(
      { length: 30 },
      (_, i) => `g2g_op_${'0'.repeat(15)}${i % 10}_guess-${i}`,
    );
    const statuses: number[] = [];
    for (const g of guesses)
      statuses.push((await from('203.0.113.7', 'GET', '/api/consultations', g)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // Locked means locked: the right key from that address is refused too, with Retry-After.
    const right = await from('203.0.113.7', 'GET', '/api/consultations', env.t.backend.operatorKey);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(right.body.error).toBe('too-many-failures');
    // Another address is not affected.
    expect(
      (await from('198.51.100.2', 'GET', '/api/consultations', env.t.backend.operatorKey)).status,
    ).toBe(200);

    const lines = env.t.logs.slice(before).join('\n');
    for (const g of guesses) expect(lines).not.toContain(g);
    const failures = env.t.logs
      .slice(before)
      .map((l) => JSON.parse(l) as { auth?: { kind: string; ip: string; reason: string } })
      .filter((l) => l.auth);
    expect(failures).toHaveLength(5);
    expect(failures[0]!.auth).toMatchObject({
      kind: 'operator',
      ip: '203.0.113.7',
      reason: 'unknown-key',
    });

    // The window passes (on the backend's clock): the address may try again.
    env.sim.control.advanceClock(61_000);
    expect(
      (await from('203.0.113.7', 'GET', '/api/consultations', env.t.backend.operatorKey)).status,
    ).toBe(200);
  });

  it('failed admin keys, participant links and walk-in passes count the same way', async () => {
    const c = (await env.t.op('POST', '/api/consultations', {})).body;
    const ip = '203.0.113.9';
    expect((await from(ip, 'GET', '/api/admin/tenants', 'not-the-admin-key')).status).toBe(401);
    expect(
      (
        await from(ip, 'POST', `/api/consultations/${c.consultation.id}/join`, 'a.b', {
          displayName: 'x',
        })
      ).status,
    ).toBe(401);
    expect((await from(ip, 'POST', '/api/guest-tokens', 'x.y', { displayName: 'x' })).status).toBe(
      401,
    );
    expect((await from(ip, 'GET', '/api/tenant', 'nope')).status).toBe(401);
    expect((await from(ip, 'GET', '/api/tenant', 'nope')).status).toBe(401);
    // The sixth attempt, with a valid capability, is refused: the address is locked.
    const locked = await from(
      ip,
      'POST',
      `/api/consultations/${c.consultation.id}/join`,
      c.links.guests[0].capability,
      {
        displayName: 'x',
      },
    );
    expect(locked.status).toBe(429);
    env.sim.control.advanceClock(61_000);
  });

  it('webhook signature failures have their own bucket: they lock out neither operators nor Webex', async () => {
    const ip = '203.0.113.11';
    for (let i = 0; i < 6; i++) {
      await env.t.call('POST', '/webhooks/webex', {
        body: '{}',
        headers: {
          'X-Forwarded-For': ip,
          'Content-Type': 'application/json',
          'X-Spark-Signature': '0'.repeat(40),
        },
      });
    }
    const webhook = await env.t.call('POST', '/webhooks/webex', {
      body: '{}',
      headers: { 'X-Forwarded-For': ip, 'Content-Type': 'application/json' },
    });
    expect(webhook.status).toBe(429);
    expect((await from(ip, 'GET', '/api/tenant', env.t.backend.operatorKey)).status).toBe(200);
    env.sim.control.advanceClock(61_000);
  });
});

describe('client addresses behind a proxy (trustProxy)', () => {
  it('without trustProxy, X-Forwarded-For is ignored: a spoofed header does not dodge a lock-out', async () => {
    const t = await startTestBackend(env.sim, {
      authFailureLimit: { max: 2, windowMs: 60_000 },
      simOrgs: 1,
    });
    try {
      for (let i = 0; i < 3; i++) {
        await t.call('GET', '/api/tenant', {
          token: 'wrong',
          headers: { 'X-Forwarded-For': `10.0.0.${i}` },
        });
      }
      const res = await t.call('GET', '/api/tenant', {
        token: t.backend.operatorKey!,
        headers: { 'X-Forwarded-For': '10.9.9.9' },
      });
      expect(res.status).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe('framework errors', () => {
  it('answer through the error handler, with the security headers, echoing nothing', async () => {
    const marker = 'ECHO-MARKER-7731';
    const probes = [
      fetch(`${env.t.backend.url}/api/consultations/%E0%A4%A${marker}`, {
        headers: { Authorization: `Bearer ${env.t.backend.operatorKey}` },
      }),
      fetch(`${env.t.backend.url}/%${marker}`),
      fetch(`${env.t.backend.url}/api/consultations`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${env.t.backend.operatorKey}`,
          'Content-Type': 'application/json',
        },
        body: `{"title": ${marker}`,
      }),
      fetch(`${env.t.backend.url}/api/consultations`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${env.t.backend.operatorKey}`,
          'Content-Type': `text/${marker}`,
        },
        body: 'x',
      }),
      fetch(`${env.t.backend.url}/nothing-here-${marker}`),
    ];
    for (const res of await Promise.all(probes)) {
      const text = await res.text();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(text).not.toContain(marker);
      expect(JSON.parse(text)).toEqual({ error: expect.any(String), message: expect.any(String) });
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('malformed HTTP gets a plain 400 with the security headers', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(env.t.backend.url).port), '127.0.0.1');
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('close', () => resolve(data));
      socket.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toMatch(/Content-Security-Policy: default-src 'none'/);
  });
});

describe('titles', () => {
  it('lose bidi overrides and zero-width characters, in the consultation and in Webex', async () => {
    const res = await env.t.op('POST', '/api/consultations', {
      title: 'Knee\u202e\u200b follow\u2066-up\ufeff',
    });
    expect(res.status).toBe(201);
    expect(res.body.consultation.title).toBe('Knee follow-up');
    const m = [...worldOf(env.sim).meetings.values()].find(
      (x) => x.meetingNumber === res.body.consultation.meetingNumber,
    )!;
    expect(m.title).toBe('Knee follow-up');
    const empty = await env.t.op('POST', '/api/consultations', { title: '\u200b\u202e' });
    expect(empty.status).toBe(400);
  });
});
