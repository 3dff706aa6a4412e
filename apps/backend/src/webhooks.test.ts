import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backendPerFile } from './testing/harness';

const env = backendPerFile({ seed: 'backend-webhooks' });

const post = (raw: string, signature?: string) =>
  env.t.call('POST', '/webhooks/webex', {
    body: raw,
    headers: {
      'Content-Type': 'application/json',
      ...(signature !== undefined ? { 'X-Spark-Signature': signature } : {}),
    },
  });
const sign = (raw: string, secret = env.t.devKeys().webhookSecret) =>
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

const licence = async () => (await env.t.call('GET', '/api/status')).body.licence.inProgress;
const authState = async () => (await env.t.call('GET', '/api/status')).body.authorization[0].state;

describe('POST /webhooks/webex', () => {
  it('the backend registered its webhooks on the simulator at start', () => {
    const names = [...env.sim.world.webhooks.values()]
      .map((w) => `${w.resource}:${w.event}`)
      .sort();
    expect(names).toEqual([
      'meetings:ended',
      'meetings:started',
      'serviceApp:authorized',
      'serviceApp:deauthorized',
    ]);
    for (const w of env.sim.world.webhooks.values())
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

  it('processes a replayed delivery once', async () => {
    const raw = envelope('meetings', 'started', {
      id: 'm-replayed',
      siteUrl: env.t.backend.simApp!.siteUrl,
    });
    const first = await post(raw, sign(raw));
    const second = await post(raw, sign(raw));
    expect(first.body).toEqual({ ok: true, outcome: 'processed' });
    expect(second.body).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await licence()).toBe(1);
    const ended = envelope('meetings', 'ended', {
      id: 'm-replayed',
      siteUrl: env.t.backend.simApp!.siteUrl,
    });
    await post(ended, sign(ended));
    expect(await licence()).toBe(0);
  });

  it('400s a signed body that is not a webhook envelope', async () => {
    const raw = '{"hello":"world"}';
    const res = await post(raw, sign(raw));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('webhook-payload');
  });

  it('deauthorization deletes the tokens; re-authorization retrieves new ones', async () => {
    env.sim.control.deauthorize(env.t.backend.simApp!.clientId);
    await env.sim.control.webhooksIdle();
    expect(await authState()).toBe('not-authorized');
    const refused = await env.t.op('POST', '/api/consultations', {});
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/authorize/);

    env.sim.control.authorize(env.t.backend.simApp!.clientId);
    await env.sim.control.webhooksIdle();
    expect(await authState()).toBe('authorized');
    expect(env.sim.control.requests({ path: '/v1/applications/*/token' }).at(-1)!.status).toBe(200);
    expect((await env.t.op('POST', '/api/consultations', {})).status).toBe(201);
  });
});
