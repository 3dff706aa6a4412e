// Reconnection and "Join again" through the hooks core, with the real SDK
// (webex@3) against the simulator: a guest whose signalling socket (Mercury)
// drops shows `reconnecting` and comes back `joined`, and a guest who leaves
// and at once joins again from the same client is in the meeting once.
//
// Two SDK instances (two clients, two devices, two Mercury sockets) in one
// page: each is its own participant to Locus.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JoinSession, JoinState } from '../core';
import { JOIN_BOUND as JOIN, setUp, untilJoined, type Side, type SimMeeting } from './kit';

let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('hooks-reconnect');
});
afterAll(async () => {
  await env?.sim.close();
});

/** Bounds on a hang, never speed: the first connect imports and registers the 5 MB SDK. */
const LONG = { timeout: 60_000, interval: 100 };
/** The simulator's default, restored after a test that lengthens it. */
const DEFAULT_GRACE_MS = 30_000;

async function join(meeting: SimMeeting, name: string, host: boolean): Promise<Side> {
  const client = env.client({ accessToken: await env.guestToken(`${name}-3`, name) });
  const session = client.join(meeting.meetingNumber, {
    displayName: name,
    ...(host ? { hostKey: meeting.hostKey } : { password: meeting.password }),
  });
  await untilJoined(session, name);
  return { client, session };
}

/** Every state a session publishes from now on. */
function record(session: JoinSession) {
  const seen: JoinState[] = [];
  const stop = session.subscribe(() => seen.push(session.getSnapshot()));
  return { seen, stop };
}

const namesSeenBy = (side: Side) =>
  side.session.roster
    .getSnapshot()
    .participants.map((p) => p.name)
    .sort();

describe('webex@3 reconnection through the hooks core', () => {
  let meeting: SimMeeting;
  let host: Side;
  let guest: Side;

  beforeAll(async () => {
    meeting = await env.meeting({
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: true,
    });
    host = await join(meeting, 'Dr Host', true);
    guest = await join(meeting, 'Pat Guest', false);
    await vi.waitFor(() => expect(namesSeenBy(host)).toEqual(['Dr Host', 'Pat Guest']), LONG);
  }, 400_000);

  afterAll(async () => {
    await env.sim.configure({ presenceGraceMs: DEFAULT_GRACE_MS });
    await guest?.client.dispose();
    await host?.client.dispose();
  });

  it('the guest’s signalling socket drops: reconnecting, then joined again; the host sees the guest once', async () => {
    // Long grace: the guest must not be dropped by presence while its socket is down.
    await env.sim.configure({ presenceGraceMs: 120_000 });
    const guestId = guest.session.roster.getSnapshot().self!.id;
    const states = record(guest.session);
    try {
      await env.sim.dropMercury(guestId);
      await vi.waitFor(() => {
        const st = guest.session.getSnapshot();
        expect(st.status).toBe('reconnecting');
        expect(st.status === 'reconnecting' && st.lost).toContain('signalling');
      }, LONG);
      const mark = (await env.sim.requests()).at(-1)?.seq ?? 0;
      await env.sim.restoreMercury(guestId);
      // The SDK's own backoff decides when it retries: wait for its upgrade, then for `joined`.
      await vi.waitFor(async () => {
        const upgrades = await env.sim.requests({ path: '/mercury/*', since: mark });
        expect(upgrades.some((r) => r.status === 101)).toBe(true);
      }, JOIN);
      await vi.waitFor(() => expect(guest.session.getSnapshot().status).toBe('joined'), LONG);
    } finally {
      states.stop();
      await env.sim.configure({ presenceGraceMs: DEFAULT_GRACE_MS });
    }
    const statuses = states.seen.map((s) => s.status);
    expect(statuses).not.toContain('failed');
    expect(statuses).not.toContain('left');
    expect(statuses.indexOf('reconnecting')).toBeLessThan(statuses.lastIndexOf('joined'));
    expect(guest.session.roster.getSnapshot().self?.id).toBe(guestId);
    await vi.waitFor(() => expect(namesSeenBy(host)).toEqual(['Dr Host', 'Pat Guest']), LONG);
    expect((await env.sim.meeting(meeting.id)).participants).toHaveLength(2);
  }, 400_000);

  it('“Join again” at once: the guest leaves and joins with a new session; joined, and on the host’s roster once', async () => {
    const first = guest.session;
    const oldMeeting = first.meeting;
    expect(oldMeeting).toBeTruthy();
    const leaving = first.leave();
    expect(first.getSnapshot().status).toBe('left');
    // At once, as a "Join again" button would: the SDK's leave may still be under way.
    const again = guest.client.join(meeting.meetingNumber, {
      displayName: 'Pat Guest',
      password: meeting.password,
    });
    guest = { client: guest.client, session: again };
    const states = record(again);
    try {
      await leaving;
      await untilJoined(again, 'Pat Guest (again)');
      // Whatever the old meeting object says late must not end the new join.
      await vi.waitFor(
        () =>
          expect(
            host.session.roster.getSnapshot().participants.filter((p) => p.name === 'Pat Guest'),
          ).toHaveLength(1),
        LONG,
      );
      await vi.waitFor(() => expect(namesSeenBy(host)).toEqual(['Dr Host', 'Pat Guest']), LONG);
      expect(again.getSnapshot().status).toBe('joined');
      // A fresh meeting object: the old one's late events cannot reach the new join.
      expect(again.meeting).toBeTruthy();
      expect(again.meeting).not.toBe(oldMeeting);
      // Locus agrees: one active participant for the guest, the new session's.
      const active = (await env.sim.meeting(meeting.id)).participants.filter(
        (p) => p.name === 'Pat Guest',
      );
      expect(active.map((p) => p.id)).toEqual([again.roster.getSnapshot().self!.id]);
    } finally {
      states.stop();
    }
    const statuses = states.seen.map((s) => s.status);
    expect(statuses).not.toContain('left');
    expect(statuses).not.toContain('failed');
    expect(first.getSnapshot()).toMatchObject({ status: 'left', reason: 'self' });
  }, 400_000);
});
