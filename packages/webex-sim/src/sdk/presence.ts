import type { World } from '../world/world';

/**
 * Presence as Locus keeps it: a device whose push connection (Mercury) is
 * gone for longer than `presenceGraceMs` no longer answers, so its
 * participants are dropped from their meetings and everyone else sees them
 * leave. A reconnect within the grace period (the SDK retries on its own)
 * changes nothing.
 */
export class Presence {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly world: World,
    private readonly drop: (deviceUrl: string) => void,
  ) {}

  online(deviceUrl: string): void {
    clearTimeout(this.timers.get(deviceUrl));
    this.timers.delete(deviceUrl);
  }

  offline(deviceUrl: string): void {
    clearTimeout(this.timers.get(deviceUrl));
    const timer = setTimeout(() => {
      this.timers.delete(deviceUrl);
      this.drop(deviceUrl);
    }, this.world.options.presenceGraceMs);
    timer.unref?.();
    this.timers.set(deviceUrl, timer);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
