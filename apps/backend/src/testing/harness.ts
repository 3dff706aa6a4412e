// Test harness for the backend: a real simulator, the real backend, real HTTP
// on loopback. Every response body and log line is kept for the secrets scan.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  httpCaller,
  joinOverHttp,
  startSim,
  type HttpCallOptions,
  type HttpCallResponse,
  type Sim,
  type StartSimOptions,
} from '@g2g/webex-sim';
import { startBackend, type Backend, type StartBackendOptions } from '../backend';
import { worldOf } from '@g2g/webex-sim/testing/world';

/** Everything the test run saw: response bodies and log lines, across backends. */
export const seen: { responses: string[]; logs: string[] } = { responses: [], logs: [] };

export type Api = HttpCallResponse;

export interface TestBackend {
  backend: Backend;
  dataDir: string;
  /** `call('POST', '/api/consultations', {body, token})`; `token` is sent as a bearer. */
  call(method: string, path: string, opts?: HttpCallOptions): Promise<Api>;
  /** Operator call with the first simulated org's operator key. */
  op(method: string, path: string, body?: unknown): Promise<Api>;
  /** Operator call as the operator of simulated org `index` (0 = the first). */
  opOf(index: number, method: string, path: string, body?: unknown): Promise<Api>;
  /** Admin call (with the admin key). */
  admin(method: string, path: string, body?: unknown): Promise<Api>;
  logs: string[];
  devKeys(): {
    encryptionKey: string;
    adminKey: string;
    webhookSecret: string;
    operatorKeys: string[];
  };
  close(): Promise<void>;
}

export function tempDir(prefix = 'g2g-backend-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts the backend against `sim` (over HTTP), logs captured, clock = the simulator's. */
export async function startTestBackend(
  sim: Sim,
  extra: Partial<StartBackendOptions> = {},
): Promise<TestBackend> {
  const dataDir = extra.dataDir ?? tempDir();
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line) {
          logs.push(line);
          seen.logs.push(line);
        }
      }
      done();
    },
  });
  const backend = await startBackend({
    mode: 'sim',
    port: 0,
    dataDir,
    simUrl: sim.url,
    now: () => sim.control.now(),
    logLevel: 'info',
    logStream,
    rateLimit: false,
    guestTokenRateLimit: false,
    webhookRateLimit: false,
    // Lock-outs have their own tests; elsewhere a refused credential is just a 401.
    authFailureLimit: false,
    // Slow-client bounds have their own test; a loaded CI machine must not trip them elsewhere.
    timeouts: { headersMs: 60_000, requestMs: 120_000, idleMs: 120_000, keepAliveMs: 72_000 },
    http: { backoffBaseMs: 5, backoffMaxMs: 20 },
    ...extra,
  });
  await sim.control.webhooksIdle();
  const send = httpCaller(backend.url);
  const call: TestBackend['call'] = async (method, path, opts) => {
    const res = await send(method, path, opts);
    seen.responses.push(res.text);
    return res;
  };
  return {
    backend,
    dataDir,
    call,
    op: (method, path, body) => call(method, path, { body, token: backend.operatorKey! }),
    opOf: (index, method, path, body) =>
      call(method, path, { body, token: backend.operatorKeys[index]!.key }),
    admin: (method, path, body) => call(method, path, { body, token: backend.adminKey }),
    logs,
    devKeys: () => JSON.parse(readFileSync(join(dataDir, 'dev-keys.json'), 'utf8')),
    async close() {
      await backend.close();
      if (!extra.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Every Service App secret the simulator ever issued: access and refresh
 * tokens (current and superseded) and client secrets. Read from the
 * simulator's world, white-box, so nothing can hide.
 */
const everSeenSecrets = new Set<string>();

export function serviceAppSecrets(sim: Sim): string[] {
  const secrets = everSeenSecrets;
  const world = worldOf(sim);
  for (const t of world.tokens.allAccess()) if (t.kind === 'service-app') secrets.add(t.value);
  for (const t of world.tokens.allRefresh()) if (t.kind === 'service-app') secrets.add(t.value);
  for (const app of world.identity.allApps()) secrets.add(app.clientSecret);
  return [...secrets];
}

/** Records the simulator's current secrets (call before anything deletes or resets them). */
export function rememberSecrets(sim: Sim): void {
  serviceAppSecrets(sim);
}

/** Secrets of `sim` found in anything the run saw (should be none). */
export function leakedSecrets(sim: Sim): string[] {
  const secrets = serviceAppSecrets(sim);
  const haystacks = [...seen.responses, ...seen.logs];
  return secrets.filter((s) => haystacks.some((h) => h.includes(s)));
}

/**
 * The backend's own keys found where they must never be: the admin and
 * operator keys in any log line (responses may carry an operator key once,
 * when the admin issues it), the webhook secret and the encryption key in
 * any log line or response.
 */
export function leakedKeys(t: TestBackend): string[] {
  const keys = t.devKeys();
  const logs = seen.logs;
  const everywhere = [...seen.logs, ...seen.responses];
  return [
    ...[keys.adminKey, ...keys.operatorKeys].filter((k) => logs.some((l) => l.includes(k))),
    ...[keys.webhookSecret, keys.encryptionKey].filter((k) =>
      everywhere.some((h) => h.includes(k)),
    ),
  ];
}

/**
 * One simulator and one backend for the whole test file, read through the
 * returned object once `beforeAll` has run. Secrets are remembered after
 * every test (before anything resets them), and the file fails at the end
 * if a Service App secret appeared in any response or log line, or one of
 * the backend's own keys where it must not ({@link leakedKeys}).
 */
export function backendPerFile(
  simOptions: StartSimOptions,
  backendOptions: Partial<StartBackendOptions> = {},
): { readonly sim: Sim; readonly t: TestBackend } {
  const env = {} as { sim: Sim; t: TestBackend };
  beforeAll(async () => {
    // Every answer the backend reads is held to the shared REST schemas.
    env.sim = await startSim({ validateResponses: true, ...simOptions });
    env.t = await startTestBackend(env.sim, backendOptions);
  });
  afterEach(() => rememberSecrets(env.sim));
  afterAll(async () => {
    rememberSecrets(env.sim);
    const keys = env.t ? leakedKeys(env.t) : [];
    await env.t?.close();
    expect(leakedSecrets(env.sim)).toEqual([]);
    expect(keys).toEqual([]);
    await env.sim.close();
  });
  return env;
}

/** Whole-minute ISO time `minutes` from the simulator's now. */
export function simMinutes(sim: Sim, minutes: number): string {
  const t = Math.ceil(sim.control.now() / 60_000) * 60_000 + minutes * 60_000;
  return new Date(t).toISOString();
}

/**
 * Joins through the simulator's SDK face as the browser SDK would
 * (device → meetingInfo → Locus participant), so the meeting goes
 * `inProgress` and `meetings:started` fires, without a browser.
 */
export async function joinThroughLocus(
  sim: Sim,
  join: { accessToken: string; destination: { value: string }; password?: string },
  alias = 'Guest',
): Promise<void> {
  await joinOverHttp({
    url: sim.url,
    token: join.accessToken,
    meetingNumber: join.destination.value,
    ...(join.password ? { password: join.password } : {}),
    alias,
    listen: false,
  });
}
