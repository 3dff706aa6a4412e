import type { Destination } from './destination';
import type { JoinError, MediaError } from './errors';
import type { ReadableStore } from './store';

/**
 * One person in the meeting, as an immutable snapshot.
 * @public
 */
export interface Participant {
  readonly id: string;
  readonly name: string;
  readonly isHost: boolean;
  readonly isSelf: boolean;
  readonly inLobby: boolean;
  readonly audioMuted: boolean;
  readonly videoMuted: boolean;
}

/**
 * The captcha a password form must show, if any.
 * @public
 */
export interface CaptchaChallenge {
  /** Whether a code must be sent with the next attempt. */
  readonly required: boolean;
  readonly imageUrl: string | null;
  readonly audioUrl: string | null;
}

/**
 * Why the last password or captcha attempt failed.
 * @public
 */
export type PasswordFailure = 'wrong-password' | 'wrong-captcha' | 'other';

/**
 * Why a session ended: left by choice, meeting ended, removed by a host, or stopped by licensing.
 * @public
 */
export type LeftReason = 'self' | 'ended' | 'removed' | 'license';

/**
 * What a `reconnecting` session has lost: the media path (ICE/DTLS, the SDK's
 * media reconnection) or the signalling socket (Mercury).
 * @public
 */
export type LostConnection = 'media' | 'signalling';

/**
 * Every state of a guest join, as a discriminated union on `status`.
 *
 * `idle → connecting → resolving → (password-required ⇄ verifying) → joining
 * → (lobby →) joined → left`, and `failed` from anywhere. From `joined`, a
 * dropped media path or signalling socket moves to `reconnecting` (still in
 * the meeting, as far as the others know), which ends in `joined` again once
 * the SDK has recovered, or in `failed` with `network` when it gives up or
 * after `timeouts.reconnecting`. A new object is published on every change;
 * parts that did not change keep their identity.
 * @public
 */
export type JoinState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly destination: Destination }
  | { readonly status: 'resolving'; readonly destination: Destination }
  | {
      readonly status: 'password-required';
      readonly destination: Destination;
      /** True after a wrong password, host key or captcha. */
      readonly lastAttemptFailed: boolean;
      readonly failureReason: PasswordFailure | null;
      readonly captcha: CaptchaChallenge;
    }
  | {
      readonly status: 'verifying';
      readonly destination: Destination;
      /** What is being checked. */
      readonly kind: 'password' | 'host-key' | 'captcha-refresh';
      readonly captcha: CaptchaChallenge;
    }
  | { readonly status: 'joining'; readonly destination: Destination; readonly asHost: boolean }
  | {
      readonly status: 'lobby';
      readonly destination: Destination;
      readonly title: string | null;
      readonly meetingNumber: string | null;
    }
  | {
      readonly status: 'joined';
      readonly destination: Destination;
      readonly title: string | null;
      readonly meetingNumber: string | null;
      /** Self as the roster sees it; `null` until the roster names self. */
      readonly self: Participant | null;
      readonly isHost: boolean;
    }
  | {
      readonly status: 'reconnecting';
      readonly destination: Destination;
      readonly title: string | null;
      readonly meetingNumber: string | null;
      readonly self: Participant | null;
      readonly isHost: boolean;
      /** What is down; it only grows or shrinks while reconnecting, never empty. */
      readonly lost: readonly LostConnection[];
    }
  | { readonly status: 'left'; readonly reason: LeftReason }
  | { readonly status: 'failed'; readonly error: JoinError };

/**
 * The `status` of a {@link JoinState}.
 * @public
 */
export type JoinStatus = JoinState['status'];

/**
 * The roster of a session: everyone present or waiting, and self.
 * @public
 */
export interface RosterSnapshot {
  readonly participants: readonly Participant[];
  readonly self: Participant | null;
}

/**
 * Remote media of a session, from the SDK's `media:ready`/`media:stopped`.
 * @public
 */
export interface RemoteMediaSnapshot {
  readonly audio: MediaStream | null;
  readonly video: MediaStream | null;
  readonly share: MediaStream | null;
}

