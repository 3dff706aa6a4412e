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
  UNKNOWN_NETWORK_QUALITY,
  type CaptchaChallenge,
  type LeftReason,
  type LostConnection,
  type NetworkQuality,
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
const IN_MEETING = ['joining', 'lobby', 'joined', 'reconnecting'];
/** In the meeting, with or without a working connection. */
const PRESENT = ['joined', 'reconnecting'];
/** `network:quality` scores (both versions): 1 is good, 0 is poor. */
const qualityOf = (score: unknown): NetworkQuality | undefined =>
  score === 1 ? 'good' : score === 0 ? 'poor' : undefined;
const worse = (a: NetworkQuality, b: NetworkQuality): NetworkQuality =>
  a === 'poor' || b === 'poor' ? 'poor' : a === 'good' || b === 'good' ? 'good' : 'unknown';
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
  {
    state,
    roster,
    remote,
    media: mediaStore,
    multistream: multistreamStore,
    network,
  }: SessionStores,
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
  // What is down while `reconnecting`, and the bound on how long that may last.
  const lost = new Set<LostConnection>();
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let inflight: Promise<unknown> | undefined; // the SDK's join, while it runs
  let detach: (() => void)[] = [];
  // The SDK's leave of the previous meeting object, while it runs, and that object:
  // "Join again" waits for the one and never reuses the other.
  let leaving: Promise<unknown> | undefined;
  let previous: SdkMeeting | undefined;
  // webex@3's prepared keepalive leave (buildLeaveFetchRequestOptions), fired on pagehide.
  let leaveFetch: Promise<unknown> | undefined;
  // A meeting looked up before the join (prepare), for the destination it was made for.
  let prepared: { key: string; meeting: Promise<SdkMeeting> } | undefined;
  const keyOf = (d: Destination) => `${d.type}:${d.value}`;

  const media = createLocalMedia(mediaStore, {
    ensureWebex: async () => (webex ??= await host.connect()),
    meeting: () => meeting,
    connected: () => {
      if (meeting) multistream.connected(meeting);
    },
    joined: () => PRESENT.includes(status()),
  });
  const multistream = createMultistream(multistreamStore, () => meeting);

  // Stops listening to the meeting; leaving also releases the devices, but a
  // (re)start keeps them, so a pre-join preview survives into the meeting.
  function end(release = true) {
    run++;
    clearTimeout(lobbyTimer);
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    lost.clear();
    network.set(UNKNOWN_NETWORK_QUALITY);
    for (const off of detach) off();
    detach = [];
    leaveFetch = undefined;
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
    if (lost.size > 0) {
      const down = [...lost].sort();
      if (
        cur.status === 'reconnecting' &&
        cur.self === self &&
        cur.isHost === isHost &&
        cur.lost.join() === down.join()
      )
        return;
      set({ status: 'reconnecting', ...details(), self, isHost, lost: Object.freeze(down) });
      return;
    }
    // Roster churn that leaves self alone publishes nothing: join-state consumers do not re-render.
    if (cur.status === 'joined' && cur.self === self && cur.isHost === isHost) return;
    set({ status: 'joined', ...details(), self, isHost });
  }

  /** The media path or the signalling socket went down while in the meeting. */
  function degrade(what: LostConnection) {
    if (!PRESENT.includes(status())) return;
    lost.add(what);
    publishJoined();
    if (reconnectTimer === undefined && t.reconnecting > 0 && t.reconnecting < Infinity) {
      const gen = run;
      reconnectTimer = setTimeout(() => giveUp('timeout', gen), t.reconnecting);
    }
  }

  function recover(what: LostConnection) {
    if (!lost.delete(what) || !PRESENT.includes(status())) return;
    if (lost.size === 0) {
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
    }
    publishJoined();
  }

  /** Reconnection failed (the SDK said so) or took too long: a retryable `network` failure, and out. */
  function giveUp(why: 'sdk' | 'timeout', gen: number) {
    if (gen !== run || !PRESENT.includes(status())) return;
    const m = meeting;
    fail(
      new JoinError(
        'network',
        'The connection to the meeting was lost and could not be restored.',
        { retryable: true, reason: why === 'sdk' ? 'reconnection-failed' : 'reconnecting' },
      ),
      gen,
    );
    // Out of the meeting, so the others do not see a ghost.
    if (m) previous = m;
    m?.leave().catch(noop);
  }

  function attach(m: SdkMeeting) {
    const refreshRoster = (payload?: unknown) => {
      // Re-read the SDK's whole collection on every event; payload deltas are not trusted.
      const full = (payload as { full?: Record<string, never> } | undefined)?.full;
      roster.set(buildRoster(full ?? m.members?.membersCollection?.getAll(), roster.getSnapshot()));
      if (PRESENT.includes(status())) publishJoined();
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
    // The SDK hands over the share stream when media connects, whether or not
    // anyone shares (its track idles until a share starts): `share` is published
    // only while Locus says someone else holds the floor.
    let shareStream: MediaStream | null = null;
    let sharing = false;
    const publishShare = () => {
      const share = sharing ? shareStream : null;
      if (remote.getSnapshot().share !== share) remote.set({ ...remote.getSnapshot(), share });
    };
    const onMedia = (stopped: boolean) => (payload?: unknown) => {
      const { type, stream } = (payload ?? {}) as { type?: string; stream?: MediaStream };
      const key = REMOTE_KEYS[type ?? ''];
      if (!key) return;
      if (key === 'share') {
        shareStream = stopped ? null : (stream ?? null);
        publishShare();
      } else remote.set({ ...remote.getSnapshot(), [key]: stopped ? null : (stream ?? null) });
    };
    listen(m, 'meeting:startedSharingRemote', () => {
      sharing = true;
      publishShare();
    });
    listen(m, 'meeting:stoppedSharingRemote', () => {
      sharing = false;
      publishShare();
    });
    if (typeof window !== 'undefined' && window.addEventListener) {
      window.addEventListener('pagehide', onPageHide);
      detach.push(() => window.removeEventListener('pagehide', onPageHide));
    }
    // Connection health (both versions): the SDK's media reconnection, the
    // media path's own state (`network:disconnected` / `network:connected`,
    // from ICE), and Mercury's socket. Ignored outside `joined`/`reconnecting`.
    listen(m, 'meeting:reconnectionStarting', () => degrade('media'));
    listen(m, 'network:disconnected', () => degrade('media'));
    listen(m, 'meeting:reconnectionSuccess', () => recover('media'));
    listen(m, 'network:connected', () => recover('media'));
    listen(m, 'meeting:reconnectionFailure', () => giveUp('sdk', run));
    const mercury = webex?.internal?.mercury;
    listen(mercury, 'offline', () => degrade('signalling'));
    listen(mercury, 'online', () => recover('signalling'));
    listen(m, 'network:quality', (payload) => {
      const { networkQualityScore, mediaType } = (payload ?? {}) as {
        networkQualityScore?: unknown;
        mediaType?: unknown;
      };
      const q = qualityOf(networkQualityScore);
      const cur = network.getSnapshot();
      if (!q || (mediaType !== 'audio' && mediaType !== 'video') || cur[mediaType] === q) return;
      const next = { ...cur, [mediaType]: q };
      network.set(Object.freeze({ ...next, overall: worse(next.audio, next.video) }));
    });
    listen(m, 'media:ready', onMedia(false));
    listen(m, 'media:stopped', onMedia(true));
    multistream.attach(m, listen);
    refreshRoster();
  }

  function enterLobby(gen: number) {
    set({ status: 'lobby', ...details() });
    if (meeting) prepareLeave(meeting);
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
    if (meeting && status() !== 'joined') prepareLeave(meeting);
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
      // Join again right after leaving: the SDK's leave (bounded by t.leaving) lands first.
      await leaving;
      if (gen !== run) return;
      const ready = prepared?.key === keyOf(destination!) ? prepared.meeting : undefined;
      prepared = undefined; // used once: a later retry looks the meeting up afresh
      const w = webex;
      const lookup = ready
        ? ready.catch(() => createMeeting(w, destination!))
        : createMeeting(w, destination!);
      let m = await withTimeout(lookup, t.resolving, 'resolving');
      if (gen !== run) return;
      if (m === previous) {
        // The SDK hands back the object it still holds for this destination
        // (both versions key meetings by destination). Its late "left"/"removed"
        // events would end the new join ("The host removed you"), so it is
        // dropped and a fresh one made.
        forget(m);
        m = await withTimeout(createMeeting(webex, destination!), t.resolving, 'resolving');
        if (gen !== run) return;
      }
      previous = undefined;
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
    if (!m || !PRESENT.includes(status()))
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
    if (m) previous = m;
    if (m && work && IN_MEETING.includes(was)) {
      const done = (leaving = withTimeout(work(m, was), t.leaving, 'leaving').catch(noop));
      await done;
      if (leaving === done) leaving = undefined;
    }
  }

  /** Drops a meeting object from the SDK's collection (private `destroy`, both versions). */
  function forget(m: SdkMeeting) {
    try {
      webex?.meetings.destroy?.(m, 'CLIENT_LEAVE_REQUEST');
    } catch {
      // already gone
    }
  }

  /**
   * The tab closes or navigates away: leave as best a page can. webex@3
   * prepares its leave request ahead (\`buildLeaveFetchRequestOptions\`) for
   * exactly this and sends it with \`keepalive\`, which outlives the page; the
   * SDK's ordinary leave (webex@2.60.4) may be cut off with the page, and then
   * presence (the Mercury socket gone past the grace period) removes us.
   */
  function onPageHide() {
    if (!IN_MEETING.includes(status())) return;
    const prepared = leaveFetch;
    const w = webex as { setTimingsAndFetch?: (o: unknown) => Promise<unknown> } | undefined;
    if (prepared && w?.setTimingsAndFetch) {
      void prepared.then((o) => o && w.setTimingsAndFetch!(o)).catch(noop);
      void leaveWith('self');
    } else void leaveWith('self', (m) => m.leave());
  }

  /** Once the SDK knows our participant (lobby or joined): the keepalive leave, ready to fire. */
  function prepareLeave(m: SdkMeeting) {
    const build = (m as { buildLeaveFetchRequestOptions?: () => Promise<unknown> })
      .buildLeaveFetchRequestOptions;
    leaveFetch = build ? build.call(m).catch(() => undefined) : undefined;
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
      if (!m || !PRESENT.includes(status())) return;
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
