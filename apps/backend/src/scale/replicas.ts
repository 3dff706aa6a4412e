// Starts backend replicas as separate processes (one Node process each, as a
// deployment would), for the scale-out tests and `pnpm bench`.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StartBackendOptions } from '../backend';

const ENTRY = fileURLToPath(new URL('./replica-main.ts', import.meta.url));
const BACKEND_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface Replica {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Sets the clock offset (ms ahead of wall time) the replica judges tokens by. */
  setClockOffset(ms: number): Promise<void>;
  /** SIGKILL: no clean-up, no goodbye (its database session dies with it). */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Options a replica takes (JSON: no functions, no streams). */
export type ReplicaOptions = Omit<
  StartBackendOptions,
  'now' | 'logStream' | 'http' | 'simOptions'
> & {
  http?: { backoffBaseMs?: number; backoffMaxMs?: number };
  /** Log lines go to this file (appended) instead of stdout. */
  logFile?: string;
};

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const child = fork(ENTRY, [], {
    cwd: BACKEND_DIR,
    execArgv: ['--conditions=@g2g/source', '--import', 'tsx'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      G2G_REPLICA_OPTIONS: JSON.stringify({ port: 0, ...options }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`replica exited before it was ready (code ${code})`));
    child.once('exit', onExit);
    child.on('message', (m: { type: string; url?: string; pid?: number }) => {
      if (m.type === 'ready') {
        child.off('exit', onExit);
        resolve({ url: m.url!, pid: m.pid! });
      }
    });
  });
  return {
    ...ready,
    child,
    setClockOffset: (ms) =>
      new Promise((resolve) => {
        const ack = (m: { type: string }) => {
          if (m.type !== 'clock-set') return;
          child.off('message', ack);
          resolve();
        };
        child.on('message', ack);
        child.send({ type: 'clock', offsetMs: ms });
      }),
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

/**
 * Starts `n` replicas on one database: the first alone (it provisions the
 * deployment: migrations, the simulated app, tenants, webhooks), the rest
 * together (they find it done).
 */
export async function startReplicas(n: number, options: ReplicaOptions): Promise<Replica[]> {
  const first = await startReplica(options);
  const rest = await Promise.allSettled(Array.from({ length: n - 1 }, () => startReplica(options)));
  const started = [first, ...rest.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
  const failed = rest.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((r) => r.stop()));
    throw failed.reason;
  }
  return started;
}
