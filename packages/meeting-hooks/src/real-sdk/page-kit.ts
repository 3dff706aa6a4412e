// What every page of the real-SDK tests shares, whether it is the test's own
// page or a harness page in another browser context (so: no vitest here):
// one way to join the simulator, a fake screen to share, and the meeting's
// WebRTC stats whichever SDK version made the connection.
import {
  createMeetingClient,
  type JoinSession,
  type JoinTimeouts,
  type MeetingClient,
} from '../core';

/** How a page joins the simulator (plain JSON: it crosses the page boundary). */
export interface SimJoin {
  simUrl: string;
  accessToken: string;
  /** Which SDK this page loads. */
  sdk: 'webex@3' | 'webex@2.60.4';
  destination: string;
  displayName: string;
  hostKey?: string;
  password?: string;
}

/**
 * A client on the simulator's discovery with the SDK asked for, and its join
 * under way. Reconnection is off: a test drives faults itself. `timeouts` are
 * bounds, not speed targets: loading the SDK into a fresh page is slow on a
 * busy machine.
 */
export function joinSim(
  input: SimJoin,
  timeouts: Partial<JoinTimeouts>,
): { client: MeetingClient; session: JoinSession } {
  const base = input.simUrl.replace(/\/$/, '');
  const client = createMeetingClient({
    accessToken: input.accessToken,
    sdk: input.sdk === 'webex@2.60.4' ? () => import('webex-legacy') : () => import('webex'),
    discovery: { u2c: `${base}/u2c/api/v1`, hydra: `${base}/v1`, sqdiscovery: `${base}/region` },
    config: { meetings: { reconnection: { enabled: false } }, logger: { level: 'error' } },
    timeouts,
  });
  const session = client.join(input.destination, {
    displayName: input.displayName,
    ...(input.hostKey ? { hostKey: input.hostKey } : {}),
    ...(input.password ? { password: input.password } : {}),
  });
  return { client, session };
}

/** A moving canvas: a screen to share with frames that change, without a capture picker. */
export function fakeScreen(width = 640, height = 360): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  let n = 0;
  setInterval(() => {
    ctx.fillStyle = `hsl(${n++ % 360} 80% 50%)`;
    ctx.fillRect(0, 0, width, height);
  }, 50);
  return canvas.captureStream(15);
}

/**
 * The meeting's current peer connection, whichever SDK version made it
 * (`webrtcMediaConnection` on webex@3, `peerConnection` on 2.60.4: SDK
 * internals, read for stats only); `null` before media connects.
 */
export function mediaConnection(
  session: JoinSession,
): { getStats(): Promise<RTCStatsReport> } | null {
  const props = (session.meeting as { mediaProperties?: Record<string, unknown> } | null)
    ?.mediaProperties;
  const pc = (props?.webrtcMediaConnection ?? props?.peerConnection) as
    { getStats?: () => Promise<RTCStatsReport> } | undefined;
  return pc?.getStats ? (pc as { getStats(): Promise<RTCStatsReport> }) : null;
}

/** Bytes received of one kind on the meeting's connection (0 before it exists). */
export async function inboundBytes(session: JoinSession, kind: 'audio' | 'video'): Promise<number> {
  const pc = mediaConnection(session);
  if (!pc) return 0;
  let bytes = 0;
  (await pc.getStats()).forEach((r: { type?: string; kind?: string; bytesReceived?: number }) => {
    if (r.type === 'inbound-rtp' && r.kind === kind) bytes += r.bytesReceived ?? 0;
  });
  return bytes;
}

/** The join state, reduced to what crosses the page boundary (an error keeps its code). */
export function stateJson(session: JoinSession) {
  return JSON.parse(
    JSON.stringify(session.getSnapshot(), (k, v: unknown) =>
      k === 'error' && v instanceof Error
        ? { ...v, code: (v as { code?: string }).code, message: v.message }
        : v,
    ),
  ) as Record<string, unknown> & { status: string };
}
