// Browser side: `const sim = await startBrowserSim()` in a *.browser.test.ts
// gives a fresh simulator on loopback and a control client for it.
import { commands } from 'vitest/browser';
import { createSimClient, type SimClient } from '../client';
import type { StartSimOptions } from '../index';

declare module 'vitest/browser' {
  interface BrowserCommands {
    startSim: (options?: Omit<StartSimOptions, 'host'>) => Promise<{ url: string }>;
    stopSim: (url: string) => Promise<void>;
    routeWebexSites: (url: string) => Promise<void>;
  }
}

export interface BrowserSim extends SimClient {
  close(): Promise<void>;
}

export async function startBrowserSim(
  options: Omit<StartSimOptions, 'host'> = {},
): Promise<BrowserSim> {
  const { url } = await commands.startSim(options);
  return { ...createSimClient(url), close: () => commands.stopSim(url) };
}

/**
 * Makes Webex sites' own names (`https://<site>.webex.com/wbxappapi/…`, where
 * webex@2.60.4 sends meetingInfo for a three-label SIP address) resolve to
 * `sim` in this test's browser context. See `testing/webex-sites.ts`.
 */
export async function routeWebexSitesTo(sim: { url: string }): Promise<void> {
  await commands.routeWebexSites(sim.url);
}

/** A meeting scheduled over the REST face, with the secrets a test needs. */
export interface ScheduledMeeting {
  id: string;
  meetingNumber: string;
  title: string;
  password: string;
  hostKey: string;
  sipAddress: string;
  webLink: string;
}

/**
 * A Service App on `sim`, and helpers to schedule meetings (starting in a
 * minute, join-before-host on, lobby by default) and mint guest tokens with it.
 */
export async function provision(sim: SimClient, options: { licenceLimit?: number } = {}) {
  const app = await sim.createServiceApp(
    options.licenceLimit === undefined ? {} : { licenceLimit: options.licenceLimit },
  );
  const token = app.tokens.accessToken;
  return {
    app,
    async meeting(overrides: Record<string, unknown> = {}): Promise<ScheduledMeeting> {
      const start = Date.now() + 60_000;
      const res = await sim.rest<ScheduledMeeting>(token, 'POST', '/meetings', {
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
    async guest(subject: string, displayName = subject): Promise<string> {
      const res = await sim.rest<{ accessToken: string }>(token, 'POST', '/guests/token', {
        subject,
        displayName,
      });
      if (res.status !== 200) throw new Error(`guest token: ${res.status}`);
      return res.body.accessToken;
    },
  };
}

/** Polls until `condition` holds: the SDK and the simulator move asynchronously (no fixed sleeps). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string | (() => string),
  ms = 20_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`);
}
