// The wrapper around the real stock widget, whose own webex@2.60.4 talks to
// the simulator: state callbacks, StrictMode, the password defect, room ids
// and timeouts.
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from 'vitest/browser';
import { createMeetingClient, type JoinSession, type MeetingClient } from '@g2g/meeting-hooks';
import {
  routeWebexSitesTo,
  startBrowserSim,
  type BrowserSim,
} from '@g2g/webex-sim/testing/browser';
import { provision, until } from '../test-support/sim';
import { checkState } from '../test-support/quality';
import { WebexMeetingWidget, type WidgetState } from './index';

let sim: BrowserSim;
let kit: Awaited<ReturnType<typeof provision>>;
// How long the widget may load: a bound on a hang, not speed. Its chunk (the
// widget and webex@2.60.4) takes 20 s and more to import on a loaded machine.
const LOADING_BOUND = 120_000;
const ROOM_ID = btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59');

beforeAll(async () => {
  sim = await startBrowserSim({ seed: 'meeting-ui-widget' });
  kit = await provision(sim);
  // `<number>@<site>.webex.com` sends meetingInfo to the site itself: resolve it here.
  await routeWebexSitesTo(sim);
});

// The widget's SDK unregisters its device when it unmounts (a moment after
// ours, see isolated-root.ts): let that finish before the next test or the
// simulator goes away, or it fails as an unhandled rejection.
async function unmountAndSettle() {
  const before = (await sim.requests({ method: 'DELETE' })).length;
  cleanup();
  await until(
    async () => (await sim.requests({ method: 'DELETE' })).length > before,
    'the widget to unregister',
  );
}

afterEach(cleanup);
afterAll(() => sim?.close());

function recorder() {
  const states: WidgetState[] = [];
  return { states, onStateChange: (s: WidgetState) => states.push(s) };
}

/** The meeting's SIP address as Webex issues it: three labels, on the site's own domain. */
const siteSip = (meeting: { meetingNumber: string; webLink: string }) =>
  `${meeting.meetingNumber}@${new URL(meeting.webLink).hostname}`;

/**
 * A host in the same page through the hooks (webex@3, its own SDK instance):
 * joins with the host key, sends Chromium's fake camera and microphone.
 */
async function joinAsHost(meeting: { meetingNumber: string; hostKey: string }, token: string) {
  const client: MeetingClient = createMeetingClient({
    accessToken: token,
    discovery: sim.discovery,
    sdk: () => import('webex'),
    // Bounds on a hang, not speed: the first connect imports the 5 MB SDK.
    timeouts: { connecting: 120_000, resolving: 60_000, verifying: 60_000, joining: 60_000 },
    config: {
      meetings: { autoUploadLogs: false, reconnection: { enabled: false } },
      logger: { level: 'error' },
    },
  });
  const session: JoinSession = client.join(meeting.meetingNumber, {
    displayName: 'Hana Host',
    hostKey: meeting.hostKey,
  });
  await until(
    () => {
      const st = session.getSnapshot();
      if (st.status === 'failed') throw new Error(`host: ${st.error.code} ${st.error.message}`);
      return st.status === 'joined';
    },
    () => `the host to join (${session.getSnapshot().status})`,
    // webex@3's first import in this page, beside the widget's 2.60.4.
    2 * LOADING_BOUND,
  );
  const media = session.localMedia;
  expect(await media.start('microphone')).toBeNull();
  expect(await media.start('camera')).toBeNull();
  expect(await media.connect()).toBeNull();
  return { client, session };
}

/** Frames decoded by a <video> (requestVideoFrameCallback), counted from now. */
function countFrames(video: HTMLVideoElement) {
  let frames = 0;
  const tick = () => {
    frames++;
    video.requestVideoFrameCallback(tick);
  };
  video.requestVideoFrameCallback(tick);
  return () => frames;
}

