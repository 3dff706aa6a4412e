/*
 * One participant's media connection: a werift peer connection that answers
 * the browser's offer on 127.0.0.1. It exposes what the participant sends as
 * inbound streams (one per slot) and what it receives as outbound slots, each
 * fed from some other participant's inbound stream. RTP passes through
 * untouched except for what the receiver's negotiation requires (SSRC,
 * payload type, sequence and timestamp continuity across source switches,
 * header extensions dropped): nothing is decoded.
 */
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RTCRtpHeaderExtensionParameters,
  type RTCRtpTransceiver,
  type RtpPacket,
} from 'werift';
import {
  iceUfrag,
  answerForBrowser,
  homerAnswer,
  isMultistreamOffer,
  jmpSources,
  keepSsrcs,
  normalise,
  offeredSections,
  slotsOf,
  unreachable,
  type MediaSlot,
  type OfferedSection,
} from './sdp';
import { MultistreamSession, transcodedSources } from './multistream/session';
import type { MediaTypeKey } from './multistream/jmp';

/** A clock for activity bookkeeping (monotonic milliseconds). */
export type Now = () => number;

/**
 * Opus packets at least this large carry sound: with DTX (negotiated in the
 * answer) silence is sent as 1–3 byte frames, a few per second.
 */
const VOICE_BYTES = 16;

/**
 * RFC 6464 `ssrc-audio-level`: the sender's level in -dBov (0 loudest, 127
 * silence) in the low 7 bits of the extension's first byte. Louder than
 * this counts as speaking.
 */
const VOICE_LEVEL = 50;
export const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';

/** Whether an RTP packet's audio-level extension (by its negotiated id) says speech; undefined without one. */
export function speaking(rtp: RtpPacket, extensionId: number): boolean | undefined {
  const ext = rtp.header.extensions.find((e) => e.id === extensionId);
  if (!ext || ext.payload.length === 0) return undefined;
  return (ext.payload[0]! & 0x7f) <= VOICE_LEVEL;
}

/** What one participant sends on one slot. Stable for the endpoint's life, across renegotiations. */
export class InboundStream {
  /** When the last packet arrived (0: never). */
  lastPacketAt = 0;
  /** Audio only: when the last packet with sound arrived (0: never). */
  lastVoiceAt = 0;
  packets = 0;
  /** Codec of the packets, e.g. `video/VP8`; set by negotiation. */
  mimeType: string | undefined;
  private readonly listeners = new Set<(rtp: RtpPacket) => void>();
  private ssrc: number | undefined;
  /** @internal */ keyframe: ((ssrc: number) => void) | undefined;
  /** The negotiated id of `ssrc-audio-level` (multistream audio), if any. */
  audioLevelId: number | undefined;

  constructor(
    readonly owner: string,
    readonly slot: MediaSlot,
    private readonly now: Now,
  ) {}

  get kind(): 'audio' | 'video' {
    return this.slot === 'audio' ? 'audio' : 'video';
  }

  /** Whether packets arrived within `withinMs`. */
  active(withinMs: number): boolean {
    return this.lastPacketAt > 0 && this.now() - this.lastPacketAt < withinMs;
  }

  subscribe(fn: (rtp: RtpPacket) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Asks the sender for a key frame (PLI), so a receiver switched to it can decode at once. */
  requestKeyframe(): void {
    if (this.ssrc !== undefined) this.keyframe?.(this.ssrc);
  }

  /** @internal */
  push(rtp: RtpPacket): void {
    // Padding-only packets are the sender's bandwidth probes: not media.
    if (rtp.payload.length === 0) return;
    const at = this.now();
    this.lastPacketAt = at;
    this.packets++;
    this.ssrc = rtp.header.ssrc;
    if (this.slot === 'audio') {
      // The browser's own audio-level measure when negotiated, else DTX packet sizes.
      const level = this.audioLevelId === undefined ? undefined : speaking(rtp, this.audioLevelId);
      if (level ?? rtp.payload.length >= VOICE_BYTES) this.lastVoiceAt = at;
    }
    if (this.listeners.size === 0) return;
    // One stripped copy for every receiver: the sender's header-extension ids
    // mean nothing in a receiver's negotiation.
    const out = rtp.clone();
    out.header.extensions = [];
    for (const fn of this.listeners) fn(out);
  }
}

/** What one participant receives on one slot: fed by at most one inbound stream at a time. */
export class OutboundSlot {
  source: InboundStream | null = null;
  packets = 0;
  /** Codec negotiated with this receiver, e.g. `video/VP8`. */
  mimeType: string | undefined;
  /** @internal */ transceiver: RTCRtpTransceiver | undefined;
  private unsubscribe: (() => void) | undefined;
  private unsubscribePli: (() => void) | undefined;
  private switched = false;

