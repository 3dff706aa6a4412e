import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import {
  createSessionFixture,
  stubMediaStream,
  type FakeParticipant,
} from '@g2g/meeting-hooks/testing';
import { AudioRenderer } from '../media/AudioRenderer';
import { MessagesProvider } from '../i18n/context';
import { fr } from '../i18n/fr';
import { joinFakeMeeting, people, type FakeMeeting } from './fake-meeting';
import { arrange, initials, perPage } from './layout';
import { VideoTile, VideoTiles } from './index';

let meeting: FakeMeeting | undefined;
// jsdom has no MediaStream: the testing entry's stand-in holds the meeting's remote audio tracks.
let unstub: () => void = () => {};
beforeEach(() => {
  unstub = stubMediaStream();
});
afterEach(async () => {
  cleanup();
  await meeting?.client.dispose();
  meeting = undefined;
  unstub();
  vi.unstubAllGlobals();
});

const PEOPLE: FakeParticipant[] = [
  { id: 'p-ada', name: 'Ada Lovelace' },
  { id: 'p-bob', name: 'Bob' },
  { id: 'p-cy', name: 'Cy Twombly', videoMuted: true },
];

async function mount(participants = PEOPLE, ui = <VideoTiles />) {
  meeting = await joinFakeMeeting({ participants });
  const { session } = meeting;
  const view = render(<JoinSessionProvider session={session}>{ui}</JoinSessionProvider>);
  return { ...meeting, ...view };
}
const tile = (name: string | RegExp) => screen.getByRole('figure', { name });
const tileNames = (root: HTMLElement = document.body) =>
  within(root)
    .queryAllByRole('figure')
    .map((f) => f.getAttribute('aria-label'));

describe('VideoTile', () => {
  it('names every tile: who, muted, camera off; self last', async () => {
    await mount([...PEOPLE, { id: 'p-di', name: 'Di', audioMuted: true }]);
    expect(tileNames()).toEqual([
      'Ada Lovelace',
      'Bob',
      'Cy Twombly, camera off',
      'Di, muted',
      'Dee (you), muted, camera off',
    ]);
    const cy = tile(/^Cy Twombly/);
    expect(cy.dataset).toMatchObject({ g2gState: 'camera-off', g2gSelf: 'false' });
    expect(within(cy).getByText('CT')).toBeTruthy(); // initials
    expect(within(cy).getByText('camera off')).toBeTruthy();
    expect(tile('Ada Lovelace').querySelector('video')).not.toBeNull();
    // The name is cut by CSS; the whole name stays in the title and the tile's name.
    expect(within(tile('Ada Lovelace')).getByTitle('Ada Lovelace')).toBeTruthy();
    expect(tile('Di, muted').querySelector('svg.g2g-vtile__icon')).not.toBeNull();
  });

  it('shows each source state with a text, and the speaking ring', async () => {
    const { fake } = await mount();
    act(() => fake.setPaneSource('p-bob', 'bandwidth disabled'));
    const bob = tile(/^Bob/);
    expect(bob.getAttribute('aria-label')).toBe('Bob, video paused: low bandwidth');
    expect(bob.dataset.g2gState).toBe('bandwidth-limited');
    expect(within(bob).getByText('video paused: low bandwidth')).toBeTruthy();
    act(() => fake.setPaneSource('p-bob', 'no source'));
    expect(tile(/^Bob/).getAttribute('aria-label')).toBe('Bob, no video');
    act(() => fake.setPaneSource('p-bob', 'policy violation'));
    expect(tile(/^Bob/).getAttribute('aria-label')).toBe('Bob, video unavailable');
    act(() => fake.setPaneSource('p-bob', undefined));
    expect(tile(/^Bob/).dataset.g2gState).toBe('live');
    act(() => fake.speak(['p-bob']));
    expect(tile(/^Bob/).getAttribute('aria-label')).toBe('Bob, speaking');
    expect(tile(/^Bob/).dataset.g2gSpeaking).toBe('true');
    act(() => fake.updateParticipant('p-bob', { audioMuted: true }));
    expect(tile(/^Bob/).getAttribute('aria-label')).toBe('Bob, muted, speaking');
  });

  it('a single tile works on its own, with a pin switch (aria-pressed)', async () => {
    const { session } = await mount(PEOPLE, <VideoTile memberId="p-ada" />);
    const pin = screen.getByRole('button', { name: 'Pin Ada Lovelace' });
    expect(pin.getAttribute('aria-pressed')).toBe('false');
    await act(async () => fireEvent.click(pin));
    expect(session.multistream.getSnapshot().pinnedId).toBe('p-ada');
    expect(pin.getAttribute('aria-pressed')).toBe('true');
    expect(tile(/^Ada/).getAttribute('aria-label')).toBe('Ada Lovelace, pinned');
    await act(async () => fireEvent.click(pin));
    expect(session.multistream.getSnapshot().pinnedId).toBeNull();
    expect(pin.getAttribute('aria-pressed')).toBe('false');
  });
});

