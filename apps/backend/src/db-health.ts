import type { Store } from './store/store';

/**
 * Whether this replica can reach its database. A lost connection (any query
 * failing with {@link StoreUnavailableError}) turns it `down`: every request
 * but `/healthz` is answered 503 at once, so nothing runs half on cached
 * state, and a probe pings until the database answers again.
 */
export class DatabaseHealth {
  private down = false;
  private probe: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: { probeEveryMs?: number; onChange?: (up: boolean) => void } = {},
  ) {}

  get up(): boolean {
    return !this.down;
  }

  /**
   * A query failed for want of the database (refused, dropped, or no
   * connection in time): confirmed with a ping of its own before this
   * replica turns everything away, so a burst that queues on the pool does
   * not count as an outage.
   */
  lost(): void {
    if (this.down || this.closed || this.confirming) return;
    this.confirming = true;
    this.store.ping().then(
      () => {
        this.confirming = false;
      },
      () => {
        this.confirming = false;
        this.markDown();
      },
    );
  }

  private confirming = false;

  private markDown(): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.options.onChange?.(false);
    this.schedule();
  }

  /** Pings now: for `/healthz`. Updates the state either way. */
  async check(): Promise<boolean> {
    try {
      await this.store.ping();
      this.recovered();
      return true;
    } catch {
      this.markDown();
      return false;
    }
  }

  close(): void {
    this.closed = true;
    if (this.probe) clearTimeout(this.probe);
  }

  private recovered(): void {
    if (!this.down) return;
    this.down = false;
    if (this.probe) clearTimeout(this.probe);
    this.probe = undefined;
    this.options.onChange?.(true);
  }

  private schedule(): void {
    if (this.closed) return;
    this.probe = setTimeout(() => {
      this.store.ping().then(
        () => this.recovered(),
        () => this.schedule(),
      );
    }, this.options.probeEveryMs ?? 500);
    this.probe.unref();
  }
}
