import { describe, expect, it } from 'vitest';
import { type Sim } from '../index';
import { type client, expectEnvelope, provision, type App, simPerTest } from './testkit';
import { worldOf } from '../testing/world';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
let token: string;

simPerTest('rooms', (t) => ({ sim, call, app, token } = t));

const newRoom = async (t = token) =>
  (await call('POST', '/v1/rooms', { token: t, body: { title: 'Care team' } })).body;

describe('POST /v1/rooms and /v1/memberships', () => {
  it('creates a room with a Hydra ROOM id, the creator a member', async () => {
    const res = await call('POST', '/v1/rooms', { token, body: { title: 'Care team' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Care team', type: 'group', isLocked: false });
    expect(Buffer.from(res.body.id, 'base64url').toString()).toMatch(
      /^ciscospark:\/\/us\/ROOM\/[0-9a-f-]{36}$/,
    );
    const me = await call('GET', '/v1/people/me', { token });
    expect(res.body.creatorId).toBe(me.body.id);
    expect([...worldOf(sim).rooms.allMemberships()].map((m) => m.roomId)).toEqual([res.body.id]);
  });

  it('validates the title', async () => {
    const res = await call('POST', '/v1/rooms', { token, body: {} });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions).toEqual(['title is required.']);
  });

  it('adds people by email or id, and refuses duplicates with 409', async () => {
    const room = await newRoom();
    const guest = (
      await call('POST', '/v1/guests/token', { token, body: { subject: 'g', displayName: 'Gus' } })
    ).body;
    const byEmail = await call('POST', '/v1/memberships', {
      token,
      body: { roomId: room.id, personEmail: guest.email },
    });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({
      roomId: room.id,
      personId: guest.id,
      personEmail: guest.email,
      personDisplayName: 'Gus',
      isModerator: false,
    });
    const again = await call('POST', '/v1/memberships', {
      token,
      body: { roomId: room.id, personId: guest.id },
    });
    expect(again.status).toBe(409);
    expectEnvelope(again);
    const stranger = await call('POST', '/v1/memberships', {
      token,
      body: { roomId: room.id, personEmail: 'new@example.com', isModerator: true },
    });
    expect(stranger.status).toBe(200);
    expect(stranger.body.isModerator).toBe(true);
  });

  it.each([
    [{ personEmail: 'a@b.co' }, 400, /roomId is required/],
    [{ roomId: 'R', personEmail: 'a@b.co', personId: 'x' }, 404, /room was not found/],
  ])('validates %j', async (body, status, pattern) => {
    const res = await call('POST', '/v1/memberships', { token, body });
    expect(res.status).toBe(status);
    expect(expectEnvelope(res).descriptions[0]).toMatch(pattern);
  });

  it('needs exactly one of personId and personEmail, and a known personId', async () => {
    const room = await newRoom();
    const both = await call('POST', '/v1/memberships', {
      token,
      body: { roomId: room.id, personEmail: 'a@b.co', personId: 'x' },
    });
    expect(both.status).toBe(400);
    const unknown = await call('POST', '/v1/memberships', {
      token,
      body: {
        roomId: room.id,
        personId: Buffer.from(
          'ciscospark://us/PEOPLE/00000000-0000-4000-8000-000000000000',
        ).toString('base64url'),
      },
    });
    expect(unknown.status).toBe(404);
  });

  it('answers 404 for another org’s room and 403 to non-members', async () => {
    const room = await newRoom();
    const other = provision(sim);
    const res = await call('POST', '/v1/memberships', {
      token: other.tokens.accessToken,
      body: { roomId: room.id, personEmail: 'a@b.co' },
    });
    expect(res.status).toBe(404);
    const sameOrg = provision(sim, { orgId: app.orgId });
    const outsider = await call('POST', '/v1/memberships', {
      token: sameOrg.tokens.accessToken,
      body: { roomId: room.id, personEmail: 'a@b.co' },
    });
    expect(outsider.status).toBe(403);
  });
});

describe('GET /v1/rooms, /v1/rooms/{id} and /v1/memberships', () => {
  it('lists the caller’s rooms and reads one', async () => {
    const a = await newRoom();
    const b = (await call('POST', '/v1/rooms', { token, body: { title: 'Second' } })).body;
    const other = provision(sim, { orgId: app.orgId });
    await newRoom(other.tokens.accessToken); // not ours
    const list = await call('GET', '/v1/rooms', { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id).sort()).toEqual([a.id, b.id].sort());
    const byCreation = await call('GET', '/v1/rooms?sortBy=created&max=1', { token });
    expect(byCreation.body.items.map((r: { id: string }) => r.id)).toEqual([a.id]);
    expect((await call('GET', '/v1/rooms?type=direct', { token })).body.items).toEqual([]);

    const one = await call('GET', `/v1/rooms/${a.id}`, { token });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(a);
    // Someone else's room is not found, like a missing one.
    expect(
      (await call('GET', `/v1/rooms/${a.id}`, { token: other.tokens.accessToken })).status,
    ).toBe(404);
  });

  it.each([
    ['max=0', /max must be at least 1/],
    ['max=1001', /max must be at most 1000/],
    ['sortBy=title', /sortBy must be one of id, lastactivity, created/],
    ['type=space', /type must be one of direct, group/],
  ])('answers 400 for rooms?%s', async (query, pattern) => {
    const res = await call('GET', `/v1/rooms?${query}`, { token });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions[0]).toMatch(pattern);
  });

  it('lists a room’s memberships, filtered by person', async () => {
    const room = await newRoom();
    const pat = (
      await call('POST', '/v1/memberships', {
        token,
        body: { roomId: room.id, personEmail: 'pat@example.com' },
      })
    ).body;
    const list = await call('GET', `/v1/memberships?roomId=${room.id}`, { token });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[1]).toEqual(pat);
    const byEmail = await call(
      'GET',
      `/v1/memberships?roomId=${room.id}&personEmail=PAT@example.com`,
      { token },
    );
    expect(byEmail.body.items).toEqual([pat]);
    const byId = await call('GET', `/v1/memberships?roomId=${room.id}&personId=${pat.personId}`, {
      token,
    });
    expect(byId.body.items).toEqual([pat]);
    // Without roomId: the caller's own memberships.
    const mine = await call('GET', '/v1/memberships', { token });
    expect(mine.body.items.map((m: { roomId: string }) => m.roomId)).toEqual([room.id]);

    const noRoom = await call('GET', `/v1/memberships?personEmail=pat@example.com`, { token });
    expect(noRoom.status).toBe(400);
    expect(expectEnvelope(noRoom).descriptions[0]).toMatch(/roomId is required/);
    const outsider = provision(sim, { orgId: app.orgId });
    expect(
      (
        await call('GET', `/v1/memberships?roomId=${room.id}`, {
          token: outsider.tokens.accessToken,
        })
      ).status,
    ).toBe(403);
  });

  it('deletes a room with its memberships', async () => {
    const room = await newRoom();
    const member = provision(sim, { orgId: app.orgId });
    const me = (await call('GET', '/v1/people/me', { token: member.tokens.accessToken })).body;
    await call('POST', '/v1/memberships', { token, body: { roomId: room.id, personId: me.id } });
    // A plain member may not delete it.
    expect(
      (await call('DELETE', `/v1/rooms/${room.id}`, { token: member.tokens.accessToken })).status,
    ).toBe(403);
    const del = await call('DELETE', `/v1/rooms/${room.id}`, { token });
    expect(del.status).toBe(204);
    expect((await call('GET', `/v1/rooms/${room.id}`, { token })).status).toBe(404);
    expect([...worldOf(sim).rooms.allMemberships()].filter((m) => m.roomId === room.id)).toEqual(
      [],
    );
  });
});

