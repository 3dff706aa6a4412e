import { describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../index';
import { INSTANT_CONNECT_AUD } from './instantConnect';
import { type client, expectEnvelope, simPerTest } from './testkit';

let sim: Sim;
let call: ReturnType<typeof client>;
let token: string;

simPerTest('instant-connect', (t) => ({ sim, call, token } = t));

const PATH = '/mtg-broker/api/v2/joseencrypt';
const encrypt = (extra: Record<string, unknown> = {}, t = token) =>
  call('POST', PATH, {
    ...(t ? { token: t } : {}),
    body: { aud: INSTANT_CONNECT_AUD, jwt: { sub: 'visit-42' }, verticalType: 'gen', ...extra },
  });

describe('Instant Connect joseencrypt', () => {
  it('returns one host and one guest cipher by default', async () => {
    const res = await encrypt();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      host: [{ cipher: expect.stringMatching(/^[A-Za-z0-9_-]+$/) }],
      guest: [{ cipher: expect.stringMatching(/^[A-Za-z0-9_-]+$/) }],
    });
    expect(res.body.host[0].cipher).not.toBe(res.body.guest[0].cipher);
  });

  it('gives short codes and a loopback baseUrl that redirects to the long link', async () => {
    const res = await encrypt({ provideShortUrls: true, numHost: 2, numGuest: 3 });
    expect(res.body.host).toHaveLength(2);
    expect(res.body.guest).toHaveLength(3);
    expect(res.body.baseUrl).toBe(`${sim.url}/mtg-broker/visit/`);
    const guest = res.body.guest[0];
    expect(guest.short).toMatch(/^[A-Za-z0-9]{10}$/);

    const visit = await call('GET', new URL(`${res.body.baseUrl}${guest.short}`).pathname);
    expect(visit.status).toBe(302);
    const long = new URL(visit.headers.get('location')!);
    expect(long.pathname).toBe('/mtg-broker/gen/v1/talk');
    expect(long.searchParams.get('data')).toBe(guest.cipher);

    const page = await call('GET', `${long.pathname}${long.search}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ sub: 'visit-42', role: 'guest', verticalType: 'gen' });

    const hostVisit = await call('GET', `/mtg-broker/visit/${res.body.host[0].short}`);
    expect(new URL(hostVisit.headers.get('location')!).pathname).toBe('/mtg-broker/gen/v1/login');
  });

  it('expires links at jwt.exp (default 15 minutes) on the simulated clock', async () => {
    const res = await encrypt({ verticalType: undefined });
    const cipher = res.body.guest[0].cipher;
    const page = `/mtg-broker/hc/v1/talk?int=jose&v=1&data=${cipher}`;
    expect((await call('GET', page)).status).toBe(200);
    sim.control.advanceClock(15 * 60_000 + 1000);
    const expired = await call('GET', page);
    expect(expired.status).toBe(403);
    expect(expectEnvelope(expired).message).toMatch(/expired/);
  });

  it('refuses forged ciphers', async () => {
    const res = await call(
      'GET',
      '/mtg-broker/gen/v1/talk?int=jose&v=1&data=Zm9yZ2VkLWNpcGhlci1kYXRhLXh4eHg',
    );
    expect(res.status).toBe(400);
    expect((await call('GET', '/mtg-broker/visit/NOSUCHCODE')).status).toBe(404);
  });

  it.each([
    [{ aud: 'someone-else' }, /aud must be a4d886b0/],
    [{ aud: undefined }, /aud is required/],
    [{ jwt: undefined }, /jwt is required/],
    [{ jwt: {} }, /sub is required/],
    [{ jwt: { sub: 'x', exp: 1 } }, /exp must be/],
    [{ jwt: { sub: 'x', nbf: 1e13 } }, /nbf must be seconds since the epoch/],
    [{ verticalType: 'vet' }, /verticalType must be gen or hc/],
    [{ numHost: 20, numGuest: 6 }, /from 1 to 25/],
    [{ numHost: 0, numGuest: 0 }, /from 1 to 25/],
    [{ numGuest: -1 }, /must not be negative/],
    [{ provideShortUrls: 'yes' }, /true or false/],
  ])('answers 400 for %j', async (extra, pattern) => {
    const res = await encrypt(extra);
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions[0]).toMatch(pattern);
  });

  it('allows up to 25 links together', async () => {
    const res = await encrypt({ numHost: 5, numGuest: 20 });
    expect(res.status).toBe(200);
    expect(res.body.guest).toHaveLength(20);
  });

  it('needs a bearer token, and not a guest one', async () => {
    expect((await encrypt({}, '')).status).toBe(401);
    const guest = await call('POST', '/v1/guests/token', {
      token,
      body: { subject: 's', displayName: 'G' },
    });
    expect((await encrypt({}, guest.body.accessToken)).status).toBe(403);
  });
});

describe('instantConnectBase option', () => {
  it('moves the surface', async () => {
    const other = await startSim({ options: { instantConnectBase: '/ic' } });
    try {
      const a = other.control.createServiceApp();
      const res = await fetch(`${other.url}/ic/api/v2/joseencrypt`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${a.tokens!.accessToken}` },
        body: JSON.stringify({ aud: INSTANT_CONNECT_AUD, jwt: { sub: 's' } }),
      });
      expect(res.status).toBe(200);
      expect((await fetch(`${other.url}${PATH}`, { method: 'POST' })).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
