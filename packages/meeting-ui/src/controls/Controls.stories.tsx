import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Button, buttonClassName } from './Button';
import { TextField } from './TextField';

// The controls an app uses for its own screens around the components.
const meta = {
  title: 'meeting-ui/Controls',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const Buttons: Story = {
  render: () => (
    <div className="g2g-row">
      <Button variant="primary">Create consultation</Button>
      <Button>Show links</Button>
      <Button variant="danger">End meeting</Button>
      <Button disabled>Creating…</Button>
      <a href="#main" className={buttonClassName('primary')}>
        A link that looks like a button
      </a>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Show links' }).getAttribute('type')).toBe(
      'button',
    );
  },
};

export const Fields: Story = {
  render: () => (
    <div className="g2g-step">
      <TextField label="Title" defaultValue="Consultation" />
      <TextField
        label="Licensed host’s email (optional)"
        type="email"
        hint="Leave empty for a guest host."
      />
      <TextField label="Duration (minutes)" type="number" defaultValue={5} error="At least 10." />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const duration = canvas.getByLabelText('Duration (minutes)');
    await expect(duration.getAttribute('aria-invalid')).toBe('true');
    await expect(canvas.getByRole('alert').textContent).toBe('At least 10.');
  },
};
