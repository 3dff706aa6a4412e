/**
 * The Mercury `eventType`s of Locus pushes. Both SDK versions
 * (`locus-info/index.js#parse`, 2.60.4 and 3.x) read every one of these as
 * a full Locus DTO; `locus.difference` would be a delta (with a
 * `baseSequence`), which the simulator only answers on a sync request.
 */
export const LOCUS_EVENT = {
  participantJoined: 'locus.participant_joined',
  participantLeft: 'locus.participant_left',
  participantUpdated: 'locus.participant_updated',
  participantControlsUpdated: 'locus.participant_controls_updated',
  participantAudioMuted: 'locus.participant_audio_muted',
  participantAudioUnmuted: 'locus.participant_audio_unmuted',
  participantVideoMuted: 'locus.participant_video_muted',
  participantVideoUnmuted: 'locus.participant_video_unmuted',
  controlsUpdated: 'locus.controls_updated',
  floorGranted: 'locus.floor_granted',
  floorReleased: 'locus.floor_released',
} as const;

export type LocusEventType = (typeof LOCUS_EVENT)[keyof typeof LOCUS_EVENT];
