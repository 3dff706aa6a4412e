import { hydraId } from '../ids';
import type { Meeting, Participant } from '../world/types';
import type { WorldContext } from '../world/context';
import type { Identity } from '../world/identity';

/**
 * `meetingParticipants` webhooks: `joined` when someone enters the meeting or
 * its lobby, again when a lobby waiter is let in, and `left` when they leave
 * or the meeting ends. The data is the REST `Participant` object of the
 * public OpenAPI spec (`state` `lobby | joined | end`, `joinedTime`,
 * `leftTime`, `meetingId`, …).
 *
 * Note for whoever works on the simulator next: which events Webex fires on
 * lobby admission is not documented [inferred]: we send `joined` twice
 * (`state: 'lobby'`, then `state: 'joined'`), which is what a receiver keyed
 * on the participant `id` needs to tell waiting from in. Call
 * {@link emitParticipantEvent} wherever a Locus participant changes between
 * lobby, joined and left (join, admit, leave, end, replaced device).
 */
export function emitParticipantEvent(
  world: WorldContext & { readonly identity: Identity },
  meeting: Meeting,
  p: Participant,
  event: 'joined' | 'left',
): void {
  const person = world.identity.person(p.personId);
  const iso = (t: number | undefined) => world.clock.iso(t ?? 0);
  world.emit({
    type: 'webhook',
    resource: 'meetingParticipants',
    event,
    orgId: meeting.orgId,
    ...(meeting.appClientId ? { appClientId: meeting.appClientId } : {}),
    actorId: p.personId,
    data: {
      id: `${meeting.id}_${p.id}`,
      orgId: hydraId('ORGANIZATION', meeting.orgId),
      host: p.isHost,
      coHost: false,
      email: person?.emails[0] ?? '',
      displayName: p.name,
      invitee: false,
      muted: p.audioMuted === true || p.remoteAudioMuted,
      video: p.videoMuted === true || p.remoteVideoMuted ? 'off' : 'on',
      state: event === 'left' ? 'end' : p.inLobby ? 'lobby' : 'joined',
      meetingStartTime: iso(meeting.locus?.startedAt ?? world.now()),
      joinedTime: event === 'joined' ? iso(world.now()) : iso(p.joinedAt),
      // Webex writes the epoch for "not yet".
      leftTime: event === 'left' ? iso(p.leftAt ?? world.now()) : iso(0),
      siteUrl: meeting.siteUrl,
      meetingId: meeting.id,
      hostEmail: meeting.hostEmail,
      devices: [],
    },
  });
}
