// The SDK face's meeting lifecycle over its own wire protocol (no browser):
// in progress on first join, lobby rules, licence and size limits, end, webhooks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { joinOverHttp, startSim, type Sim } from '../index';
import { client, meetingBody, provision, webhookTarget, type App } from '../rest/testkit';

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
    const tokensBefore = sim.world.tokens.size;
    // Past the meeting's end and the guest token's lifetime, plus retention.
    sim.control.advanceClock(2 * 24 * 3600_000);
    const pruned = sim.control.prune();
    expect(pruned.meetings).toBeGreaterThanOrEqual(1);
    expect(pruned.tokens).toBeGreaterThanOrEqual(1);
    expect(sim.world.meetings.has(m.id)).toBe(false);
    expect(sim.world.tokens.size).toBeLessThan(tokensBefore);
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
