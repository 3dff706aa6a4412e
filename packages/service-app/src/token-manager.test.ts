import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@g2g/webex-sim';
import { createServiceApp, type ServiceApp, type ServiceAppOptions } from './service-app';
import { NotAuthorizedError, ReauthorizationRequiredError } from './errors';
import { MemoryTokenStore, type StoredTokens } from './token-store';
import { recordingLogger, tokenResponse, type App } from './testing/sim-kit';

let sim: Sim;
let app: App;
let store: MemoryTokenStore;

beforeAll(async () => {
  sim = await startSim({ seed: 'token-manager' });
});
afterAll(() => sim.close());

beforeEach(async () => {
  sim.control.reset({ accessTokenTtlSec: 3600 });
  app = sim.control.createServiceApp() as App;
  store = new MemoryTokenStore();
});

function make(extra: Partial<ServiceAppOptions> = {}): ServiceApp {
  return createServiceApp({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    applicationId: app.applicationId,
    baseUrl: `${sim.url}/v1`,
    tokenStore: store,
    // Token expiry is judged on the simulator's clock, which tests move.
    now: () => sim.control.now(),
    refreshMarginMs: 5 * 60_000,
    ...extra,
  });
}

const refreshCalls = () => sim.control.requests({ path: '/v1/access_token' });

// A thousand loopback requests take seconds on a loaded 2-core machine: these
// tests get their own bound, far above Vitest's 5 s default, so a busy CI
// box never cuts one off mid-flight (its stragglers would then land in the
// next test's request log).
const HEAVY = { timeout: 120_000 };

/**
 * A fetch that counts this ServiceApp's own requests by path, so assertions
 * never see another test's (or another instance's) traffic in the shared log.
 */
function countingFetch() {
  const seen: string[] = [];
  return {
    fetch: (input: string | URL | Request, init?: RequestInit) => {
      seen.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return fetch(input, init);
    },
    count: (path: string) => seen.filter((p) => p === path).length,
  };
}

