// The one store test-suite: every Store implementation (SQLite, PostgreSQL)
// runs these, so the two cannot drift apart.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sealer } from '../crypto';
import type { ConsultationRecord, Store } from './store';

/** Opens stores over one backing database, fresh per `fresh()`. */
export interface StoreFixture {
  /** A new, empty backing database; returns a handle to open it (again) with a key. */
  fresh(): Promise<{
    open(sealer: Sealer): Promise<Store>;
    /** Every byte at rest, as text (files, or every table's rows). */
    dump(): Promise<string>;
  }>;
}

export const sampleTokens = {
  orgId: 'org-1',
  accessToken: 'ACCESS-TOKEN-PLAINTEXT',
  accessTokenExpiresAt: 1,
  refreshToken: 'REFRESH-TOKEN-PLAINTEXT',
  refreshTokenExpiresAt: 2,
  scopes: ['a'],
  state: 'active' as const,
  updatedAt: 3,
};

export const sampleConsultation: ConsultationRecord = {
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

export function storeSuite(name: string, fixture: StoreFixture): void {
  const key = randomBytes(32);
  const sealer = () => new Sealer(key);

  describe(`${name} (shared store suite)`, () => {
    it('survives reopening, with tokens and secrets encrypted at rest', async () => {
      const db = await fixture.fresh();
      const a = await db.open(sealer());
      await a.tokens.save(sampleTokens);
      await a.consultations.put(sampleConsultation);
      await a.setMeta('plain', 'visible');
      await a.setMeta('secret', 'CLIENT-SECRET-PLAINTEXT', { secret: true });
      await a.close();

      const atRest = await db.dump();
      expect(atRest).toContain('visible');
      for (const plain of [
        'ACCESS-TOKEN',
        'REFRESH-TOKEN',
        'PASSWORD-PLAINTEXT',
        'HOSTKEY',
        'CLIENT-SECRET',
      ]) {
        expect(atRest).not.toContain(plain);
      }

      const b = await db.open(sealer());
      expect(await b.tokens.load('org-1')).toEqual(sampleTokens);
      expect(await b.tokens.list()).toHaveLength(1);
      expect(await b.consultations.get('org-1', 'c-1')).toEqual(sampleConsultation);
      expect(await b.getMeta('plain')).toBe('visible');
      expect(await b.getMeta('secret')).toBe('CLIENT-SECRET-PLAINTEXT');
      expect(await b.getMeta('absent')).toBeUndefined();
      await b.tokens.delete('org-1');
      expect(await b.tokens.load('org-1')).toBeUndefined();
      await b.consultations.put({ ...sampleConsultation, state: { kind: 'deleted', at: 9 } });
      expect(await b.consultations.list('org-1')).toEqual([]);
      expect(await b.consultations.list('org-1', { includeDeleted: true })).toHaveLength(1);
      await b.ping();
      await b.close();
    });

    it('refuses to read with another key (authenticated encryption)', async () => {
      const db = await fixture.fresh();
      const a = await db.open(sealer());
      await a.tokens.save(sampleTokens);
      await a.close();
      const b = await db.open(new Sealer(randomBytes(32)));
      await expect(b.tokens.load('org-1')).rejects.toThrow();
      await b.close();
    });

    it("keeps each tenant's consultations to itself", async () => {
      const db = await fixture.fresh();
      const store = await db.open(sealer());
      await store.consultations.put(sampleConsultation);
      await store.consultations.put({ ...sampleConsultation, id: 'c-2', orgId: 'org-2' });
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

    it('claims each webhook delivery once, across reopening, and prunes old ids', async () => {
      const db = await fixture.fresh();
      const a = await db.open(sealer());
      expect(await a.deliveries.claim('d-1', 100)).toBe(true);
      expect(await a.deliveries.claim('d-1', 101)).toBe(false);
      await a.deliveries.release('d-1');
      expect(await a.deliveries.claim('d-1', 102)).toBe(true);
      await a.close();
      const b = await db.open(sealer());
      expect(await b.deliveries.claim('d-1', 200)).toBe(false);
      expect(await b.deliveries.prune(150)).toBe(1);
      expect(await b.deliveries.claim('d-1', 300)).toBe(true);
      expect(await b.meter.add('site', { meetingId: 'x', startedAt: 1 })).toBe(true);
      expect(await b.meter.add('site', { meetingId: 'x', startedAt: 2 })).toBe(false);
      expect(await b.meter.list('site')).toEqual([{ meetingId: 'x', startedAt: 1 }]);
      expect(await b.meter.remove('site', 'x')).toBe(true);
      expect(await b.meter.remove('site', 'x')).toBe(false);
      await b.close();
    });

    it('stores tenants and operator keys', async () => {
      const db = await fixture.fresh();
      const s = await db.open(sealer());
      const t = {
        orgId: 'org-1',
        status: 'accepted' as const,
        scopes: ['x'],
        firstSeenAt: 1,
        updatedAt: 2,
      };
      await s.tenants.put(t);
      await s.tenants.put({ ...t, orgId: 'org-2', status: 'pending', updatedAt: 3 });
      expect(await s.tenants.get('org-1')).toEqual(t);
      expect((await s.tenants.list()).map((x) => x.orgId)).toEqual(['org-2', 'org-1']);
      const k = { id: 'k1', orgId: 'org-1', mac: 'ab', createdAt: 1 };
      await s.operatorKeys.put(k);
      await s.operatorKeys.put({ ...k, revokedAt: 5 });
      expect(await s.operatorKeys.get('k1')).toEqual({ ...k, revokedAt: 5 });
      expect(await s.operatorKeys.listFor('org-1')).toHaveLength(1);
      expect(await s.operatorKeys.listFor('org-2')).toEqual([]);
      await s.close();
    });

    it('runs the work of one lock name one at a time, and other names alongside', async () => {
      const db = await fixture.fresh();
      const a = await db.open(sealer());
      const b = await db.open(sealer());
      const order: string[] = [];
      let releaseFirst!: () => void;
      const held = new Promise<void>((r) => (releaseFirst = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const first = a.withLock('org-1', async () => {
        order.push('a in');
        entered();
        await held;
        order.push('a out');
        return 'a';
      });
      await inside;
      const second = b.withLock('org-1', async () => {
        order.push('b in');
        return 'b';
      });
      // Another name is not held up by org-1's holder.
      expect(await b.withLock('org-2', async () => 'other')).toBe('other');
      releaseFirst();
      expect(await Promise.all([first, second])).toEqual(['a', 'b']);
      expect(order).toEqual(['a in', 'a out', 'b in']);
      // A failing holder releases the lock too.
      await expect(
        a.withLock('org-1', async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await b.withLock('org-1', async () => 'after')).toBe('after');
      await a.close();
      await b.close();
    });
  });
}
