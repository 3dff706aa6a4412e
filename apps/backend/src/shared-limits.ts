import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { AttemptLimit, AttemptLimiter } from './attempt-limiter';
import type { WindowCounters } from './store/store';

/**
 * `@fastify/rate-limit` counting in the shared database, so a limit of 20
 * guest tokens a minute is 20 for the deployment, not 20 per replica. One
 * upsert per limited request; the route's method and URL prefix its keys.
 */
export function sharedRateLimitStore(
  counters: WindowCounters,
  now: () => number = Date.now,
): FastifyRateLimitStoreCtor {
  class SharedStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = 'rate:',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const at = now();
      counters.hit(this.prefix + key, timeWindow, at).then(
        (w) => callback(null, { current: w.count, ttl: Math.max(0, w.start + timeWindow - at) }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // At run time the plugin passes the route's `routeInfo` (method, url) alongside.
      const r = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      const method = r?.method ?? String(routeOptions.method);
      const url = r?.url ?? routeOptions.url;
      return new SharedStore(undefined, `rate:${method}${url}:`);
    }
  }
  return SharedStore;
}

/** Failed authentications counted across replicas: a lock-out holds on every one. */
export class SharedAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly counters: WindowCounters,
    private readonly limit: AttemptLimit,
    private readonly now: () => number = Date.now,
  ) {}

  async locked(key: string) {
    const w = await this.counters.peek(`auth:${key}`, this.limit.windowMs, this.now());
    return {
      locked: !!w && w.count >= this.limit.max,
      until: w ? w.start + this.limit.windowMs : 0,
    };
  }

  async fail(key: string) {
    const w = await this.counters.hit(`auth:${key}`, this.limit.windowMs, this.now());
    return {
      locked: w.count >= this.limit.max,
      until: w.start + this.limit.windowMs,
      count: w.count,
    };
  }
}
