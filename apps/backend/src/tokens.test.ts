import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@g2g/webex-sim';
import {
  leakedSecrets,
  rememberSecrets,
  seen,
  startTestBackend,
  tempDir,
  type TestBackend,
} from './testing/harness';
import { worldOf } from '@g2g/webex-sim/testing/world';

let sim: Sim;

beforeAll(async () => {
  sim = await startSim({ seed: 'backend-tokens', options: { accessTokenTtlSec: 3600 } });
});
afterEach(() => rememberSecrets(sim));
afterAll(async () => {
  rememberSecrets(sim);
  expect(leakedSecrets(sim)).toEqual([]);
  await sim.close();
});

const refreshes = () => sim.control.requests({ path: '/v1/access_token' });

/** Expires every access token the simulator issued to this Service App in its home org. */
function expireAppTokens(clientId: string): void {
  const home = worldOf(sim).identity.app(clientId)!.ownerOrgId;
  for (const tok of [...worldOf(sim).tokens.allAccess()]) {
    if (tok.kind === 'service-app' && tok.appClientId === clientId && tok.orgId === home) {
      sim.control.expireToken(tok.value);
    }
  }
}

async function consultation(t: TestBackend) {
  const res = await t.op('POST', '/api/consultations', { guests: 1 });
  expect(res.status).toBe(201);
  return res.body as {
    consultation: { id: string };
    links: { guests: { capability: string }[] };
  };
}

