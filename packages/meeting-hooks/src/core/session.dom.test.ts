import { afterEach, describe, expect, it, vi } from 'vitest';
import { MEETING_NUMBER, TOKEN, setup, statuses, until } from '../test-support';
import { FAKE_SELF_ID, createFakeWebex, fakeCaptchaImageUrl } from '../testing/fake-webex';
import { createMeetingClient } from './client';

// A bound on waiting for async UI, not a speed assertion (vi.waitFor defaults to 1 s).
const WAIT = { timeout: 15_000 };

const ROOM_ID = btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59');
const join = { displayName: 'Ada Guest' };

afterEach(() => {
  vi.useRealTimers();
});

describe('JoinSession: the happy path', () => {
  it('walks idle → connecting → resolving → joining → joined, registering and joining once', async () => {
    const { fake, client } = setup({
      meeting: { title: 'Consultation', meetingNumber: '25166661234' },
    });
    const session = client.createSession();
    const seen = statuses(session);
    expect(session.getSnapshot()).toEqual({ status: 'idle' });
    void session.join(MEETING_NUMBER, join);
    const joined = await until(session, 'joined');
    expect(seen).toEqual(['idle', 'connecting', 'resolving', 'joining', 'joined']);
    expect(joined).toMatchObject({
      title: 'Consultation',
      meetingNumber: '25166661234',
      isHost: false,
      self: { id: FAKE_SELF_ID, name: 'Ada Guest', isSelf: true, inLobby: false },
      destination: { type: 'MEETING_ID', value: '25166661234' },
    });
    expect(fake.calls).toMatchObject({ init: 1, register: 1, create: 1, join: 1 });
    expect(fake.joinArgs).toEqual([{ alias: 'Ada Guest', enableMultistream: true }]);
  });

  it('creates the meeting with the explicit type and failOnMissingMeetingInfo on 3.x', async () => {
    const { fake, client } = setup();
    const session = client.join('25166661234@acme.webex.com', join);
    await until(session, 'joined');
    expect(fake.createArgs).toEqual([
      ['25166661234@acme.webex.com', 'SIP_URI', false, {}, undefined, true],
    ]);
  });

  it('initialises the SDK with the token, discovery and a refresh callback', async () => {
    const discovery = {
      u2c: 'http://localhost:1/u2c/api/v1',
      hydra: 'http://localhost:1/v1',
      sqdiscovery: 'http://localhost:1/region',
    };
    const { fake, client } = setup(
      {},
      {
        accessToken: undefined,
        getAccessToken: () => TOKEN,
        discovery,
        config: { meetings: { autoUploadLogs: false } },
      },
    );
    await client.connect();
    const attrs = fake.initAttributes!;
    expect(attrs.credentials).toMatchObject({ access_token: TOKEN, token_type: 'Bearer' });
    // A placeholder refresh token makes the SDK call refreshCallback on a 401.
    expect(attrs.credentials.refresh_token).toBeTruthy();
    expect(attrs.config).toMatchObject({
      services: { discovery },
      meetings: { autoUploadLogs: false },
      credentials: { refreshCallback: expect.any(Function) },
    });
  });

  it('shares one connection between sessions and the client state says so', async () => {
    const { fake, client } = setup();
    expect(client.getSnapshot()).toEqual({ status: 'idle' });
    const a = client.join(MEETING_NUMBER, join);
    const b = client.createSession();
    void b.join('25166661234@acme.webex.com', join);
    await Promise.all([until(a, 'joined'), until(b, 'joined')]);
    expect(fake.calls.init).toBe(1);
    expect(fake.calls.register).toBe(1);
    expect(client.getSnapshot()).toEqual({ status: 'ready' });
    expect(client.webex).toBe(fake.webex);
  });

  it('accepts an already-initialised instance and a lazy loader', async () => {
    const fake = createFakeWebex();
    const viaInstance = createMeetingClient({ accessToken: TOKEN, sdk: fake.webex });
    await until(viaInstance.join(MEETING_NUMBER, join), 'joined');
    expect(fake.calls.init).toBe(0);

    const other = createFakeWebex();
    const loader = vi.fn(async () => ({ default: other.sdk }));
    const viaLoader = createMeetingClient({ accessToken: TOKEN, sdk: loader });
    expect(loader).not.toHaveBeenCalled(); // nothing loads before a join
    await until(viaLoader.join(MEETING_NUMBER, join), 'joined');
    expect(loader).toHaveBeenCalledOnce();
    expect(other.calls.init).toBe(1);
  });

  it('ignores a second join while one is under way', async () => {
    const { fake, client } = setup();
    const session = client.createSession();
    void session.join(MEETING_NUMBER, join);
    void session.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    await session.join(MEETING_NUMBER, join);
    expect(fake.calls.join).toBe(1);
  });
});

