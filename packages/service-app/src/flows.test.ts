import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@g2g/webex-sim';
import { createServiceApp, type ServiceApp } from './service-app';
import { InvalidInputError, LicenceLimitError, MeetingPreferencesError } from './errors';
import { cleanDisplayName, guestSubject } from './guests';
import { LicenceMeter, LIST_LAG_MS } from './licence-meter';
import { joinThroughLocus, simMinutes, tokenResponse, type App } from './testing/sim-kit';

let sim: Sim;
let app: App;
let sa: ServiceApp;

beforeAll(async () => {
  sim = await startSim({ seed: 'flows' });
});
afterAll(() => sim.close());

async function serviceApp(a: App): Promise<ServiceApp> {
  const s = createServiceApp({
    clientId: a.clientId,
    clientSecret: a.clientSecret,
    applicationId: a.applicationId,
    baseUrl: `${sim.url}/v1`,
    instantConnect: { brokerUrl: `${sim.url}/mtg-broker`, linkBase: `${sim.url}/mtg-broker` },
  });
  await s.tokens.adopt(a.orgId, tokenResponse(a.tokens), { siteUrl: a.siteUrl });
  return s;
}

beforeEach(async () => {
  sim.control.reset();
  app = sim.control.createServiceApp({ licenceLimit: 2 }) as App;
  sa = await serviceApp(app);
});

const visit = (extra = {}) => ({
  title: 'Consultation',
  start: simMinutes(sim, 1),
  end: simMinutes(sim, 31),
  mode: 'no-host' as const,
  siteUrl: app.siteUrl,
  ...extra,
});

describe('guests', () => {
  it('cleans display names and derives subjects from our own ids', () => {
    expect(cleanDisplayName('  Dr.\u202e  Ada\n\tLovelace\u200b ')).toBe('Dr. Ada Lovelace');
    // Refused, not clipped: the rule (and its count in code points) is @g2g/webex-spec's.
    expect(() => cleanDisplayName('é'.repeat(129))).toThrow(/at most 128/);
    expect(cleanDisplayName('😀'.repeat(128))).toHaveLength(256);
    expect(() => cleanDisplayName(' \u200b\u0007 ')).toThrow(InvalidInputError);
    expect(() => cleanDisplayName(42)).toThrow(InvalidInputError);
    expect(guestSubject('consultation', 'abc', 'guest', '1')).toBe('g2g:consultation:abc:guest:1');
    expect(() => guestSubject('a b')).toThrow(InvalidInputError);
  });

  it('mints guest tokens and counts guests', async () => {
    const g = await sa.guests.mint(app.orgId, {
      subject: guestSubject('c1', 'guest', '1'),
      displayName: ' Pat\u0000ient ',
    });
    expect(g).toMatchObject({ subject: 'g2g:c1:guest:1', displayName: 'Patient' });
    expect(g.accessToken).toBeTruthy();
    expect(g.expiresAt).toBeGreaterThan(sim.control.now());
    await sa.guests.mint(app.orgId, { subject: 'g2g:c1:guest:2', displayName: 'Other' });
    expect(await sa.guests.count(app.orgId)).toBe(2);
    sim.control.configure({ guestCountShape: 'object' });
    expect(await sa.guests.count(app.orgId)).toBe(2);
  });
});

