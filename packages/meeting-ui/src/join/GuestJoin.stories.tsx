import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { fr } from '../i18n/fr';
import { DR_JONES, FakeJoin } from '../stories/fake';

// Every screen of the join UI, each reached by scripting the fake SDK of
// @g2g/meeting-hooks/testing; no network is used.
const meta = {
  title: 'meeting-ui/GuestJoin',
  component: FakeJoin,
  args: { displayName: 'Ada Guest', media: false },
} satisfies Meta<typeof FakeJoin>;
export default meta;

type Story = StoryObj<typeof meta>;
const find = (el: HTMLElement, name: string | RegExp) =>
  within(el).findByRole('heading', { name }, { timeout: 5000 });

export const PreJoin: Story = {
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'Ready to join?');
  },
};

export const PreJoinCameraOn: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole('button', { name: 'Turn camera on' }));
    await c.findByRole('button', { name: 'Turn camera off' }, { timeout: 5000 });
    // The fake's devices fill the pickers once a device is on.
    await c.findByLabelText('Camera', {}, { timeout: 5000 });
  },
};

export const PermissionDenied: Story = {
  args: { scenario: { media: { camera: 'denied' } } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole('button', { name: 'Turn camera on' }));
    await c.findAllByText(/was not allowed to use this device/, {}, { timeout: 5000 });
  },
};

export const Connecting: Story = {
  args: { skipPreJoin: true, scenario: { fail: { register: 'hang' } } },
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'Connecting to Webex…');
  },
};

export const Resolving: Story = {
  args: { skipPreJoin: true, scenario: { fail: { create: 'hang' } } },
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'Finding the meeting…');
  },
};

export const Password: Story = {
  args: { skipPreJoin: true, scenario: { meeting: { password: 'secret' } } },
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'This meeting needs a password');
  },
};

export const WrongPassword: Story = {
  args: { skipPreJoin: true, password: 'nope', scenario: { meeting: { password: 'secret' } } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findAllByText('That password is not right. Try again.', {}, { timeout: 5000 });
    await expect(c.getByLabelText('Meeting password').getAttribute('aria-invalid')).toBe('true');
  },
};

export const Captcha: Story = {
  args: {
    skipPreJoin: true,
    password: 'nope',
    scenario: { meeting: { password: 'secret', captchaAfterFailures: 1 } },
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await find(canvasElement, 'Type the code you see');
    await expect(c.getByRole('img', { name: /Security code image/ })).toBeTruthy();
    await expect(c.getByRole('button', { name: 'Listen to the code' })).toBeTruthy();
  },
};

export const HostKey: Story = {
  args: { skipPreJoin: true, scenario: { meeting: { password: 'secret', hostKey: '123456' } } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await find(canvasElement, 'This meeting needs a password');
    await userEvent.click(c.getByRole('button', { name: 'I am the host' }));
    await find(canvasElement, 'Join as host');
  },
};

export const Lobby: Story = {
  args: { skipPreJoin: true, scenario: { meeting: { lobby: true, participants: [DR_JONES] } } },
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'Waiting to be let in');
  },
};

export const Joined: Story = {
  args: {
    skipPreJoin: true,
    scenario: {
      meeting: {
        title: 'Follow-up consultation',
        participants: [DR_JONES, { id: 'n', name: 'Nurse Kim', audioMuted: true }],
      },
    },
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await find(canvasElement, 'Follow-up consultation');
    // The in-meeting count (people in the meeting, not the lobby) shows once the roster arrives.
    await c.findAllByText('3 in the meeting', {}, { timeout: 5000 });
  },
};

export const JoinedAsHost: Story = {
  args: {
    skipPreJoin: true,
    hostKey: '123456',
    scenario: {
      meeting: {
        title: 'Clinic',
        hostKey: '123456',
        participants: [{ id: 'p', name: 'Pat Patient', inLobby: true }],
      },
    },
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByRole('button', { name: 'Let Pat Patient in' }, { timeout: 5000 });
    await expect(c.getByRole('button', { name: 'End for everyone' })).toBeTruthy();
  },
};

export const Dark: Story = {
  ...Joined,
  args: { ...Joined.args, theme: 'dark' },
};

export const Left: Story = {
  args: { skipPreJoin: true, scenario: { meeting: { title: 'Clinic' } } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole('button', { name: 'Leave' }, { timeout: 5000 }));
    // Leaving asks first.
    const ask = c.getByRole('group', { name: 'Leave the meeting?' });
    await userEvent.click(within(ask).getByRole('button', { name: 'Leave' }));
    await find(canvasElement, 'You have left');
  },
};

export const MeetingEnded: Story = {
  args: {
    skipPreJoin: true,
    scenario: { meeting: { title: 'Clinic' } },
    onStateChange: () => {},
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByRole('button', { name: 'Leave' }, { timeout: 5000 });
  },
  render: (args) => (
    <FakeJoin {...args} onFake={(fake) => setTimeout(() => fake.endMeeting(), 300)} />
  ),
};

export const NotFound: Story = {
  args: { skipPreJoin: true, scenario: { meeting: { exists: false } } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findAllByText(/No meeting was found/, {}, { timeout: 5000 });
  },
};

export const LicenceExceeded: Story = {
  args: { skipPreJoin: true, scenario: { meeting: { licenseExhausted: true } } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findAllByText(/No meeting slot is free/, {}, { timeout: 5000 });
  },
};

export const NetworkErrorWithRetry: Story = {
  args: { skipPreJoin: true, scenario: { fail: { register: 'network' } } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByRole('button', { name: 'Try again' }, { timeout: 5000 });
  },
};

export const SpaceIdRefused: Story = {
  args: { destination: btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59') },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findAllByText(/error 30105/, {}, { timeout: 5000 });
  },
};

export const French: Story = {
  args: { skipPreJoin: true, messages: fr, scenario: { meeting: { password: 'secret' } } },
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'Cette réunion demande un mot de passe');
  },
};
