/*
 * A scripted stand-in for the `webex` SDK: exactly the surface
 * @g2g/meeting-hooks uses, behaving as the shipped 3.12.0 and 2.60.4 sources
 * do (error classes and shapes, fields mutated in place, events emitted
 * synchronously). It is a test double for unit tests and stories. It is
 * not a substitute for tests against the real SDK (see @g2g/webex-sim).
 */
import type {
  SdkCaptcha,
  SdkCredentials,
  SdkInitAttributes,
  SdkLocalStream,
  SdkMeeting,
  SdkMember,
  SdkModule,
  SdkVerifyResult,
  SdkWebex,
} from '../core/sdk-types';
import {
  LOCUS_CODES,
  MEETING_INFO_CODES as INFO,
  MEETING_INFO_POLICY_CODES,
  SDK_ERROR_CODES as SDK,
} from '@g2g/webex-spec';
import { FakeEmitter } from './emitter';
import { FakeRemoteMediaManager } from './fake-multistream';

/**
 * Every SDK call the fake counts, and where a scripted failure or delay can apply.
 * @public
 */
export type FakePhase =
  | 'init'
  | 'register'
  | 'unregister'
  | 'create'
  | 'verifyPassword'
  | 'refreshCaptcha'
  | 'join'
  | 'leave'
  | 'endMeetingForAll'
  | 'admit'
  | 'addMedia'
  | 'publishStreams'
  | 'unpublishStreams'
  | 'createMicrophoneStream'
  | 'createCameraStream';

/**
 * A scripted failure, shaped as the real SDK reports it at that phase:
 * - `network`: fetch failed (`NetworkOrCORSError`, status 0);
 * - `unauthorized`: HTTP 401;
 * - `forbidden`: HTTP 403 (a policy code on meeting info);
 * - `not-found`: HTTP 404 with meetingInfo code 404006;
 * - `license`: Locus 403 `{errorCode: 2403050, message: "…licence allows N concurrent meetings."}`;
 * - `hang`: never settles (for timeouts);
 * - any other value is thrown as it is.
 * @public
 */
export type FakeFailure =
  'network' | 'unauthorized' | 'forbidden' | 'not-found' | 'license' | 'hang' | Error;

/**
 * Someone else in the meeting.
 * @public
 */
export interface FakeParticipant {
  id: string;
  name: string;
  isHost?: boolean;
  inLobby?: boolean;
  audioMuted?: boolean;
  videoMuted?: boolean;
}

/**
 * How the meeting behind the destination behaves.
 * @public
 */
export interface FakeMeetingScript {
  title?: string;
  meetingNumber?: string;
  /** Required password; none by default. */
  password?: string;
  /** Accepted instead of the password (or as PIN); makes self host. */
  hostKey?: string;
  /** After this many wrong passwords, a captcha is demanded (423 with captcha). */
  captchaAfterFailures?: number;
  /** The code the captcha image shows. Default `'ABCD'`. */
  captchaCode?: string;
  /** Guests wait in the lobby; `{admitAfterMs}` admits them by itself. Hosts skip it. */
  lobby?: boolean | { admitAfterMs: number };
  /** Others present when self joins. */
  participants?: FakeParticipant[];
  /**
   * `false`: join before host is on but its window (minutes before the start)
   * has not opened, so meeting info answers 403003 (webex@3: `NOT_REACH_JBH`).
   */
  joinBeforeHost?: boolean;
  /**
   * Join before host is off and no host is in: guests wait in the lobby until
   * the host arrives (`fake.admitSelf()` stands for that), as Webex and the
   * simulator do. Hosts go straight in.
   */
  waitForHost?: boolean;
  /** A host has locked the meeting: guests wait in the lobby. */
  locked?: boolean;
  /** Locus refuses the join: no licensed meeting slot left. */
  licenseExhausted?: boolean;
  /** `false`: meeting info answers 404006. */
  exists?: boolean;
}

/**
 * A whole scripted scenario.
 * @public
 */
