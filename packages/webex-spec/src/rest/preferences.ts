import * as z from 'zod/mini';
import { Email } from './common';
import { CallInNumber, Link } from './meetings';

// All schemas here: public-spec/webex-meeting.json, `/meetingPreferences*`.

/** `SchedulingOptionsObject`: `GET` and `PUT /meetingPreferences/schedulingOptions`. */
export const SchedulingOptions = z.object({
  enabledJoinBeforeHost: z.boolean(),
  /** 0, 5, 10 or 15. */
  joinBeforeHostMinutes: z.number(),
  enabledAutoShareRecording: z.boolean(),
  enabledWebexAssistantByDefault: z.optional(z.boolean()),
  delegateEmails: z.optional(z.array(z.string())),
});
export type SchedulingOptions = z.infer<typeof SchedulingOptions>;

/**
 * `PUT /meetingPreferences/schedulingOptions` body: the same object, with
 * the same three required fields. A PUT replaces the options; send what
 * `GET` answered with the changes applied.
 */
export const UpdateSchedulingOptionsRequest = z.object({
  enabledJoinBeforeHost: z.boolean(),
  joinBeforeHostMinutes: z.union([z.literal(0), z.literal(5), z.literal(10), z.literal(15)]),
  enabledAutoShareRecording: z.boolean(),
  enabledWebexAssistantByDefault: z.optional(z.boolean()),
  delegateEmails: z.optional(z.array(Email)),
});
export type UpdateSchedulingOptionsRequest = z.input<typeof UpdateSchedulingOptionsRequest>;

/** `?userEmail&siteUrl` of the preference reads and writes. */
export const PreferencesQuery = z.object({
  userEmail: z.optional(Email),
  siteUrl: z.optional(z.string()),
});

/** One site of a user (`sites[]`). */
export const Site = z.object({ siteUrl: z.string(), default: z.boolean() });

/** `GET /meetingPreferences/sites` → `SitesObject`. */
export const Sites = z.object({ sites: z.array(Site) });
export type Sites = z.infer<typeof Sites>;

const PhoneNumber = z.object({
  countryCode: z.string(),
  number: z.string(),
  enabledCallInAuthentication: z.boolean(),
  enabledCallMe: z.boolean(),
});

/** `audio` of the preferences (`AudioObject`). */
export const AudioPreferences = z.object({
  defaultAudioType: z.enum(['webexAudio', 'voipOnly', 'otherTeleconferenceService', 'none']),
  otherTeleconferenceDescription: z.string(),
  enabledGlobalCallIn: z.boolean(),
  enabledTollFree: z.boolean(),
  enabledAutoConnection: z.boolean(),
  audioPin: z.optional(z.string()),
  officeNumber: PhoneNumber,
  mobileNumber: PhoneNumber,
});

/** `video` of the preferences. */
export const VideoPreferences = z.object({
  videoDevices: z.array(
    z.object({ deviceName: z.string(), deviceAddress: z.string(), isDefault: z.boolean() }),
  ),
});

/**
 * `personalMeetingRoom` of the preferences. Note the spec's `telephony.links`
 * here is one object, not the array meetings carry.
 */
export const PersonalMeetingRoom = z.object({
  topic: z.string(),
  hostPin: z.string(),
  personalMeetingRoomLink: z.string(),
  enabledAutoLock: z.boolean(),
  autoLockMinutes: z.optional(z.number()),
  enabledNotifyHost: z.boolean(),
  supportCoHost: z.boolean(),
  supportAnyoneAsCoHost: z.optional(z.boolean()),
  allowFirstUserToBeCoHost: z.optional(z.boolean()),
  allowAuthenticatedDevices: z.optional(z.boolean()),
  coHosts: z.optional(z.array(z.object({ email: z.string(), displayName: z.string() }))),
  sipAddress: z.string(),
  dialInIpAddress: z.string(),
  telephony: z.object({
    accessCode: z.string(),
    callInNumbers: z.array(CallInNumber),
    links: z.optional(Link),
  }),
});

/** `GET /meetingPreferences` → `MeetingPreferenceObject`. */
export const MeetingPreferences = z.object({
  personalMeetingRoom: PersonalMeetingRoom,
  audio: AudioPreferences,
  video: VideoPreferences,
  schedulingOptions: SchedulingOptions,
  sites: z.optional(z.array(Site)),
});
export type MeetingPreferences = z.infer<typeof MeetingPreferences>;
