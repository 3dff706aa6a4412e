import { z } from 'zod';
import { DateTime, Email, Id, Max, QueryDateTime, Unmodelled, listOf } from './common';

// All schemas here: public-spec/webex-meeting.json.

/** `meetingType` of a meeting object and of the list filter. */
export const MeetingType = z.enum(['meetingSeries', 'scheduledMeeting', 'meeting']);
export type MeetingType = z.infer<typeof MeetingType>;

/** `state` of a meeting object and of the list filter. */
export const MeetingState = z.enum([
  'active',
  'scheduled',
  'ready',
  'lobby',
  'inProgress',
  'ended',
  'missed',
  'expired',
]);
export type MeetingState = z.infer<typeof MeetingState>;

/** How people who are not invited join an unlocked meeting. */
export const JoinSecurity = z.enum(['allowJoin', 'allowJoinWithLobby', 'blockFromJoin']);
export type JoinSecurity = z.infer<typeof JoinSecurity>;

export const ScheduledType = z.enum(['meeting', 'webinar', 'personalRoomMeeting']);

/** Join-before-host minutes a meeting (not a webinar) accepts. */
export const JOIN_BEFORE_HOST_MINUTES = [0, 5, 10, 15] as const;

/** `telephony.callInNumbers[]`. */
export const CallInNumber = z.object({
  label: z.string(),
  callInNumber: z.string(),
  tollType: z.enum(['toll', 'tollFree']),
});

/** `LinksObjectForTelephony`: HATEOAS links. */
export const Link = z.object({ rel: z.string(), href: z.string(), method: z.string() });

/** `telephony` of a meeting. */
export const Telephony = z.object({
  accessCode: z.string(),
  callInNumbers: z.array(CallInNumber),
  links: z.array(Link).optional(),
});

/**
 * The fields `MeetingSeriesObject` and `MeetingObjectForListMeeting` share,
 * with the spec's `required` lists. Nested objects the project never reads
 * (meeting options, privileges, registration, interpretation, live stream…)
 * are {@link Unmodelled}.
 */
const meetingFields = {
  id: Id,
  /** Optional in the spec: ended instances have none. */
  meetingNumber: z.string().optional(),
  title: z.string(),
  agenda: z.string().optional(),
  password: z.string(),
  phoneAndVideoSystemPassword: z.string().optional(),
  meetingType: MeetingType,
  state: MeetingState,
  hostDidJoin: z.boolean().optional(),
  attendeeDidJoin: z.boolean().optional(),
  timezone: z.string(),
  start: DateTime,
  end: DateTime,
  recurrence: z.string().optional(),
  hostUserId: Id,
  hostDisplayName: z.string(),
  hostEmail: z.string(),
  hostKey: z.string(),
  siteUrl: z.string(),
  webLink: z.string(),
  sipAddress: z.string().optional(),
  dialInIpAddress: z.string().optional(),
  roomId: Id.optional(),
  enabledAutoRecordMeeting: z.boolean().optional(),
  allowAnyUserToBeCoHost: z.boolean().optional(),
  enabledJoinBeforeHost: z.boolean().optional(),
  enableConnectAudioBeforeHost: z.boolean().optional(),
  joinBeforeHostMinutes: z.number().optional(),
  excludePassword: z.boolean().optional(),
  publicMeeting: z.boolean().optional(),
  reminderTime: z.number().optional(),
  unlockedMeetingJoinSecurity: JoinSecurity.optional(),
  sessionTypeId: z.number().optional(),
  scheduledType: ScheduledType.optional(),
  enabledWebcastView: z.boolean().optional(),
  panelistPassword: z.string().optional(),
  phoneAndVideoSystemPanelistPassword: z.string().optional(),
  enableAutomaticLock: z.boolean().optional(),
  automaticLockMinutes: z.number().optional(),
  allowFirstUserToBeCoHost: z.boolean().optional(),
  allowAuthenticatedDevices: z.boolean().optional(),
  telephony: Telephony,
  meetingOptions: Unmodelled.optional(),
  attendeePrivileges: Unmodelled.optional(),
  registration: Unmodelled.optional(),
  integrationTags: z.array(z.string()).optional(),
  simultaneousInterpretation: Unmodelled.optional(),
  /** Required by the spec; the simulator's answers lacked it (issue 10). */
  enabledBreakoutSessions: z.boolean(),
  links: z.array(Unmodelled).optional(),
  trackingCodes: z.array(Unmodelled).optional(),
  enabledAudioWatermark: z.boolean().optional(),
  enabledVisualWatermark: z.boolean().optional(),
  visualWatermarkOpacity: z.number().optional(),
  audioConnectionOptions: Unmodelled.optional(),
  requireAttendeeLogin: z.boolean().optional(),
  restrictToInvitees: z.boolean().optional(),
  enabledLiveStream: z.boolean().optional(),
  liveStream: Unmodelled.optional(),
};