describe('JoinSession: destinations', () => {
  it('fails a room id with space-id-not-supported before loading anything', async () => {
    const { fake, client } = setup();
    const session = client.createSession();
    await session.join(ROOM_ID, join);
    const state = session.getSnapshot();
    expect(state.status).toBe('failed');
    if (state.status !== 'failed') return;
    expect(state.error.code).toBe('space-id-not-supported');
    expect(state.error.webexCode).toBe(30105);
    expect(fake.calls.init).toBe(0);
    expect(client.getSnapshot().status).toBe('idle');
  });

  it('fails unreadable input with invalid-destination', async () => {
    const { client } = setup();
    const session = client.createSession();
    await session.join('join my meeting', join);
    expect(session.getSnapshot()).toMatchObject({
      status: 'failed',
      error: { code: 'invalid-destination' },
    });
  });
});

describe('JoinSession: password, captcha and host key', () => {
  it('asks for the password, reports a wrong one, then joins', async () => {
    const { fake, client } = setup({ meeting: { password: 'secret' } });
    const session = client.join(MEETING_NUMBER, join);
    const asked = await until(session, 'password-required');
    expect(asked).toMatchObject({
      lastAttemptFailed: false,
      failureReason: null,
      captcha: { required: false, imageUrl: null, audioUrl: null },
    });
    const seen = statuses(session);
    void session.submitPassword('wrong');
    expect(session.getSnapshot()).toMatchObject({ status: 'verifying', kind: 'password' });
    await vi.waitFor(() => expect(seen.at(-1)).toBe('password-required'), WAIT);
    expect(session.getSnapshot()).toMatchObject({
      status: 'password-required',
      lastAttemptFailed: true,
      failureReason: 'wrong-password',
    });
    await session.submitPassword('secret');
    expect(session.getSnapshot().status).toBe('joined');
    expect(seen).toEqual([
      'password-required',
      'verifying',
      'password-required',
      'verifying',
      'joining',
      'joined',
    ]);
    expect(fake.calls.verifyPassword).toBe(2);
  });

  it('demands a captcha after three wrong passwords, refreshes it, and joins with both', async () => {
    const { fake, client } = setup({
      meeting: { password: 'secret', captchaAfterFailures: 3, captchaCode: 'XY12' },
    });
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'password-required');
    await session.submitPassword('a');
    await session.submitPassword('b');
    expect(session.getSnapshot()).toMatchObject({ captcha: { required: false } });
    await session.submitPassword('c');
    const withCaptcha = session.getSnapshot();
    expect(withCaptcha).toMatchObject({
      status: 'password-required',
      lastAttemptFailed: true,
      failureReason: 'wrong-password',
      captcha: {
        required: true,
        imageUrl: fakeCaptchaImageUrl(1, 'XY12'),
        audioUrl: expect.stringMatching(/^data:audio\/wav;base64,.*#captcha-1$/),
      },
    });

    const refreshing = session.refreshCaptcha();
    expect(session.getSnapshot()).toMatchObject({ status: 'verifying', kind: 'captcha-refresh' });
    await refreshing;
    const refreshed = session.getSnapshot();
    expect(refreshed).toMatchObject({
      status: 'password-required',
      captcha: { required: true, imageUrl: fakeCaptchaImageUrl(2, 'XY12') },
    });
    // The SDK mutates its captcha in place; the snapshot must be a new object.
    if (refreshed.status === 'password-required' && withCaptcha.status === 'password-required') {
      expect(refreshed.captcha).not.toBe(withCaptcha.captcha);
    }
    expect(fake.calls.refreshCaptcha).toBe(1);

    await session.submitPassword('secret', 'nope');
    expect(session.getSnapshot()).toMatchObject({
      lastAttemptFailed: true,
      failureReason: 'wrong-captcha',
      captcha: { required: true },
    });
    await session.submitPassword('secret', 'XY12');
    expect(session.getSnapshot().status).toBe('joined');
  });

  it('tries the password option once by itself', async () => {
    const { fake, client } = setup({ meeting: { password: 'secret' } });
    const session = client.join(MEETING_NUMBER, { ...join, password: 'secret' });
    await until(session, 'joined');
    expect(fake.calls.verifyPassword).toBe(1);

    const wrong = setup({ meeting: { password: 'secret' } });
    const other = wrong.client.join(MEETING_NUMBER, { ...join, password: 'old' });
    await vi.waitFor(
      () =>
        expect(other.getSnapshot()).toMatchObject({
          status: 'password-required',
          lastAttemptFailed: true,
        }),
      WAIT,
    );
    expect(wrong.fake.calls.verifyPassword).toBe(1);
  });

  it('a host key typed into the password form makes self host', async () => {
    const { fake, client } = setup({ meeting: { password: 'secret', hostKey: '123456' } });
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'password-required');
    const verifying = session.submitHostKey('123456');
    expect(session.getSnapshot()).toMatchObject({ status: 'verifying', kind: 'host-key' });
    await verifying;
    expect(session.getSnapshot()).toMatchObject({ status: 'joined', isHost: true });
    expect(fake.joinArgs[0]).toEqual({
      alias: 'Ada Guest',
      moderator: true,
      pin: '123456',
      enableMultistream: true,
    });
  });

  it('the hostKey option joins as host when no password is asked', async () => {
    const { fake, client } = setup({ meeting: { hostKey: '123456', lobby: true } });
    const session = client.join(MEETING_NUMBER, { ...join, hostKey: '123456' });
    const joined = await until(session, 'joined');
    expect(joined.isHost).toBe(true);
    expect(joined.self?.isHost).toBe(true);
    expect(fake.joinArgs[0]).toEqual({
      alias: 'Ada Guest',
      moderator: true,
      pin: '123456',
      enableMultistream: true,
    });
  });

  it('password actions outside password-required do nothing', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    await session.submitPassword('x');
    await session.refreshCaptcha();
    expect(fake.calls.verifyPassword).toBe(0);
    expect(session.getSnapshot().status).toBe('joined');
  });
});

