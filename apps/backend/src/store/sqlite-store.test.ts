import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Sealer } from '../crypto';
import { tempDir } from '../testing/harness';
import { MIGRATIONS, SqliteStore, migrate } from './sqlite-store';
import { sampleConsultation, sampleTokens, storeSuite } from './store-suite';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

storeSuite('SqliteStore', {
  async fresh() {
    const dir = tempDir();
    dirs.push(dir);
    return {
      open: async (sealer) => new SqliteStore(dir, sealer),
      dump: async () =>
        readdirSync(dir)
          .map((f) => readFileSync(join(dir, f)).toString('latin1'))
          .join(''),
    };
  },
});

describe('SqliteStore', () => {
  it('applies migrations once, in order', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    db.close();
  });

  it('creates the database files owner-only (0600) in an owner-only directory (0700)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = new SqliteStore(dir, new Sealer(randomBytes(32)));
    await store.tokens.save(sampleTokens);
    await store.consultations.put(sampleConsultation);
    const files = readdirSync(dir);
    expect(files).toEqual(
      expect.arrayContaining(['g2g.sqlite', 'g2g.sqlite-wal', 'g2g.sqlite-shm']),
    );
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await store.close();
  });
});
