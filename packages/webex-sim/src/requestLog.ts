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
  /** The person whose token authenticated the request: scopes a test's assertions to its own callers. */
  personId?: string;
  /**
   * Set when no route of the simulator knows the request (answered 404 or
   * 405): a call the real SDK makes that the simulator does not model.
   */
  unmodelled?: true;
}

/** How the request log can be narrowed. */
export interface RequestFilter {
  method?: string;
  /** A glob (`*` = any run of characters) over the path. */
  path?: string;
  /** Only requests logged after this sequence number. */
  since?: number;
  /** Only requests made with this person's token. */
  personId?: string;
  /** Only requests no route modelled. */
  unmodelled?: boolean;
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

  list(filter: RequestFilter = {}): LoggedRequest[] {
    const pathRe = filter.path ? globToRegExp(filter.path) : undefined;
    return this.entries.filter(
      (e) =>
        (!filter.method || e.method === filter.method.toUpperCase()) &&
        (!pathRe || pathRe.test(e.path)) &&
        (filter.since === undefined || e.seq > filter.since) &&
        (filter.personId === undefined || e.personId === filter.personId) &&
        (filter.unmodelled === undefined || !!e.unmodelled === filter.unmodelled),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
