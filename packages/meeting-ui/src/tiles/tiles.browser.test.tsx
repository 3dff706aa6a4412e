// The video tiles in real Chromium on the hooks' fake multistream meeting
// (canvas pictures): grid, stage and share, on a desktop and a phone, each
// axe-clean and kept as a screenshot (test-results/meeting-ui/tiles-*.png).
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { page, userEvent } from 'vitest/browser';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import { checkState } from '../test-support/quality';
import { MeetingUiRoot } from '../theme/Root';
import { browserStreams, joinFakeMeeting, people, type FakeMeeting } from './fake-meeting';
import { VideoTiles } from './index';

let meeting: FakeMeeting | undefined;
afterEach(async () => {
  cleanup();
  await meeting?.client.dispose();
  meeting = undefined;
});
const SLOW = { timeout: 60_000 };

const playing = () =>
  waitFor(() => {
    const videos = [...document.querySelectorAll('video')];
    expect(videos.length).toBeGreaterThan(0);
    expect(videos.every((v) => v.readyState >= 2)).toBe(true);
  }, SLOW);
const layoutIs = (layout: string) =>
  waitFor(
    () => expect(document.querySelector<HTMLElement>('.g2g-tiles')!.dataset.g2gLayout).toBe(layout),
    SLOW,
  );

describe.each([
  ['desktop', 1280, 800],
  ['phone', 375, 667],
])('VideoTiles on a %s', (device, width, height) => {
  it('grid, stage and share: axe-clean, with pictures', async () => {
    await page.viewport(width, height);
    const list = people(7);
    list[2]!.audioMuted = true;
    list[3]!.videoMuted = true;
    meeting = await joinFakeMeeting({ participants: list, remoteStream: browserStreams() });
    const { fake, session } = meeting;
    fake.setPaneSource('p5', 'bandwidth disabled');
    const { container } = render(
      <MeetingUiRoot label="Meeting">
        <JoinSessionProvider session={session}>
          <VideoTiles />
        </JoinSessionProvider>
      </MeetingUiRoot>,
    );
    const root = container.firstElementChild!;
    act(() => fake.speak(['p2']));
    await screen.findByRole('figure', { name: 'Bob Marley, speaking' }, SLOW);
    await playing();
    if (device === 'phone') expect(screen.getByText('Page 1 of 2')).toBeTruthy();
    await checkState(`tiles-grid-${device}`, root);

    await userEvent.click(screen.getByRole('button', { name: 'Speaker' }));
    await layoutIs('stage');
    await playing();
    expect(
      root.querySelector('.g2g-tiles__main [aria-label="Bob Marley, speaking"]'),
    ).not.toBeNull();
    await checkState(`tiles-stage-${device}`, root);

    act(() => fake.remoteShare('p1'));
    await layoutIs('share');
    await screen.findByRole('figure', { name: 'Screen shared by Ada Lovelace' }, SLOW);
    await playing();
    await checkState(`tiles-share-${device}`, root);
  });
});