  constructor(readonly slot: MediaSlot) {}

  /** Feeds this slot from `source` (or nothing). Switching keeps sequence numbers and timestamps continuous. */
  attach(source: InboundStream | null): void {
    if (source === this.source) return;
    if (source && this.mimeType && source.mimeType && source.mimeType !== this.mimeType) {
      source = null; // no common codec: this relay never transcodes
    }
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.source = source;
    this.switched = true;
    if (!source) return;
    this.unsubscribe = source.subscribe((rtp) => this.send(rtp));
    if (source.kind === 'video') source.requestKeyframe();
  }

  /** @internal Binds the slot to a (new) transceiver after negotiation. */
  bind(transceiver: RTCRtpTransceiver | undefined): void {
    if (transceiver === this.transceiver) return;
    this.unsubscribePli?.();
    this.transceiver = transceiver;
    this.switched = true;
    if (!transceiver) return;
    // The receiver lost a frame or just started: ask whoever feeds it for a key frame.
    this.unsubscribePli = transceiver.sender.onPictureLossIndication.subscribe(() =>
      this.source?.requestKeyframe(),
    ).unSubscribe;
  }

  close(): void {
    this.attach(null);
    this.bind(undefined);
  }

  private send(rtp: RtpPacket): void {
    const sender = this.transceiver?.sender;
    if (!sender) return;
    if (this.switched) {
      this.switched = false;
      sender.replaceRTP(rtp.header);
    }
    this.packets++;
    sender.sendRtp(rtp).catch(() => {});
  }
}

export type EndpointState = 'new' | 'connecting' | 'connected' | 'failed' | 'closed';

const OPUS = () =>
  new RTCRtpCodecParameters({
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    // DTX: silence becomes a trickle of tiny packets, which is how the relay
    // tells who is speaking without decoding anything.
    parameters: 'minptime=10;useinbandfec=1;usedtx=1',
  });
const VIDEO_FEEDBACK = [
  { type: 'nack' },
  { type: 'nack', parameter: 'pli' },
  { type: 'ccm', parameter: 'fir' },
  { type: 'goog-remb' },
];
const VP8 = () =>
  new RTCRtpCodecParameters({
    mimeType: 'video/VP8',
    clockRate: 90000,
    rtcpFeedback: VIDEO_FEEDBACK,
  });
const H264 = () =>
  new RTCRtpCodecParameters({
    mimeType: 'video/H264',
    clockRate: 90000,
    rtcpFeedback: VIDEO_FEEDBACK,
    parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  });

/**
 * The relay offers one video codec per connection so every participant of a
 * meeting ends up on the same one (VP8, which every Chromium offers; H264
 * only for an offer without VP8). Where multistream is answered, H264 for any
 * offer that has it: webex@3's multistream offers are H264-only, so video
 * crosses between multistream and transcoded participants (never transcoded).
 */
function videoCodecFor(sections: OfferedSection[], multistream: boolean) {
  const offered = sections.filter((s) => s.kind === 'video').flatMap((s) => s.codecs);
  const h264 = offered.some((c) => c.toUpperCase() === 'H264');
  return (offered.length && !offered.includes('VP8')) || (multistream && h264) ? H264() : VP8();
}

/** RTCP PSFB (RFC 4585) and its PLI / FIR formats. */
const PAYLOAD_SPECIFIC_FEEDBACK = 206;
const PLI = 1;
const FIR = 4;

const ANSWER_DIRECTION = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
} as const;

/** One participant's media connection to the relay. */
export class MediaEndpoint {
  readonly inbound = new Map<MediaSlot, InboundStream>();
  readonly outbound = new Map<MediaSlot, OutboundSlot>();
  state: EndpointState = 'new';
  /** While set (a fault), answers can never connect and the current connection is closed. */
  dropped = false;
  private pc: RTCPeerConnection | undefined;
  private ufrag: string | undefined;
  private closed = false;

  constructor(
    readonly participantId: string,
    private readonly now: Now,
    private readonly onChange: () => void,
  ) {
    for (const slot of ['audio', 'video', 'share'] as const) {
      this.inbound.set(slot, new InboundStream(participantId, slot, now));
      this.outbound.set(slot, new OutboundSlot(slot));
    }
    this.jmp = new MultistreamSession(participantId, this.inbound, onChange);
  }

