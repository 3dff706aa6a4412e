// `pnpm --filter @g2g/backend scale`: a local scale-out on one machine —
// PostgreSQL (a throw-away cluster, or G2G_DATABASE_URL), the simulator,
// G2G_REPLICAS backend processes (`main.ts`, configured by the environment
// like any deployment) and a round-robin front on PORT that they register
// their webhooks to. Ctrl-C stops everything and deletes the cluster.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSim } from '@g2g/webex-sim';
import { startFront } from './front';
import { startPgCluster, type PgCluster } from '../store/pg-cluster';

const BACKEND_DIR = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

const count = Number(process.env.G2G_REPLICAS ?? 3);
if (!Number.isInteger(count) || count < 1 || count > 16) {
  console.error('G2G_REPLICAS must be a whole number from 1 to 16.');
  process.exit(1);
}

let cluster: PgCluster | undefined;
let databaseUrl = process.env.G2G_DATABASE_URL;
if (!databaseUrl) {
  cluster = await startPgCluster();
  databaseUrl = await cluster.createDatabase('g2g');
}
const ownDataDir = !process.env.G2G_DATA_DIR;
const dataDir = process.env.G2G_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'g2g-scale-'));
const sim = await startSim({ port: Number(process.env.G2G_SIM_PORT ?? 0) });
const front = await startFront({ port: Number(process.env.PORT ?? 8788) });

/** One replica: `main.ts` with the deployment's environment; resolves with its URL and output. */
function replica(): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = spawn(process.execPath, ['--conditions=@g2g/source', '--import', 'tsx', MAIN], {
    cwd: BACKEND_DIR,
    env: {
      ...process.env,
      G2G_MODE: 'sim',
      G2G_SIM_URL: sim.url,
      G2G_DATABASE_URL: databaseUrl,
      G2G_PUBLIC_URL: front.url,
      G2G_DATA_DIR: dataDir,
      PORT: '0',
      G2G_LOG_LEVEL: process.env.G2G_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let url: string | undefined;
    child.once('exit', (code) => {
      if (!url) reject(new Error(`a replica exited at start (code ${code})`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) url = m[1];
      if (url) lines.push(line);
      if (url && line.startsWith('admin key')) resolve({ child, url, lines });
      else if (!url) console.log(line);
    });
  });
}

const children: ChildProcess[] = [];
const stop = async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) =>
      c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', () => r(undefined))),
    ),
  );
  await front.close();
  await sim.close().catch(() => undefined);
  cluster?.close();
  if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

try {
  // The first sets the deployment up alone (schema, simulated app, tenants, webhooks).
  const first = await replica();
  children.push(first.child);
  const rest = await Promise.all(Array.from({ length: count - 1 }, () => replica()));
  children.push(...rest.map((r) => r.child));
  const all = [first, ...rest];
  front.setTargets(all.map((r) => r.url));
  console.log(`g2g scale-out: ${count} replica(s) behind ${front.url}`);
  console.log(`database: ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`);
  console.log(`simulator: ${sim.url}`);
  for (const r of all) console.log(`replica: ${r.url} (pid ${r.child.pid})`);
  for (const line of first.lines.filter((l) => /key/.test(l))) console.log(line);
} catch (error) {
  console.error(`scale-out failed to start: ${error instanceof Error ? error.message : error}`);
  await stop();
}
