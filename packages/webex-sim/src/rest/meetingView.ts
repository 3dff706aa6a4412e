import type { MeetingState, MeetingType } from '@g2g/webex-spec/rest';
import { hydraId } from '../ids';
import type { Meeting } from '../world/types';
import type { World } from '../world/world';
import { formatInZone } from './time';

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

/**
 * A meeting series as `POST /v1/meetings` and `GET /v1/meetings/{id}` show it
 * (`Meeting` of `@g2g/webex-spec/rest`).
 */
export function meetingView(world: World, m: Meeting) {
  return {
    id: m.id,
    meetingNumber: m.meetingNumber,
    title: m.title,
    password: m.password,
    phoneAndVideoSystemPassword: numericPassword(m.password),
    meetingType: 'meetingSeries' as MeetingType,
    state: viewState(world, m, 'meetingSeries') ?? ('active' as MeetingState),
    timezone: m.timezone,
    start: formatInZone(m.start, m.timezone),
    end: formatInZone(m.end, m.timezone),
    hostUserId: hydraId('PEOPLE', m.hostUserId),
    hostDisplayName: m.hostDisplayName,
    hostEmail: m.hostEmail,
    hostKey: m.hostKey,
    siteUrl: m.siteUrl,
    webLink: m.webLink,
    sipAddress: m.sipAddress,
    dialInIpAddress: '192.0.2.10',
    ...(m.roomId ? { roomId: m.roomId } : {}),
    enabledAutoRecordMeeting: m.enabledAutoRecordMeeting,
    allowAnyUserToBeCoHost: false,
    enabledJoinBeforeHost: m.enabledJoinBeforeHost,
    enableConnectAudioBeforeHost: false,
    joinBeforeHostMinutes: m.joinBeforeHostMinutes,
    excludePassword: false,
    publicMeeting: false,
    enableAutomaticLock: false,
    unlockedMeetingJoinSecurity: m.unlockedMeetingJoinSecurity,
    scheduledType: 'meeting' as const,
    // Breakout sessions are not simulated.
    enabledBreakoutSessions: false,
    telephony: {
      accessCode: m.meetingNumber,
      callInNumbers: CALL_IN_NUMBERS,
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

/**
 * One item of `GET /v1/meetings`, seen as `type` (`MeetingListItem` of
 * `@g2g/webex-spec/rest`). The simulator's series have one occurrence and one
 * instance at a time, all under the series id.
 */
export function meetingListItem(world: World, m: Meeting, type: MeetingType, state: MeetingState) {
  return {
    ...meetingView(world, m),
    meetingType: type,
    state,
    // The spec requires it on every item; a series names itself.
    meetingSeriesId: m.id,
    ...(type === 'meeting' ? { scheduledMeetingId: m.id } : {}),
    ...(type === 'scheduledMeeting' ? { isModified: false } : {}),
  };
}

// 555-01xx numbers are reserved for fiction: nobody real gets dialled.
export const CALL_IN_NUMBERS = [
  { label: 'United States Toll', callInNumber: '+1-555-010-0100', tollType: 'toll' as const },
  {
    label: 'United States Toll Free',
    callInNumber: '+1-555-010-0199',
    tollType: 'tollFree' as const,
  },
];

/** Video systems dial a digits-only password derived from the real one. */
function numericPassword(password: string): string {
  let out = '';
  for (const ch of password) out += String(ch.charCodeAt(0) % 10);
  return out.slice(0, 8);
}
