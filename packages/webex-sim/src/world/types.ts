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
  joinedAt: number;
  leftAt?: number;
  audioMuted: boolean;
  videoMuted: boolean;
}

export interface Locus {
  id: string;
  startedAt: number;
  /** Strictly increasing: the SDK drops updates whose sequence goes backwards. */
  sequence: number;
  locked: boolean;
  participants: Map<string, Participant>;
  state: 'ACTIVE' | 'INACTIVE' | 'TERMINATING';
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