/**
 * How a session receives the others: `multistream` (a video pane per
 * participant, webex@3 with a media server that offers it), `transcoded` (one
 * composed stream per kind: webex@2.60.4, the stock widget, or a multistream
 * request the media server refused), or `none` before media is connected.
 * @public
 */
export type MediaMode = 'none' | 'multistream' | 'transcoded';

/**
 * What fills a video pane: `live` video; `no-source` (nobody to show, or the
 * source left); `avoided` (the source's camera is off: Webex shows an avatar;
 * also a policy refusal); `bandwidth-limited` (the server stopped it for lack
 * of bandwidth).
 * @public
 */
export type PaneSourceState = 'live' | 'no-source' | 'avoided' | 'bandwidth-limited';

/**
 * One remote video pane (multistream): whom it shows and how.
 * @public
 */
export interface VideoPane {
  /** Stable for the pane's life (the SDK's `RemoteMedia.id`). */
  readonly id: string;
  /** The roster id of whom the pane shows, once the server said. */
  readonly memberId: string | null;
  readonly stream: MediaStream | null;
  readonly sourceState: PaneSourceState;
  /** The member is among the active speakers. */
  readonly speaking: boolean;
  /** The pane is pinned to its member ({@link MultistreamActions.pin}). */
  readonly pinned: boolean;
}

/**
 * A layout of the remote panes: an equal `grid`, a `stage` (the active
 * speaker or the pinned participant large, the others as a strip) or `share`
 * (a screen share large, the participants as thumbnails).
 * @public
 */
export type VideoLayout = 'grid' | 'stage' | 'share';

/**
 * Remote video of a multistream session, snapshotted: a change to one pane
 * replaces that pane's object only, so a tile that reads its pane re-renders alone.
 * @public
 */
export interface MultistreamSnapshot {
  readonly mode: MediaMode;
  readonly layout: VideoLayout;
  /** The remote panes the layout gives, in its order. */
  readonly panes: readonly VideoPane[];
  /** Who speaks, loudest first (roster ids). */
  readonly activeSpeakerIds: readonly string[];
  /** The pinned participant (roster id). */
  readonly pinnedId: string | null;
  /** A remote screen share and who shares it. */
  readonly share: { readonly sharerId: string | null; readonly stream: MediaStream | null } | null;
  /** Every remote audio stream in one `MediaStream`: play it with one renderer for the meeting. */
  readonly audio: MediaStream | null;
  /** The server's count of video sources in the meeting (all, and those live). */
  readonly sources: { readonly total: number; readonly live: number };
}

/**
 * What a UI can do with the remote panes. Each resolves when the SDK has
 * taken the request; in transcoded mode they change only the snapshot.
 * @public
 */
export interface MultistreamActions {
  setLayout(layout: VideoLayout): Promise<void>;
  /** Keeps `memberId` on screen (large in the stage) whoever speaks. */
  pin(memberId: string): Promise<void>;
  unpin(): Promise<void>;
}

/**
 * A session's remote panes: a store plus its actions.
 * @public
 */
export interface Multistream extends ReadableStore<MultistreamSnapshot>, MultistreamActions {}

/**
 * Network quality as the SDK reports it (`network:quality`: a score of 1 is
 * good, 0 is poor), `unknown` before any report.
 * @public
 */
export type NetworkQuality = 'unknown' | 'good' | 'poor';

/**
 * Network quality of a session's media connection, per kind of media and
 * overall (the worse of the two reported). Reset to unknown when the session
 * leaves.
 * @public
 */
export interface NetworkQualitySnapshot {
  readonly overall: NetworkQuality;
  readonly audio: NetworkQuality;
  readonly video: NetworkQuality;
}

/**
 * Which local device: the microphone or the camera.
 * @public
 */
export type TrackKind = 'microphone' | 'camera';

/**
 * One local device (microphone or camera) as a snapshot.
 * @public
 */
