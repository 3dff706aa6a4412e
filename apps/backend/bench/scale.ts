// Participant-join throughput and latency with 1 and 3 backend replicas
// (separate processes, as deployed), on SQLite and on PostgreSQL, in one run.
// The simulator and the load generator share this process; on a 2-core
// machine they compete with the replicas for the same cores, so the scaling
// ratio is a floor, and says where the work goes rather than what a
// deployment on more cores would get.
import { rmSync } from 'node:fs';
import { startSim } from '@g2g/webex-sim';
import { loadOrCreateDevKeys } from '../src/crypto';
import { startReplicas, type Replica } from '../src/scale/replicas';
import { startPgCluster } from '../src/store/pg-cluster';
import { tempDir } from '../src/testing/harness';

const LATENCY_MS = 20;
const JOINS = 600;
const WARMUP = 60;
const IN_FLIGHT = 32;

export interface ScaleRow {
  store: 'sqlite' | 'postgres';
  replicas: number;
  joinsPerSec: number;
  p50: number;
  p95: number;
}

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function post(url: string, token: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as {
    consultation: { id: string };
    links: { guests: { capability: string }[] };
  };
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** `total` joins, IN_FLIGHT at a time, round-robin over the replicas. */
async function joins(replicas: Replica[], path: string, cap: string, total: number) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        await post(`${replicas[i % replicas.length]!.url}${path}`, cap, {
          displayName: `Guest ${i}`,
        });
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    joinsPerSec: total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

async function one(store: 'sqlite' | 'postgres', n: number, databaseUrl?: string) {
  const sim = await startSim({ seed: `scale-bench-${store}-${n}`, options: { licenceLimit: 1e6 } });
  const dataDir = tempDir('g2g-scale-bench-');
  loadOrCreateDevKeys(dataDir, 1);
  let replicas: Replica[] = [];
  try {
    replicas = await startReplicas(n, {
      mode: 'sim',
      dataDir,
      simUrl: sim.url,
      simOrgs: 1,
      ...(databaseUrl ? { databaseUrl } : {}),
      // SQLite replicas share one file (WAL): measured for comparison, not a supported deployment.
      logLevel: 'silent',
      rateLimit: false,
      guestTokenRateLimit: false,
      webhookRateLimit: false,
    });
    sim.control.addFault({ path: '/v1/*', latencyMs: LATENCY_MS });
    const key = loadOrCreateDevKeys(dataDir, 1).operatorKeys[0]!;
    const made = await post(`${replicas[0]!.url}/api/consultations`, key, { guests: 1 });
    const path = `/api/consultations/${made.consultation.id}/join`;
    const cap = made.links.guests[0]!.capability;
    await joins(replicas, path, cap, WARMUP);
    return { store, replicas: n, ...(await joins(replicas, path, cap, JOINS)) } satisfies ScaleRow;
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    await sim.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function scaleBench(): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  rows.push(await one('sqlite', 1));
  rows.push(await one('sqlite', 3));
  const cluster = await startPgCluster();
  try {
    rows.push(await one('postgres', 1, await cluster.createDatabase()));
    rows.push(await one('postgres', 3, await cluster.createDatabase()));
  } finally {
    cluster.close();
  }
  return rows;
}

export function describeScale(rows: ScaleRow[]): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  const lines = [
    `# participant join across replicas (separate processes; round-robin; ${IN_FLIGHT} in flight; ${JOINS} joins after ${WARMUP} warm-up; every simulator REST call +${LATENCY_MS} ms)`,
    'store     replicas   joins/s       p50       p95',
    ...rows.map(
      (r) =>
        `${r.store.padEnd(9)} ${String(r.replicas).padStart(8)} ${r.joinsPerSec.toFixed(0).padStart(9)} ${ms(r.p50)} ${ms(r.p95)}`,
    ),
  ];
  for (const store of ['sqlite', 'postgres'] as const) {
    const a = rows.find((r) => r.store === store && r.replicas === 1);
    const b = rows.find((r) => r.store === store && r.replicas === 3);
    if (a && b) {
      lines.push(
        `${store}: 3 replicas / 1 replica = ${(b.joinsPerSec / a.joinsPerSec).toFixed(2)}x throughput`,
      );
    }
  }
  return lines.join('\n');
}
