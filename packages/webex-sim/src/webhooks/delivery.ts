import { isLoopbackHost } from '../loopback';
import type { Webhook } from '../world/types';
import type { World, WorldEvent } from '../world/world';
import { envelope, restData, signature } from './envelope';
import { hears } from './match';

type WebhookEvent = Extract<WorldEvent, { type: 'webhook' }>;

/** One slow target must not hold deliveries (or `idle()`) forever. */
const POST_TIMEOUT_MS = 5_000;
/** Webex disables a webhook after 100 failed deliveries within 5 minutes. */
const DISABLE_AFTER = 100;
const FAILURE_WINDOW_MS = 5 * 60_000;

/**
 * Posts world `webhook` events to matching webhooks, signed, with retries,
 * in the background. Nothing here may throw into the server: a delivery
 * failure is the target's problem, recorded on the webhook.
 */
export class WebhookDelivery {
  private pending = 0;
  private waiters: (() => void)[] = [];
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;
  private readonly onEvent = (e: WorldEvent) => {
    if (e.type === 'webhook') this.dispatch(e);
  };

  constructor(private readonly world: World) {}

  start(): this {
    this.world.events.on('event', this.onEvent);
    return this;
  }

  /** Stops listening and abandons pending retries and requests. */
  stop(): void {
    this.stopped = true;
    this.world.events.off('event', this.onEvent);
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
    for (const c of this.inFlight) c.abort();
  }

  /** Resolves when no delivery (first attempt or retry) is outstanding. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private dispatch(e: WebhookEvent): void {
    const data = restData(e.data);
    for (const w of this.world.webhooks.values()) {
      if (!hears(this.world, w, e, data)) continue;
      const body = Buffer.from(JSON.stringify(envelope(this.world, w, e, data)));
      this.pending++;
      this.deliver(w, body)
        .catch((err: unknown) => console.error('[webex-sim] webhook delivery bug', err))
        .finally(() => {
          if (--this.pending === 0) for (const wake of this.waiters.splice(0)) wake();
        });
    }
  }

  private live(w: Webhook): boolean {
    return !this.stopped && w.status === 'active' && this.world.webhooks.isRegistered(w);
  }

  private async deliver(w: Webhook, body: Buffer): Promise<void> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'webex-sim',
      Trackingid: `WEBHOOK_${this.world.ids.uuid()}`,
      ...(w.secret ? { 'X-Spark-Signature': signature(w.secret, body) } : {}),
    };
    const attempts = Math.max(1, this.world.options.webhookAttempts);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (!this.live(w)) return;
      if (await this.post(w.targetUrl, headers, body)) return;
      this.recordFailure(w);
      if (attempt < attempts - 1)
        await this.sleep(this.world.options.webhookRetryDelayMs * 2 ** attempt);
    }
  }

  private async post(
    target: string,
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<boolean> {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return false;
    }
    // The simulator is a local cloud: it calls nothing beyond this machine.
    if (!isLoopbackHost(url.hostname)) return false;
    const abort = new AbortController();
    this.inFlight.add(abort);
    const timer = setTimeout(() => abort.abort(), POST_TIMEOUT_MS);
    try {
      // A copy typed as plain bytes: the DOM `BodyInit` type refuses Node's Buffer.
      const bytes = new Uint8Array(body);
      const res = await fetch(url, { method: 'POST', headers, body: bytes, signal: abort.signal });
      await res.arrayBuffer().catch(() => undefined);
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
    }
  }

  private recordFailure(w: Webhook): void {
    const now = this.world.now();
    w.failures = w.failures.filter((t) => t > now - FAILURE_WINDOW_MS);
    w.failures.push(now);
    if (w.failures.length >= DISABLE_AFTER) w.status = 'inactive';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }
}
