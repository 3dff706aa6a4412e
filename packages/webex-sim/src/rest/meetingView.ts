import { hydraId } from '../ids';
import type { Meeting } from '../world/types';
import type { World } from '../world/world';
import { formatInZone } from './time';

export type MeetingType = 'meetingSeries' | 'scheduledMeeting' | 'meeting';
export const MEETING_TYPES: readonly MeetingType[] = [
  'meetingSeries',
  'scheduledMeeting',
  'meeting',
];
export const MEETING_STATES = [
  'active',
  'scheduled',
  'ready',
  'lobby',
  'inProgress',
  'ended',
  'missed',
  'expired',
] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/**
 * The state Webex would report for `m` seen as `type`. A series stays
 * `active` while it is being held (instances carry `inProgress`) and becomes
 * `expired` once it can no longer be started. [inferred] for the sim's
 * single-occurrence series.
 */
export function viewState(world: World, m: Meeting, type: MeetingType): MeetingState | undefined {
  const over = m.state === 'ended' || (m.state === 'active' && m.end <= world.now());
  switch (type) {
    case 'meetingSeries':
      return over ? 'expired' : 'active';
    case 'scheduledMeeting':
      return m.state === 'inProgress' ? 'inProgress' : over ? undefined : 'scheduled';
    case 'meeting':
      return m.state === 'inProgress'
        ? 'inProgress'
        : m.endedAt !== undefined
          ? 'ended'
          : undefined;
  }
}

/** A meeting as `/v1/meetings` shows it. Instances share the series id, as the world's webhooks do. */
export function meetingView(
  world: World,
  m: Meeting,
  type: MeetingType = 'meetingSeries',
  state: MeetingState = viewState(world, m, type) ?? 'active',
) {
  const site = m.siteUrl;
  return {
    id: m.id,
    ...(type === 'meetingSeries' ? {} : { meetingSeriesId: m.id }),
    meetingNumber: m.meetingNumber,
    title: m.title,
    password: m.password,
    phoneAndVideoSystemPassword: numericPassword(m.password),
    meetingType: type,
    state,
    ...(type === 'meeting' ? {} : { isModified: false }),
    timezone: m.timezone,
    start: formatInZone(m.start, m.timezone),
    end: formatInZone(m.end, m.timezone),
    hostUserId: hydraId('PEOPLE', m.hostUserId),
    hostDisplayName: m.hostDisplayName,
    hostEmail: m.hostEmail,
    hostKey: m.hostKey,
    siteUrl: site,
    webLink: m.webLink,
    sipAddress: m.sipAddress,
    dialInIpAddress: '192.0.2.10',
    ...(m.roomId ? { roomId: m.roomId } : {}),
    ...(m.adhoc ? { adhoc: true } : {}),
    enabledAutoRecordMeeting: m.enabledAutoRecordMeeting,
    allowAnyUserToBeCoHost: false,
    enabledJoinBeforeHost: m.enabledJoinBeforeHost,
    enableConnectAudioBeforeHost: false,
    joinBeforeHostMinutes: m.joinBeforeHostMinutes,
    excludePassword: false,
    publicMeeting: false,
    enableAutomaticLock: false,
    unlockedMeetingJoinSecurity: m.unlockedMeetingJoinSecurity,
    scheduledType: 'meeting',
    telephony: {
      accessCode: m.meetingNumber,
      // 555-01xx numbers are reserved for fiction: nobody real gets dialled.
      callInNumbers: [
        { label: 'United States Toll', callInNumber: '+1-555-010-0100', tollType: 'toll' },
        { label: 'United States Toll Free', callInNumber: '+1-555-010-0199', tollType: 'tollFree' },
      ],
      links: [
        {
          rel: 'globalCallinNumbers',
          href: `/v1/meetings/${m.id}/globalCallinNumbers`,
          method: 'GET',
        },
      ],
    },
  };
}

/** Video systems dial a digits-only password derived from the real one. */
function numericPassword(password: string): string {
  let out = '';
  for (const ch of password) out += String(ch.charCodeAt(0) % 10);
  return out.slice(0, 8);
}
