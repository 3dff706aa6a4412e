import { cleanDisplayName } from '@g2g/webex-spec';
/*
 * The join state machine (engine side: loaded lazily, with the SDK).
 * idle → connecting → resolving → (password-required ⇄ verifying) → joining
 * → (lobby →) joined → left, and failed from anywhere.
 */
import { parseDestination, type Destination } from './destination';
import { JoinError } from './errors';
import { toJoinError } from './errors-map';
import { createLocalMedia } from './media';
import { createMultistream } from './multistream';
import { buildRoster } from './roster';
import { createMeeting, isLegacySdk, needsPassword, passwordFailure } from './sdk-adapter';
import type { SdkCaptcha, SdkEmitter, SdkListener, SdkMeeting, SdkWebex } from './sdk-types';
import type {
  JoinOptions,
  JoinSession,
  SessionEngine,
  SessionHost,
  SessionStores,
} from './session';
import {
  NO_REMOTE_MEDIA,
  type CaptchaChallenge,
  type LeftReason,
  type RemoteMediaSnapshot,
} from './state';
import { withTimeout } from './timeout';

const NO_CAPTCHA: CaptchaChallenge = Object.freeze({
  required: false,
  imageUrl: null,
  audioUrl: null,
});
const REMOTE_KEYS: Record<string, keyof RemoteMediaSnapshot> = {
  remoteAudio: 'audio',
  remoteVideo: 'video',
  remoteShare: 'share',
};
const IN_MEETING = ['joining', 'lobby', 'joined'];
// `meeting:removed` reasons (both SDK versions); any other reason means the meeting ended.
const REMOVED: Record<string, LeftReason> = {
  SELF_REMOVED: 'removed',
  CLIENT_LEAVE_REQUEST: 'self',
  CLIENT_LEAVE_REQUEST_TAB_CLOSED: 'self',
};
const LOST = ['MEETING_CONNECTION_FAILED', 'LOCUS_DTO_SYNC_FAILED'];
const LICENCE = /licen[cs]e/i;

const captchaOf = (c: SdkCaptcha | null | undefined): CaptchaChallenge =>
  c
    ? Object.freeze({
        required: true,
        imageUrl: c.verificationImageURL ?? null,
        audioUrl: c.verificationAudioURL ?? null,
      })
    : NO_CAPTCHA;

const text = (v: unknown) => (v == null || v === '' ? null : String(v));
const noop = () => {};

