import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@g2g/webex-sim';
import { createServiceApp, type ServiceApp } from './service-app';
import { WebhookPayloadError, WebhookSignatureError, WebhookStaleError } from './errors';
import { MemoryTokenStore } from './token-store';
import {
  MemoryDeliveryLog,
  WebhookReceiver,
  deliveryId,
  verifyWebhookSignature,
  type WebhookEnvelope,
} from './webhooks';
import { rawEndpoint, tokenResponse, type App } from './testing/sim-kit';

const SECRET = 'webhook-secret-for-tests';
const sign = (raw: Buffer, secret = SECRET) => createHmac('sha1', secret).update(raw).digest('hex');

describe('verifyWebhookSignature', () => {
  const raw = Buffer.from(
    '{"id":"w","resource":"meetings","event":"started","orgId":"o","data":{}}',
  );

  it('accepts the HMAC-SHA1 of the raw bytes, in either hex case', () => {
    expect(() => verifyWebhookSignature(raw, sign(raw), SECRET)).not.toThrow();
    expect(() => verifyWebhookSignature(raw, sign(raw).toUpperCase(), SECRET)).not.toThrow();
  });

  it('rejects missing, malformed and wrong signatures, and a re-serialised body', () => {
    const reason = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return (e as WebhookSignatureError).reason;
      }
      return 'accepted';
    };
    expect(reason(() => verifyWebhookSignature(raw, undefined, SECRET))).toBe('missing');
    expect(reason(() => verifyWebhookSignature(raw, 'zz', SECRET))).toBe('mismatch');
    expect(reason(() => verifyWebhookSignature(raw, sign(raw, 'other'), SECRET))).toBe('mismatch');
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 1));
    expect(reason(() => verifyWebhookSignature(reformatted, sign(raw), SECRET))).toBe('mismatch');
    expect(reason(() => verifyWebhookSignature(raw, sign(raw), ''))).toBe('no-secret');
  });
});

describe('WebhookReceiver', () => {
  it('processes a delivery once; a replay or a concurrent duplicate is reported, not processed', async () => {
    const receiver = new WebhookReceiver({ secret: SECRET });
    const raw = Buffer.from(
      JSON.stringify({
        id: 'w',
        resource: 'meetings',
        event: 'started',
        orgId: 'o',
        data: { id: 'm' },
      }),
    );
    let runs = 0;
    const handler = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
    };
    const [a, b] = await Promise.all([
      receiver.receive(raw, sign(raw), handler),
      receiver.receive(raw, sign(raw), handler),
    ]);
    const c = await receiver.receive(raw, sign(raw), handler);
    expect([a.kind, b.kind, c.kind].sort()).toEqual(['duplicate', 'duplicate', 'processed']);
    expect(runs).toBe(1);
  });

  it('lets a delivery whose handler failed be processed on redelivery', async () => {
    const receiver = new WebhookReceiver({ secret: SECRET });
    const raw = Buffer.from(
      JSON.stringify({ id: 'w', resource: 'x', event: 'y', orgId: 'o', data: {} }),
    );
    await expect(
      receiver.receive(raw, sign(raw), () => {
        throw new Error('transient');
      }),
    ).rejects.toThrow('transient');
    expect((await receiver.receive(raw, sign(raw), () => 1)).kind).toBe('processed');
  });

  it('refuses a delivery dated outside the window by its own timestamp, before de-duplication', async () => {
    let now = Date.parse('2030-01-01T12:00:00Z');
    const receiver = new WebhookReceiver({ secret: SECRET, now: () => now });
    const at = (event: string, data: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ id: 'w', resource: 'r', event, orgId: 'o', data }));
    const old = at('deauthorized', { created: '2030-01-01T11:44:00Z' });
    const e = await receiver.receive(old, sign(old), () => 1).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WebhookStaleError);
    expect((e as WebhookStaleError).code).toBe('webhook-stale');
    const future = at('joined', { joinedTime: '2030-01-01T12:06:00Z' });
    await expect(receiver.receive(future, sign(future), () => 1)).rejects.toBeInstanceOf(
      WebhookStaleError,
    );
    const fresh = at('ended', { end: '2030-01-01T11:50:00Z' });
    expect((await receiver.receive(fresh, sign(fresh), () => 1)).kind).toBe('processed');
    // Webex's "no time" value and an undated payload are judged by de-duplication alone.
    const undated = at('left', { leftTime: '1970-01-01T00:00:00.000Z' });
    expect((await receiver.receive(undated, sign(undated), () => 1)).kind).toBe('processed');
    now += 60 * 60_000;
    await expect(receiver.receive(fresh, sign(fresh), () => 1)).rejects.toBeInstanceOf(
      WebhookStaleError,
    );
  });

  it('a persistent delivery log refuses a replay after a restart', async () => {
    const log = new MemoryDeliveryLog();
    const raw = Buffer.from(
      JSON.stringify({
        id: 'w',
        resource: 'serviceApp',
        event: 'deauthorized',
        orgId: 'o',
        data: {},
      }),
    );
    const before = new WebhookReceiver({ secret: SECRET, deliveries: log });
    expect((await before.receive(raw, sign(raw), () => 1)).kind).toBe('processed');
    const after = new WebhookReceiver({ secret: SECRET, deliveries: log });
    let ran = false;
    expect((await after.receive(raw, sign(raw), () => (ran = true))).kind).toBe('duplicate');
    expect(ran).toBe(false);
    expect(deliveryId(raw)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a bad signature before parsing, and a signed non-envelope after', async () => {
    const receiver = new WebhookReceiver({ secret: SECRET });
    const junk = Buffer.from('not json');
    await expect(receiver.receive(junk, sign(junk, 'x'), () => 1)).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
    await expect(receiver.receive(junk, sign(junk), () => 1)).rejects.toBeInstanceOf(
      WebhookPayloadError,
    );
  });
});

