import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sealer } from '../crypto';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { PG_MIGRATIONS, PgStore, migratePg } from './pg-store';
import { storeSuite } from './store-suite';
import { StoreUnavailableError } from './store';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPgCluster();
}, 120_000);
afterAll(() => cluster?.close());

async function dumpAll(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const parts: string[] = [];
    for (const { tablename } of rows) {
      const r = await client.query(`SELECT * FROM "${tablename}"`);
      parts.push(JSON.stringify(r.rows));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

storeSuite('PgStore', {
  async fresh() {
    const url = await cluster.createDatabase();
    return {
      open: (sealer) => PgStore.open(url, sealer),
      dump: () => dumpAll(url),
    };
  },
});

describe('PgStore', () => {
  it('applies migrations once, in order, even when replicas start together', async () => {
    const url = await cluster.createDatabase();
    const pools = Array.from({ length: 3 }, () => new pg.Pool({ connectionString: url }));
    expect(await Promise.all(pools.map((p) => migratePg(p)))).toEqual(
      pools.map(() => PG_MIGRATIONS.length),
    );
    const { rows } = await pools[0]!.query(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows).toEqual(PG_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    await Promise.all(pools.map((p) => p.end()));
  });

  it('lets exactly one of many replicas claim a delivery id', async () => {
    const url = await cluster.createDatabase();
    const sealer = new Sealer(randomBytes(32));
    const stores = await Promise.all([1, 2, 3].map(() => PgStore.open(url, sealer)));
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % 3]!.deliveries.claim('same-delivery', i)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('answers StoreUnavailableError (not a crash) while the database is unreachable', async () => {
    const store = await PgStore.open(await cluster.createDatabase(), new Sealer(randomBytes(32)));
    await store.ping();
    cluster.stop();
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.tokens.load('org-1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.withLock('x', async () => 1)).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      cluster.start();
    }
    await expect
      .poll(() =>
        store.ping().then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await store.close();
  }, 120_000);
});
