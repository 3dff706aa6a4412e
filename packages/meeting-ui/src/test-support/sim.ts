// Provisioning for the browser tests: a Service App, meetings over REST and
// guest tokens on a simulator started for the test file.
import type { BrowserSim } from '@g2g/webex-sim/testing/browser';

export interface SimMeeting {
  id: string;
  meetingNumber: string;
  password: string;
  hostKey: string;
  sipAddress: string;
  webLink: string;
}

export async function provision(sim: BrowserSim) {
  const app = await sim.createServiceApp();
  const token = app.tokens.accessToken;
  return {
    async meeting(overrides: Record<string, unknown> = {}): Promise<SimMeeting> {
      const start = new Date(Date.now() + 60_000);
      const res = await sim.rest<SimMeeting>(token, 'POST', '/meetings', {
        title: 'Consultation',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3600_000).toISOString(),
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 15,
        unlockedMeetingJoinSecurity: 'allowJoinWithLobby',
        ...overrides,
      });
      if (res.status !== 200) throw new Error(`create meeting: ${res.status}`);
      return res.body;
    },
    async guest(subject: string, displayName: string): Promise<string> {
      const res = await sim.rest<{ accessToken: string }>(token, 'POST', '/guests/token', {
        subject,
        displayName,
      });
      if (res.status !== 200) throw new Error(`guest token: ${res.status}`);
      return res.body.accessToken;
    },
  };
}

/** Polls until `condition` holds (the SDK and the sim move asynchronously). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string | (() => string),
  ms = 20_000,
) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`);
}
