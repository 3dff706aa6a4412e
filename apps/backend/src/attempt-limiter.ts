/**
 * Counts failed attempts (authentication, here) per key — the client's
 * address — in a fixed window, so guessing keys stops after a few tries
 * instead of running at wire speed. In memory: a replica set either shares
 * one (a database-backed implementation of this interface) or accepts a
 * limit per replica.
 */
export interface AttemptLimiter {
  /** Whether `key` is locked out now, and until when (epoch ms). */
  locked(key: string): Promise<{ locked: boolean; until: number }>;
  /** Records a failure; resolves with whether this failure locked `key`. */
  fail(key: string): Promise<{ locked: boolean; until: number; count: number }>;
}

/** Failed attempts allowed per window; default 10 per minute. */
export interface AttemptLimit {
  max: number;
  windowMs: number;
}

/** An {@link AttemptLimiter} in memory, on an injectable clock, bounded in size. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: AttemptLimit,
    private readonly now: () => number = Date.now,
    private readonly capacity = 50_000,
  ) {}

  async locked(key: string) {
    const w = this.current(key);
    const until = w ? w.start + this.limit.windowMs : 0;
    return { locked: !!w && w.count >= this.limit.max, until };
  }

  async fail(key: string) {
    let w = this.current(key);
    if (!w) {
      w = { start: this.now(), count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > this.capacity) this.sweep();
    }
    w.count++;
    return {
      locked: w.count >= this.limit.max,
      until: w.start + this.limit.windowMs,
      count: w.count,
    };
  }

  private current(key: string) {
    const w = this.windows.get(key);
    if (w && this.now() - w.start >= this.limit.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  /** Drops expired windows; if still full, the oldest ones. */
  private sweep(): void {
    const now = this.now();
    for (const [k, w] of this.windows)
      if (now - w.start >= this.limit.windowMs) this.windows.delete(k);
    for (const k of this.windows.keys()) {
      if (this.windows.size <= this.capacity) break;
      this.windows.delete(k);
    }
  }
}