describe('JoinSession: lobby and admission', () => {
  it('waits in the lobby until admitted on command', async () => {
    const { fake, client } = setup({ meeting: { lobby: true, title: 'Clinic' } });
    const session = client.join(MEETING_NUMBER, join);
    const lobby = await until(session, 'lobby');
    expect(lobby).toMatchObject({ title: 'Clinic' });
    expect(session.roster.getSnapshot().self).toMatchObject({ inLobby: true });
    fake.admitSelf();
    expect(session.getSnapshot()).toMatchObject({
      status: 'joined',
      self: { inLobby: false },
    });
  });

  it('is admitted after a delay (fake timers)', async () => {
    vi.useFakeTimers();
    const { client } = setup({ meeting: { lobby: { admitAfterMs: 60_000 } } });
    const session = client.join(MEETING_NUMBER, join);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(session.getSnapshot().status).toBe('lobby');
    await vi.advanceTimersByTimeAsync(59_998);
    expect(session.getSnapshot().status).toBe('lobby');
    await vi.advanceTimersByTimeAsync(1);
    expect(session.getSnapshot().status).toBe('joined');
  });

  it('a lobby limit, when set, ends in timeout and leaves', async () => {
    vi.useFakeTimers();
    const { fake, client } = setup({ meeting: { lobby: true } }, { timeouts: { lobby: 5_000 } });
    const session = client.join(MEETING_NUMBER, join);
    await vi.advanceTimersByTimeAsync(1);
    expect(session.getSnapshot().status).toBe('lobby');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(session.getSnapshot()).toMatchObject({
      status: 'failed',
      error: { code: 'timeout', retryable: true, reason: 'lobby' },
    });
    expect(fake.calls.leave).toBe(1);
  });

  it('a host admits people from the lobby', async () => {
    const { fake, client } = setup({
      meeting: { participants: [{ id: 'p2', name: 'Bob', inLobby: true }] },
    });
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    expect(session.roster.getSnapshot().participants.find((p) => p.id === 'p2')?.inLobby).toBe(
      true,
    );
    await session.admit('p2');
    expect(fake.calls.admit).toBe(1);
    expect(session.roster.getSnapshot().participants.find((p) => p.id === 'p2')?.inLobby).toBe(
      false,
    );
  });
});

