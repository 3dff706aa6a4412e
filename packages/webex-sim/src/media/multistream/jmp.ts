/*
 * JMP, the JSON multistream protocol webex@3 speaks with Homer over the SCTP
 * data channel, as @webex/json-multistream 2.4 and internal-media-core 2.23
 * shape it (written from reading the shipped SDK; no code taken):
 *
 *   datachannel frame = JSON {msgType: 'multistream', payload: JmpMsg}
 *   JmpMsg            = {mediaFamily: 'AUDIO'|'VIDEO', mediaContent: 'MAIN'|'SLIDES',
 *                        payload: {msgType, payload}}
 *
 * Each media type (family × content) is its own session with its own
 * sequence numbers, one per message kind, starting at 1. A mediaRequest,
 * sourceAdvertisement or mediaRequestStatus is acked by the other side with
 * the seqNum it carried; a repeat of the last seqNum is re-acked, an older
 * one ignored (JmpSession `handleIncoming*`). activeSpeakerNotification is
 * not acked.
 */

export type MediaFamily = 'AUDIO' | 'VIDEO';
export type MediaContent = 'MAIN' | 'SLIDES';
export type MediaTypeKey = `${MediaFamily}-${MediaContent}`;

export type JmpMsgType =
  | 'mediaRequest'
  | 'mediaRequestAck'
  | 'mediaRequestStatus'
  | 'mediaRequestStatusAck'
  | 'sourceAdvertisement'
  | 'sourceAdvertisementAck'
  | 'activeSpeakerNotification';

export interface SsrcId {
  ssrc: number;
  rtxSsrc?: number;
}

export interface ActiveSpeakerInfo {
  priority: number;
  crossPriorityDuplication: boolean;
  crossPolicyDuplication: boolean;
  preferLiveVideo: boolean;
}

export interface StreamRequest {
  policy: 'active-speaker' | 'receiver-selected';
  policySpecificInfo: ActiveSpeakerInfo | { csi: number };
  ids: SsrcId[];
  maxPayloadBitsPerSecond: number;
  codecInfos: unknown[];
}

export type StreamState = 'no source' | 'invalid source' | 'live' | 'avatar' | 'away';
const STREAM_STATES: readonly StreamState[] = [
  'no source',
  'invalid source',
  'live',
  'avatar',
  'away',
];

export interface StreamInfo {
  id: SsrcId;
  state: StreamState;
  csi?: number;
}

export interface JmpMessage {
  mediaFamily: MediaFamily;
  mediaContent: MediaContent;
  payload: { msgType: JmpMsgType; payload: Record<string, unknown> };
}

const TYPES: readonly JmpMsgType[] = [
  'mediaRequest',
  'mediaRequestAck',
  'mediaRequestStatus',
  'mediaRequestStatusAck',
  'sourceAdvertisement',
  'sourceAdvertisementAck',
  'activeSpeakerNotification',
];

export const mediaTypeOf = (m: { mediaFamily: MediaFamily; mediaContent: MediaContent }) =>
  `${m.mediaFamily}-${m.mediaContent}` as MediaTypeKey;

/** A data channel frame as the SDK sends it, or `undefined` when it is not one. */
export function decodeFrame(data: string | Buffer): JmpMessage | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!frame || typeof frame !== 'object') return undefined;
  const { msgType, payload } = frame as { msgType?: unknown; payload?: unknown };
  if (msgType !== 'multistream' || !payload || typeof payload !== 'object') return undefined;
  const jmp = payload as Partial<JmpMessage>;
  if (jmp.mediaFamily !== 'AUDIO' && jmp.mediaFamily !== 'VIDEO') return undefined;
  if (jmp.mediaContent !== 'MAIN' && jmp.mediaContent !== 'SLIDES') return undefined;
  const inner = jmp.payload;
  if (!inner || typeof inner !== 'object' || !TYPES.includes(inner.msgType)) return undefined;
  if (!inner.payload || typeof inner.payload !== 'object') return undefined;
  return jmp as JmpMessage;
}

export function encodeFrame(
  type: MediaTypeKey,
  msgType: JmpMsgType,
  payload: Record<string, unknown>,
): string {
  const [mediaFamily, mediaContent] = type.split('-') as [MediaFamily, MediaContent];
  return JSON.stringify({
    msgType: 'multistream',
    payload: { mediaFamily, mediaContent, payload: { msgType, payload } },
  });
}

/** The stream requests of a mediaRequest, keeping only well-formed SSRC ones. */
export function streamRequests(payload: Record<string, unknown>): StreamRequest[] {
  const requests = Array.isArray(payload.requests) ? (payload.requests as unknown[]) : [];
  return requests.flatMap((r) => {
    const req = r as Partial<StreamRequest> | null;
    if (!req || (req.policy !== 'active-speaker' && req.policy !== 'receiver-selected')) return [];
    if (!req.policySpecificInfo || typeof req.policySpecificInfo !== 'object') return [];
    const ids = Array.isArray(req.ids)
      ? req.ids.filter((id): id is SsrcId => typeof (id as SsrcId)?.ssrc === 'number')
      : [];
    return [
      {
        policy: req.policy,
        policySpecificInfo: req.policySpecificInfo,
        ids,
        maxPayloadBitsPerSecond: Number(req.maxPayloadBitsPerSecond) || 0,
        codecInfos: Array.isArray(req.codecInfos) ? req.codecInfos : [],
      },
    ];
  });
}

