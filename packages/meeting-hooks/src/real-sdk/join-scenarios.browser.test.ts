// The join scenario table (join-scenarios.ts) through the real webex@3 SDK
// in Chromium against @g2g/webex-sim; join-scenarios.fake.test.ts runs the
// same table through the scripted fake. Both must publish the same states.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { provision } from '@g2g/webex-sim/testing/browser';
import type { MeetingClient } from '../core/client';
import type { JoinSession } from '../core/session';
import { captchaIdOf, setUp, type SimMeeting } from './kit';
import { JOIN_SCENARIOS, RESTING, recordStates, type JoinScenario } from './join-scenarios';

// Bounds on a hang, not on speed: the first connect imports the 5 MB SDK (20 s+ under load).
const WAIT = { timeout: 100_000, interval: 50 };
const SCENARIO_TIMEOUT = 240_000;
const NOWHERE = '2999 999 9999';

let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('join-scenarios');
});
afterAll(async () => {
  await env?.sim.close();
});

async function rest(session: JoinSession) {
  await vi.waitFor(
    () => expect(RESTING as readonly string[]).toContain(session.getSnapshot().status),
    WAIT,
  );
}

async function until(session: JoinSession, status: string) {
  await vi.waitFor(() => expect(session.getSnapshot().status).toBe(status), WAIT);
}

/** The meeting a scenario asks for, and the clients it needed to get there (to dispose). */
async function arrange(scenario: JoinScenario) {
  const m = scenario.meeting;
  const others: MeetingClient[] = [];
  let kit = { meeting: env.meeting, guestToken: env.guestToken };
  if (m.licenceExhausted) {
    // A Service App licensed for one meeting, already taken by another one.
    const app = await provision(env.sim, { licenceLimit: 1 });
    kit = { meeting: app.meeting, guestToken: (s: string, n?: string) => app.guest(s, n) };
    const other = await app.meeting({ unlockedMeetingJoinSecurity: 'allowJoin' });
    const occupier = env.client({ accessToken: await app.guest('occupier', 'Occ') });
    others.push(occupier);
    const inOther = occupier.join(other.meetingNumber, { password: other.password });
    await until(inOther, 'joined');
  }
  const start = Date.now() + (m.joinBeforeHost === 'not-yet' ? 2 * 3600_000 : 60_000);
  const meeting: SimMeeting = await kit.meeting({
    unlockedMeetingJoinSecurity: m.lobby ? 'allowJoinWithLobby' : 'allowJoin',
    enabledJoinBeforeHost: m.joinBeforeHost !== 'off',
    joinBeforeHostMinutes: m.joinBeforeHost === 'not-yet' ? 5 : 15,
    start: new Date(start).toISOString(),
    end: new Date(start + 3600_000).toISOString(),
  });
  const hostJoins = async () => {
    const host = env.client({ accessToken: await env.guestToken('host', 'Dr Host') });
    others.push(host);
    const session = host.join(meeting.meetingNumber, { hostKey: meeting.hostKey });
    await until(session, 'joined');
    return session;
  };
  if (m.locked) await (await hostJoins()).setLocked(true);
  return { meeting, kit, others, hostJoins };
}

describe('join scenarios through webex@3 and the simulator', () => {
  for (const scenario of JOIN_SCENARIOS) {
    it(
      scenario.name,
      async () => {
        const { meeting, kit, others, hostJoins } = await arrange(scenario);
        const expiring = scenario.steps.includes('expire-token');
        const issued: string[] = [];
        const client = env.client(
          expiring
            ? {
                getAccessToken: async () => {
                  issued.push(await kit.guestToken('pat', 'Pat Guest'));
                  return issued.at(-1)!;
                },
              }
            : { accessToken: await kit.guestToken('pat', 'Pat Guest') },
        );
        try {
          await client.connect();
          let session: JoinSession | undefined;
          let seen: string[] = [];
          for (const step of scenario.steps) {
            if (step === 'expire-token') {
              expect(await env.sim.expireToken(issued[0]!)).toBe(true);
              continue;
            }
            if (typeof step === 'object' && 'join' in step) {
              const destination =
                scenario.meeting.exists === false ? NOWHERE : meeting.meetingNumber;
              session = client.join(destination, {
                displayName: 'Pat Guest',
                ...(step.join.password ? { password: meeting.password } : {}),
                ...(step.join.hostKey ? { hostKey: meeting.hostKey } : {}),
              });
              seen = recordStates(session);
            } else if (typeof step === 'object' && 'password' in step) {
              const value =
                step.password === 'host-key'
                  ? meeting.hostKey
                  : step.password === 'right'
                    ? meeting.password
                    : 'not-it';
              await session!.submitPassword(value);
            } else if (step === 'solve-captcha') {
              const state = session!.getSnapshot();
              if (state.status !== 'password-required') throw new Error(state.status);
              const code = await env.sim.captchaCode(captchaIdOf(state.captcha.imageUrl));
              await session!.submitPassword(meeting.password, code);
            } else if (step === 'admit') {
              await until(session!, 'lobby');
              await env.sim.admit(meeting.id);
            } else if (step === 'host-arrives') {
              await until(session!, 'lobby');
              await hostJoins();
            } else if (step === 'leave') {
              await until(session!, 'joined');
              await session!.leave();
            }
            await rest(session!);
          }
          expect(seen).toEqual(scenario.expect);
          if (expiring) expect(issued).toHaveLength(2);
        } finally {
          await client.dispose();
          for (const other of others) await other.dispose();
        }
      },
      SCENARIO_TIMEOUT,
    );
  }
});