describe('JoinSession: leaving and ending', () => {
  it('leave() leaves once and ends in left: self', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    await session.leave();
    expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' });
    expect(fake.calls.leave).toBe(1);
    await session.leave();
    expect(fake.calls.leave).toBe(1);
    // The meeting:removed that follows a guest's leave changes nothing.
    expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' });
    expect(fake.meeting!.events.listenerCount()).toBe(0);
  });

  it('left: ended when the host ends the meeting, removed when removed', async () => {
    const a = setup();
    const ended = a.client.join(MEETING_NUMBER, join);
    await until(ended, 'joined');
    a.fake.endMeeting();
    expect(ended.getSnapshot()).toEqual({ status: 'left', reason: 'ended' });

    const b = setup({ meeting: { lobby: true } });
    const removed = b.client.join(MEETING_NUMBER, join);
    await until(removed, 'lobby');
    b.fake.removeSelf();
    expect(removed.getSnapshot()).toEqual({ status: 'left', reason: 'removed' });
  });

  it('left: license when Locus says so, and self:left means removed', async () => {
    const a = setup();
    const s1 = a.client.join(MEETING_NUMBER, join);
    await until(s1, 'joined');
    a.fake.meeting!.events.emit('meeting:self:left', 'LICENSE_LIMIT_REACHED');
    expect(s1.getSnapshot()).toEqual({ status: 'left', reason: 'license' });

    const b = setup();
    const s2 = b.client.join(MEETING_NUMBER, join);
    await until(s2, 'joined');
    b.fake.meeting!.events.emit('meeting:self:left', 'MEDIA_INACTIVITY');
    expect(s2.getSnapshot()).toEqual({ status: 'left', reason: 'removed' });
  });

  it('a lost connection fails with network', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    fake.webex.meetings.destroy!(fake.meeting!, 'MEETING_CONNECTION_FAILED');
    expect(session.getSnapshot()).toMatchObject({
      status: 'failed',
      error: { code: 'network', retryable: true },
    });
  });

  it('endForAll() ends the meeting: left: ended', async () => {
    const { fake, client } = setup({ meeting: { hostKey: '1' } });
    const session = client.join(MEETING_NUMBER, { ...join, hostKey: '1' });
    await until(session, 'joined');
    await session.endForAll();
    expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'ended' });
    expect(fake.calls.endMeetingForAll).toBe(1);
  });

  it('endForAll() and admit() reject with a JoinError when the SDK refuses', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    fake.setFailure('endMeetingForAll', 'forbidden');
    fake.setFailure('admit', 'network');
    await expect(session.endForAll()).rejects.toMatchObject({ code: 'forbidden' });
    await expect(session.admit(['x'])).rejects.toMatchObject({ code: 'network' });
    expect(session.getSnapshot().status).toBe('joined');
  });

  it('leaving during joining waits for the join, then leaves', async () => {
    const { fake, client } = setup({ fail: { join: 'hang' } });
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joining');
    const leaving = session.leave();
    expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' });
    expect(fake.calls.leave).toBe(0);
    fake.release('join');
    await leaving;
    expect(fake.calls.leave).toBe(1);
    expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' });
  });

  it('leaving before anything loaded needs no SDK', async () => {
    const { fake, client } = setup();
    const session = client.createSession();
    await session.leave();
    expect(session.getSnapshot()).toEqual({ status: 'idle' });
    expect(fake.calls.init).toBe(0);
  });

  it('dispose() leaves every session and unregisters', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    await client.dispose();
    expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' });
    expect(fake.calls).toMatchObject({ leave: 1, unregister: 1 });
    expect(client.getSnapshot()).toEqual({ status: 'disposed' });
    await expect(client.connect()).rejects.toMatchObject({ code: 'unknown' });
  });
});