/**
 * A meeting series as `POST /meetings` and `GET /meetings/{meetingId}`
 * answer it: `MeetingSeriesObject`.
 */
export const Meeting = z.object({
  ...meetingFields,
  registerLink: z.string().optional(),
});
export type Meeting = z.infer<typeof Meeting>;

/**
 * A meeting someone can still join: what `POST /meetings` creates and what a
 * scheduled series shows. The spec leaves `meetingNumber` and `sipAddress`
 * optional because ended instances lack them; a meeting the project hands to
 * guests must have both.
 */
export const JoinableMeeting = Meeting.required({ meetingNumber: true, sipAddress: true });
export type JoinableMeeting = z.infer<typeof JoinableMeeting>;

/** One item of `GET /meetings`: `MeetingObjectForListMeeting`. */
export const MeetingListItem = z.object({
  ...meetingFields,
  /**
   * Required by the spec for every item, though its description says it
   * "only applies to scheduled meeting and meeting instance". A series item
   * carries its own id here. [inferred] until live mode has seen one.
   */
  meetingSeriesId: Id,
  scheduledMeetingId: Id.optional(),
  /** Only scheduled meetings carry it. */
  isModified: z.boolean().optional(),
  hasChat: z.boolean().optional(),
  hasRecording: z.boolean().optional(),
  hasTranscription: z.boolean().optional(),
  hasClosedCaption: z.boolean().optional(),
  hasPolls: z.boolean().optional(),
  hasQA: z.boolean().optional(),
  hasSlido: z.boolean().optional(),
  hasRegistration: z.boolean().optional(),
  hasRegistrants: z.boolean().optional(),
  hasPostEventSurvey: z.boolean().optional(),
});
export type MeetingListItem = z.infer<typeof MeetingListItem>;

/** `GET /meetings` → `{items}`. */
export const MeetingList = listOf(MeetingListItem);
export type MeetingList = z.infer<typeof MeetingList>;

/** One invitee of `POST /meetings` (`InviteeObjectForCreateMeeting`). */
export const MeetingInvitee = z.object({
  email: Email,
  displayName: z.string().max(128).optional(),
  coHost: z.boolean().optional(),
  panelist: z.boolean().optional(),
});

/**
 * `POST /meetings` body (`CreateMeetingObject`), limited to the fields the
 * project sends or the simulator models. `title`, `start` and `end` are
 * required by the spec; for an ad-hoc meeting (`roomId` + `adhoc: true`) the
 * spec's own descriptions make them defaulted or ignored, so they are
 * optional here and the refinement below restores the rule for scheduled
 * meetings.
 */
export const CreateMeetingRequest = z
  .object({
    title: z.string().max(128).optional(),
    start: z.string().optional(),
    end: z.string().optional(),
    timezone: z.string().optional(),
    siteUrl: z.string().optional(),
    password: z.string().optional(),
    enabledJoinBeforeHost: z.boolean().optional(),
    joinBeforeHostMinutes: z.number().int().optional(),
    unlockedMeetingJoinSecurity: JoinSecurity.optional(),
    enabledAutoRecordMeeting: z.boolean().optional(),
    enabledBreakoutSessions: z.boolean().optional(),
    scheduledType: ScheduledType.optional(),
    roomId: Id.optional(),
    adhoc: z.boolean().optional(),
    invitees: z.array(MeetingInvitee).max(1000).optional(),
    hostEmail: Email.optional(),
    sendEmail: z.boolean().optional(),
  })
  .refine((b) => b.adhoc === true || (b.title && b.start && b.end), {
    message: 'title, start and end are required unless adhoc is true.',
  })
  .refine((b) => b.adhoc !== true || b.roomId, {
    message: 'roomId is required when adhoc is true.',
    path: ['roomId'],
  });
