import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Sealer } from '../crypto';
import { tempDir } from '../testing/harness';
import { MIGRATIONS, SqliteStore, migrate } from './sqlite-store';
import type { ConsultationRecord } from './store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const key = randomBytes(32);
const tokens = {
  orgId: 'org-1',
  accessToken: 'ACCESS-TOKEN-PLAINTEXT',
  accessTokenExpiresAt: 1,
  refreshToken: 'REFRESH-TOKEN-PLAINTEXT',
  refreshTokenExpiresAt: 2,
  scopes: ['a'],
  state: 'active' as const,
  updatedAt: 3,
};
const consultation: ConsultationRecord = {
  id: 'c-1',
  orgId: 'org-1',
  title: 'Visit',
  mode: 'no-host',
  kind: 'scheduled',
  meetingId: 'm',
  meetingNumber: '123',
  sipAddress: '123@x',
  webLink: 'https://x',
  siteUrl: 'x',
  start: 1,
  end: 2,
  guestSlots: 1,
  capabilityExpiresAt: 3,
  createdAt: 4,
  state: { kind: 'scheduled' },
  secrets: { password: 'PASSWORD-PLAINTEXT', hostKey: 'HOSTKEY-PLAINTEXT' },
};

function open(dir: string, k = key) {
  return new SqliteStore(dir, new Sealer(k));
}

describe('SqliteStore', () => {
  it('survives reopening, with tokens and secrets encrypted at rest', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const a = open(dir);
    await a.tokens.save(tokens);
    a.putConsultation(consultation);
    a.setMeta('plain', 'visible');
    a.setMeta('secret', 'CLIENT-SECRET-PLAINTEXT', { secret: true });
    a.close();

    const files = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('');
    for (const plain of [
      'ACCESS-TOKEN',
      'REFRESH-TOKEN',
      'PASSWORD-PLAINTEXT',
      'HOSTKEY',
      'CLIENT-SECRET',
    ]) {
      expect(files).not.toContain(plain);
    }

    const b = open(dir);
    expect(await b.tokens.load('org-1')).toEqual(tokens);
    expect(await b.tokens.list()).toHaveLength(1);
    expect(b.getConsultation('c-1')).toEqual(consultation);
    expect(b.getMeta('plain')).toBe('visible');
    expect(b.getMeta('secret')).toBe('CLIENT-SECRET-PLAINTEXT');
    await b.tokens.delete('org-1');
    expect(await b.tokens.load('org-1')).toBeUndefined();
    b.putConsultation({ ...consultation, state: { kind: 'deleted', at: 9 } });
    expect(b.listConsultations()).toEqual([]);
    expect(b.listConsultations({ includeDeleted: true })).toHaveLength(1);
    b.close();
  });

  it('refuses to read with another key (authenticated encryption)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const a = open(dir);
    await a.tokens.save(tokens);
    a.close();
    const b = open(dir, randomBytes(32));
    await expect(b.tokens.load('org-1')).rejects.toThrow();
    b.close();
  });

  it('applies migrations once, in order', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    db.close();
  });
});