  /** The participant's JMP side and panes (used while {@link multistream}). */
  readonly jmp: MultistreamSession;

  /**
   * Whether the latest offer was answered as multistream: the participant's
   * panes are then fed by its JMP media requests, not by the slot policy.
   */
  multistream = false;

  /**
   * Answers an offer (the first one, a renegotiation, or an ICE restart).
   * With `multistream` allowed, a webex@3 multistream offer gets Homer's
   * answer ({@link homerAnswer}); any other offer, a transcoded one.
   */
  async answer(raw: string, options: { multistream?: boolean } = {}): Promise<string> {
    if (this.closed) throw new Error('media endpoint closed');
    const offer = normalise(raw);
    const sections = offeredSections(offer);
    const multistream = !!options.multistream && isMultistreamOffer(offer);
    this.multistream = multistream;
    const sources = multistream ? jmpSources(offer) : [];
    this.jmp.sources = multistream
      ? new Map(
          sources.map((s) => [
            `${s.kind.toUpperCase()}-${s.slides ? 'SLIDES' : 'MAIN'}` as MediaTypeKey,
            {
              type: `${s.kind.toUpperCase()}-${s.slides ? 'SLIDES' : 'MAIN'}` as MediaTypeKey,
              ...s,
            },
          ]),
        )
      : // Where multistream is answered, a transcoded participant's streams get CSIs too, so multistream panes can show it.
        options.multistream
        ? transcodedSources(this.participantId)
        : new Map();
    const ufrag = iceUfrag(offer);
    if (!this.pc || ufrag !== this.ufrag || ['failed', 'closed'].includes(this.state)) {
      this.replaceConnection(
        sections,
        multistream ? audioLevelId(offer) : undefined,
        !!options.multistream,
      );
    }
    const slots = slotsOf(sections);
    this.slots = slots;
    this.ufrag = ufrag;
    const pc = this.pc!;
    const direction = (section: OfferedSection) =>
      // Homer only receives on the m-lines it is offered (the client's send
      // m-lines): what it sends goes to the client's receive-only m-lines,
      // which the client keeps out of the offer.
      multistream && section.direction !== 'inactive'
        ? 'recvonly'
        : ANSWER_DIRECTION[section.direction];
    // werift registers a remote SSRC for receiving only if the transceiver's
    // own direction already receives when the offer is applied. A re-offer
    // that starts sending on an m-line that only received until then (the
    // share m-line when the participant starts sharing, both SDK versions)
    // would otherwise have its RTP dropped by werift's router, unrouted.
    for (const t of pc.getTransceivers()) {
      const section = sections.find((s) => s.mid === t.mid);
      if (section && section.kind !== 'application') t.setDirection(direction(section));
    }
    await pc.setRemoteDescription({
      type: 'offer',
      sdp: multistream ? keepSsrcs(offer, sources) : offer,
    });
    const bound = new Set<MediaSlot>();
    for (const t of pc.getTransceivers()) {
      const section = sections.find((s) => s.mid === t.mid);
      const slot = t.mid == null ? undefined : slots.get(t.mid);
      if (section && section.kind !== 'application') t.setDirection(direction(section));
      if (!slot) continue;
      const inbound = this.inbound.get(slot)!;
      inbound.keyframe = (ssrc) => void t.receiver.sendRtcpPLI(ssrc).catch(() => {});
      if (multistream) continue;
      bound.add(slot);
      this.outbound.get(slot)!.bind(t);
    }
    for (const [slot, out] of this.outbound) if (!bound.has(slot)) out.bind(undefined);
    for (const t of pc.getTransceivers()) this.watchFeedback(t);
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    for (const t of pc.getTransceivers()) {
      const slot = t.mid == null ? undefined : slots.get(t.mid);
      const mime = t.sender.codec?.mimeType ?? t.codecs[0]?.mimeType;
      if (!slot || !mime) continue;
      this.inbound.get(slot)!.mimeType = mime;
      this.outbound.get(slot)!.mimeType = mime;
    }
    for (const source of this.jmp.sources.values()) {
      const t = pc.getTransceivers().find((x) => x.mid === source.mid);
      source.payloadType = t?.sender.codec?.payloadType ?? t?.codecs[0]?.payloadType;
    }
    this.jmp.bindTransport(multistream ? pc.getTransceivers()[0]?.dtlsTransport : undefined);
    let sdp = answerForBrowser(pc.localDescription!.sdp);
    if (multistream) sdp = homerAnswer(sdp);
    if (this.dropped) {
      this.closeConnection();
      return unreachable(sdp);
    }
    return sdp;
  }

