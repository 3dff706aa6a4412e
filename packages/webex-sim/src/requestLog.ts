import { globToRegExp } from './faults';

/** One request as the simulator saw it, for assertions in tests. */
export interface LoggedRequest {
  seq: number;
  at: number;
  method: string;
  path: string;
  query: string;
  status: number;
  trackingId: string;
  /** Which kind of token authenticated the request, if any (never the token itself). */
  auth?: 'service-app' | 'guest' | 'user' | 'invalid' | 'expired';
  /** Set when an injected fault answered or delayed the request. */
  fault?: string;
}

/** A bounded ring of recent requests: long runs and benchmarks don't grow memory. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly capacity = 20_000) {}

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.entries.push({ ...entry, seq: ++this.seq });
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(filter: { method?: string; path?: string; since?: number } = {}): LoggedRequest[] {
    const pathRe = filter.path ? globToRegExp(filter.path) : undefined;
    return this.entries.filter(
      (e) =>
        (!filter.method || e.method === filter.method.toUpperCase()) &&
        (!pathRe || pathRe.test(e.path)) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