/** What to do with a numbered message from the peer. */
export type Incoming = 'new' | 'duplicate' | 'old';

/**
 * One media type's JMP session, server side: numbering of what it sends,
 * retransmission of what is not acked yet, and the ordering of what it
 * receives. The data channel is unordered with no retransmits (the SDK
 * opens it so), so both ends retransmit.
 */
export class JmpSession {
  private readonly nextSeq: Partial<Record<JmpMsgType, number>> = {};
  private readonly lastIn: Partial<Record<JmpMsgType, number>> = {};
  private readonly unacked = new Map<JmpMsgType, { seqNum: number; frame: string; left: number }>();
  /** The latest media request from the client, which the panes follow. */
  requests: StreamRequest[] = [];
  /**
   * The client's own word on its stream of this type: its latest source
   * advertisement (`numLiveSources` 0 while its track is muted) and, for
   * video, the state of its latest media request status (`avatar` while its
   * camera is muted). Homer relays both to whoever shows the stream.
   */
  clientLive: boolean | undefined;
  clientState: StreamState | undefined;

  constructor(
    readonly type: MediaTypeKey,
    private readonly send: (frame: string) => void,
  ) {}

  /** Sends a numbered message (mediaRequest, sourceAdvertisement, mediaRequestStatus), retransmitted until acked. */
  sendNumbered(
    msgType: 'mediaRequest' | 'sourceAdvertisement' | 'mediaRequestStatus',
    body: Record<string, unknown>,
  ): number {
    const seqNum = this.nextSeq[msgType] ?? 1;
    this.nextSeq[msgType] = seqNum + 1;
    const frame = encodeFrame(this.type, msgType, { seqNum, ...body });
    this.unacked.set(msgType, { seqNum, frame, left: RETRANSMITS });
    this.send(frame);
    return seqNum;
  }

  /** Sends an un-numbered message (activeSpeakerNotification carries its own seqNum). */
  sendPlain(msgType: JmpMsgType, body: Record<string, unknown>): void {
    this.send(encodeFrame(this.type, msgType, body));
  }

  /** Resends what is still unacked; called on a timer. */
  retransmit(): void {
    for (const [type, u] of this.unacked) {
      if (u.left-- <= 0) this.unacked.delete(type);
      else this.send(u.frame);
    }
  }

  /**
   * Takes a message from the client: acks and orders the numbered ones,
   * clears retransmission on acks. Returns a numbered message's verdict
   * (`new`: what the panes show may change) or undefined for acks.
   */
  receive(msg: JmpMessage): Incoming | undefined {
    const { msgType, payload } = msg.payload;
    const ackOf: Partial<Record<JmpMsgType, [JmpMsgType, string]>> = {
      mediaRequest: ['mediaRequestAck', 'mediaRequestSeqNum'],
      sourceAdvertisement: ['sourceAdvertisementAck', 'sourceAdvertisementSeqNum'],
      mediaRequestStatus: ['mediaRequestStatusAck', 'mediaRequestStatusSeqNum'],
    };
    const acked: Partial<Record<JmpMsgType, [JmpMsgType, string]>> = {
      mediaRequestAck: ['mediaRequest', 'mediaRequestSeqNum'],
      sourceAdvertisementAck: ['sourceAdvertisement', 'sourceAdvertisementSeqNum'],
      mediaRequestStatusAck: ['mediaRequestStatus', 'mediaRequestStatusSeqNum'],
    };
    const ack = ackOf[msgType];
    if (ack) {
      const seqNum = Number(payload.seqNum);
      if (!Number.isFinite(seqNum)) return undefined;
      const last = this.lastIn[msgType];
      const verdict: Incoming =
        last === undefined || seqNum > last ? 'new' : seqNum === last ? 'duplicate' : 'old';
      if (verdict === 'old') return verdict;
      this.lastIn[msgType] = seqNum;
      this.sendPlain(ack[0], { [ack[1]]: seqNum });
      if (msgType === 'mediaRequest' && verdict === 'new') this.requests = streamRequests(payload);
      if (msgType === 'sourceAdvertisement' && verdict === 'new')
        this.clientLive = Number(payload.numLiveSources) > 0;
      if (msgType === 'mediaRequestStatus' && verdict === 'new') {
        const states = Array.isArray(payload.streamStates) ? payload.streamStates : [];
        const state = (states[0] as { state?: unknown } | undefined)?.state;
        this.clientState = STREAM_STATES.includes(state as StreamState)
          ? (state as StreamState)
          : undefined;
      }
      return verdict;
    }
    const done = acked[msgType];
    if (done) {
      const u = this.unacked.get(done[0]);
      if (u && u.seqNum === Number(payload[done[1]])) this.unacked.delete(done[0]);
    }
    return undefined;
  }
}

/** Retransmissions of an unacked message (at the session's timer interval) before giving up. */
const RETRANSMITS = 40;
