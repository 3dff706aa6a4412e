import type { Meta, StoryObj } from '@storybook/react-vite';
import type { JoinState } from '@g2g/meeting-hooks';
import { JOINED, PEOPLE, testPattern, withSession } from '../stories/fixture';
import { InMeeting, MeetingControls, ReconnectingBanner, Roster } from './index';

// The in-meeting screen and its parts in the states issue 11 asks for, on a
// fixture session (no join is driven).
const meta = { title: 'meeting-ui/In the meeting' } satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

const HOST: JoinState = { ...JOINED, isHost: true } as JoinState;
const on = (stream: MediaStream | null = null, muted = false) => ({
  status: 'on' as const,
  muted,
  deviceId: 'default',
  stream,
  error: null,
});
const DOCTOR = { id: 'me', name: 'Dr Jones', isSelf: true, isHost: true };

export const BothVideos: Story = {
  decorators: [
    withSession(() => ({
      state: JOINED,
      participants: PEOPLE,
      remoteMedia: { video: testPattern(20) },
      localMedia: { camera: on(testPattern(280)), microphone: on() },
    })),
  ],
  render: () => <InMeeting knockSound={false} />,
};

export const Sharing: Story = {
  decorators: [
    withSession(() => ({
      state: JOINED,
      participants: PEOPLE,
      remoteMedia: { video: testPattern(20), share: testPattern(140) },
      localMedia: { camera: on(testPattern(280)) },
    })),
  ],
  render: () => <InMeeting knockSound={false} />,
};

export const HostWithLobbyAndMutes: Story = {
  decorators: [
    withSession({
      state: HOST,
      participants: [
        DOCTOR,
        { id: 'ada', name: 'Ada Guest', audioMuted: true, videoMuted: true },
        { id: 'bo', name: 'Bo Guest' },
        { id: 'pat', name: 'Pat Patient', inLobby: true },
      ],
    }),
  ],
  render: () => <InMeeting knockSound={false} titleBadge={false} />,
};

export const LongName: Story = {
  decorators: [
    withSession(() => ({
      state: { ...HOST, title: 'T'.repeat(300) } as JoinState,
      participants: [DOCTOR, { id: 'x', name: 'Wolfeschlegelsteinhausen'.repeat(210) }],
      remoteMedia: { video: testPattern(20) },
    })),
  ],
  render: () => <InMeeting knockSound={false} titleBadge={false} />,
};

export const Reconnecting: Story = {
  decorators: [
    withSession({
      state: { ...JOINED, status: 'reconnecting' } as unknown as JoinState,
      participants: PEOPLE,
    }),
  ],
  render: () => <ReconnectingBanner />,
};

export const CameraStarting: Story = {
  decorators: [
    withSession({
      state: JOINED,
      localMedia: {
        camera: { status: 'starting', muted: false, deviceId: null, stream: null, error: null },
        microphone: on(null, true),
      },
    }),
  ],
  render: () => <MeetingControls />,
};

export const HostControls: Story = {
  decorators: [withSession({ state: HOST })],
  render: () => <MeetingControls />,
};

export const RosterOnly: Story = {
  decorators: [
    withSession({
      state: HOST,
      participants: [DOCTOR, { id: 'ada', name: 'Ada Guest', audioMuted: true }],
    }),
  ],
  render: () => <Roster />,
};