export type CreateMeetingRequest = z.input<typeof CreateMeetingRequest>;

/** `GET /meetings/{meetingId}` query. */
export const GetMeetingQuery = z.object({
  current: z.stringbool().optional(),
  hostEmail: Email.optional(),
});

/**
 * `GET /meetings` query filters. `meetingNumber`, `webLink` and `roomId` are
 * mutually exclusive and, when one is given, `max`, `from`, `to`,
 * `meetingType` and `state` are ignored. Without `from`/`to` the window is
 * 7 days (after now for series and scheduled meetings, before now for
 * instances).
 */
export const ListMeetingsQuery = z
  .object({
    meetingNumber: z.string().optional(),
    webLink: z.string().optional(),
    roomId: Id.optional(),
    meetingSeriesId: Id.optional(),
    meetingType: MeetingType.optional(),
    state: MeetingState.optional(),
    scheduledType: ScheduledType.optional(),
    current: z.stringbool().optional(),
    from: QueryDateTime.optional(),
    to: QueryDateTime.optional(),
    max: Max(100).optional(),
    hostEmail: Email.optional(),
    siteUrl: z.string().optional(),
    integrationTag: z.string().optional(),
  })
  .refine((q) => [q.meetingNumber, q.webLink, q.roomId].filter(Boolean).length <= 1, {
    message: 'meetingNumber, webLink and roomId are mutually exclusive.',
  });
export type ListMeetingsQuery = z.input<typeof ListMeetingsQuery>;

/** `DELETE /meetings/{meetingId}` query. */
export const DeleteMeetingQuery = z.object({
  hostEmail: Email.optional(),
  sendEmail: z.stringbool().optional(),
});

/**
 * `POST /meetings/join` body (`JoinMeetingObject`). Exactly one of
 * `meetingId`, `meetingNumber`, `webLink`; `displayName` needs `email`;
 * `hostEmail` is required for Service Apps (which the schema cannot know).
 */
export const JoinMeetingRequest = z
  .object({
    meetingId: Id.optional(),
    meetingNumber: z.string().optional(),
    webLink: z.string().optional(),
    joinDirectly: z.boolean().optional(),
    email: Email.optional(),
    displayName: z.string().max(128).optional(),
    password: z.string().optional(),
    expirationMinutes: z.number().int().min(1).max(60).optional(),
    registrationId: z.string().optional(),
    hostEmail: Email.optional(),
    createJoinLinkAsWebLink: z.boolean().optional(),
    createStartLinkAsWebLink: z.boolean().optional(),
  })
  .refine((b) => [b.meetingId, b.meetingNumber, b.webLink].filter(Boolean).length === 1, {
    message: 'Give exactly one of meetingId, meetingNumber or webLink.',
  })
  .refine((b) => b.displayName === undefined || b.email !== undefined, {
    message: 'displayName needs email as well.',
    path: ['displayName'],
  });
export type JoinMeetingRequest = z.input<typeof JoinMeetingRequest>;

/**
 * `POST /meetings/join` with `joinDirectly: false` → `JoinMeetingLinkObject`.
 * The spec marks no field required. [observed] `joinLink` is always there
 * (WEBEX-REFERENCE §3); `startLink` only for the host or a cohost;
 * `expiration` is left out when both links are requested as web links.
 * With `joinDirectly` omitted or true Webex answers 302 to the join link,
 * which the spec's description says and its responses leave out.
 */
export const JoinMeetingLinks = z.object({
  startLink: z.string().optional(),
  joinLink: z.string(),
  expiration: DateTime.optional(),
});
export type JoinMeetingLinks = z.infer<typeof JoinMeetingLinks>;