describe('meetings', () => {
  it('no-host mode: fixes join-before-host once, then schedules with allowJoin', async () => {
    expect(await sa.meetings.ensureNoHostPreferences(app.orgId)).toBe('fixed');
    expect(await sa.meetings.ensureNoHostPreferences(app.orgId)).toBe('already-set');
    const m = await sa.meetings.schedule(app.orgId, visit());
    expect(m).toMatchObject({
      siteUrl: app.siteUrl,
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 5,
      unlockedMeetingJoinSecurity: 'allowJoin',
    });
    expect(m.meetingNumber).toMatch(/^\d+$/);
    expect(m.password).toBeTruthy();
    expect((await sa.meetings.get(app.orgId, m.id)).id).toBe(m.id);
    expect(await sa.meetings.delete(app.orgId, m.id)).toBe('deleted');
    expect(await sa.meetings.delete(app.orgId, m.id)).toBe('already-gone');
  });

  it('says which Control Hub setting to change when it may not fix preferences', async () => {
    await expect(sa.meetings.ensureNoHostPreferences(app.orgId, { fix: false })).rejects.toThrow(
      /Control Hub.*join before host/,
    );
    const limited = sim.control.createServiceApp({
      scopes: ['guest-meeting:rw', 'meeting:preferences_read', 'guest-issuer:write'],
    }) as App;
    const s = await serviceApp(limited);
    const e = await s.meetings.ensureNoHostPreferences(limited.orgId).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MeetingPreferencesError);
    expect((e as MeetingPreferencesError).code).toBe('meeting-preferences');
    expect((e as Error).message).toMatch(/Allow attendees or panelists to join before host/);
  });

  it('host-guest mode: the machine account gets a start link; guests a join link that expires', async () => {
    const m = await sa.meetings.schedule(app.orgId, visit({ mode: 'host-guest' }));
    expect(m.unlockedMeetingJoinSecurity).toBe('allowJoinWithLobby');
    expect(m.hostKey).toMatch(/^\d+$/);
    const host = await sa.joinLinks.create(app.orgId, {
      meetingId: m.id,
      hostEmail: app.machineAccountEmail,
      expirationMinutes: 30,
    });
    expect(host.startLink).toMatch(/^https:\/\//);
    expect(host.joinLink).toMatch(/^https:\/\//);
    expect(Date.parse(host.expiration!)).toBeGreaterThan(sim.control.now());
    const req = sim.control.requests({ path: '/v1/meetings/join' })[0]!;
    expect(req.status).toBe(200);
    await expect(
      sa.joinLinks.create(app.orgId, { meetingId: m.id, hostEmail: 'x', expirationMinutes: 61 }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('schedules on behalf of a licensed user, refreshing and retrying once after a 401', async () => {
    const admin = sim.control.createServiceApp({
      scopes: ['meeting:admin_schedule_write', 'meeting:schedules_write', 'meeting:schedules_read'],
    }) as App;
    const s = await serviceApp(admin);
    const user = sim.control.createUser({
      orgId: admin.orgId,
      displayName: 'Dr. Licensed',
      email: 'doctor@example.com',
    });
    sim.control.expireToken(admin.tokens.accessToken);
    const m = await s.meetings.schedule(admin.orgId, {
      title: 'On behalf',
      start: simMinutes(sim, 60),
      end: simMinutes(sim, 90),
      mode: 'host-guest',
      hostEmail: user.email,
    });
    expect(m.hostEmail).toBe('doctor@example.com');
    expect(sim.control.requests({ path: '/v1/meetings' }).map((r) => r.status)).toEqual([401, 200]);
    expect(sim.control.requests({ path: '/v1/access_token' })).toHaveLength(1);
  });
});

describe('spaces', () => {
  it('creates a room, adds the guests and starts its ad-hoc meeting', async () => {
    const space = await sa.spaces.createSpaceMeeting(app.orgId, {
      title: 'Care team',
      members: [{ personEmail: 'patient@example.com' }, { personEmail: 'carer@example.com' }],
    });
    expect(space.roomId).toBeTruthy();
    expect(space.membershipIds).toHaveLength(2);
    expect(space.meeting.meetingNumber).toMatch(/^\d+$/);
    const again = await sa.spaces.adhocMeeting(app.orgId, space.roomId);
    expect(again.id).toBe(space.meeting.id);
  });
});

describe('Instant Connect', () => {
  it('makes short and long host and guest links that resolve', async () => {
    const short = await sa.instantConnect.createLinks(app.orgId, {
      subject: 'visit-1',
      verticalType: 'gen',
      short: true,
      loginUrlForHost: false,
      numGuest: 2,
    });
    expect(short.host).toHaveLength(1);
    expect(short.guest).toHaveLength(2);
    const res = await fetch(short.guest[0]!, { redirect: 'follow' });
    expect(await res.json()).toMatchObject({ sub: 'visit-1', role: 'guest', verticalType: 'gen' });

    const long = await sa.instantConnect.createLinks(app.orgId, { subject: 'visit-2' });
    expect(long.host[0]).toMatch(/\/hc\/v1\/login\?int=jose&v=1&data=/);
    expect(long.guest[0]).toMatch(/\/hc\/v1\/talk\?int=jose&v=1&data=/);
    const host = await (await fetch(long.host[0]!)).json();
    expect(host).toMatchObject({ sub: 'visit-2', role: 'host', loginRequired: true });
  });
});

describe('licence meter', () => {
  it('counts meetings in progress from webhooks and refuses at the limit', async () => {
    const meter = new LicenceMeter({ limit: 2, now: () => sim.control.now() });
    const envelope = (event: string, id: string) => ({
      id: 'w',
      resource: 'meetings',
      event,
      orgId: 'o',
      data: { id, siteUrl: app.siteUrl },
    });
    expect(await meter.onWebhook(envelope('started', 'a'))).toBe(true);
    expect(await meter.onWebhook(envelope('started', 'a'))).toBe(false);
    await meter.onWebhook(envelope('started', 'b'));
    const refused = await meter.check(app.siteUrl).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LicenceLimitError);
    expect((refused as LicenceLimitError).message).toMatch(/allows 2 meetings in progress/);
    await meter.onWebhook(envelope('ended', 'a'));
    await expect(meter.check(app.siteUrl)).resolves.toBeUndefined();
  });

  it('reconciles with the list API: adds what it missed, drops stale ones after the lag', async () => {
    await sa.meetings.ensureNoHostPreferences(app.orgId);
    const m = await sa.meetings.schedule(app.orgId, visit());
    const g = await sa.guests.mint(app.orgId, { subject: 'g2g:x:1', displayName: 'Guest' });
    await joinThroughLocus(sim, g.accessToken, m.meetingNumber, m.password);
    const listed = await sa.meetings.listInProgress(app.orgId, app.siteUrl);
    expect(listed.map((x) => x.id)).toEqual([m.id]);

    const meter = new LicenceMeter({ limit: 2, now: () => sim.control.now() });
    await meter.onWebhook({
      id: 'w',
      resource: 'meetings',
      event: 'started',
      orgId: 'o',
      data: { id: 'lost-end', siteUrl: app.siteUrl },
    });
    await meter.reconcile(app.siteUrl, listed);
    expect((await meter.usage(app.siteUrl)).inProgress).toBe(2);
    sim.control.advanceClock(LIST_LAG_MS + 60_000);
    await meter.reconcile(app.siteUrl, listed);
    expect((await meter.usage(app.siteUrl)).inProgress).toBe(1);
  });
});
