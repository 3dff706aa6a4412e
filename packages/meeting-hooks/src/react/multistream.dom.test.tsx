import { memo } from 'react';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JoinSession } from '../core';
import { MEETING_NUMBER, setup, until } from '../test-support';
import { stubMediaStream, type FakeScenario } from '../testing';
import { JoinSessionProvider } from './context';
import { useMultistream, useVideoPane } from './hooks';

afterEach(cleanup);
// jsdom has no MediaStream: the testing entry's stand-in holds the meeting's remote audio tracks.
let unstub: () => void = () => {};
beforeEach(() => {
  unstub = stubMediaStream();
  return () => unstub();
});

const PEOPLE = [
  { id: 'p-ada', name: 'Ada' },
  { id: 'p-bob', name: 'Bob' },
  { id: 'p-cy', name: 'Cy', videoMuted: true },
];

async function joined(scenario: FakeScenario = {}, options: { multistream?: boolean } = {}) {
  const { fake, client } = setup({ meeting: { participants: PEOPLE }, ...scenario });
  const session = client.join(MEETING_NUMBER, { displayName: 'Dee', media: true, ...options });
  await until(session, 'joined');
  await expect.poll(() => session.localMedia.getSnapshot().connection).toBe('connected');
  return { fake, session };
}

const filled = (s: JoinSession) => s.multistream.getSnapshot().panes.filter((p) => p.memberId);

describe('multistream (3.x)', () => {
  it('joins with enableMultistream by default and gives a pane per participant', async () => {
    const { fake, session } = await joined();
    expect(fake.joinArgs[0]).toMatchObject({ enableMultistream: true });
    const ms = session.multistream.getSnapshot();
    expect(ms.mode).toBe('multistream');
    expect(ms.layout).toBe('grid');
    expect(ms.panes).toHaveLength(9); // AllEqual
    expect(filled(session).map((p) => [p.memberId, p.sourceState])).toEqual([
      ['p-ada', 'live'],
      ['p-bob', 'live'],
      ['p-cy', 'avoided'], // camera off: Webex sends `avatar`
    ]);
    expect(ms.audio?.getAudioTracks()).toHaveLength(3); // one renderer for the meeting
  });

  it('a camera turned off shows as avoided on that pane only', async () => {
    const { fake, session } = await joined();
    const before = session.multistream.getSnapshot().panes;
    act(() => fake.updateParticipant('p-bob', { videoMuted: true }));
    const after = session.multistream.getSnapshot().panes;
    expect(after.find((p) => p.memberId === 'p-bob')?.sourceState).toBe('avoided');
    expect(after.filter((p, i) => p !== before[i]).map((p) => p.memberId)).toEqual(['p-bob']);
  });

  it('says who speaks, switches to the share layout for a share and back', async () => {
    const { fake, session } = await joined();
    // A speaker named by both their audio and their video CSI counts once.
    fake.speak(['p-bob', 'p-bob']);
    const ms = session.multistream.getSnapshot();
    expect(ms.activeSpeakerIds).toEqual(['p-bob']);
    expect(ms.panes.find((p) => p.memberId === 'p-bob')?.speaking).toBe(true);
    await session.multistream.setLayout('stage');
    await expect.poll(() => session.multistream.getSnapshot().layout).toBe('stage');
    fake.remoteShare('p-ada');
    await expect.poll(() => session.multistream.getSnapshot().layout).toBe('share');
    expect(session.multistream.getSnapshot().share).toMatchObject({ sharerId: 'p-ada' });
    expect(session.multistream.getSnapshot().share?.stream).toBeTruthy();
    fake.remoteShare(null);
    await expect.poll(() => session.multistream.getSnapshot().layout).toBe('stage');
    expect(session.multistream.getSnapshot().share).toBeNull();
  });

  it('pins and unpins a participant', async () => {
    const { session } = await joined();
    await session.multistream.pin('p-cy');
    const ms = session.multistream.getSnapshot();
    expect(ms.pinnedId).toBe('p-cy');
    expect(ms.panes.filter((p) => p.pinned).map((p) => p.memberId)).toEqual(['p-cy']);
    await session.multistream.unpin();
    expect(session.multistream.getSnapshot().panes.some((p) => p.pinned)).toBe(false);
  });

  it('falls back to transcoded when the media server refuses multistream', async () => {
    const { fake, session } = await joined({ multistream: false });
    expect(fake.joinArgs[0]).toMatchObject({ enableMultistream: true });
    expect(session.multistream.getSnapshot()).toMatchObject({ mode: 'transcoded', panes: [] });
  });

  it('stays transcoded when the option is off, and on webex@2.60.4', async () => {
    const off = await joined({}, { multistream: false });
    expect(off.fake.joinArgs[0]).not.toHaveProperty('enableMultistream');
    expect(off.session.multistream.getSnapshot().mode).toBe('transcoded');
    const legacy = await joined({ sdkVersion: '2.60.4' });
    expect(legacy.fake.joinArgs[0]).not.toHaveProperty('enableMultistream');
    expect(legacy.session.multistream.getSnapshot().mode).toBe('transcoded');
  });

  it('render count: 100 source updates on one pane re-render 0 other tiles', async () => {
    const { fake, session } = await joined();
    const renders = new Map<string, number>();
    const Tile = memo(function Tile({ id }: { id: string }) {
      const pane = useVideoPane(id);
      renders.set(id, (renders.get(id) ?? 0) + 1);
      return <div data-testid={id}>{pane?.sourceState}</div>;
    });
    function Grid() {
      const { state: ids } = useMultistream({ select: (s) => s.panes.map((p) => p.id) });
      return ids.map((id) => <Tile key={id} id={id} />);
    }
    render(
      <JoinSessionProvider session={session}>
        <Grid />
      </JoinSessionProvider>,
    );
    const bob = session.multistream.getSnapshot().panes.find((p) => p.memberId === 'p-bob')!.id;
    const before = new Map(renders);
    act(() => {
      for (let i = 0; i < 100; i++)
        fake.setPaneSource('p-bob', i % 2 ? 'live' : 'bandwidth disabled');
    });
    const after = new Map(renders);
    const others = [...after].filter(([id, n]) => id !== bob && n !== before.get(id));
    expect(others).toEqual([]);
    expect(after.get(bob)).toBeGreaterThan(before.get(bob)!);
    // And outside one batch: every update renders Bob's tile alone.
    for (let i = 0; i < 100; i++)
      act(() => fake.setPaneSource('p-bob', i % 2 ? 'live' : 'bandwidth disabled'));
    expect([...renders].filter(([id, n]) => id !== bob && n !== before.get(id))).toEqual([]);
    expect(renders.get(bob)).toBeGreaterThanOrEqual(before.get(bob)! + 100);
  });
});