export interface FakeScenario {
  /** Which SDK surface to emulate. Default `'3.12.0'`. */
  sdkVersion?: string;
  /**
   * The name the guest token was minted with: what others see when the join
   * sends no `alias`, as Locus does. Default `'Guest'`.
   */
  tokenName?: string;
  meeting?: FakeMeetingScript;
  /** Failures per phase, applied on every call until changed with `fake.setFailure`. */
  fail?: Partial<Record<FakePhase, FakeFailure>>;
  /** Delays per phase in ms (`setTimeout`, so fake timers drive them). */
  delays?: Partial<Record<FakePhase, number>>;
  /**
   * The token has expired by this phase: its request gets a 401 unless the
   * client gave the SDK a `credentials.refreshCallback`, which the fake then
   * calls (as the SDK's auth interceptor does) before replaying.
   */
  tokenExpiresAt?: FakePhase;
  /**
   * Whether the media server takes a multistream join (3.x). Default `true`;
   * `false` is a transcoding-only server: the SDK falls back to transcoded
   * (`meeting.isMultistream` false), as when it gets a Linus answer.
   */
  multistream?: boolean;
  /** Local media behaviour (3.x `mediaHelpers`). */
  media?: {
    microphone?: 'denied' | 'in-use' | 'not-found';
    camera?: 'denied' | 'in-use' | 'not-found';
    devices?: { deviceId: string; kind: 'audioinput' | 'videoinput'; label: string }[];
    /**
     * The others' streams (multistream panes, share, audio), by kind and a
     * stable id such as `remote-video-<memberId>`: e.g. canvas test patterns,
     * so a browser shows pictures. Default: stubs that play nothing.
     */
    remoteStream?: (kind: 'audio' | 'video', id: string) => MediaStream;
  };
}

/**
 * The self participant's id in the fake.
 * @public
 */
export const FAKE_SELF_ID = 'self';

type Counts = Record<FakePhase, number>;

/**
 * The fake's meeting object: the SDK surface plus its event scopes, for tests to emit on.
 * @public
 */
export type FakeMeeting = SdkMeeting & {
  readonly destination: string;
  readonly events: FakeEmitter;
  readonly membersEvents: FakeEmitter;
};

/**
 * A fake `webex` SDK with commands to drive it; see {@link createFakeWebex}.
 * @public
 */
export interface FakeWebex {
  /** Pass as `sdk` to exercise `init` (the client's config and credentials are recorded). */
  readonly sdk: SdkModule;
  /** The instance itself; pass as `sdk` to skip `init`. */
  readonly webex: SdkWebex & { readonly events: FakeEmitter };
  /** How often each SDK call was made. */
  readonly calls: Readonly<Counts>;
  /** Arguments of every `meetings.create` call. */
  readonly createArgs: readonly unknown[][];
  /** Options of every `meeting.join` call. */
  readonly joinArgs: readonly Record<string, unknown>[];
  /** Options of every `meeting.addMedia` call. */
  readonly addMediaArgs: readonly Record<string, unknown>[];
  /** What `init` received. */
  readonly initAttributes: SdkInitAttributes | undefined;
  /** The access token the fake currently holds. */
  readonly token: string | undefined;
  /** The meeting object, once created. */
  readonly meeting: FakeMeeting | undefined;
  /** Changes or clears (`undefined`) the failure of a phase. */
  setFailure(phase: FakePhase, failure: FakeFailure | undefined): void;
  /** Settles the calls of a phase that were left hanging (succeeding them). */
  release(phase: FakePhase): void;
  /** Lets self in from the lobby. */
  admitSelf(): void;
  /** Ends the meeting (as when the host ends it for all). */
  endMeeting(): void;
  /** The host removes self. */
  removeSelf(): void;
  addParticipant(participant: FakeParticipant): void;
  updateParticipant(id: string, patch: Partial<FakeParticipant>): void;
  removeParticipant(id: string): void;
  /** `count` roster updates that change someone other than self. */
  churn(count: number): void;
  /** Emits `media:ready` for a remote stream (a stub when none is given). */
  remoteMedia(type: 'remoteAudio' | 'remoteVideo' | 'remoteShare', stream?: MediaStream): void;
  /** Emits `media:stopped`. */
  stopRemoteMedia(type: 'remoteAudio' | 'remoteVideo' | 'remoteShare'): void;
  /**
   * Multistream: forces the JMP source state of the pane showing `memberId`
   * (`live`, `no source`, `avatar`, `bandwidth disabled`…; `undefined` goes
   * back to what the roster implies) and emits its `sourceUpdate`.
   */
  setPaneSource(memberId: string, state: string | undefined): void;
  /** Multistream: the server's active-speaker notice (`media:activeSpeakerChanged`). */
  speak(memberIds: readonly string[]): void;
  /** A remote screen share starts (`meeting:startedSharingRemote`) or, with `null`, stops. */
  remoteShare(memberId: string | null): void;
  /**
   * The media path drops, as the SDK reports it: `network:disconnected`
   * (ICE), then `meeting:reconnectionStarting` (its media reconnection).
   */
  dropMedia(): void;
  /** The SDK's media reconnection succeeds: `network:connected`, `meeting:reconnectionSuccess`. */
  restoreMedia(): void;
  /** The SDK's media reconnection gives up: `meeting:reconnectionFailure`. */
  failReconnection(): void;
  /** Mercury's socket closes (`webex.internal.mercury` emits `offline`). */
  dropMercury(): void;
  /** Mercury is back (`online`). */
  restoreMercury(): void;
  /** Emits `network:quality` (score 1 good, 0 poor) for audio or video. */
  networkQuality(mediaType: 'audio' | 'video', score: 0 | 1): void;
}

