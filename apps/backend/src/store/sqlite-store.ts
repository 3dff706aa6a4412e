import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
} from './store';

/** Schema changes, applied in order, each once. Never edit a shipped entry: append. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE tokens (
     org_id TEXT PRIMARY KEY,
     sealed TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   )`,
  `CREATE TABLE consultations (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     state TEXT NOT NULL,
     data TEXT NOT NULL,
     sealed_secrets TEXT NOT NULL
   );
   CREATE INDEX consultations_created ON consultations (created_at DESC)`,
  `CREATE TABLE meta (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     sealed INTEGER NOT NULL DEFAULT 0
   )`,
  // Tenants: every org that authorized the app (or was configured), accepted or not.
  `CREATE TABLE tenants (
     org_id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     data TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE operator_keys (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX operator_keys_org ON operator_keys (org_id);
   ALTER TABLE consultations ADD COLUMN meeting_id TEXT;
   UPDATE consultations SET meeting_id = json_extract(data, '$.meetingId');
   CREATE INDEX consultations_org ON consultations (org_id, created_at DESC);
   CREATE INDEX consultations_meeting ON consultations (org_id, meeting_id)`,
  // Webhook deliveries taken (replay protection across restarts) and the licence meter's rows.
  `CREATE TABLE webhook_deliveries (
     id TEXT PRIMARY KEY,
     received_at INTEGER NOT NULL
   );
   CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
   CREATE TABLE meter_running (
     site_url TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     PRIMARY KEY (site_url, meeting_id)
   )`,
];

/** Applies pending migrations inside one transaction each; returns the schema version. */
export function migrate(db: Database.Database): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  let version = row.v ?? 0;
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        i + 1,
        Date.now(),
      );
    })();
    version = i + 1;
  }
  return version;
}

/** The database file and its WAL companions. */
export const DATABASE_FILE = 'g2g.sqlite';
const COMPANIONS = ['', '-wal', '-shm'];

/**
 * Makes the data directory owner-only (0700) and the database files 0600
 * before SQLite opens them: SQLite creates `-wal` and `-shm` with the
 * database file's mode, so one pre-created 0600 file covers all three.
 */
function prepareFiles(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const path = join(dataDir, DATABASE_FILE);
  closeSync(openSync(path, 'a', 0o600));
  for (const suffix of COMPANIONS) {
    if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
  }
  return path;
}

/** Held locks of this process, by database file and name. */
const LOCKS = new Map<string, Promise<unknown>>();

interface ConsultationRow {
  id: string;
  data: string;
  sealed_secrets: string;
}

