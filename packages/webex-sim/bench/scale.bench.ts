import { fileURLToPath } from 'node:url';
import { startSim, type Sim } from '../src/index';
import { fmt, median, throughput, type BenchPart } from './measure';

const SIZES = [1_000, 10_000] as const;
const ROUNDS = 7;
const PER_ROUND = 400;
const CONCURRENCY = 8;
/** How far apart the two figures may be (issue 10, Build 8). */
const MAX_DRIFT = 0.2;

interface Filled {
  sim: Sim;
  create: () => Promise<string>;
  remove: (id: string) => Promise<void>;
}

async function filled(existing: number): Promise<Filled> {
  const sim = await startSim({ seed: `scale-${existing}` });
  const token = sim.control.createServiceApp({ licenceLimit: 1_000_000 }).tokens.accessToken;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const start = new Date(sim.control.now() + 3_600_000).toISOString();
  const end = new Date(sim.control.now() + 5_400_000).toISOString();
  const body = JSON.stringify({ title: 'Scale', start, end });
  const create = async () => {
    const res = await fetch(`${sim.url}/v1/meetings`, { method: 'POST', headers, body });
    if (res.status !== 200) throw new Error(`POST /v1/meetings answered ${res.status}`);
    return ((await res.json()) as { id: string }).id;
  };
  const remove = async (id: string) => {
    const res = await fetch(`${sim.url}/v1/meetings/${id}`, { method: 'DELETE', headers });
    await res.arrayBuffer();
    if (res.status !== 204) throw new Error(`DELETE /v1/meetings answered ${res.status}`);
  };
  await throughput(existing, 16, async () => void (await create()));
  return { sim, create, remove };
}

/**
 * Whether meeting creation stays flat as the world fills up: `POST
 * /v1/meetings` throughput with 1,000 and with 10,000 meetings already
 * scheduled by the same app (so any lookup that scanned meetings would
 * show). Both worlds are filled first and then measured in alternating
 * rounds, medians reported, so a busy machine's load drifts over both
 * alike; each round's meetings are deleted after it, so the counts stay
 * at 1,000 and 10,000.
 */
export const scaleBench: BenchPart = async () => {
  const worlds: Filled[] = [];
  try {
    for (const n of SIZES) worlds.push(await filled(n));
    const rates: number[][] = SIZES.map(() => []);
    // A warm-up round each, unmeasured.
    for (let round = -1; round < ROUNDS; round++) {
      for (const [i, w] of worlds.entries()) {
        const ids: string[] = [];
        const rate = await throughput(PER_ROUND, CONCURRENCY, async () => {
          ids.push(await w.create());
        });
        if (round >= 0) rates[i]!.push(rate);
        await throughput(ids.length, CONCURRENCY, (k) => w.remove(ids[k]!));
        globalThis.gc?.();
      }
    }
    const [small, large] = rates.map(median) as [number, number];
    const ratio = large / small;
    return [
      ...SIZES.map(
        (n, i) =>
          `POST /v1/meetings at ${fmt(n)} existing meetings: ${fmt(median(rates[i]!))} req/s (median of ${ROUNDS} rounds of ${fmt(PER_ROUND)}, ${CONCURRENCY} in flight)`,
      ),
      `ratio 10,000 / 1,000: ${ratio.toFixed(2)} (${Math.abs(1 - ratio) <= MAX_DRIFT ? 'within' : 'OUTSIDE'} ${MAX_DRIFT * 100} %)`,
    ];
  } finally {
    for (const w of worlds) await w.sim.close();
  }
};

// `tsx bench/scale.bench.ts` (pnpm bench:scale): this part alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log('# Create throughput as meetings accumulate');
  for (const line of await scaleBench()) console.log(line);
}
