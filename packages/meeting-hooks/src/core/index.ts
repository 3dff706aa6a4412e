/*
 * @g2g/meeting-hooks: the framework-free core. Safe to import on a server:
 * nothing here touches `window`, and the SDK loads only when a client connects.
 */
export {
  parseDestination,
  MAX_DESTINATION_LENGTH,
  MEETING_NUMBER_DIGITS,
  SPACE_ID_NOT_SUPPORTED_CODE,
} from './destination';
export type {
  Destination,
  DestinationType,
  ParseDestinationOptions,
  ParseDestinationResult,
} from './destination';
export { JoinError, MediaError, isJoinError } from './errors';
export type { JoinErrorCode, JoinErrorOptions, MediaErrorCode } from './errors';
export { createMeetingClient } from './client';
export type {
  MeetingClient,
  MeetingClientOptions,
  MeetingClientState,
  SdkSource,
  ServiceDiscovery,
} from './client';
export type { AccessTokenValue } from './auth';
export type { JoinOptions, JoinSession, SessionActions } from './session';
export {
  IDLE,
  EMPTY_ROSTER,
  NO_LOCAL_MEDIA,
  NO_MULTISTREAM,
  NO_REMOTE_MEDIA,
  DEVICE_OFF,
  UNKNOWN_NETWORK_QUALITY,
} from './state';
export type {
  CaptchaChallenge,
  LocalDeviceState,
  LocalMedia,
  LocalMediaActions,
  LocalMediaState,
  MediaMode,
  Multistream,
  MultistreamActions,
  MultistreamSnapshot,
  PaneSourceState,
  VideoLayout,
  VideoPane,
  TrackKind,
  JoinState,
  JoinStatus,
  LeftReason,
  LostConnection,
  NetworkQuality,
  NetworkQualitySnapshot,
  Participant,
  PasswordFailure,
  RemoteMediaSnapshot,
  RosterSnapshot,
} from './state';
export type { ReadableStore } from './store';
export { DEFAULT_TIMEOUTS } from './timeout';
export type { JoinTimeouts } from './timeout';
export { preloadMeetingSdk } from './preload';
