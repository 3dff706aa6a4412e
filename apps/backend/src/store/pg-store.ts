import pg from 'pg';
import type { MeterStore, RunningMeeting, StoredTokens, TokenStore } from '@g2g/service-app';
import type { Sealer } from '../crypto';
import type {
  ConsultationRecord,
  ConsultationSecrets,
  ConsultationStore,
  OperatorKeyRecord,
  OperatorKeyStore,
  PersistentDeliveryLog,
  Store,
  TenantRecord,
  TenantStore,
  WindowCounters,
} from './store';
import { StoreUnavailableError } from './store';

/**
 * Schema changes, applied in order, each once, in one transaction each
 * (PostgreSQL's DDL is transactional). Never edit a shipped entry: append.
 * Times are epoch ms in BIGINT; records are JSON text, secrets sealed.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `CREATE TABLE tokens (
     org_id TEXT PRIMARY KEY,
     sealed TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE consultations (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     meeting_id TEXT,
     created_at BIGINT NOT NULL,
     state TEXT NOT NULL,
     data TEXT NOT NULL,
     sealed_secrets TEXT NOT NULL
   );
   CREATE INDEX consultations_org ON consultations (org_id, created_at DESC);
   CREATE INDEX consultations_meeting ON consultations (org_id, meeting_id);
   CREATE TABLE meta (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     sealed BOOLEAN NOT NULL DEFAULT FALSE
   );
   CREATE TABLE tenants (
     org_id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     data TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE operator_keys (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX operator_keys_org ON operator_keys (org_id);
   CREATE TABLE webhook_deliveries (
     id TEXT PRIMARY KEY,
     received_at BIGINT NOT NULL
   );
   CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
   CREATE TABLE meter_running (
     site_url TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     started_at BIGINT NOT NULL,
     PRIMARY KEY (site_url, meeting_id)
   )`,
  // Fixed-window counters shared by every replica: rate limits and auth-failure lock-outs.
  `CREATE TABLE attempt_windows (
     key TEXT PRIMARY KEY,
     window_start BIGINT NOT NULL,
     count INTEGER NOT NULL
   )`,
];

/** Advisory-lock namespaces (the first key of the two-key form). */
const LOCK_NS = { migrate: 7201, named: 7202 } as const;

/** Connection-level failures: the database is unreachable, not the query wrong. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(
      code,
    ) ||
    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 08xxx connection exceptions.
    /^(57P0[123]|08...)$/.test(code) ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
      message,
    )
  );
}

/** Applies pending migrations under an advisory lock (replicas may start together). */
export async function migratePg(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_NS.migrate]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT MAX(version) AS v FROM schema_migrations',
    );
    let version = rows[0]?.v ?? 0;
    for (let i = version; i < PG_MIGRATIONS.length; i++) {
      await client.query(PG_MIGRATIONS[i]!);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        i + 1,
        Date.now(),
      ]);
      version = i + 1;
    }
    await client.query('COMMIT');
    return version;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

interface ConsultationRow {
  id: string;
  data: string;
  sealed_secrets: string;
}

export interface PgStoreOptions {
  /** Connections per replica; default 10. */
  poolSize?: number;
  /**
   * How long a query waits for a pooled connection (busy pool, slow connect);
   * default 30 s. A database that is down refuses at once, whatever this is.
   */
  connectTimeoutMs?: number;
  /** Statement bound; default 15 s. */
  statementTimeoutMs?: number;
  /** How long a replica waits for another's lock (a refresh) before giving up; default 60 s. */
  lockTimeoutMs?: number;
}

/**
 * The PostgreSQL {@link Store}, for several replicas on one database
 * (`G2G_DATABASE_URL=postgres://…`). Same records and sealing as SQLite;
 * what SQLite gets from being one process, this gets from the database:
 * unique constraints for de-duplication and meter rows, row locks for
 * read-modify-write, transaction-scoped advisory locks for one-at-a-time
 * work across replicas ({@link PgStore.withLock}). A lost connection
 * surfaces as {@link StoreUnavailableError} (503), never as a 500.
 */
