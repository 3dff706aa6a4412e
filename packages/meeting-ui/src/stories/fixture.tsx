// The session fixture decorator: each story shows one part in one state by
// setting a fixture session's stores directly (no join is driven).
import { useState } from 'react';
import type { Decorator } from '@storybook/react-vite';
import type { JoinState } from '@g2g/meeting-hooks';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import { createSessionFixture, type SessionFixtureInit } from '@g2g/meeting-hooks/testing';
import { MeetingUiRoot } from '../theme/Root';

export const DESTINATION = { type: 'MEETING_ID', value: '25166661234' } as const;

export const JOINED: JoinState = {
  status: 'joined',
  destination: DESTINATION,
  title: 'Knee follow-up',
  meetingNumber: '25166661234',
  self: null,
  isHost: false,
};

export const PEOPLE = [
  { id: 'me', name: 'Ada Guest', isSelf: true },
  { id: 'dr', name: 'Dr Jones', isHost: true },
];

/** A moving test pattern, so video parts show a picture (Chromium only). */
export function testPattern(hue = 210): MediaStream | null {
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const ctx = canvas.getContext('2d');
  if (!ctx || !canvas.captureStream) return null;
  let frame = 0;
  const draw = () => {
    ctx.fillStyle = `hsl(${hue} 45% 35%)`;
    ctx.fillRect(0, 0, 320, 180);
    ctx.fillStyle = '#fff';
    ctx.beginPath();
    ctx.arc(160 + 60 * Math.sin(frame / 20), 90, 30, 0, 2 * Math.PI);
    ctx.fill();
    frame++;
  };
  draw();
  const timer = setInterval(draw, 100);
  const stream = canvas.captureStream(10);
  stream.getTracks()[0]?.addEventListener('ended', () => clearInterval(timer));
  return stream;
}

/** Wraps the story in a fixture session built from `init` (a function runs in the browser). */
export const withSession =
  (init: SessionFixtureInit | (() => SessionFixtureInit)): Decorator =>
  (Story) => {
    const [session] = useState(() =>
      createSessionFixture(typeof init === 'function' ? init() : init),
    );
    return (
      <MeetingUiRoot label="Story">
        <JoinSessionProvider session={session}>
          <Story />
        </JoinSessionProvider>
      </MeetingUiRoot>
    );
  };
