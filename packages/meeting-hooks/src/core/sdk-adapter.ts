/*
 * The one place that knows webex@2.60.4 from webex@3.x. Everything else in
 * core speaks the join flow, which is the same on both.
 *
 * | concern                 | 3.x                                        | 2.60.4                                          |
 * |-------------------------|--------------------------------------------|-------------------------------------------------|
 * | unknown meeting         | `create(…, failOnMissingMeetingInfo=true)` | create() "assumes 1:1": check the failure reason |
 * |                         | throws `NoMeetingInfoError`                | ourselves and drop the meeting                  |
 * | meetingInfo reasons     | NOT_REACH_JBH, JOIN_FORBIDDEN, POLICY, …   | NONE, WRONG_PASSWORD, WRONG_CAPTCHA, OTHER only |
 * |                         |                                            | (a 403003 looks like "password required")       |
 * | data channel (LLM)      | connects after admission; see              | none                                            |
 * |                         | `containDataChannelRace`                   |                                                 |
 * | local media             | `meetings.mediaHelpers` streams,           | getUserMedia MediaStreams, `addMedia({localStream, |
 * |                         | `addMedia({localStreams})`, publishStreams | mediaSettings})`, updateAudio/updateVideo,      |
 * |                         | mute: `stream.setUserMuted()`              | mute: `meeting.muteAudio()`…                    |
 */
import type { Destination } from './destination';
import { JoinError } from './errors';
import { MEETING_INFO_CODES } from '@g2g/webex-spec';
import { toJoinError } from './errors-map';
import type { SdkLocalStream, SdkMeeting, SdkMeetings, SdkWebex } from './sdk-types';
import type { PasswordFailure, TrackKind } from './state';

/** Whether this instance has the 2.x surface. */
export function isLegacySdk(webex: SdkWebex): boolean {
  return webex.version ? webex.version.startsWith('2.') : !webex.meetings.mediaHelpers;
}

// Why a meetingInfo failure was: v3's NoMeetingInfoError and 2.60.4's silent
// fallback both drop the HTTP error, which is what tells an unknown meeting
// from a network failure or a refused token. The SDK's own meeting-info
// provider is wrapped (once per provider) to keep the last error per
// destination; if the SDK ever changes shape the wrap is skipped and the
// mapping falls back to `not-found`.
const lastErrors = new WeakMap<object, Map<string, unknown>>();

function tapMeetingInfo(meetings: SdkMeetings): Map<string, unknown> | undefined {
  const provider = meetings.meetingInfo;
  if (!provider || typeof provider.fetchMeetingInfo !== 'function') return undefined;
  let errors = lastErrors.get(provider);
  if (!errors) {
    const recorded = (errors = new Map());
    lastErrors.set(provider, recorded);
    const original = provider.fetchMeetingInfo;
    provider.fetchMeetingInfo = function (destination: string, ...rest: unknown[]) {
      return original.call(this, destination, ...rest).then(
        (info) => (recorded.delete(destination), info),
        (error: unknown) => {
          recorded.set(destination, error);
          throw error;
        },
      );
    };
  }
  return errors;
}

// v3 meetingInfo reasons that stop a join outright (absent from 2.60.4).
const BLOCKING_REASONS: Record<string, 'join-before-host-not-allowed' | 'forbidden'> = {
  NOT_REACH_JBH: 'join-before-host-not-allowed',
  JOIN_FORBIDDEN: 'forbidden',
  POLICY: 'forbidden',
  WEBINAR_REGISTRATION: 'forbidden',
  NEED_JOIN_WITH_WEBCAST: 'forbidden',
  WEBINAR_NEED_REGISTRATION_ID: 'forbidden',
};

function codeOf(error: unknown): number | undefined {
  const e = error as { wbxAppApiCode?: unknown; body?: { code?: unknown } } | undefined;
  const code = e?.wbxAppApiCode ?? e?.body?.code;
  return typeof code === 'number' ? code : undefined;
}

/** A missing-meeting error, explained by the recorded HTTP error when there is one. */
function missing(recorded: unknown, fallback: unknown): JoinError {
  const mapped = recorded === undefined ? undefined : toJoinError(recorded);
  return mapped && mapped.code !== 'unknown' && mapped.code !== 'forbidden'
    ? mapped
    : new JoinError('not-found', 'No meeting has this number or address. Check the invitation.', {
        cause: fallback,
      });
}

/**
 * `webex.meetings.create` with the explicit type, never a silent 1:1: an
 * unknown meeting rejects with `not-found` (or `network`, `token-*` when the
 * lookup itself failed), and meetings that cannot be joined now reject with
 * `join-before-host-not-allowed` or `forbidden`.
 */