describe('token refresh through the backend', () => {
  let t: TestBackend;
  beforeAll(async () => {
    sim.control.reset({ accessTokenTtlSec: 3600 });
    t = await startTestBackend(sim, { refreshMarginMs: 5 * 60_000 });
  });
  afterAll(() => t.close());

  it('refreshes ahead of expiry (simulated clock), before any 401', async () => {
    const c = await consultation(t);
    sim.control.clearRequests();
    sim.control.advanceClock(56 * 60_000);
    const j = await t.call('POST', `/api/consultations/${c.consultation.id}/join`, {
      token: c.links.guests[0]!.capability,
      body: { displayName: 'Early' },
    });
    expect(j.status).toBe(200);
    expect(refreshes().map((r) => r.status)).toEqual([200]);
    expect(sim.control.requests({ path: '/v1/guests/token' }).map((r) => r.status)).toEqual([200]);
  });

  it('refreshes on a 401 and retries once', async () => {
    const c = await consultation(t);
    sim.control.clearRequests();
    expireAppTokens(t.backend.simApp!.clientId);
    const j = await t.call('POST', `/api/consultations/${c.consultation.id}/join`, {
      token: c.links.guests[0]!.capability,
      body: { displayName: 'After401' },
    });
    expect(j.status).toBe(200);
    expect(refreshes()).toHaveLength(1);
    expect(sim.control.requests({ path: '/v1/guests/token' }).map((r) => r.status)).toEqual([
      401, 200,
    ]);
  });

  it(
    '1,000 concurrent joins during an expiry produce exactly one refresh call',
    // A thousand joins take seconds on a loaded 2-core machine: a generous bound of its own.
    { timeout: 120_000 },
    async () => {
      const c = await consultation(t);
      sim.control.clearRequests();
      expireAppTokens(t.backend.simApp!.clientId);
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          t.call('POST', `/api/consultations/${c.consultation.id}/join`, {
            token: c.links.guests[0]!.capability,
            body: { displayName: `Guest ${i}` },
          }),
        ),
      );
      expect(results.filter((r) => r.status !== 200)).toEqual([]);
      expect(refreshes()).toHaveLength(1);
      expect(refreshes()[0]!.status).toBe(200);
    },
  );

  const join = (c: Awaited<ReturnType<typeof consultation>>, displayName = 'Guest') =>
    t.call('POST', `/api/consultations/${c.consultation.id}/join`, {
      token: c.links.guests[0]!.capability,
      body: { displayName },
    });

  it('a superseded refresh token is recovered with the client credentials; the org stays authorized', async () => {
    const c = await consultation(t);
    // Someone else rotates the app's refresh token (e.g. a second deployment): ours is superseded.
    const home = worldOf(sim).identity.app(t.backend.simApp!.clientId)!.ownerOrgId;
    for (const rt of [...worldOf(sim).tokens.allRefresh()]) {
      const value = rt.value;
      if (rt.kind === 'service-app' && rt.orgId === home && !rt.supersededAt) {
        await fetch(`${sim.url}/v1/access_token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            client_id: t.backend.simApp!.clientId,
            client_secret: worldOf(sim).identity.app(t.backend.simApp!.clientId)!.clientSecret,
            refresh_token: value,
          }),
        });
      }
    }
    rememberSecrets(sim);
    sim.control.clearRequests();
    expireAppTokens(t.backend.simApp!.clientId);
    expect((await join(c, 'Late')).status).toBe(200);
    expect(refreshes().map((r) => r.status)).toEqual([400]);
    expect(sim.control.requests({ path: '/v1/applications/*/token' }).map((r) => r.status)).toEqual(
      [200],
    );
    expect((await t.op('GET', '/api/tenant')).body.authorization.state).toBe('authorized');
  });

  it('a single 401 from /v1/access_token is recovered, and nothing is parked', async () => {
    const c = await consultation(t);
    sim.control.clearRequests();
    sim.control.addFault({ path: '/v1/access_token', status: 401, count: 1 });
    expireAppTokens(t.backend.simApp!.clientId);
    expect((await join(c)).status).toBe(200);
    expect(refreshes().map((r) => r.status)).toEqual([401]);
    expect((await t.op('GET', '/api/tenant')).body.authorization.state).toBe('authorized');
  });

  it('parks only when the recovery is refused too, and tells the operator why in words', async () => {
    const c = await consultation(t);
    sim.control.clearRequests();
    sim.control.addFault({ path: '/v1/access_token', status: 400, count: 1 });
    sim.control.addFault({ path: '/v1/applications/*/token', status: 403, count: 1 });
    expireAppTokens(t.backend.simApp!.clientId);
    const first = await join(c, 'Late');
    expect(first.status).toBe(503);
    expect(first.body.error).toBe('reauthorization-required');
    expect(first.body.message).toMatch(/re-authorized .* in Control Hub/);
    for (let i = 0; i < 3; i++) expect((await join(c, 'Again')).status).toBe(503);
    expect(refreshes().map((r) => r.status)).toEqual([400]);
    const status = (await t.op('GET', '/api/tenant')).body.authorization;
    expect(status.state).toBe('reauthorization-required');
    expect(status.reason).toMatch(
      /^Webex refused the refresh token \(400.*\), and retrieving new tokens with the client credentials was refused too: the Service App is no longer authorized in this org \(403\)$/,
    );
    // Re-authorization brings it back.
    sim.control.authorize(t.backend.simApp!.clientId);
    await sim.control.webhooksIdle();
    expect((await join(c)).status).toBe(200);
  });

  it('429 with Retry-After: 60 inside the margin: every join succeeds on the valid token, one refresh per minute', async () => {
    const c = await consultation(t);
    sim.control.clearRequests();
    sim.control.advanceClock(56 * 60_000); // 4 minutes of validity left, inside the 5-minute margin
    sim.control.addFault({ path: '/v1/access_token', status: 429, retryAfter: 60 });
    try {
      for (let i = 0; i < 30; i++) expect((await join(c, `G${i}`)).status).toBe(200);
      expect(refreshes().map((r) => r.status)).toEqual([429]);
      const status = (await t.op('GET', '/api/tenant')).body.authorization;
      expect(status).toMatchObject({
        state: 'authorized',
        refreshProblem: 'Webex is rate-limiting token refreshes (429, Retry-After 60 s)',
        refreshRetryAt: expect.any(String),
      });
      sim.control.advanceClock(61_000);
      expect((await join(c)).status).toBe(200);
      expect(refreshes()).toHaveLength(2);
      // Once the token has really expired, joins fail clearly, with a Retry-After.
      sim.control.advanceClock(4 * 60_000);
      const expired = await join(c);
      expect(expired.status).toBe(503);
      expect(expired.body.error).toBe('token-unavailable');
      expect(Number(expired.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      sim.control.clearFaults();
    }
  });
});

// A real process, killed for real (SIGKILL), restarted on the same data directory.
const backendDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

interface Child {
  proc: ChildProcess;
  url: string;
  operatorKey: string;
}

function spawnBackend(dataDir: string): Promise<Child> {
  // One node process (tsx as a loader, not its CLI, which would fork a child SIGKILL misses).
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@g2g/source', 'src/main.ts'],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        G2G_MODE: 'sim',
        G2G_SIM_URL: sim.url,
        G2G_DATA_DIR: dataDir,
        PORT: '0',
        G2G_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return new Promise((resolve, reject) => {
    let url = '';
    let buffered = '';
    const onLine = (line: string) => {
      seen.logs.push(line);
      const listening = /listening on (http:\/\/\S+)/.exec(line);
      if (listening) url = listening[1]!;
      const key = /^operator key: (\S+)/.exec(line);
      if (key && url) resolve({ proc, url, operatorKey: key[1]! });
    };
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      lines.forEach(onLine);
    });
    proc.stderr!.on('data', (chunk: Buffer) => seen.logs.push(chunk.toString('utf8')));
    proc.once('exit', (code) => reject(new Error(`backend exited with ${code}`)));
  });
}

function kill(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.proc.once('exit', () => resolve());
    child.proc.kill('SIGKILL');
  });
}

async function call(child: Child, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${child.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  seen.responses.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

describe('a backend killed and restarted mid-run', () => {
  it(
    'loses no token and never reuses a superseded refresh token',
    // Three backend processes start one after the other: minutes on a loaded 2-core machine.
    { timeout: 180_000 },
    async () => {
      sim.control.reset({ accessTokenTtlSec: 3600 });
      const dataDir = tempDir();
      try {
        const a = await spawnBackend(dataDir);
        const created = await call(a, 'POST', '/api/consultations', a.operatorKey, { guests: 1 });
        expect(created.status).toBe(201);
        const id = created.body.consultation.id as string;
        const cap = created.body.links.guests[0].capability as string;
        const clientId = [...worldOf(sim).identity.allApps()][0]!.clientId;

        // 1. A refreshes (rotating the refresh token), then dies.
        expireAppTokens(clientId);
        expect(
          (await call(a, 'POST', `/api/consultations/${id}/join`, cap, { displayName: 'A' }))
            .status,
        ).toBe(200);
        expect(refreshes()).toHaveLength(1);
        rememberSecrets(sim);
        await kill(a);

        // 2. B starts on the same data: the rotated tokens are there, nothing to refresh.
        const b = await spawnBackend(dataDir);
        expect(b.operatorKey).toBe(a.operatorKey);
        expect((await call(b, 'GET', `/api/consultations/${id}`, b.operatorKey)).status).toBe(200);
        expect(
          (await call(b, 'POST', `/api/consultations/${id}/join`, cap, { displayName: 'B' }))
            .status,
        ).toBe(200);
        expect(refreshes()).toHaveLength(1);

        // 3. B dies while its refresh is in flight: Webex rotates, B never learns the new token.
        sim.control.addFault({ path: '/v1/access_token', latencyMs: 1500, count: 1 });
        expireAppTokens(clientId);
        const pending = call(b, 'POST', `/api/consultations/${id}/join`, cap, {
          displayName: 'B2',
        }).catch(() => undefined);
        await until(() => sim.control.listFaults().length === 0);
        await kill(b);
        await pending;
        await until(() => refreshes().length === 2);
        rememberSecrets(sim);

        // 4. C recovers with client credentials instead of replaying the superseded refresh token.
        const c = await spawnBackend(dataDir);
        const joined = await call(c, 'POST', `/api/consultations/${id}/join`, cap, {
          displayName: 'C',
        });
        expect(joined.status).toBe(200);
        expect(refreshes().map((r) => r.status)).toEqual([200, 200]);
        expect(
          sim.control.requests({ path: '/v1/applications/*/token' }).map((r) => r.status),
        ).toEqual([200]);
        const status = await call(c, 'GET', '/api/tenant', c.operatorKey);
        expect(status.body.authorization.state).toBe('authorized');
        rememberSecrets(sim);
        await kill(c);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
