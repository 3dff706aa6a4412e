import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../index';
import { client, expectEnvelope, inMinutes, meetingBody, provision, type App } from './testkit';
import { worldOf } from '../testing/world';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
let token: string;

beforeAll(async () => {
  sim = await startSim({ seed: 'meetings' });
  call = client(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset();
  app = provision(sim, { orgName: 'Acme Health' });
  token = app.tokens.accessToken;
});

const create = (extra: Record<string, unknown> = {}, t = token) =>
  call('POST', '/v1/meetings', { token: t, body: meetingBody(sim, extra) });

async function expect400(extra: Record<string, unknown>, pattern: RegExp) {
  const res = await create(extra);
  expect(res.status).toBe(400);
  const env = expectEnvelope(res);
  expect(env.message).toBe('The input parameters contain invalid items.');
  expect(env.descriptions.join(' ')).toMatch(pattern);
}

describe('POST /v1/meetings', () => {
  it('answers 200 with the documented fields', async () => {
    const res = await create({ timezone: 'Europe/Paris' });
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      meetingNumber: expect.stringMatching(/^\d{11}$/),
      title: 'Consultation',
      password: expect.any(String),
      meetingType: 'meetingSeries',
      state: 'active',
      timezone: 'Europe/Paris',
      hostKey: expect.stringMatching(/^\d{6}$/),
      hostDisplayName: app.name,
      hostEmail: app.machineAccountEmail,
      siteUrl: 'acme-health-g2g.webex.com',
      webLink: expect.stringMatching(
        /^https:\/\/acme-health-g2g\.webex\.com\/acme-health-g2g\/j\.php\?MTID=m[0-9a-f]{32}$/,
      ),
      enabledJoinBeforeHost: false,
      joinBeforeHostMinutes: 0,
      unlockedMeetingJoinSecurity: 'allowJoinWithLobby',
      enabledAutoRecordMeeting: false,
      telephony: { accessCode: m.meetingNumber, callInNumbers: expect.any(Array) },
    });
    expect(m.sipAddress).toBe(`${m.meetingNumber}@acme-health-g2g.sim.webex.com`);
    expect(m.sipAddress.split('@')[1].split('.')).toHaveLength(4);
    expect(m.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[12]:00$/);
    expect(Buffer.from(m.hostUserId, 'base64url').toString()).toMatch(
      /^ciscospark:\/\/us\/PEOPLE\//,
    );
    // Licence accounting: the meeting belongs to the creating app.
    expect(worldOf(sim).meetings.get(m.id)).toMatchObject({
      appClientId: app.clientId,
      state: 'active',
    });
  });

  it('strips seconds and renders UTC with Z', async () => {
    const start = new Date(Date.parse(inMinutes(sim, 10)) + 42_000).toISOString();
    const end = new Date(Date.parse(inMinutes(sim, 40)) + 17_500).toISOString();
    const res = await create({ start, end });
    expect(res.status).toBe(200);
    expect(res.body.start).toBe(`${start.slice(0, 16)}:00Z`);
    expect(res.body.end).toBe(`${end.slice(0, 16)}:00Z`);
  });

  it('reads a start without offset in the given timezone', async () => {
    const res = await create({
      start: '2099-07-01T10:00:00',
      end: '2099-07-01T11:00:00',
      timezone: 'America/New_York',
    });
    expect(res.body.start).toBe('2099-07-01T10:00:00-04:00');
    expect(worldOf(sim).meetings.get(res.body.id)!.start).toBe(Date.parse('2099-07-01T14:00:00Z'));
  });

  it('keeps a given password and generates one otherwise', async () => {
    expect((await create({ password: 'Secret123' })).body.password).toBe('Secret123');
    const generated = (await create()).body.password;
    expect(generated).toMatch(/^[A-Za-z2-9]{11}$/);
  });

  it('accepts the no-host settings', async () => {
    const res = await create({
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 5,
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledAutoRecordMeeting: true,
      invitees: [{ email: 'pat@example.com', displayName: 'Pat', coHost: true }],
      sendEmail: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: 5,
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledAutoRecordMeeting: true,
    });
    expect(worldOf(sim).meetings.get(res.body.id)!.invitees).toEqual([
      { email: 'pat@example.com', displayName: 'Pat', coHost: true },
    ]);
  });

  it('takes join-before-host defaults from the org scheduling options', async () => {
    await call('PUT', '/v1/meetingPreferences/schedulingOptions', {
      token,
      body: {
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 10,
        enabledAutoShareRecording: false,
      },
    });
    const res = await create();
    expect(res.body).toMatchObject({ enabledJoinBeforeHost: true, joinBeforeHostMinutes: 10 });
  });

  it('validates the title', async () => {
    await expect400({ title: undefined }, /title is required/);
    await expect400({ title: 't'.repeat(129) }, /title must be at most 128/);
    await expect400({ title: '   ' }, /title must not be blank/);
    await expect400({ title: 42 }, /title must be a string/);
    expect((await create({ title: 't'.repeat(128) })).status).toBe(200);
  });

  it('validates start and end', async () => {
    await expect400({ start: 'tomorrow' }, /start must be an ISO-8601/);
    await expect400({ start: '2099-02-30T10:00:00Z' }, /start is not a valid date-time/);
    await expect400({ end: undefined }, /end is required/);
    await expect400(
      { start: inMinutes(sim, -2), end: inMinutes(sim, 30) },
      /start cannot be in the past/,
    );
    await expect400(
      { start: inMinutes(sim, 30), end: inMinutes(sim, 20) },
      /end must be after start/,
    );
    await expect400(
      { start: inMinutes(sim, 5), end: inMinutes(sim, 14) },
      /between 10 minutes and 23 hours 59/,
    );
    await expect400(
      { start: inMinutes(sim, 5), end: inMinutes(sim, 5 + 24 * 60) },
      /between 10 minutes/,
    );
    expect((await create({ start: inMinutes(sim, 5), end: inMinutes(sim, 15) })).status).toBe(200);
    expect(
      (await create({ start: inMinutes(sim, 5), end: inMinutes(sim, 5 + 23 * 60 + 59) })).status,
    ).toBe(200);
  });

  it('judges "the past" by the simulated clock', async () => {
    const body = meetingBody(sim);
    sim.control.advanceClock(60 * 60_000);
    const res = await call('POST', '/v1/meetings', { token, body });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions[0]).toMatch(/past/);
  });

  it('validates enums, numbers, timezone, site and invitees', async () => {
    await expect400({ timezone: 'Mars/Olympus' }, /timezone Mars\/Olympus is not a valid/);
    await expect400({ siteUrl: 'someone-else.webex.com' }, /siteUrl someone-else\.webex\.com/);
    await expect400({ joinBeforeHostMinutes: 7 }, /0, 5, 10 or 15/);
    await expect400({ joinBeforeHostMinutes: 5.5 }, /must be an integer/);
    await expect400(
      { unlockedMeetingJoinSecurity: 'letEveryoneIn' },
      /allowJoin, allowJoinWithLobby/,
    );
    await expect400({ enabledJoinBeforeHost: 'yes' }, /true or false/);
    await expect400({ password: 'a b' }, /password/);
    await expect400({ invitees: [{ email: 'nope' }] }, /invitees\[0\]\.email/);
    await expect400({ invitees: 'pat@example.com' }, /list of objects/);
    expect((await create({ siteUrl: app.siteUrl.toUpperCase() })).status).toBe(200);
  });

  it('answers 403 without a scheduling scope', async () => {
    const readOnly = provision(sim, { scopes: ['meeting:schedules_read'] });
    const res = await create({}, readOnly.tokens.accessToken);
    expect(res.status).toBe(403);
    expectEnvelope(res);
  });

  it('accepts guest-meeting:rw alone for scheduling', async () => {
    const g2g = provision(sim, { scopes: ['guest-meeting:rw'] });
    expect((await create({}, g2g.tokens.accessToken)).status).toBe(200);
  });

  it('refuses guest tokens', async () => {
    const guest = await call('POST', '/v1/guests/token', {
      token,
      body: { subject: 's', displayName: 'Guest' },
    });
    expect((await create({}, guest.body.accessToken)).status).toBe(403);
  });
});

