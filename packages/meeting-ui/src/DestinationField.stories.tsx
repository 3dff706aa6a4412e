import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { DestinationField } from './DestinationField';
import { fr } from './i18n/fr';

const meta = {
  title: 'meeting-ui/DestinationField',
  component: DestinationField,
  args: { onChange: () => {} },
} satisfies Meta<typeof DestinationField>;
export default meta;

type Story = StoryObj<typeof meta>;

export const Empty: Story = {};

export const MeetingNumber: Story = {
  args: { defaultValue: '2516 666 1234' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Meeting number: 25166661234')).toBeTruthy();
  },
};

export const SpaceIdRejected: Story = {
  args: { defaultValue: btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox');
    await userEvent.click(input);
    await userEvent.tab();
    await expect(input.getAttribute('aria-invalid')).toBe('true');
    await expect(canvas.getByText(/no longer starts meetings from a space id/)).toBeTruthy();
  },
};

/** In French: the labels given, each kind of destination named, errors by their code. */
export const French: Story = {
  args: {
    label: 'Numéro de réunion, adresse SIP ou lien',
    hint: 'Par exemple 2516 666 1234, 2516661234@example.webex.com ou un lien de réunion https://.',
    defaultValue: 'javascript:alert(1)',
    typeLabels: {
      MEETING_ID: 'Numéro de réunion',
      SIP_URI: 'Adresse SIP',
      MEETING_LINK: 'Lien de réunion',
    },
    errorMessage: (e) => fr.errors[e.code],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('textbox'));
    await userEvent.tab();
    await expect(canvas.getByText(fr.errors['invalid-destination'])).toBeTruthy();
  },
};
