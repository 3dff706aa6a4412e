// Local media through the real webex@3 media helpers, on Chromium's fake
// camera and microphone (--use-fake-device-for-media-stream). The simulator
// has no media servers, so this stops at local streams and devices.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { setUp } from './kit';

let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('hooks-media');
});
afterAll(async () => {
  await env?.sim.close();
});

it('starts, mutes, lists, switches and stops the camera and microphone with the real SDK', async () => {
  const meeting = await env.meeting({
    unlockedMeetingJoinSecurity: 'allowJoin',
    enabledJoinBeforeHost: true,
  });
  const client = env.client({ accessToken: await env.guestToken('media-user', 'Mia') });
  const session = client.join(meeting.meetingNumber, {
    displayName: 'Mia',
    password: meeting.password,
  });
  await vi.waitFor(() => expect(session.getSnapshot().status).toBe('joined'), { timeout: 100_000 });
  const media = session.localMedia;

  expect(await media.start('camera')).toBeNull();
  expect(await media.start('microphone')).toBeNull();
  let state = media.getSnapshot();
  expect(state.camera).toMatchObject({ status: 'on', muted: false });
  expect(state.microphone).toMatchObject({ status: 'on', muted: false });
  expect(state.camera.stream?.getVideoTracks()).toHaveLength(1);
  expect(state.microphone.stream?.getAudioTracks()).toHaveLength(1);

  expect(await media.setMuted('microphone', true)).toBeNull();
  expect(media.getSnapshot().microphone.muted).toBe(true);

  const devices = await media.listDevices();
  const cameras = devices.filter((d) => d.kind === 'videoinput');
  expect(cameras.length).toBeGreaterThan(0);
  expect(await media.switchDevice('camera', cameras[0]!.deviceId)).toBeNull();
  expect(media.getSnapshot().camera.status).toBe('on');

  expect(await media.stop('camera')).toBeNull();
  state = media.getSnapshot();
  expect(state.camera.status).toBe('off');
  await session.leave();
  await client.dispose();
});
