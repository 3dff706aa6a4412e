import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { CaptchaChallenge } from './CaptchaChallenge';
import { MeetingUiRoot } from '../theme/Root';

// The captcha block on its own, for apps composing their own password step.
const PNG =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="180" height="50"><rect width="180" height="50" fill="#f4f4f4"/><text x="20" y="35" font-size="28" font-family="monospace">7 4 2 5</text></svg>',
  );

function Demo({ busy }: { busy?: boolean }) {
  const [code, setCode] = useState('');
  return (
    <MeetingUiRoot>
      <div className="g2g-step">
        <CaptchaChallenge
          captcha={{ required: true, imageUrl: PNG, audioUrl: null }}
          value={code}
          onChange={setCode}
          onRefresh={() => {}}
          busy={busy}
        />
      </div>
    </MeetingUiRoot>
  );
}

const meta = { title: 'meeting-ui/CaptchaChallenge', component: Demo } satisfies Meta<typeof Demo>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Checking: Story = { args: { busy: true } };
