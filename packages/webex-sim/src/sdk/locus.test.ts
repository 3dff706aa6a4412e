// The SDK face's meeting lifecycle over its own wire protocol (no browser):
// in progress on first join, lobby rules, licence and size limits, end, webhooks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { joinOverHttp, startSim, type Sim } from '../index';
import { client, meetingBody, provision, webhookTarget, type App } from '../rest/testkit';
import { worldOf } from '../testing/world';

let sim: Sim;
let call: ReturnType<typeof client>;
beforeAll(async () => {
  sim = await startSim({ seed: 'locus' });
  call = client(sim);
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

async function meeting(app: App, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/meetings', {
    token: app.tokens.accessToken,
    body: meetingBody(sim, extra),
  });
  expect(res.status).toBe(200);
  return res.body as { id: string; meetingNumber: string; password: string; hostKey: string };
}

async function guest(app: App, subject: string) {
  const res = await call('POST', '/v1/guests/token', {
    token: app.tokens.accessToken,
    body: { subject, displayName: subject },
  });
  return res.body.accessToken as string;
}

type Meeting = Awaited<ReturnType<typeof meeting>>;

/**
 * Joins `m` over the SDK protocol as a new guest named `subject`: with the
 * meeting's password, another `password`, or as host with its host key.
 */
async function join(
  app: App,
  m: Meeting,
  subject: string,
  opts: { alias?: string; host?: boolean; password?: string; listen?: boolean } = {},
) {
  return joinOverHttp({
    url: sim.url,
    token: await guest(app, subject),
    meetingNumber: m.meetingNumber,
    ...(opts.host ? { hostKey: m.hostKey } : { password: opts.password ?? m.password }),
    ...(opts.alias ? { alias: opts.alias } : {}),
    ...(opts.listen === false ? { listen: false } : {}),
  });
}

const OPEN = {
  unlockedMeetingJoinSecurity: 'allowJoin',
  enabledJoinBeforeHost: true,
  joinBeforeHostMinutes: 15,
};

