// Render count: 100 source updates on one pane re-render no other tile. The
// real VideoTiles renders the real VideoTile, wrapped (same memo) to count
// how often each tile's body runs.
import { memo, type ReactNode } from 'react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import { stubMediaStream } from '@g2g/meeting-hooks/testing';
import type * as TileModule from './VideoTile';
import type { VideoTileProps } from './VideoTile';

const renders = vi.hoisted(() => new Map<string, number>());
vi.mock('./VideoTile', async (importOriginal) => {
  const mod = await importOriginal<typeof TileModule>();
  // The memo's inner function: called from the wrapper, its hooks are the wrapper's.
  const body = (mod.VideoTile as unknown as { type: (p: VideoTileProps) => ReactNode }).type;
  return {
    ...mod,
    VideoTile: memo(function CountedTile(props: VideoTileProps) {
      const key = props.memberId ?? 'self';
      renders.set(key, (renders.get(key) ?? 0) + 1);
      return body(props);
    }),
  };
});

const { joinFakeMeeting, people } = await import('./fake-meeting');
const { VideoTiles } = await import('./VideoTiles');

let stop: (() => Promise<void>) | undefined;
// jsdom has no MediaStream: the testing entry's stand-in holds the meeting's remote audio tracks.
let unstub: () => void = () => {};
beforeEach(() => {
  unstub = stubMediaStream();
});
afterEach(async () => {
  cleanup();
  await stop?.();
  unstub();
});

it('100 source updates on one pane re-render 0 other tiles', async () => {
  const { fake, client, session } = await joinFakeMeeting({ participants: people(8) });
  stop = () => client.dispose();
  render(
    <JoinSessionProvider session={session}>
      <VideoTiles />
    </JoinSessionProvider>,
  );
  const bob = 'p2';
  const tiles = document.querySelectorAll('figure.g2g-vtile');
  expect(tiles).toHaveLength(9); // 8 others and self
  expect([...renders.keys()].sort()).toEqual([...people(8).map((p) => p.id), 'self'].sort());
  const before = new Map(renders);
  const flip = (i: number) => fake.setPaneSource(bob, i % 2 ? 'live' : 'bandwidth disabled');

  // One batch of 100, then 100 separate updates (each its own commit).
  act(() => {
    for (let i = 0; i < 100; i++) flip(i);
  });
  for (let i = 0; i < 100; i++) act(() => flip(i));

  const others = [...renders].filter(([id, n]) => id !== bob && n !== before.get(id));
  expect(others).toEqual([]);
  const bobRenders = renders.get(bob)! - before.get(bob)!;
  expect(bobRenders).toBeGreaterThanOrEqual(100);
  // The result, printed for the report: other tiles re-rendered, Bob's renders.
  console.info(`render-count: other tiles re-rendered 0 of ${renders.size - 1}; Bob ${bobRenders}`);
  expect(document.querySelector('[data-g2g-state="bandwidth-limited"]')).toBeNull(); // ended on live
});
