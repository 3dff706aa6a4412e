/*
 * One meeting's relay: who is connected, who spoke last, who holds the
 * share floor, and, for every receiver, which inbound stream feeds each of
 * its outbound slots. Selection is a policy over endpoints; the endpoints
 * never know it, so another policy (multistream panes) can replace it.
 */
import { MediaEndpoint, type InboundStream, type Now } from './endpoint';
import type { MediaSlot } from './sdp';

/** Chooses, for one receiver, the inbound stream for each slot. */
export interface SelectionPolicy {
  select(
    receiver: MediaEndpoint,
    context: SelectionContext,
  ): Partial<Record<MediaSlot, InboundStream | null>>;
}

export interface SelectionContext {
  /** Every endpoint of the meeting, in join order. */
  endpoints: readonly MediaEndpoint[];
  /** Participant ids, most recent speaker first. */
  speakers: readonly string[];
  /** Who holds the share floor, if anyone. */
  shareOwner: string | null;
}

/** A stream is live while packets keep coming; a camera turned off stops being chosen. */
const LIVE_MS = 2_000;
/** Speaking: a packet with sound within this window. */
const TALKING_MS = 400;
/** The current speaker keeps the floor until quiet this long (no flapping on every syllable). */
const HOLD_MS = 1_200;
/** How often speakers are re-evaluated. */
const TICK_MS = 200;

/**
 * Transcoded meetings as Webex composes them, without the composing: every
 * receiver gets the most recent speaker's audio and video (never its own),
 * and the share of whoever holds the floor.
 */
export const transcodedPolicy: SelectionPolicy = {
  select(receiver, { endpoints, speakers, shareOwner }) {
    const others = endpoints.filter((e) => e !== receiver);
    const order = [
      ...speakers.map((id) => others.find((e) => e.participantId === id)),
      ...others,
    ].filter((e): e is MediaEndpoint => !!e);
    const pick = (slot: MediaSlot) =>
      order.map((e) => e.inbound.get(slot)!).find((s) => s.active(LIVE_MS)) ?? null;
    const sharer = others.find((e) => e.participantId === shareOwner);
    return {
      audio: pick('audio'),
      video: pick('video'),
      share: sharer?.inbound.get('share') ?? null,
    };
  },
};

export class MeetingRelay {
  private readonly endpoints = new Map<string, MediaEndpoint>();
  private speakers: string[] = [];
  private shareOwner: string | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly now: Now,
    private readonly policy: SelectionPolicy = transcodedPolicy,
  ) {}

  get size(): number {
    return this.endpoints.size;
  }

  endpoint(participantId: string): MediaEndpoint | undefined {
    return this.endpoints.get(participantId);
  }

  /** The participant's endpoint, created on its first offer. */
  ensure(participantId: string): MediaEndpoint {
    let ep = this.endpoints.get(participantId);
    if (!ep) {
      ep = new MediaEndpoint(participantId, this.now, () => this.reselect());
      this.endpoints.set(participantId, ep);
      this.timer ??= setInterval(() => this.tick(), TICK_MS);
      this.timer.unref?.();
    }
    return ep;
  }

  remove(participantId: string): void {
    const ep = this.endpoints.get(participantId);
    if (!ep) return;
    this.endpoints.delete(participantId);
    this.speakers = this.speakers.filter((id) => id !== participantId);
    if (this.shareOwner === participantId) this.shareOwner = null;
    ep.close();
    this.reselect();
    if (this.endpoints.size === 0) this.stop();
  }

  setShareOwner(participantId: string | null): void {
    if (this.shareOwner === participantId) return;
    this.shareOwner = participantId;
    this.reselect();
  }

  close(): void {
    for (const ep of this.endpoints.values()) ep.close();
    this.endpoints.clear();
    this.stop();
  }

  /** Re-applies the policy to every receiver (attach is a no-op when nothing changed). */
  reselect(): void {
    const context: SelectionContext = {
      endpoints: [...this.endpoints.values()],
      speakers: this.speakers,
      shareOwner: this.shareOwner,
    };
    const multistream = context.endpoints.filter((e) => e.multistream);
    for (const receiver of multistream)
      receiver.jmp.update({
        // Transcoded participants with CSIs (see transcodedSources) show in panes too.
        others: context.endpoints
          .filter((e) => e !== receiver && e.jmp.sources.size > 0)
          .map((e) => e.jmp),
        speakers: this.speakers,
        shareOwner: this.shareOwner,
        live: (stream) => stream.active(LIVE_MS),
        audience: context.endpoints.length - 1,
      });
    for (const receiver of context.endpoints) {
      // A multistream receiver's panes follow its JMP media requests instead.
      if (receiver.multistream) continue;
      const chosen = this.policy.select(receiver, context);
      for (const [slot, source] of Object.entries(chosen) as [MediaSlot, InboundStream | null][])
        receiver.outbound.get(slot)?.attach(source);
    }
  }

  private tick(): void {
    const now = this.now();
    const talking = (id: string) => {
      const audio = this.endpoints.get(id)?.inbound.get('audio');
      return !!audio && now - audio.lastVoiceAt < TALKING_MS;
    };
    const current = this.speakers[0];
    const currentQuiet =
      current === undefined ||
      now - (this.endpoints.get(current)?.inbound.get('audio')?.lastVoiceAt ?? 0) > HOLD_MS;
    if (currentQuiet) {
      const next = [...this.endpoints.values()]
        .filter((e) => e.participantId !== current && talking(e.participantId))
        .sort(
          (a, b) => b.inbound.get('audio')!.lastVoiceAt - a.inbound.get('audio')!.lastVoiceAt,
        )[0]?.participantId;
      if (next) this.speakers = [next, ...this.speakers.filter((id) => id !== next)];
    }
    for (const ep of this.endpoints.values()) if (ep.multistream) ep.jmp.tick();
    this.reselect();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