export async function createMeeting(
  webex: SdkWebex,
  destination: Destination,
): Promise<SdkMeeting> {
  const { meetings } = webex;
  const legacy = isLegacySdk(webex);
  const errors = tapMeetingInfo(meetings);
  const recorded = () => errors?.get(destination.value);
  let meeting: SdkMeeting;
  try {
    meeting = legacy
      ? await meetings.create(destination.value, destination.type)
      : // 3.x: (destination, type, useRandomDelayForInfo, infoExtraParams, correlationId, failOnMissingMeetingInfo)
        await meetings.create(destination.value, destination.type, false, {}, undefined, true);
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    throw name === 'NoMeetingInfo' ? missing(recorded(), error) : toJoinError(error);
  }
  if (!legacy) containDataChannelRace(meeting);
  const reason = meeting.meetingInfoFailureReason ?? '';
  const code = meeting.meetingInfoFailureCode ?? codeOf(recorded());
  const blocked =
    code === MEETING_INFO_CODES.JOIN_BEFORE_HOST_NOT_YET
      ? 'join-before-host-not-allowed'
      : BLOCKING_REASONS[reason];
  if (blocked) {
    // Synthesised so the mapping (and its messages) stay in errors-map.
    throw toJoinError({
      message: blocked === 'forbidden' ? reason || 'POLICY' : 'NOT_REACH_JBH',
      wbxAppApiCode: code,
      error: recorded(),
    });
  }
  // 2.60.4's equivalent of failOnMissingMeetingInfo: the lookup failed for a
  // reason other than password or captcha, and nothing about the meeting is known.
  if (
    legacy &&
    (reason === 'OTHER' ||
      (meeting.passwordStatus === 'UNKNOWN' && !meeting.requiredCaptcha && !meeting.meetingInfo))
  ) {
    meetings.destroy?.(meeting, 'MISSING_MEETING_INFO');
    throw missing(recorded(), reason);
  }
  return meeting;
}

/**
 * plugin-meetings 3.x starts the meeting's data channel from its lobby and
 * admission handlers with a bare `this.updateLLMConnection()`: nothing
 * awaits or catches it. A leave while that connection is still being made
 * (or retried) aborts it, and the abort surfaces as the host app's unhandled
 * rejection "Mercury Connection Aborted for llm-default-session". The
 * handlers look the method up on the instance, so an own wrapper that marks
 * each returned promise as handled contains it; callers that await the
 * promise still see the rejection, and the SDK has already logged it.
 */
function containDataChannelRace(meeting: SdkMeeting): void {
  const target = meeting as { updateLLMConnection?: (...args: unknown[]) => unknown };
  const original = target.updateLLMConnection;
  if (typeof original !== 'function' || Object.hasOwn(target, 'updateLLMConnection')) return;
  target.updateLLMConnection = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    // Duck-typed: the SDK's promises come from its own core-js runtime.
    (result as { catch?: (f: () => void) => unknown } | undefined)?.catch?.(() => {});
    return result;
  };
}

/** Whether the meeting waits for a password (or host key) and/or a captcha. */
export function needsPassword(meeting: SdkMeeting): boolean {
  return meeting.passwordStatus === 'REQUIRED' || !!meeting.requiredCaptcha;
}

/** Maps `MEETING_INFO_FAILURE_REASON` (either version's set) to ours. */
export function passwordFailure(reason: string | undefined): PasswordFailure | null {
  if (!reason || reason === 'NONE') return null;
  return reason === 'WRONG_PASSWORD'
    ? 'wrong-password'
    : reason === 'WRONG_CAPTCHA'
      ? 'wrong-captcha'
      : 'other';
}

/** A local microphone or camera capture, whatever the SDK version. */
export interface LocalTrack {
  readonly kind: TrackKind;
  /** For previews (`video.srcObject`). */
  readonly stream: MediaStream;
  /** What the SDK publishes: a v3 `LocalStream`, or the MediaStream on 2.60.4. */
  readonly raw: unknown;
  readonly deviceId: string | null;
}

function firstTrack(stream: MediaStream): MediaStreamTrack | undefined {
  return stream.getTracks?.()[0];
}

/** Starts a microphone or camera capture. Rejects with the browser's or SDK's error. */
export async function createLocalTrack(
  webex: SdkWebex,
  kind: TrackKind,
  deviceId?: string,
): Promise<LocalTrack> {
  const constraints = deviceId ? { deviceId: { exact: deviceId } } : {};
  const helpers = webex.meetings.mediaHelpers;
  let raw: unknown;
  let stream: MediaStream;
  if (helpers && !isLegacySdk(webex)) {
    const local =
      kind === 'microphone'
        ? await helpers.createMicrophoneStream(constraints as { deviceId?: string })
        : await helpers.createCameraStream(constraints as { deviceId?: string });
    raw = local;
    stream = local.outputStream;
  } else {
    const media = globalThis.navigator?.mediaDevices;
    if (!media?.getUserMedia) throw new Error('NotSupportedError: getUserMedia is unavailable');
    raw = stream = await media.getUserMedia(
      kind === 'microphone' ? { audio: constraints } : { video: constraints },
    );
  }
  const settings = firstTrack(stream)?.getSettings?.();
  return { kind, stream, raw, deviceId: settings?.deviceId ?? deviceId ?? null };
}

/** Stops a capture and releases the device. */
export function stopLocalTrack(track: LocalTrack): void {
  const raw = track.raw as Partial<SdkLocalStream> & Partial<MediaStream>;
  if (typeof raw.stop === 'function') raw.stop();
  else for (const t of track.stream.getTracks?.() ?? []) t.stop();
}

