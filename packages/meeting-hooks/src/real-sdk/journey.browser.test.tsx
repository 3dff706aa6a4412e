// The whole guest journey through the public hooks, with the real webex@3
// SDK in Chromium against @g2g/webex-sim.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import { useJoinSession, useRoster } from '../react';
import { captchaIdOf, providerFor, setUp, type SimMeeting } from './kit';

// A bound on a hang, not on speed: the first connect imports the 5 MB SDK (20 s+ under load).
const WAIT = { timeout: 100_000, interval: 50 };

let env: Awaited<ReturnType<typeof setUp>>;
let meeting: SimMeeting;

beforeAll(async () => {
  env = await setUp('hooks-journey');
  meeting = await env.meeting();
});
afterAll(async () => {
  cleanup();
  await env?.sim.close();
});

function useGuest(destination: string, name: string) {
  const { state, actions, session } = useJoinSession(destination, { displayName: name });
  const roster = useRoster({ session }).state.participants;
  return { state, actions, roster };
}

describe('guest journey with webex@3 (hooks → SDK → simulator)', () => {
  let guest: ReturnType<typeof renderHook<ReturnType<typeof useGuest>, unknown>>;
  let host: ReturnType<typeof renderHook<ReturnType<typeof useGuest>, unknown>>;

  it('1. a wrong password is reported as wrong-password', async () => {
    const client = env.client({ accessToken: await env.guestToken('patient', 'Pat Guest') });
    guest = renderHook(() => useGuest(meeting.meetingNumber, 'Pat Guest'), {
      wrapper: providerFor(client),
    });
    await vi.waitFor(
      () => expect(guest.result.current.state.status).toBe('password-required'),
      WAIT,
    );
    await act(() => guest.result.current.actions.submitPassword('not-it'));
    const s = guest.result.current.state;
    expect(s).toMatchObject({
      status: 'password-required',
      lastAttemptFailed: true,
      failureReason: 'wrong-password',
    });
  });

  it('2. three wrong passwords bring a captcha', async () => {
    await act(() => guest.result.current.actions.submitPassword('still-not-it'));
    await act(() => guest.result.current.actions.submitPassword('nope'));
    const s = guest.result.current.state;
    if (s.status !== 'password-required') throw new Error(s.status);
    expect(s.captcha.required).toBe(true);
    expect(s.captcha.imageUrl).toMatch(/image\.png$/);
    expect(s.captcha.audioUrl).toMatch(/audio\.wav$/);
  });

  it('3. refreshing the captcha republishes a new one', async () => {
    const before = guest.result.current.state;
    if (before.status !== 'password-required') throw new Error(before.status);
    await act(() => guest.result.current.actions.refreshCaptcha());
    const after = guest.result.current.state;
    if (after.status !== 'password-required') throw new Error(after.status);
    expect(after.captcha.imageUrl).not.toBe(before.captcha.imageUrl);
    expect(captchaIdOf(after.captcha.imageUrl)).not.toBe(captchaIdOf(before.captcha.imageUrl));
  });

  it('4–5. the right password and code lead to the lobby', async () => {
    const s = guest.result.current.state;
    if (s.status !== 'password-required') throw new Error(s.status);
    const code = await env.sim.captchaCode(captchaIdOf(s.captcha.imageUrl));
    await act(() => guest.result.current.actions.submitPassword(meeting.password, code));
    await vi.waitFor(() => expect(guest.result.current.state.status).toBe('lobby'), WAIT);
    const sim = await env.sim.meeting(meeting.id);
    expect(sim.participants).toEqual([
      expect.objectContaining({ name: 'Pat Guest', inLobby: true }),
    ]);
  });

  it('6. a host client using the host key admits the guest', async () => {
    const client = env.client({ accessToken: await env.guestToken('doctor', 'Dr Host') });
    host = renderHook(
      () => {
        const { state, actions, session } = useJoinSession(meeting.meetingNumber, {
          displayName: 'Dr Host',
          hostKey: meeting.hostKey,
        });
        return { state, actions, roster: useRoster({ session }).state.participants };
      },
      { wrapper: providerFor(client) },
    );
    await vi.waitFor(
      () => expect(host.result.current.state).toMatchObject({ status: 'joined', isHost: true }),
      WAIT,
    );
    await vi.waitFor(
      () => expect(host.result.current.roster.some((p) => p.inLobby)).toBe(true),
      WAIT,
    );
    const waiting = host.result.current.roster.find((p) => p.inLobby)!;
    expect(waiting.name).toBe('Pat Guest');
    await act(() => host.result.current.actions.admit([waiting.id]));
    await vi.waitFor(() => expect(guest.result.current.state.status).toBe('joined'), WAIT);
    expect(guest.result.current.state).toMatchObject({
      status: 'joined',
      isHost: false,
      meetingNumber: meeting.meetingNumber,
    });
  });

  it('7. the roster shows both, with the host marked', async () => {
    await vi.waitFor(
      () => expect(guest.result.current.roster.filter((p) => !p.inLobby)).toHaveLength(2),
      WAIT,
    );
    const roster = guest.result.current.roster;
    expect(roster.map((p) => p.name).sort()).toEqual(['Dr Host', 'Pat Guest']);
    expect(roster.find((p) => p.name === 'Dr Host')?.isHost).toBe(true);
    expect(roster.find((p) => p.isSelf)?.name).toBe('Pat Guest');
  });

  it('8. the host ends the meeting and the guest sees left: ended', async () => {
    await act(() => host.result.current.actions.endForAll());
    await vi.waitFor(
      () => expect(guest.result.current.state).toEqual({ status: 'left', reason: 'ended' }),
      WAIT,
    );
    expect((await env.sim.meeting(meeting.id)).state).not.toBe('inProgress');
    guest.unmount();
    host.unmount();
  });

  it('the SDK never hit an endpoint the simulator does not know', async () => {
    // Password and captcha answers (403/423) are the protocol; anything else
    // failing means the simulator and the SDK disagree about the wire.
    const unexpected = (await env.sim.requests())
      .filter(
        (r) =>
          r.status >= 400 &&
          !(r.path === '/wbxappapi/v1/meetingInfo' && [403, 423].includes(r.status)),
      )
      .map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(unexpected).toEqual([]);
  });
});