describe('Locus lifecycle', () => {
  it('the first join starts the meeting and the last leave ends it, each firing its webhook', async () => {
    const app = provision(sim);
    const target = await webhookTarget();
    for (const event of ['started', 'ended']) {
      const res = await call('POST', '/v1/webhooks', {
        token: app.tokens.accessToken,
        body: { name: event, targetUrl: target.url, resource: 'meetings', event, secret: 's3cret' },
      });
      expect(res.status).toBe(200);
    }
    const m = await meeting(app, OPEN);
    const a = await join(app, m, 'ann', { alias: 'Ann' });
    expect(a.inLobby).toBe(false);
    expect(sim.control.meetingState(m.id).state).toBe('inProgress');
    const b = await join(app, m, 'bo', { alias: 'Bo' });
    expect(await a.leave()).toBe(200);
    expect(sim.control.meetingState(m.id).state).toBe('inProgress');
    expect(await b.leave()).toBe(200);
    expect(sim.control.meetingState(m.id).state).not.toBe('inProgress');

    await sim.control.webhooksIdle();
    const events = target.received.map(
      (r) => `${r.body.resource}:${r.body.event}:${r.body.data.id}`,
    );
    expect(events).toEqual([`meetings:started:${m.id}`, `meetings:ended:${m.id}`]);
    await Promise.all([a.close(), b.close(), target.close()]);
  });

  it('joins without the verified password are refused', async () => {
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    await expect(join(app, m, 'x', { password: 'wrong' })).rejects.toThrow(/meetingInfo: 403/);
  });

  it('with allowJoinWithLobby guests wait until a host admits them; pushes tell them', async () => {
    const app = provision(sim);
    const m = await meeting(app, { ...OPEN, unlockedMeetingJoinSecurity: 'allowJoinWithLobby' });
    const g = await join(app, m, 'pat', { alias: 'Pat' });
    expect(g.inLobby).toBe(true);
    // Waiting in the lobby does not start the meeting (or use the licence).
    expect(sim.control.meetingState(m.id).state).toBe('active');
    const h = await join(app, m, 'doc', { host: true, alias: 'Doc' });
    expect(h.inLobby).toBe(false);
    expect(sim.control.meetingState(m.id).participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Pat', inLobby: true }),
        expect.objectContaining({ name: 'Doc', isHost: true }),
      ]),
    );
    expect(sim.control.admit(m.id)).toEqual([g.participantId]);
    await expect.poll(() => g.events.at(-1)).toMatchObject({ selfState: 'JOINED', inLobby: false });
    await Promise.all([g.close(), h.close()]);
  });

  it('without join-before-host, guests wait for the host and go in when the host arrives', async () => {
    const app = provision(sim);
    const m = await meeting(app, {
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: false,
    });
    const g = await join(app, m, 'early');
    expect(g.inLobby).toBe(true);
    const h = await join(app, m, 'host', { host: true });
    expect(h.inLobby).toBe(false);
    await expect.poll(() => g.events.at(-1)).toMatchObject({ selfState: 'JOINED', inLobby: false });
    await Promise.all([g.close(), h.close()]);
  });

  it('blockFromJoin keeps guests out but lets the host in', async () => {
    const app = provision(sim);
    const m = await meeting(app, { unlockedMeetingJoinSecurity: 'blockFromJoin' });
    await expect(join(app, m, 'g')).rejects.toMatchObject({
      status: 403,
      body: { errorCode: 2403004 },
    });
    const h = await join(app, m, 'h', { host: true });
    expect(h.inLobby).toBe(false);
    await h.close();
  });

  it('ending for all removes everyone and pushes an inactive Locus', async () => {
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const g = await join(app, m, 'g');
    sim.control.endMeeting(m.id);
    await expect.poll(() => g.events.at(-1)).toMatchObject({ selfState: 'LEFT' });
    expect(sim.control.meetingState(m.id).participants).toEqual([]);
    // The ended Locus stays addressable while the SDK tears its meeting down.
    const token = await guest(app, 'g2');
    const ended = await fetch(g.locusUrl, { headers: { Authorization: `Bearer ${token}` } });
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { fullState: unknown }).fullState).toMatchObject({
      state: 'INACTIVE',
    });
    await g.close();
  });
});

describe('limits', () => {
  it('the licence allows N concurrent meetings per Service App; meeting N+1 fails at join with 2403050', async () => {
    const app = provision(sim, { licenceLimit: 2 });
    const meetings = await Promise.all([
      meeting(app, OPEN),
      meeting(app, OPEN),
      meeting(app, OPEN),
    ]);
    const joined = [];
    for (const m of meetings.slice(0, 2)) {
      joined.push(await join(app, m, m.id));
    }
    const third = meetings[2]!;
    await expect(join(app, third, 'third')).rejects.toMatchObject({
      status: 403,
      body: {
        errorCode: 2403050,
        message: expect.stringMatching(/licence allows 2 concurrent meetings/),
      },
    });
    // A licence is per Service App: another app is unaffected.
    const other = provision(sim, { licenceLimit: 2 });
    const m = await meeting(other, OPEN);
    const ok = await join(other, m, 'o');
    // Ending one frees a slot.
    expect(await joined[0]!.leave()).toBe(200);
    const now = await join(app, third, 'third');
    expect(now.inLobby).toBe(false);
    await Promise.all([...joined, ok, now].map((p) => p.close()));
  });

  it('a meeting holds at most maxParticipants', async () => {
    sim.control.configure({ maxParticipants: 3 });
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await join(app, m, `p${i}`, { listen: false }));
    await expect(join(app, m, 'p4', { listen: false })).rejects.toMatchObject({
      status: 403,
      body: { errorCode: 2403051 },
    });
    await Promise.all(people.map((p) => p.close()));
  });

  it('ended meetings and expired tokens are pruned', async () => {
    const app = provision(sim);
    const m = await meeting(app, { ...OPEN, adhoc: false });
    const g = await join(app, m, 'g', { listen: false });
    await g.leave();
    const tokensBefore = worldOf(sim).tokens.size;
    // Past the meeting's end and the guest token's lifetime, plus retention.
    sim.control.advanceClock(2 * 24 * 3600_000);
    const pruned = sim.control.prune();
    expect(pruned.meetings).toBeGreaterThanOrEqual(1);
    expect(pruned.tokens).toBeGreaterThanOrEqual(1);
    expect(worldOf(sim).meetings.has(m.id)).toBe(false);
    expect(worldOf(sim).tokens.size).toBeLessThan(tokensBefore);
  });
});

