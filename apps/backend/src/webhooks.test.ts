import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliveryId } from '@g2g/service-app';
import { describe, expect, it } from 'vitest';
import { backendPerFile, startTestBackend } from './testing/harness';
import { worldOf } from '@g2g/webex-sim/testing/world';

const env = backendPerFile({ seed: 'backend-webhooks' });

const post = (raw: string | Buffer, signature?: string, t = env.t) =>
  t.call('POST', '/webhooks/webex', {
    body: typeof raw === 'string' ? raw : raw.toString('utf8'),
    headers: {
      'Content-Type': 'application/json',
      ...(signature !== undefined ? { 'X-Spark-Signature': signature } : {}),
    },
  });
const sign = (raw: string | Buffer, secret = env.t.devKeys().webhookSecret) =>
  createHmac('sha1', secret).update(raw).digest('hex');

const envelope = (resource: string, event: string, data: Record<string, unknown>) =>
  JSON.stringify({
    id: 'webhook-1',
    name: 'g2g-backend',
    resource,
    event,
    orgId: env.t.backend.simApp!.orgId,
    createdBy: 'x',
    appId: 'y',
    ownedBy: 'creator',
    status: 'active',
    created: new Date().toISOString(),
    actorId: 'z',
    data,
  });

const licence = async () => (await env.t.op('GET', '/api/tenant')).body.licence.inProgress;
const authState = async () => (await env.t.op('GET', '/api/tenant')).body.authorization.state;
const atSim = (offsetMs = 0) => new Date(env.sim.control.now() + offsetMs).toISOString();

/**
 * A loopback stand-in between the simulator and the backend: forwards every
 * delivery untouched and keeps a copy of its bytes and signature, as someone
 * capturing traffic would.
 */
async function tap(target: string) {
  const captured: { raw: Buffer; signature: string; event: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signature = String(req.headers['x-spark-signature']);
      captured.push({ raw, signature, event: JSON.parse(raw.toString()).event });
      fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Spark-Signature': signature },
        body: new Uint8Array(raw),
      }).then(
        (r) => res.writeHead(r.status).end(),
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    captured,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('POST /webhooks/webex', () => {
  it('the backend registered each tenant’s webhooks, and the home org’s authorization ones', () => {
    const byOrg = (orgId: string) =>
      [...worldOf(env.sim).webhooks.values()]
        .filter((w) => w.orgId === orgId)
        .map((w) => `${w.resource}:${w.event}`)
        .sort();
    const tenantHooks = [
      'meetingParticipants:joined',
      'meetingParticipants:left',
      'meetings:ended',
      'meetings:started',
    ];
    const [home, second] = env.t.backend.simOrgs!;
    expect(byOrg(home!.orgId)).toEqual(
      [...tenantHooks, 'serviceApp:authorized', 'serviceApp:deauthorized'].sort(),
    );
    expect(byOrg(second!.orgId)).toEqual(tenantHooks);
    for (const w of worldOf(env.sim).webhooks.values())
      expect(w.targetUrl).toBe(`${env.t.backend.url}/webhooks/webex`);
  });

  it('rejects a missing or bad signature with 401 and changes nothing', async () => {
    const raw = envelope('serviceApp', 'deauthorized', {
      clientId: env.t.backend.simApp!.clientId,
      authorizerOrgId: env.t.backend.simApp!.orgId,
    });
    const missing = await post(raw);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe('webhook-signature');
    expect((await post(raw, sign(raw, 'wrong-secret'))).status).toBe(401);
    expect((await post(raw, 'not-hex')).status).toBe(401);
    // Signed over other bytes (re-serialised JSON): still refused.
    expect((await post(JSON.stringify(JSON.parse(raw), null, 2), sign(raw))).status).toBe(401);
    expect(await authState()).toBe('authorized');

    const started = envelope('meetings', 'started', {
      id: 'm-forged',
      siteUrl: env.t.backend.simApp!.siteUrl,
    });
    expect((await post(started, sign(started, 'nope'))).status).toBe(401);
    expect(await licence()).toBe(0);
  });

  it('refuses bodies over 32 KiB before computing any HMAC', async () => {
    const big = envelope('meetings', 'started', { pad: 'x'.repeat(40 * 1024) });
    const res = await post(big, sign(big));
    expect(res.status).toBe(413);
  });

  it('processes a replayed delivery once', async () => {
    const raw = envelope('meetings', 'started', {
      id: 'm-replayed',
      siteUrl: env.t.backend.simApp!.siteUrl,
      start: atSim(),
    });
    const first = await post(raw, sign(raw));
    const second = await post(raw, sign(raw));
    expect(first.body).toEqual({ ok: true, outcome: 'processed' });
    expect(second.body).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await licence()).toBe(1);
    const ended = envelope('meetings', 'ended', {
      id: 'm-replayed',
      siteUrl: env.t.backend.simApp!.siteUrl,
      end: atSim(),
    });
    await post(ended, sign(ended));
    expect(await licence()).toBe(0);
  });

  it('refuses a stale delivery by its own timestamp, and says so without acting on it', async () => {
    const before = env.t.logs.length;
    const stale = envelope('meetings', 'started', {
      id: 'm-stale',
      siteUrl: env.t.backend.simApp!.siteUrl,
      start: atSim(-16 * 60_000),
    });
    const res = await post(stale, sign(stale));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, outcome: 'stale' });
    expect(await licence()).toBe(0);
    expect(env.t.logs.slice(before).some((l) => l.includes('stale webhook refused'))).toBe(true);
  });

  it('400s a signed body that is not a webhook envelope', async () => {
    const raw = '{"hello":"world"}';
    const res = await post(raw, sign(raw));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('webhook-payload');
  });

  it('a real deauthorization deletes the tokens (Webex confirms it); re-authorization retrieves new ones', async () => {
    const { clientId, orgId } = env.t.backend.simApp!;
    env.sim.control.deauthorize(clientId);
    await env.sim.control.webhooksIdle();
    expect(await authState()).toBe('not-authorized');
    const refused = await env.t.op('POST', '/api/consultations', {});
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/authorize/);

    env.sim.control.authorize(clientId, orgId);
    await env.sim.control.webhooksIdle();
    expect(await authState()).toBe('authorized');
    expect(env.sim.control.requests({ path: '/v1/applications/*/token' }).at(-1)!.status).toBe(200);
    expect((await env.t.op('POST', '/api/consultations', {})).status).toBe(201);
  });
});

