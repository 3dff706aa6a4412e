// Shared setup for the real-SDK tests: a simulator, a Service App, meetings
// over REST, guest tokens, and a client pointed at the simulator.
import type { ReactNode } from 'react';
import { provision, startBrowserSim, type BrowserSim } from '@g2g/webex-sim/testing/browser';
import { vi, expect } from 'vitest';
import {
  createMeetingClient,
  type JoinSession,
  type MeetingClient,
  type MeetingClientOptions,
} from '../core';
import { MeetingClientProvider } from '../react';

export type { ScheduledMeeting as SimMeeting } from '@g2g/webex-sim/testing/browser';

/**
 * Phase timeouts for tests: bounds on a hang, never a speed assertion. The
 * first connect includes importing the 5 MB SDK, which takes 20 s and more in
 * Chromium on a loaded 2-core machine; the product defaults (30 s) would turn
 * that into a flaky `timeout`. Tests of the timeouts themselves set theirs.
 */
export const TEST_TIMEOUTS = {
  connecting: 120_000,
  resolving: 60_000,
  verifying: 60_000,
  joining: 60_000,
} as const;

export async function setUp(seed: string, licenceLimit?: number) {
  const sim: BrowserSim = await startBrowserSim({ seed });
  const kit = await provision(sim, licenceLimit === undefined ? {} : { licenceLimit });
  return {
    sim,
    meeting: kit.meeting,
    guestToken: kit.guest,
    client(options: MeetingClientOptions) {
      return createMeetingClient({
        discovery: sim.discovery,
        config: {
          meetings: { autoUploadLogs: false, reconnection: { enabled: false } },
          logger: { level: 'error' },
        },
        ...options,
        timeouts: { ...TEST_TIMEOUTS, ...options.timeouts },
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

/** A participant of a real-SDK test: its client and its session. */
export interface Side {
  client: MeetingClient;
  session: JoinSession;
}

/** A bound on joining, never on speed: the first connect imports and registers the 5 MB SDK. */
export const JOIN_BOUND = { timeout: 180_000, interval: 100 };

/** Waits for `joined`; a `failed` session fails at once, with its code. */
export async function untilJoined(session: JoinSession, name: string): Promise<void> {
  await vi.waitFor(() => {
    const st = session.getSnapshot();
    if (st.status === 'failed')
      throw new Error(`${name} failed to join: ${st.error.code} ${st.error.message}`);
    expect(st.status).toBe('joined');
  }, JOIN_BOUND);
}
