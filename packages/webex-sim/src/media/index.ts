/*
 * The simulator's media relay: what Locus needs from media, and nothing
 * about Locus. Locus hands it offers (from ROAP) and tells it who left and
 * who holds the share floor; the relay answers with werift endpoints on
 * 127.0.0.1 and forwards RTP between them without decoding.
 */
import { performance } from 'node:perf_hooks';
import type { MediaEndpoint } from './endpoint';
import { MeetingRelay } from './relay';

export type { MediaSlot } from './sdp';

/** Figures for tests and the benchmark. */
export interface RelayStats {
  meetings: number;
  endpoints: number;
  connected: number;
  /** RTP packets received from participants / sent to them, since start. */
  packetsIn: number;
  packetsOut: number;
}

/** One participant's media as the control API shows it. */
export interface ParticipantMedia {
  state: MediaEndpoint['state'];
  dropped: boolean;
  /** Packets received from the participant, by slot. */
  sent: Record<string, number>;
  /** Packets sent to the participant, by slot, and whose stream feeds each slot (multistream: `panes`, all its panes together). */
  received: Record<string, { packets: number; from: string | null }>;
}

export class MediaRelay {
  private readonly meetings = new Map<string, MeetingRelay>();
  /** participant id → meeting key, for the calls that only know the participant. */
  private readonly byParticipant = new Map<string, string>();
  /** Participants whose media is dropped (a fault), even before they offer. */
  private readonly dropped = new Set<string>();
  private readonly now = () => performance.now();

  /** @param multistream Whether multistream offers get Homer's answer (the `multistream` option, read per offer). */
  constructor(private readonly multistream: () => boolean = () => true) {}

  /** Answers a participant's SDP offer; the first offer creates its endpoint. */
  async negotiate(meetingKey: string, participantId: string, offer: string): Promise<string> {
    let relay = this.meetings.get(meetingKey);
    if (!relay) this.meetings.set(meetingKey, (relay = new MeetingRelay(this.now)));
    this.byParticipant.set(participantId, meetingKey);
    const ep = relay.ensure(participantId);
    if (this.dropped.has(participantId)) ep.dropped = true;
    const answer = await ep.answer(offer, { multistream: this.multistream() });
    relay.reselect();
    return answer;
  }

  /** The participant left (or was removed): its media connection closes. */
  release(participantId: string): void {
    const key = this.byParticipant.get(participantId);
    this.byParticipant.delete(participantId);
    this.dropped.delete(participantId);
    const relay = key ? this.meetings.get(key) : undefined;
    if (!relay || !key) return;
    relay.remove(participantId);
    if (relay.size === 0) this.meetings.delete(key);
  }

  /** The meeting ended: every media connection in it closes. */
  releaseMeeting(meetingKey: string): void {
    const relay = this.meetings.get(meetingKey);
    if (!relay) return;
    this.meetings.delete(meetingKey);
    for (const [pid, key] of this.byParticipant) if (key === meetingKey) this.release(pid);
    relay.close();
  }

  /** Who holds the meeting's share floor (Locus decides; the relay forwards that share). */
  setShareOwner(meetingKey: string, participantId: string | null): void {
    this.meetings.get(meetingKey)?.setShareOwner(participantId);
  }

  /**
   * The CSIs of the participant's multistream send streams (its latest
   * offer's `a=jmp-source`), the very values the relay names them by in JMP
   * (media requests, statuses, active speaker notices); empty when the
   * participant is transcoded in a simulator that answers no multistream
   * (with multistream on, a transcoded participant gets CSIs of the relay's
   * choosing, so multistream panes can show it).
   */
  csisOf(participantId: string): number[] {
    const ep = this.endpointOf(participantId);
    return ep ? [...ep.jmp.sources.values()].map((s) => s.csi) : [];
  }

  /** Fault: closes the participant's media connection and keeps later ones from connecting. */
  drop(participantId: string): boolean {
    this.dropped.add(participantId);
    const ep = this.endpointOf(participantId);
    ep?.drop();
    return !!ep;
  }

  /** Ends a {@link drop}: the SDK's next offer (its reconnection) connects again. */
  restore(participantId: string): void {
    this.dropped.delete(participantId);
    this.endpointOf(participantId)?.restore();
  }

  participant(participantId: string): ParticipantMedia | undefined {
    const ep = this.endpointOf(participantId);
    if (!ep) return undefined;
    return {
      state: ep.state,
      dropped: ep.dropped,
      sent: Object.fromEntries([...ep.inbound].map(([slot, s]) => [slot, s.packets])),
      received: {
        ...Object.fromEntries(
          [...ep.outbound].map(([slot, o]) => [
            slot,
            { packets: o.packets, from: o.source?.owner ?? null },
          ]),
        ),
        // Multistream: what its panes were sent, all of them (each has its own source).
        ...(ep.multistream ? { panes: { packets: panePackets(ep), from: null } } : {}),
      },
    };
  }

  stats(): RelayStats {
    const stats: RelayStats = {
      meetings: this.meetings.size,
      endpoints: 0,
      connected: 0,
      packetsIn: 0,
      packetsOut: 0,
    };
    for (const pid of this.byParticipant.keys()) {
      const ep = this.endpointOf(pid);
      if (!ep) continue;
      stats.endpoints++;
      if (ep.state === 'connected') stats.connected++;
      for (const s of ep.inbound.values()) stats.packetsIn += s.packets;
      for (const o of ep.outbound.values()) stats.packetsOut += o.packets;
      stats.packetsOut += panePackets(ep);
    }
    return stats;
  }

  close(): void {
    for (const relay of this.meetings.values()) relay.close();
    this.meetings.clear();
    this.byParticipant.clear();
  }

  private endpointOf(participantId: string): MediaEndpoint | undefined {
    const key = this.byParticipant.get(participantId);
    return key ? this.meetings.get(key)?.endpoint(participantId) : undefined;
  }
}

/** RTP packets sent to a participant's multistream panes (those still open). */
function panePackets(ep: MediaEndpoint): number {
  let n = 0;
  for (const pane of ep.jmp.panes.values()) n += pane.packets;
  return n;
}