describe('replay after a restart', () => {
  it('a captured deauthorization replayed against a restarted backend deletes nothing', async () => {
    const { clientId } = env.t.backend.simApp!;
    const second = env.t.backend.simOrgs![1]!;
    // Capture the home org's serviceApp deliveries on their way to the backend.
    const proxy = await tap(`${env.t.backend.url}/webhooks/webex`);
    for (const w of worldOf(env.sim).webhooks.values()) {
      if (w.resource === 'serviceApp') w.targetUrl = proxy.url;
    }
    try {
      // The second org deauthorizes, then authorizes again: a real sequence, recorded.
      env.sim.control.deauthorize(clientId, second.orgId);
      await env.sim.control.webhooksIdle();
      expect((await env.t.opOf(1, 'GET', '/api/tenant')).body.authorization.state).toBe(
        'not-authorized',
      );
      env.sim.control.authorize(clientId, second.orgId);
      await env.sim.control.webhooksIdle();
      expect((await env.t.opOf(1, 'GET', '/api/tenant')).body.authorization.state).toBe(
        'authorized',
      );
      const deauth = proxy.captured.find((c) => c.event === 'deauthorized')!;
      expect(deauth).toBeDefined();

      // Same process: the delivery id is known.
      expect((await post(deauth.raw, deauth.signature)).body.outcome).toBe('duplicate');

      // A restart on the same data directory: the delivery log is on disk.
      const restarted = await startTestBackend(env.sim, { dataDir: env.t.dataDir, port: 0 });
      try {
        const replay = await post(deauth.raw, deauth.signature, restarted);
        expect(replay.body).toEqual({ ok: true, outcome: 'duplicate' });
        expect((await restarted.opOf(1, 'GET', '/api/tenant')).body.authorization.state).toBe(
          'authorized',
        );
        // Even once the id is forgotten (pruned after its retention), nothing is deleted:
        // Webex is asked first, and it says the org is still authorized.
        await restarted.backend.store.deliveries.release(deliveryId(deauth.raw));
        const before = restarted.logs.length;
        const again = await post(deauth.raw, deauth.signature, restarted);
        expect(again.body).toEqual({ ok: true, outcome: 'processed' });
        expect(
          restarted.logs.slice(before).some((l) => l.includes('"outcome":"still-authorized"')),
        ).toBe(true);
        expect((await restarted.opOf(1, 'GET', '/api/tenant')).body.authorization.state).toBe(
          'authorized',
        );
        // Past the freshness window the replay is refused by its own date before anything else.
        env.sim.control.advanceClock(16 * 60_000);
        const late = await post(deauth.raw, deauth.signature, restarted);
        expect(late.body).toEqual({ ok: true, outcome: 'stale' });
        expect((await restarted.opOf(1, 'GET', '/api/tenant')).body.authorization.state).toBe(
          'authorized',
        );
      } finally {
        await restarted.close();
      }
    } finally {
      await proxy.close();
    }
  });
});