describe('scheduling on behalf of a user (hostEmail)', () => {
  it('needs meeting:admin_schedule_write', async () => {
    const user = sim.control.createUser({
      orgId: app.orgId,
      displayName: 'Dr Who',
      email: 'dr@acme.test',
    });
    const res = await create({ hostEmail: user.email });
    expect(res.status).toBe(403);
    expect(expectEnvelope(res).descriptions[0]).toMatch(/meeting:admin_schedule_write/);
  });

  it('schedules for a licensed user of the org', async () => {
    const admin = provision(sim, {
      orgId: app.orgId,
      scopes: ['meeting:schedules_write', 'meeting:schedules_read', 'meeting:admin_schedule_write'],
    });
    const user = sim.control.createUser({
      orgId: app.orgId,
      displayName: 'Dr Who',
      email: 'dr@acme.test',
    });
    const res = await create({ hostEmail: 'DR@acme.test' }, admin.tokens.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hostEmail: 'dr@acme.test', hostDisplayName: 'Dr Who' });
    expect(worldOf(sim).meetings.get(res.body.id)!.hostUserId).toBe(user.personId);
  });

  it('refuses unlicensed, unknown and other-org hosts', async () => {
    const admin = provision(sim, {
      orgId: app.orgId,
      scopes: ['meeting:schedules_write', 'meeting:admin_schedule_write'],
    });
    const other = provision(sim);
    sim.control.createUser({
      orgId: app.orgId,
      displayName: 'U',
      email: 'u@acme.test',
      licensed: false,
    });
    sim.control.createUser({ orgId: other.orgId, displayName: 'O', email: 'o@other.test' });
    for (const hostEmail of ['u@acme.test', 'ghost@acme.test', 'o@other.test']) {
      const res = await create({ hostEmail }, admin.tokens.accessToken);
      expect(res.status).toBe(400);
      expect(expectEnvelope(res).descriptions[0]).toMatch(/not a licensed user/);
    }
  });

  it('lets a licensed user schedule for themselves', async () => {
    const user = sim.control.createUser({
      orgId: app.orgId,
      displayName: 'Dr Who',
      email: 'dr@acme.test',
    });
    const res = await create({}, user.accessToken);
    expect(res.status).toBe(200);
    expect(res.body.hostEmail).toBe('dr@acme.test');
    expect(worldOf(sim).meetings.get(res.body.id)!.appClientId).toBeUndefined();
  });
});

