/**
 * Injected failures, matched per request before routing. A fault applies to
 * requests whose path matches `path` (a glob: `*` is any run of characters)
 * and, when given, whose method matches.
 */
export interface FaultSpec {
  /** Glob over the request path, e.g. `/v1/meetings*` or `*meetingInfo*`. */
  path: string;
  method?: string;
  /** Answer with this status and the Webex error envelope instead of routing. */
  status?: number;
  /** `Retry-After` seconds sent with the status (typically with 429). */
  retryAfter?: number;
  /** Delay before the request is handled (or failed). */
  latencyMs?: number;
  /** Close matching websockets at once and refuse new ones while the fault lasts. */
  dropWebsockets?: boolean;
  /** How many requests the fault applies to; omitted = until cleared. */
  count?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Requests it has applied to so far. */
  hits: number;
}

export class Faults {
  private list: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: `fault-${this.nextId++}`, hits: 0 };
    this.list.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((f) => f.id !== id);
    return this.list.length !== before;
  }

  clear(): void {
    this.list = [];
  }

  all(): Fault[] {
    return this.list.map((f) => ({ ...f }));
  }

  /** The first live fault for this request; counts the hit and retires spent faults. */
  take(method: string, path: string, kind: 'http' | 'websocket' = 'http'): Fault | undefined {
    const fault = this.list.find(
      (f) =>
        (kind === 'websocket' ? f.dropWebsockets : !f.dropWebsockets || f.status || f.latencyMs) &&
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) &&
        globToRegExp(f.path).test(path),
    );
    if (!fault) return undefined;
    fault.hits++;
    if (fault.count !== undefined && fault.hits >= fault.count) this.remove(fault.id);
    return { ...fault };
  }
}

export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}