describe('Mercury', () => {
  it('refuses devices for unknown tokens', async () => {
    await expect(
      joinOverHttp({ url: sim.url, token: 'not-a-token', meetingNumber: '1' }),
    ).rejects.toThrow(/device: 401/);
  });

  it('a dropWebsockets fault closes open sockets and refuses new ones while it lasts', async () => {
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const token = await guest(app, 'sock');
    const g = await joinOverHttp({
      url: sim.url,
      token,
      meetingNumber: m.meetingNumber,
      password: m.password,
    });
    expect(sim.control.listFaults()).toEqual([]);
    expect(g.listening()).toBe(true);
    sim.control.addFault({ path: '/mercury/*', dropWebsockets: true, count: 1 });
    await expect.poll(() => g.listening()).toBe(false);
    // The open socket is gone, and one reconnect is refused (503), then allowed again.
    await expect(
      joinOverHttp({ url: sim.url, token, meetingNumber: m.meetingNumber, password: m.password }),
    ).rejects.toThrow(/503/);
    const again = await joinOverHttp({
      url: sim.url,
      token,
      meetingNumber: m.meetingNumber,
      password: m.password,
    });
    const upgrades = sim.control.requests({ path: '/mercury/*' }).map((r) => r.status);
    expect(upgrades).toEqual([101, 503, 101]);
    await Promise.all([g.close(), again.close()]);
  });
});