describe('GET and DELETE /v1/meetings/{id}', () => {
  it('reads back what was created', async () => {
    const created = (await create()).body;
    const res = await call('GET', `/v1/meetings/${created.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created);
  });

  it('answers 404 for unknown meetings and for other orgs', async () => {
    const created = (await create()).body;
    const other = provision(sim);
    for (const [id, t] of [
      ['0123456789abcdef0123456789abcdef', token],
      [created.id, other.tokens.accessToken],
    ] as const) {
      const res = await call('GET', `/v1/meetings/${id}`, { token: t });
      expect(res.status).toBe(404);
      expectEnvelope(res);
    }
    expect(
      (await call('DELETE', `/v1/meetings/${created.id}`, { token: other.tokens.accessToken }))
        .status,
    ).toBe(404);
  });

  it('needs a read scope', async () => {
    const created = (await create()).body;
    const writeOnly = provision(sim, { orgId: app.orgId, scopes: ['meeting:schedules_write'] });
    const res = await call('GET', `/v1/meetings/${created.id}`, {
      token: writeOnly.tokens.accessToken,
    });
    expect(res.status).toBe(403);
  });

  it('deletes with 204, then the meeting is gone', async () => {
    const created = (await create()).body;
    const del = await call('DELETE', `/v1/meetings/${created.id}`, { token });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await call('GET', `/v1/meetings/${created.id}`, { token })).status).toBe(404);
  });

  it('refuses to delete a meeting in progress', async () => {
    const created = (await create()).body;
    const m = worldOf(sim).meetings.get(created.id)!;
    worldOf(sim).meetings.start(m, m.hostUserId);
    const res = await call('DELETE', `/v1/meetings/${created.id}`, { token });
    expect(res.status).toBe(409);
    expect(expectEnvelope(res).descriptions[0]).toMatch(/End the meeting/);
    expect(worldOf(sim).meetings.has(created.id)).toBe(true);
  });
});

describe('GET /v1/meetings', () => {
  it('lists the app’s series, soonest first, up to max', async () => {
    const later = (await create({ start: inMinutes(sim, 60), end: inMinutes(sim, 90) })).body;
    const sooner = (await create()).body;
    await create({}, provision(sim).tokens.accessToken); // another org's meeting
    const res = await call('GET', '/v1/meetings', { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([sooner.id, later.id]);
    const one = await call('GET', '/v1/meetings?max=1', { token });
    expect(one.body.items).toHaveLength(1);
  });

  it('lists meetings in progress as meeting instances', async () => {
    const a = (await create()).body;
    const b = (await create()).body;
    const m = worldOf(sim).meetings.get(a.id)!;
    worldOf(sim).meetings.start(m, m.hostUserId);
    const res = await call(
      'GET',
      `/v1/meetings?meetingType=meeting&state=inProgress&siteUrl=${app.siteUrl}`,
      {
        token,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      id: a.id,
      meetingSeriesId: a.id,
      meetingType: 'meeting',
      state: 'inProgress',
    });
    worldOf(sim).meetings.end(m, m.hostUserId);
    const after = await call('GET', '/v1/meetings?meetingType=meeting&state=inProgress', { token });
    expect(after.body.items).toEqual([]);
    const ended = await call('GET', '/v1/meetings?meetingType=meeting&state=ended', { token });
    expect(ended.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const scheduled = await call('GET', '/v1/meetings?meetingType=scheduledMeeting', { token });
    expect(scheduled.body.items.map((x: { id: string }) => x.id)).toEqual([a.id, b.id]);
  });

  it('filters by from/to', async () => {
    const soon = (await create()).body;
    await create({ start: inMinutes(sim, 600), end: inMinutes(sim, 660) });
    const res = await call(
      'GET',
      `/v1/meetings?from=${inMinutes(sim, 0)}&to=${inMinutes(sim, 120)}`,
      {
        token,
      },
    );
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([soon.id]);
  });

  it.each([
    ['meetingType=webinar', /meetingType must be one of/],
    ['state=sleeping', /state must be one of/],
    ['max=0', /max must be at least 1/],
    ['max=101', /max must be at most 100/],
    ['max=abc', /max must be/],
    ['from=yesterday', /from must be/],
    ['from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z', /from must not be after to/],
    ['siteUrl=elsewhere.webex.com', /siteUrl/],
  ])('answers 400 for %s', async (query, pattern) => {
    const res = await call('GET', `/v1/meetings?${query}`, { token });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions[0]).toMatch(pattern);
  });
});

describe('GET /v1/meetings filters (webex-meeting.json)', () => {
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((m) => m.id);

  it('finds a series by meetingNumber or webLink, ignoring the window and type', async () => {
    const far = (
      await create({ start: inMinutes(sim, 20 * 24 * 60), end: inMinutes(sim, 20 * 24 * 60 + 30) })
    ).body;
    await create();
    const byNumber = await call(
      'GET',
      `/v1/meetings?meetingNumber=${far.meetingNumber}&meetingType=meeting`,
      {
        token,
      },
    );
    expect(byNumber.status).toBe(200);
    expect(ids(byNumber)).toEqual([far.id]);
    expect(byNumber.body.items[0]).toMatchObject({
      meetingType: 'meetingSeries',
      meetingSeriesId: far.id,
    });
    const byLink = await call('GET', `/v1/meetings?webLink=${encodeURIComponent(far.webLink)}`, {
      token,
    });
    expect(ids(byLink)).toEqual([far.id]);
    expect(ids(await call('GET', '/v1/meetings?meetingNumber=99999999999', { token }))).toEqual([]);
  });

  it('finds a space’s meetings by roomId', async () => {
    const room = (await call('POST', '/v1/rooms', { token, body: { title: 'Care' } })).body;
    const inRoom = (await create({ roomId: room.id })).body;
    await create();
    expect(ids(await call('GET', `/v1/meetings?roomId=${room.id}`, { token }))).toEqual([
      inRoom.id,
    ]);
  });

  it('refuses more than one of meetingNumber, webLink and roomId', async () => {
    const res = await call('GET', '/v1/meetings?meetingNumber=1&webLink=x', { token });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions[0]).toMatch(/mutually exclusive/);
  });

  it('lists a series’ occurrences and instances by meetingSeriesId', async () => {
    const a = (await create()).body;
    await create();
    const occurrences = await call('GET', `/v1/meetings?meetingSeriesId=${a.id}`, { token });
    expect(occurrences.body.items).toEqual([
      expect.objectContaining({ id: a.id, meetingSeriesId: a.id, meetingType: 'scheduledMeeting' }),
    ]);
    const m = worldOf(sim).meetings.get(a.id)!;
    worldOf(sim).meetings.start(m, m.hostUserId);
    const both = await call('GET', `/v1/meetings?meetingSeriesId=${a.id}`, { token });
    expect(both.body.items.map((x: { meetingType: string }) => x.meetingType).sort()).toEqual([
      'meeting',
      'scheduledMeeting',
    ]);
    const instances = await call(
      'GET',
      `/v1/meetings?meetingSeriesId=${a.id}&meetingType=meeting`,
      {
        token,
      },
    );
    expect(instances.body.items).toEqual([
      expect.objectContaining({ id: a.id, scheduledMeetingId: a.id, state: 'inProgress' }),
    ]);
  });

  it('looks 7 days ahead by default, and 7 days from a lone from', async () => {
    const soon = (await create()).body;
    const later = (
      await create({ start: inMinutes(sim, 8 * 24 * 60), end: inMinutes(sim, 8 * 24 * 60 + 30) })
    ).body;
    expect(ids(await call('GET', '/v1/meetings', { token }))).toEqual([soon.id]);
    const from = inMinutes(sim, 2 * 24 * 60);
    expect(ids(await call('GET', `/v1/meetings?from=${from}`, { token }))).toEqual([later.id]);
    const to = inMinutes(sim, 9 * 24 * 60);
    expect(ids(await call('GET', `/v1/meetings?to=${to}`, { token }))).toEqual([later.id]);
  });

  it('lists an instance that started early (join before host) as in progress', async () => {
    const a = (await create({ start: inMinutes(sim, 10), end: inMinutes(sim, 40) })).body;
    const m = worldOf(sim).meetings.get(a.id)!;
    worldOf(sim).meetings.start(m, m.hostUserId);
    const res = await call('GET', '/v1/meetings?meetingType=meeting&state=inProgress', { token });
    expect(ids(res)).toEqual([a.id]);
  });

  it('lists as a host with hostEmail, given an admin scope', async () => {
    const admin = provision(sim, {
      orgId: app.orgId,
      scopes: ['meeting:schedules_write', 'meeting:schedules_read', 'meeting:admin_schedule_write'],
    });
    sim.control.createUser({ orgId: app.orgId, displayName: 'Dr Who', email: 'dr@acme.test' });
    const hosted = (await create({ hostEmail: 'dr@acme.test' }, admin.tokens.accessToken)).body;
    const invited = (
      await create({ invitees: [{ email: 'DR@acme.test' }] }, admin.tokens.accessToken)
    ).body;
    await create({}, admin.tokens.accessToken);
    const res = await call('GET', '/v1/meetings?hostEmail=dr@acme.test', {
      token: admin.tokens.accessToken,
    });
    expect(ids(res)).toEqual([hosted.id, invited.id]);
    const forbidden = await call('GET', '/v1/meetings?hostEmail=dr@acme.test', { token });
    expect(forbidden.status).toBe(403);
  });

  it('shows the spec’s required fields, and none it lacks', async () => {
    const a = (await create()).body;
    expect(a).toMatchObject({ enabledBreakoutSessions: false });
    expect(a).not.toHaveProperty('isModified');
    expect(a).not.toHaveProperty('meetingSeriesId');
    const [item] = (await call('GET', '/v1/meetings', { token })).body.items;
    expect(item).toMatchObject({ id: a.id, meetingSeriesId: a.id, enabledBreakoutSessions: false });
  });
});

describe('POST /v1/meetings start rounding', () => {
  it('moves a start within the current minute to the next minute', async () => {
    const thisMinute = Math.floor(sim.control.now() / 60_000) * 60_000;
    const res = await create({
      start: new Date(thisMinute).toISOString(),
      end: new Date(thisMinute + 30 * 60_000).toISOString(),
    });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.start)).toBe(thisMinute + 60_000);
  });
});
