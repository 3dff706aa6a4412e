import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { AccessToken } from '../world/types';
import type { World } from '../world/world';
import { mercuryPath } from './urls';

/**
 * Mercury: the SDK's push channel. After `{type:'authorization'}` the server
 * says `mercury.buffer_state`, answers pings, and pushes Locus events to every
 * socket of the device that joined.
 */
export class MercuryHub {
  private byDevice = new Map<string, Set<WebSocket>>();
  private seq = 0;
  /** Told when a device gets its first socket and when it loses its last (presence). */
  onDevice: ((deviceUrl: string, online: boolean) => void) | undefined;

  constructor(private readonly world: World) {}

  readonly prefix = mercuryPath;

  handle = (ws: WebSocket, _req: IncomingMessage, url: URL): void => {
    const deviceId = url.pathname.slice(mercuryPath.length + 1).split('/')[0] ?? '';
    let deviceUrl: string | undefined;
    this.speak(ws, (auth) => {
      // The token must belong to the person who registered the device.
      const device = this.world.devices.byDeviceId(deviceId);
      if (!device || device.personId !== auth.personId) return false;
      deviceUrl = device.url;
      let set = this.byDevice.get(device.url);
      if (!set) this.byDevice.set(device.url, (set = new Set()));
      set.add(ws);
      if (set.size === 1) this.onDevice?.(device.url, true);
      return true;
    });
    ws.on('close', () => {
      if (!deviceUrl) return;
      const set = this.byDevice.get(deviceUrl);
      if (!set?.delete(ws)) return;
      if (set.size === 0) {
        this.byDevice.delete(deviceUrl);
        this.onDevice?.(deviceUrl, false);
      }
    });
  };

  /**
   * The meeting's low-latency data channel (LLM) speaks the same protocol;
   * nothing is pushed on it here, but the SDK connects after admission.
   */
  handleDataChannel = (ws: WebSocket): void => {
    this.speak(ws, () => true);
  };

  /**
   * The Mercury protocol both sockets share: `{type:'authorization'}` with a
   * valid token (and whatever `accept` checks) → `mercury.buffer_state`, else
   * close 4401 (Mercury's authorization-failure code); `ping` → `pong`.
   */
  private speak(ws: WebSocket, accept: (auth: AccessToken) => boolean): void {
    ws.on('message', (raw) => {
      let msg: { id?: string; type?: string; data?: { token?: string } };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return; // not ours to answer; the real service ignores garbage too
      }
      if (msg.type === 'authorization') {
        const auth = this.world.tokens.authenticate(msg.data?.token);
        if (auth === undefined || auth === 'expired' || !accept(auth)) {
          ws.close(4401, 'Authorization failed');
          return;
        }
        ws.send(
          JSON.stringify({
            id: this.world.ids.uuid(),
            data: { eventType: 'mercury.buffer_state' },
          }),
        );
      } else if (msg.type === 'ping') {
        ws.send(JSON.stringify({ id: msg.id, type: 'pong' }));
      }
    });
  }

  /** Sends an event to every socket of a device; returns how many got it. */
  push(deviceUrl: string, data: Record<string, unknown>): number {
    const sockets = this.byDevice.get(deviceUrl);
    if (!sockets) return 0;
    const message = JSON.stringify({
      id: this.world.ids.uuid(),
      data,
      timestamp: this.world.now(),
      trackingId: this.world.ids.trackingId(),
      alertType: 'none',
      headers: {},
      sequenceNumber: ++this.seq,
      filterMessage: false,
    });
    for (const ws of sockets) ws.send(message);
    return sockets.size;
  }
}
