// Provisioning for the browser tests (a Service App, meetings over REST,
// guest tokens) comes from the simulator's own browser test kit.
import {
  createMeetingClient,
  type MeetingClient,
  type MeetingClientOptions,
} from '@g2g/meeting-hooks';
import type { BrowserSim } from '@g2g/webex-sim/testing/browser';

export {
  provision,
  until,
  type ScheduledMeeting as SimMeeting,
} from '@g2g/webex-sim/testing/browser';

/**
 * Clients of the real SDK on `sim`, each kept until `disposeAll()`:
 * `make(token)` for webex@3, `make(token, true)` for webex@2.60.4. Several in
 * one page are several participants. Timeouts are bounds on a hang, not on
 * speed: the first connect imports the 5 MB SDK (20 s and more under load).
 */
export function simClients(sim: BrowserSim) {
  const made: MeetingClient[] = [];
  return {
    make(token: string, legacy = false): MeetingClient {
      const options: MeetingClientOptions = {
        accessToken: token,
        discovery: sim.discovery,
        timeouts: { connecting: 120_000, resolving: 60_000, verifying: 60_000, joining: 90_000 },
        config: {
          meetings: { autoUploadLogs: false, reconnection: { enabled: false } },
          logger: { level: 'error' },
        },
        ...(legacy ? { sdk: () => import('webex-legacy') } : {}),
      };
      const client = createMeetingClient(options);
      made.push(client);
      return client;
    },
    async disposeAll(): Promise<void> {
      for (const c of made.splice(0)) await c.dispose();
    },
  };
}
