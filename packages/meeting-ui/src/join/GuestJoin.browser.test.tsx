// The whole guest journey with the real webex@3 SDK against the simulator,
// in Chromium with its fake camera and microphone: every screen is checked
// with axe and kept as a screenshot (test-results/meeting-ui/).
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from 'vitest/browser';
import { createMeetingClient, type MeetingClient } from '@g2g/meeting-hooks';
import { startBrowserSim, type BrowserSim } from '@g2g/webex-sim/testing/browser';
import { provision } from '../test-support/sim';
import { checkState } from '../test-support/quality';
import { GuestJoin } from '../index';
import type { JoinStep } from './steps';

let sim: BrowserSim;
let kit: Awaited<ReturnType<typeof provision>>;
let client: MeetingClient | undefined;
// A bound on a hang, not on speed: the first connect imports the 5 MB SDK (20 s+ under load).
const SLOW = { timeout: 100_000 };

beforeAll(async () => {
  sim = await startBrowserSim({ seed: 'meeting-ui-guest-join' });
  kit = await provision(sim);
});
afterEach(async () => {
  cleanup();
  await client?.dispose();
  client = undefined;
});
afterAll(() => sim?.close());

function simClient(token: string) {
  client = createMeetingClient({
    getAccessToken: () => token,
    discovery: sim.discovery,
    // Bounds on a hang, not speed: the first connect imports the 5 MB SDK,
    // which takes 20 s and more on a loaded machine.
    timeouts: { connecting: 120_000, resolving: 60_000, verifying: 60_000, joining: 60_000 },
    config: {
      meetings: { autoUploadLogs: false, reconnection: { enabled: false } },
      logger: { level: 'error' },
      metrics: { type: ['behavioral'] },
    },
  });
  return client;
}

const heading = (name: string | RegExp) => screen.findByRole('heading', { name }, SLOW);
// The step's own text (the live region repeats some of it).
const step = () => within(document.querySelector<HTMLElement>('[data-g2g-step]')!);

describe('GuestJoin against webex-sim', () => {
  it('goes pre-join → password → captcha → lobby → admitted → joined → left', async () => {
    const meeting = await kit.meeting({ title: 'Visit' });
    // The name is given once, when the guest token is minted; nothing asks again.
    const c = simClient(await kit.guest('patient-1', 'Pat Guest'));
    const steps: JoinStep[] = [];
    const { container } = render(
      <StrictMode>
        <GuestJoin
          client={c}
          destination={meeting.meetingNumber}
          media={false}
          onStepChange={(s) => steps.push(s)}
        />
      </StrictMode>,
    );
    const root = container.firstElementChild!;

    // Pre-join: name and a camera preview from Chromium's fake device.
    await heading('Ready to join?');
    await checkState('guest-join-1-pre-join', root);
    await userEvent.click(screen.getByRole('button', { name: 'Turn camera on' }));
    await waitFor(() => expect(container.querySelector('video')).not.toBeNull(), SLOW);
    await waitFor(() => expect(screen.getByLabelText('Camera')).toBeTruthy(), SLOW);
    await checkState('guest-join-2-pre-join-camera', root);
    expect(screen.queryByLabelText('Your name')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Join meeting' }));

    // Password, with wrong-password feedback; focus lands on the new step.
    const passwordHeading = await heading('This meeting needs a password');
    expect(document.activeElement).toBe(passwordHeading);
    expect(steps).toContain('progress');
    await checkState('guest-join-3-password', root);
    const password = screen.getByLabelText('Meeting password');
    await userEvent.type(password, 'wrong-1{Enter}');
    await waitFor(() => step().getByText('That password is not right. Try again.'), SLOW);
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('That password is not right. Try again.');
    await checkState('guest-join-4-wrong-password', root);

    // The host-key screen is one click away, and back.
    await userEvent.click(screen.getByRole('button', { name: 'I am the host' }));
    await heading('Join as host');
    await checkState('guest-join-5-host-key', root);
    await userEvent.click(screen.getByRole('button', { name: 'Back to the password' }));
    await heading('This meeting needs a password');

    // The third wrong password brings the captcha.
    for (const attempt of ['wrong-2', 'wrong-3']) {
      const field = screen.getByLabelText('Meeting password');
      await userEvent.clear(field);
      await userEvent.type(field, `${attempt}{Enter}`);
      await waitFor(
        () => expect(screen.getByRole('button', { name: /Continue/ }).textContent).toBe('Continue'),
        SLOW,
      );
    }
    await heading('Type the code you see');
    const image = await screen.findByRole('img', { name: /Security code image/ }, SLOW);
    await waitFor(() => expect((image as HTMLImageElement).naturalWidth).toBeGreaterThan(0), SLOW);
    expect(screen.getByRole('button', { name: 'Listen to the code' })).toBeTruthy();
    await checkState('guest-join-6-captcha', root);

    // The right password and the code (read from the simulator) → lobby.
    // The simulator's captcha URLs carry the captcha id.
    const captchaId = /\/captchas\/([^/]+)\/image\.png/.exec((image as HTMLImageElement).src)![1]!;
    const code = await sim.captchaCode(captchaId);
    const field = screen.getByLabelText('Meeting password');
    await userEvent.clear(field);
    await userEvent.type(field, meeting.password);
    await userEvent.type(screen.getByLabelText('Code from the image'), `${code}{Enter}`);
    await heading('Waiting to be let in');
    await checkState('guest-join-7-lobby', root);

    // A host lets them in.
    await sim.admit(meeting.id);
    await heading('Visit');
    await waitFor(() => expect(screen.getByText('Pat Guest')).toBeTruthy(), SLOW);
    expect(screen.getByRole('group', { name: 'Meeting controls' })).toBeTruthy();
    await checkState('guest-join-8-joined', root);

    await userEvent.click(screen.getByRole('button', { name: 'Leave' }));
    const ask = screen.getByRole('group', { name: 'Leave the meeting?' });
    await userEvent.click(within(ask).getByRole('button', { name: 'Leave' }));
    await heading('You have left');
    expect(step().getByText('You left the meeting.')).toBeTruthy();
    await checkState('guest-join-9-left', root);
    await waitFor(
      async () => expect((await sim.meeting(meeting.id)).participants).toEqual([]),
      SLOW,
    );
  });

  it('shows the 30105 guidance for a room id, before anything loads', async () => {
    const room = btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59');
    // Scoped to this test: an SDK from an earlier test may still post metrics
    // to the shared simulator, so "nothing loaded" is asserted on this client.
    let sdkLoads = 0;
    client = createMeetingClient({
      accessToken: 'a_b_c',
      sdk: () => (sdkLoads++, import('webex')),
      discovery: sim.discovery,
    });
    const { container } = render(<GuestJoin client={client} destination={room} />);
    await heading('Could not join');
    expect(step().getByText(/error 30105/)).toBeTruthy();
    expect(sdkLoads).toBe(0);
    // 'a_b_c' is a token the simulator never issued: any request with it came from here.
    expect(await sim.requests()).not.toContainEqual(expect.objectContaining({ auth: 'invalid' }));
    await checkState('guest-join-10-error-room-id', container.firstElementChild!);
  });

  it('says the meeting was not found, with no retry', async () => {
    const c = simClient(await kit.guest('patient-2', 'Nora'));
    const { container } = render(
      <GuestJoin client={c} destination="99999999999" skipPreJoin media={false} />,
    );
    await heading('Could not join');
    expect(step().getByText(/No meeting was found/)).toBeTruthy();
    await checkState('guest-join-11-error-not-found', container.firstElementChild!);
  });
});
