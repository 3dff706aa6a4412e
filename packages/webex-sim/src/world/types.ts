/** The simulator's world: plain data, owned by {@link World}. */

export interface Org {
  id: string;
  name: string;
  /** The org's guest-to-guest meeting site, e.g. `acme-g2g.webex.com`. */
  siteUrl: string;
}

export interface Authorization {
  orgId: string;
  siteUrl: string;
  scopes: string[];
  authorizedAt: number;
}

export interface ServiceApp {
  clientId: string;
  clientSecret: string;
  /** base64(`ciscospark://us/APPLICATION/<clientId>`), as Webex derives it. */
  applicationId: string;
  name: string;
  ownerOrgId: string;
  scopes: string[];
  /** Concurrent in-progress meetings this app's licence allows. */
  licenceLimit: number;
  /** Orgs whose admin has authorized the app. */
  authorizations: Map<string, Authorization>;
}

export type TokenKind = 'service-app' | 'guest' | 'user';

export interface AccessToken {
  value: string;
  kind: TokenKind;
  orgId: string;
  personId: string;
  appClientId?: string;
  scopes: Set<string>;
  expiresAt: number;
  /** The refresh token this access token was issued with, if any. */
  refreshToken?: string;
}

export interface RefreshToken {
  value: string;
  kind: TokenKind;
  orgId: string;
  personId: string;
  appClientId: string;
  scopes: string[];
  expiresAt: number;
  /** Set when a newer refresh token replaced this one; using it is an error. */
  supersededAt?: number;
}

export interface Person {
  /** A uuid; the REST face shows it as a Hydra PEOPLE id. */
  id: string;
  displayName: string;
  emails: string[];
  orgId: string;
  /** `appuser` for guests and Service App machine accounts, as Webex reports them. */
  type: 'person' | 'appuser' | 'bot';
  licensed: boolean;
  created: number;
}

export interface Guest {
  personId: string;
  subject: string;
  displayName: string;
  email: string;
  appClientId: string;
  orgId: string;
  created: number;
}

export type JoinSecurity = 'allowJoin' | 'allowJoinWithLobby' | 'blockFromJoin';

export interface Participant {
  id: string;
  personId: string;
  name: string;
  isHost: boolean;
  state: 'JOINED' | 'IDLE' | 'LEFT';
  inLobby: boolean;
  guest: boolean;
  /** The WDM device that joined (its url), so Locus events reach the right websocket. */
  deviceUrl: string;
  /** `device.deviceType` of the join (`WEB` for browsers). */
  deviceType: string;
  /**
   * The join's `correlationId`, echoed in `self.devices[]`: both SDK
   * versions match an event to its meeting object by it when the locusUrl
   * is not (yet) known to them.
   */
  correlationId?: string;
  joinedAt: number;
  leftAt?: number;
  /**
   * Local mute, as the client reports it in each media request's
   * `localSdp` (`{audioMuted, videoMuted}`); shown as `status.audioStatus`
   * `RECVONLY` (muted) or `SENDRECV`. Undefined until media is connected.
   */
  audioMuted?: boolean;
  videoMuted?: boolean;
  /** Mute imposed through `PATCH …/participant/{id}/controls` (`controls.audio.muted`). */
  remoteAudioMuted: boolean;
  remoteVideoMuted: boolean;
  /** Who last changed the remote mute (Locus's `controls.audio.meta.modifiedBy`). */
  mutedBy?: string;
  /**
   * The capture source ids of the participant's multistream streams (its
   * offer's `a=jmp-source` CSIs, audio, video and slides), shown as
   * `devices[].csis`: webex@3 maps a pane's or a speaker's CSI to the member
   * by them. Empty for a transcoded participant.
   */
  csis?: readonly number[];
}

/** Locus's content (screen-share) floor. */
export interface ShareFloor {
  disposition: 'GRANTED' | 'RELEASED';
  /** The participant sharing (or who shared last). */
  participantId: string;
  deviceUrl: string;
  shareInstanceId?: string;
  at: number;
}

export interface Locus {
  id: string;
  startedAt: number;
  /**
   * Strictly increasing, across every Locus of the world (see
   * `World.nextLocusSequence`): webex@3 ignores a full DTO whose sequence is
   * not newer than the one it holds, even when a meeting restarts.
   */
  sequence: number;
  locked: boolean;
  participants: Map<string, Participant>;
  state: 'ACTIVE' | 'INACTIVE' | 'TERMINATING';
  /** The content floor, once anyone asked for it. */
  share?: ShareFloor;
}

export interface Meeting {
  id: string;
  meetingNumber: string;
  title: string;
  password: string;
  hostKey: string;
  start: number;
  end: number;
  timezone: string;
  siteUrl: string;
  webLink: string;
  sipAddress: string;
  enabledJoinBeforeHost: boolean;
  joinBeforeHostMinutes: number;
  unlockedMeetingJoinSecurity: JoinSecurity;
  enabledAutoRecordMeeting: boolean;
  hostUserId: string;
  hostEmail: string;
  hostDisplayName: string;
  orgId: string;
  /** The Service App that licenses the meeting (its creator's app). */
  appClientId?: string;
  roomId?: string;
  adhoc: boolean;
  invitees: { email: string; displayName?: string; coHost: boolean }[];
  /** `active` = scheduled; `inProgress` while anyone is in it; `ended` afterwards. */
  state: 'active' | 'inProgress' | 'ended';
  created: number;
  /** When the current (or last) instance started: its first participant got in. */
  startedAt?: number;
  endedAt?: number;
  /** The Locus id meetingInfo hands out for the current (or next) instance. */
  locusId?: string;
  locus?: Locus;
}

export interface Webhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  ownedBy: 'creator' | 'org';
  status: 'active' | 'inactive';
  created: number;
  orgId: string;
  createdBy: string;
  appClientId?: string;
  /** Timestamps of recent failed deliveries; 100 within 5 minutes disables the webhook. */
  failures: number[];
}

export interface Room {
  id: string;
  title: string;
  orgId: string;
  creatorId: string;
  created: number;
  /** Last change to the space (a member added); `created` until then. */
  lastActivity?: number;
}

export interface Membership {
  id: string;
  roomId: string;
  personId: string;
  personEmail: string;
  isModerator: boolean;
  created: number;
}

export interface Device {
  id: string;
  url: string;
  webSocketUrl: string;
  personId: string;
  orgId: string;
  created: number;
}

/** An org's meeting scheduling preferences, as `/v1/meetingPreferences/schedulingOptions` shows them. */
export interface SchedulingOptions {
  enabledJoinBeforeHost: boolean;
  joinBeforeHostMinutes: number;
  enabledAutoShareRecording: boolean;
  enabledWebexAssistantByDefault: boolean;
  delegateEmails: string[];
}

/** One client log upload, as the SDK made it: open, PUT to the temporary URL, finalize. */
export interface ClientLogUpload {
  id: string;
  personId: string;
  /** The `file` name the SDK asked for (`<locusId>_<callStart>.txt` or `<sessionId>.txt`). */
  file: string;
  /** Bytes PUT to the temporary URL; `undefined` until the upload happens. */
  bytes?: number;
  /** The metadata the SDK finalized the upload with (`locusId`, `correlationId`, …). */
  metadata?: Record<string, string>;
}
