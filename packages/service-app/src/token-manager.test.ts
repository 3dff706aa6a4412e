import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@g2g/webex-sim';
import { createServiceApp, type ServiceApp, type ServiceAppOptions } from './service-app';
import { NotAuthorizedError, ReauthorizationRequiredError, TokenUnavailableError } from './errors';
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
const appTokenCalls = () => sim.control.requests({ path: '/v1/applications/*/token' });

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

  it('a superseded refresh token is recovered with the client credentials, not parked', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    // Another holder rotates the refresh token: ours is superseded (dead).
    const other = make({ tokenStore: new MemoryTokenStore() });
    await other.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    await other.tokens.refreshNow(app.orgId);
    sim.control.clearRequests();

    sim.control.expireToken(app.tokens.accessToken);
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    expect(refreshCalls().map((r) => r.status)).toEqual([400]);
    expect(appTokenCalls().map((r) => r.status)).toEqual([200]);
    expect((await sa.tokens.status(app.orgId)).state).toBe('authorized');
  });

  it('a single 401 from /v1/access_token is recovered, and the org stays authorized (also after a restart)', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    sim.control.addFault({ path: '/v1/access_token', status: 401, count: 1 });
    sim.control.expireToken(app.tokens.accessToken);
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    expect(refreshCalls().map((r) => r.status)).toEqual([401]);
    expect(appTokenCalls().map((r) => r.status)).toEqual([200]);
    const restarted = make();
    expect((await restarted.tokens.status(app.orgId)).state).toBe('authorized');
    await expect(restarted.guests.count(app.orgId)).resolves.toBe(0);
  });

  it('parks the org only when the recovery is refused too, says why in words, and never retries', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    sim.control.addFault({ path: '/v1/access_token', status: 400, count: 1 });
    sim.control.addFault({ path: '/v1/applications/*/token', status: 403, count: 1 });
    sim.control.expireToken(app.tokens.accessToken);
    const e = await sa.guests.count(app.orgId).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReauthorizationRequiredError);
    expect((e as ReauthorizationRequiredError).code).toBe('reauthorization-required');
    for (let i = 0; i < 5; i++) {
      await expect(sa.guests.count(app.orgId)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    }
    expect(refreshCalls().map((r) => r.status)).toEqual([400]);
    expect(appTokenCalls().map((r) => r.status)).toEqual([403]);
    const status = await sa.tokens.status(app.orgId);
    expect(status.state).toBe('reauthorization-required');
    expect(status.state === 'reauthorization-required' && status.reason).toMatch(
      /^Webex refused the refresh token \(400: .+\), and retrieving new tokens with the client credentials was refused too: the Service App is no longer authorized in this org \(403\)$/,
    );
    expect((e as Error).message).toMatch(/must be re-authorized .* in Control Hub/);

    // Re-authorization (the webhook path) brings it back.
    await sa.tokens.retrieve(app.orgId);
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    expect((await sa.tokens.status(app.orgId)).state).toBe('authorized');
  });

  it('an expired refresh token is replaced with the client credentials, without a refresh call', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    sim.control.advanceClock(91 * 24 * 3600_000);
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    expect(refreshCalls()).toHaveLength(0);
    expect(appTokenCalls().map((r) => r.status)).toEqual([200]);
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

describe("TokenManager on Webex's bad days", () => {
  const guestCalls = () => sim.control.requests({ path: '/v1/guests/count' });
  // Inside the 5-minute margin: 4 minutes of validity left.
  const intoMargin = () => sim.control.advanceClock(56 * 60_000);

  it('a 429 with Retry-After: 60 inside the margin serves the valid token and waits the full minute', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    intoMargin();
    sim.control.addFault({ path: '/v1/access_token', status: 429, retryAfter: 60 });
    for (let i = 0; i < 20; i++) await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    await Promise.all(Array.from({ length: 100 }, () => sa.guests.count(app.orgId)));
    expect(refreshCalls().map((r) => r.status)).toEqual([429]);
    expect(guestCalls().every((r) => r.status === 200)).toBe(true);
    const status = await sa.tokens.status(app.orgId);
    expect(status).toMatchObject({
      state: 'authorized',
      refreshProblem: 'Webex is rate-limiting token refreshes (429, Retry-After 60 s)',
    });

    sim.control.advanceClock(59_000);
    await sa.guests.count(app.orgId);
    expect(refreshCalls()).toHaveLength(1);
    sim.control.advanceClock(2_000);
    await sa.guests.count(app.orgId);
    expect(refreshCalls()).toHaveLength(2);
    sim.control.clearFaults();
    sim.control.advanceClock(61_000);
    await sa.guests.count(app.orgId);
    expect(refreshCalls().map((r) => r.status)).toEqual([429, 429, 200]);
    expect(await sa.tokens.status(app.orgId)).not.toHaveProperty('refreshProblem');
  });

  it("honours a Retry-After far beyond the HTTP client's 30 s ceiling", async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    intoMargin();
    sim.control.addFault({ path: '/v1/access_token', status: 429, retryAfter: 200 });
    await sa.guests.count(app.orgId);
    sim.control.advanceClock(150_000);
    await sa.guests.count(app.orgId);
    expect(refreshCalls()).toHaveLength(1);
  });

  it('fails requests only once the token has really expired, with the time of the next attempt', async () => {
    const sa = make();
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    intoMargin();
    sim.control.addFault({ path: '/v1/access_token', status: 429, retryAfter: 600 });
    await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
    sim.control.advanceClock(5 * 60_000); // past expiry, inside the 10-minute Retry-After
    const e = await sa.guests.count(app.orgId).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TokenUnavailableError);
    expect((e as TokenUnavailableError).retryAt).toBeGreaterThan(sim.control.now());
    expect((e as Error).message).toMatch(
      /rate-limiting token refreshes \(429, Retry-After 600 s\)/,
    );
    expect(refreshCalls()).toHaveLength(1);
    expect(guestCalls().map((r) => r.status)).toEqual([200]);
  });

  it('5xx inside the margin: the valid token is served and refreshes back off exponentially per org', async () => {
    const sa = make({ http: { random: () => 1 } });
    await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens));
    intoMargin();
    sim.control.addFault({ path: '/v1/access_token', status: 503 });
    const attemptsAt: number[] = [];
    for (let i = 0; i < 40; i++) {
      const before = refreshCalls().length;
      await expect(sa.guests.count(app.orgId)).resolves.toBe(0);
      if (refreshCalls().length > before) attemptsAt.push(i);
      sim.control.advanceClock(1_000);
    }
    // 5 s, 10 s, 20 s between attempts (random = 1: the full ceiling).
    expect(attemptsAt).toEqual([0, 5, 15, 35]);
  });
});
