import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { JoinState } from '@g2g/meeting-hooks';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import {
  createSessionFixture,
  failedWith,
  joinedState,
  type SessionFixture,
} from '@g2g/meeting-hooks/testing';
import { JoinErrorView, Lobby, MessagesProvider, fr } from '../index';
import {
  InMeeting,
  MeetingControls,
  QualityIndicator,
  ReconnectingBanner,
  Roster,
  useKnockAlerts,
} from './index';
import { formatElapsed } from './Status';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.title = '';
});

const DEST = { type: 'MEETING_ID', value: '25166661234' } as const;
const joined = (isHost = false): JoinState => joinedState({ destination: DEST, isHost });
const ME = { id: 'me', name: 'Dr Jones', isSelf: true, isHost: true };
const ADA = { id: 'ada', name: 'Ada', audioMuted: false };
const BOB = { id: 'bob', name: 'Bob', inLobby: true };

const mount = (session: SessionFixture, ui: React.ReactNode) =>
  render(<JoinSessionProvider session={session}>{ui}</JoinSessionProvider>);
const calls = (s: SessionFixture, name: string) => s.calls.filter((c) => c.name === name);

describe('Roster', () => {
  it('counts who is in the meeting, not the lobby, and shows Locus mute and camera state', () => {
    const session = createSessionFixture({ state: joined(), participants: [ME, ADA, BOB] });
    mount(session, <Roster />);
    expect(screen.getByRole('heading', { name: '2 in the meeting' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '1 waiting in the lobby' })).toBeTruthy();
    act(() => session.setParticipants([ME, { ...ADA, audioMuted: true, videoMuted: true }, BOB]));
    const ada = screen.getByText('Ada').closest('li')!;
    expect(ada.dataset).toMatchObject({ g2gAudioMuted: 'true', g2gCameraOff: 'true' });
    expect(within(ada).getByText('muted')).toBeTruthy();
    expect(within(ada).getByText('camera off')).toBeTruthy();
    // Not a host: no host actions.
    expect(screen.queryByRole('button', { name: 'Mute Ada' })).toBeNull();
  });

  it('lets a host mute, remove (after asking) and admit', async () => {
    const session = createSessionFixture({ state: joined(true), participants: [ME, ADA, BOB] });
    mount(session, <Roster />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Mute Ada' })));
    expect(calls(session, 'muteParticipant')[0]?.args).toEqual(['ada']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Ada' }));
    expect(screen.getByRole('group', { name: 'Remove Ada from the meeting?' })).toBeTruthy();
    expect(calls(session, 'removeParticipant')).toHaveLength(0);
    // Focus is on the safe choice.
    expect(document.activeElement?.textContent).toBe('Cancel');
    await act(async () =>
      fireEvent.click(
        within(screen.getByRole('group', { name: /Remove Ada/ })).getByRole('button', {
          name: 'Remove Ada',
        }),
      ),
    );
    expect(calls(session, 'removeParticipant')[0]?.args).toEqual(['ada']);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Let Bob in' })));
    expect(calls(session, 'admit')[0]?.args).toEqual(['bob']);
  });

  it('cuts a 5,000-character name to one line and keeps the whole name as its title', () => {
    const long = 'W'.repeat(5000);
    const session = createSessionFixture({
      state: joined(),
      participants: [ME, { id: 'x', name: long }],
    });
    mount(session, <Roster />);
    const name = screen.getByTitle(long);
    expect(name.className).toBe('g2g-name');
    expect(name.textContent).toBe(long);
  });
});

describe('MeetingControls', () => {
  it('asks before leaving; Cancel or Escape puts the button back with focus on it', async () => {
    const session = createSessionFixture({ state: joined() });
    mount(session, <MeetingControls />);
    const leave = screen.getByRole('button', { name: 'Leave' });
    fireEvent.click(leave);
    expect(calls(session, 'leave')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Leave' }));
    fireEvent.click(screen.getByRole('button', { name: 'Leave' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Leave the meeting?' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Leave' }));
    const ask = screen.getByRole('group', { name: 'Leave the meeting?' });
    await act(async () => fireEvent.click(within(ask).getByRole('button', { name: 'Leave' })));
    expect(calls(session, 'leave')).toHaveLength(1);
  });

  it('gives a host lock/unlock and a confirmed end for everyone', async () => {
    const session = createSessionFixture({ state: joined(true) });
    mount(session, <MeetingControls />);
    const lock = screen.getByRole('button', { name: 'Lock meeting' });
    expect(lock.getAttribute('aria-pressed')).toBe('false');
    await act(async () => fireEvent.click(lock));
    expect(calls(session, 'setLocked')[0]?.args).toEqual([true]);
    const unlock = screen.getByRole('button', { name: 'Unlock meeting' });
    expect(unlock.getAttribute('aria-pressed')).toBe('true');
    await act(async () => fireEvent.click(unlock));
    expect(calls(session, 'setLocked')[1]?.args).toEqual([false]);
    fireEvent.click(screen.getByRole('button', { name: 'End for everyone' }));
    expect(calls(session, 'endForAll')).toHaveLength(0);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'End meeting' })));
    expect(calls(session, 'endForAll')).toHaveLength(1);
  });

  it('says the camera is starting while it starts, and Mute/Unmute once the microphone is on', () => {
    const session = createSessionFixture({
      state: joined(),
      localMedia: {
        camera: { status: 'starting', muted: false, deviceId: null, stream: null, error: null },
        microphone: { status: 'on', muted: true, deviceId: 'm', stream: null, error: null },
      },
    });
    mount(session, <MeetingControls />);
    const camera = screen.getByRole('button', { name: 'Starting camera…' });
    expect(camera.getAttribute('aria-busy')).toBe('true');
    const mic = screen.getByRole('button', { name: 'Unmute' });
    expect(mic.getAttribute('aria-pressed')).toBe('false');
    act(() =>
      session.setLocalMedia({
        microphone: { status: 'on', muted: false, deviceId: 'm', stream: null, error: null },
      }),
    );
    expect(screen.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe('true');
  });
});

