// Shared setup for the real-SDK browser tests: a provisioned Service App,
// meetings created over REST, guest tokens, and an initialised SDK.
import type { BrowserSim } from '../testing/browser';

export interface CreatedMeeting {
  id: string;
  meetingNumber: string;
  password: string;
  hostKey: string;
  sipAddress: string;
  webLink: string;
  title: string;
}

export async function provision(sim: BrowserSim, licenceLimit?: number) {
  const app = await sim.createServiceApp(licenceLimit === undefined ? {} : { licenceLimit });
  const token = app.tokens.accessToken;
  return {
    app,
    async meeting(overrides: Record<string, unknown> = {}): Promise<CreatedMeeting> {
      const start = new Date(Date.now() + 60_000);
      const res = await sim.rest<CreatedMeeting>(token, 'POST', '/meetings', {
        title: 'Consultation',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3600_000).toISOString(),
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 15,
        unlockedMeetingJoinSecurity: 'allowJoinWithLobby',
        ...overrides,
      });
      if (res.status !== 200)
        throw new Error(`create meeting: ${res.status} ${JSON.stringify(res.body)}`);
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

/** Minimal typing of the SDK surface these tests touch. */
export interface SdkEmitter {
  on(event: string, cb: (payload: unknown) => void): void;
  off?(event: string, cb: (payload: unknown) => void): void;
}

export function nextEvent<T = unknown>(
  emitter: SdkEmitter,
  event: string,
  predicate: (p: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const handler = (payload: unknown) => {
      if (!predicate(payload as T)) return;
      emitter.off?.(event, handler);
      resolve(payload as T);
    };
    emitter.on(event, handler);
  });
}

/** Polls a condition the SDK updates asynchronously (no fixed sleeps, no timing thresholds). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  attempts = 200,
): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export function sdkConfig(sim: BrowserSim) {
  return {
    services: { discovery: sim.discovery },
    meetings: { autoUploadLogs: false, reconnection: { enabled: false } },
    logger: { level: 'error' },
    metrics: { type: ['behavioral'] },
  };
}

export async function loadImage(src: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = src;
  await img.decode();
  return img;
}