/** An error shaped like the SDK's `WebexHttpError` subclasses. */
function httpError(statusCode: number, body: Record<string, unknown> = {}, name?: string): Error {
  const message = String(
    body.message ?? (statusCode === 0 ? 'Failed to fetch' : `HTTP ${statusCode}`),
  );
  return Object.assign(new Error(message), {
    name: name ?? (statusCode === 0 ? 'NetworkOrCORSError' : `HttpError${statusCode}`),
    statusCode,
    body,
  });
}

function failureError(failure: FakeFailure): unknown {
  switch (failure) {
    case 'network':
      return httpError(0);
    case 'unauthorized':
      return httpError(401, {
        message:
          'The request requires a valid access token set in the Authorization request header.',
      });
    case 'forbidden':
      return httpError(403, { code: MEETING_INFO_POLICY_CODES[0], message: 'Blocked by policy.' });
    case 'not-found':
      return httpError(404, { code: INFO.MEETING_NOT_FOUND, message: 'Meeting not found.' });
    case 'license':
      return httpError(403, {
        errorCode: LOCUS_CODES.LICENCE_EXCEEDED,
        message:
          "The meeting cannot start: the Service App's licence allows 10 concurrent meetings.",
      });
    default:
      return failure;
  }
}

/** Shaped as the SDK's named errors (`PasswordError`, `JoinMeetingError`…). */
const sdkError = (name: string, code: number, message: string, error?: unknown) =>
  Object.assign(new Error(message), { name, code, sdkMessage: message, error });

/** A 44-byte WAV with no samples. */
const SILENT_WAV =
  'data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=';

/**
 * The fake's captcha image: an inline SVG showing `code`, numbered `n` (each
 * new captcha has a new URL, as Webex's do).
 */