describe('ad-hoc space meetings', () => {
  it('creates one meeting per space and returns the ongoing one', async () => {
    const room = await newRoom();
    const first = await call('POST', '/v1/meetings', {
      token,
      body: { roomId: room.id, adhoc: true },
    });
    expect(first.status).toBe(200);
    // The spec's ad-hoc defaults: the caller's name as title, its other inputs ignored.
    expect(first.body).toMatchObject({
      roomId: room.id,
      title: app.name,
      timezone: 'UTC',
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 0,
      unlockedMeetingJoinSecurity: 'allowJoinWithLobby',
    });
    expect(first.body).not.toHaveProperty('adhoc');
    const second = await call('POST', '/v1/meetings', {
      token,
      body: { roomId: room.id, adhoc: true },
    });
    expect(second.body.id).toBe(first.body.id);

    const m = worldOf(sim).meetings.get(first.body.id)!;
    worldOf(sim).meetings.start(m, m.hostUserId);
    worldOf(sim).meetings.end(m, m.hostUserId);
    const third = await call('POST', '/v1/meetings', {
      token,
      body: { roomId: room.id, adhoc: true },
    });
    expect(third.body.id).not.toBe(first.body.id);
  });

  it('invites the space’s members but the caller, as cohosts', async () => {
    const room = await newRoom();
    await call('POST', '/v1/memberships', {
      token,
      body: { roomId: room.id, personEmail: 'pat@example.com' },
    });
    const res = await call('POST', '/v1/meetings', {
      token,
      body: { roomId: room.id, adhoc: true, invitees: [{ email: 'ignored@example.com' }] },
    });
    expect(worldOf(sim).meetings.get(res.body.id)!.invitees).toEqual([
      { email: 'pat@example.com', displayName: 'pat', coHost: true },
    ]);
  });

  it('needs roomId, an existing room and membership', async () => {
    const noRoom = await call('POST', '/v1/meetings', { token, body: { adhoc: true } });
    expect(noRoom.status).toBe(400);
    expect(expectEnvelope(noRoom).descriptions[0]).toMatch(/roomId is required/);
    const unknown = await call('POST', '/v1/meetings', {
      token,
      body: { adhoc: true, roomId: 'nope' },
    });
    expect(unknown.status).toBe(404);
    const room = await newRoom();
    const sameOrg = provision(sim, { orgId: app.orgId });
    const outsider = await call('POST', '/v1/meetings', {
      token: sameOrg.tokens.accessToken,
      body: { adhoc: true, roomId: room.id },
    });
    expect(outsider.status).toBe(403);
  });
});
