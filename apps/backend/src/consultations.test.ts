// Consultations that behave: nothing orphaned in Webex, a start link fresh
// whenever the host arrives, live status from the webhooks, and ending a
// running one.
import { joinOverHttp } from '@g2g/webex-sim';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backendPerFile,
  joinThroughLocus,
  seen,
  simMinutes,
  startTestBackend,
} from './testing/harness';
import { worldOf } from '@g2g/webex-sim/testing/world';

const env = backendPerFile({ seed: 'backend-consultations' }, { createTimeoutMs: 1_000 });
afterEach(() => env.sim.control.clearFaults());

const create = (body: Record<string, unknown> = {}) =>
  env.t.op('POST', '/api/consultations', { guests: 1, ...body });
const join = (id: string, capability: string, displayName = 'Pat') =>
  env.t.call('POST', `/api/consultations/${id}/join`, { token: capability, body: { displayName } });
const meetings = () => [...worldOf(env.sim).meetings.values()];
const get = async (id: string) => (await env.t.op('GET', `/api/consultations/${id}`)).body;

describe('a create that fails leaves nothing behind', () => {
  it(
    'Webex answering after the bound: the operator hears so at once, and the late meeting is deleted',
    { timeout: 60_000 },
    async () => {
      const before = meetings().length;
      env.sim.control.addFault({
        path: '/v1/meetings',
        method: 'POST',
        latencyMs: 3_000,
        count: 1,
      });
      const res = await create({ title: 'Too slow' });
      expect(res.status).toBe(504);
      expect(res.body).toMatchObject({ error: 'create-timeout' });
      expect(res.body.message).toMatch(/nothing was kept/);
      // The meeting Webex made after all is deleted once its answer arrives.
      await expect
        .poll(() => env.sim.control.requests({ path: '/v1/meetings/*', method: 'DELETE' }).length, {
          timeout: 30_000,
        })
        .toBe(1);
      expect(meetings().length).toBe(before);
      expect(
        (await env.t.op('GET', '/api/consultations')).body.items.map(
          (c: { title: string }) => c.title,
        ),
      ).not.toContain('Too slow');
    },
  );

  it('a failure after POST /v1/meetings deletes the meeting it made', async () => {
    const t = await startTestBackend(env.sim, { simOrgs: 1 });
    try {
      const put = t.backend.store.consultations.put;
      t.backend.store.consultations.put = async () => {
        throw new Error('disk full');
      };
      const before = meetings().length;
      const res = await t.op('POST', '/api/consultations', { title: 'Half made' });
      t.backend.store.consultations.put = put;
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: 'internal', message: 'Internal error.' });
      expect(meetings().length).toBe(before);
      expect(t.logs.some((l) => l.includes('deleted the meeting of a failed create'))).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('a space-backed create that fails after the room was made deletes the room', async () => {
    const rooms = () => worldOf(env.sim).rooms.size;
    const before = rooms();
    env.sim.control.addFault({ path: '/v1/memberships', method: 'POST', status: 500, count: 1 });
    const res = await create({ title: 'Care team', space: { memberEmails: ['p@example.com'] } });
    expect(res.status).toBe(502);
    expect(rooms()).toBe(before);
    expect(env.sim.control.requests({ path: '/v1/rooms/*', method: 'DELETE' })).toHaveLength(1);
  });
});

describe('scheduling', () => {
  it('a host joining 24 h after creation gets a start link minted then, valid from then', async () => {
    const startsAt = simMinutes(env.sim, 24 * 60);
    const res = await create({ mode: 'host-guest', startsAt });
    expect(res.status).toBe(201);
    expect(res.body.consultation.start).toBe(startsAt);
    // Creating costs one Webex call: no links are minted that would be dead by then.
    expect(env.sim.control.requests({ path: '/v1/meetings/join' })).toHaveLength(0);
    env.sim.control.advanceClock(24 * 3600_000);
    const host = await join(res.body.consultation.id, res.body.links.host.capability, 'Dr Hale');
    expect(host.status).toBe(200);
    const link = env.sim.control.readJoinLink(host.body.startLink);
    expect(link).toMatchObject({ role: 'host', expired: false });
    expect(link!.expiresAt).toBeGreaterThan(env.sim.control.now() + 50 * 60_000);
    // Guests get no start link; their join costs the guest token only.
    const before = env.sim.control.requests({ path: '/v1/meetings/join' }).length;
    const guest = await join(res.body.consultation.id, res.body.links.guests[0].capability);
    expect(guest.body).not.toHaveProperty('startLink');
    expect(env.sim.control.requests({ path: '/v1/meetings/join' })).toHaveLength(before);
  });

  it('on behalf of a licensed host (email), which needs host-guest mode', async () => {
    const user = env.sim.control.createUser({
      orgId: env.t.backend.simApp!.orgId,
      displayName: 'Dr. Lee',
      email: 'dr.lee@example.com',
    });
    const res = await create({
      mode: 'host-guest',
      hostEmail: user.email,
      startsAt: simMinutes(env.sim, 90),
    });
    expect(res.status).toBe(201);
    expect(res.body.consultation.hostEmail).toBe('dr.lee@example.com');
    const m = meetings().find((x) => x.meetingNumber === res.body.consultation.meetingNumber)!;
    expect(m.hostEmail).toBe('dr.lee@example.com');
    const bad = await create({ mode: 'no-host', hostEmail: user.email });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/host-guest/);
  });
});

