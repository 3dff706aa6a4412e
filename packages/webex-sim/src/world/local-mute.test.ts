import { describe, expect, it } from 'vitest';
import { LOCUS_EVENT } from './locus-events';
import type { Participant } from './types';
import { World } from './world';

const fresh = () => ({ id: 'p1' }) as Participant;

describe('a participant’s own mute (meetings.setLocalMute)', () => {
  const meetings = new World('local-mute').meetings;

  it('the first media request only sets the state: nobody muted anything yet', () => {
    const p = fresh();
    expect(meetings.setLocalMute(p, { audioMuted: true, videoMuted: false })).toBe(
      LOCUS_EVENT.participantUpdated,
    );
    expect([p.audioMuted, p.videoMuted]).toEqual([true, false]);
  });

  it('then each change is its own event, and a repeat is none', () => {
    const p = fresh();
    meetings.setLocalMute(p, { audioMuted: false, videoMuted: false });
    expect(meetings.setLocalMute(p, { audioMuted: true })).toBe(LOCUS_EVENT.participantAudioMuted);
    expect(meetings.setLocalMute(p, { audioMuted: true })).toBeUndefined();
    expect(meetings.setLocalMute(p, { audioMuted: false })).toBe(
      LOCUS_EVENT.participantAudioUnmuted,
    );
    expect(meetings.setLocalMute(p, { videoMuted: true })).toBe(LOCUS_EVENT.participantVideoMuted);
    expect(meetings.setLocalMute(p, { videoMuted: false })).toBe(
      LOCUS_EVENT.participantVideoUnmuted,
    );
    expect(meetings.setLocalMute(p, {})).toBeUndefined();
  });

  it('a request without a mute state leaves both unmuted, once', () => {
    const p = fresh();
    expect(meetings.setLocalMute(p, {})).toBe(LOCUS_EVENT.participantUpdated);
    expect([p.audioMuted, p.videoMuted]).toEqual([false, false]);
    expect(meetings.setLocalMute(p, {})).toBeUndefined();
  });
});