export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly tokens: TokenStore;
  readonly deliveries: PersistentDeliveryLog;
  readonly meter: MeterStore;
  readonly tenants: TenantStore;
  readonly operatorKeys: OperatorKeyStore;
  readonly consultations: ConsultationStore;
  readonly counters: WindowCounters;
  readonly pool: pg.Pool;
  private readonly lockTimeoutMs: number;

  private constructor(
    pool: pg.Pool,
    private readonly sealer: Sealer,
    options: PgStoreOptions,
    private readonly url: string,
  ) {
    this.pool = pool;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 60_000;
    this.tokens = this.tokenStore();
    this.deliveries = this.deliveryLog();
    this.meter = this.meterStore();
    this.tenants = this.tenantStore();
    this.operatorKeys = this.operatorKeyStore();
    this.consultations = this.consultationStore();
    this.counters = this.windowCounters();
  }

  /** Connects, migrates, and returns the store. */
  static async open(url: string, sealer: Sealer, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 30_000,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      idleTimeoutMillis: 30_000,
      application_name: `g2g-backend:${process.pid}`,
    });
    // An idle connection the server dropped (restart, outage) must not crash the process.
    pool.on('error', () => undefined);
    const store = new PgStore(pool, sealer, options, url);
    try {
      await migratePg(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  /** One query; a lost database is {@link StoreUnavailableError}. */
  async q<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw wrap(error);
    }
  }

  /**
   * Asks the server itself, on a connection of its own: a pool busy with a
   * burst of requests is not a database that is down.
   */
  async ping(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 5_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw new StoreUnavailableError(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Runs `fn` while holding the deployment-wide lock `name` (a
   * transaction-scoped advisory lock on a connection of its own, released by
   * commit — or by the server when this process dies). `fn`'s own queries
   * go through the pool and commit on their own: a marker written inside
   * (a refresh started) stays written even if the lock holder is killed.
   */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.checkout();
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = ${Math.round(this.lockTimeoutMs)}`);
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NS.named, name]);
    } catch (error) {
      broken = isConnectionError(error);
      await client.query('ROLLBACK').catch(() => undefined);
      this.checkin(client, broken);
      throw wrap(error);
    }
    try {
      return await fn();
    } finally {
      await client.query('COMMIT').catch(() => {
        broken = true;
      });
      this.checkin(client, broken);
    }
  }

  /**
   * A pooled connection held across awaits: the server dropping it while no
   * query runs emits 'error' on it, which must not crash the process.
   */
  private async checkout(): Promise<pg.PoolClient> {
    try {
      const client = await this.pool.connect();
      client.on('error', ignore);
      return client;
    } catch (error) {
      throw wrap(error);
    }
  }

  private checkin(client: pg.PoolClient, broken: boolean): void {
    client.off('error', ignore);
    client.release(broken);
  }

  async getMeta(key: string, options: { secret?: boolean } = {}): Promise<string | undefined> {
    const { rows } = await this.q<{ value: string; sealed: boolean }>(
      'SELECT value, sealed FROM meta WHERE key = $1',
      [key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.sealed || options.secret) return this.sealer.open(row.value, `meta:${key}`);
    return row.value;
  }

  async setMeta(key: string, value: string, options: { secret?: boolean } = {}): Promise<void> {
    await this.q(
      `INSERT INTO meta (key, value, sealed) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, sealed = excluded.sealed`,
      [key, options.secret ? this.sealer.seal(value, `meta:${key}`) : value, !!options.secret],
    );
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => undefined);
  }

  private consultationStore(): ConsultationStore {
    const columns = 'SELECT id, data, sealed_secrets FROM consultations';
    const read = (row: ConsultationRow | undefined) => (row ? this.consultation(row) : undefined);
    const putSql = `INSERT INTO consultations (id, org_id, created_at, state, data, sealed_secrets, meeting_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, data = excluded.data,
         sealed_secrets = excluded.sealed_secrets, meeting_id = excluded.meeting_id`;
    const putArgs = (c: ConsultationRecord) => {
      const { secrets, ...data } = c;
      return [
        c.id,
        c.orgId,
        c.createdAt,
        c.state.kind,
        JSON.stringify(data),
        this.sealer.seal(JSON.stringify(secrets), `consultation:${c.id}`),
        c.meetingId,
      ];
    };
    return {
      put: async (c) => {
        await this.q(putSql, putArgs(c));
      },
      get: async (orgId, id) =>
        read(
          (await this.q<ConsultationRow>(`${columns} WHERE org_id = $1 AND id = $2`, [orgId, id]))
            .rows[0],
        ),
      find: async (id) =>
        read((await this.q<ConsultationRow>(`${columns} WHERE id = $1`, [id])).rows[0]),
      findByMeeting: async (orgId, meetingId) =>
        read(
          (
            await this.q<ConsultationRow>(
              `${columns} WHERE org_id = $1 AND meeting_id = $2 ORDER BY created_at DESC LIMIT 1`,
              [orgId, meetingId],
            )
          ).rows[0],
        ),
      list: async (orgId, options = {}) =>
        (
          await this.q<ConsultationRow>(
            `${columns} WHERE org_id = $1 AND ($2 OR state <> 'deleted')
             ORDER BY created_at DESC LIMIT $3`,
            [orgId, !!options.includeDeleted, options.limit ?? 100],
          )
        ).rows.map((r) => this.consultation(r)),
      // A row lock, so concurrent webhooks on different replicas apply one after the other.
      update: async (orgId, id, change) =>
        this.transaction(async (client) => {
          const { rows } = await client.query<ConsultationRow>(
            `${columns} WHERE org_id = $1 AND id = $2 FOR UPDATE`,
            [orgId, id],
          );
          const current = read(rows[0]);
          if (!current) return undefined;
          const next = change(current);
          if (next) await client.query(putSql, putArgs(next));
          return next ?? current;
        }),
    };
  }

  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.checkout();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = isConnectionError(error);
      await client.query('ROLLBACK').catch(() => undefined);
      throw wrap(error);
    } finally {
      this.checkin(client, broken);
    }
  }

  private consultation(row: ConsultationRow): ConsultationRecord {
    const data = JSON.parse(row.data) as Omit<ConsultationRecord, 'secrets'>;
    const secrets = JSON.parse(
      this.sealer.open(row.sealed_secrets, `consultation:${row.id}`),
    ) as ConsultationSecrets;
    const live = data.live ?? { state: 'scheduled', participants: [], updatedAt: data.createdAt };
    return { ...data, live, secrets };
  }

  private tenantStore(): TenantStore {
    return {
      get: async (orgId) => {
        const r = (
          await this.q<{ data: string }>('SELECT data FROM tenants WHERE org_id = $1', [orgId])
        ).rows[0];
        return r ? (JSON.parse(r.data) as TenantRecord) : undefined;
      },
      list: async () =>
        (
          await this.q<{ data: string }>('SELECT data FROM tenants ORDER BY updated_at DESC')
        ).rows.map((r) => JSON.parse(r.data) as TenantRecord),
      put: async (t) => {
        await this.q(
          `INSERT INTO tenants (org_id, status, data, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (org_id) DO UPDATE SET status = excluded.status, data = excluded.data,
             updated_at = excluded.updated_at`,
          [t.orgId, t.status, JSON.stringify(t), t.updatedAt],
        );
      },
    };
  }

  private operatorKeyStore(): OperatorKeyStore {
    const parse = (r: { data: string } | undefined) =>
      r ? (JSON.parse(r.data) as OperatorKeyRecord) : undefined;
    return {
      get: async (id) =>
        parse(
          (await this.q<{ data: string }>('SELECT data FROM operator_keys WHERE id = $1', [id]))
            .rows[0],
        ),
      listFor: async (orgId) =>
        (
          await this.q<{ data: string }>('SELECT data FROM operator_keys WHERE org_id = $1', [
            orgId,
          ])
        ).rows.map((r) => parse(r)!),
      put: async (k) => {
        await this.q(
          `INSERT INTO operator_keys (id, org_id, data) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET org_id = excluded.org_id, data = excluded.data`,
          [k.id, k.orgId, JSON.stringify(k)],
        );
      },
    };
  }

  private deliveryLog(): PersistentDeliveryLog {
    return {
      // The primary key decides between replicas: exactly one insert of an id wins.
      claim: async (id, receivedAt) =>
        (
          await this.q(
            'INSERT INTO webhook_deliveries (id, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
            [id, receivedAt],
          )
        ).rowCount === 1,
      release: async (id) => {
        await this.q('DELETE FROM webhook_deliveries WHERE id = $1', [id]);
      },
      prune: async (before) =>
        (await this.q('DELETE FROM webhook_deliveries WHERE received_at < $1', [before]))
          .rowCount ?? 0,
    };
  }

  private meterStore(): MeterStore {
    return {
      add: async (site, m: RunningMeeting) =>
        (
          await this.q(
            `INSERT INTO meter_running (site_url, meeting_id, started_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING`,
            [site, m.meetingId, m.startedAt],
          )
        ).rowCount === 1,
      remove: async (site, meetingId) =>
        (
          await this.q('DELETE FROM meter_running WHERE site_url = $1 AND meeting_id = $2', [
            site,
            meetingId,
          ])
        ).rowCount === 1,
      list: async (site) =>
        (
          await this.q<{ meeting_id: string; started_at: string }>(
            'SELECT meeting_id, started_at FROM meter_running WHERE site_url = $1',
            [site],
          )
        ).rows.map((r) => ({ meetingId: r.meeting_id, startedAt: Number(r.started_at) })),
    };
  }

  private windowCounters(): WindowCounters {
    type Row = { count: number; window_start: string };
    return {
      // One statement: the row lock of the upsert orders concurrent hits from every replica.
      hit: async (key, windowMs, now) => {
        const { rows } = await this.q<Row>(
          `INSERT INTO attempt_windows (key, window_start, count) VALUES ($1, $2, 1)
           ON CONFLICT (key) DO UPDATE SET
             window_start = CASE WHEN attempt_windows.window_start + $3 <= $2
               THEN $2 ELSE attempt_windows.window_start END,
             count = CASE WHEN attempt_windows.window_start + $3 <= $2
               THEN 1 ELSE attempt_windows.count + 1 END
           RETURNING count, window_start`,
          [key, now, windowMs],
        );
        return { count: rows[0]!.count, start: Number(rows[0]!.window_start) };
      },
      peek: async (key, windowMs, now) => {
        const r = (
          await this.q<Row>('SELECT count, window_start FROM attempt_windows WHERE key = $1', [key])
        ).rows[0];
        if (!r || Number(r.window_start) + windowMs <= now) return undefined;
        return { count: r.count, start: Number(r.window_start) };
      },
      prune: async (before) =>
        (await this.q('DELETE FROM attempt_windows WHERE window_start < $1', [before])).rowCount ??
        0,
    };
  }

  private tokenStore(): TokenStore {
    const aad = (orgId: string) => `tokens:${orgId}`;
    const open = (r: { org_id: string; sealed: string }) =>
      JSON.parse(this.sealer.open(r.sealed, aad(r.org_id))) as StoredTokens;
    return {
      load: async (orgId) => {
        const r = (
          await this.q<{ org_id: string; sealed: string }>(
            'SELECT org_id, sealed FROM tokens WHERE org_id = $1',
            [orgId],
          )
        ).rows[0];
        return r ? open(r) : undefined;
      },
      save: async (t) => {
        await this.q(
          `INSERT INTO tokens (org_id, sealed, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (org_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
          [t.orgId, this.sealer.seal(JSON.stringify(t), aad(t.orgId)), Date.now()],
        );
      },
      delete: async (orgId) => {
        await this.q('DELETE FROM tokens WHERE org_id = $1', [orgId]);
      },
      list: async () =>
        (
          await this.q<{ org_id: string; sealed: string }>('SELECT org_id, sealed FROM tokens')
        ).rows.map(open),
    };
  }
}

const ignore = () => undefined;

function wrap(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  return isConnectionError(error) ? new StoreUnavailableError(error) : error;
}
