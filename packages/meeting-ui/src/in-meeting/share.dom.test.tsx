// The screen share in the UI: the share button (start / stop, aria-pressed,
// busy, failures, hidden where no screen can be captured) and the stage
// showing a remote share first. jsdom with the session fixture; the real
// share path (both SDKs against the simulator's relay) is
// meeting-hooks/src/real-sdk/in-meeting.browser.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { JoinState, LocalMediaState, MediaError } from '@g2g/meeting-hooks';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import { createSessionFixture, joinedState, type SessionFixture } from '@g2g/meeting-hooks/testing';
import { MessagesProvider, fr } from '../index';
import { MeetingControls, ShareToggle, Stage } from './index';

const JOINED: JoinState = joinedState();
const OFF = { status: 'off', muted: false, deviceId: null, stream: null, error: null } as const;
const sharing = (status: LocalMediaState['share']['status']) => ({ share: { ...OFF, status } });

// jsdom has no MediaStream and no screen capture: just enough of both.
class FakeStream {}
beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeStream);
  vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getDisplayMedia: () => {} } });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const mount = (session: SessionFixture, ui: React.ReactNode) =>
  render(<JoinSessionProvider session={session}>{ui}</JoinSessionProvider>);
const calls = (s: SessionFixture, name: string) => s.calls.filter((c) => c.name === name);
const connected = (share: LocalMediaState['share']['status'] = 'off') =>
  createSessionFixture({
    state: JOINED,
    localMedia: { connection: 'connected', ...sharing(share) },
  });

describe('the share button', () => {
  it('is in the meeting controls, off and disabled until media connects', () => {
    const session = createSessionFixture({ state: JOINED });
    mount(session, <MeetingControls />);
    const button = screen.getByRole('button', { name: 'Share screen' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    act(() => session.setLocalMedia({ connection: 'connected' }));
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it('starts sharing, says so while starting, then offers to stop', async () => {
    const session = connected();
    mount(session, <ShareToggle />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Share screen' })));
    expect(calls(session, 'startShare')).toHaveLength(1);
    // The hooks' share state drives the button, not the click.
    act(() => session.setLocalMedia(sharing('starting')));
    expect(screen.getByRole('button', { name: 'Share screen' }).getAttribute('aria-busy')).toBe(
      'true',
    );
    act(() => session.setLocalMedia(sharing('on')));
    const stop = screen.getByRole('button', { name: 'Stop sharing' });
    expect(stop.getAttribute('aria-pressed')).toBe('true');
    expect(stop.getAttribute('aria-busy')).toBe('false');
    await act(async () => fireEvent.click(stop));
    expect(calls(session, 'stopShare')).toHaveLength(1);
    expect(calls(session, 'startShare')).toHaveLength(1);
    act(() => session.setLocalMedia(sharing('off')));
    expect(screen.getByRole('button', { name: 'Share screen' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
  });

  it('stays busy while the start is under way, and can still stop a share if media drops', async () => {
    const session = connected();
    let finish!: (e: MediaError | null) => void;
    session.localMedia.startShare = () => new Promise((r) => (finish = r));
    mount(session, <ShareToggle />);
    const button = screen.getByRole('button', { name: 'Share screen' });
    await act(async () => fireEvent.click(button));
    expect(button.getAttribute('aria-busy')).toBe('true');
    await act(async () => finish(null));
    expect(button.getAttribute('aria-busy')).toBe('false');
    act(() => session.setLocalMedia({ connection: 'failed', ...sharing('on') }));
    expect(
      (screen.getByRole('button', { name: 'Stop sharing' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });

  it('says when the screen could not be shared, but not when the picker was cancelled', async () => {
    const session = connected();
    const error = (code: MediaError['code']) => ({ code, message: code }) as MediaError;
    let next: MediaError | null = error('permission-denied');
    session.localMedia.startShare = () => Promise.resolve(next);
    mount(session, <ShareToggle />);
    const button = screen.getByRole('button', { name: 'Share screen' });
    await act(async () => fireEvent.click(button));
    expect(screen.queryByRole('alert')).toBeNull();
    next = error('unknown');
    await act(async () => fireEvent.click(button));
    expect(screen.getByRole('alert').textContent).toBe('Your screen could not be shared.');
    // A new attempt clears the old failure.
    next = null;
    await act(async () => fireEvent.click(button));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is not offered where the browser cannot capture a screen', () => {
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: {} });
    mount(connected(), <MeetingControls />);
    expect(screen.queryByRole('button', { name: 'Share screen' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Leave' })).toBeTruthy();
  });

  it('speaks French', () => {
    render(
      <MessagesProvider messages={fr}>
        <JoinSessionProvider session={connected('on')}>
          <ShareToggle />
        </JoinSessionProvider>
      </MessagesProvider>,
    );
    expect(screen.getByRole('button', { name: 'Arrêter le partage' })).toBeTruthy();
  });
});

describe('the stage', () => {
  it('shows a remote share first while someone shares, and drops it when they stop', () => {
    const session = createSessionFixture({
      state: JOINED,
      remoteMedia: { video: new FakeStream() as MediaStream },
    });
    const { container } = mount(session, <Stage />);
    const stage = container.querySelector('.g2g-stage')!;
    expect(stage.getAttribute('data-g2g-share')).toBe('false');
    expect(screen.queryByLabelText('Shared screen')).toBeNull();
    act(() => session.setRemoteMedia({ share: new FakeStream() as MediaStream }));
    expect(stage.getAttribute('data-g2g-share')).toBe('true');
    const first = stage.querySelector('figure')!;
    expect(first.hasAttribute('data-g2g-share')).toBe(true);
    const video = screen.getByLabelText('Shared screen');
    expect(first.contains(video)).toBe(true);
    expect(video.getAttribute('data-g2g-stream')).toBe('live');
    act(() => session.setRemoteMedia({ share: null }));
    expect(screen.queryByLabelText('Shared screen')).toBeNull();
    expect(stage.getAttribute('data-g2g-share')).toBe('false');
  });
});