describe('live status from the meetings and meetingParticipants webhooks', () => {
  it(
    'scheduled → waiting in the lobby → in → out → ended, pushed to the org’s event stream',
    { timeout: 60_000 },
    async () => {
      const res = await create({ mode: 'host-guest', title: 'Live one' });
      const id = res.body.consultation.id;
      const events: {
        type: string;
        consultation?: {
          id: string;
          live: { state: string; participants: { name: string; state: string }[] };
        };
      }[] = [];
      const other: unknown[] = [];
      const stream = async (token: string, into: unknown[], signal: AbortSignal) => {
        const r = await fetch(`${env.t.backend.url}/api/events`, {
          headers: { Authorization: `Bearer ${token}` },
          signal,
        });
        expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
        const reader = r.body!.getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader
            .read()
            .catch(() => ({ value: undefined, done: true }));
          if (done) return;
          const text = new TextDecoder().decode(value);
          seen.responses.push(text);
          buf += text;
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const chunk = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = /^data: (.*)$/m.exec(chunk)?.[1];
            if (data) into.push(JSON.parse(data));
          }
        }
      };
      const abort = new AbortController();
      const streams = [
        stream(env.t.backend.operatorKey!, events, abort.signal),
        stream(env.t.backend.operatorKeys[1]!.key, other, abort.signal),
      ];
      const live = async () => (await get(id)).live;
      try {
        expect((await live()).state).toBe('scheduled');
        const host = await join(id, res.body.links.host.capability, 'Dr Hale');
        const guest = await join(id, res.body.links.guests[0].capability, 'Pat Quinn');
        const hostP = await joinOverHttp({
          url: env.sim.url,
          token: host.body.accessToken,
          meetingNumber: host.body.destination.value,
          hostKey: host.body.hostKey,
          alias: 'Dr Hale',
          listen: false,
        });
        const guestP = await joinOverHttp({
          url: env.sim.url,
          token: guest.body.accessToken,
          meetingNumber: guest.body.destination.value,
          password: guest.body.password,
          alias: 'Pat Quinn',
          listen: false,
        });
        await env.sim.control.webhooksIdle();
        expect(await live()).toMatchObject({
          state: 'in-progress',
          participants: [
            { name: 'Dr Hale', state: 'joined', host: true },
            { name: 'Pat Quinn', state: 'lobby', host: false },
          ],
        });
        env.sim.control.admit(host.body.destination.value);
        await env.sim.control.webhooksIdle();
        expect(
          (await live()).participants.map(
            (p: { name: string; state: string }) => `${p.name}:${p.state}`,
          ),
        ).toEqual(['Dr Hale:joined', 'Pat Quinn:joined']);
        await guestP.leave();
        await env.sim.control.webhooksIdle();
        expect((await live()).participants.map((p: { name: string }) => p.name)).toEqual([
          'Dr Hale',
        ]);
        await hostP.leave();
        await env.sim.control.webhooksIdle();
        expect(await live()).toMatchObject({ state: 'ended', participants: [] });

        await expect
          .poll(() =>
            events
              .filter((e) => e.type === 'consultation' && e.consultation!.id === id)
              .map((e) => e.consultation!.live.state)
              .at(-1),
          )
          .toBe('ended');
        const seen = events
          .filter((e) => e.type === 'consultation' && e.consultation!.id === id)
          .map((e) =>
            e.consultation!.live.participants.map((p) => `${p.name}:${p.state}`).join(','),
          );
        expect(seen).toContain('Dr Hale:joined,Pat Quinn:lobby');
        expect(seen).toContain('Dr Hale:joined,Pat Quinn:joined');
        expect(events.some((e) => e.type === 'licence')).toBe(true);
        // The other org's operator heard nothing of it.
        expect(JSON.stringify(other)).not.toContain(id);
      } finally {
        abort.abort();
        await Promise.allSettled(streams);
      }
    },
  );

  it('late and repeated deliveries do not rewrite what newer ones said', async () => {
    const { applyLiveEvent } = await import('./live');
    const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 10, 0, s)).toISOString();
    const p = (event: string, state: string, s: number) => ({
      id: 'w',
      resource: 'meetingParticipants',
      event,
      orgId: 'o',
      data: {
        id: 'p1',
        displayName: 'Pat',
        state,
        joinedTime: at(s),
        leftTime: event === 'left' ? at(s) : '1970-01-01T00:00:00.000Z',
      },
    });
    let live = { state: 'scheduled' as const, participants: [], updatedAt: 0 } as Parameters<
      typeof applyLiveEvent
    >[0];
    const step = (e: ReturnType<typeof p>) => (live = applyLiveEvent(live, e, 0) ?? live);
    step(p('joined', 'joined', 20)); // admitted, delivered first
    step(p('joined', 'lobby', 10)); // the older lobby delivery, late
    expect(live.participants.map((x) => x.state)).toEqual(['joined']);
    step(p('left', 'end', 30));
    step(p('joined', 'joined', 20)); // a redelivery after the leave
    expect(live.participants).toEqual([]);
  });
});

