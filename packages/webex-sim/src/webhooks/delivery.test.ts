import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../index';
import { hydraId } from '../ids';
import {
  client,
  meetingBody,
  provision,
  webhookTarget,
  type App,
  type Json,
} from '../rest/testkit';
import { worldOf } from '../testing/world';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
let token: string;
const targets: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  sim = await startSim({ seed: 'delivery' });
  call = client(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset({ webhookRetryDelayMs: 1 });
  app = provision(sim);
  token = app.tokens.accessToken;
});
afterEach(async () => {
  await sim.control.webhooksIdle();
  await Promise.all(targets.splice(0).map((t) => t.close()));
});

async function target(respond?: (n: number) => number) {
  const t = await webhookTarget(respond);
  targets.push(t);
  return t;
}

async function register(body: Record<string, unknown>, t = token): Promise<Json> {
  const res = await call('POST', '/v1/webhooks', { token: t, body: { name: 'hook', ...body } });
  expect(res.status).toBe(200);
  return res.body;
}

/** A `meetings:created` world event, the cheapest way to fire many deliveries. */
function emitCreated(n: number) {
  for (let i = 0; i < n; i++) {
    worldOf(sim).emit({
      type: 'webhook',
      resource: 'meetings',
      event: 'created',
      orgId: app.orgId,
      appClientId: app.clientId,
      actorId: worldOf(sim).identity.machineAccount(
        worldOf(sim).identity.app(app.clientId)!,
        app.orgId,
      ).id,
      data: { id: `m${i}` },
    });
  }
}