/**
 * The SQLite {@link Store}: `dataDir/g2g.sqlite`, WAL, fully synchronous
 * commits, owner-only files. better-sqlite3 is synchronous, so each method
 * (and each `update`) runs to completion before another starts: the
 * interface is asynchronous for the stores that are not.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly tokens: TokenStore;
  readonly deliveries: PersistentDeliveryLog;
  readonly meter: MeterStore;
  readonly tenants: TenantStore;
  readonly operatorKeys: OperatorKeyStore;
  readonly consultations: ConsultationStore;
  private readonly db: Database.Database;
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly sealer: Sealer,
  ) {
    const path = prepareFiles(dataDir);
    this.path = path;
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // A rotated token must be on disk before it is used: no relaxed durability.
    this.db.pragma('synchronous = FULL');
    migrate(this.db);
    for (const suffix of COMPANIONS) {
      if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
    }
    this.tokens = this.tokenStore();
    this.deliveries = this.deliveryLog();
    this.meter = this.meterStore();
    this.tenants = this.tenantStore();
    this.operatorKeys = this.operatorKeyStore();
    this.consultations = this.consultationStore();
  }

  async getMeta(key: string, options: { secret?: boolean } = {}): Promise<string | undefined> {
    const row = this.db.prepare('SELECT value, sealed FROM meta WHERE key = ?').get(key) as
      { value: string; sealed: number } | undefined;
    if (!row) return undefined;
    if (row.sealed || options.secret) return this.sealer.open(row.value, `meta:${key}`);
    return row.value;
  }

  async setMeta(key: string, value: string, options: { secret?: boolean } = {}): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO meta (key, value, sealed) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, sealed = excluded.sealed`,
      )
      .run(
        key,
        options.secret ? this.sealer.seal(value, `meta:${key}`) : value,
        options.secret ? 1 : 0,
      );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  /** One process owns the file: a promise chain per file and name is the whole lock. */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const id = `${this.path}\0${name}`;
    const previous = LOCKS.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    const tail = run.catch(() => undefined);
    LOCKS.set(id, tail);
    void tail.then(() => {
      if (LOCKS.get(id) === tail) LOCKS.delete(id);
    });
    return run;
  }

  private consultationStore(): ConsultationStore {
    const columns = 'SELECT id, data, sealed_secrets FROM consultations';
    const read = (row: ConsultationRow | undefined) => (row ? this.consultation(row) : undefined);
    const put = (c: ConsultationRecord) => {
      const { secrets, ...data } = c;
      this.db
        .prepare(
          `INSERT INTO consultations (id, org_id, created_at, state, data, sealed_secrets, meeting_id)
           VALUES (@id, @orgId, @createdAt, @state, @data, @sealed, @meetingId)
           ON CONFLICT(id) DO UPDATE SET state = @state, data = @data, sealed_secrets = @sealed,
             meeting_id = @meetingId`,
        )
        .run({
          id: c.id,
          orgId: c.orgId,
          createdAt: c.createdAt,
          state: c.state.kind,
          data: JSON.stringify(data),
          sealed: this.sealer.seal(JSON.stringify(secrets), `consultation:${c.id}`),
          meetingId: c.meetingId,
        });
    };
    const get = (orgId: string, id: string) =>
      read(
        this.db.prepare(`${columns} WHERE org_id = ? AND id = ?`).get(orgId, id) as
          ConsultationRow | undefined,
      );
    return {
      put: async (c) => put(c),
      get: async (orgId, id) => get(orgId, id),
      find: async (id) =>
        read(this.db.prepare(`${columns} WHERE id = ?`).get(id) as ConsultationRow | undefined),
      findByMeeting: async (orgId, meetingId) =>
        read(
          this.db
            .prepare(
              `${columns} WHERE org_id = ? AND meeting_id = ? ORDER BY created_at DESC LIMIT 1`,
            )
            .get(orgId, meetingId) as ConsultationRow | undefined,
        ),
      list: async (orgId, options = {}) =>
        (
          this.db
            .prepare(
              `${columns} WHERE org_id = @orgId AND (@all = 1 OR state != 'deleted')
               ORDER BY created_at DESC LIMIT @limit`,
            )
            .all({
              orgId,
              all: options.includeDeleted ? 1 : 0,
              limit: options.limit ?? 100,
            }) as ConsultationRow[]
        ).map((r) => this.consultation(r)),
      update: async (orgId, id, change) =>
        this.db.transaction(() => {
          const current = get(orgId, id);
          if (!current) return undefined;
          const next = change(current);
          if (next) put(next);
          return next ?? current;
        })(),
    };
  }

  private consultation(row: ConsultationRow): ConsultationRecord {
    const data = JSON.parse(row.data) as Omit<ConsultationRecord, 'secrets'>;
    const secrets = JSON.parse(
      this.sealer.open(row.sealed_secrets, `consultation:${row.id}`),
    ) as ConsultationSecrets;
    // Rows written before live status existed.
    const live = data.live ?? { state: 'scheduled', participants: [], updatedAt: data.createdAt };
    return { ...data, live, secrets };
  }

  private tenantStore(): TenantStore {
    return {
      get: async (orgId) => {
        const r = this.db.prepare('SELECT data FROM tenants WHERE org_id = ?').get(orgId) as
          { data: string } | undefined;
        return r ? (JSON.parse(r.data) as TenantRecord) : undefined;
      },
      list: async () =>
        (
          this.db.prepare('SELECT data FROM tenants ORDER BY updated_at DESC').all() as {
            data: string;
          }[]
        ).map((r) => JSON.parse(r.data) as TenantRecord),
      put: async (t) => {
        this.db
          .prepare(
            `INSERT INTO tenants (org_id, status, data, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(org_id) DO UPDATE SET status = excluded.status, data = excluded.data,
               updated_at = excluded.updated_at`,
          )
          .run(t.orgId, t.status, JSON.stringify(t), t.updatedAt);
      },
    };
  }

  private operatorKeyStore(): OperatorKeyStore {
    const parse = (r: { data: string } | undefined) =>
      r ? (JSON.parse(r.data) as OperatorKeyRecord) : undefined;
    return {
      get: async (id) =>
        parse(
          this.db.prepare('SELECT data FROM operator_keys WHERE id = ?').get(id) as
            { data: string } | undefined,
        ),
      listFor: async (orgId) =>
        (
          this.db.prepare('SELECT data FROM operator_keys WHERE org_id = ?').all(orgId) as {
            data: string;
          }[]
        ).map((r) => parse(r)!),
      put: async (k) => {
        this.db
          .prepare(
            `INSERT INTO operator_keys (id, org_id, data) VALUES (?, ?, ?)
             ON CONFLICT(id) DO UPDATE SET org_id = excluded.org_id, data = excluded.data`,
          )
          .run(k.id, k.orgId, JSON.stringify(k));
      },
    };
  }

  private deliveryLog(): PersistentDeliveryLog {
    return {
      // The primary key makes the claim atomic: a second claim of the same id inserts nothing.
      claim: async (id, receivedAt) =>
        this.db
          .prepare('INSERT OR IGNORE INTO webhook_deliveries (id, received_at) VALUES (?, ?)')
          .run(id, receivedAt).changes === 1,
      release: async (id) => {
        this.db.prepare('DELETE FROM webhook_deliveries WHERE id = ?').run(id);
      },
      prune: async (before) =>
        this.db.prepare('DELETE FROM webhook_deliveries WHERE received_at < ?').run(before).changes,
    };
  }

  private meterStore(): MeterStore {
    return {
      add: async (site, m: RunningMeeting) =>
        this.db
          .prepare(
            'INSERT OR IGNORE INTO meter_running (site_url, meeting_id, started_at) VALUES (?, ?, ?)',
          )
          .run(site, m.meetingId, m.startedAt).changes === 1,
      remove: async (site, meetingId) =>
        this.db
          .prepare('DELETE FROM meter_running WHERE site_url = ? AND meeting_id = ?')
          .run(site, meetingId).changes === 1,
      list: async (site) =>
        (
          this.db
            .prepare('SELECT meeting_id, started_at FROM meter_running WHERE site_url = ?')
            .all(site) as { meeting_id: string; started_at: number }[]
        ).map((r) => ({ meetingId: r.meeting_id, startedAt: r.started_at })),
    };
  }

  private tokenStore(): TokenStore {
    const aad = (orgId: string) => `tokens:${orgId}`;
    const open = (r: { org_id: string; sealed: string }) =>
      JSON.parse(this.sealer.open(r.sealed, aad(r.org_id))) as StoredTokens;
    return {
      load: async (orgId) => {
        const r = this.db
          .prepare('SELECT org_id, sealed FROM tokens WHERE org_id = ?')
          .get(orgId) as { org_id: string; sealed: string } | undefined;
        return r ? open(r) : undefined;
      },
      save: async (t) => {
        this.db
          .prepare(
            `INSERT INTO tokens (org_id, sealed, updated_at) VALUES (?, ?, ?)
             ON CONFLICT(org_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
          )
          .run(t.orgId, this.sealer.seal(JSON.stringify(t), aad(t.orgId)), Date.now());
      },
      delete: async (orgId) => {
        this.db.prepare('DELETE FROM tokens WHERE org_id = ?').run(orgId);
      },
      list: async () =>
        (
          this.db.prepare('SELECT org_id, sealed FROM tokens').all() as {
            org_id: string;
            sealed: string;
          }[]
        ).map(open),
    };
  }
}