describe('WebexMeetingWidget against webex-sim', () => {
  it('reaches the widget’s password prompt under StrictMode with one SDK, and reports it', async () => {
    const meeting = await kit.meeting();
    const token = await kit.guest('widget-1', 'Wanda Widget');
    await sim.clearRequests();
    const { states, onStateChange } = recorder();
    const onError = vi.fn();
    const { container } = render(
      <StrictMode>
        <WebexMeetingWidget
          discovery={sim.discovery}
          connectTimeoutMs={LOADING_BOUND}
          accessToken={token}
          destination={meeting.sipAddress}
          displayName="Wanda"
          onStateChange={onStateChange}
          onError={onError}
        />
      </StrictMode>,
    );
    await until(() => states.includes('password-required'), 'the password prompt', LOADING_BOUND);
    expect(states[0]).toBe('loading');
    expect(container.querySelector('.wxc-meeting-guest-authentication')).not.toBeNull();
    // The display name went into the widget's own form.
    await until(
      () => container.querySelector<HTMLInputElement>('input[name="name"]')?.value === 'Wanda',
      'the name to be filled in',
    );
    // One SDK: one device registration and one catalog fetch, not two.
    expect(await sim.requests({ method: 'POST', path: '/wdm/api/v1/devices' })).toHaveLength(1);
    expect(await sim.requests({ path: '/u2c/api/v1/limited/catalog' })).toHaveLength(1);
    expect(onError).not.toHaveBeenCalled();
    await checkState('widget-password-prompt', container);
    await unmountAndSettle();
  });

  it('asks again after a wrong supplied password, instead of hiding the form', async () => {
    const meeting = await kit.meeting();
    const token = await kit.guest('widget-2', 'Walt');
    const { states, onStateChange } = recorder();
    const { container } = render(
      <WebexMeetingWidget
        discovery={sim.discovery}
        connectTimeoutMs={LOADING_BOUND}
        accessToken={token}
        destination={meeting.sipAddress}
        displayName="Walt"
        password="not-the-password"
        onStateChange={onStateChange}
      />,
    );
    await until(() => states.includes('password-required'), 'the password prompt', LOADING_BOUND);
    await until(
      () => !!container.textContent?.includes('Incorrect password'),
      'the widget to say the password is wrong',
    );
    expect(container.querySelector('.wxc-meeting-guest-authentication')).not.toBeNull();
    await checkState('widget-wrong-password', container);
    await unmountAndSettle();
  });

  it('with the right password goes on to the lobby, and reports it', async () => {
    const meeting = await kit.meeting();
    const token = await kit.guest('widget-3', 'Wes');
    const { states, onStateChange } = recorder();
    const { container } = render(
      <WebexMeetingWidget
        discovery={sim.discovery}
        connectTimeoutMs={LOADING_BOUND}
        accessToken={token}
        destination={meeting.sipAddress}
        displayName="Wes"
        password={meeting.password}
        onStateChange={onStateChange}
      />,
    );
    await until(
      () => states.includes('lobby'),
      () => `the lobby (saw ${states})`,
      LOADING_BOUND,
    );
    expect(container.querySelector('.wxc-waiting-for-host')).not.toBeNull();
    const inSim = await sim.meeting(meeting.id);
    expect(inSim.participants).toEqual([expect.objectContaining({ name: 'Wes', inLobby: true })]);
    await checkState('widget-lobby', container);
    await unmountAndSettle();
  });

  it('in an open meeting joins, fires onJoined, and fires onLeft when the guest leaves', async () => {
    const meeting = await kit.meeting({
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: true,
    });
    const token = await kit.guest('widget-4', 'Wim');
    const { states, onStateChange } = recorder();
    const onJoined = vi.fn();
    const onLeft = vi.fn();
    const { container } = render(
      <WebexMeetingWidget
        discovery={sim.discovery}
        connectTimeoutMs={LOADING_BOUND}
        accessToken={token}
        destination={meeting.sipAddress}
        displayName="Wim"
        password={meeting.password}
        onStateChange={onStateChange}
        onJoined={onJoined}
        onLeft={onLeft}
      />,
    );
    await until(
      () => onJoined.mock.calls.length === 1,
      () => `onJoined (saw ${states})`,
      LOADING_BOUND,
    );
    expect(states.at(-1)).toBe('joined');
    expect(container.querySelector('.wxc-in-meeting')).not.toBeNull();
    expect((await sim.meeting(meeting.id)).participants).toEqual([
      expect.objectContaining({ name: 'Wim', inLobby: false }),
    ]);
    await checkState('widget-joined', container);
    // The widget's own leave button (the first of its two copies is the live one).
    await userEvent.click(
      container.querySelector<HTMLButtonElement>(
        '.wxc-meeting-control-bar__controls button[aria-label="Leave meeting"]',
      )!,
    );
    await until(
      () => onLeft.mock.calls.length === 1,
      () => `onLeft (saw ${states})`,
      LOADING_BOUND,
    );
    expect((await sim.meeting(meeting.id)).participants).toEqual([]);
    expect(states.at(-1)).toBe('left');
    await unmountAndSettle();
  });

  it('refuses a room id with the 30105 guidance and never mounts the widget', async () => {
    const onError = vi.fn();
    const { container } = render(
      <WebexMeetingWidget
        discovery={sim.discovery}
        accessToken="a_b_c"
        destination={ROOM_ID}
        onError={onError}
      />,
    );
    await until(() => onError.mock.calls.length > 0, 'onError');
    expect(onError.mock.calls[0]![0]).toMatchObject({
      code: 'space-id-not-supported',
      webexCode: 30105,
    });
    expect(screen.getByRole('alert').textContent).toMatch(/30105/);
    expect(container.querySelector('.webex-meetings-widget, .g2g-widget__host')).toBeNull();
    // Scoped to this test's token ('a_b_c', never issued by the simulator), not
    // the whole log: an earlier test's SDK may still be posting metrics.
    expect(await sim.requests()).not.toContainEqual(expect.objectContaining({ auth: 'invalid' }));
    await checkState('widget-room-id', container);
  });

  it('reports timeout after connectTimeoutMs when the cloud does not answer, and retries', async () => {
    const meeting = await kit.meeting();
    const token = await kit.guest('widget-4', 'Tim');
    // Slow, not dead: well past the wrapper's 3 s, well short of webex-core's own
    // 60 s catalog wait, whose rejection would otherwise outlive this test.
    await sim.addFault({ path: '/u2c/*', latencyMs: 20_000 });
    const onError = vi.fn();
    const props = { accessToken: token, destination: meeting.sipAddress, onError };
    const { container, rerender } = render(
      <WebexMeetingWidget discovery={sim.discovery} {...props} connectTimeoutMs={3000} />,
    );
    await until(() => onError.mock.calls.length > 0, 'onError', 10_000);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'timeout', retryable: true });
    expect(screen.getByRole('alert').textContent).toMatch(/did not load in time/);
    await checkState('widget-timeout', container);
    await sim.clearFaults();
    // A longer deadline applies from the next attempt on: a real connect takes seconds.
    rerender(
      <WebexMeetingWidget discovery={sim.discovery} {...props} connectTimeoutMs={LOADING_BOUND} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await until(
      () => !!container.querySelector('.wxc-meeting-guest-authentication'),
      () =>
        `the retried widget to reach the password prompt (${container.innerHTML.slice(0, 300)})`,
      LOADING_BOUND,
    );
    await unmountAndSettle();
  });

  it('through a SIP address as Webex issues it: wrong password, right password, lobby, admitted by the host, joined, the host’s video, left', async () => {
    const meeting = await kit.meeting();
    const host = await joinAsHost(meeting, await kit.guest('widget-host', 'Hana Host'));
    const token = await kit.guest('widget-journey', 'Gina Guest');
    const { states, onStateChange } = recorder();
    const onJoined = vi.fn();
    const onLeft = vi.fn();
    const onError = vi.fn();
    const props = {
      discovery: sim.discovery,
      connectTimeoutMs: LOADING_BOUND,
      accessToken: token,
      destination: `sip:${siteSip(meeting)}`,
      displayName: 'Gina',
      onStateChange,
      onJoined,
      onLeft,
      onError,
    };
    const { container } = render(<WebexMeetingWidget {...props} password="not-the-password" />);
    try {
      await until(() => states.includes('password-required'), 'the password prompt', LOADING_BOUND);
      // meetingInfo went to the site itself (resolved to the simulator), which asked for the password.
      const infos = await sim.requests({ method: 'POST', path: '/wbxappapi/v1/meetingInfo' });
      expect(infos).toContainEqual(expect.objectContaining({ status: 403, auth: 'guest' }));
      await until(
        () => !!container.textContent?.includes('Incorrect password'),
        'the widget to say the password is wrong',
      );
      // The right one, typed into the widget's own form as a guest would.
      // The widget re-renders its form (new element ids) as its meeting updates:
      // find the field afresh until what was typed is in it.
      const field = () => container.querySelector<HTMLInputElement>('input[name="password"]');
      await until(async () => {
        const el = field();
        if (!el) return false;
        await userEvent.fill(el, meeting.password).catch(() => {});
        return field()?.value === meeting.password;
      }, 'the right password to be typed in');
      await userEvent.click(
        container.querySelector<HTMLButtonElement>(
          '.wxc-meeting-guest-authentication__start-button',
        )!,
      );
      await until(
        () => states.includes('lobby'),
        () => `the lobby (saw ${states})`,
        LOADING_BOUND,
      );
      await checkState('widget-journey-lobby', container);

      // The host admits the guest from their roster.
      let waiting: { id: string; name: string } | undefined;
      await until(
        () => !!(waiting = host.session.roster.getSnapshot().participants.find((p) => p.inLobby)),
        'the guest in the host’s lobby list',
      );
      expect(waiting!.name).toBe('Gina');
      await host.session.admit([waiting!.id]);
      await until(
        () => onJoined.mock.calls.length === 1,
        () => `onJoined (saw ${states})`,
        LOADING_BOUND,
      );
      expect(states.at(-1)).toBe('joined');

      // The host's camera, relayed by the simulator, plays in the widget.
      let video: HTMLVideoElement | null = null;
      await until(
        () => !!(video = container.querySelector<HTMLVideoElement>('video[class*="remote-video"]')),
        () =>
          `the widget's remote video (${container.querySelector('.wxc-in-meeting')?.textContent})`,
        LOADING_BOUND,
      );
      const frames = countFrames(video!);
      await until(
        () => frames() >= 10 && video!.videoWidth > 0,
        () => `frames of the host's video (${frames()} frames, ${video!.videoWidth} wide)`,
        LOADING_BOUND,
      );
      const seenAt = video!.currentTime;
      await until(() => video!.currentTime > seenAt, 'the remote video to keep playing');
      await checkState('widget-journey-joined', container);

      await userEvent.click(
        container.querySelector<HTMLButtonElement>(
          '.wxc-meeting-control-bar__controls button[aria-label="Leave meeting"]',
        )!,
      );
      await until(
        () => onLeft.mock.calls.length === 1,
        () => `onLeft (saw ${states})`,
        LOADING_BOUND,
      );
      expect(states).toEqual(
        expect.arrayContaining(['loading', 'password-required', 'lobby', 'joined', 'left']),
      );
      expect(onError).not.toHaveBeenCalled();
      await until(
        async () => !(await sim.meeting(meeting.id)).participants.some((p) => p.name === 'Gina'),
        'the guest to be gone from the meeting',
      );
      await unmountAndSettle();
    } finally {
      await host.session.leave().catch(() => {});
      await host.client.dispose();
    }
    // A bound on a hang, not speed: two SDKs (the host's webex@3, the widget's
    // 2.60.4) load, register and negotiate media on a machine that may be busy.
  }, 600_000);
});
