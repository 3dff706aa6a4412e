import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
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
  live: { state: 'scheduled', participants: [], updatedAt: 4 },
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
    await a.consultations.put(consultation);
    await a.setMeta('plain', 'visible');
    await a.setMeta('secret', 'CLIENT-SECRET-PLAINTEXT', { secret: true });
    await a.close();

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
    expect(await b.consultations.get('org-1', 'c-1')).toEqual(consultation);
    expect(await b.getMeta('plain')).toBe('visible');
    expect(await b.getMeta('secret')).toBe('CLIENT-SECRET-PLAINTEXT');
    await b.tokens.delete('org-1');
    expect(await b.tokens.load('org-1')).toBeUndefined();
    await b.consultations.put({ ...consultation, state: { kind: 'deleted', at: 9 } });
    expect(await b.consultations.list('org-1')).toEqual([]);
    expect(await b.consultations.list('org-1', { includeDeleted: true })).toHaveLength(1);
    await b.close();
  });

  it('refuses to read with another key (authenticated encryption)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const a = open(dir);
    await a.tokens.save(tokens);
    await a.close();
    const b = open(dir, randomBytes(32));
    await expect(b.tokens.load('org-1')).rejects.toThrow();
    await b.close();
  });

  it('applies migrations once, in order', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    db.close();
  });

  it("keeps each tenant's consultations to itself", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = open(dir);
    await store.consultations.put(consultation);
    await store.consultations.put({ ...consultation, id: 'c-2', orgId: 'org-2' });
    expect(await store.consultations.get('org-2', 'c-1')).toBeUndefined();
    expect((await store.consultations.list('org-2')).map((c) => c.id)).toEqual(['c-2']);
    expect(await store.consultations.findByMeeting('org-1', 'm')).toMatchObject({ id: 'c-1' });
    expect(await store.consultations.findByMeeting('org-3', 'm')).toBeUndefined();
    expect(await store.consultations.find('c-2')).toMatchObject({ orgId: 'org-2' });
    const updated = await store.consultations.update('org-1', 'c-1', (c) => ({
      ...c,
      title: 'New',
    }));
    expect(updated?.title).toBe('New');
    expect(await store.consultations.update('org-2', 'c-1', (c) => c)).toBeUndefined();
    await store.close();
  });

  it('creates the database files owner-only (0600) in an owner-only directory (0700)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = open(dir);
    await store.tokens.save(tokens);
    await store.consultations.put(consultation);
    const files = readdirSync(dir);
    expect(files).toEqual(
      expect.arrayContaining(['g2g.sqlite', 'g2g.sqlite-wal', 'g2g.sqlite-shm']),
    );
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await store.close();
  });

  it('claims each webhook delivery once, across reopening, and prunes old ids', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const a = open(dir);
    expect(await a.deliveries.claim('d-1', 100)).toBe(true);
    expect(await a.deliveries.claim('d-1', 101)).toBe(false);
    await a.deliveries.release('d-1');
    expect(await a.deliveries.claim('d-1', 102)).toBe(true);
    await a.close();
    const b = open(dir);
    expect(await b.deliveries.claim('d-1', 200)).toBe(false);
    expect(await b.deliveries.prune(150)).toBe(1);
    expect(await b.deliveries.claim('d-1', 300)).toBe(true);
    expect(await b.meter.add('site', { meetingId: 'x', startedAt: 1 })).toBe(true);
    expect(await b.meter.add('site', { meetingId: 'x', startedAt: 2 })).toBe(false);
    expect(await b.meter.list('site')).toEqual([{ meetingId: 'x', startedAt: 1 }]);
    expect(await b.meter.remove('site', 'x')).toBe(true);
    await b.close();
  });
});
