// Shared setup for the real-SDK browser tests: a provisioned Service App,
// meetings created over REST, guest tokens, and an initialised SDK.
import type { BrowserSim } from '../testing/browser';

export { provision, until, type ScheduledMeeting as CreatedMeeting } from '../testing/browser';

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
