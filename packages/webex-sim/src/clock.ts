/**
 * The simulator's notion of "now". Tests move it forward to expire tokens or
 * pass meeting start times without waiting; real time keeps flowing on top.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves time forward (or back, with a negative value) by `ms`. */
  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }

  iso(at: number = this.now()): string {
    return new Date(at).toISOString();
  }
}
