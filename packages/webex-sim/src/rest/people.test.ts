import { describe, expect, it } from 'vitest';
import { type Sim } from '../index';
import { type client, expectEnvelope, simPerTest } from './testkit';

let sim: Sim;
let call: ReturnType<typeof client>;
let token: string;

simPerTest('people', (t) => ({ sim, call, token } = t));

const guest = async (subject: string, displayName: string) =>
  (await call('POST', '/v1/guests/token', { token, body: { subject, displayName } })).body as {
    id: string;
    email: string;
  };

describe('GET /v1/people (webex-messaging.json)', () => {
  it('lists people by id, naming the ids it did not find', async () => {
    const a = await guest('a', 'Ada');
    const b = await guest('b', 'Bo');
    const missing = Buffer.from(
      'ciscospark://us/PEOPLE/00000000-0000-0000-0000-000000000000',
    ).toString('base64url');
    const res = await call('GET', `/v1/people?id=${a.id},${b.id},${missing}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([a.id, b.id]);
    expect(res.body.items[0]).toMatchObject({ displayName: 'Ada', type: 'appuser' });
    expect(res.body.notFoundIds).toEqual([missing]);
  });

  it('finds people by email and by display-name prefix', async () => {
    const a = await guest('a', 'Ada Lovelace');
    await guest('b', 'Bo');
    const byEmail = await call('GET', `/v1/people?email=${a.email.toUpperCase()}`, { token });
    expect(byEmail.body.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    const byName = await call('GET', '/v1/people?displayName=ada', { token });
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect(byName.body).not.toHaveProperty('notFoundIds');
  });

  it('needs email, displayName or id, and at most 85 ids', async () => {
    const none = await call('GET', '/v1/people', { token });
    expect(none.status).toBe(400);
    expect(expectEnvelope(none).descriptions[0]).toMatch(/email, displayName or id/);
    const many = Array.from({ length: 86 }, (_, i) => `id${i}`).join(',');
    const tooMany = await call('GET', `/v1/people?id=${many}`, { token });
    expect(tooMany.status).toBe(400);
    expect(expectEnvelope(tooMany).descriptions[0]).toMatch(/85/);
  });

  it('answers guests too (the SDK looks roster members up with their own token)', async () => {
    const a = await guest('a', 'Ada');
    const tokenOfGuest = (
      await call('POST', '/v1/guests/token', { token, body: { subject: 'c', displayName: 'Cy' } })
    ).body.accessToken;
    const res = await call('GET', `/v1/people?id=${a.id}`, { token: tokenOfGuest });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(sim.control.requests({ path: '/v1/people' }).map((r) => r.status)).toEqual([200]);
  });
});