describe('JoinSession: failures', () => {
  it.each([
    ['an unknown meeting', { meeting: { exists: false } }, 'not-found', false],
    ['meeting info unreachable', { fail: { create: 'network' as const } }, 'network', true],
    [
      'join before host',
      { meeting: { joinBeforeHost: false } },
      'join-before-host-not-allowed',
      true,
    ],
    [
      'a licence with no free meeting',
      { meeting: { licenseExhausted: true } },
      'license-exceeded',
      true,
    ],
    ['a forbidden join', { fail: { join: 'forbidden' as const } }, 'forbidden', false],
    [
      'a refused token at register',
      { fail: { register: 'unauthorized' as const } },
      'token-invalid',
      false,
    ],
    ['a network failure at register', { fail: { register: 'network' as const } }, 'network', true],
  ])('%s fails with %s', async (_label, scenario, code, retryable) => {
    const { client } = setup(scenario);
    const session = client.join(MEETING_NUMBER, join);
    const failed = await until(session, 'failed');
    expect(failed.error.code).toBe(code);
    expect(failed.error.retryable).toBe(retryable);
    expect(failed.error.message.length).toBeGreaterThan(10);
  });

  it('keeps the Locus licence code on license-exceeded', async () => {
    const { fake, client } = setup({ meeting: { licenseExhausted: true } });
    const failed = await until(client.join(MEETING_NUMBER, join), 'failed');
    expect(failed.error.webexCode).toBe(2403050);
    expect(fake.calls.join).toBe(1);
  });

  it('a token in a format Webex rejects fails before loading the SDK', async () => {
    const { fake, client } = setup({}, { accessToken: 'not-a-webex-token' });
    const failed = await until(client.join(MEETING_NUMBER, join), 'failed');
    expect(failed.error.code).toBe('token-invalid');
    expect(fake.calls.init).toBe(0);
  });

  it('an expired token is renewed through getAccessToken and the join goes on', async () => {
    const getAccessToken = vi.fn(async () => TOKEN);
    const { fake, client } = setup(
      { tokenExpiresAt: 'create' },
      { accessToken: undefined, getAccessToken },
    );
    await until(client.join(MEETING_NUMBER, join), 'joined');
    expect(getAccessToken).toHaveBeenCalledTimes(2);
    expect(fake.token).toBe(TOKEN);
  });

  it('an expired token with no getAccessToken is token-expired (JWT exp in the past)', async () => {
    const payload = btoa(JSON.stringify({ realm: 'org-1', exp: 1 })).replace(/=+$/, '');
    const expired = `e30.${payload}.sig`;
    const { client } = setup({ tokenExpiresAt: 'register' }, { accessToken: expired });
    const failed = await until(client.join(MEETING_NUMBER, join), 'failed');
    expect(failed.error.code).toBe('token-expired');
  });

  it('retry() renews an expired token and joins', async () => {
    const payload = (exp: number) =>
      btoa(JSON.stringify({ realm: 'org-1', exp })).replace(/=+$/, '');
    let calls = 0;
    const getAccessToken = vi.fn(() => `e30.${payload(++calls === 1 ? 1 : 9_999_999_999)}.sig`);
    const { fake, client } = setup({}, { accessToken: undefined, getAccessToken });
    fake.setFailure('register', 'unauthorized');
    const session = client.join(MEETING_NUMBER, join);
    expect((await until(session, 'failed')).error.code).toBe('token-expired');
    fake.setFailure('register', undefined);
    await session.retry();
    expect(session.getSnapshot().status).toBe('joined');
    expect(getAccessToken.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('retry() after a failure starts again and can succeed', async () => {
    const { fake, client } = setup({ fail: { create: 'network' } });
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'failed');
    fake.setFailure('create', undefined);
    await session.retry();
    expect(session.getSnapshot().status).toBe('joined');
  });
});

describe('JoinSession: every phase times out', () => {
  it.each([
    ['connecting', { fail: { init: 'hang' as const } }, 30_000],
    ['connecting', { fail: { register: 'hang' as const } }, 30_000],
    ['resolving', { fail: { create: 'hang' as const } }, 20_000],
    ['joining', { fail: { join: 'hang' as const } }, 30_000],
  ])('%s (default limit) ends in a retryable timeout', async (phase, scenario, limit) => {
    vi.useFakeTimers();
    const { client } = setup(scenario);
    const session = client.join(MEETING_NUMBER, join);
    await vi.advanceTimersByTimeAsync(limit - 1);
    expect(session.getSnapshot().status).not.toBe('failed');
    await vi.advanceTimersByTimeAsync(1);
    expect(session.getSnapshot()).toMatchObject({
      status: 'failed',
      error: { code: 'timeout', retryable: true, reason: phase },
    });
  });

  it('verifying and captcha refresh time out too, with configured limits', async () => {
    vi.useFakeTimers();
    const { fake, client } = setup(
      { meeting: { password: 's', captchaAfterFailures: 1 } },
      { timeouts: { verifying: 1_000 } },
    );
    const session = client.join(MEETING_NUMBER, join);
    await vi.advanceTimersByTimeAsync(1);
    await session.submitPassword('wrong');
    fake.setFailure('refreshCaptcha', 'hang');
    void session.refreshCaptcha();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(session.getSnapshot()).toMatchObject({
      status: 'failed',
      error: { code: 'timeout', reason: 'verifying' },
    });
  });

  it('a join that lands after its timeout is left at once', async () => {
    vi.useFakeTimers();
    const { fake, client } = setup({ fail: { join: 'hang' } }, { timeouts: { joining: 1_000 } });
    const session = client.join(MEETING_NUMBER, join);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(session.getSnapshot().status).toBe('failed');
    fake.release('join');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.leave).toBe(1);
  });
});

describe('JoinSession: roster and snapshots', () => {
  it('roster churn rebuilds immutable snapshots and keeps unchanged ones', async () => {
    const { fake, client } = setup({
      meeting: {
        participants: [
          { id: 'h', name: 'Dr Host', isHost: true },
          { id: 'p', name: 'Pat' },
        ],
      },
    });
    const session = client.join(MEETING_NUMBER, join);
    const joined = await until(session, 'joined');
    const before = session.roster.getSnapshot();
    expect(before.participants.map((p) => p.name)).toEqual(['Dr Host', 'Pat', 'Ada Guest']);
    expect(Object.isFrozen(before.participants[0])).toBe(true);

    fake.updateParticipant('p', { audioMuted: true });
    const after = session.roster.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.participants[0]).toBe(before.participants[0]); // host unchanged: same object
    expect(after.participants[1]).toMatchObject({ id: 'p', audioMuted: true });
    expect(after.self).toBe(before.self);
    expect(session.getSnapshot()).toBe(joined); // self untouched: no new join state

    fake.removeParticipant('p');
    expect(session.roster.getSnapshot().participants.map((p) => p.id)).toEqual(['h', FAKE_SELF_ID]);

    fake.updateParticipant(FAKE_SELF_ID, { audioMuted: true });
    expect(session.getSnapshot()).not.toBe(joined);
    expect(session.getSnapshot()).toMatchObject({ self: { audioMuted: true } });
  });

  it('an update that changes nothing publishes nothing', async () => {
    const { fake, client } = setup({ meeting: { participants: [{ id: 'p', name: 'Pat' }] } });
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    const listener = vi.fn();
    session.roster.subscribe(listener);
    session.subscribe(listener);
    fake.updateParticipant('p', {});
    expect(listener).not.toHaveBeenCalled();
  });

  it('remote media follows media:ready and media:stopped', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    fake.remoteMedia('remoteVideo');
    const video = session.remoteMedia.getSnapshot().video;
    expect(video).toBeTruthy();
    fake.remoteMedia('remoteAudio');
    expect(session.remoteMedia.getSnapshot().video).toBe(video);
    fake.stopRemoteMedia('remoteVideo');
    expect(session.remoteMedia.getSnapshot()).toMatchObject({ video: null });
    expect(session.remoteMedia.getSnapshot().audio).toBeTruthy();
    await session.leave();
    expect(session.remoteMedia.getSnapshot()).toEqual({ audio: null, video: null, share: null });
  });
  it('the share stream is published only while someone else holds the floor', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    // Media connects: the SDK hands over an idle share stream though nobody shares.
    fake.remoteMedia('remoteShare');
    expect(session.remoteMedia.getSnapshot().share).toBeNull();
    fake.remoteShare('p-ada');
    const share = session.remoteMedia.getSnapshot().share;
    expect(share).toBeTruthy();
    fake.remoteShare(null);
    expect(session.remoteMedia.getSnapshot().share).toBeNull();
    // A share that starts before the stream arrives shows once it does.
    fake.remoteShare('p-ada');
    fake.stopRemoteMedia('remoteShare');
    expect(session.remoteMedia.getSnapshot().share).toBeNull();
    fake.remoteMedia('remoteShare');
    expect(session.remoteMedia.getSnapshot().share).toBeTruthy();
  });
});

