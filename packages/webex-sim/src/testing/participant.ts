// A headless participant: the SDK face's wire protocol driven over plain
// HTTP and a Mercury websocket, without a browser. For Node tests (licences,
// webhooks, backends) and the benchmark; browser tests use the real SDK.
import { WebSocket } from 'ws';

export interface HeadlessParticipant {
  participantId: string;
  locusUrl: string;
  inLobby: boolean;
  /** The device this participant joined from. */
  deviceUrl: string;
  /** The `correlationId` its join sent (as the SDK sends its meeting's). */
  correlationId: string;
  /** Locus events pushed to this participant's Mercury socket, oldest first. */
  events: LocusPush[];
  /** Whether the Mercury socket is still open. */
  listening(): boolean;
  /**
   * Offers media by ROAP as webex@3 does (`PUT …/media`, the answer in the
   * HTTP response). `answer` is the relay's SDP, `null` if none came back.
   */
  offerMedia(sdp: string): Promise<MediaOffer>;
  leave(): Promise<number>;
  /** Closes the websocket and deletes the device. */
  close(): Promise<void>;
}

/** What a ROAP offer got back: the HTTP status, the relay's answer and the Locus. */
export interface MediaOffer {
  status: number;
  answer: string | null;
  locus: LocusDto | null;
}

/** One Locus event as a headless participant received it. */
export interface LocusPush {
  eventType: string;
  /** The event's top-level `locusUrl` (what webex@2.60.4 matches meetings by). */
  locusUrl?: string;
  selfState?: string;
  inLobby?: boolean;
  /** The Locus DTO itself. */
  locus: LocusDto;
}

/** The parts of a Locus DTO the simulator's own tests read. */
export interface LocusDto {
  url: string;
  sequence: { entries: number[] };
  syncUrl: string;
  fullState: { state: string };
  self?: {
    id: string;
    state: string;
    removed?: boolean;
    devices: { url: string; correlationId?: string; intent?: unknown }[];
  };
  participants: {
    id: string;
    state: string;
    person: { name: string };
    status: { audioStatus: string; videoStatus: string };
    controls: { audio: { muted: boolean }; video: { muted: boolean } };
  }[];
}

export interface JoinOverHttpInput {
  /** Simulator base URL. */
  url: string;
  /** A guest (or user) access token. */
  token: string;
  meetingNumber: string;
  password?: string;
  /** Use the host key instead of the password (joins as host). */
  hostKey?: string;
  alias?: string;
  /** Open the Mercury socket to receive Locus events (default true). */
  listen?: boolean;
}

async function call(url: string, token: string, method: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/**
 * Registers a device, verifies the password (or host key) through meetingInfo
 * and joins through Locus, exactly as the SDK does. Throws with the
 * simulator's answer when a step is refused (e.g. a licence 403).
 */
export async function joinOverHttp(input: JoinOverHttpInput): Promise<HeadlessParticipant> {
  const { url, token } = input;
  const device = await call(`${url}/wdm/api/v1/devices`, token, 'POST', { deviceType: 'WEB' });
  if (device.status !== 200)
    throw new Error(`device: ${device.status} ${JSON.stringify(device.body)}`);
  const deviceUrl = String(device.body.url);

  const events: HeadlessParticipant['events'] = [];
  let ws: WebSocket | undefined;
  if (input.listen !== false) {
    ws = new WebSocket(String(device.body.webSocketUrl));
    await new Promise<void>((resolve, reject) => {
      ws!.once('error', reject);
      ws!.on('message', (raw) => {
        const msg = JSON.parse(String(raw)) as {
          data?: { eventType?: string; locusUrl?: string; locus?: LocusDto };
        };
        if (msg.data?.eventType === 'mercury.buffer_state') resolve();
        else if (msg.data?.eventType?.startsWith('locus.') && msg.data.locus) {
          const self = msg.data.locus.self;
          events.push({
            eventType: msg.data.eventType,
            ...(msg.data.locusUrl ? { locusUrl: msg.data.locusUrl } : {}),
            ...(self?.state ? { selfState: self.state } : {}),
            inLobby: !!self?.devices?.[0]?.intent,
            locus: msg.data.locus,
          });
        }
      });
      ws!.once('open', () =>
        ws!.send(
          JSON.stringify({ id: '1', type: 'authorization', data: { token: `Bearer ${token}` } }),
        ),
      );
    });
  }

  const info = await call(`${url}/wbxappapi/v1/meetingInfo`, token, 'POST', {
    meetingKey: input.meetingNumber,
    ...((input.hostKey ?? input.password) ? { password: input.hostKey ?? input.password } : {}),
    supportHostKey: true,
  });
  if (info.status !== 200)
    throw new Error(`meetingInfo: ${info.status} ${JSON.stringify(info.body)}`);
  const locusUrl = String(info.body.locusUrl);

  const correlationId = crypto.randomUUID();
  const join = await call(`${locusUrl}/participant?alternateRedirect=true`, token, 'POST', {
    device: { url: deviceUrl, deviceType: 'WEB' },
    correlationId,
    permissionToken: info.body.permissionToken,
    alias: input.alias,
    ...(input.hostKey ? { moderator: true, pin: input.hostKey } : {}),
  });
  if (join.status !== 200) {
    ws?.close();
    throw Object.assign(new Error(`join: ${join.status} ${JSON.stringify(join.body)}`), {
      status: join.status,
      body: join.body,
    });
  }
  const self = (join.body.locus as { self: { id: string; state: string } }).self;
  return {
    participantId: self.id,
    locusUrl,
    deviceUrl,
    correlationId,
    inLobby: self.state === 'IDLE',
    events,
    listening: () => ws?.readyState === WebSocket.OPEN,
    async offerMedia(sdp) {
      const roapMessage = {
        messageType: 'OFFER',
        version: '2',
        seq: 1,
        tieBreaker: 0xfffffffe,
        sdps: [sdp],
        headers: ['includeAnswerInHttpResponse', 'noOkInTransaction'],
      };
      const res = await call(`${locusUrl}/participant/${self.id}/media`, token, 'PUT', {
        correlationId,
        device: { url: deviceUrl, deviceType: 'WEB' },
        localMedias: [
          { localSdp: JSON.stringify({ audioMuted: false, videoMuted: false, roapMessage }) },
        ],
      });
      const body = res.body as {
        locus?: LocusDto;
        mediaConnections?: { remoteSdp?: string }[];
      };
      const remote = body.mediaConnections?.[0]?.remoteSdp;
      return {
        status: res.status,
        answer: remote
          ? ((JSON.parse(remote) as { roapMessage: { sdps: string[] } }).roapMessage.sdps[0] ??
            null)
          : null,
        locus: body.locus ?? null,
      };
    },
    async leave() {
      const res = await call(`${locusUrl}/participant/${self.id}/leave`, token, 'PUT', {
        device: { url: deviceUrl, deviceType: 'WEB' },
      });
      return res.status;
    },
    async close() {
      ws?.close();
      await call(deviceUrl, token, 'DELETE');
    },
  };
}