  /** Fault: closes the media connection; later answers never connect until {@link restore}. */
  drop(): void {
    this.dropped = true;
    this.closeConnection();
  }

  restore(): void {
    this.dropped = false;
  }

  close(): void {
    this.closed = true;
    this.closeConnection();
    for (const out of this.outbound.values()) out.close();
  }

  private readonly watched = new WeakSet<object>();

  /**
   * A browser addresses its picture-loss requests from the SSRC it sends on
   * the same m-line, and werift routes RTCP by sender SSRC first, so on a
   * sendrecv m-line a PLI meant for the relay's sender reaches the receiver
   * instead. Any PLI or FIR, wherever it lands, is matched to the outbound
   * slot by its media SSRC here.
   */
  private watchFeedback(t: RTCRtpTransceiver): void {
    if (this.watched.has(t)) return;
    this.watched.add(t);
    t.receiver.onRtcp.subscribe((packet) => {
      if (packet.type !== PAYLOAD_SPECIFIC_FEEDBACK) return;
      const feedback = (packet as { feedback?: { count?: number; mediaSsrc?: number } }).feedback;
      if (feedback?.count !== PLI && feedback?.count !== FIR) return;
      for (const out of this.outbound.values())
        if (out.transceiver?.sender.ssrc === feedback.mediaSsrc) out.source?.requestKeyframe();
    });
  }

  private replaceConnection(
    sections: OfferedSection[],
    levelId: number | undefined,
    multistreamAnswered: boolean,
  ): void {
    this.closeConnection();
    this.inbound.get('audio')!.audioLevelId = levelId;
    const pc = new RTCPeerConnection({
      codecs: { audio: [OPUS()], video: [videoCodecFor(sections, multistreamAnswered)] },
      // Multistream: the browser's audio levels tell who speaks (Homer reads them too).
      headerExtensions: {
        audio:
          levelId === undefined
            ? []
            : [new RTCRtpHeaderExtensionParameters({ id: levelId, uri: AUDIO_LEVEL_URI })],
        video: [],
      },
      iceUseIpv6: false,
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      iceAdditionalHostAddresses: ['127.0.0.1'],
      bundlePolicy: 'max-bundle',
    });
    this.pc = pc;
    this.setState('connecting');
    pc.connectionStateChange.subscribe((s) => {
      if (this.pc !== pc) return;
      if (s === 'connected') {
        this.setState('connected');
        // Key frames asked for before DTLS was up were dropped on the way here.
        for (const out of this.outbound.values()) out.source?.requestKeyframe();
      } else if (s === 'failed' || s === 'closed') this.setState(s);
    });
    // webex@3 multistream opens one data channel for JMP.
    pc.onDataChannel.subscribe((channel) => {
      if (this.pc === pc) this.jmp.bindChannel(channel);
    });
    const seen = new WeakSet<object>();
    pc.ontrack = ({ track, transceiver }) => {
      if (seen.has(track)) return;
      seen.add(track);
      track.onReceiveRtp.subscribe((rtp) => {
        if (this.pc !== pc || transceiver.mid == null) return;
        const slot = this.slots.get(transceiver.mid);
        if (slot) this.inbound.get(slot)!.push(rtp);
      });
    };
  }

  /** Which slot each m-line (by mid) carries, from the latest offer. */
  private slots = new Map<string, MediaSlot>();

  private closeConnection(): void {
    const pc = this.pc;
    this.pc = undefined;
    this.ufrag = undefined;
    if (pc) {
      for (const out of this.outbound.values()) out.bind(undefined);
      this.jmp.close();
      void pc.close().catch(() => {});
      this.setState('closed');
    }
  }

  private setState(state: EndpointState): void {
    if (this.state === state) return;
    this.state = state;
    this.onChange();
  }
}

/** The id the offer gives `ssrc-audio-level`. */
function audioLevelId(sdp: string): number | undefined {
  const id = new RegExp(`^a=extmap:(\\d+)(?:/\\w+)? ${AUDIO_LEVEL_URI}`, 'm').exec(sdp)?.[1];
  return id === undefined ? undefined : Number(id);
}

/** Resolves once werift has gathered its host candidates (they go into the answer: no trickle). */
function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const { unSubscribe } = pc.iceGatheringStateChange.subscribe((s) => {
      if (s !== 'complete') return;
      unSubscribe();
      resolve();
    });
  });
}
