import type { CaptchaChallenge } from '@g2g/meeting-hooks';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { failedWith } from '@g2g/meeting-hooks/testing';
import { DESTINATION, JOINED, PEOPLE, testPattern, withSession } from '../stories/fixture';
import { InMeeting } from '../in-meeting';
import { JoinErrorView } from './JoinErrorView';
import { JoinProgress } from './JoinProgress';
import { LeftScreen } from './LeftScreen';
import { Lobby } from './Lobby';
import { HostKeyForm, PasswordForm } from './SecretForm';

// Every screen of the join, shown directly in each state on a fixture
// session (GuestJoin.stories drives the whole flow on the fake SDK instead).
const meta = { title: 'meeting-ui/Screens' } satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

const NO_CAPTCHA: CaptchaChallenge = { required: false, imageUrl: null, audioUrl: null };
const CAPTCHA: CaptchaChallenge = {
  required: true,
  // A data URL: the story needs no network.
  imageUrl:
    'data:image/svg+xml,' +
    encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="50"><rect width="160" height="50" fill="#eee"/><text x="20" y="34" font-size="28" font-family="monospace">X7K2Q</text></svg>',
    ),
  audioUrl: null,
};
const asking = (lastAttemptFailed = false, captcha = NO_CAPTCHA) =>
  ({
    status: 'password-required',
    destination: DESTINATION,
    lastAttemptFailed,
    failureReason: lastAttemptFailed ? 'wrong-password' : null,
    captcha,
  }) as const;

export const Connecting: Story = {
  decorators: [withSession({ state: { status: 'connecting', destination: DESTINATION } })],
  render: () => <JoinProgress />,
};
export const Resolving: Story = {
  decorators: [withSession({ state: { status: 'resolving', destination: DESTINATION } })],
  render: () => <JoinProgress />,
};
export const Password: Story = {
  decorators: [withSession({ state: asking() })],
  render: () => <PasswordForm onSwitch={() => {}} />,
};
export const PasswordWrong: Story = {
  decorators: [withSession({ state: asking(true) })],
  render: () => <PasswordForm onSwitch={() => {}} />,
};
export const PasswordVerifying: Story = {
  decorators: [
    withSession({
      state: {
        status: 'verifying',
        destination: DESTINATION,
        kind: 'password',
        captcha: NO_CAPTCHA,
      },
    }),
  ],
  render: () => <PasswordForm />,
};
export const Captcha: Story = {
  decorators: [withSession({ state: asking(true, CAPTCHA) })],
  render: () => <PasswordForm onSwitch={() => {}} />,
};
export const HostKey: Story = {
  decorators: [withSession({ state: asking() })],
  render: () => <HostKeyForm onSwitch={() => {}} />,
};
export const LobbyWaiting: Story = {
  decorators: [
    withSession({
      state: {
        status: 'lobby',
        destination: DESTINATION,
        title: 'Knee follow-up',
        meetingNumber: null,
      },
    }),
  ],
  render: () => <Lobby />,
};
export const InMeetingGuest: Story = {
  decorators: [
    withSession(() => ({
      state: JOINED,
      participants: PEOPLE,
      remoteMedia: { video: testPattern(20) },
    })),
  ],
  render: () => <InMeeting />,
};
export const InMeetingHostWithKnock: Story = {
  decorators: [
    withSession({
      state: { ...JOINED, isHost: true } as typeof JOINED,
      participants: [
        { id: 'me', name: 'Dr Jones', isSelf: true, isHost: true },
        { id: 'p', name: 'Pat Patient', inLobby: true },
      ],
    }),
  ],
  render: () => <InMeeting />,
};
export const LobbyHostPresent: Story = {
  decorators: [
    withSession({
      state: {
        status: 'lobby',
        destination: DESTINATION,
        title: 'Knee follow-up',
        meetingNumber: null,
      },
      participants: [
        { id: 'me', name: 'Ada Guest', isSelf: true, inLobby: true },
        { id: 'dr', name: 'Dr Jones', isHost: true },
      ],
    }),
  ],
  render: () => <Lobby />,
};
export const LeftEnded: Story = {
  decorators: [withSession({ state: { status: 'left', reason: 'ended' } })],
  render: () => <LeftScreen />,
};
export const LeftRemoved: Story = {
  decorators: [withSession({ state: { status: 'left', reason: 'removed' } })],
  render: () => <LeftScreen />,
};
export const ErrorNetwork: Story = {
  decorators: [withSession({ state: failedWith('network', { retryable: true }) })],
  render: () => <JoinErrorView />,
};
export const ErrorNotFound: Story = {
  decorators: [withSession({ state: failedWith('not-found') })],
  render: () => <JoinErrorView />,
};
export const ErrorWithWaysForward: Story = {
  decorators: [withSession({ state: failedWith('not-found') })],
  render: () => <JoinErrorView onBack={() => {}} onChangeDestination={() => {}} />,
};
export const LeftWithBack: Story = {
  decorators: [withSession({ state: { status: 'left', reason: 'ended' } })],
  render: () => <LeftScreen onBack={() => {}} />,
};
