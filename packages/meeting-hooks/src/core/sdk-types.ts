/*
 * The part of the `webex` SDK (2.60.4 and 3.x) this package touches, typed
 * structurally. The real SDK ships no usable types, and the testing kit's
 * fake implements exactly this, so the two cannot drift apart silently.
 */

/** A listener for an SDK event. Payloads are read defensively, never trusted. */
export type SdkListener = (payload?: unknown) => void;

/** Anything with `on`/`off`: the SDK's meetings, meeting and members objects. */
export interface SdkEmitter {
  on(event: string, listener: SdkListener): unknown;
  off(event: string, listener: SdkListener): unknown;
}

/** `meeting.requiredCaptcha` when a captcha is demanded. */
export interface SdkCaptcha {
  captchaId?: string;
  verificationImageURL?: string;
  verificationAudioURL?: string;
  refreshURL?: string;
}

/** One entry of `meeting.members.membersCollection`. */
export interface SdkMember {
  id: string;
  name?: string | null;
  isHost?: boolean;
  isModerator?: boolean;
  isSelf?: boolean;
  isInLobby?: boolean;
  isAudioMuted?: boolean | null;
  isVideoMuted?: boolean | null;
  isDevice?: boolean;
  /** `IN_MEETING`, `IN_LOBBY`, `NOT_IN_MEETING`… */
  status?: string;
}

/** `meeting.members`. */
export interface SdkMembers extends SdkEmitter {
  membersCollection?: { getAll(): Record<string, SdkMember> };
}

/** What `verifyPassword` resolves with (both SDK versions). */
export interface SdkVerifyResult {
  isPasswordValid: boolean;
  requiredCaptcha: SdkCaptcha | null;
  failureReason: string;
}

/** A v3 local stream from `mediaHelpers` (`LocalMicrophoneStream`/`LocalCameraStream`). */
export interface SdkLocalStream {
  outputStream: MediaStream;
  setUserMuted(muted: boolean): void;
  stop(): void;
}

/** `webex.meetings.mediaHelpers` (v3 only). */
export interface SdkMediaHelpers {
  createDisplayStream?(): Promise<SdkLocalStream>;
  /** The class behind `createDisplayStream`, to share a stream the app captured itself. */
  LocalDisplayStream?: new (stream: MediaStream) => SdkLocalStream;
  createMicrophoneStream(constraints?: { deviceId?: string }): Promise<SdkLocalStream>;
  createCameraStream(constraints?: { deviceId?: string }): Promise<SdkLocalStream>;
  getDevices?(kind?: string): Promise<MediaDeviceInfo[]>;
}

/** A v3 multistream `RemoteMedia`: one receive slot (pane) and whom it shows. */
export interface SdkRemoteMedia {
  id: string;
  memberId?: string;
  csi?: number;
  /** JMP stream state: `live`, `no source`, `avatar`, `bandwidth disabled`… */
  sourceState?: string;
  /** A `RemoteStream` (its `outputStream` is the `MediaStream`). */
  stream?: unknown;
  on?(event: string, listener: SdkListener): unknown;
  off?(event: string, listener: SdkListener): unknown;
}

/** A v3 `RemoteMediaGroup` (active-speaker panes, remote audio). */
export interface SdkRemoteMediaGroup {
  getRemoteMedia(filter?: 'all' | 'pinned' | 'unpinned'): SdkRemoteMedia[];
}

/** `meeting.remoteMediaManager` (v3, multistream only). */
export interface SdkRemoteMediaManager {
  setLayout(layoutId: string): Promise<void>;
  getLayoutId?(): string | undefined;
  pinActiveSpeakerVideoPane?(remoteMedia: SdkRemoteMedia, csi?: number): void;
  unpinActiveSpeakerVideoPane?(remoteMedia: SdkRemoteMedia): void;
  isPinned?(remoteMedia: SdkRemoteMedia): boolean;
}

