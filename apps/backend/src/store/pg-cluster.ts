// A throw-away PostgreSQL cluster for tests, benchmarks and local scale-out:
// Debian's `postgresql` server binaries, `initdb` into a temp directory, one
// server on a free loopback port, deleted on stop. Started as root (CI), the
// server runs as an unprivileged user (PostgreSQL refuses to run as root).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian puts the server binaries (`/usr/lib/postgresql/<major>/bin`), newest first. */
export function findPgBin(): string | undefined {
  if (process.env.G2G_PG_BIN && existsSync(join(process.env.G2G_PG_BIN, 'initdb'))) {
    return process.env.G2G_PG_BIN;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const m of majors) {
    const bin = join(root, m, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

export interface PgCluster {
  /** Connection URL of the `postgres` database, e.g. `postgres://g2g@127.0.0.1:54321/postgres`. */
  url: string;
  port: number;
  /** A fresh, empty database of its own (per test); returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server, keeping the data (an outage); `start` brings it back on the same port. */
  stop(): void;
  start(): void;
  /** Stops the server and deletes the cluster. */
  close(): void;
}

const SUPERUSER = 'g2g';

/** A port nobody listens on now (the kernel's choice). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The user the server runs as: ourselves, or when we are root the
 * `postgres` user the Debian package creates (else `nobody`).
 */
function serverUser(): string | undefined {
  if (userInfo().uid !== 0) return undefined;
  const known = spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status === 0;
  return known ? 'postgres' : 'nobody';
}

function run(user: string | undefined, bin: string, args: string[]): void {
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', bin, ...args]] : [bin, args];
  try {
    execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    const detail = e.stderr?.toString() || e.stdout?.toString() || e.message;
    throw new Error(`${bin.split('/').pop()} failed: ${detail}`, { cause: error });
  }
}

/**
 * Starts a new cluster. Needs the server binaries (`apt-get install
 * postgresql`; `.ci/run` installs them): throws with that advice otherwise.
 * Durability is relaxed (`fsync=off`): the cluster is thrown away.
 */
export async function startPgCluster(
  options: { settings?: Record<string, string> } = {},
): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found: apt-get install postgresql (or set G2G_PG_BIN).',
    );
  }
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'g2g-pg-'));
  const data = join(dir, 'data');
  if (user) execFileSync('chown', [user, dir]);
  run(user, join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    SUPERUSER,
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const settings = {
    listen_addresses: "'127.0.0.1'",
    unix_socket_directories: `'${dir}'`,
    fsync: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    shared_buffers: '32MB',
    log_min_messages: 'warning',
    ...options.settings,
  };
  const conf = Object.entries(settings)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
  writeFileSync(join(data, 'postgresql.auto.conf'), `${conf}\n`);
  if (user) execFileSync('chown', [user, join(data, 'postgresql.auto.conf')]);

  let port = 0;
  const start = () =>
    run(user, join(bin, 'pg_ctl'), [
      'start',
      '-w',
      '-t',
      '60',
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${port}`,
    ]);
  // A port can be taken between choosing and binding it: choose again.
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      start();
      break;
    } catch (error) {
      if (attempt >= 4) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  let running = true;
  const stop = () => {
    if (!running) return;
    run(user, join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', data]);
    running = false;
  };
  const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    url,
    port,
    async createDatabase(name = `g2g_${process.pid}_${++n}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
    },
    stop,
    start: () => {
      if (running) return;
      start();
      running = true;
    },
    close: () => {
      try {
        stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Whether a cluster can be started here (the binaries are installed). */
export function pgAvailable(): boolean {
  return findPgBin() !== undefined;
}
