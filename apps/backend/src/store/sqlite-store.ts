import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StoredTokens, TokenStore } from '@g2g/service-app';
import type { Sealer } from '../crypto';
import type { ConsultationRecord, ConsultationSecrets, Store } from './store';

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

/** The SQLite {@link Store}: `dataDir/g2g.sqlite`, WAL, fully synchronous commits. */
export class SqliteStore implements Store {
  readonly tokens: TokenStore;
  private readonly db: Database.Database;

  constructor(
    dataDir: string,
    private readonly sealer: Sealer,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'g2g.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // A rotated token must be on disk before it is used: no relaxed durability.
    this.db.pragma('synchronous = FULL');
    migrate(this.db);
    this.tokens = this.tokenStore();
  }

  putConsultation(c: ConsultationRecord): void {
    const { secrets, ...data } = c;
    this.db
      .prepare(
        `INSERT INTO consultations (id, org_id, created_at, state, data, sealed_secrets)
         VALUES (@id, @orgId, @createdAt, @state, @data, @sealed)
         ON CONFLICT(id) DO UPDATE SET state = @state, data = @data, sealed_secrets = @sealed`,
      )
      .run({
        id: c.id,
        orgId: c.orgId,
        createdAt: c.createdAt,
        state: c.state.kind,
        data: JSON.stringify(data),
        sealed: this.sealer.seal(JSON.stringify(secrets), `consultation:${c.id}`),
      });
  }

  getConsultation(id: string): ConsultationRecord | undefined {
    const row = this.db
      .prepare('SELECT id, data, sealed_secrets FROM consultations WHERE id = ?')
      .get(id) as Row | undefined;
    return row ? this.consultation(row) : undefined;
  }

  listConsultations(options: { includeDeleted?: boolean; limit?: number } = {}) {
    const rows = this.db
      .prepare(
        `SELECT id, data, sealed_secrets FROM consultations
         WHERE (@all = 1 OR state != 'deleted') ORDER BY created_at DESC LIMIT @limit`,
      )
      .all({ all: options.includeDeleted ? 1 : 0, limit: options.limit ?? 100 }) as Row[];
    return rows.map((r) => this.consultation(r));
  }

  getMeta(key: string, options: { secret?: boolean } = {}): string | undefined {
    const row = this.db.prepare('SELECT value, sealed FROM meta WHERE key = ?').get(key) as
      { value: string; sealed: number } | undefined;
    if (!row) return undefined;
    if (row.sealed || options.secret) return this.sealer.open(row.value, `meta:${key}`);
    return row.value;
  }

  setMeta(key: string, value: string, options: { secret?: boolean } = {}): void {
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

  close(): void {
    if (this.db.open) this.db.close();
  }

  private consultation(row: Row): ConsultationRecord {
    const data = JSON.parse(row.data) as Omit<ConsultationRecord, 'secrets'>;
    const secrets = JSON.parse(
      this.sealer.open(row.sealed_secrets, `consultation:${row.id}`),
    ) as ConsultationSecrets;
    return { ...data, secrets };
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

interface Row {
  id: string;
  data: string;
  sealed_secrets: string;
}
