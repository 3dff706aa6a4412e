/*
 * One participant's multistream side, as Homer serves it: the JMP sessions
 * over its data channel, the media requests it is sent for its own streams
 * (the SDK sends nothing until asked), and its panes: each receiver SSRC it
 * requested, fed from the chosen source's RTP with SSRC, payload type,
 * sequence numbers and timestamps rewritten, nothing decoded.
 */
import type { RTCDataChannel, RTCDtlsTransport, RtpPacket } from 'werift';
import type { InboundStream } from '../endpoint';
import type { MediaSlot } from '../sdp';
import {
  JmpSession,
  decodeFrame,
  mediaTypeOf,
  type MediaTypeKey,
  type StreamInfo,
  type StreamState,
} from './jmp';
import { selectSources, type Candidate } from './select';

/** What the offer says about one of the participant's send m-lines. */
export interface SendSource {
  type: MediaTypeKey;
  mid: string;
  csi: number;
  /** The SSRC the relay asks the client to send (and werift is told to receive). */
  ssrc: number;
  rtxSsrc?: number;
  /** The payload type negotiated for the m-line (set after the answer). */
  payloadType?: number;
}

const SLOT_OF: Partial<Record<MediaTypeKey, MediaSlot>> = {
  'AUDIO-MAIN': 'audio',
  'VIDEO-MAIN': 'video',
  'VIDEO-SLIDES': 'share',
};

/**
 * The send sources of a transcoded participant as multistream receivers see
 * them: it declares no CSIs, so the relay gives its main audio and video
 * stable ones (derived from its participant id, one scene: video = audio + 1,
 * as the SDK's own differ in the lowest bit). It is never sent JMP (it has no
 * data channel); its streams feed panes as they arrive.
 */
