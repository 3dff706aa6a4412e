// `pnpm bench` (apps/backend): with 20 ms added to every simulator REST call,
// prints the sequential Webex calls on the critical path of "create
// consultation" and "participant join", their p50/p95 latency, and
// requests per second on loopback; then the refresh storm (refresh calls per
// minute under a persistent 429 with Retry-After: 60, bench/refresh-storm.ts).
// Client, backend and simulator share one process, so the figures are a
// floor on this machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CallRecord } from '@g2g/service-app';
import { startSim } from '@g2g/webex-sim';
import { startBackend } from '../src/backend';
import { describeStorm, refreshStorm } from './refresh-storm';
import { describeScale, scaleBench } from './scale';

const LATENCY_MS = 20;
const CREATES = 60;
const JOINS = 600;
const CONCURRENCY = 16;

/** Longest chain of calls where each starts after the previous one ended. */
function sequentialDepth(calls: CallRecord[]): number {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const depth: number[] = [];
  sorted.forEach((c, i) => {
    let best = 0;
    for (let j = 0; j < i; j++)
      if (sorted[j]!.endedAt <= c.startedAt) best = Math.max(best, depth[j]!);
    depth.push(best + 1);
  });
  return Math.max(0, ...depth);
}

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const sim = await startSim({ seed: 'backend-bench', options: { licenceLimit: 1_000_000 } });
const dataDir = mkdtempSync(join(tmpdir(), 'g2g-bench-'));
let calls: CallRecord[] = [];
const backend = await startBackend({
  mode: 'sim',
  port: 0,
  dataDir,
  simUrl: sim.url,
  rateLimit: false,
  guestTokenRateLimit: false,
  logLevel: 'warn',
  logStream: new Writable({ write: (_c, _e, done) => done() }),
  http: { onCall: (c) => calls.push(c) },
});
sim.control.addFault({ path: '/v1/*', latencyMs: LATENCY_MS });

async function post(path: string, token: string, body: unknown) {
  const t0 = performance.now();
  const res = await fetch(`${backend.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as {
    consultation: { id: string };
    links: { guests: { capability: string }[] };
  };
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return { json, ms: performance.now() - t0 };
}

async function measure<T>(
  label: string,
  n: number,
  once: (i: number) => Promise<{ ms: number; calls: CallRecord[] } & T>,
) {
  const latencies: number[] = [];
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const r = await once(i);
    latencies.push(r.ms);
    depth = Math.max(depth, sequentialDepth(r.calls));
  }
  return { label, depth, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

async function throughput(total: number, once: (i: number) => Promise<unknown>) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await once(next++);
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

try {
  const key = backend.operatorKey!;
  const createOnce = async () => {
    calls = [];
    const r = await post('/api/consultations', key, { guests: 1 });
    return { ms: r.ms, calls, json: r.json };
  };
  await createOnce(); // warm-up
  const create = await measure('create consultation', CREATES, createOnce);
  const { json: made } = await createOnce();
  const cap = made.links.guests[0]!.capability as string;
  const path = `/api/consultations/${made.consultation.id}/join`;
  const joinOnce = async (i: number) => {
    calls = [];
    const r = await post(path, cap, { displayName: `Guest ${i}` });
    return { ms: r.ms, calls };
  };
  await joinOnce(0);
  const joinStats = await measure('participant join', JOINS / 4, joinOnce);
  const createRps = await throughput(CREATES, () => post('/api/consultations', key, { guests: 1 }));
  const joinRps = await throughput(JOINS, (i) => post(path, cap, { displayName: `Guest ${i}` }));

  console.log(
    `# backend (every simulator REST call +${LATENCY_MS} ms, loopback, ${CONCURRENCY} in flight for req/s)`,
  );
  for (const s of [create, joinStats]) {
    console.log(
      `${s.label}: ${s.depth} sequential Webex call(s) on the critical path (target 1); p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`,
    );
  }
  console.log(`create consultation: ${createRps.toFixed(0)} req/s`);
  console.log(`participant join: ${joinRps.toFixed(0)} req/s`);
} finally {
  await backend.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(describeStorm(await refreshStorm({ clock: 'wall' })));
console.log(describeStorm(await refreshStorm({ clock: 'simulated' })));
console.log(
  '(on main at 81826a9, before this fix: 362 refresh calls in 10 s wall clock, every join failed)',
);
console.log(describeScale(await scaleBench()));
