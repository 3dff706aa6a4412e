import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { WebexMeetingWidget } from './WebexMeetingWidget';

// The wrapper's own states. The stock widget itself needs a token and a
// cloud: these stories never mount it, so they render offline.
const meta = {
  title: 'meeting-ui/WebexMeetingWidget',
  component: WebexMeetingWidget,
  args: {
    destination: '25166661234@acme.sim.webex.com',
    onError: () => {},
    onStateChange: () => {},
  },
} satisfies Meta<typeof WebexMeetingWidget>;
export default meta;

type Story = StoryObj<typeof meta>;
const never = () => new Promise<string>(() => {});

export const FetchingToken: Story = {
  args: { getAccessToken: never, connectTimeoutMs: 0 },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Loading the meeting…');
  },
};

export const SpaceIdRefused: Story = {
  args: {
    accessToken: 'a_b_c',
    destination: btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59'),
  },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert.textContent).toMatch(/30105/);
  },
};

export const InvalidDestination: Story = {
  args: { accessToken: 'a_b_c', destination: 'javascript:alert(1)' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('alert');
  },
};

export const MalformedToken: Story = {
  args: { accessToken: 'not a webex token' },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert.textContent).toMatch(/access could not be confirmed/);
  },
};

export const TimedOutWithRetry: Story = {
  args: { getAccessToken: never, connectTimeoutMs: 500 },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByText('The meeting did not load in time.', {}, { timeout: 3000 });
    await expect(c.getByRole('button', { name: 'Try again' })).toBeTruthy();
  },
};

export const DarkFrench: Story = {
  args: {
    accessToken: 'a_b_c',
    theme: 'dark',
    destination: btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59'),
    messages: { errors: { 'space-id-not-supported': 'Identifiant d’espace (erreur 30105).' } },
  },
};