describe('webhook delivery', () => {
  it('signs the exact raw bytes with HMAC-SHA1 of the secret', async () => {
    const t = await target();
    const hook = await register({
      targetUrl: t.url,
      resource: 'meetings',
      event: 'created',
      secret: 'shh',
    });
    const meeting = (
      await call('POST', '/v1/meetings', {
        token,
        body: meetingBody(sim, { title: 'Früh-Termin 🩺 "quoted"' }),
      })
    ).body;
    await sim.control.webhooksIdle();

    expect(t.received).toHaveLength(1);
    const { headers, raw, body } = t.received[0]!;
    const expected = createHmac('sha1', 'shh').update(raw).digest('hex');
    const sent = String(headers['x-spark-signature']);
    expect(sent).toMatch(/^[0-9a-f]{40}$/);
    expect(timingSafeEqual(Buffer.from(sent), Buffer.from(expected))).toBe(true);
    // A signature over re-encoded text (latin1) would not match: the bytes are what count.
    expect(createHmac('sha1', 'shh').update(raw.toString('latin1')).digest('hex')).not.toBe(sent);

    const me = (await call('GET', '/v1/people/me', { token })).body;
    expect(body).toEqual({
      id: hook.id,
      name: 'hook',
      targetUrl: t.url,
      resource: 'meetings',
      event: 'created',
      orgId: hydraId('ORGANIZATION', app.orgId),
      createdBy: me.id,
      appId: app.applicationId,
      ownedBy: 'creator',
      status: 'active',
      created: hook.created,
      actorId: me.id,
      data: expect.objectContaining({
        id: meeting.id,
        title: 'Früh-Termin 🩺 "quoted"',
        hostUserId: me.id,
      }),
    });
    expect(body.data.password).toBeUndefined();
    expect(headers['content-type']).toBe('application/json');
  });

  it('sends no signature header without a secret', async () => {
    const t = await target();
    await register({ targetUrl: t.url, resource: 'meetings', event: 'created' });
    emitCreated(1);
    await sim.control.webhooksIdle();
    expect(t.received).toHaveLength(1);
    expect(t.received[0]!.headers['x-spark-signature']).toBeUndefined();
  });

  it('retries a 500 with the same bytes until it succeeds', async () => {
    const t = await target((n) => (n < 2 ? 500 : 200));
    const hook = await register({
      targetUrl: t.url,
      resource: 'meetings',
      event: 'created',
      secret: 'k',
    });
    emitCreated(1);
    await sim.control.webhooksIdle();
    expect(t.received).toHaveLength(3);
    expect(new Set(t.received.map((r) => r.raw.toString('base64'))).size).toBe(1);
    expect(new Set(t.received.map((r) => r.headers['x-spark-signature'])).size).toBe(1);
    const stored = worldOf(sim).webhooks.get(hook.id)!;
    expect(stored.failures).toHaveLength(2);
    expect(stored.status).toBe('active');
  });

  it('gives up after webhookAttempts and records each failure', async () => {
    sim.control.configure({ webhookAttempts: 3 });
    const t = await target(() => 503);
    const hook = await register({ targetUrl: t.url, resource: 'meetings', event: 'created' });
    emitCreated(1);
    await sim.control.webhooksIdle();
    expect(t.received).toHaveLength(3);
    expect(worldOf(sim).webhooks.get(hook.id)!.failures).toHaveLength(3);
  });

  it('counts a refused connection as a failed delivery', async () => {
    sim.control.configure({ webhookAttempts: 2 });
    const closed = await webhookTarget();
    await closed.close();
    const hook = await register({ targetUrl: closed.url, resource: 'meetings', event: 'created' });
    emitCreated(1);
    await sim.control.webhooksIdle();
    expect(worldOf(sim).webhooks.get(hook.id)!.failures).toHaveLength(2);
  });

  it('never calls a target beyond loopback', async () => {
    sim.control.configure({ webhookAttempts: 1 });
    const hook = await register({
      targetUrl: 'https://example.com/hook',
      resource: 'meetings',
      event: 'created',
    });
    emitCreated(1);
    await sim.control.webhooksIdle();
    expect(worldOf(sim).webhooks.get(hook.id)!.failures).toHaveLength(1);
  });

  it('disables a webhook after 100 failures within 5 minutes', async () => {
    sim.control.configure({ webhookAttempts: 1 });
    const t = await target(() => 500);
    const hook = await register({ targetUrl: t.url, resource: 'meetings', event: 'created' });
    const stored = worldOf(sim).webhooks.get(hook.id)!;

    emitCreated(99);
    await sim.control.webhooksIdle();
    expect(stored.status).toBe('active');

    // The 99 fall out of the window: one more failure is not the 100th.
    sim.control.advanceClock(5 * 60_000 + 1);
    emitCreated(1);
    await sim.control.webhooksIdle();
    expect(stored.status).toBe('active');
    expect(stored.failures).toHaveLength(1);

    emitCreated(99);
    await sim.control.webhooksIdle();
    expect(stored.status).toBe('inactive');
    expect((await call('GET', `/v1/webhooks/${hook.id}`, { token })).body.status).toBe('inactive');

    const before = t.received.length;
    emitCreated(3);
    await sim.control.webhooksIdle();
    expect(t.received.length).toBe(before);
  });

  it('applies the filter to the event data', async () => {
    const hit = await target();
    const miss = await target();
    await register({
      targetUrl: hit.url,
      resource: 'meetings',
      event: 'created',
      filter: `siteUrl=${app.siteUrl}`,
    });
    await register({
      targetUrl: miss.url,
      resource: 'meetings',
      event: 'created',
      filter: 'siteUrl=other.webex.com',
    });
    await call('POST', '/v1/meetings', { token, body: meetingBody(sim) });
    await sim.control.webhooksIdle();
    expect(hit.received).toHaveLength(1);
    expect(miss.received).toHaveLength(0);
  });
});

