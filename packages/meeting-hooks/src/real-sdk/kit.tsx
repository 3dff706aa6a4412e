// Shared setup for the real-SDK tests: a simulator, a Service App, meetings
// over REST, guest tokens, and a client pointed at the simulator.
import type { ReactNode } from 'react';
import { startBrowserSim, type BrowserSim } from '@g2g/webex-sim/testing/browser';
import { createMeetingClient, type MeetingClientOptions } from '../core';
import { MeetingClientProvider } from '../react';

export interface SimMeeting {
  id: string;
  meetingNumber: string;
  password: string;
  hostKey: string;
  sipAddress: string;
  webLink: string;
}

export async function setUp(seed: string, licenceLimit?: number) {
  const sim: BrowserSim = await startBrowserSim({ seed });
  const app = await sim.createServiceApp(licenceLimit === undefined ? {} : { licenceLimit });
  const appToken = app.tokens.accessToken;
  return {
    sim,
    async meeting(overrides: Record<string, unknown> = {}): Promise<SimMeeting> {
      const start = Date.now() + 60_000;
      const res = await sim.rest<SimMeeting>(appToken, 'POST', '/meetings', {
        title: 'Consultation',
        start: new Date(start).toISOString(),
        end: new Date(start + 3600_000).toISOString(),
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 15,
        unlockedMeetingJoinSecurity: 'allowJoinWithLobby',
        ...overrides,
      });
      if (res.status !== 200)
        throw new Error(`create meeting: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async guestToken(subject: string, displayName = subject): Promise<string> {
      const res = await sim.rest<{ accessToken: string }>(appToken, 'POST', '/guests/token', {
        subject,
        displayName,
      });
      if (res.status !== 200) throw new Error(`guest token: ${res.status}`);
      return res.body.accessToken;
    },
    client(options: MeetingClientOptions) {
      return createMeetingClient({
        discovery: sim.discovery,
        config: {
          meetings: { autoUploadLogs: false, reconnection: { enabled: false } },
          logger: { level: 'error' },
        },
        ...options,
      });
    },
  };
}

export function providerFor(client: ReturnType<typeof createMeetingClient>) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <MeetingClientProvider client={client}>{children}</MeetingClientProvider>;
  };
}

/** The captcha id is the path segment before `/image.png` in the simulator's URLs. */
export function captchaIdOf(imageUrl: string | null): string {
  const id = /\/captchas\/([^/]+)\/image\.png/.exec(imageUrl ?? '')?.[1];
  if (!id) throw new Error(`no captcha id in ${imageUrl}`);
  return id;
}