describe('TokenManager', () => {
  it('refreshes ahead of expiry, within the margin, and stores the rotated tokens', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens), { siteUrl: app.siteUrl });
    await sa.guests.count(app.orgId);
    expect(refreshCalls()).toHaveLength(0);

    sim.control.advanceClock(56 * 60_000); // 4 minutes left: inside the 5-minute margin
    await sa.guests.count(app.orgId);
    expect(refreshCalls()).toHaveLength(1);
    const stored = (await store.load(app.orgId))!;
    expect(stored.accessToken).not.toBe(app.tokens.accessToken);
    expect(stored.refreshToken).not.toBe(app.tokens.refreshToken);
    expect(stored.refreshStartedAt).toBeUndefined();
    // No 401 was ever seen: the refresh came first.
    expect(sim.control.requests({ path: '/v1/guests/count' }).map((r) => r.status)).toEqual([
      200, 200,
    ]);
  });

  it('refreshes once on a 401, then retries once', async () => {
    const log = recordingLogger();
    const sa = make({ logger: log.logger });
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    sim.control.expireToken(app.tokens.accessToken);
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    expect(refreshCalls()).toHaveLength(1);
    expect(sim.control.requests({ path: '/v1/guests/count' }).map((r) => r.status)).toEqual([
      401, 200,
    ]);
    const line = log.lines.find((l) => l.message.startsWith('webex GET /guests/count'));
    expect((line!.fields.webex as { retries: number }).retries).toBe(1);
  });

  it(
    '1,000 concurrent requests after a 401 expiry produce exactly one refresh call',
    HEAVY,
    async () => {
      const own = countingFetch();
      const sa = make({ http: { fetch: own.fetch } });
      await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
      sim.control.expireToken(app.tokens.accessToken);
      const results = await Promise.all(
        Array.from({ length: 1000 }, () => sa.guests.count(app.orgId)),
      );
      expect(results.every((n) => n === 0)).toBe(true);
      expect(own.count('/v1/access_token')).toBe(1);
      expect(refreshCalls().map((r) => r.status)).toEqual([200]);
    },
  );

  it(
    '1,000 concurrent requests at clock expiry produce exactly one refresh call',
    HEAVY,
    async () => {
      const own = countingFetch();
      const sa = make({ http: { fetch: own.fetch } });
      await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
      sim.control.advanceClock(61 * 60_000);
      await Promise.all(Array.from({ length: 1000 }, () => sa.guests.count(app.orgId)));
      expect(own.count('/v1/access_token')).toBe(1);
      expect(own.count('/v1/guests/count')).toBe(1000);
      expect(
        sim.control.requests({ path: '/v1/guests/count' }).every((r) => r.status === 200),
      ).toBe(true);
    },
  );

  it('persists the rotated token before any request uses it', async () => {
    const timeline: string[] = [];
    const recording = new MemoryTokenStore();
    const slowStore = {
      load: (o: string) => recording.load(o),
      list: () => recording.list(),
      delete: (o: string) => recording.delete(o),
      async save(t: StoredTokens) {
        await new Promise((r) => setTimeout(r, 20));
        await recording.save(t);
        timeline.push(`save ${t.accessToken}`);
      },
    };
    const sa = make({
      tokenStore: slowStore,
      http: {
        fetch: (input, init) => {
          const auth = new Headers(init?.headers).get('authorization');
          if (auth) timeline.push(`use ${auth.slice(7)}`);
          return fetch(input, init);
        },
      },
    });
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    sim.control.expireToken(app.tokens.accessToken);
    await Promise.all([sa.guests.count(app.orgId), sa.guests.count(app.orgId)]);
    const fresh = (await recording.load(app.orgId))!.accessToken;
    const firstUse = timeline.indexOf(`use ${fresh}`);
    const saved = timeline.indexOf(`save ${fresh}`);
    expect(saved).toBeGreaterThanOrEqual(0);
    expect(firstUse).toBeGreaterThan(saved);
  });

  it('a dead refresh token moves the org to reauthorization-required, never retried in a loop', async () => {
    const own = countingFetch();
    const sa = make({ http: { fetch: own.fetch } });
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    // Another holder rotates the refresh token: ours is superseded (dead).
    const other = make({ tokenStore: new MemoryTokenStore() });
    await other.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    await other.tokens.refreshNow(app.orgId);
    sim.control.clearRequests();

    sim.control.expireToken(app.tokens.accessToken);
    const e = await sa.guests.count(app.orgId).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReauthorizationRequiredError);
    expect((e as ReauthorizationRequiredError).code).toBe('reauthorization-required');
    expect(refreshCalls().map((r) => r.status)).toEqual([400]);

    for (let i = 0; i < 5; i++) {
      await expect(sa.guests.count(app.orgId)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    }
    // Counted on this instance's own fetch: the shared log may hold others' traffic.
    expect(own.count('/v1/access_token')).toBe(1);
    expect(own.count('/v1/guests/count')).toBe(1);
    expect(await sa.tokens.status(app.orgId)).toMatchObject({
      state: 'reauthorization-required',
      reason: 'Webex refused the refresh token',
    });

    // Re-authorization (the webhook path) brings it back.
    await sa.tokens.retrieve(app.orgId);
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    expect((await sa.tokens.status(app.orgId)).state).toBe('authorized');
  });

  it('an expired refresh token needs re-authorization without a call', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    sim.control.advanceClock(91 * 24 * 3600_000);
    await expect(sa.guests.count(app.orgId)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(refreshCalls()).toHaveLength(0);
  });

  it('recovers an interrupted refresh with client credentials, never replaying the refresh token', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    const t = (await store.load(app.orgId))!;
    await store.save({ ...t, refreshStartedAt: sim.control.now() });
    const restarted = make();
    await expect(restarted.guests.count(app.orgId)).resolves.toBe(0);
    expect(refreshCalls()).toHaveLength(0);
    expect(sim.control.requests({ path: '/v1/applications/*/token' })).toHaveLength(1);
    expect((await store.load(app.orgId))!.refreshStartedAt).toBeUndefined();
  });

  it('refuses orgs it holds no tokens for', async () => {
    const sa = make();
    await expect(sa.guests.count('some-org')).rejects.toBeInstanceOf(NotAuthorizedError);
    expect(await sa.tokens.status('some-org')).toEqual({
      state: 'not-authorized',
      orgId: 'some-org',
    });
  });
});
