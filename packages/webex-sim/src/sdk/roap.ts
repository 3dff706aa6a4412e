/*
 * ROAP over Locus, as both SDK versions speak it (plugin-meetings
 * `roap/request.js`): `PUT {selfUrl}/media` with `localMedias[0].localSdp`, a
 * JSON string holding `{roapMessage, audioMuted, videoMuted, reachability?}`.
 *
 * - webex@3 sends its OFFER and TURN_DISCOVERY_REQUEST with the headers
 *   `includeAnswerInHttpResponse, noOkInTransaction`: the answer goes back in
 *   the HTTP response as `mediaConnections[0].remoteSdp`, a JSON string
 *   `{roapMessage}` (`roap/index.js` sendRoapMediaRequest), and no OK follows.
 * - webex@2.60.4 sends no headers and waits for the answer as a Mercury
 *   event `locus.message.roap` carrying `correlationId` and `message`
 *   (`meetings/util.js` handleRoapMercury), then sends OK.
 */
import { badRequest } from '../http/errors';
import type { MediaRelay } from '../media';
import type { MercuryHub } from './mercury';

export const ROAP_VERSION = '2';

export interface RoapMessage {
  messageType: string;
  seq?: number;
  sdps?: string[];
  tieBreaker?: number;
  headers?: string[];
  version?: string;
  errorType?: string;
}

/** What the SDK's PUT `/media` carries, read defensively. */
export interface MediaRequest {
  correlationId: string | undefined;
  roapMessage: RoapMessage | undefined;
  audioMuted: boolean | undefined;
  videoMuted: boolean | undefined;
}

export function parseMediaRequest(body: Record<string, unknown>): MediaRequest {
  const localMedias = Array.isArray(body.localMedias) ? body.localMedias : [];
  const raw = (localMedias[0] as { localSdp?: unknown } | undefined)?.localSdp;
  let local: Record<string, unknown> = {};
  if (typeof raw === 'string' && raw) {
    try {
      local = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw badRequest('localMedias[0].localSdp must be a JSON string.');
    }
  }
  const roap = local.roapMessage as RoapMessage | undefined;
  if (roap !== undefined && (typeof roap !== 'object' || typeof roap.messageType !== 'string'))
    throw badRequest('roapMessage needs a messageType.');
  return {
    correlationId: typeof body.correlationId === 'string' ? body.correlationId : undefined,
    roapMessage: roap,
    audioMuted: typeof local.audioMuted === 'boolean' ? local.audioMuted : undefined,
    videoMuted: typeof local.videoMuted === 'boolean' ? local.videoMuted : undefined,
  };
}

/** The Locus media connection entry of a join or media response. */
export function mediaConnection(mediaId: string, roapAnswer?: RoapMessage) {
  return {
    mediaId,
    mediaAgentAlias: 'webex-sim',
    mediaAgentGroupId: 'webex-sim',
    mediaType: 'SDP',
    ...(roapAnswer ? { remoteSdp: JSON.stringify({ roapMessage: roapAnswer }) } : {}),
  };
}

const inHttp = (msg: RoapMessage) => !!msg.headers?.includes('includeAnswerInHttpResponse');

/**
 * "No TURN server here", as a video-mesh node says it: empty TURN headers.
 * webex@3 drops the empty urls and connects directly
 * (`roap/turnDiscovery.js` handleTurnDiscoveryResponse).
 */
const NO_TURN_SERVER = [
  'x-cisco-turn-url=',
  'x-cisco-turn-username=',
  'x-cisco-turn-password=',
  'noOkInTransaction',
];

/**
 * webex@2.60.4 keeps empty urls and then fails to build its RTCPeerConnection
 * (`'' is not a valid URL`); a response without the headers rejects its
 * discovery, but that rejection can land before the SDK awaits it and then
 * surfaces as an unhandled rejection. So it is given a TURN server on a
 * loopback port where nothing listens (TCP, refused at once): Chromium's
 * relay gathering fails immediately and the host candidates connect.
 */
const LOOPBACK_DEAD_TURN = [
  'x-cisco-turn-url=turn:127.0.0.1:9?transport=tcp',
  'x-cisco-turn-username=webex-sim',
  'x-cisco-turn-password=webex-sim',
];

export interface RoapParty {
  /** The meeting's Locus id: one relay per Locus. */
  locusId: string;
  locusUrl: string;
  participantId: string;
  deviceUrl: string;
}

/**
 * Runs one ROAP step: answers an OFFER with the relay's SDP, a TURN
 * discovery with "no TURN server", and takes OK and ERROR as they are. Returns the message for the
 * HTTP response, or pushes it over Mercury when the client did not ask
 * for it in the response.
 */
export async function roapStep(
  request: MediaRequest,
  party: RoapParty,
  deps: { media: MediaRelay; mercury: MercuryHub },
): Promise<RoapMessage | undefined> {
  const msg = request.roapMessage;
  if (!msg) return undefined;
  let reply: RoapMessage | undefined;
  if (msg.messageType === 'OFFER') {
    const offer = msg.sdps?.[0];
    if (typeof offer !== 'string' || !offer.startsWith('v=0'))
      throw badRequest('A ROAP OFFER needs an SDP in sdps[0].');
    const answer = await deps.media.negotiate(party.locusId, party.participantId, offer);
    reply = { messageType: 'ANSWER', version: ROAP_VERSION, seq: msg.seq ?? 0, sdps: [answer] };
  } else if (msg.messageType === 'TURN_DISCOVERY_REQUEST') {
    reply = {
      messageType: 'TURN_DISCOVERY_RESPONSE',
      version: ROAP_VERSION,
      seq: msg.seq ?? 0,
      headers: inHttp(msg) ? NO_TURN_SERVER : LOOPBACK_DEAD_TURN,
    };
  }
  if (!reply) return undefined;
  if (inHttp(msg)) return reply;
  // After the HTTP response: the SDK matches the event by correlation id.
  const event = {
    eventType: 'locus.message.roap',
    correlationId: request.correlationId,
    locusUrl: party.locusUrl,
    message: reply,
  };
  setTimeout(() => deps.mercury.push(party.deviceUrl, event), 0);
  return undefined;
}