export function fakeCaptchaImageUrl(n: number, code = 'ABCD'): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48" viewBox="0 0 160 48">` +
    `<title>captcha ${n}</title><rect width="160" height="48" fill="#eee"/>` +
    `<text x="80" y="32" font-family="monospace" font-size="24" text-anchor="middle">${code}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

let fakeStreamId = 0;

function fakeStream(kind: 'audio' | 'video', deviceId: string): MediaStream {
  const track = {
    id: `fake-track-${fakeStreamId + 1}`,
    kind,
    enabled: true,
    readyState: 'live',
    stop() {
      track.readyState = 'ended';
    },
    getSettings: () => ({ deviceId }),
  };
  const id = `fake-stream-${++fakeStreamId}`;
  return {
    id,
    active: true,
    getTracks: () => [track],
    getAudioTracks: () => (kind === 'audio' ? [track] : []),
    getVideoTracks: () => (kind === 'video' ? [track] : []),
  } as unknown as MediaStream;
}

const DEFAULT_DEVICES = [
  { deviceId: 'mic-1', kind: 'audioinput' as const, label: 'Built-in microphone' },
  { deviceId: 'mic-2', kind: 'audioinput' as const, label: 'USB microphone' },
  { deviceId: 'cam-1', kind: 'videoinput' as const, label: 'Built-in camera' },
  { deviceId: 'cam-2', kind: 'videoinput' as const, label: 'USB camera' },
];

const MEDIA_FAILURES = {
  denied: 'NotAllowedError: Permission denied',
  'in-use': 'NotReadableError: Could not start video source',
  'not-found': 'NotFoundError: Requested device not found',
};

/**
 * Creates a scripted fake of the `webex` SDK for unit tests and Storybook.
 *
 * It is a test double: it follows the shipped SDK sources closely enough to
 * exercise every state of a join, but it does not speak to any cloud.
 * Real-SDK behaviour is covered by the browser tests against `@g2g/webex-sim`.
 *
 * @example
 * const fake = createFakeWebex({ meeting: { password: 'secret', lobby: true } });
 * const client = createMeetingClient({ accessToken: 'a_b_c', sdk: fake.sdk });
 * const session = client.join('2516 666 1234', { displayName: 'Ada' });
 * // … session.submitPassword('secret'); fake.admitSelf();
 * @public
 */
export function createFakeWebex(scenario: FakeScenario = {}): FakeWebex {
  const version = scenario.sdkVersion ?? '3.12.0';
  const v3 = !version.startsWith('2.');
  const script: FakeMeetingScript = scenario.meeting ?? {};
  const failures = new Map(Object.entries(scenario.fail ?? {}) as [FakePhase, FakeFailure][]);
  const hanging = new Map<FakePhase, (() => void)[]>();
  const calls = Object.fromEntries(
    (
      [
        'init',
        'register',
        'unregister',
        'create',
        'verifyPassword',
        'refreshCaptcha',
        'join',
        'leave',
        'endMeetingForAll',
        'admit',
        'addMedia',
        'publishStreams',
        'unpublishStreams',
        'createMicrophoneStream',
        'createCameraStream',
      ] as const
    ).map((p) => [p, 0]),
  ) as Counts;
  const createArgs: unknown[][] = [];
  const joinArgs: Record<string, unknown>[] = [];
  const addMediaArgs: Record<string, unknown>[] = [];
  let initAttributes: SdkInitAttributes | undefined;
  let token: string | undefined;
  let tokenRenewed = false;
  let captchaSerial = 0;
  let meetingSerial = 0;

  const meetingsEvents = new FakeEmitter();
  const webexEvents = new FakeEmitter();
  const mercuryEvents = new FakeEmitter();

  /** What the SDK's request pipeline does for a phase: wait, auth, fail or succeed. */
  async function request(phase: FakePhase): Promise<void> {
    calls[phase]++;
    const delay = scenario.delays?.[phase];
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    else await Promise.resolve();
    if (scenario.tokenExpiresAt === phase && !tokenRenewed) {
      const refresh = (
        initAttributes?.config.credentials as { refreshCallback?: unknown } | undefined
      )?.refreshCallback as ((w: unknown, t: unknown) => Promise<SdkCredentials>) | undefined;
      if (!refresh) throw failureError('unauthorized');
      const renewed = await refresh(webex, { access_token: token });
      token = renewed.access_token;
      tokenRenewed = true;
    }
    const failure = failures.get(phase);
    if (failure === 'hang') {
      await new Promise<void>((resolve) => {
        const list = hanging.get(phase) ?? [];
        list.push(resolve);
        hanging.set(phase, list);
      });
      return;
    }
    if (failure !== undefined) throw failureError(failure);
  }

  // ---- the meeting ---------------------------------------------------------
  const events = new FakeEmitter();
  const membersEvents = new FakeEmitter();
  const members = new Map<string, SdkMember>();
  let failuresSoFar = 0;
  let hostByKey = false;
  let meeting: FakeWebex['meeting'];
  let joinedMultistream = false;
  let manager: FakeRemoteMediaManager | undefined;
  const remoteStreams = new Map<string, MediaStream>();
  const remoteStream = (kind: 'audio' | 'video', id: string) => {
    let stream = remoteStreams.get(id);
    if (!stream)
      remoteStreams.set(
        id,
        (stream = scenario.media?.remoteStream?.(kind, id) ?? fakeStream(kind, id)),
      );
    return stream;
  };

  const memberOf = (p: FakeParticipant): SdkMember => ({
    id: p.id,
    name: p.name,
    isHost: !!p.isHost,
    isSelf: false,
    isInLobby: !!p.inLobby,
    isAudioMuted: !!p.audioMuted,
    isVideoMuted: !!p.videoMuted,
    status: p.inLobby ? 'IN_LOBBY' : 'IN_MEETING',
  });
  for (const p of script.participants ?? []) members.set(p.id, memberOf(p));

  function rosterChanged(changed: SdkMember[] = [], removedIds: string[] = []) {
    // The media server follows the roster: a camera turned off shows as `avatar`.
    manager?.sync();
    // The SDK hands listeners the delta and the whole collection (as a plain object).
    membersEvents.emit('members:update', {
      delta: { added: [], updated: changed, removedIds },
      full: Object.fromEntries([...members].map(([id, m]) => [id, { ...m }])),
      isReplace: false,
    });
  }

  function newCaptcha(into?: SdkCaptcha): SdkCaptcha {
    const n = ++captchaSerial;
    return Object.assign(into ?? {}, {
      captchaId: `captcha-${n}`,
      // Inline, so a story or test that shows the captcha loads nothing off
      // the machine (the browser tests' network guard fails on that).
      verificationImageURL: fakeCaptchaImageUrl(n, script.captchaCode ?? 'ABCD'),
      verificationAudioURL: `${SILENT_WAV}#captcha-${n}`,
      refreshURL: `data:text/plain,refresh-captcha-${n}`,
    });
  }

  function createMeetingObject(destination: string, type: string): FakeMeeting {
    const m = {
      // Unique per object, as the SDK's uuids are: a meeting made again is another meeting.
      id: `fake-meeting-${destination}-${++meetingSerial}`,
      destination,
      destinationType: type,
      passwordStatus: 'UNKNOWN',
      requiredCaptcha: null as SdkCaptcha | null,
      meetingInfoFailureReason: undefined as string | undefined,
      meetingInfoFailureCode: undefined as number | undefined,
      meetingInfo: undefined as { meetingName?: string; meetingNumber?: string } | undefined,
      meetingNumber: undefined as string | undefined,
      isUserUnadmitted: false,
      roles: [] as string[],
      mediaId: null as string | null,
      events,
      membersEvents,
      members: {
        on: (e: string, l: (p?: unknown) => void) => membersEvents.on(e, l),
        off: (e: string, l: (p?: unknown) => void) => membersEvents.off(e, l),
        membersCollection: { getAll: () => Object.fromEntries(members) },
      },
      on: (e: string, l: (p?: unknown) => void) => events.on(e, l),
      off: (e: string, l: (p?: unknown) => void) => events.off(e, l),

      async verifyPassword(password: string, captchaCode?: string): Promise<SdkVerifyResult> {
        if (captchaCode && !m.requiredCaptcha) {
          throw new Error(
            'fetchMeetingInfo() called with captchaCode when captcha was not required',
          );
        }
        if (password && m.passwordStatus !== 'REQUIRED' && m.passwordStatus !== 'UNKNOWN') {
          throw new Error('fetchMeetingInfo() called with password when password was not required');
        }
        await request('verifyPassword');
        const result = (): SdkVerifyResult => ({
          isPasswordValid: m.passwordStatus === 'VERIFIED',
          requiredCaptcha: m.requiredCaptcha,
          failureReason: m.meetingInfoFailureReason ?? 'NONE',
        });
        if (m.requiredCaptcha && captchaCode !== (script.captchaCode ?? 'ABCD')) {
          m.meetingInfoFailureReason = 'WRONG_CAPTCHA';
          newCaptcha(m.requiredCaptcha);
          return result();
        }
        const isHostKey = !!script.hostKey && password === script.hostKey;
        if (isHostKey || password === script.password) {
          hostByKey = isHostKey;
          m.passwordStatus = 'VERIFIED';
          m.requiredCaptcha = null;
          m.meetingInfoFailureReason = 'NONE';
          m.meetingInfo = info();
          return { isPasswordValid: true, requiredCaptcha: null, failureReason: 'NONE' };
        }
        failuresSoFar++;
        m.meetingInfoFailureReason = 'WRONG_PASSWORD';
        if (script.captchaAfterFailures && failuresSoFar >= script.captchaAfterFailures) {
          m.requiredCaptcha = m.requiredCaptcha ? newCaptcha(m.requiredCaptcha) : newCaptcha();
        }
        return result();
      },

      async refreshCaptcha() {
        if (!m.requiredCaptcha) throw new Error('There is no captcha to refresh');
        await request('refreshCaptcha');
        // Mutated in place, as the SDK does.
        newCaptcha(m.requiredCaptcha);
      },

      async join(
        options: {
          alias?: string;
          moderator?: boolean;
          pin?: string;
          enableMultistream?: boolean;
        } = {},
      ) {
        joinArgs.push({ ...options });
        joinedMultistream = v3 && !!options.enableMultistream;
        if (!meetingsApi.registered) {
          calls.join++;
          throw new Error('Meeting:index#join --> Device not registered');
        }
        if (m.requiredCaptcha) {
          calls.join++;
          throw sdkError('CaptchaError', SDK.CAPTCHA, 'Captcha is required.');
        }
        if (m.passwordStatus === 'REQUIRED') {
          calls.join++;
          throw sdkError(
            'PasswordError',
            SDK.PASSWORD,
            'Password is required, please use verifyPassword()',
          );
        }
        try {
          await request('join');
          if (script.licenseExhausted) throw failureError('license');
        } catch (error) {
          throw sdkError('JoinMeetingError', SDK.JOIN_MEETING, 'Error Joining Meeting', error);
        }
        const isHost =
          hostByKey || (!!options.moderator && !!script.hostKey && options.pin === script.hostKey);
        const inLobby = (!!script.lobby || !!script.waitForHost || !!script.locked) && !isHost;
        if (isHost) m.roles = ['MODERATOR'];
        members.set(FAKE_SELF_ID, {
          id: FAKE_SELF_ID,
          name: options.alias ?? scenario.tokenName ?? 'Guest',
          isSelf: true,
          isHost,
          isInLobby: inLobby,
          isAudioMuted: false,
          isVideoMuted: false,
          status: inLobby ? 'IN_LOBBY' : 'IN_MEETING',
        });
        m.isUserUnadmitted = inLobby;
        rosterChanged([members.get(FAKE_SELF_ID)!]);
        if (inLobby) {
          events.emit('meeting:self:lobbyWaiting', { payload: {} });
          const lobby = script.lobby;
          if (typeof lobby === 'object') setTimeout(() => fake.admitSelf(), lobby.admitAfterMs);
        }
        return { locus: {} };
      },

      async leave() {
        await request('leave');
        members.delete(FAKE_SELF_ID);
        m.mediaId = null;
        // Guests' meeting objects are destroyed on leave (meeting:removed, CLIENT_LEAVE_REQUEST).
        meetingsEvents.emit('meeting:removed', { meetingId: m.id, reason: 'CLIENT_LEAVE_REQUEST' });
      },

      async endMeetingForAll() {
        await request('endMeetingForAll');
        meetingsEvents.emit('meeting:removed', {
          meetingId: m.id,
          reason: 'MEETING_INACTIVE_TERMINATING',
        });
      },

      async admit(memberIds: string[]) {
        await request('admit');
        const changed: SdkMember[] = [];
        for (const id of memberIds) {
          const member = members.get(id);
          if (member) {
            member.isInLobby = false;
            member.status = 'IN_MEETING';
            changed.push(member);
          }
        }
        rosterChanged(changed);
      },

      async addMedia(options: Record<string, unknown>) {
        addMediaArgs.push(options);
        await request('addMedia');
        m.mediaId = 'fake-media';
        // The SDK asks for Homer; a transcoding-only server makes it fall back.
        if (joinedMultistream && scenario.multistream !== false) {
          const mm = (manager = new FakeRemoteMediaManager(
            events,
            () => [...members.values()].filter((x) => !x.isSelf && !x.isInLobby),
            remoteStream,
          ));
          Object.assign(m, { isMultistream: true, remoteMediaManager: mm });
          mm.start();
        } else if (v3) Object.assign(m, { isMultistream: false });
      },
      async publishStreams() {
        await request('publishStreams');
      },
      async unpublishStreams() {
        await request('unpublishStreams');
      },
      updateAudio: async () => {},
      updateVideo: async () => {},
      muteAudio: async () => {},
      unmuteAudio: async () => {},
      muteVideo: async () => {},
      unmuteVideo: async () => {},
    };
    if (!v3) {
      delete (m as Partial<typeof m>).meetingInfoFailureCode;
      delete (m as Partial<typeof m>).publishStreams;
      delete (m as Partial<typeof m>).unpublishStreams;
    }
    return m as unknown as FakeMeeting;
  }

  function info() {
    return {
      meetingName: script.title ?? 'Consultation',
      meetingNumber: script.meetingNumber ?? '25166661234',
    };
  }

  const meetingInfoProvider = {
    /** As MeetingInfoV2.fetchMeetingInfo: resolves with info, or rejects as the server answered. */
    async fetchMeetingInfo(_destination: string): Promise<unknown> {
      await request('create');
      if (script.exists === false) throw failureError('not-found');
      if (script.joinBeforeHost === false) {
        const code = INFO.JOIN_BEFORE_HOST_NOT_YET;
        throw Object.assign(httpError(403, { code }, 'MeetingInfoV2JoinForbiddenError'), {
          wbxAppApiCode: code,
        });
      }
      if (script.password) {
        const code = INFO.PASSWORD_OR_HOST_KEY_REQUIRED;
        throw Object.assign(httpError(403, { code }, 'MeetingInfoV2PasswordError'), {
          wbxAppApiCode: code,
          meetingInfo: { meetingNumber: info().meetingNumber },
        });
      }
      return { body: info() };
    },
  };

  const meetingsApi = {
    registered: false,
    meetingInfo: meetingInfoProvider as {
      fetchMeetingInfo(destination: string, ...rest: unknown[]): Promise<unknown>;
    },
    on: (e: string, l: (p?: unknown) => void) => meetingsEvents.on(e, l),
    off: (e: string, l: (p?: unknown) => void) => meetingsEvents.off(e, l),
    async register() {
      await request('register');
      meetingsApi.registered = true;
      meetingsEvents.emit('meetings:registered');
    },
    async unregister() {
      await request('unregister');
      meetingsApi.registered = false;
    },
    /** Follows meetings/index.ts create() → createMeeting() of the emulated version. */
    async create(destination: string, type: string, ...rest: unknown[]) {
      createArgs.push([destination, type, ...rest]);
      if (meeting && meeting.destination === destination) return meeting;
      const m = createMeetingObject(destination, type);
      try {
        const result = (await meetingsApi.meetingInfo.fetchMeetingInfo(destination, type)) as {
          body: ReturnType<typeof info>;
        };
        m.meetingInfo = result.body;
        m.meetingNumber = result.body.meetingNumber;
        m.passwordStatus = 'NOT_REQUIRED';
        m.meetingInfoFailureReason = 'NONE';
      } catch (error) {
        const e = error as { wbxAppApiCode?: number; name?: string };
        if (e.wbxAppApiCode === INFO.JOIN_BEFORE_HOST_NOT_YET && v3) {
          m.meetingInfoFailureReason = 'NOT_REACH_JBH';
          m.meetingInfoFailureCode = INFO.JOIN_BEFORE_HOST_NOT_YET;
        } else if (e.wbxAppApiCode !== undefined) {
          // 2.60.4 treats every 403 as "password required".
          m.passwordStatus = 'REQUIRED';
          m.meetingInfoFailureReason = 'WRONG_PASSWORD';
          m.meetingNumber = info().meetingNumber;
        } else {
          m.meetingInfoFailureReason = 'OTHER';
          if (v3 && rest[3] === true) {
            meetingsEvents.emit('meeting:removed', {
              meetingId: m.id,
              reason: 'MISSING_MEETING_INFO',
            });
            throw sdkError(
              'NoMeetingInfo',
              SDK.NO_MEETING_INFO,
              'No meeting info found for the meeting',
            );
          }
          // Otherwise the SDK "assumes 1:1" and hands the meeting back anyway.
        }
      }
      meeting = m;
      meetingsEvents.emit('meeting:added', { meeting: m, type: 'JOIN' });
      return m;
    },
    destroy(m: SdkMeeting, reason: string) {
      if (meeting === m) meeting = undefined;
      meetingsEvents.emit('meeting:removed', { meetingId: m.id, reason });
    },
    mediaHelpers: v3
      ? {
          createMicrophoneStream: (c?: { deviceId?: unknown }) => localStream('microphone', c),
          createCameraStream: (c?: { deviceId?: unknown }) => localStream('camera', c),
          async getDevices() {
            return (scenario.media?.devices ?? DEFAULT_DEVICES).map((d) => ({
              ...d,
              groupId: '',
              toJSON: () => d,
            }));
          },
        }
      : undefined,
  };
  if (!v3) delete (meetingsApi as Partial<typeof meetingsApi>).mediaHelpers;

  async function localStream(
    kind: 'microphone' | 'camera',
    constraints?: { deviceId?: unknown },
  ): Promise<SdkLocalStream> {
    await request(kind === 'microphone' ? 'createMicrophoneStream' : 'createCameraStream');
    const failure = scenario.media?.[kind];
    if (failure) {
      // v3's WebrtcCoreError keeps the DOM error only in its message.
      throw {
        type: 'CREATE_STREAM_FAILED',
        message: `Failed to create ${kind} stream: ${MEDIA_FAILURES[failure]}`,
      };
    }
    const wanted = constraints?.deviceId as { exact?: string } | string | undefined;
    const deviceId =
      (typeof wanted === 'object' ? wanted.exact : wanted) ??
      (kind === 'microphone' ? 'mic-1' : 'cam-1');
    const stream = {
      outputStream: fakeStream(kind === 'microphone' ? 'audio' : 'video', deviceId),
      userMuted: false,
      stopped: false,
      setUserMuted(muted: boolean) {
        stream.userMuted = muted;
      },
      stop() {
        stream.stopped = true;
      },
    };
    return stream;
  }

  const webex = {
    version,
    ready: true,
    events: webexEvents,
    meetings: meetingsApi,
    internal: { mercury: mercuryEvents },
    once: (e: string, l: (p?: unknown) => void) => webexEvents.once(e, l),
    credentials: {
      get canRefresh() {
        return !!(initAttributes?.config.credentials as { refreshCallback?: unknown } | undefined)
          ?.refreshCallback;
      },
      async refresh() {
        const refresh = (
          initAttributes?.config.credentials as { refreshCallback?: unknown } | undefined
        )?.refreshCallback as ((w: unknown, t: unknown) => Promise<SdkCredentials>) | undefined;
        if (!refresh)
          throw new Error('Not enough information available to refresh this access token');
        token = (await refresh(webex, { access_token: token })).access_token;
        tokenRenewed = true;
      },
    },
  };

  const sdk: SdkModule = {
    init(attributes) {
      calls.init++;
      initAttributes = attributes;
      token = attributes.credentials.access_token;
      webex.ready = false;
      // A refused token or an unreachable catalog leaves the real SDK never ready.
      if (!failures.has('init')) {
        setTimeout(() => {
          webex.ready = true;
          webexEvents.emit('ready');
        }, scenario.delays?.init ?? 0);
      }
      return webex as unknown as SdkWebex;
    },
  };

  const self = () => members.get(FAKE_SELF_ID);
  const requireMeeting = () => {
    if (!meeting) throw new Error('createFakeWebex: no meeting yet');
    return meeting;
  };

  const fake: FakeWebex = {
    sdk,
    webex: webex as unknown as FakeWebex['webex'],
    calls,
    createArgs,
    joinArgs,
    addMediaArgs,
    get initAttributes() {
      return initAttributes;
    },
    get token() {
      return token;
    },
    get meeting() {
      return meeting;
    },
    setFailure(phase, failure) {
      if (failure === undefined) failures.delete(phase);
      else failures.set(phase, failure);
    },
    release(phase) {
      failures.delete(phase);
      for (const resolve of hanging.get(phase) ?? []) resolve();
      hanging.delete(phase);
    },
    admitSelf() {
      const m = requireMeeting();
      const me = self();
      m.isUserUnadmitted = false;
      if (me) {
        me.isInLobby = false;
        me.status = 'IN_MEETING';
      }
      events.emit('meeting:self:guestAdmitted', { payload: {} });
      rosterChanged(me ? [me] : []);
    },
    endMeeting() {
      meetingsEvents.emit('meeting:removed', {
        meetingId: requireMeeting().id,
        reason: 'MEETING_INACTIVE_TERMINATING',
      });
    },
    removeSelf() {
      meetingsEvents.emit('meeting:removed', {
        meetingId: requireMeeting().id,
        reason: 'SELF_REMOVED',
      });
    },
    addParticipant(p) {
      const member = memberOf(p);
      members.set(p.id, member);
      rosterChanged([member]);
    },
    updateParticipant(id, patch) {
      const current = members.get(id);
      if (!current) return;
      const next = memberOf({
        id,
        name: patch.name ?? current.name ?? '',
        isHost: patch.isHost ?? current.isHost,
        inLobby: patch.inLobby ?? current.isInLobby,
        audioMuted: patch.audioMuted ?? current.isAudioMuted ?? false,
        videoMuted: patch.videoMuted ?? current.isVideoMuted ?? false,
      });
      next.isSelf = !!current.isSelf;
      members.set(id, next);
      rosterChanged([next]);
    },
    removeParticipant(id) {
      members.delete(id);
      rosterChanged([], [id]);
    },
    setPaneSource(memberId, state) {
      if (!manager) return;
      if (state === undefined) manager.overrides.delete(memberId);
      else manager.overrides.set(memberId, state);
      manager.sync();
    },
    speak(memberIds) {
      requireMeeting().events.emit('media:activeSpeakerChanged', { memberIds: [...memberIds] });
    },
    remoteShare(memberId) {
      const m = requireMeeting();
      if (manager) manager.sharerId = memberId;
      manager?.sync();
      if (memberId) m.events.emit('meeting:startedSharingRemote', { memberId });
      else m.events.emit('meeting:stoppedSharingRemote', {});
    },
    churn(count) {
      const others = () => [...members.values()].filter((m) => !m.isSelf);
      if (!others().length) fake.addParticipant({ id: 'churner', name: 'Churner' });
      for (let i = 0; i < count; i++) {
        const list = others();
        const who = list[i % list.length]!;
        fake.updateParticipant(who.id, { audioMuted: !who.isAudioMuted });
      }
    },
    remoteMedia(type, stream) {
      requireMeeting().events.emit('media:ready', {
        type,
        stream: stream ?? fakeStream(type === 'remoteAudio' ? 'audio' : 'video', type),
      });
    },
    stopRemoteMedia(type) {
      requireMeeting().events.emit('media:stopped', { type });
    },
    dropMedia() {
      const { events } = requireMeeting();
      events.emit('network:disconnected');
      events.emit('meeting:reconnectionStarting');
    },
    restoreMedia() {
      const { events } = requireMeeting();
      events.emit('network:connected');
      events.emit('meeting:reconnectionSuccess');
    },
    failReconnection() {
      requireMeeting().events.emit('meeting:reconnectionFailure', { error: new Error('fake') });
    },
    dropMercury() {
      mercuryEvents.emit('offline', { code: 1006 });
    },
    restoreMercury() {
      mercuryEvents.emit('online');
    },
    networkQuality(mediaType, score) {
      requireMeeting().events.emit('network:quality', { mediaType, networkQualityScore: score });
    },
  };
  return fake;
}
