// Locus in the meeting, over its own wire protocol (no browser): host mute,
// remove and lock, the content floor, presence, and the fault controls.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinOverHttp, startSim, type Sim } from '../index';
import { client, meetingBody, provision, type App } from '../rest/testkit';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
beforeAll(async () => {
  sim = await startSim({ seed: 'in-meeting' });
  call = client(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset();
  app = provision(sim);
});

const OPEN = { unlockedMeetingJoinSecurity: 'allowJoin', enabledJoinBeforeHost: true };
const WAIT = { timeout: 15_000, interval: 20 };

async function setUp() {
  const res = await call('POST', '/v1/meetings', {
    token: app.tokens.accessToken,
    body: meetingBody(sim, OPEN),
  });
  const m = res.body as { id: string; meetingNumber: string; password: string; hostKey: string };
  const token = async (subject: string) =>
    (
      await call('POST', '/v1/guests/token', {
        token: app.tokens.accessToken,
        body: { subject, displayName: subject },
      })
    ).body.accessToken as string;
  const hostToken = await token('host');
  const guestToken = await token('guest');
  const host = await joinOverHttp({
    url: sim.url,
    token: hostToken,
    meetingNumber: m.meetingNumber,
    hostKey: m.hostKey,
    alias: 'Host',
  });
  const guest = await joinOverHttp({
    url: sim.url,
    token: guestToken,
    meetingNumber: m.meetingNumber,
    password: m.password,
    alias: 'Guest',
  });
  const as = (t: string) => (method: string, path: string, body?: unknown) =>
    call(method, `${host.locusUrl.replace(sim.url, '')}${path}`, { token: t, body });
  return { m, host, guest, asHost: as(hostToken), asGuest: as(guestToken) };
}

const names = async (id: string) => sim.control.meetingState(id).participants.map((p) => p.name);

describe('host controls', () => {
  it('a host mutes a guest: Locus says who did it, and the guest cannot be unmuted by the host', async () => {
    const { guest, asHost, asGuest } = await setUp();
    const res = await asHost('PATCH', `/participant/${guest.participantId}/controls`, {
      audio: { muted: true },
    });
    expect(res.status).toBe(200);
    const mine = (await asGuest('GET', '')).body;
    expect(mine.self.controls.audio).toMatchObject({
      muted: true,
      meta: { modifiedBy: expect.any(String) },
    });
    await vi.waitFor(
      () =>
        expect(guest.events.some((e) => e.eventType === 'locus.participant_controls_updated')).toBe(
          true,
        ),
      WAIT,
    );
    const unmute = await asHost('PATCH', `/participant/${guest.participantId}/controls`, {
      audio: { muted: false },
    });
    expect(unmute.status).toBe(403);
    const self = await asGuest('PATCH', `/participant/${guest.participantId}/controls`, {
      audio: { muted: false },
    });
    expect(self.status).toBe(200);
  });

  it('a guest can mute nobody else', async () => {
    const { host, asGuest } = await setUp();
    const res = await asGuest('PATCH', `/participant/${host.participantId}/controls`, {
      audio: { muted: true },
    });
    expect(res.status).toBe(403);
  });

  it("a participant's own video layout (webex@2.60.4 PUTs it: the stock widget's changeVideoLayout) is accepted and changes nobody's mute", async () => {
    const { guest, asGuest } = await setUp();
    const res = await asGuest('PUT', `/participant/${guest.participantId}/controls`, {
      layout: { type: 'ActivePresence' },
    });
    expect(res.status).toBe(200);
    const self = (res.body as { locus: { self: { controls?: { audio?: { muted?: boolean } } } } })
      .locus.self;
    expect(self.controls?.audio?.muted ?? false).toBe(false);
  });

  it('a host removes a guest, who is told so (self removed)', async () => {
    const { m, guest, asHost } = await setUp();
    const res = await asHost('PUT', `/participant/${guest.participantId}/leave`, {
      reason: 'FORCED',
    });
    expect(res.status).toBe(200);
    expect(await names(m.id)).toEqual(['Host']);
    await vi.waitFor(
      () =>
        expect(guest.events.at(-1)).toMatchObject({
          eventType: 'locus.participant_left',
          selfState: 'LEFT',
        }),
      WAIT,
    );
    const refused = await asHost('PUT', `/participant/${guest.participantId}/leave`, {});
    expect(refused.status).toBe(200); // already gone: nothing to do
  });

  it('locking sends later guests to the lobby and shows in the display hints', async () => {
    const { m, asHost, asGuest } = await setUp();
    expect((await asGuest('PATCH', '/controls', { lock: { locked: true } })).status).toBe(403);
    const res = await asHost('PATCH', '/controls', { lock: { locked: true } });
    expect(res.status).toBe(200);
    expect(res.body.locus.controls.lock.locked).toBe(true);
    expect(res.body.locus.info.displayHints.joined).toContain('LOCK_STATUS_LOCKED');
    expect(res.body.locus.info.displayHints.moderator).toContain('LOCK_CONTROL_UNLOCK');
    const late = await joinOverHttp({
      url: sim.url,
      token: (
        await call('POST', '/v1/guests/token', {
          token: app.tokens.accessToken,
          body: { subject: 'late', displayName: 'Late' },
        })
      ).body.accessToken as string,
      meetingNumber: m.meetingNumber,
      password: m.password,
    });
    expect(late.inLobby).toBe(true);
    await asHost('PATCH', '/controls', { lock: { locked: false } });
    expect((await asGuest('GET', '')).body.info.displayHints.joined).toContain(
      'LOCK_STATUS_UNLOCKED',
    );
  });
});

describe('content floor', () => {
  it('grants and releases the share floor in mediaShares; another participant may take it over', async () => {
    const { m, host, guest, asHost, asGuest } = await setUp();
    const sharing = () => sim.control.meetingState(m.id).sharing;
    expect(sharing()).toBeNull();
    const content = (await asGuest('GET', '')).body.mediaShares.find(
      (s: { name: string }) => s.name === 'content',
    );
    expect(content.floor.disposition).toBe('RELEASED');
    const sharePath = content.url.slice(host.locusUrl.length);
    const grant = await asGuest('PUT', sharePath, {
      floor: {
        disposition: 'GRANTED',
        beneficiary: { devices: [{ url: 'x' }] },
        shareInstanceId: 's1',
      },
    });
    expect(grant.status).toBe(200);
    expect(sharing()).toBe(guest.participantId);
    const floor = (await asHost('GET', '')).body.mediaShares[0].floor;
    expect(floor).toMatchObject({
      disposition: 'GRANTED',
      beneficiary: { id: guest.participantId },
      shareInstanceId: 's1',
    });
    await vi.waitFor(
      () => expect(host.events.some((e) => e.eventType === 'locus.floor_granted')).toBe(true),
      WAIT,
    );
    const takeOver = await asHost('PUT', sharePath, { floor: { disposition: 'GRANTED' } });
    expect(takeOver.status).toBe(200);
    expect((await asGuest('GET', '')).body.mediaShares[0].floor.beneficiary.id).toBe(
      host.participantId,
    );
    expect(sharing()).toBe(host.participantId);
    expect((await asHost('PUT', sharePath, { floor: { disposition: 'RELEASED' } })).status).toBe(
      200,
    );
    expect((await asGuest('GET', '')).body.mediaShares[0].floor.disposition).toBe('RELEASED');
    expect(sharing()).toBeNull();
    expect((await asHost('PUT', sharePath, { floor: { disposition: 'MAYBE' } })).status).toBe(400);
  });

  it('a sharer who leaves releases the floor', async () => {
    const { guest, asGuest, asHost } = await setUp();
    const url = (await asGuest('GET', '')).body.mediaShares[0].url as string;
    await asGuest('PUT', url.slice(guest.locusUrl.length), { floor: { disposition: 'GRANTED' } });
    await guest.leave();
    expect((await asHost('GET', '')).body.mediaShares[0].floor.disposition).toBe('RELEASED');
  });
});

describe('presence', () => {
  it('drops a participant whose Mercury socket stays gone past the grace period; the host sees them leave', async () => {
    sim.control.configure({ presenceGraceMs: 200 });
    const { m, host, guest } = await setUp();
    await guest.close(); // the tab closed: no leave was sent
    await vi.waitFor(async () => expect(await names(m.id)).toEqual(['Host']), WAIT);
    // The host's push travels its own socket: it may land after the state changed (a busy machine).
    await vi.waitFor(
      () => expect(host.events.some((e) => e.eventType === 'locus.participant_left')).toBe(true),
      WAIT,
    );
  });

  it('keeps a participant whose socket comes back within the grace period', async () => {
    sim.control.configure({ presenceGraceMs: 60_000 });
    const { m, guest } = await setUp();
    const fault = sim.control.dropMercury(guest.participantId);
    await vi.waitFor(() => expect(guest.listening()).toBe(false), WAIT);
    sim.control.restoreMercury(guest.participantId);
    expect(sim.control.listFaults().map((f) => f.id)).not.toContain(fault.id);
    expect(await names(m.id)).toEqual(['Host', 'Guest']);
  });

  it('a Mercury drop that outlasts the grace period drops the participant', async () => {
    sim.control.configure({ presenceGraceMs: 200 });
    const { m, guest } = await setUp();
    sim.control.dropMercury(guest.participantId);
    await vi.waitFor(async () => expect(await names(m.id)).toEqual(['Host']), WAIT);
  });
});

describe('media faults', () => {
  it('refuses unknown participants and reports media per participant', async () => {
    const { m } = await setUp();
    expect(() => sim.control.dropMedia('nobody')).toThrow();
    expect(sim.control.meetingState(m.id).participants.map((p) => p.media)).toEqual([null, null]);
    const res = await call('POST', '/_sim/participants/nobody/media/drop');
    expect(res.status).toBe(404);
  });
});