/** Drives one session's stores through the join. Created by the session on its first action. */
export function createSessionEngine(
  host: SessionHost,
  { state, roster, remote, media: mediaStore, multistream: multistreamStore }: SessionStores,
  session: JoinSession,
): SessionEngine {
  const t = host.timeouts;
  const get = state.getSnapshot;
  const set = state.set;
  const status = () => get().status;
  let run = 0; // bumped by every start, leave and end: async steps of an older run stop
  let webex: SdkWebex | undefined;
  let meeting: SdkMeeting | undefined;
  let destination: Destination | undefined;
  let options: JoinOptions = {};
  let autoTried = false;
  let lobbyTimer: ReturnType<typeof setTimeout> | undefined;
  let inflight: Promise<unknown> | undefined; // the SDK's join, while it runs
  let detach: (() => void)[] = [];
  // A meeting looked up before the join (prepare), for the destination it was made for.
  let prepared: { key: string; meeting: Promise<SdkMeeting> } | undefined;
  const keyOf = (d: Destination) => `${d.type}:${d.value}`;

  const media = createLocalMedia(mediaStore, {
    ensureWebex: async () => (webex ??= await host.connect()),
    meeting: () => meeting,
    joined: () => status() === 'joined',
    connected: () => {
      if (meeting) multistream.connected(meeting);
    },
  });
  const multistream = createMultistream(multistreamStore, () => meeting);

  // Stops listening to the meeting; leaving also releases the devices, but a
  // (re)start keeps them, so a pre-join preview survives into the meeting.
  function end(release = true) {
    run++;
    clearTimeout(lobbyTimer);
    for (const off of detach) off();
    detach = [];
    if (release) media.release();
    remote.set(NO_REMOTE_MEDIA);
    multistream.reset();
  }

  function fail(error: unknown, gen: number) {
    if (gen !== run) return;
    end();
    set({ status: 'failed', error: toJoinError(error, { tokenExpired: host.tokenExpired() }) });
  }

  function ended(reason: LeftReason) {
    if (!IN_MEETING.includes(status())) return;
    end();
    set({ status: 'left', reason });
  }

  function listen(emitter: SdkEmitter | undefined, event: string, fn: SdkListener) {
    if (!emitter) return;
    emitter.on(event, fn);
    detach.push(() => emitter.off(event, fn));
  }

  const details = () => ({
    destination: destination!,
    title: text(meeting?.meetingInfo?.meetingName),
    meetingNumber: text(meeting?.meetingNumber ?? meeting?.meetingInfo?.meetingNumber),
  });

  function publishJoined() {
    const self = roster.getSnapshot().self;
    const isHost = !!self?.isHost || !!meeting?.roles?.includes('MODERATOR');
    const cur = get();
    // Roster churn that leaves self alone publishes nothing: join-state consumers do not re-render.
    if (cur.status === 'joined' && cur.self === self && cur.isHost === isHost) return;
    set({ status: 'joined', ...details(), self, isHost });
  }

  function attach(m: SdkMeeting) {
    const refreshRoster = (payload?: unknown) => {
      // Re-read the SDK's whole collection on every event; payload deltas are not trusted.
      const full = (payload as { full?: Record<string, never> } | undefined)?.full;
      roster.set(buildRoster(full ?? m.members?.membersCollection?.getAll(), roster.getSnapshot()));
      if (status() === 'joined') publishJoined();
    };
    listen(m.members, 'members:update', refreshRoster);
    listen(m, 'meeting:self:lobbyWaiting', () => {
      if (status() === 'joining') enterLobby(run);
    });
    listen(m, 'meeting:self:guestAdmitted', () => {
      if (status() === 'lobby' || status() === 'joining') enterJoined();
    });
    // No left/ended events exist: meeting:removed reasons and self:left tell.
    listen(m, 'meeting:self:left', (reason) =>
      ended(LICENCE.test(String(reason)) ? 'license' : 'removed'),
    );
    listen(webex?.meetings, 'meeting:removed', (payload) => {
      const { meetingId, reason } = (payload ?? {}) as { meetingId?: string; reason?: unknown };
      if (meetingId !== m.id) return;
      const why = String(reason ?? '');
      if (LOST.includes(why) && IN_MEETING.includes(status())) {
        fail(
          new JoinError('network', 'The connection to the meeting was lost.', {
            retryable: true,
            cause: why,
          }),
          run,
        );
      } else ended(LICENCE.test(why) ? 'license' : (REMOVED[why] ?? 'ended'));
    });
    const onMedia = (stopped: boolean) => (payload?: unknown) => {
      const { type, stream } = (payload ?? {}) as { type?: string; stream?: MediaStream };
      const key = REMOTE_KEYS[type ?? ''];
      if (key) remote.set({ ...remote.getSnapshot(), [key]: stopped ? null : (stream ?? null) });
    };
    listen(m, 'media:ready', onMedia(false));
    listen(m, 'media:stopped', onMedia(true));
    multistream.attach(m, listen);
    refreshRoster();
  }

  function enterLobby(gen: number) {
    set({ status: 'lobby', ...details() });
    if (t.lobby > 0 && t.lobby < Infinity) {
      lobbyTimer = setTimeout(() => {
        const m = meeting;
        fail(
          new JoinError('timeout', 'Nobody let you in from the lobby in time.', {
            retryable: true,
            reason: 'lobby',
          }),
          gen,
        );
        m?.leave().catch(noop);
      }, t.lobby);
    }
  }

  function enterJoined() {
    clearTimeout(lobbyTimer);
    publishJoined();
    if (options.media) void media.connect();
  }

  function askPassword(gen: number, failed: boolean, reason?: string, captcha?: SdkCaptcha | null) {
    if (gen !== run || !meeting) return;
    const challenge = captchaOf(captcha === undefined ? meeting.requiredCaptcha : captcha);
    set({
      status: 'password-required',
      destination: destination!,
      lastAttemptFailed: failed,
      failureReason: failed
        ? (passwordFailure(reason ?? meeting.meetingInfoFailureReason) ?? 'other')
        : null,
      captcha: challenge,
    });
    const secret = options.hostKey ?? options.password;
    if (!failed && !autoTried && !challenge.required && secret) {
      autoTried = true;
      return verify(secret, undefined, options.hostKey ? 'host-key' : 'password');
    }
  }

  async function joinMeeting(gen: number, asHost: boolean) {
    const m = meeting!;
    set({ status: 'joining', destination: destination!, asHost });
    const joining = (inflight = m.join({
      // No alias unless the integrator chose one: Locus then shows the name
      // the guest token was minted with, cleaned once on the server.
      ...(options.displayName !== undefined ? { alias: options.displayName } : {}),
      ...(asHost ? { moderator: true, pin: options.hostKey } : {}),
      // A pane per participant, unless the integrator said no; 2.60.4 has no multistream.
      ...(options.multistream !== false && webex && !isLegacySdk(webex)
        ? { enableMultistream: true }
        : {}),
    }));
    // webex@3 also rejects an internal `deferJoin` promise that nobody awaits,
    // so every failed join would surface as an unhandled rejection in the app.
    (m as { deferJoin?: Promise<unknown> }).deferJoin?.catch(noop);
    try {
      await withTimeout(joining, t.joining, 'joining');
    } catch (error) {
      // A join that lands after we gave up must not leave a ghost participant.
      if (gen === run) joining.then(() => m.leave(), noop).catch(noop);
      return fail(error, gen);
    }
    if (gen !== run || status() !== 'joining') return;
    if (m.isUserUnadmitted) enterLobby(gen);
    else enterJoined();
  }

  async function start() {
    end(false);
    const gen = run;
    meeting = undefined;
    try {
      set({ status: 'connecting', destination: destination! });
      webex = await host.connect();
      if (gen !== run) return;
      set({ status: 'resolving', destination: destination! });
      const ready = prepared?.key === keyOf(destination!) ? prepared.meeting : undefined;
      prepared = undefined; // used once: a later retry looks the meeting up afresh
      const w = webex;
      const lookup = ready
        ? ready.catch(() => createMeeting(w, destination!))
        : createMeeting(w, destination!);
      const m = await withTimeout(lookup, t.resolving, 'resolving');
      if (gen !== run) return;
      meeting = m;
      attach(m);
      if (needsPassword(m)) await askPassword(gen, false);
      else await joinMeeting(gen, !!options.hostKey);
    } catch (error) {
      fail(error, gen);
    }
  }

  async function verify(
    secret: string,
    captchaCode: string | undefined,
    kind: 'password' | 'host-key',
  ) {
    const cur = get();
    if (cur.status !== 'password-required' || !meeting) return;
    const gen = run;
    set({ status: 'verifying', destination: cur.destination, kind, captcha: cur.captcha });
    try {
      const result = await withTimeout(
        meeting.verifyPassword(secret, captchaCode),
        t.verifying,
        'verifying',
      );
      if (gen !== run) return;
      if (result.isPasswordValid && !result.requiredCaptcha) {
        if (kind === 'host-key') options = { ...options, hostKey: secret };
        await joinMeeting(gen, kind === 'host-key');
      } else await askPassword(gen, true, result.failureReason, result.requiredCaptcha);
    } catch (error) {
      fail(error, gen);
    }
  }

  // A meeting object that was looked up but never joined is dropped from the
  // SDK's collection (private `destroy`, present in 2.60.4 and 3.x).
  function discardPrepared() {
    const p = prepared;
    prepared = undefined;
    p?.meeting.then((m) => webex?.meetings.destroy?.(m, 'CLIENT_LEAVE_REQUEST'), noop).catch(noop);
  }

  /** A host action on the joined meeting; the SDK's refusal becomes a {@link JoinError}. */
  async function hostAction(work: (m: SdkMeeting) => Promise<unknown> | undefined) {
    const m = meeting;
    if (!m || status() !== 'joined')
      throw new JoinError('forbidden', 'Join the meeting before using host controls.');
    try {
      await withTimeout(Promise.resolve(work(m)), t.joining, 'joining');
    } catch (error) {
      throw toJoinError(error);
    }
  }

  async function leaveWith(
    reason: LeftReason,
    work?: (m: SdkMeeting, was: string) => Promise<unknown>,
  ) {
    const was = status();
    if (was === 'idle') {
      end(); // releases a pre-join preview
      return discardPrepared();
    }
    if (was === 'left') return;
    const m = meeting;
    end();
    set({ status: 'left', reason });
    if (m && work && IN_MEETING.includes(was)) {
      await withTimeout(work(m, was), t.leaving, 'leaving').catch(noop);
    }
  }

  return {
    ...media,
    setLayout: multistream.setLayout,
    pin: multistream.pin,
    unpin: multistream.unpin,
    get meeting() {
      return meeting;
    },
    parse: (input, webexDomains) => parseDestination(input, { webexDomains }),
    cleanName: cleanDisplayName,
    prepare(d) {
      const key = keyOf(d);
      if (status() !== 'idle') return Promise.resolve();
      if (prepared?.key !== key) {
        discardPrepared();
        const lookup = host.connect().then((w) => {
          webex = w;
          return withTimeout(createMeeting(w, d), t.resolving, 'resolving');
        });
        prepared = { key, meeting: lookup };
      }
      return prepared.meeting.then(noop, noop);
    },
    begin(d, joinOptions) {
      destination = d;
      options = { ...joinOptions };
      autoTried = false;
      return start();
    },
    submitPassword: (password, captchaCode) => verify(password, captchaCode, 'password'),
    submitHostKey: (hostKey, captchaCode) => verify(hostKey, captchaCode, 'host-key'),
    async refreshCaptcha() {
      const cur = get();
      if (cur.status !== 'password-required' || !cur.captcha.required || !meeting) return;
      const gen = run;
      set({
        status: 'verifying',
        destination: cur.destination,
        kind: 'captcha-refresh',
        captcha: cur.captcha,
      });
      try {
        await withTimeout(meeting.refreshCaptcha(), t.verifying, 'verifying');
        // A new object: the SDK mutates requiredCaptcha in place.
        if (gen === run) set({ ...cur, captcha: captchaOf(meeting.requiredCaptcha) });
      } catch (error) {
        fail(error, gen);
      }
    },
    leave: () =>
      // While the SDK's join runs, leave once it lands rather than racing it.
      leaveWith('self', (m, was) =>
        was === 'joining' && inflight ? inflight.then(() => m.leave()) : m.leave(),
      ),
    async endForAll() {
      const m = meeting;
      if (!m || status() !== 'joined') return;
      try {
        await withTimeout(m.endMeetingForAll(), t.leaving, 'leaving');
      } catch (error) {
        throw toJoinError(error);
      }
      await leaveWith('ended');
    },
    async admit(memberIds) {
      if (!meeting) return;
      const ids = typeof memberIds === 'string' ? [memberIds] : [...memberIds];
      try {
        await withTimeout(meeting.admit(ids), t.joining, 'joining');
      } catch (error) {
        throw toJoinError(error);
      }
    },
    muteParticipant: (memberId) => hostAction((m) => m.mute?.(memberId, true)),
    removeParticipant: (memberId) => hostAction((m) => m.remove?.(memberId)),
    setLocked: (locked) => hostAction((m) => (locked ? m.lockMeeting?.() : m.unlockMeeting?.())),
    async retry() {
      const cur = get();
      if (!destination || (cur.status !== 'failed' && cur.status !== 'left')) return;
      if (cur.status === 'failed' && cur.error.code === 'token-expired')
        await host.renewToken().catch(noop);
      autoTried = false;
      host.activate(session);
      await start();
    },
  };
}
