import type { Sealer } from '../crypto';
import { PgStore, type PgStoreOptions } from './pg-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

/**
 * The store a deployment asked for: PostgreSQL when `databaseUrl` is a
 * `postgres://` (or `postgresql://`) URL — any number of replicas on it —
 * else SQLite in `dataDir`, the embedded default for one process.
 */
export async function openStore(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
  sealer: Sealer;
  pg?: PgStoreOptions;
}): Promise<Store> {
  if (options.databaseUrl) return PgStore.open(options.databaseUrl, options.sealer, options.pg);
  return new SqliteStore(options.dataDir, options.sealer);
}

/** Whether a URL names PostgreSQL (the only database URL the backend takes). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
