import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import { createSessionFixture, joinedState } from '@g2g/meeting-hooks/testing';
import { DeviceSelect, MediaToggle, ParticipantTile, StartAudio } from '../index';

afterEach(cleanup);

const joined = joinedState();

describe('building blocks on a session fixture', () => {
  it('ParticipantTile shows speaking, muted and camera-off as data attributes', () => {
    const session = createSessionFixture({
      state: joined,
      participants: [
        { id: 'me', name: 'Ada', isSelf: true },
        { id: 'dr', name: 'Dr Jones', audioMuted: true, videoMuted: true },
      ],
    });
    render(
      <JoinSessionProvider session={session}>
        <ParticipantTile participantId="dr" speaking data-testid="dr" />
        <ParticipantTile data-testid="self" />
      </JoinSessionProvider>,
    );
    const dr = screen.getByTestId('dr');
    expect(dr.dataset).toMatchObject({
      g2gSpeaking: 'true',
      g2gAudioMuted: 'true',
      g2gCameraOff: 'true',
      g2gSelf: 'false',
    });
    expect(dr.textContent).toContain('Dr Jones');
    expect(screen.getByTestId('self').dataset).toMatchObject({
      g2gSelf: 'true',
      g2gCameraOff: 'true',
    });
    act(() =>
      session.setParticipants([
        { id: 'me', name: 'Ada', isSelf: true },
        { id: 'dr', name: 'Dr Jones', audioMuted: false },
      ]),
    );
    expect(screen.getByTestId('dr').dataset.g2gAudioMuted).toBe('false');
  });

  it('MediaToggle says what a click does and calls the session', async () => {
    const session = createSessionFixture({ state: joined });
    render(
      <JoinSessionProvider session={session}>
        <MediaToggle kind="microphone" />
      </JoinSessionProvider>,
    );
    const button = screen.getByRole('button', { name: 'Turn microphone on' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await act(async () => fireEvent.click(button));
    expect(session.calls.map((c) => c.name)).toContain('start');
    act(() =>
      session.setLocalMedia({
        microphone: { status: 'on', muted: false, deviceId: 'm1', stream: null, error: null },
      }),
    );
    expect(screen.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('DeviceSelect lists the devices of its kind and switches', async () => {
    const device = (kind: MediaDeviceKind, deviceId: string, label: string) =>
      ({ kind, deviceId, label, groupId: '' }) as MediaDeviceInfo;
    const session = createSessionFixture({
      state: joined,
      localMedia: {
        devices: [
          device('videoinput', 'c1', 'Front'),
          device('videoinput', 'c2', 'Back'),
          device('audioinput', 'm1', 'Mic'),
        ],
      },
    });
    render(
      <JoinSessionProvider session={session}>
        <DeviceSelect kind="camera" />
      </JoinSessionProvider>,
    );
    const select = screen.getByLabelText('Camera') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['—', 'Front', 'Back']);
    await act(async () => fireEvent.change(select, { target: { value: 'c2' } }));
    expect(session.calls.at(-1)).toEqual({ name: 'switchDevice', args: ['camera', 'c2'] });
  });

  it('StartAudio renders nothing while audio plays', () => {
    const session = createSessionFixture({ state: joined });
    const { container } = render(
      <JoinSessionProvider session={session}>
        <StartAudio />
      </JoinSessionProvider>,
    );
    expect(container.innerHTML).toBe('');
  });

  it('every block outside a session says what is missing', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<ParticipantTile />)).toThrow(/No meeting session here/);
    spy.mockRestore();
  });
});
