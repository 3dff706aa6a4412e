import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../index';
import { client, expectEnvelope, meetingBody, provision, type App, type Json } from './testkit';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
let token: string;
let meeting: Json;

beforeAll(async () => {
  sim = await startSim({ seed: 'join-links' });
  call = client(sim);
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.control.reset();
  app = provision(sim);
  token = app.tokens.accessToken;
  meeting = (
    await call('POST', '/v1/meetings', {
      token,
      body: meetingBody(sim, { invitees: [{ email: 'invited@example.com' }] }),
    })
  ).body;
});

const join = (body: Record<string, unknown>, t = token) =>
  call('POST', '/v1/meetings/join', { token: t, body });

describe('POST /v1/meetings/join', () => {
  it('gives the host a start link and a join link, with the expiry', async () => {
    const before = sim.control.now();
    const res = await join({
      meetingId: meeting.id,
      joinDirectly: false,
      hostEmail: app.machineAccountEmail,
      expirationMinutes: 30,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['startLink', 'joinLink', 'expiration']);
    const prefix = `https://${app.siteUrl}/`;
    expect(res.body.joinLink.startsWith(prefix)).toBe(true);
    expect(res.body.startLink.startsWith(prefix)).toBe(true);
    const expiresAt = Date.parse(res.body.expiration);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(sim.control.now() + 30 * 60_000);
    const start = sim.control.readJoinLink(res.body.startLink)!;
    const joinClaims = sim.control.readJoinLink(res.body.joinLink)!;
    expect(start).toMatchObject({ meetingId: meeting.id, role: 'host', expired: false });
    expect(joinClaims).toMatchObject({ meetingId: meeting.id, role: 'attendee', expired: false });
    expect(start.expiresAt).toBe(Date.parse(res.body.expiration));
  });

  it('answers the webLink itself for links asked "as web link", without expiry for both', async () => {
    const base = { meetingId: meeting.id, joinDirectly: false, hostEmail: app.machineAccountEmail };
    const joinOnly = await join({ ...base, createJoinLinkAsWebLink: true });
    expect(joinOnly.body.joinLink).toBe(meeting.webLink);
    expect(joinOnly.body.startLink).not.toBe(meeting.webLink);
    expect(joinOnly.body.expiration).toEqual(expect.any(String));
    const both = await join({
      ...base,
      createJoinLinkAsWebLink: true,
      createStartLinkAsWebLink: true,
    });
    expect(both.body).toEqual({ startLink: meeting.webLink, joinLink: meeting.webLink });
  });

  it('expires links with the simulated clock (default 15 minutes)', async () => {
    const before = sim.control.now();
    const res = await join({
      meetingNumber: meeting.meetingNumber,
      joinDirectly: false,
      hostEmail: app.machineAccountEmail,
    });
    const expiresAt = Date.parse(res.body.expiration);
    // Bounded by the clock before and after the call, not by elapsed time.
    expect(expiresAt).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(sim.control.now() + 15 * 60_000);
    expect(sim.control.readJoinLink(res.body.joinLink)!.expired).toBe(false);
    sim.control.advanceClock(15 * 60_000);
    expect(sim.control.readJoinLink(res.body.joinLink)!.expired).toBe(true);
  });

  it('finds the meeting by webLink too', async () => {
    const res = await join({
      webLink: meeting.webLink,
      joinDirectly: false,
      hostEmail: app.machineAccountEmail,
    });
    expect(res.status).toBe(200);
    expect(sim.control.readJoinLink(res.body.joinLink)!.meetingId).toBe(meeting.id);
  });

  it('redirects with 302 when joinDirectly is omitted', async () => {
    const res = await join({ meetingId: meeting.id, hostEmail: app.machineAccountEmail });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(sim.control.readJoinLink(location)).toMatchObject({
      meetingId: meeting.id,
      role: 'attendee',
    });
  });

  it('gives no start link to someone who is not the host', async () => {
    const user = sim.control.createUser({
      orgId: app.orgId,
      displayName: 'Dr',
      email: 'dr@acme.test',
    });
    const res = await join({
      meetingId: meeting.id,
      joinDirectly: false,
      hostEmail: user.email,
      password: meeting.password,
    });
    expect(res.status).toBe(200);
    expect(res.body.startLink).toBeUndefined();
    expect(res.body.joinLink).toEqual(expect.any(String));
  });

  it('needs the password from non-hosts who are not invited', async () => {
    const user = sim.control.createUser({
      orgId: app.orgId,
      displayName: 'Dr',
      email: 'dr@acme.test',
    });
    const base = { meetingId: meeting.id, joinDirectly: false, hostEmail: user.email };
    const missing = await join(base);
    expect(missing.status).toBe(403);
    expect(expectEnvelope(missing).descriptions[0]).toMatch(/password is required/);
    expect((await join({ ...base, password: 'wrong' })).status).toBe(403);
  });

  it('carries email and displayName into the link', async () => {
    const res = await join({
      meetingId: meeting.id,
      joinDirectly: false,
      hostEmail: app.machineAccountEmail,
      email: 'pat@example.com',
      displayName: 'Pat',
    });
    expect(sim.control.readJoinLink(res.body.joinLink)).toMatchObject({
      email: 'pat@example.com',
      displayName: 'Pat',
    });
  });

  it.each([
    [{ meetingId: undefined }, /exactly one of meetingId, meetingNumber or webLink/],
    [{ meetingNumber: '1' }, /exactly one/],
    [{ displayName: 'Pat' }, /displayName needs email/],
    [{ displayName: 'x'.repeat(129), email: 'a@b.co' }, /at most 128/],
    [{ email: 'not-an-email' }, /email is not a valid/],
    [{ expirationMinutes: 0 }, /expirationMinutes must be from 1 to 60/],
    [{ expirationMinutes: 61 }, /expirationMinutes must be from 1 to 60/],
    [{ hostEmail: undefined }, /hostEmail is required when using a Service App token/],
    [{ hostEmail: 'stranger@example.com' }, /not a user in this organization/],
  ])('answers 400 for %j', async (extra, pattern) => {
    const res = await join({
      meetingId: meeting.id,
      joinDirectly: false,
      hostEmail: app.machineAccountEmail,
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions.join(' ')).toMatch(pattern);
  });

  it('answers 404 for unknown meetings and other orgs’ meetings', async () => {
    expect(
      (
        await join({
          meetingNumber: '29999999999',
          joinDirectly: false,
          hostEmail: app.machineAccountEmail,
        })
      ).status,
    ).toBe(404);
    const other = provision(sim);
    const res = await join(
      { meetingId: meeting.id, joinDirectly: false, hostEmail: other.machineAccountEmail },
      other.tokens.accessToken,
    );
    expect(res.status).toBe(404);
  });

  it('lets a user token ask for itself without hostEmail', async () => {
    const user = sim.control.createUser({
      orgId: app.orgId,
      displayName: 'Dr',
      email: 'dr@acme.test',
    });
    const own = (
      await call('POST', '/v1/meetings', { token: user.accessToken, body: meetingBody(sim) })
    ).body;
    const res = await join({ meetingId: own.id, joinDirectly: false }, user.accessToken);
    expect(res.status).toBe(200);
    expect(res.body.startLink).toEqual(expect.any(String));
  });

  it('rejects tampered link tokens', async () => {
    const res = await join({
      meetingId: meeting.id,
      joinDirectly: false,
      hostEmail: app.machineAccountEmail,
    });
    const url = new URL(res.body.joinLink);
    const t = url.searchParams.get('t')!;
    url.searchParams.set('t', `${t.slice(0, -2)}${t.endsWith('AA') ? 'BB' : 'AA'}`);
    expect(sim.control.readJoinLink(url.toString())).toBeUndefined();
  });
});
