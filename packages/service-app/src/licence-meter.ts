import { LicenceLimitError } from './errors';
import type { WebhookEnvelope } from './webhooks';

/** Webex's list API under-reports meetings that started in the last ~15 minutes. */
export const LIST_LAG_MS = 15 * 60_000;

interface Running {
  startedAt: number;
}

/** One site's usage. */
export interface LicenceUsage {
  siteUrl: string;
  inProgress: number;
  limit: number;
}

/**
 * Counts meetings in progress per guest-to-guest site from the
 * `meetings:started`/`ended` webhooks, reconciled with the list API, and
 * refuses a new meeting at the licence's concurrent-meeting limit.
 *
 * Reconciliation trusts each source where it is reliable: a meeting the list
 * shows is running; a meeting only the webhooks know is dropped once it is
 * older than the list's lag (its `ended` delivery was probably lost).
 */
export class LicenceMeter {
  private readonly sites = new Map<string, Map<string, Running>>();
  private readonly limitFor: (siteUrl: string) => number;
  private readonly now: () => number;

  constructor(options: { limit: number | ((siteUrl: string) => number); now?: () => number }) {
    const { limit } = options;
    this.limitFor = typeof limit === 'number' ? () => limit : limit;
    this.now = options.now ?? Date.now;
  }

  /** Feeds a `meetings` webhook; returns whether it changed the count. */
  onWebhook(envelope: WebhookEnvelope): boolean {
    if (envelope.resource !== 'meetings') return false;
    const d = envelope.data;
    const id = typeof d.meetingSeriesId === 'string' ? d.meetingSeriesId : d.id;
    const siteUrl = typeof d.siteUrl === 'string' ? d.siteUrl.toLowerCase() : undefined;
    if (typeof id !== 'string' || !siteUrl) return false;
    const running = this.site(siteUrl);
    if (envelope.event === 'started') {
      if (running.has(id)) return false;
      running.set(id, { startedAt: this.now() });
      return true;
    }
    if (envelope.event === 'ended' || envelope.event === 'deleted') return running.delete(id);
    return false;
  }

  /** Reconciles a site with `GET /meetings?meetingType=meeting&state=inProgress`. */
  reconcile(siteUrl: string, listed: { id: string; meetingSeriesId?: string }[]): void {
    const running = this.site(siteUrl.toLowerCase());
    const now = this.now();
    const ids = new Set(listed.map((m) => m.meetingSeriesId ?? m.id));
    for (const id of ids) if (!running.has(id)) running.set(id, { startedAt: now });
    for (const [id, r] of running) {
      if (!ids.has(id) && now - r.startedAt > LIST_LAG_MS) running.delete(id);
    }
  }

  usage(siteUrl: string): LicenceUsage {
    const key = siteUrl.toLowerCase();
    return { siteUrl: key, inProgress: this.site(key).size, limit: this.limitFor(key) };
  }

  /** Throws {@link LicenceLimitError} when the site is at its limit. */
  check(siteUrl: string): void {
    const u = this.usage(siteUrl);
    if (u.inProgress >= u.limit) throw new LicenceLimitError(u.siteUrl, u.inProgress, u.limit);
  }

  private site(siteUrl: string): Map<string, Running> {
    let s = this.sites.get(siteUrl);
    if (!s) this.sites.set(siteUrl, (s = new Map()));
    return s;
  }
}
