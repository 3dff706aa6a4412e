// The tiles on the real webex@3 in multistream, in Chromium against the
// simulator's relay: a guest's GuestJoin shows a tile per person (not the one
// composed "Video of the others"), the host's tile plays the host's fake
// camera with frames that advance, and the host turning the camera off shows
// "camera off" on that tile (Locus's video mute, as the roster has it), then
// live again. Two SDK instances in one page: each is its own participant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { userEvent } from 'vitest/browser';
import type { JoinSession } from '@g2g/meeting-hooks';
import { startBrowserSim, type BrowserSim } from '@g2g/webex-sim/testing/browser';
import { provision, simClients, type SimMeeting } from '../test-support/sim';
import { checkState } from '../test-support/quality';
import { GuestJoin } from '../index';

let sim: BrowserSim;
let kit: Awaited<ReturnType<typeof provision>>;
let clients: ReturnType<typeof simClients>;
// Bounds on a hang, not on speed: the first connect imports the 5 MB SDK (20 s+ under load).
const SLOW = { timeout: 180_000, interval: 250 };

beforeAll(async () => {
  sim = await startBrowserSim({ seed: 'meeting-ui-tiles-real-sdk' });
  await sim.configure({ multistream: true });
  kit = await provision(sim);
  clients = simClients(sim);
}, 120_000);
afterAll(async () => {
  await clients?.disposeAll();
  await sim?.close();
});

/** Frames a <video> presents in 1.5 s (requestVideoFrameCallback), and its width. */
function framesOf(video: HTMLVideoElement): Promise<{ frames: number; width: number }> {
  return new Promise((resolve) => {
    let frames = 0;
    const tick = () => {
      frames++;
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
    setTimeout(() => resolve({ frames, width: video.videoWidth }), 1500);
  });
}

/** The tile of the participant named `name` (its accessible name starts with it). */
const tileOf = (name: string) =>
  [...document.querySelectorAll<HTMLElement>('figure.g2g-vtile')].find((f) =>
    f.getAttribute('aria-label')?.startsWith(name),
  );

describe('VideoTiles in GuestJoin, real webex@3 multistream', () => {
  let meeting: SimMeeting;
  let host: JoinSession;

  beforeAll(async () => {
    meeting = await kit.meeting({
      title: 'Tiles',
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: true,
    });
    host = clients.make(await kit.guest('tiles-host', 'Dr Ada Host')).join(meeting.meetingNumber, {
      displayName: 'Dr Ada Host',
      hostKey: meeting.hostKey,
    });
    await waitFor(() => {
      const st = host.getSnapshot();
      if (st.status === 'failed') throw new Error(`the host failed: ${st.error.code}`);
      expect(st.status).toBe('joined');
    }, SLOW);
    // The host's camera on, the microphone muted (the fake one beeps).
    expect(await host.localMedia.start('microphone')).toBeNull();
    expect(await host.localMedia.setMuted('microphone', true)).toBeNull();
    expect(await host.localMedia.start('camera')).toBeNull();
    expect(await host.localMedia.connect()).toBeNull();
  }, 400_000);

  it('a tile per person; the host’s plays; camera off on that tile, then live again', async () => {
    const guest = clients.make(await kit.guest('tiles-guest', 'Pat Guest'));
    const { container } = render(
      <GuestJoin client={guest} destination={meeting.meetingNumber} password={meeting.password} />,
    );
    await screen.findByRole('heading', { name: 'Ready to join?' }, SLOW);
    await userEvent.click(screen.getByRole('button', { name: 'Join meeting' }));

    // Multistream: the tiles, not the composed box.
    await waitFor(() => expect(tileOf('Dr Ada Host')).toBeTruthy(), SLOW);
    expect(screen.queryByLabelText('Video of the others')).toBeNull();
    expect(tileOf('Pat Guest (you)')?.dataset.g2gSelf).toBe('true');

    // The host's tile is live and its frames advance.
    await waitFor(async () => {
      const tile = tileOf('Dr Ada Host')!;
      expect(tile.dataset.g2gState).toBe('live');
      const video = tile.querySelector('video');
      expect(video).not.toBeNull();
      const seen = await framesOf(video!);
      expect(seen.frames).toBeGreaterThan(2);
      expect(seen.width).toBeGreaterThan(0);
    }, SLOW);
    await checkState('tiles-real-sdk-live', container);

    // The host turns the camera off: "camera off" on the host's tile.
    expect(await host.localMedia.setMuted('camera', true)).toBeNull();
    await waitFor(() => {
      const tile = tileOf('Dr Ada Host')!;
      expect(tile.dataset.g2gState).toBe('camera-off');
      expect(tile.getAttribute('aria-label')).toContain('camera off');
      expect(tile.querySelector('video')).toBeNull();
    }, SLOW);
    await checkState('tiles-real-sdk-camera-off', container);

    // And on again: live, frames advancing.
    expect(await host.localMedia.setMuted('camera', false)).toBeNull();
    await waitFor(async () => {
      const tile = tileOf('Dr Ada Host')!;
      expect(tile.dataset.g2gState).toBe('live');
      const seen = await framesOf(tile.querySelector('video')!);
      expect(seen.frames).toBeGreaterThan(2);
    }, SLOW);
  }, 600_000);
});
