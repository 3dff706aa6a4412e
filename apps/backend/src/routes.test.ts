import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  backendPerFile,
  joinThroughLocus,
  leakedSecrets,
  rememberSecrets,
  seen,
  serviceAppSecrets,
} from './testing/harness';
import { worldOf } from '@g2g/webex-sim/testing/world';

const env = backendPerFile(
  { seed: 'backend-routes' },
  { licenceLimit: 2, guestTokenRateLimit: { max: 3, timeWindow: 60_000 } },
);

const create = (body: Record<string, unknown> = {}) => env.t.op('POST', '/api/consultations', body);
const join = (id: string, capability: string, displayName = 'Pat') =>
  env.t.call('POST', `/api/consultations/${id}/join`, { token: capability, body: { displayName } });

describe('system routes', () => {
  it('healthz, a public status that reveals nothing, the tenant status behind operator auth, and the OpenAPI document', async () => {
    expect((await env.t.call('GET', '/healthz')).body).toEqual({ ok: true, database: 'sqlite' });
    const pub = await env.t.call('GET', '/api/status');
    expect(pub.body).toEqual({ status: 'ok' });
    expect(pub.text).not.toContain(env.t.backend.simApp!.orgId);
    expect((await env.t.call('GET', '/api/tenant')).status).toBe(401);
    const tenant = await env.t.op('GET', '/api/tenant');
    expect(tenant.body).toMatchObject({
      mode: 'sim',
      orgId: env.t.backend.simApp!.orgId,
      name: 'Acme Health',
      siteUrl: env.t.backend.simApp!.siteUrl,
      authorization: {
        state: 'authorized',
        scopes: expect.arrayContaining(['guest-meeting:rw', 'guest-issuer:write']),
      },
      licence: { inProgress: 0, limit: 2 },
    });
    const doc = await env.t.call('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/consultations',
        '/api/consultations/{id}',
        '/api/consultations/{id}/join',
        '/api/consultations/{id}/links',
        '/api/consultations/{id}/end',
        '/api/guest-tokens',
        '/api/walk-in-passes',
        '/api/instant-connect',
        '/api/tenant',
        '/api/events',
        '/api/admin/tenants',
        '/webhooks/webex',
        '/api/status',
        '/healthz',
      ]),
    );
    expect(
      doc.body.paths['/api/consultations/{id}/join'].post.requestBody.content['application/json']
        .schema.properties.displayName,
    ).toBeTruthy();
  });

  it('sets security headers and answers CORS only for allowed origins', async () => {
    const allowed = await env.t.call('GET', '/healthz', {
      headers: { Origin: 'http://localhost:5173' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('content-security-policy')).toContain("default-src 'none'");
    const other = await env.t.call('GET', '/healthz', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await env.t.op('POST', '/api/consultations', { title: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
  });
});

describe('consultations (operator)', () => {
  it('needs the operator key', async () => {
    expect((await env.t.call('GET', '/api/consultations')).status).toBe(401);
    expect((await env.t.call('GET', '/api/consultations', { token: 'nope' })).status).toBe(401);
    const res = await env.t.call('POST', '/api/consultations', { body: {} });
    expect(res.body).toEqual({
      error: 'unauthorized',
      message: 'This route needs an operator key of an accepted org.',
    });
    // The admin key is not an operator key, and an operator key is not the admin's.
    expect((await env.t.admin('GET', '/api/consultations')).status).toBe(401);
    expect((await env.t.op('GET', '/api/admin/tenants')).status).toBe(401);
  });

  it('creates (no-host: no host link), reads, lists, shows the links again and deletes', async () => {
    const res = await create({ title: 'Follow-up', guests: 2 });
    expect(res.status).toBe(201);
    const { consultation: c, links } = res.body;
    expect(c).toMatchObject({
      title: 'Follow-up',
      mode: 'no-host',
      kind: 'scheduled',
      state: 'scheduled',
      guests: 2,
    });
    expect(c.meetingNumber).toMatch(/^\d+$/);
    expect(c.live).toMatchObject({ state: 'scheduled', participants: [] });
    expect(res.text).not.toMatch(/password|hostKey/);
    // Nobody hosts a no-host consultation: there is no host link to hand out.
    expect(links.host).toBeUndefined();
    expect(links.guests[0].url).toBe(
      `http://127.0.0.1:5173/join/${c.id}#guest=${links.guests[0].capability}`,
    );
    expect(links.guests.map((g: { participant: string }) => g.participant)).toEqual([
      'guest-1',
      'guest-2',
    ]);
    // Any operator session of the org gets the same links again.
    expect((await env.t.op('GET', `/api/consultations/${c.id}/links`)).body).toEqual(links);

    expect((await env.t.op('GET', `/api/consultations/${c.id}`)).body).toEqual(c);
    expect(
      (await env.t.op('GET', '/api/consultations')).body.items.map((x: { id: string }) => x.id),
    ).toContain(c.id);

    const meeting = worldOf(env.sim).meetings.get(
      [...worldOf(env.sim).meetings.values()].find((m) => m.meetingNumber === c.meetingNumber)!.id,
    )!;
    expect(meeting).toMatchObject({
      enabledJoinBeforeHost: true,
      unlockedMeetingJoinSecurity: 'allowJoin',
    });

    const del = await env.t.op('DELETE', `/api/consultations/${c.id}`);
    expect(del.body.state).toBe('deleted');
    expect(worldOf(env.sim).meetings.has(meeting.id)).toBe(false);
    expect((await join(c.id, links.guests[0].capability)).status).toBe(410);
    expect((await env.t.op('GET', `/api/consultations/${c.id}/links`)).status).toBe(410);
  });

  it('404s unknown consultations and 400s malformed ids', async () => {
    expect(
      (await env.t.op('GET', '/api/consultations/4b1d2c1e-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    const bad = await env.t.op('GET', '/api/consultations/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/id/);
  });

  it('validates bodies with a clear 400', async () => {
    const res = await create({ guests: 0, durationMinutes: 5, extra: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid-request');
    expect(res.body.message).toMatch(/guests/);
  });

  it('schedules on behalf of a licensed host, who gets the start link', async () => {
    const user = env.sim.control.createUser({
      orgId: env.t.backend.simApp!.orgId,
      displayName: 'Dr. Who',
      email: 'dr.who@example.com',
    });
    const res = await create({ mode: 'host-guest', hostEmail: user.email });
    expect(res.status).toBe(201);
    const m = [...worldOf(env.sim).meetings.values()].find(
      (x) => x.meetingNumber === res.body.consultation.meetingNumber,
    )!;
    expect(m.hostEmail).toBe('dr.who@example.com');
    const host = await join(res.body.consultation.id, res.body.links.host.capability);
    expect(host.body.startLink).toMatch(/^https:\/\//);
    expect(host.body.hostKey).toBe(m.hostKey);
  });

  it('creates a space-backed consultation (room, members, ad-hoc meeting)', async () => {
    const res = await create({
      title: 'Care team',
      space: { memberEmails: ['patient@example.com'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.consultation.kind).toBe('space');
    expect(env.sim.control.requests({ path: '/v1/memberships' }).at(-1)!.status).toBe(200);
    const j = await join(res.body.consultation.id, res.body.links.guests[0].capability);
    expect(j.status).toBe(200);
    expect(j.body.destination).toEqual({
      type: 'MEETING_ID',
      value: res.body.consultation.meetingNumber,
    });
  });
});

describe('participant join', () => {
  it('host gets the host key; guests never do; each link is its own guest', async () => {
    const { body } = await create({ mode: 'host-guest', guests: 2 });
    const id = body.consultation.id;
    const host = await join(id, body.links.host.capability, 'Dr. Ada');
    expect(host.status).toBe(200);
    const meeting = [...worldOf(env.sim).meetings.values()].find(
      (m) => m.meetingNumber === body.consultation.meetingNumber,
    )!;
    expect(host.body).toMatchObject({
      role: 'host',
      participant: 'host',
      displayName: 'Dr. Ada',
      destination: { type: 'MEETING_ID', value: meeting.meetingNumber },
      sipAddress: meeting.sipAddress,
      password: meeting.password,
      hostKey: meeting.hostKey,
    });
    expect(Date.parse(host.body.expiresAt)).toBeGreaterThan(env.sim.control.now());

    const g1 = await join(id, body.links.guests[0].capability, 'Guest One');
    const g2 = await join(id, body.links.guests[1].capability, 'Guest Two');
    const g1again = await join(id, body.links.guests[0].capability, 'Guest One');
    for (const g of [g1, g2]) {
      expect(g.body.role).toBe('guest');
      expect(g.body).not.toHaveProperty('hostKey');
      expect(g.body).not.toHaveProperty('startLink');
      expect(g.text).not.toContain(meeting.hostKey);
    }
    const me = async (token: string) =>
      (
        (await (
          await fetch(`${env.sim.url}/v1/people/me`, {
            headers: { Authorization: `Bearer ${token}` },
          })
        ).json()) as { id: string }
      ).id;
    expect(await me(g1.body.accessToken)).toBe(await me(g1again.body.accessToken));
    expect(await me(g1.body.accessToken)).not.toBe(await me(g2.body.accessToken));
    expect(await me(g1.body.accessToken)).not.toBe(await me(host.body.accessToken));
  });

  it('refuses missing, forged, foreign, non-canonical and expired capabilities', async () => {
    const a = (await create({ mode: 'host-guest' })).body;
    const b = (await create({ mode: 'host-guest' })).body;
    expect(
      (
        await env.t.call('POST', `/api/consultations/${a.consultation.id}/join`, {
          body: { displayName: 'x' },
        })
      ).status,
    ).toBe(401);
    const [payload] = a.links.guests[0].capability.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        r: 'host',
        p: 'host',
      }),
    ).toString('base64url');
    const forged = `${forgedPayload}.${a.links.guests[0].capability.split('.')[1]}`;
    expect((await join(a.consultation.id, forged)).status).toBe(401);
    const selfSigned = `${forgedPayload}.${createHmac('sha256', 'guess').update(forgedPayload).digest('base64url')}`;
    expect((await join(a.consultation.id, selfSigned)).status).toBe(401);
    const foreign = await join(a.consultation.id, b.links.host.capability);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toBe('forbidden');
    // The same MAC in standard base64, padded, or with a non-canonical last character.
    const [p, mac] = a.links.guests[0].capability.split('.');
    const std = Buffer.from(mac, 'base64url').toString('base64');
    expect(std).not.toBe(mac);
    for (const variant of [
      `${p}.${std}`,
      `${p}.${mac}=`,
      `${p}.${mac.slice(0, -1)}${String.fromCharCode(mac.charCodeAt(42) + 1)}`,
    ]) {
      expect((await join(a.consultation.id, variant)).status).toBe(401);
    }
    expect((await join(a.consultation.id, a.links.guests[0].capability)).status).toBe(200);

    env.sim.control.advanceClock(3 * 3600_000);
    const expired = await join(a.consultation.id, a.links.guests[0].capability);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('link-expired');
  });

  it('cleans display names and refuses empty ones with 400', async () => {
    const { body } = await create();
    const ok = await join(
      body.consultation.id,
      body.links.guests[0].capability,
      '  Ana\u202e \u0000Silva  ',
    );
    expect(ok.body.displayName).toBe('Ana Silva');
    const bad = await join(body.consultation.id, body.links.guests[0].capability, '\u200b\u200b');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid-input');
    // One limit, in code points (@g2g/webex-spec): refused in its words, never clipped.
    const long = await join(body.consultation.id, body.links.guests[0].capability, 'é'.repeat(129));
    expect(long.body).toMatchObject({
      error: 'invalid-input',
      message: expect.stringMatching(/at most 128/),
    });
  });
});

describe('guest tokens, Instant Connect', () => {
  it('mints guest tokens only against a walk-in pass: one org, one guest, rate-limited', async () => {
    const anonymous = await env.t.call('POST', '/api/guest-tokens', {
      body: { displayName: 'Walk-in' },
    });
    expect(anonymous.status).toBe(401);
    const made = await env.t.op('POST', '/api/walk-in-passes', { validMinutes: 30 });
    expect(made.status).toBe(201);
    expect(made.body.url).toBe(`http://127.0.0.1:5173/manual#pass=${made.body.pass}`);
    const mint = () =>
      env.t.call('POST', '/api/guest-tokens', {
        body: { displayName: 'Walk-in' },
        token: made.body.pass,
      });
    const res = await mint();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Walk-in', accessToken: expect.any(String) });
    const me = async (token: string) =>
      (await (
        await fetch(`${env.sim.url}/v1/people/me`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json()) as { id: string; orgId: string };
    const again = await mint();
    expect((await me(res.body.accessToken)).id).toBe((await me(again.body.accessToken)).id);
    let last = again.status;
    for (let i = 0; i < 3; i++) last = (await mint()).status;
    expect(last).toBe(429);
    // A participant capability is no walk-in pass.
    const c = (await create()).body;
    const wrong = await env.t.call('POST', '/api/guest-tokens', {
      body: { displayName: 'x' },
      token: c.links.guests[0].capability,
    });
    expect([401, 429]).toContain(wrong.status);
    env.sim.control.advanceClock(31 * 60_000);
    expect([401, 429]).toContain((await mint()).status);
  });

  it('makes Instant Connect links that resolve on the simulator', async () => {
    const res = await env.t.op('POST', '/api/instant-connect', { numGuest: 2 });
    expect(res.status).toBe(200);
    expect(res.body.host).toHaveLength(1);
    expect(res.body.guest).toHaveLength(2);
    expect(res.body.host[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mtg-broker/);
    const landed = await (await fetch(res.body.guest[0].url)).json();
    expect(landed).toMatchObject({ sub: res.body.subject, role: 'guest', verticalType: 'gen' });
    expect(
      (await env.t.op('POST', '/api/instant-connect', { numHost: 0, numGuest: 0 })).status,
    ).toBe(400);
    expect((await env.t.call('POST', '/api/instant-connect', { body: {} })).status).toBe(401);
  });
});

describe('licence meter', () => {
  it('refuses a new consultation at the limit with a clear 409, and frees the slot when a meeting ends', async () => {
    const started: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { body } = await create({ title: `Visit ${i}` });
      const guest = await join(body.consultation.id, body.links.guests[0].capability);
      await joinThroughLocus(env.sim, guest.body);
      started.push(body.consultation.meetingNumber);
    }
    await env.sim.control.webhooksIdle();
    expect((await env.t.op('GET', '/api/tenant')).body.licence).toMatchObject({
      inProgress: 2,
      limit: 2,
    });

    const refused = await create({ title: 'One too many' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('licence-limit');
    expect(refused.body.message).toMatch(/allows 2 meetings in progress at once and 2 are running/);

    env.sim.control.endMeeting(started[0]!);
    await env.sim.control.webhooksIdle();
    expect((await create({ title: 'Now it fits' })).status).toBe(201);
  });
});

describe('secrets scan', () => {
  it('no response body or log line of this file contains a Service App token or the client secret', () => {
    rememberSecrets(env.sim);
    // The scan is only meaningful if there is something to find and somewhere to look.
    expect(serviceAppSecrets(env.sim).length).toBeGreaterThan(2);
    expect(seen.logs.length).toBeGreaterThan(20);
    expect(seen.responses.length).toBeGreaterThan(20);
    expect(leakedSecrets(env.sim)).toEqual([]);
  });
});