describe('which webhooks hear what', () => {
  it('keeps meetings started/ended out of the all firehose', async () => {
    const firehose = await target();
    const started = await target();
    const ended = await target();
    const allMeetings = await target();
    await register({ targetUrl: firehose.url, resource: 'all', event: 'all' });
    await register({ targetUrl: started.url, resource: 'meetings', event: 'started' });
    await register({ targetUrl: ended.url, resource: 'meetings', event: 'ended' });
    await register({ targetUrl: allMeetings.url, resource: 'meetings', event: 'all' });

    const meeting = (await call('POST', '/v1/meetings', { token, body: meetingBody(sim) })).body;
    const m = worldOf(sim).meetings.get(meeting.id)!;
    worldOf(sim).meetings.start(m, m.hostUserId);
    worldOf(sim).meetings.end(m, m.hostUserId);
    await sim.control.webhooksIdle();

    const events = (t: { received: { body: Json }[] }) =>
      t.received.map((r) => `${r.body.resource}:${r.body.event}`).sort();
    expect(events(firehose)).toEqual(['meetings:created']);
    expect(events(started)).toEqual(['meetings:started']);
    expect(events(ended)).toEqual(['meetings:ended']);
    expect(events(allMeetings)).toEqual(['meetings:created', 'meetings:ended', 'meetings:started']);
    expect(started.received[0]!.body.data).toMatchObject({
      id: meeting.id,
      state: 'inProgress',
      hostUserId: meeting.hostUserId,
    });
  });

  it('delivers serviceApp authorized/deauthorized to the app in its owner org', async () => {
    const authorized = await target();
    const deauthorized = await target();
    const stranger = await target();
    await register({
      targetUrl: authorized.url,
      resource: 'serviceApp',
      event: 'authorized',
      secret: 'a',
    });
    await register({ targetUrl: deauthorized.url, resource: 'serviceApp', event: 'deauthorized' });
    const otherApp = provision(sim);
    await register(
      { targetUrl: stranger.url, resource: 'serviceApp', event: 'authorized' },
      otherApp.tokens.accessToken,
    );

    const customer = sim.control.createOrg('Customer Clinic');
    sim.control.authorize(app.clientId, customer.id);
    await sim.control.webhooksIdle();
    expect(authorized.received).toHaveLength(1);
    const envelope = authorized.received[0]!.body;
    expect(envelope).toMatchObject({
      resource: 'serviceApp',
      event: 'authorized',
      orgId: hydraId('ORGANIZATION', customer.id),
      appId: app.applicationId,
      data: {
        id: app.applicationId,
        authorizerOrgId: hydraId('ORGANIZATION', customer.id),
        scopes: expect.arrayContaining(['guest-meeting:rw']),
        trainSiteNames: [customer.siteUrl],
      },
    });
    expect(stranger.received).toHaveLength(0);
    expect(deauthorized.received).toHaveLength(0);

    // What a backend does next: fetch tokens for the org named in the envelope.
    const tokens = await call('POST', `/v1/applications/${app.applicationId}/token`, {
      body: { clientId: app.clientId, clientSecret: app.clientSecret, targetOrgId: envelope.orgId },
    });
    expect(tokens.status).toBe(200);

    sim.control.deauthorize(app.clientId, customer.id);
    await sim.control.webhooksIdle();
    expect(deauthorized.received.map((r) => r.body.event)).toEqual(['deauthorized']);
    expect(deauthorized.received[0]!.body.orgId).toBe(hydraId('ORGANIZATION', customer.id));
    expect(authorized.received).toHaveLength(1);
  });

  it('does not deliver one app’s meeting events to another app in the org', async () => {
    const mine = await target();
    const theirs = await target();
    await register({ targetUrl: mine.url, resource: 'meetings', event: 'created' });
    const other = provision(sim, { orgId: app.orgId });
    await register(
      { targetUrl: theirs.url, resource: 'meetings', event: 'created' },
      other.tokens.accessToken,
    );
    await call('POST', '/v1/meetings', { token, body: meetingBody(sim) });
    await sim.control.webhooksIdle();
    expect(mine.received).toHaveLength(1);
    expect(theirs.received).toHaveLength(0);
  });

  it('answers /_sim/webhooks/idle over HTTP once deliveries are done', async () => {
    const t = await target((n) => (n === 0 ? 500 : 200));
    await register({ targetUrl: t.url, resource: 'meetings', event: 'created' });
    emitCreated(1);
    const res = await call('POST', '/_sim/webhooks/idle');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ idle: true });
    expect(t.received).toHaveLength(2);
  });
});
