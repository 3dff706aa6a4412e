import { describe, expect, it } from 'vitest';
import { JoinError, type JoinState } from '@g2g/meeting-hooks';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { announcement, stepOf } from './steps';

const d = { type: 'MEETING_ID', value: '25166661234' } as const;
const asking = (over: Partial<Extract<JoinState, { status: 'password-required' }>> = {}) =>
  ({
    status: 'password-required',
    destination: d,
    lastAttemptFailed: false,
    failureReason: null,
    captcha: { required: false, imageUrl: null, audioUrl: null },
    ...over,
  }) as JoinState;

describe('stepOf', () => {
  it('maps every join state to a screen', () => {
    expect(stepOf({ status: 'idle' }, false)).toBe('progress');
    expect(stepOf({ status: 'connecting', destination: d }, false)).toBe('progress');
    expect(stepOf({ status: 'joining', destination: d, asHost: false }, false)).toBe('progress');
    expect(stepOf(asking(), false)).toBe('password');
    expect(stepOf(asking(), true)).toBe('host-key');
    const captcha = { required: true, imageUrl: 'i', audioUrl: 'a' };
    expect(stepOf(asking({ captcha }), false)).toBe('captcha');
    expect(
      stepOf({ status: 'lobby', destination: d, title: null, meetingNumber: null }, false),
    ).toBe('lobby');
    const inMeeting = { destination: d, title: null, meetingNumber: null, self: null, isHost: false };
    expect(stepOf({ status: 'joined', ...inMeeting }, false)).toBe('joined');
    // Reconnecting is still the meeting (under a banner), not a progress screen.
    expect(stepOf({ status: 'reconnecting', ...inMeeting, lost: ['signalling'] }, false)).toBe(
      'joined',
    );
    expect(stepOf({ status: 'left', reason: 'ended' }, false)).toBe('left');
    expect(stepOf({ status: 'failed', error: new JoinError('network', 'x') }, false)).toBe('error');
  });
});

describe('announcement', () => {
  it('says what changed, in the chosen language', () => {
    const wrong = asking({ lastAttemptFailed: true, failureReason: 'wrong-password' });
    expect(announcement(en, wrong, 'password')).toBe(en.wrongPassword);
    expect(announcement(fr, wrong, 'password')).toBe(fr.wrongPassword);
    expect(announcement(en, { status: 'left', reason: 'removed' }, 'left')).toBe(en.leftRemoved);
    const failed = { status: 'failed', error: new JoinError('license-exceeded', 'x') } as const;
    expect(announcement(en, failed, 'error')).toBe(en.errors['license-exceeded']);
  });
});

describe('locales', () => {
  it('French covers every message English has', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(fr.errors).sort()).toEqual(Object.keys(en.errors).sort());
  });
});
