// Failure paths with the real webex@3 SDK against @g2g/webex-sim.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JoinSession, JoinState } from '../core';
import { setUp } from './kit';

// A bound on a hang, not on speed: the first connect imports the 5 MB SDK (20 s+ under load).
const WAIT = { timeout: 100_000, interval: 50 };
const ROOM_ID = btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59');

let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('hooks-failures', 1);
});
afterAll(async () => {
  await env?.sim.close();
});

async function settle(session: JoinSession, statuses: JoinState['status'][]): Promise<JoinState> {
  await vi.waitFor(() => expect(statuses).toContain(session.getSnapshot().status), WAIT);
  return session.getSnapshot();
}

describe('failures with webex@3', () => {
  it('a room id fails with space-id-not-supported before any request reaches the simulator', async () => {
    let sdkLoads = 0;
    const client = env.client({
      accessToken: await env.guestToken('room-user'),
      sdk: () => (sdkLoads++, import('webex')),
    });
    const session = client.join(ROOM_ID);
    const state = await settle(session, ['failed']);
    expect(state).toMatchObject({
      status: 'failed',
      error: { code: 'space-id-not-supported', webexCode: 30105 },
    });
    // Asserted on this client, not the shared request log (another test's SDK
    // may still be talking to the simulator): the SDK was never even loaded.
    expect(sdkLoads).toBe(0);
    await client.dispose();
  });

  it('an unknown meeting number fails with not-found, never a silent 1:1', async () => {
    const client = env.client({ accessToken: await env.guestToken('lost-user') });
    const session = client.join('2999 999 9999', { displayName: 'Lou' });
    const state = await settle(session, ['failed', 'password-required', 'joined', 'lobby']);
    expect(state).toMatchObject({ status: 'failed', error: { code: 'not-found' } });
    const infos = await env.sim.requests({ path: '/wbxappapi/v1/meetingInfo' });
    expect(infos.at(-1)?.status).toBe(404);
    expect(await env.sim.requests({ path: '/locus/*' })).toEqual([]);
    await client.dispose();
  });

  it('an expired token is renewed through getAccessToken', async () => {
    const meeting = await env.meeting();
    const issued: string[] = [];
    const client = env.client({
      getAccessToken: async () => {
        const token = await env.guestToken('renewing-user', 'Ren');
        issued.push(token);
        return token;
      },
    });
    await client.connect();
    expect(issued).toHaveLength(1);
    expect(await env.sim.expireToken(issued[0]!)).toBe(true);

    const session = client.join(meeting.meetingNumber, { displayName: 'Ren' });
    const state = await settle(session, ['password-required', 'failed']);
    expect(state.status).toBe('password-required');
    expect(issued).toHaveLength(2);
    const rejected = (await env.sim.requests()).filter((r) => r.auth === 'expired');
    expect(rejected.length).toBeGreaterThan(0);
    await client.dispose();
  });

  it('30 s of latency on meeting info ends in timeout, not a hang', async () => {
    const meeting = await env.meeting();
    const client = env.client({
      accessToken: await env.guestToken('slow-user'),
      timeouts: { resolving: 2_000 },
    });
    await client.connect();
    await env.sim.addFault({
      path: '/wbxappapi/v1/meetingInfo',
      latencyMs: 30_000,
      count: 1,
    });
    const session = client.join(meeting.meetingNumber, { displayName: 'Sol' });
    const state = await settle(session, ['failed', 'password-required']);
    expect(state).toMatchObject({ status: 'failed', error: { code: 'timeout', retryable: true } });
    await client.dispose();
  });

  it('a licence-exhausted Service App gives license-exceeded', async () => {
    // The app allows one concurrent meeting: the first starts, the second cannot.
    const open = { unlockedMeetingJoinSecurity: 'allowJoin', enabledJoinBeforeHost: true };
    const first = await env.meeting(open);
    const second = await env.meeting(open);
    const a = env.client({ accessToken: await env.guestToken('first-user', 'Ann') });
    const inFirst = a.join(first.meetingNumber, { displayName: 'Ann', password: first.password });
    expect(await settle(inFirst, ['joined', 'failed'])).toMatchObject({ status: 'joined' });
    expect((await env.sim.meeting(first.id)).state).toBe('inProgress');

    const b = env.client({ accessToken: await env.guestToken('second-user', 'Bo') });
    const inSecond = b.join(second.meetingNumber, { displayName: 'Bo', password: second.password });
    const state = await settle(inSecond, ['joined', 'failed', 'lobby']);
    expect(state).toMatchObject({
      status: 'failed',
      error: { code: 'license-exceeded', webexCode: 2403050 },
    });
    if (state.status === 'failed') expect(state.error.message).toMatch(/licen[cs]e/i);
    await inFirst.leave();
    await a.dispose();
    await b.dispose();
  });

  it('leaving just after admission, with the data channel still connecting, leaves no unhandled rejection', async () => {
    // The SDK starts its data channel on admission without catching it.
    // Refused data-channel sockets keep it retrying, so the leave always
    // lands mid-connection (see containDataChannelRace).
    const meeting = await env.meeting();
    const refused = await env.sim.addFault({ path: '/llm/ws/*', dropWebsockets: true });
    const rejections: unknown[] = [];
    const sentinel = new Error('sentinel');
    let sentinelSeen!: () => void;
    const seen = new Promise<void>((resolve) => (sentinelSeen = resolve));
    // While any such listener exists Vitest stops reporting unhandled
    // rejections itself, so this one is removed however the test ends.
    const listener = (event: PromiseRejectionEvent) => {
      event.preventDefault();
      if (event.reason === sentinel) sentinelSeen();
      else rejections.push(event.reason);
    };
    window.addEventListener('unhandledrejection', listener);
    try {
      const client = env.client({ accessToken: await env.guestToken('early-leaver', 'Eli') });
      const session = client.join(meeting.meetingNumber, {
        displayName: 'Eli',
        password: meeting.password,
      });
      expect(await settle(session, ['lobby', 'joined', 'failed'])).toMatchObject({
        status: 'lobby',
      });
      await env.sim.admit(meeting.id);
      expect(await settle(session, ['joined', 'failed'])).toMatchObject({ status: 'joined' });
      await vi.waitFor(async () => {
        expect(await env.sim.requests({ path: '/locus/api/v1/loci/*/datachannel' })).not.toEqual(
          [],
        );
      }, WAIT);
      await session.leave();
      expect(session.getSnapshot().status).toBe('left');
      // Rejection events are dispatched in order: once this one arrives, any
      // the leave caused has arrived too.
      void Promise.reject(sentinel);
      await seen;
      expect(rejections).toEqual([]);
      await client.dispose();
    } finally {
      window.removeEventListener('unhandledrejection', listener);
      await env.sim.removeFault(refused.id);
    }
  });
});