describe('VideoTiles', () => {
  it('grid by default; pinning puts the pinned participant on the stage, big', async () => {
    const { session, container } = await mount();
    const root = container.querySelector<HTMLElement>('.g2g-tiles')!;
    expect(root.dataset.g2gLayout).toBe('grid');
    expect(container.querySelector('.g2g-tiles__main')).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Pin Bob' })));
    expect(session.multistream.getSnapshot()).toMatchObject({ pinnedId: 'p-bob', layout: 'stage' });
    expect(root.dataset.g2gLayout).toBe('stage');
    const main = container.querySelector<HTMLElement>('.g2g-tiles__main')!;
    expect(tileNames(main)).toEqual(['Bob, pinned']);
    expect(tileNames(screen.getByRole('list', { name: 'Participants’ video' }))).toEqual([
      'Ada Lovelace',
      'Cy Twombly, camera off',
      'Dee (you), muted, camera off',
    ]);
    // Unpinned, the stage shows the loudest speaker.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Pin Bob' })));
    act(() => session.multistream.getSnapshot() && meeting!.fake.speak(['p-ada']));
    expect(tileNames(container.querySelector<HTMLElement>('.g2g-tiles__main')!)).toEqual([
      'Ada Lovelace, speaking',
    ]);
  });

  it('switches to the share layout while someone shares, and back; the layout buttons choose', async () => {
    const { fake, container } = await mount();
    const root = container.querySelector<HTMLElement>('.g2g-tiles')!;
    const layouts = screen.getByRole('group', { name: 'Layout' });
    expect(
      within(layouts)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Grid', 'Speaker']);
    await act(async () => fake.remoteShare('p-ada'));
    await vi.waitFor(() => expect(root.dataset.g2gLayout).toBe('share'));
    const share = screen.getByRole('figure', { name: 'Screen shared by Ada Lovelace' });
    expect(share.querySelector('video')).not.toBeNull();
    expect(
      within(layouts).getByRole('button', { name: 'Shared screen' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(screen.getByRole('list').dataset.g2gArea).toBe('strip');
    await act(async () => fake.remoteShare(null));
    await vi.waitFor(() => expect(root.dataset.g2gLayout).toBe('grid'));
    expect(screen.queryByRole('figure', { name: /Screen shared/ })).toBeNull();
    await act(async () =>
      fireEvent.click(within(layouts).getByRole('button', { name: 'Speaker' })),
    );
    await vi.waitFor(() => expect(root.dataset.g2gLayout).toBe('stage'));
    expect(
      within(layouts).getByRole('button', { name: 'Speaker' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('pages past 9 tiles, with labelled previous and next buttons and "page x of y"', async () => {
    await mount(people(12));
    // 12 others + self; Webex's grid sends 9 panes: those with video come first.
    expect(tileNames()).toHaveLength(9);
    expect(tileNames().every((n) => !n!.includes('no video'))).toBe(true);
    expect(screen.getByText('Page 1 of 2')).toBeTruthy();
    const prev = screen.getByRole('button', { name: 'Previous participants' });
    const next = screen.getByRole('button', { name: 'Next participants' });
    expect(prev.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(next);
    expect(screen.getByText('Page 2 of 2')).toBeTruthy();
    expect(tileNames()).toEqual([
      'Jonas Berg, no video',
      'Kofi Mensah, no video',
      'Lena Novak, no video',
      'Dee (you), muted, camera off',
    ]);
    expect(next.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(next); // at the end: stays
    expect(screen.getByText('Page 2 of 2')).toBeTruthy();
    fireEvent.click(prev);
    expect(screen.getByText('Page 1 of 2')).toBeTruthy();
  });

  it('fits fewer tiles a page in a narrow box (a phone)', async () => {
    let resized: (() => void) | undefined;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(fn: () => void) {
          resized = fn;
        }
        observe() {}
        disconnect() {}
      },
    );
    const rect = vi
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockReturnValue({ width: 343 } as DOMRect);
    const { container } = await mount(people(6));
    expect(container.querySelector<HTMLElement>('.g2g-tiles')!.dataset.g2gWidth).toBe('narrow');
    expect(tileNames()).toHaveLength(4);
    expect(screen.getByText('Page 1 of 2')).toBeTruthy();
    rect.mockReturnValue({ width: 1000 } as DOMRect);
    act(() => resized?.());
    expect(tileNames()).toHaveLength(7);
    expect(screen.queryByText(/^Page/)).toBeNull();
    rect.mockRestore();
  });

  it('speaks French', async () => {
    await mount(
      people(10),
      <MessagesProvider messages={fr}>
        <VideoTiles />
      </MessagesProvider>,
    );
    expect(screen.getByRole('list', { name: 'Vidéo des participants' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Épingler Ada Lovelace' })).toBeTruthy();
    expect(screen.getByText('Page 1 sur 2')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Participants suivants' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Disposition' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Participants suivants' }));
    expect(
      screen.getByRole('figure', { name: 'Dee (vous), micro coupé, caméra coupée' }),
    ).toBeTruthy();
  });

  it('with nobody else, says so and shows your own tile', async () => {
    await mount([]);
    expect(screen.getByText('Nobody else is here yet')).toBeTruthy();
    expect(tileNames()).toEqual(['Dee (you), muted, camera off']);
  });
});

describe('AudioRenderer in a multistream meeting', () => {
  it('plays the multistream remote audio (every stream, one element)', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue();
    const { session } = await mount(PEOPLE, <AudioRenderer />);
    const audio = document.querySelector('audio')!;
    const expected = session.multistream.getSnapshot().audio;
    expect(expected?.getAudioTracks()).toHaveLength(3); // the fake's three audio slots
    expect(audio.srcObject).toBe(expected);
    expect(audio.dataset.g2gAudio).toBe('live');
    expect(play).toHaveBeenCalled();
    play.mockRestore();
  });

  it('prefers the multistream audio over the transcoded stream once media is multistream', async () => {
    // A fixture whose streams are instances of the stub, so the renderer takes them.
    const mixed = new MediaStream();
    const transcoded = new MediaStream();
    const session = createSessionFixture({
      state: { status: 'joined' } as never,
      remoteMedia: { audio: transcoded },
      multistream: { mode: 'multistream', audio: mixed },
    });
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue();
    render(<AudioRenderer session={session} />);
    const audio = document.querySelector('audio')!;
    expect(audio.srcObject).toBe(mixed);
    expect(document.querySelectorAll('audio')).toHaveLength(1);
    act(() => session.setMultistream({ mode: 'transcoded' }));
    expect(audio.srcObject).toBe(transcoded);
    play.mockRestore();
  });
});

describe('layout rules', () => {
  const base = {
    layout: 'grid' as const,
    people: ['a', 'b', 'c', 'd'],
    withVideo: new Set(['c', 'a']),
    pinnedId: null,
    speakerId: null,
    selfId: 'me',
  };
  it('orders pinned, those with video, the rest, then self; the stage picks pinned, speaker, first', () => {
    expect(arrange(base)).toEqual({ main: null, rest: ['a', 'c', 'b', 'd', 'me'] });
    expect(arrange({ ...base, pinnedId: 'd' }).rest).toEqual(['d', 'a', 'c', 'b', 'me']);
    expect(arrange({ ...base, layout: 'stage', speakerId: 'b' })).toEqual({
      main: 'b',
      rest: ['a', 'c', 'd', 'me'],
    });
    expect(arrange({ ...base, layout: 'stage', speakerId: 'b', pinnedId: 'd' }).main).toBe('d');
    expect(arrange({ ...base, layout: 'stage', speakerId: 'gone' }).main).toBe('a');
    expect(arrange({ ...base, layout: 'stage', people: [] })).toEqual({ main: null, rest: ['me'] });
  });
  it('9 a page wide, fewer narrow; initials', () => {
    expect([perPage('grid', 1280), perPage('grid', 700), perPage('grid', 343)]).toEqual([9, 6, 4]);
    expect(perPage('strip', 343)).toBe(3);
    expect([
      initials('Ada Lovelace'),
      initials('bob'),
      initials('  '),
      initials('Émile de Zola'),
    ]).toEqual(['AL', 'B', '?', 'ÉZ']);
  });
});