describe('Locus pushes, as both SDK versions correlate and read them', () => {
  it('every push carries the top-level locusUrl and the device correlationId in self', async () => {
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const a = await join(app, m, 'ann');
    const b = await join(app, m, 'bo');
    await expect.poll(() => a.events.length).toBeGreaterThan(0);
    const push = a.events.at(-1)!;
    expect(push.eventType).toBe('locus.participant_joined');
    expect(push.locusUrl).toBe(a.locusUrl);
    expect(push.locus.url).toBe(a.locusUrl);
    expect(push.locus.self?.devices).toEqual([
      expect.objectContaining({ url: a.deviceUrl, correlationId: a.correlationId }),
    ]);
    // The joiner hears of its own join from the HTTP answer, not from a push.
    expect(b.events).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('sequences increase across changes and across a restart of the same meeting', async () => {
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const watcher = await join(app, m, 'watcher');
    const seq = () => watcher.events.at(-1)!.locus.sequence.entries[0]!;
    const other = await join(app, m, 'other');
    await expect.poll(() => watcher.events.length).toBe(1);
    const first = seq();
    await other.leave();
    await expect.poll(() => watcher.events.length).toBe(2);
    expect(seq()).toBeGreaterThan(first);
    await watcher.leave();
    // A new instance of the series is a new Locus; its numbers still go up.
    const again = await join(app, m, 'again');
    const later = await join(app, m, 'later');
    await expect.poll(() => again.events.length).toBe(1);
    expect(again.events[0]!.locus.sequence.entries[0]).toBeGreaterThan(seq());
    expect(again.locusUrl).not.toBe(watcher.locusUrl);
    await Promise.all([watcher.close(), other.close(), again.close(), later.close()]);
  });

  it('someone who left hears nothing more of the meeting, until it ends for those still in it', async () => {
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const a = await join(app, m, 'a');
    const b = await join(app, m, 'b');
    const c = await join(app, m, 'c');
    await b.leave();
    const heard = b.events.length;
    await c.leave();
    await expect.poll(() => a.events.at(-1)?.eventType).toBe('locus.participant_left');
    expect(b.events).toHaveLength(heard);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('a local mute arrives in media requests and shows as status; a host mute as controls', async () => {
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const hostToken = await guest(app, 'host-m');
    const host = await joinOverHttp({
      url: sim.url,
      token: hostToken,
      meetingNumber: m.meetingNumber,
      hostKey: m.hostKey,
    });
    const guestToken = await guest(app, 'guest-m');
    const g = await joinOverHttp({
      url: sim.url,
      token: guestToken,
      meetingNumber: m.meetingNumber,
      password: m.password,
    });
    const seenByHost = () =>
      host.events.at(-1)?.locus.participants.find((p) => p.id === g.participantId);
    const media = (muted: boolean) =>
      call('PUT', `${g.locusUrl}/participant/${g.participantId}/media`.replace(sim.url, ''), {
        token: guestToken,
        body: {
          device: { url: g.deviceUrl, deviceType: 'WEB' },
          localMedias: [{ localSdp: JSON.stringify({ audioMuted: muted, videoMuted: false }) }],
        },
      });
    expect((await media(false)).status).toBe(200);
    await expect.poll(() => seenByHost()?.status.audioStatus).toBe('SENDRECV');
    await media(true);
    await expect.poll(() => host.events.at(-1)?.eventType).toBe('locus.participant_audio_muted');
    expect(seenByHost()?.status.audioStatus).toBe('RECVONLY');

    const controls = (token: string, muted: boolean) =>
      call('PATCH', `${g.locusUrl}/participant/${g.participantId}/controls`.replace(sim.url, ''), {
        token,
        body: { audio: { muted } },
      });
    expect((await controls(hostToken, true)).status).toBe(200);
    await expect.poll(() => g.events.at(-1)?.locus.self).toBeDefined();
    await expect
      .poll(() => g.events.at(-1)!.locus.participants.find((p) => p.id === g.participantId))
      .toMatchObject({ controls: { audio: { muted: true } } });
    // As in Webex, a host may mute others but not unmute them; the participant may.
    expect((await controls(hostToken, false)).body).toMatchObject({ errorCode: 2403010 });
    expect((await controls(guestToken, false)).status).toBe(200);
    await expect.poll(() => seenByHost()?.controls.audio.muted).toBe(false);
    // Nobody but a host changes someone else.
    const other = await join(app, m, 'nosy');
    const nosy = await call(
      'PATCH',
      `${host.locusUrl}/participant/${host.participantId}/controls`.replace(sim.url, ''),
      { token: await guest(app, 'nosy'), body: { audio: { muted: true } } },
    );
    expect(nosy.status).toBe(403);
    await Promise.all([host.close(), g.close(), other.close()]);
  });

  it('a device that sent its media offer has active main audio and video sessions, before it none', async () => {
    // Both SDKs read them as currentMediaStatus and reconnect media only when it is established.
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const token = await guest(app, 'media-sessions');
    const g = await joinOverHttp({
      url: sim.url,
      token,
      meetingNumber: m.meetingNumber,
      hostKey: m.hostKey,
    });
    const path = g.locusUrl.replace(sim.url, '');
    type Dto = { self: { devices: { mediaSessions: unknown[] }[] } };
    const sessions = async () =>
      ((await call('GET', path, { token })).body as Dto).self.devices[0]!.mediaSessions;
    expect(await sessions()).toEqual([]);
    const res = await call('PUT', `${path}/participant/${g.participantId}/media`, {
      token,
      body: {
        device: { url: g.deviceUrl, deviceType: 'WEB' },
        localMedias: [{ localSdp: JSON.stringify({ audioMuted: false, videoMuted: true }) }],
      },
    });
    expect(res.status).toBe(200);
    const active = (mediaType: string) => ({
      mediaType,
      mediaContent: 'main',
      state: 'active',
      direction: 'sendrecv',
    });
    expect(await sessions()).toEqual([active('audio'), active('video')]);
    // Pushed to the device itself too: neither SDK reads its self from the media answer.
    await expect
      .poll(() => (g.events.at(-1)?.locus as Dto | undefined)?.self.devices[0]?.mediaSessions)
      .toEqual([active('audio'), active('video')]);
    await g.close();
  });

  it('the syncUrl answers nothing when up to date, and a delta after a change', async () => {
    const app = provision(sim);
    const m = await meeting(app, OPEN);
    const token = await guest(app, 'syncer');
    const a = await joinOverHttp({
      url: sim.url,
      token,
      meetingNumber: m.meetingNumber,
      password: m.password,
    });
    const full = await call('GET', a.locusUrl.replace(sim.url, ''), { token });
    const dto = full.body as unknown as { syncUrl: string; sequence: { entries: number[] } };
    const syncPath = dto.syncUrl.replace(sim.url, '');
    const upToDate = await call('GET', syncPath, { token });
    expect(upToDate.status).toBe(200);
    expect(upToDate.text).toBe('');
    const b = await join(app, m, 'b2');
    const delta = await call('GET', syncPath, { token });
    expect(delta.body).toMatchObject({
      baseSequence: { entries: dto.sequence.entries },
      participants: expect.arrayContaining([expect.objectContaining({ state: 'JOINED' })]),
    });
    await Promise.all([a.close(), b.close()]);
  });
});

describe('client logs, people, unmodelled requests', () => {
  it('the client-log upload flow: urls → PUT to the temporary URL → meta', async () => {
    const app = provision(sim);
    const token = await guest(app, 'logger');
    const opened = await call('POST', '/clientlogs/api/v1/logs/urls', {
      token,
      body: { file: 'locus_123.txt', uploadProtocol: 'content-length' },
    });
    const session = opened.body as { tempURL: string; logFilename: string; userId: string };
    expect(session).toMatchObject({
      tempURL: expect.stringMatching(/^http:/),
      userId: expect.any(String),
    });
    const put = await fetch(session.tempURL, { method: 'PUT', body: 'x'.repeat(2 * 1024 * 1024) });
    expect(put.status).toBe(200);
    const meta = await call('POST', '/clientlogs/api/v1/logs/meta', {
      token,
      body: {
        filename: session.logFilename,
        data: [{ key: 'correlationId', value: 'c-1' }],
        userId: session.userId,
      },
    });
    expect(meta.status).toBe(200);
    expect(sim.control.clientLogs().at(-1)).toMatchObject({
      file: 'locus_123.txt',
      bytes: 2 * 1024 * 1024,
      metadata: { correlationId: 'c-1' },
    });
  });

  it('lists people by id, as the SDK batches them', async () => {
    const app = provision(sim);
    const me = await call('GET', '/v1/people/me', { token: app.tokens.accessToken });
    const id = (me.body as { id: string }).id;
    const list = await call('GET', `/v1/people/?id=${id},nobody&showAllTypes=true`, {
      token: app.tokens.accessToken,
    });
    expect(list.body).toMatchObject({ items: [{ id }], notFoundIds: ['nobody'] });
    expect((await call('GET', '/v1/people', { token: app.tokens.accessToken })).status).toBe(400);
  });

  it('marks requests no route models, so tests can assert none were made', async () => {
    const app = provision(sim);
    await call('GET', '/v1/people/me', { token: app.tokens.accessToken });
    await call('GET', '/locus/api/v1/loci/x/not-a-thing', { token: app.tokens.accessToken });
    await call('DELETE', '/v1/people/me', { token: app.tokens.accessToken });
    const unmodelled = sim.control
      .requests({ unmodelled: true })
      .map((r) => `${r.method} ${r.status}`);
    expect(unmodelled).toEqual(['GET 404', 'DELETE 405']);
    const [modelled] = sim.control.requests({ path: '/v1/people/me', unmodelled: false });
    expect(modelled?.personId).toEqual(expect.any(String));
    expect(sim.control.requests({ personId: modelled!.personId })).toHaveLength(3);
  });
});
