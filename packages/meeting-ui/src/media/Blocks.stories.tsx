import type { Meta, StoryObj } from '@storybook/react-vite';
import { JOINED, PEOPLE, testPattern, withSession } from '../stories/fixture';
import { DeviceSelect } from './DeviceSelect';
import { MediaToggle } from './MediaToggle';
import { ParticipantTile } from './ParticipantTile';

// The building blocks, each in each state, on a fixture session.
const meta = {
  title: 'meeting-ui/Building blocks',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

const on = (stream: MediaStream | null = null, muted = false) => ({
  status: 'on' as const,
  muted,
  deviceId: 'default',
  stream,
  error: null,
});

export const TileSpeaking: Story = {
  decorators: [withSession({ state: JOINED, participants: PEOPLE })],
  render: () => <ParticipantTile participantId="dr" speaking stream={testPattern(20)} />,
};

export const TileMuted: Story = {
  decorators: [
    withSession({
      state: JOINED,
      participants: [PEOPLE[0]!, { ...PEOPLE[1]!, audioMuted: true }],
    }),
  ],
  render: () => <ParticipantTile participantId="dr" stream={testPattern(120)} />,
};

export const TileCameraOff: Story = {
  decorators: [
    withSession({
      state: JOINED,
      participants: [PEOPLE[0]!, { ...PEOPLE[1]!, videoMuted: true }],
    }),
  ],
  render: () => <ParticipantTile participantId="dr" />,
};

export const SelfTileCameraOn: Story = {
  decorators: [
    withSession(() => ({
      state: JOINED,
      participants: PEOPLE,
      localMedia: { camera: on(testPattern(280)), microphone: on(null, true) },
    })),
  ],
  render: () => <ParticipantTile />,
};

export const TogglesOff: Story = {
  decorators: [withSession({ state: JOINED })],
  render: () => (
    <div className="g2g-row">
      <MediaToggle kind="microphone" />
      <MediaToggle kind="camera" />
    </div>
  ),
};

export const TogglesOn: Story = {
  decorators: [
    withSession(() => ({
      state: JOINED,
      localMedia: { microphone: on(), camera: on(testPattern()) },
    })),
  ],
  render: () => (
    <div className="g2g-row">
      <MediaToggle kind="microphone" />
      <MediaToggle kind="camera" />
    </div>
  ),
};

export const ToggleMuted: Story = {
  decorators: [withSession({ state: JOINED, localMedia: { microphone: on(null, true) } })],
  render: () => <MediaToggle kind="microphone" />,
};

export const ToggleStarting: Story = {
  decorators: [
    withSession({
      state: JOINED,
      localMedia: {
        camera: { status: 'starting', muted: false, deviceId: null, stream: null, error: null },
      },
    }),
  ],
  render: () => <MediaToggle kind="camera" />,
};

const device = (kind: MediaDeviceKind, deviceId: string, label: string) =>
  ({ kind, deviceId, label, groupId: '', toJSON: () => ({}) }) as MediaDeviceInfo;

export const DeviceSelects: Story = {
  decorators: [
    withSession({
      state: JOINED,
      localMedia: {
        camera: on(),
        microphone: on(),
        devices: [
          device('videoinput', 'default', 'Front camera'),
          device('videoinput', 'back', 'Back camera'),
          device('audioinput', 'default', 'Headset microphone'),
        ],
      },
    }),
  ],
  render: () => (
    <div className="g2g-row">
      <DeviceSelect kind="camera" />
      <DeviceSelect kind="microphone" />
    </div>
  ),
};