function Knocks(props: { sound?: boolean }) {
  return <p data-testid="said">{useKnockAlerts(props).announcement}</p>;
}

describe('knock alerts', () => {
  it('tell a host by announcement, tab title and a chime that can be turned off', () => {
    const oscillators: number[] = [];
    class FakeAudioContext {
      currentTime = 0;
      destination = {};
      createGain = () => ({
        connect() {},
        gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
      });
      createOscillator = () => {
        oscillators.push(1);
        return { frequency: {}, connect() {}, start() {}, stop() {} };
      };
      close = () => Promise.resolve();
    }
    vi.stubGlobal('AudioContext', FakeAudioContext);
    document.title = 'Consultation';
    const session = createSessionFixture({ state: joined(true), participants: [ME, ADA] });
    const { rerender } = mount(session, <Knocks />);
    expect(screen.getByTestId('said').textContent).toBe('');
    act(() => session.setParticipants([ME, ADA, BOB]));
    expect(screen.getByTestId('said').textContent).toBe('Bob is waiting in the lobby.');
    expect(document.title).toBe('(1) Consultation');
    expect(oscillators.length).toBe(2);
    rerender(
      <JoinSessionProvider session={session}>
        <Knocks sound={false} />
      </JoinSessionProvider>,
    );
    act(() => session.setParticipants([ME, ADA, BOB, { id: 'cy', name: 'Cy', inLobby: true }]));
    expect(document.title).toBe('(2) Consultation');
    expect(oscillators.length).toBe(2);
    act(() => session.setParticipants([ME, ADA]));
    expect(document.title).toBe('Consultation');
  });

  it('say nothing to a guest', () => {
    const session = createSessionFixture({ state: joined(false), participants: [ADA, BOB] });
    document.title = 'Visit';
    mount(session, <Knocks sound={false} />);
    expect(screen.getByTestId('said').textContent).toBe('');
    expect(document.title).toBe('Visit');
  });
});