describe('webex@2.60.4 surface', () => {
  const v2 = { sdkVersion: '2.60.4' };

  it('creates with the type only, and walks the same password path', async () => {
    const { fake, client } = setup({
      ...v2,
      meeting: { password: 'secret', captchaAfterFailures: 1 },
    });
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'password-required');
    expect(fake.createArgs).toEqual([['25166661234', 'MEETING_ID']]);
    await session.submitPassword('x');
    expect(session.getSnapshot()).toMatchObject({ captcha: { required: true } });
    await session.submitPassword('secret', 'ABCD');
    expect(session.getSnapshot().status).toBe('joined');
  });

  it('an unknown meeting is not-found, not a silent 1:1, and the meeting is dropped', async () => {
    const { fake, client } = setup({ ...v2, meeting: { exists: false } });
    const removed = vi.fn();
    fake.webex.meetings.on('meeting:removed', removed);
    const failed = await until(client.join(MEETING_NUMBER, join), 'failed');
    expect(failed.error.code).toBe('not-found');
    expect(removed).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'MISSING_MEETING_INFO' }),
    );
    expect(fake.calls.join).toBe(0);
  });

  it('a network failure looking the meeting up is network, not not-found', async () => {
    const { client } = setup({ ...v2, fail: { create: 'network' } });
    expect((await until(client.join(MEETING_NUMBER, join), 'failed')).error.code).toBe('network');
  });

  it('403003 (which 2.60.4 reports as "password required") is join-before-host', async () => {
    const { client } = setup({ ...v2, meeting: { joinBeforeHost: false } });
    const failed = await until(client.join(MEETING_NUMBER, join), 'failed');
    expect(failed.error.code).toBe('join-before-host-not-allowed');
  });
});

