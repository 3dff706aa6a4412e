// The stock widget's SDK, webex@2.60.4, on the same create → password → join path.
import Webex from 'webex-legacy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSim, type BrowserSim } from '../testing/browser';
import { nextEvent, provision, sdkConfig, type CreatedMeeting } from './sdk-test-kit';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK ships no usable types */
let sim: BrowserSim;
let meeting: CreatedMeeting;
let webex: any;

beforeAll(async () => {
  sim = await startBrowserSim({ seed: 'real-sdk-v2' });
  const kit = await provision(sim);
  meeting = await kit.meeting({
    unlockedMeetingJoinSecurity: 'allowJoin',
    enabledJoinBeforeHost: true,
  });
  webex = (Webex as any).init({
    credentials: { access_token: await kit.guest('legacy-1', 'Lee Legacy') },
    config: sdkConfig(sim),
  });
  if (!webex.ready) await nextEvent(webex, 'ready');
});

afterAll(async () => {
  await webex?.meetings.unregister().catch(() => {});
  await sim?.close();
});

describe('webex@2.60.4 against webex-sim', () => {
  it('registers, creates by MEETING_ID, verifies the password and joins', async () => {
    expect(webex.version).toMatch(/^2\.60\./);
    await webex.meetings.register();
    expect(webex.meetings.registered).toBe(true);

    const m = await webex.meetings.create(meeting.meetingNumber, 'MEETING_ID');
    expect(m.passwordStatus).toBe('REQUIRED');

    const wrong = await m.verifyPassword('nope', '');
    expect(wrong).toMatchObject({ isPasswordValid: false, failureReason: 'WRONG_PASSWORD' });

    const right = await m.verifyPassword(meeting.password, '');
    expect(right.isPasswordValid).toBe(true);
    expect(m.passwordStatus).toBe('VERIFIED');

    await m.join({ alias: 'Lee Legacy' });
    const state = await sim.meeting(meeting.id);
    expect(state.state).toBe('inProgress');
    expect(state.participants).toEqual([
      expect.objectContaining({ name: 'Lee Legacy', inLobby: false }),
    ]);

    const removed = nextEvent<{ reason: string }>(webex.meetings, 'meeting:removed');
    await m.leave();
    expect((await removed).reason).toBeTruthy();
    expect((await sim.meeting(meeting.id)).state).not.toBe('inProgress');
  });
});