describe('ending and cancelling', () => {
  it('ends a running consultation for everyone; cancelling a running one says what to do, in words', async () => {
    const res = await create({ title: 'Running' });
    const id = res.body.consultation.id;
    const g = await join(id, res.body.links.guests[0].capability, 'G');
    await joinThroughLocus(env.sim, g.body, 'G');
    await env.sim.control.webhooksIdle();
    const cancel = await env.t.op('DELETE', `/api/consultations/${id}`);
    expect(cancel.status).toBe(409);
    expect(cancel.body).toEqual({
      error: 'meeting-in-progress',
      message: 'This consultation is running: end the meeting first, then cancel it.',
    });
    expect(cancel.text).not.toMatch(/Webex|TrackingID/);
    const before = (await env.t.op('GET', '/api/tenant')).body.licence.inProgress;
    const ended = await env.t.op('POST', `/api/consultations/${id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body.live).toMatchObject({ state: 'ended', participants: [] });
    expect(env.sim.control.meetingState(res.body.consultation.meetingNumber).participants).toEqual(
      [],
    );
    expect((await env.t.op('GET', '/api/tenant')).body.licence.inProgress).toBe(before - 1);
    // Ending twice is harmless; cancelling now works.
    expect((await env.t.op('POST', `/api/consultations/${id}/end`)).status).toBe(200);
    const gone = await env.t.op('DELETE', `/api/consultations/${id}`);
    expect(gone.body.state).toBe('deleted');
  });

  it('Webex refusing to delete a meeting that just started is the same clear 409, even before its webhook', async () => {
    const res = await create({ title: 'Just started' });
    const id = res.body.consultation.id;
    const g = await join(id, res.body.links.guests[0].capability, 'G');
    await joinThroughLocus(env.sim, g.body, 'G');
    // The backend may or may not have heard `started` yet; either way the answer is the same.
    const cancel = await env.t.op('DELETE', `/api/consultations/${id}`);
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toBe('meeting-in-progress');
    await env.sim.control.webhooksIdle();
    await env.t.op('POST', `/api/consultations/${id}/end`);
  });
});