describe('JoinSession: Join again and pagehide', () => {
  it('Join again while the leave is still under way waits for it, then joins a fresh meeting object', async () => {
    const { fake, client } = setup({ fail: { leave: 'hang' } });
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    const first = session.meeting;
    const leaving = session.leave();
    expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' });
    const again = session.retry();
    // The SDK still holds (and would hand back) the first object until its leave lands.
    fake.release('leave');
    await Promise.all([leaving, again]);
    await until(session, 'joined');
    expect(session.meeting).not.toBe(first);
    // Late events for the first object (its meeting:removed) end nothing.
    fake.webex.meetings.destroy?.(first as never, 'SELF_REMOVED');
    expect(session.getSnapshot().status).toBe('joined');
  });

  it('leaves on pagehide', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    window.dispatchEvent(new Event('pagehide'));
    expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' });
    await vi.waitFor(() => expect(fake.calls.leave).toBe(1), WAIT);
    window.dispatchEvent(new Event('pagehide'));
    expect(fake.calls.leave).toBe(1);
  });
});

describe('JoinSession: connection health', () => {
  it('a media drop is reconnecting (not failed) until the SDK reconnects, then joined again', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    const joined = await until(session, 'joined');
    const seen = statuses(session);
    fake.dropMedia();
    expect(session.getSnapshot()).toMatchObject({
      status: 'reconnecting',
      lost: ['media'],
      self: joined.self,
      title: joined.title,
    });
    fake.restoreMedia();
    expect(session.getSnapshot()).toMatchObject({ status: 'joined', self: joined.self });
    expect(seen).toEqual(['joined', 'reconnecting', 'joined']);
  });

  it('a Mercury drop is reconnecting until Mercury is back; both down need both back', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    fake.dropMercury();
    expect(session.getSnapshot()).toMatchObject({ status: 'reconnecting', lost: ['signalling'] });
    fake.dropMedia();
    expect(session.getSnapshot()).toMatchObject({ lost: ['media', 'signalling'] });
    fake.restoreMercury();
    expect(session.getSnapshot()).toMatchObject({ status: 'reconnecting', lost: ['media'] });
    fake.restoreMedia();
    expect(session.getSnapshot().status).toBe('joined');
  });

  it('the SDK giving up fails with a retryable network error and leaves', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    fake.dropMedia();
    fake.failReconnection();
    const st = session.getSnapshot();
    expect(st).toMatchObject({ status: 'failed', error: { code: 'network', retryable: true } });
    await vi.waitFor(() => expect(fake.calls.leave).toBe(1), WAIT);
  });

  it('reconnecting longer than timeouts.reconnecting fails with network', async () => {
    vi.useFakeTimers();
    const { fake, client } = setup({}, { timeouts: { reconnecting: 5_000 } });
    const session = client.join(MEETING_NUMBER, join);
    await vi.runAllTimersAsync();
    expect(session.getSnapshot().status).toBe('joined');
    fake.dropMercury();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(session.getSnapshot().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(session.getSnapshot()).toMatchObject({
      status: 'failed',
      error: { code: 'network', retryable: true, reason: 'reconnecting' },
    });
  });

  it('a recovery within the bound cancels it', async () => {
    vi.useFakeTimers();
    const { fake, client } = setup({}, { timeouts: { reconnecting: 5_000 } });
    const session = client.join(MEETING_NUMBER, join);
    await vi.runAllTimersAsync();
    fake.dropMedia();
    await vi.advanceTimersByTimeAsync(3_000);
    fake.restoreMedia();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(session.getSnapshot().status).toBe('joined');
  });

  it('network quality follows network:quality, per media and overall', async () => {
    const { fake, client } = setup();
    const session = client.join(MEETING_NUMBER, join);
    await until(session, 'joined');
    expect(session.networkQuality.getSnapshot()).toEqual({
      overall: 'unknown',
      audio: 'unknown',
      video: 'unknown',
    });
    fake.networkQuality('audio', 1);
    expect(session.networkQuality.getSnapshot()).toEqual({
      overall: 'good',
      audio: 'good',
      video: 'unknown',
    });
    const before = session.networkQuality.getSnapshot();
    fake.networkQuality('audio', 1);
    expect(session.networkQuality.getSnapshot()).toBe(before);
    fake.networkQuality('video', 0);
    expect(session.networkQuality.getSnapshot().overall).toBe('poor');
    await session.leave();
    expect(session.networkQuality.getSnapshot().overall).toBe('unknown');
  });

  it('turns the SDK’s media reconnection on unless the integrator says otherwise', async () => {
    const a = setup();
    await a.client.connect();
    expect(a.fake.initAttributes!.config).toMatchObject({
      meetings: { reconnection: { enabled: true } },
    });
    const b = setup({}, { config: { meetings: { reconnection: { enabled: false } } } });
    await b.client.connect();
    expect(b.fake.initAttributes!.config).toMatchObject({
      meetings: { reconnection: { enabled: false } },
    });
  });
});
