import type { WebhookEnvelope } from '@g2g/service-app';
import { deliveryTime } from '@g2g/service-app';
import type { LiveEvent } from './contract';
import type { LiveParticipant, LiveState } from './store/store';

/**
 * Live updates for operator consoles, per tenant. In-process: with several
 * replicas, an implementation over the shared database (LISTEN/NOTIFY)
 * publishes to every replica's subscribers.
 */
export interface LiveFeed {
  publish(orgId: string, event: LiveEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(orgId: string, listener: (event: LiveEvent) => void): () => void;
}

export class MemoryLiveFeed implements LiveFeed {
  private readonly listeners = new Map<string, Set<(e: LiveEvent) => void>>();

  publish(orgId: string, event: LiveEvent): void {
    for (const l of this.listeners.get(orgId) ?? []) {
      try {
        l(event);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  }

  subscribe(orgId: string, listener: (e: LiveEvent) => void): () => void {
    let set = this.listeners.get(orgId);
    if (!set) this.listeners.set(orgId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(orgId);
    };
  }
}

/** A consultation's live state before anything happened. */
export function scheduledLive(at: number): LiveState {
  return { state: 'scheduled', participants: [], updatedAt: at };
}

/** Internal: when each departed participant left, so a late `joined` cannot resurrect them. */
type Tracked = LiveState & { gone?: Record<string, number> };

/** The meeting (series) id a `meetings` or `meetingParticipants` delivery is about. */
export function meetingIdOf(envelope: WebhookEnvelope): string | undefined {
  const d = envelope.data;
  const raw =
    envelope.resource === 'meetingParticipants'
      ? d.meetingId
      : typeof d.meetingSeriesId === 'string'
        ? d.meetingSeriesId
        : d.id;
  // Webex names an occurrence `<series id>_I_<n>`; consultations keep the series id.
  return typeof raw === 'string' ? raw.split('_I_')[0] : undefined;
}

/**
 * Applies a `meetings` (`started`/`ended`) or `meetingParticipants`
 * (`joined`/`left`) delivery to a live state. Deliveries arrive out of order
 * and twice; each carries its own time, and anything older than what it
 * would overwrite is ignored. Returns the next state, or undefined when
 * nothing changed.
 */
export function applyLiveEvent(
  live: LiveState,
  envelope: WebhookEnvelope,
  now: number,
): LiveState | undefined {
  const at = deliveryTime(envelope) ?? now;
  const current = live as Tracked;
  if (envelope.resource === 'meetings') {
    if (envelope.event === 'started') {
      if (current.state === 'in-progress') return undefined;
      if (current.endedAt !== undefined && at <= current.endedAt) return undefined;
      const { endedAt: _e, gone: _g, ...rest } = current;
      return {
        ...rest,
        state: 'in-progress',
        startedAt: at,
        updatedAt: Math.max(at, live.updatedAt),
      };
    }
    if (envelope.event === 'ended') {
      if (current.state === 'ended') return undefined;
      if (current.startedAt !== undefined && at < current.startedAt) return undefined;
      const { gone: _g, ...rest } = current;
      return {
        ...rest,
        state: 'ended',
        participants: [],
        endedAt: at,
        updatedAt: Math.max(at, live.updatedAt),
      };
    }
    return undefined;
  }
  if (envelope.resource !== 'meetingParticipants') return undefined;
  const d = envelope.data;
  if (typeof d.id !== 'string') return undefined;
  // Late news of a meeting that has ended since.
  if (current.state === 'ended' && current.endedAt !== undefined && at <= current.endedAt) {
    return undefined;
  }
  const id = d.id;
  const existing = current.participants.find((p) => p.id === id);
  if (existing && at < existing.since) return undefined;
  const gone = { ...(current.gone ?? {}) };
  const others = current.participants.filter((p) => p.id !== id);
  if (envelope.event === 'left') {
    if ((gone[id] ?? -1) >= at) return undefined;
    gone[id] = at;
    return {
      ...current,
      participants: others,
      gone,
      updatedAt: Math.max(at, live.updatedAt),
    } as Tracked;
  }
  if (envelope.event !== 'joined') return undefined;
  if ((gone[id] ?? -1) >= at) return undefined;
  const participant: LiveParticipant = {
    id,
    name: typeof d.displayName === 'string' && d.displayName ? d.displayName : 'Guest',
    state: d.state === 'lobby' ? 'lobby' : 'joined',
    host: d.host === true,
    since: at,
  };
  const inMeeting = participant.state === 'joined' && current.state !== 'in-progress';
  return {
    ...current,
    ...(inMeeting ? { state: 'in-progress' as const, startedAt: current.startedAt ?? at } : {}),
    participants: [...others, participant].sort((a, b) => a.since - b.since),
    updatedAt: Math.max(at, live.updatedAt),
  };
}

/** The live state without internal bookkeeping, as stored and shown. */
export function publicLive(live: LiveState): LiveState {
  const { gone: _g, ...rest } = live as Tracked;
  return rest;
}