export function transcodedSources(participantId: string): Map<MediaTypeKey, SendSource> {
  let h = 0x811c9dc5; // FNV-1a
  for (const ch of participantId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const base = (h & 0x7ffffffe || 2) >>> 0;
  return new Map<MediaTypeKey, SendSource>([
    ['AUDIO-MAIN', { type: 'AUDIO-MAIN', mid: '', csi: base, ssrc: 0 }],
    ['VIDEO-MAIN', { type: 'VIDEO-MAIN', mid: '', csi: base + 1, ssrc: 0 }],
  ]);
}

/** What a session needs to know about the meeting on each update. */
export interface MultistreamContext {
  /** Every other participant with CSIs (multistream, or transcoded beside multistream), in join order. */
  others: readonly MultistreamSession[];
  speakers: readonly string[];
  shareOwner: string | null;
  live: (stream: InboundStream) => boolean;
  /** Other participants of any kind (a transcoded one receives this one's streams too). */
  audience: number;
}

/** One receiver SSRC and the source that feeds it. */
export class Pane {
  source: InboundStream | null = null;
  packets = 0;
  private unsubscribe: (() => void) | undefined;
  private switched = false;
  private lastSeq: number | undefined;
  private lastTs: number | undefined;
  private seqOffset = 0;
  private tsOffset = 0;

  constructor(
    readonly ssrc: number,
    private readonly out: () => { transport: RTCDtlsTransport; payloadType: number } | undefined,
  ) {}

  attach(source: InboundStream | null): void {
    if (source === this.source) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.source = source;
    this.switched = true;
    if (!source) return;
    this.unsubscribe = source.subscribe((rtp) => this.send(rtp));
    if (source.kind === 'video') source.requestKeyframe();
  }

  close(): void {
    this.attach(null);
  }

  private send(rtp: RtpPacket): void {
    const out = this.out();
    if (!out) return;
    const { header } = rtp;
    if (this.switched) {
      this.switched = false;
      // Continue where the previous source left off: the receiver's jitter
      // buffer sees one stream, not a jump back or forward.
      if (this.lastSeq !== undefined && this.lastTs !== undefined) {
        this.seqOffset = (this.lastSeq + 1 - header.sequenceNumber) & 0xffff;
        this.tsOffset = (this.lastTs + 1 - header.timestamp) >>> 0;
      }
    }
    const copy = rtp.clone();
    copy.header.ssrc = this.ssrc;
    copy.header.payloadType = out.payloadType;
    copy.header.sequenceNumber = (header.sequenceNumber + this.seqOffset) & 0xffff;
    copy.header.timestamp = (header.timestamp + this.tsOffset) >>> 0;
    this.lastSeq = copy.header.sequenceNumber;
    this.lastTs = copy.header.timestamp;
    this.packets++;
    out.transport.sendRtp(copy.payload, copy.header).catch(() => {});
  }
}

/** Bits per second the relay asks each sender for (one layer, no adaptation). */
const SEND_BITRATE: Record<'AUDIO' | 'VIDEO', number> = { AUDIO: 64_000, VIDEO: 2_000_000 };

export class MultistreamSession {
  readonly sessions = new Map<MediaTypeKey, JmpSession>();
  readonly panes = new Map<number, Pane>();
  private channel: RTCDataChannel | undefined;
  private transport: RTCDtlsTransport | undefined;
  private advertised = new Map<MediaTypeKey, string>();
  private requested = new Map<MediaTypeKey, boolean>();
  private statuses = new Map<MediaTypeKey, string>();
  private speaker: string | undefined;
  private speakerSeq = 1;
  private ticks = 0;
  private unsubscribeRtcp: (() => void) | undefined;

  constructor(
    readonly participantId: string,
    readonly inbound: ReadonlyMap<MediaSlot, InboundStream>,
    /** Re-runs selection for the meeting (a request arrived, the channel opened). */
    private readonly changed: () => void,
  ) {}

  /** The participant's send sources, from its latest offer. */
  sources = new Map<MediaTypeKey, SendSource>();

  get open(): boolean {
    return this.channel?.readyState === 'open';
  }

  /** The source of a media type, as the other participants see it. */
  streamOf(type: MediaTypeKey): InboundStream | undefined {
    const slot = SLOT_OF[type];
    return slot ? this.inbound.get(slot) : undefined;
  }

  /** Binds the (new) connection's DTLS transport: panes are sent over it, and PLIs for them read from it. */
  bindTransport(transport: RTCDtlsTransport | undefined): void {
    if (transport === this.transport) return;
    this.unsubscribeRtcp?.();
    this.transport = transport;
    if (!transport) return;
    this.unsubscribeRtcp = transport.onRtcp.subscribe((packet) => {
      if (packet.type !== 206) return;
      const fb = (packet as { feedback?: { count?: number; mediaSsrc?: number } }).feedback;
      if (fb?.count !== 1 && fb?.count !== 4) return;
      const pane = fb.mediaSsrc === undefined ? undefined : this.panes.get(fb.mediaSsrc);
      pane?.source?.requestKeyframe();
    }).unSubscribe;
  }

  /** The SDK's data channel (it opens one, `datachannel`, unordered, no retransmits). */
  bindChannel(channel: RTCDataChannel): void {
    this.channel = channel;
    this.sessions.clear();
    this.advertised.clear();
    this.requested.clear();
    this.statuses.clear();
    for (const type of ['AUDIO-MAIN', 'VIDEO-MAIN', 'AUDIO-SLIDES', 'VIDEO-SLIDES'] as const)
      this.sessions.set(
        type,
        new JmpSession(type, (frame) => {
          if (this.channel === channel && channel.readyState === 'open') {
            try {
              channel.send(frame);
            } catch {
              // closing: the next connection starts over
            }
          }
        }),
      );
    channel.onMessage.subscribe((data) => {
      if (this.channel !== channel) return;
      const msg = decodeFrame(data);
      if (!msg) return;
      const verdict = this.sessions.get(mediaTypeOf(msg))?.receive(msg);
      if (verdict === 'new') this.changed();
    });
    channel.stateChanged.subscribe((state) => {
      if (state === 'open') this.changed();
    });
  }

  /** Applies the meeting's state: panes, advertisements, requests to send, statuses. */
  update(ctx: MultistreamContext): void {
    if (!this.open) return;
    for (const [type, session] of this.sessions) {
      const family = type.startsWith('AUDIO') ? 'AUDIO' : 'VIDEO';
      // A source on another codec (a transcoded VP8 sender) cannot feed this receiver's panes: nothing is transcoded.
      const codec = family === 'VIDEO' ? this.inbound.get('video')?.mimeType : undefined;
      const others = ctx.others.filter(
        (o) =>
          o.sources.has(type) &&
          o.streamOf(type) &&
          (!codec || !o.streamOf(type)!.mimeType || o.streamOf(type)!.mimeType === codec),
      );
      const candidates = others
        .filter((o) => type !== 'VIDEO-SLIDES' || o.participantId === ctx.shareOwner)
        .map<Candidate & { stream: InboundStream; state: StreamState }>((o) => {
          const stream = o.streamOf(type)!;
          // A muted track still sends (silence, black frames): the sender's
          // own advertisement and status say it is off, as Homer relays them.
          // (Video only: audio panes know no avatar.)
          const own = family === 'VIDEO' ? o.sessions.get(type) : undefined;
          const state: StreamState =
            own?.clientState === 'no source'
              ? 'no source'
              : own?.clientState === 'avatar' || own?.clientLive === false
                ? 'avatar'
                : ctx.live(stream)
                  ? 'live'
                  : 'no source';
          return {
            participantId: o.participantId,
            csi: o.sources.get(type)!.csi,
            stream,
            live: state === 'live',
            state,
          };
        });
      // What exists to receive.
      if (SLOT_OF[type]) {
        const ad = `${candidates.length}/${candidates.filter((c) => c.live).length}`;
        if (this.advertised.get(type) !== ad) {
          this.advertised.set(type, ad);
          session.sendNumbered('sourceAdvertisement', {
            numTotalSources: candidates.length,
            numLiveSources: candidates.filter((c) => c.live).length,
          });
        }
      }
      // What the participant is asked to send: main media always, slides while it holds the floor.
      const own = this.sources.get(type);
      const wanted =
        !!own &&
        (type.endsWith('MAIN') || ctx.shareOwner === this.participantId) &&
        ctx.audience > 0;
      if (own && (this.requested.get(type) ?? false) !== wanted) {
        this.requested.set(type, wanted);
        session.sendNumbered('mediaRequest', {
          requests: wanted
            ? [
                {
                  policy: 'receiver-selected',
                  policySpecificInfo: { csi: own.csi },
                  ids: [
                    own.rtxSsrc === undefined
                      ? { ssrc: own.ssrc }
                      : { ssrc: own.ssrc, rtxSsrc: own.rtxSsrc },
                  ],
                  maxPayloadBitsPerSecond: SEND_BITRATE[family],
                  codecInfos:
                    family === 'VIDEO' && own.payloadType !== undefined
                      ? [
                          {
                            payloadType: own.payloadType,
                            h264: { maxFs: 8160, maxFps: 3000, maxMbps: 244800 },
                          },
                        ]
                      : [],
                },
              ]
            : [],
        });
      }
      // The panes it asked for.
      if (!session.requests.length) continue;
      const chosen = selectSources(session.requests, candidates, ctx.speakers);
      // Statuses name each stream by the very id it was requested with.
      const ids = new Map(session.requests.flatMap((r) => r.ids.map((id) => [id.ssrc, id])));
      const states: StreamInfo[] = [];
      for (const [ssrc, c] of chosen) {
        const id = ids.get(ssrc) ?? { ssrc };
        let pane = this.panes.get(ssrc);
        if (!pane) {
          pane = new Pane(ssrc, () => this.outFor(family));
          this.panes.set(ssrc, pane);
        }
        const source = c ? (c as (typeof candidates)[number]) : null;
        pane.attach(source?.stream ?? null);
        states.push(
          source ? { id, state: source.state, csi: source.csi } : { id, state: 'no source' },
        );
      }
      const key = JSON.stringify(states);
      if (this.statuses.get(type) !== key) {
        this.statuses.set(type, key);
        session.sendNumbered('mediaRequestStatus', { streamStates: states });
      }
    }
    // Panes no longer requested stop.
    const requestedSsrcs = new Set(
      [...this.sessions.values()].flatMap((s) =>
        s.requests.flatMap((r) => r.ids.map((i) => i.ssrc)),
      ),
    );
    for (const [ssrc, pane] of this.panes)
      if (!requestedSsrcs.has(ssrc)) {
        pane.close();
        this.panes.delete(ssrc);
      }
    this.notifySpeaker(ctx);
  }

  /** On the relay's timer: resend what the client has not acked. */
  tick(): void {
    if (++this.ticks % 3 !== 0 || !this.open) return;
    for (const s of this.sessions.values()) s.retransmit();
  }

  close(): void {
    for (const pane of this.panes.values()) pane.close();
    this.panes.clear();
    this.bindTransport(undefined);
    this.channel = undefined;
  }

  /** The active speaker notice: the CSIs of whoever speaks now (not the participant itself). */
  private notifySpeaker(ctx: MultistreamContext): void {
    const speaker = ctx.speakers.find((id) => ctx.others.some((o) => o.participantId === id));
    if (speaker === this.speaker) return;
    this.speaker = speaker;
    const other = ctx.others.find((o) => o.participantId === speaker);
    const csis = [
      other?.sources.get('AUDIO-MAIN')?.csi,
      other?.sources.get('VIDEO-MAIN')?.csi,
    ].filter((c): c is number => c !== undefined);
    if (!csis.length) return;
    this.sessions
      .get('AUDIO-MAIN')
      ?.sendPlain('activeSpeakerNotification', { seqNum: this.speakerSeq++, csis });
  }

  private outFor(family: 'AUDIO' | 'VIDEO') {
    const transport = this.transport;
    const pt = this.sources.get(family === 'AUDIO' ? 'AUDIO-MAIN' : 'VIDEO-MAIN')?.payloadType;
    return transport && pt !== undefined ? { transport, payloadType: pt } : undefined;
  }
}
