import { startSim, type Sim } from '../src/index';
import { fmt, median, throughput, type BenchPart } from './measure';

const COLD_STARTS = 9;
const REQUESTS = 2_000;
const WARMUP = 200;
const CONCURRENCY = 8;

/**
 * A fresh Node process, from spawn to the first answered request: module
 * loading (through tsx, so TypeScript transpilation is included) + listen.
 */
async function processColdStart(): Promise<number> {
  const { spawn } = await import('node:child_process');
  const script = `const t=performance.now();const {startSim}=await import(${JSON.stringify(new URL('../src/index.ts', import.meta.url).pathname)});const s=await startSim();await fetch(s.url+'/region');console.log(performance.now()-t);await s.close();`;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=@g2g/source', '--input-type=module', '-e', script],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
    });
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function coldStart(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const t0 = performance.now();
    const sim = await startSim();
    times.push(performance.now() - t0);
    await sim.close();
  }
  return median(times);
}

async function post(sim: Sim, path: string, token: string, body: unknown): Promise<void> {
  const res = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
}

/** Cold start of `startSim()` and loopback throughput of the two busiest REST calls. */
export const restBench: BenchPart = async () => {
  const lines = [
    `cold start, new process to first answer (incl. Node + tsx): ${fmt(await processColdStart())} ms (median of 5)`,
    `startSim() in a warm process: ${fmt(await coldStart(), 2)} ms (median of ${COLD_STARTS})`,
  ];
  const sim = await startSim({ seed: 'bench' });
  try {
    const token = sim.control.createServiceApp().tokens!.accessToken;
    const start = new Date(sim.control.now() + 3_600_000).toISOString();
    const end = new Date(sim.control.now() + 5_400_000).toISOString();
    const meeting = () => post(sim, '/v1/meetings', token, { title: 'Bench', start, end });
    const guest = (i: number) =>
      post(sim, '/v1/guests/token', token, { subject: `bench-${i}`, displayName: `Guest ${i}` });

    for (const [label, once] of [
      ['POST /v1/meetings', meeting],
      ['POST /v1/guests/token', guest],
    ] as const) {
      await throughput(WARMUP, CONCURRENCY, (i) => once(REQUESTS + i));
      const rate = await throughput(REQUESTS, CONCURRENCY, once);
      lines.push(
        `${label}: ${fmt(rate)} req/s (${fmt(REQUESTS)} requests, ${CONCURRENCY} in flight)`,
      );
    }
  } finally {
    await sim.close();
  }
  return lines;
};