export interface LocalDeviceState {
  readonly status: 'off' | 'starting' | 'on' | 'failed';
  readonly muted: boolean;
  readonly deviceId: string | null;
  /** A preview stream while `on` (for `video.srcObject`). */
  readonly stream: MediaStream | null;
  readonly error: MediaError | null;
}

/**
 * Local media of a session.
 * @public
 */
export interface LocalMediaState {
  readonly microphone: LocalDeviceState;
  readonly camera: LocalDeviceState;
  /**
   * The screen share this participant sends (`muted` is unused). `on` once
   * the SDK has published it; the floor is then requested by the SDK.
   */
  readonly share: LocalDeviceState;
  /** Microphones and cameras, after {@link LocalMediaActions.listDevices}. */
  readonly devices: readonly MediaDeviceInfo[];
  /** The media connection to the meeting (optional: a session joins without one). */
  readonly connection: 'none' | 'connecting' | 'connected' | 'failed';
  readonly connectionError: MediaError | null;
}

/**
 * What a UI can do with local media. Starting a device before joining
 * connects the client (the SDK captures devices). Actions never reject: they
 * resolve with the {@link MediaError} (also put on the state), or `null`.
 * @public
 */
export interface LocalMediaActions {
  /** Starts the microphone or camera (a preview until media is connected). */
  start(kind: TrackKind, deviceId?: string): Promise<MediaError | null>;
  stop(kind: TrackKind): Promise<MediaError | null>;
  setMuted(kind: TrackKind, muted: boolean): Promise<MediaError | null>;
  /** Captures from another device, replacing the current one in the meeting too. */
  switchDevice(kind: TrackKind, deviceId: string): Promise<MediaError | null>;
  listDevices(): Promise<readonly MediaDeviceInfo[]>;
  /** Opens the media connection (when joined): sends local tracks, receives remote media. */
  connect(): Promise<MediaError | null>;
  /**
   * Shares a screen once media is connected: `source` when given (a stream
   * the app captured, e.g. from `getDisplayMedia` or a canvas), else the
   * browser asks the user. Others receive it as `remoteMedia.share`.
   */
  startShare(source?: MediaStream): Promise<MediaError | null>;
  /** Stops sharing and releases the capture. */
  stopShare(): Promise<MediaError | null>;
}

/**
 * A session's local media: a store plus its actions.
 * @public
 */
export interface LocalMedia extends ReadableStore<LocalMediaState>, LocalMediaActions {}

/**
 * The state before a join starts.
 * @public
 */
export const IDLE: JoinState = Object.freeze({ status: 'idle' });
/**
 * The roster before anyone is known.
 * @public
 */
export const EMPTY_ROSTER: RosterSnapshot = Object.freeze({
  participants: Object.freeze([]),
  self: null,
});
/**
 * No remote media.
 * @public
 */
export const NO_REMOTE_MEDIA: RemoteMediaSnapshot = Object.freeze({
  audio: null,
  video: null,
  share: null,
});
/**
 * Remote panes before media is connected.
 * @public
 */
export const NO_MULTISTREAM: MultistreamSnapshot = Object.freeze({
  mode: 'none',
  layout: 'grid',
  panes: Object.freeze([]),
  activeSpeakerIds: Object.freeze([]),
  pinnedId: null,
  share: null,
  audio: null,
  sources: Object.freeze({ total: 0, live: 0 }),
});
/**
 * Network quality before any report.
 * @public
 */
export const UNKNOWN_NETWORK_QUALITY: NetworkQualitySnapshot = Object.freeze({
  overall: 'unknown',
  audio: 'unknown',
  video: 'unknown',
});
/**
 * A device that is off.
 * @public
 */
export const DEVICE_OFF: LocalDeviceState = Object.freeze({
  status: 'off',
  muted: false,
  deviceId: null,
  stream: null,
  error: null,
});
/**
 * Local media before anything started.
 * @public
 */
export const NO_LOCAL_MEDIA: LocalMediaState = Object.freeze({
  microphone: DEVICE_OFF,
  camera: DEVICE_OFF,
  share: DEVICE_OFF,
  devices: Object.freeze([]),
  connection: 'none',
  connectionError: null,
});