describe('lobby, errors, connection', () => {
  const lobby: JoinState = {
    status: 'lobby',
    destination: DEST,
    title: 'Visit',
    meetingNumber: null,
  };

  it('the lobby says the host is not there yet until a host is in the meeting', () => {
    const session = createSessionFixture({
      state: lobby,
      participants: [{ ...BOB, isSelf: true }],
    });
    mount(session, <Lobby />);
    expect(screen.getByText(/has not joined yet/)).toBeTruthy();
    act(() =>
      session.setParticipants([
        { ...BOB, isSelf: true },
        { ...ME, isSelf: false },
      ]),
    );
    expect(screen.getByText(/knows you are here/)).toBeTruthy();
  });

  it('every error screen has a way forward', () => {
    const session = createSessionFixture({ state: failedWith('not-found') });
    const back = vi.fn();
    const change = vi.fn();
    const { rerender } = mount(session, <JoinErrorView />);
    // Not retryable, and no app handlers: still a "Try again".
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    rerender(
      <JoinSessionProvider session={session}>
        <JoinErrorView onBack={back} onChangeDestination={change} />
      </JoinSessionProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Change meeting' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(change).toHaveBeenCalledOnce();
    expect(back).toHaveBeenCalledOnce();
  });

  it('shows a banner while reconnecting, then "Reconnected"', () => {
    const session = createSessionFixture({ state: joined() });
    mount(session, <ReconnectingBanner />);
    expect(screen.getByRole('status').textContent).toBe('');
    act(() => session.setState({ ...joined(), status: 'reconnecting' } as unknown as JoinState));
    expect(screen.getByRole('status').textContent).toBe('Connection lost. Reconnecting…');
    act(() => session.setState(joined()));
    expect(screen.getByRole('status').textContent).toBe('Reconnected.');
  });

  it('shows the network quality the hooks report (useNetworkQuality), not a join-state field', () => {
    const session = createSessionFixture({ state: joined() });
    const { container } = mount(session, <QualityIndicator />);
    const indicator = () => container.querySelector('[data-g2g-quality]')!;
    expect(indicator().getAttribute('data-g2g-quality')).toBe('unknown');
    act(() => session.setNetworkQuality({ overall: 'good', audio: 'good', video: 'good' }));
    expect(indicator().getAttribute('data-g2g-quality')).toBe('good');
    expect(indicator().textContent).toBe('Connection: good');
    expect(indicator().querySelectorAll('[data-on="true"]')).toHaveLength(3);
    act(() => session.setNetworkQuality({ overall: 'poor', video: 'poor' }));
    expect(indicator().getAttribute('data-g2g-quality')).toBe('poor');
    expect(indicator().querySelectorAll('[data-on="true"]')).toHaveLength(1);
    // A quality field on the join state is not where quality comes from.
    act(() => session.setState({ ...joined(), quality: 'good' } as unknown as JoinState));
    expect(indicator().getAttribute('data-g2g-quality')).toBe('poor');
  });

  it('formats the meeting time', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });
});

describe('the whole screen', () => {
  it('in French, with the count, timer and controls', () => {
    const session = createSessionFixture({ state: joined(true), participants: [ME, ADA, BOB] });
    render(
      <MessagesProvider messages={fr}>
        <JoinSessionProvider session={session}>
          <InMeeting knockSound={false} />
        </JoinSessionProvider>
      </MessagesProvider>,
    );
    expect(screen.getAllByText('2 dans la réunion')).toHaveLength(2);
    expect(screen.getByRole('timer')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Verrouiller la réunion' })).toBeTruthy();
    expect(screen.getByText('Bob attend en salle d’attente.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Réglages' }));
    expect(screen.getByRole('region', { name: 'Réglages' })).toBeTruthy();
  });
});
