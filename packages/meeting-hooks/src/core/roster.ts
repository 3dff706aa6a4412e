import type { SdkMember } from './sdk-types';
import type { Participant, RosterSnapshot } from './state';

/**
 * The roster before anyone is known.
 * @public
 */
export const EMPTY_ROSTER: RosterSnapshot = Object.freeze({
  participants: Object.freeze([]),
  self: null,
});

const KEYS = ['id', 'name', 'isHost', 'isSelf', 'inLobby', 'audioMuted', 'videoMuted'] as const;

/** An immutable snapshot of one SDK member, or `prev` itself when nothing changed. */
export function toParticipant(member: SdkMember, prev?: Participant): Participant {
  const next: Participant = {
    id: member.id,
    name: member.name ?? '',
    isHost: !!(member.isHost || member.isModerator),
    isSelf: !!member.isSelf,
    inLobby: !!member.isInLobby || member.status === 'IN_LOBBY',
    audioMuted: !!member.isAudioMuted,
    videoMuted: !!member.isVideoMuted,
  };
  return prev && KEYS.every((k) => prev[k] === next[k]) ? prev : Object.freeze(next);
}

/**
 * Rebuilds the roster from the SDK's full member list (re-read on every
 * event, never patched from deltas). People who left and paired devices are
 * left out. Unchanged participants, the array and the snapshot itself keep
 * their identity, so a consumer re-renders only when something it shows changed.
 */
export function buildRoster(
  members: Record<string, SdkMember> | undefined,
  prev: RosterSnapshot,
): RosterSnapshot {
  const byId = new Map(prev.participants.map((p) => [p.id, p]));
  const participants: Participant[] = [];
  for (const member of Object.values(members ?? {})) {
    if (!member?.id || member.isDevice || member.status === 'NOT_IN_MEETING') continue;
    participants.push(toParticipant(member, byId.get(member.id)));
  }
  const same =
    participants.length === prev.participants.length &&
    participants.every((p, i) => p === prev.participants[i]);
  if (same) return prev;
  return Object.freeze({
    participants: Object.freeze(participants),
    self: participants.find((p) => p.isSelf) ?? null,
  });
}
