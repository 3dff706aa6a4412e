import { LicenceLimitError } from './errors';
import type { WebhookEnvelope } from './webhooks';

/** Webex's list API under-reports meetings that started in the last ~15 minutes. */
export const LIST_LAG_MS = 15 * 60_000;

/** One site's usage. */
export interface LicenceUsage {
  siteUrl: string;
  inProgress: number;
  limit: number;
}

/** A meeting the meter counts as running. */
export interface RunningMeeting {
  meetingId: string;
  startedAt: number;
}

/**
 * Where the meter keeps the meetings it counts, per site (lower-case site
 * URL). In memory by default; a backend keeps them in its database so the
 * count survives restarts and every replica counts the same rows.
 */
export interface MeterStore {
  /** Adds a running meeting; false when it was already counted. */
  add(siteUrl: string, meeting: RunningMeeting): Promise<boolean>;
  /** Removes it; false when it was not counted. */
  remove(siteUrl: string, meetingId: string): Promise<boolean>;
  list(siteUrl: string): Promise<RunningMeeting[]>;
}

/** A {@link MeterStore} in memory. */
export class MemoryMeterStore implements MeterStore {
  private readonly sites = new Map<string, Map<string, RunningMeeting>>();

  async add(siteUrl: string, meeting: RunningMeeting): Promise<boolean> {
    const running = this.site(siteUrl);
    if (running.has(meeting.meetingId)) return false;
    running.set(meeting.meetingId, { ...meeting });
    return true;
  }

  async remove(siteUrl: string, meetingId: string): Promise<boolean> {
    return this.site(siteUrl).delete(meetingId);
  }

  async list(siteUrl: string): Promise<RunningMeeting[]> {
    return [...this.site(siteUrl).values()].map((m) => ({ ...m }));
  }

  private site(siteUrl: string): Map<string, RunningMeeting> {
    let s = this.sites.get(siteUrl);
    if (!s) this.sites.set(siteUrl, (s = new Map()));
    return s;
  }
}

/** The meeting (series) id and site of a `meetings` webhook, or undefined when it names none. */
export function meetingOf(envelope: WebhookEnvelope): { id: string; siteUrl: string } | undefined {
  const d = envelope.data;
  const raw = typeof d.meetingSeriesId === 'string' ? d.meetingSeriesId : d.id;
  const siteUrl = typeof d.siteUrl === 'string' ? d.siteUrl.toLowerCase() : undefined;
  if (typeof raw !== 'string' || !siteUrl) return undefined;
  return { id: raw, siteUrl };
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
  private readonly limitFor: (siteUrl: string) => number;
  private readonly now: () => number;
  private readonly store: MeterStore;

  constructor(options: {
    limit: number | ((siteUrl: string) => number);
    now?: () => number;
    /** Where running meetings are kept; default in memory. */
    store?: MeterStore;
  }) {
    const { limit } = options;
    this.limitFor = typeof limit === 'number' ? () => limit : limit;
    this.now = options.now ?? Date.now;
    this.store = options.store ?? new MemoryMeterStore();
  }

  /** Feeds a `meetings` webhook; resolves with whether it changed the count. */
  async onWebhook(envelope: WebhookEnvelope): Promise<boolean> {
    if (envelope.resource !== 'meetings') return false;
    const m = meetingOf(envelope);
    if (!m) return false;
    if (envelope.event === 'started') {
      return this.store.add(m.siteUrl, { meetingId: m.id, startedAt: this.now() });
    }
    if (envelope.event === 'ended' || envelope.event === 'deleted') {
      return this.store.remove(m.siteUrl, m.id);
    }
    return false;
  }

  /** Reconciles a site with `GET /meetings?meetingType=meeting&state=inProgress`. */
  async reconcile(
    siteUrl: string,
    listed: { id: string; meetingSeriesId?: string }[],
  ): Promise<void> {
    const site = siteUrl.toLowerCase();
    const now = this.now();
    const ids = new Set(listed.map((m) => m.meetingSeriesId ?? m.id));
    const running = await this.store.list(site);
    const known = new Set(running.map((r) => r.meetingId));
    for (const id of ids)
      if (!known.has(id)) await this.store.add(site, { meetingId: id, startedAt: now });
    for (const r of running) {
      if (!ids.has(r.meetingId) && now - r.startedAt > LIST_LAG_MS) {
        await this.store.remove(site, r.meetingId);
      }
    }
  }

  async usage(siteUrl: string): Promise<LicenceUsage> {
    const key = siteUrl.toLowerCase();
    return {
      siteUrl: key,
      inProgress: (await this.store.list(key)).length,
      limit: this.limitFor(key),
    };
  }

  /** Rejects with {@link LicenceLimitError} when the site is at its limit. */
  async check(siteUrl: string): Promise<void> {
    const u = await this.usage(siteUrl);
    if (u.inProgress >= u.limit) throw new LicenceLimitError(u.siteUrl, u.inProgress, u.limit);
  }

  /** The meetings counted as running on a site. */
  async running(siteUrl: string): Promise<RunningMeeting[]> {
    return this.store.list(siteUrl.toLowerCase());
  }
}