/** Lists microphones and cameras. */
export async function listDevices(webex: SdkWebex | undefined): Promise<MediaDeviceInfo[]> {
  const helpers = webex?.meetings.mediaHelpers;
  const all = helpers?.getDevices
    ? await helpers.getDevices()
    : ((await globalThis.navigator?.mediaDevices?.enumerateDevices?.()) ?? []);
  return all.filter((d) => d.kind === 'audioinput' || d.kind === 'videoinput');
}

/** The tracks a session publishes. */
export interface PublishedTracks {
  microphone?: LocalTrack | undefined;
  camera?: LocalTrack | undefined;
}

/**
 * Sends the local tracks to the meeting: opens the media connection the
 * first time (receiving remote audio and video even with no local track),
 * then replaces or removes tracks on later calls.
 */
export async function publishTracks(
  webex: SdkWebex,
  meeting: SdkMeeting,
  tracks: PublishedTracks,
  connected: boolean,
  removed: LocalTrack[] = [],
): Promise<void> {
  const mic = tracks.microphone;
  const cam = tracks.camera;
  if (!isLegacySdk(webex)) {
    if (!connected) {
      await meeting.addMedia({ localStreams: { microphone: mic?.raw, camera: cam?.raw } });
      return;
    }
    if (removed.length) await meeting.unpublishStreams?.(removed.map((t) => t.raw));
    if (mic || cam) await meeting.publishStreams?.({ microphone: mic?.raw, camera: cam?.raw });
    return;
  }
  if (!connected) {
    const all = [...(mic?.stream.getTracks() ?? []), ...(cam?.stream.getTracks() ?? [])];
    await meeting.addMedia({
      localStream: all.length ? new MediaStream(all) : undefined,
      mediaSettings: {
        sendAudio: !!mic,
        sendVideo: !!cam,
        sendShare: false,
        receiveAudio: true,
        receiveVideo: true,
        receiveShare: true,
      },
    });
    return;
  }
  await meeting.updateAudio?.({ sendAudio: !!mic, receiveAudio: true, stream: mic?.stream });
  await meeting.updateVideo?.({ sendVideo: !!cam, receiveVideo: true, stream: cam?.stream });
}

/** Mutes or unmutes a local track, and tells the meeting when media is connected. */
export async function setTrackMuted(
  webex: SdkWebex | undefined,
  meeting: SdkMeeting | undefined,
  track: LocalTrack,
  muted: boolean,
  connected: boolean,
): Promise<void> {
  if (webex && !isLegacySdk(webex)) {
    // v3 watches the stream's mute state and tells Locus itself.
    (track.raw as SdkLocalStream).setUserMuted(muted);
    return;
  }
  for (const t of track.stream.getTracks?.() ?? []) t.enabled = !muted;
  if (connected && meeting) {
    const audio = track.kind === 'microphone';
    await (muted
      ? audio
        ? meeting.muteAudio?.()
        : meeting.muteVideo?.()
      : audio
        ? meeting.unmuteAudio?.()
        : meeting.unmuteVideo?.());
  }
}

/** A screen share being sent: the SDK's stream object and the MediaStream for previews. */
export interface LocalShare {
  readonly stream: MediaStream;
  readonly raw: unknown;
}

/**
 * Starts sending a screen share: the given stream, or one the browser asks
 * the user for. v3 publishes a `LocalDisplayStream` (the SDK then requests
 * the floor); 2.60.4 renegotiates with `updateShare` / `shareScreen`.
 */
export async function startScreenShare(
  webex: SdkWebex,
  meeting: SdkMeeting,
  source?: MediaStream,
): Promise<LocalShare> {
  const helpers = webex.meetings.mediaHelpers;
  if (helpers && !isLegacySdk(webex)) {
    const display = source
      ? helpers.LocalDisplayStream && new helpers.LocalDisplayStream(source)
      : await helpers.createDisplayStream?.();
    if (!display) throw new Error('NotSupportedError: this SDK cannot share a screen');
    await meeting.publishStreams?.({ screenShare: { video: display } });
    return { stream: display.outputStream, raw: display };
  }
  if (source) {
    await meeting.updateShare?.({ sendShare: true, receiveShare: true, stream: source });
    return { stream: source, raw: source };
  }
  await meeting.shareScreen?.();
  const shared = (meeting as { mediaProperties?: { shareTrack?: MediaStreamTrack } })
    .mediaProperties?.shareTrack;
  const stream = new MediaStream(shared ? [shared] : []);
  return { stream, raw: stream };
}

/** Stops sending the share and releases its capture. */
export async function stopScreenShare(
  webex: SdkWebex,
  meeting: SdkMeeting | undefined,
  share: LocalShare,
): Promise<void> {
  if (!isLegacySdk(webex)) await meeting?.unpublishStreams?.([share.raw]);
  else await meeting?.stopShare?.();
  const raw = share.raw as Partial<SdkLocalStream>;
  if (typeof raw.stop === 'function') raw.stop();
  else for (const t of share.stream.getTracks?.() ?? []) t.stop();
}
