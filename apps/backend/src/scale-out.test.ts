// Three backend replicas (separate processes) on one PostgreSQL and one
// simulator: one refresh per org across all of them, a refresh that survives
// its holder's kill -9, webhooks processed once, one licence meter, and a
// database outage that gives 503s and then recovers without losing anything.
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalOrgId } from '@g2g/service-app';
import { httpCaller, startSim, type Sim } from '@g2g/webex-sim';
import { worldOf } from '@g2g/webex-sim/testing/world';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKey, loadOrCreateDevKeys, Sealer } from './crypto';
import { startFront, type Front } from './scale/front';
import { startReplica, startReplicas, type Replica, type ReplicaOptions } from './scale/replicas';
import { startPgCluster, type PgCluster } from './store/pg-cluster';
import { PgStore } from './store/pg-store';
import { tempDir } from './testing/harness';

const JOINS = 1_000;

let cluster: PgCluster;
let sim: Sim;
let front: Front;
let replicas: Replica[] = [];
let dataDir: string;
let databaseUrl: string;
let options: ReplicaOptions;
let keys: { encryptionKey: string; webhookSecret: string; operatorKeys: string[] };
let orgId: string;
let clockOffset = 0;
/** The test's own view of the shared database (the replicas' key). */
let store: PgStore;

const call = (base: string, method: string, path: string, body?: unknown, token?: string) =>
  httpCaller(base)(method, path, {
    ...(body !== undefined ? { body } : {}),
    ...(token ? { token } : {}),
  });
const op = (base: string, method: string, path: string, body?: unknown) =>
  call(base, method, path, body, keys.operatorKeys[0]);

/** Moves the simulator's clock and every replica's with it. */
async function advance(ms: number) {
  sim.control.advanceClock(ms);
  clockOffset += ms;
  await Promise.all(replicas.map((r) => r.setClockOffset(clockOffset)));
}

/** The org's Service App access tokens the simulator would still accept. */
function liveAppTokens() {
  return [...worldOf(sim).tokens.allAccess()].filter(
    (t) =>
      t.kind === 'service-app' &&
      canonicalOrgId(t.orgId) === orgId &&
      t.expiresAt > sim.control.now(),
  );
}

const lastSeq = () => sim.control.requests().at(-1)?.seq ?? 0;
const refreshCalls = (since: number) =>
  sim.control.requests({ method: 'POST', path: '/v1/access_token', since });
const recoveryCalls = (since: number) =>
  sim.control.requests({ method: 'POST', path: '/v1/applications/*/token', since });

async function newConsultation(base = front.url) {
  const res = await op(base, 'POST', '/api/consultations', { guests: 1 });
  expect(res.status, res.text).toBe(201);
  const body = res.body as {
    consultation: { id: string; meetingId?: string };
    links: { guests: { capability: string }[] };
  };
  return { id: body.consultation.id, capability: body.links.guests[0]!.capability };
}

/** `n` joins at once, spread round-robin over `targets`; resolves with their statuses. */
async function joinAll(n: number, targets: string[], c: { id: string; capability: string }) {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      call(
        targets[i % targets.length]!,
        'POST',
        `/api/consultations/${c.id}/join`,
        { displayName: `Guest ${i}` },
        c.capability,
      ).then(
        (r) => r.status,
        () => 0,
      ),
    ),
  );
}

const count = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