describe('authorization webhooks from the simulator', () => {
  let sim: Sim;
  let app: App;
  let sa: ServiceApp;
  let store: MemoryTokenStore;
  let endpoint: Awaited<ReturnType<typeof rawEndpoint>>;
  const seen: WebhookEnvelope[] = [];
  let forceSignature: string | undefined;
  const outcomes: unknown[] = [];
  let accept: (e: { orgId: string }) => boolean = () => true;
  let captured: { raw: Buffer; signature: string } | undefined;

  beforeAll(async () => {
    sim = await startSim({ seed: 'sa-webhooks' });
    endpoint = await rawEndpoint(async ({ raw, headers }) => {
      captured = { raw, signature: String(headers['x-spark-signature']) };
      try {
        const outcome = await receiver.receive(
          raw,
          forceSignature ?? headers['x-spark-signature'],
          async (env) => {
            seen.push(env);
            outcomes.push(await sa.authorization.handle(env, { accept }));
            return outcomes.at(-1);
          },
        );
        return outcome.kind === 'processed' || outcome.kind === 'duplicate' ? 200 : 500;
      } catch (e) {
        return e instanceof WebhookSignatureError ? 401 : 500;
      }
    });
  });
  afterAll(async () => {
    await endpoint.close();
    await sim.close();
  });
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    sim.control.reset({ webhookAttempts: 1 });
    seen.length = 0;
    outcomes.length = 0;
    accept = () => true;
    forceSignature = undefined;
    receiver = new WebhookReceiver({ secret: SECRET });
    app = sim.control.createServiceApp() as App;
    store = new MemoryTokenStore();
    sa = createServiceApp({
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      applicationId: app.applicationId,
      baseUrl: `${sim.url}/v1`,
      tokenStore: store,
    });
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    await sa.http.request({
      method: 'POST',
      path: '/webhooks',
      json: {
        name: 'auth',
        targetUrl: endpoint.url,
        resource: 'serviceApp',
        event: 'authorized',
        secret: SECRET,
      },
      auth: { kind: 'org', orgId: app.orgId },
    });
    await sa.http.request({
      method: 'POST',
      path: '/webhooks',
      json: {
        name: 'deauth',
        targetUrl: endpoint.url,
        resource: 'serviceApp',
        event: 'deauthorized',
        secret: SECRET,
      },
      auth: { kind: 'org', orgId: app.orgId },
    });
  });

  it('retrieves tokens and records scopes and site on authorized; deletes them on deauthorized', async () => {
    await sa.tokens.forget(app.orgId);
    sim.control.authorize(app.clientId);
    await sim.control.webhooksIdle();
    expect(seen.map((e) => e.event)).toEqual(['authorized']);
    expect(sim.control.requests({ path: '/v1/applications/*/token' })).toHaveLength(1);
    const status = await sa.tokens.status(app.orgId);
    expect(status).toMatchObject({ state: 'authorized', siteUrl: app.siteUrl });
    expect(status.state === 'authorized' && status.scopes).toContain('guest-issuer:write');
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);

    sim.control.deauthorize(app.clientId);
    await sim.control.webhooksIdle();
    expect((await sa.tokens.status(app.orgId)).state).toBe('not-authorized');
    expect(await store.load(app.orgId)).toBeUndefined();
  });

  it('a delivery with a bad signature changes nothing', async () => {
    await sa.tokens.forget(app.orgId);
    forceSignature = '0'.repeat(40);
    sim.control.authorize(app.clientId);
    await sim.control.webhooksIdle();
    expect(seen).toHaveLength(0);
    expect(sim.control.requests({ path: '/v1/applications/*/token' })).toHaveLength(0);
    expect((await sa.tokens.status(app.orgId)).state).toBe('not-authorized');
  });

  it('a replayed deauthorization of an org still authorized deletes nothing (Webex is asked first)', async () => {
    sim.control.deauthorize(app.clientId);
    await sim.control.webhooksIdle();
    expect((await sa.tokens.status(app.orgId)).state).toBe('not-authorized');
    const replay = captured!;
    // The org authorizes again; a captured deauthorization arrives later (new process, empty log).
    sim.control.authorize(app.clientId);
    await sim.control.webhooksIdle();
    expect((await sa.tokens.status(app.orgId)).state).toBe('authorized');
    const fresh = new WebhookReceiver({ secret: SECRET });
    const outcome = await fresh.receive(replay.raw, replay.signature, (env) =>
      sa.authorization.handle(env),
    );
    expect(outcome).toMatchObject({
      kind: 'processed',
      result: { kind: 'still-authorized', orgId: app.orgId },
    });
    expect((await sa.tokens.status(app.orgId)).state).toBe('authorized');
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
  });

  it('an org the caller does not accept is recorded: no token is retrieved', async () => {
    const stranger = sim.control.createOrg('Stranger Clinic');
    accept = (e) => e.orgId !== stranger.id;
    sim.control.authorize(app.clientId, stranger.id);
    await sim.control.webhooksIdle();
    expect(outcomes).toEqual([
      expect.objectContaining({ kind: 'recorded', orgId: stranger.id, siteUrl: stranger.siteUrl }),
    ]);
    expect(sim.control.requests({ path: '/v1/applications/*/token' })).toHaveLength(0);
    expect((await sa.tokens.status(stranger.id)).state).toBe('not-authorized');
  });
});