/** A meeting object as returned by `webex.meetings.create`. */
export interface SdkMeeting extends SdkEmitter {
  id: string;
  /** `NOT_REQUIRED | REQUIRED | UNKNOWN | VERIFIED`. */
  passwordStatus?: string;
  requiredCaptcha?: SdkCaptcha | null;
  meetingInfoFailureReason?: string;
  /** v3 only. */
  meetingInfoFailureCode?: number;
  meetingInfo?: { meetingName?: string; meetingNumber?: string | number } | null;
  meetingNumber?: string | number | null;
  isUserUnadmitted?: boolean;
  /** v3 only: `MODERATOR`, `COHOST`… */
  roles?: string[];
  members?: SdkMembers;
  /** Set once a media connection exists. */
  mediaId?: string | null;
  /** v3: whether media runs multistream (false again after a fallback to transcoded). */
  isMultistream?: boolean;
  /** v3, multistream: created by `addMedia`. */
  remoteMediaManager?: SdkRemoteMediaManager;
  verifyPassword(password: string, captchaCode?: string): Promise<SdkVerifyResult>;
  refreshCaptcha(): Promise<unknown>;
  join(options: {
    alias?: string;
    moderator?: boolean;
    pin?: string;
    enableMultistream?: boolean;
  }): Promise<unknown>;
  leave(options?: { reason?: string }): Promise<unknown>;
  endMeetingForAll(): Promise<unknown>;
  admit(memberIds: string[]): Promise<unknown>;
  addMedia(options: Record<string, unknown>): Promise<unknown>;
  /** v3 only. */
  publishStreams?(streams: Record<string, unknown>): Promise<unknown>;
  /** v3 only. */
  unpublishStreams?(streams: unknown[]): Promise<unknown>;
  /** 2.60.4 only. */
  updateAudio?(options: Record<string, unknown>): Promise<unknown>;
  /** 2.60.4 only. */
  updateVideo?(options: Record<string, unknown>): Promise<unknown>;
  /** 2.60.4 only: shares a stream (`{sendShare, receiveShare, stream}`). */
  updateShare?(options: Record<string, unknown>): Promise<unknown>;
  /** 2.60.4 only: asks for a screen and shares it. */
  shareScreen?(): Promise<unknown>;
  /** 2.60.4 only. */
  stopShare?(): Promise<unknown>;
  /** Host: mutes a member (both versions). */
  mute?(memberId: string, mute?: boolean): Promise<unknown>;
  /** Host: removes a member (both versions). */
  remove?(memberId: string): Promise<unknown>;
  /** Host: locks or unlocks the meeting (both versions; needs the display hints). */
  lockMeeting?(): Promise<unknown>;
  unlockMeeting?(): Promise<unknown>;
  /** 2.60.4 only. */
  muteAudio?(): Promise<unknown>;
  unmuteAudio?(): Promise<unknown>;
  muteVideo?(): Promise<unknown>;
  unmuteVideo?(): Promise<unknown>;
}

/** The meeting-info provider `webex.meetings.meetingInfo` (private in the SDK). */
export interface SdkMeetingInfoProvider {
  fetchMeetingInfo(destination: string, ...rest: unknown[]): Promise<unknown>;
}

/** `webex.meetings`. */
export interface SdkMeetings extends SdkEmitter {
  registered?: boolean;
  register(): Promise<unknown>;
  unregister(): Promise<unknown>;
  create(destination: string, type: string, ...rest: unknown[]): Promise<SdkMeeting>;
  mediaHelpers?: SdkMediaHelpers;
  meetingInfo?: SdkMeetingInfoProvider;
  /** Private in both versions; used to drop a meeting whose info could not be fetched (2.60.4). */
  destroy?(meeting: SdkMeeting, reason: string): void;
}

/** An initialised SDK instance (`Webex.init(...)`). */
export interface SdkWebex {
  meetings: SdkMeetings;
  version?: string;
  ready?: boolean;
  once?(event: string, listener: SdkListener): unknown;
  credentials?: { refresh?(): Promise<unknown>; canRefresh?: boolean };
  /**
   * The SDK's internals: Mercury's `online`/`offline` events (both versions)
   * and, in 3.x, the data channel, closed on teardown (see data-channel.ts).
   */
  internal?: { mercury?: SdkEmitter; llm?: SdkDataChannel };
}

/** The part of `webex.internal.llm` (3.x) that teardown touches (data-channel.ts). */
export interface SdkDataChannel {
  registerAndConnect?(...args: unknown[]): unknown;
  disconnectAllLLM?(options?: { code: number; reason: string }): Promise<unknown>;
  disconnectLLM?(options?: { code: number; reason: string }): Promise<unknown>;
}

/** The SDK's token attributes, as `Webex.init({credentials})` takes them. */
export interface SdkCredentials {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
}

/** What `Webex.init` accepts. */
export interface SdkInitAttributes {
  credentials: SdkCredentials;
  config: Record<string, unknown>;
}

/** The `webex` module (or anything with the same `init`). */
export interface SdkModule {
  init(attributes: SdkInitAttributes): SdkWebex;
}
