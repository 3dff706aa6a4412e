import { describe, expect, it } from 'vitest';
import { type Sim } from '../index';
import { type client, expectEnvelope, provision, type App, simPerTest } from './testkit';

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
    expect([...sim.world.memberships.values()].map((m) => m.roomId)).toEqual([res.body.id]);
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

describe('ad-hoc space meetings', () => {
  it('creates one meeting per space and returns the ongoing one', async () => {
    const room = await newRoom();
    const first = await call('POST', '/v1/meetings', {
      token,
      body: { roomId: room.id, adhoc: true },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ roomId: room.id, adhoc: true, title: 'Care team' });
    const second = await call('POST', '/v1/meetings', {
      token,
      body: { roomId: room.id, adhoc: true },
    });
    expect(second.body.id).toBe(first.body.id);

    const m = sim.world.meetings.get(first.body.id)!;
    sim.world.startMeeting(m, m.hostUserId);
    sim.world.endMeeting(m, m.hostUserId);
    const third = await call('POST', '/v1/meetings', {
      token,
      body: { roomId: room.id, adhoc: true },
    });
    expect(third.body.id).not.toBe(first.body.id);
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