beforeAll(async () => {
  cluster = await startPgCluster();
  databaseUrl = await cluster.createDatabase();
  sim = await startSim({ seed: 'scale-out', validateResponses: true });
  front = await startFront();
  dataDir = tempDir('g2g-scale-');
  // Replicas share their keys: made once, before any starts.
  const dev = loadOrCreateDevKeys(dataDir, 2);
  keys = {
    encryptionKey: dev.encryptionKey,
    webhookSecret: dev.webhookSecret,
    operatorKeys: dev.operatorKeys,
  };
  options = {
    mode: 'sim',
    dataDir,
    databaseUrl,
    simUrl: sim.url,
    publicUrl: front.url,
    logLevel: 'warn',
    logFile: join(dataDir, 'replicas.log'),
    rateLimit: false,
    guestTokenRateLimit: false,
    webhookRateLimit: false,
    authFailureLimit: false,
    timeouts: { headersMs: 60_000, requestMs: 120_000, idleMs: 120_000, keepAliveMs: 72_000 },
    http: { backoffBaseMs: 5, backoffMaxMs: 20 },
  };
  store = await PgStore.open(
    databaseUrl,
    new Sealer(deriveKey(Buffer.from(keys.encryptionKey, 'base64'), 'data at rest')),
  );
  replicas = await startReplicas(3, options);
  front.setTargets(replicas.map((r) => r.url));
  orgId = canonicalOrgId(
    ((await op(front.url, 'GET', '/api/tenant')).body as { orgId: string }).orgId,
  );
}, 240_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await store?.close();
  await front?.close();
  await sim?.close();
  cluster?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe('three replicas on one PostgreSQL', () => {
  it('registered the webhooks once, to the deployment URL, whichever replica started first', () => {
    const hooks = [...worldOf(sim).webhooks.values()].filter((w) =>
      w.name.startsWith('g2g-backend'),
    );
    expect(hooks.length).toBeGreaterThan(0);
    expect(new Set(hooks.map((w) => w.targetUrl))).toEqual(
      new Set([`${front.url}/webhooks/webex`]),
    );
    const perSubscription = new Map<string, number>();
    for (const w of hooks) {
      const k = `${w.orgId} ${w.resource}:${w.event}`;
      perSubscription.set(k, (perSubscription.get(k) ?? 0) + 1);
    }
    expect([...perSubscription.values()].every((n) => n === 1)).toBe(true);
  });

  it('reports the database in /healthz on every replica', async () => {
    for (const r of replicas) {
      expect((await call(r.url, 'GET', '/healthz')).body).toEqual({
        ok: true,
        database: 'postgres',
      });
    }
  });

  it(`makes exactly one refresh for ${JOINS} concurrent joins round-robin during a token expiry`, async () => {
    const expiresAt = Math.max(...liveAppTokens().map((t) => t.expiresAt));
    // Just before the refresh margin (10 minutes) opens: the consultation is made with a fresh token…
    await advance(expiresAt - sim.control.now() - 11 * 60_000);
    const c = await newConsultation();
    // …then past the expiry, on every replica's clock at once.
    await advance(11 * 60_000 + 5_000);
    const since = lastSeq();
    const statuses = await joinAll(
      JOINS,
      replicas.map((r) => r.url),
      c,
    );
    expect(count(statuses)).toEqual({ 200: JOINS });
    expect(refreshCalls(since)).toHaveLength(1);
    expect(recoveryCalls(since)).toHaveLength(0);
  }, 300_000);

  it(`makes exactly one refresh when the expiry is seen through a 401`, async () => {
    const c = await newConsultation();
    for (const t of liveAppTokens()) sim.control.expireToken(t.value);
    const since = lastSeq();
    const statuses = await joinAll(
      JOINS,
      replicas.map((r) => r.url),
      c,
    );
    expect(count(statuses)).toEqual({ 200: JOINS });
    expect(refreshCalls(since)).toHaveLength(1);
    expect(recoveryCalls(since)).toHaveLength(0);
  }, 300_000);

  it('completes the refresh on another replica when the lock holder is killed mid-refresh', async () => {
    const c = await newConsultation();
    const [victim, ...survivors] = replicas as [Replica, ...Replica[]];
    const fault = sim.control.addFault({
      method: 'POST',
      path: '/v1/access_token',
      latencyMs: 8_000,
      count: 1,
    });
    for (const t of liveAppTokens()) sim.control.expireToken(t.value);
    const since = lastSeq();
    // One join on the victim: it takes the lock and sends the refresh, which the simulator holds.
    const pending = joinAll(1, [victim.url], c);
    await expect
      .poll(() => sim.control.listFaults().find((f) => f.id === fault.id)?.hits ?? 1, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await victim.kill9();
    expect(await pending).toEqual([0]);

    const statuses = await joinAll(
      300,
      survivors.map((r) => r.url),
      c,
    );
    expect(count(statuses)).toEqual({ 200: 300 });
    // The refresh token the victim sent (and the simulator rotated) was never sent again:
    // the survivor recovered with the client credentials instead.
    expect(refreshCalls(since).filter((r) => !r.fault)).toHaveLength(0);
    expect(recoveryCalls(since)).toHaveLength(1);

    // No token lost: what the database holds is live at the simulator, and refreshes.
    const stored = (await store.tokens.load(orgId))!;
    expect(stored.refreshStartedAt).toBeUndefined();
    expect(
      [...worldOf(sim).tokens.allRefresh()].find((t) => t.value === stored.refreshToken)
        ?.supersededAt,
    ).toBeUndefined();
    expect(
      [...worldOf(sim).tokens.allAccess()].find((t) => t.value === stored.accessToken)?.expiresAt,
    ).toBeGreaterThan(sim.control.now());

    // A replacement replica joins the set.
    const replacement = await startReplica(options);
    await replacement.setClockOffset(clockOffset);
    replicas = [...survivors, replacement];
    front.setTargets(replicas.map((r) => r.url));
    const again = lastSeq();
    for (const t of liveAppTokens()) sim.control.expireToken(t.value);
    expect(
      count(
        await joinAll(
          30,
          replicas.map((r) => r.url),
          c,
        ),
      ),
    ).toEqual({ 200: 30 });
    expect(refreshCalls(again)).toHaveLength(1);
    expect(refreshCalls(again)[0]!.status).toBe(200);
  }, 300_000);

  it('processes the same signed webhook once when two replicas get it at once; the meter agrees everywhere', async () => {
    const c = await newConsultation();
    const meetingId = (await store.consultations.find(c.id))!.meetingId;
    const tenant = (await op(front.url, 'GET', '/api/tenant')).body as {
      siteUrl: string;
      licence: { inProgress: number };
    };
    const before = tenant.licence.inProgress;
    const raw = JSON.stringify({
      id: 'scale-out-webhook',
      name: 'g2g-backend meetings:started',
      resource: 'meetings',
      event: 'started',
      orgId,
      createdBy: 'x',
      appId: 'y',
      ownedBy: 'creator',
      status: 'active',
      created: new Date(sim.control.now()).toISOString(),
      actorId: 'z',
      data: {
        id: meetingId,
        meetingSeriesId: meetingId,
        siteUrl: tenant.siteUrl,
        state: 'inProgress',
      },
    });
    const signature = createHmac('sha1', keys.webhookSecret).update(raw).digest('hex');
    const deliver = (r: Replica) =>
      httpCaller(r.url)('POST', '/webhooks/webex', {
        body: raw,
        headers: { 'Content-Type': 'application/json', 'X-Spark-Signature': signature },
      });
    const answers = await Promise.all([deliver(replicas[0]!), deliver(replicas[1]!)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => (a.body as { outcome: string }).outcome).sort()).toEqual([
      'duplicate',
      'processed',
    ]);
    for (const r of replicas) {
      const t = (await op(r.url, 'GET', '/api/tenant')).body as { licence: { inProgress: number } };
      expect(t.licence.inProgress).toBe(before + 1);
      const view = (await op(r.url, 'GET', `/api/consultations/${c.id}`)).body as {
        live: { state: string };
      };
      expect(view.live.state).toBe('in-progress');
    }
  }, 120_000);

  it('answers 503 while PostgreSQL is stopped for 10 s under load, then recovers fully, losing no consultation', async () => {
    const c = await newConsultation();
    const made: string[] = [];
    const statuses: number[] = [];
    let running = true;
    const load = Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; running; i++) {
          if (i % 4 === 0) {
            const r = await op(front.url, 'POST', '/api/consultations', { guests: 1 }).catch(
              () => undefined,
            );
            statuses.push(r?.status ?? 0);
            if (r?.status === 201)
              made.push((r.body as { consultation: { id: string } }).consultation.id);
          } else {
            const [s] = await joinAll(1, [front.url], c);
            statuses.push(s!);
          }
          if (w === 0 && i % 20 === 0) await new Promise((r) => setTimeout(r, 1));
        }
      }),
    );
    await expect.poll(() => statuses.length, { timeout: 60_000 }).toBeGreaterThan(30);
    cluster.stop();
    const stoppedAt = statuses.length;
    await new Promise((r) => setTimeout(r, 10_000));
    cluster.start();
    for (const r of replicas) {
      await expect
        .poll(async () => (await call(r.url, 'GET', '/healthz')).status, { timeout: 60_000 })
        .toBe(200);
    }
    const recoveredAt = statuses.length;
    await expect.poll(() => statuses.length - recoveredAt, { timeout: 60_000 }).toBeGreaterThan(60);
    running = false;
    await load;

    const during = statuses.slice(stoppedAt, recoveredAt);
    expect(during).toContain(503);
    // Nothing but successes and 503s, ever: no 500, no hang-up.
    expect(new Set(statuses)).toEqual(new Set([200, 201, 503].filter((s) => statuses.includes(s))));
    // Full recovery: the tail of the run is all successes.
    expect(statuses.slice(-40).every((s) => s === 200 || s === 201)).toBe(true);
    // Every consultation that was acknowledged is there, on every replica.
    for (const id of made) {
      for (const r of replicas)
        expect((await op(r.url, 'GET', `/api/consultations/${id}`)).status).toBe(200);
    }
    expect(made.length).toBeGreaterThan(0);
  }, 300_000);
});
