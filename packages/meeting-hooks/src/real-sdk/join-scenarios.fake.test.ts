// The join scenario table (join-scenarios.ts) through the scripted fake; its
// twin, join-scenarios.browser.test.ts, runs the same table through the real
// SDK against the simulator and expects the same states.
import { describe, expect, it, vi } from 'vitest';
import { createMeetingClient } from '../core/client';
import type { JoinSession } from '../core/session';
import { createFakeWebex, type FakeMeetingScript } from '../testing/fake-webex';
import { MEETING_NUMBER, TOKEN, until } from '../test-support';
import { JOIN_SCENARIOS, RESTING, recordStates, type ScenarioMeeting } from './join-scenarios';

const PASSWORD = 'secret-pass';
const HOST_KEY = '424242';
const CAPTCHA = 'ABCD';

function scriptFor(m: ScenarioMeeting): FakeMeetingScript {
  return {
    password: PASSWORD,
    hostKey: HOST_KEY,
    captchaAfterFailures: 3,
    captchaCode: CAPTCHA,
    lobby: m.lobby,
    ...(m.joinBeforeHost === 'not-yet' ? { joinBeforeHost: false } : {}),
    ...(m.joinBeforeHost === 'off' ? { waitForHost: true } : {}),
    ...(m.locked ? { locked: true } : {}),
    ...(m.exists === false ? { exists: false } : {}),
    ...(m.licenceExhausted ? { licenseExhausted: true } : {}),
  };
}

/** Waits for the session to rest (a state that waits on the person or the world). */
async function rest(session: JoinSession) {
  await vi.waitFor(() =>
    expect(RESTING as readonly string[]).toContain(session.getSnapshot().status),
  );
}

describe('join scenarios through the fake', () => {
  for (const scenario of JOIN_SCENARIOS) {
    it(scenario.name, async () => {
      const expiring = scenario.steps.includes('expire-token');
      const fake = createFakeWebex({
        meeting: scriptFor(scenario.meeting),
        ...(expiring ? { tokenExpiresAt: 'create' as const } : {}),
      });
      const client = createMeetingClient({
        ...(expiring ? { getAccessToken: async () => TOKEN } : { accessToken: TOKEN }),
        sdk: fake.sdk,
      });
      await client.connect();
      let session: JoinSession | undefined;
      let seen: string[] = [];
      for (const step of scenario.steps) {
        if (step === 'expire-token') continue; // scripted above: the fake's token expires at create
        if (typeof step === 'object' && 'join' in step) {
          session = client.join(MEETING_NUMBER, {
            displayName: 'Pat Guest',
            ...(step.join.password ? { password: PASSWORD } : {}),
            ...(step.join.hostKey ? { hostKey: HOST_KEY } : {}),
          });
          seen = recordStates(session);
        } else if (typeof step === 'object' && 'password' in step) {
          const value =
            step.password === 'host-key'
              ? HOST_KEY
              : step.password === 'right'
                ? PASSWORD
                : 'not-it';
          await session!.submitPassword(value);
        } else if (step === 'solve-captcha') {
          await session!.submitPassword(PASSWORD, CAPTCHA);
        } else if (step === 'admit' || step === 'host-arrives') {
          fake.admitSelf();
        } else if (step === 'leave') {
          await until(session!, 'joined');
          await session!.leave();
        }
        await rest(session!);
      }
      expect(seen).toEqual(scenario.expect);
      await client.dispose();
    });
  }
});
