import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveToken, toSdkCredentials } from './auth';
import { buildRoster, toParticipant } from './roster';
import { needsPassword, passwordFailure } from './sdk-adapter';
import type { SdkMeeting, SdkMember } from './sdk-types';
import { EMPTY_ROSTER } from './state';
import { createStore } from './store';
import { withTimeout } from './timeout';

const jwt = (payload: object) => `e30.${btoa(JSON.stringify(payload)).replace(/=+$/, '')}.sig`;

describe('createStore', () => {
  it('notifies on change only, and unsubscribes', () => {
    const store = createStore({ n: 1 });
    const listener = vi.fn();
    const off = store.subscribe(listener);
    store.set(store.getSnapshot());
    expect(listener).not.toHaveBeenCalled();
    store.set({ n: 2 });
    expect(listener).toHaveBeenCalledOnce();
    off();
    store.set({ n: 3 });
    expect(listener).toHaveBeenCalledOnce();
    expect(store.getSnapshot()).toEqual({ n: 3 });
  });
});

describe('withTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('rejects with a retryable timeout JoinError naming the phase', async () => {
    vi.useFakeTimers();
    const pending = withTimeout(new Promise(() => {}), 1_000, 'resolving');
    const assertion = expect(pending).rejects.toMatchObject({
      name: 'JoinError',
      code: 'timeout',
      retryable: true,
      reason: 'resolving',
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await assertion;
  });

  it('passes results through, and 0 means no limit', async () => {
    await expect(withTimeout(Promise.resolve(7), 10, 'joining')).resolves.toBe(7);
    const never = new Promise(() => {});
    expect(withTimeout(never, 0, 'lobby')).toBe(never);
  });
});

describe('tokens', () => {
  it('reads expiry from a JWT exp claim or from expiresAt', () => {
    expect(resolveToken(jwt({ realm: 'o', exp: 2_000_000_000 })).expiresAt).toBe(2_000_000_000_000);
    expect(resolveToken({ accessToken: 'a_b_c', expiresAt: new Date(5) }).expiresAt).toBe(5);
    expect(resolveToken('a_b_c').expiresAt).toBeUndefined();
    expect(() => resolveToken('')).toThrow(expect.objectContaining({ code: 'token-invalid' }));
  });

  it('gives the SDK a placeholder refresh token only when renewable', () => {
    const token = { value: 'a_b_c', expiresAt: Date.now() + 60_000 };
    expect(toSdkCredentials(token, false)).toEqual({
      access_token: 'a_b_c',
      token_type: 'Bearer',
      expires_in: expect.any(Number),
    });
    expect(toSdkCredentials(token, true).refresh_token).toEqual(expect.any(String));
  });
});

describe('roster snapshots', () => {
  const member = (over: Partial<SdkMember> = {}): SdkMember => ({
    id: 'm1',
    name: 'Pat',
    isHost: false,
    isSelf: false,
    isInLobby: false,
    isAudioMuted: false,
    isVideoMuted: true,
    status: 'IN_MEETING',
    ...over,
  });

  it('maps a member, reusing the previous snapshot when equal', () => {
    const p = toParticipant(member());
    expect(p).toEqual({
      id: 'm1',
      name: 'Pat',
      isHost: false,
      isSelf: false,
      inLobby: false,
      audioMuted: false,
      videoMuted: true,
    });
    expect(toParticipant(member(), p)).toBe(p);
    expect(toParticipant(member({ isModerator: true }), p)).toMatchObject({ isHost: true });
    expect(toParticipant(member({ status: 'IN_LOBBY' }))).toMatchObject({ inLobby: true });
  });

  it('leaves out devices and people who left, finds self, and keeps identity', () => {
    const members = {
      a: member({ id: 'a' }),
      d: member({ id: 'd', isDevice: true }),
      g: member({ id: 'g', status: 'NOT_IN_MEETING' }),
      s: member({ id: 's', isSelf: true }),
    };
    const roster = buildRoster(members, EMPTY_ROSTER);
    expect(roster.participants.map((p) => p.id)).toEqual(['a', 's']);
    expect(roster.self?.id).toBe('s');
    expect(buildRoster({ ...members }, roster)).toBe(roster);
    expect(buildRoster(undefined, EMPTY_ROSTER)).toBe(EMPTY_ROSTER);
  });
});

describe('sdk-adapter: password state (both versions)', () => {
  it.each([
    ['WRONG_PASSWORD', 'wrong-password'],
    ['WRONG_CAPTCHA', 'wrong-captcha'],
    ['WRONG_REGISTRATION_ID', 'other'],
    ['OTHER', 'other'],
    ['NONE', null],
    [undefined, null],
  ])('failure reason %s → %s', (reason, expected) => {
    expect(passwordFailure(reason)).toBe(expected);
  });

  it('needs a password when REQUIRED, or when a captcha is demanded (even UNKNOWN)', () => {
    const m = (over: Partial<SdkMeeting>) => over as SdkMeeting;
    expect(needsPassword(m({ passwordStatus: 'REQUIRED' }))).toBe(true);
    expect(
      needsPassword(m({ passwordStatus: 'UNKNOWN', requiredCaptcha: { captchaId: 'c' } })),
    ).toBe(true);
    expect(needsPassword(m({ passwordStatus: 'NOT_REQUIRED', requiredCaptcha: null }))).toBe(false);
    expect(needsPassword(m({ passwordStatus: 'VERIFIED' }))).toBe(false);
  });
});
