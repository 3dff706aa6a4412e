import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
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

  constructor(private readonly world: World) {}

  readonly prefix = mercuryPath;

  handle = (ws: WebSocket, _req: IncomingMessage, url: URL): void => {
    const deviceId = url.pathname.slice(mercuryPath.length + 1).split('/')[0] ?? '';
    let deviceUrl: string | undefined;

    ws.on('message', (raw) => {
      let msg: { id?: string; type?: string; data?: { token?: string } };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return; // not ours to answer; the real service ignores garbage too
      }
      if (msg.type === 'authorization') {
        const auth = this.world.authenticate(msg.data?.token);
        const device = [...this.world.devices.values()].find((d) => d.id === deviceId);
        if (
          auth === undefined ||
          auth === 'expired' ||
          !device ||
          device.personId !== auth.personId
        ) {
          // 4401: the close code Mercury uses for an authorization failure.
          ws.close(4401, 'Authorization failed');
          return;
        }
        deviceUrl = device.url;
        let set = this.byDevice.get(device.url);
        if (!set) this.byDevice.set(device.url, (set = new Set()));
        set.add(ws);
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
    ws.on('close', () => {
      if (!deviceUrl) return;
      const set = this.byDevice.get(deviceUrl);
      set?.delete(ws);
      if (set?.size === 0) this.byDevice.delete(deviceUrl);
    });
  };

  /**
   * The meeting's low-latency data channel (LLM) speaks the same protocol;
   * nothing is pushed on it here, but the SDK connects after admission.
   */
  handleDataChannel = (ws: WebSocket): void => {
    ws.on('message', (raw) => {
      let msg: { id?: string; type?: string; data?: { token?: string } };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (msg.type === 'authorization') {
        const auth = this.world.authenticate(msg.data?.token);
        if (auth === undefined || auth === 'expired') ws.close(4401, 'Authorization failed');
        else
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
  };

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

  connectedDevices(): number {
    return this.byDevice.size;
  }
}
