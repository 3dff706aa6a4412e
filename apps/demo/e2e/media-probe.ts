// A probe for media problems in the e2e suites: every RTCPeerConnection a
// page makes is kept (window.__g2gPcs) with its signalling history, so a
// test that sees no frames can say why (stats, candidate pair, SDP steps).
import type { Page } from 'playwright';

/** Runs in the page before its scripts (an init script: the CSP does not apply). */
export function installPcProbe() {
  const w = window as unknown as {
    __g2gPcs: { pc: RTCPeerConnection; log: string[] }[];
  };
  if (w.__g2gPcs) return;
  w.__g2gPcs = [];
  const Native = window.RTCPeerConnection;
  const t0 = performance.now();
  const at = () => `${Math.round(performance.now() - t0)}ms`;
  const summary = (sdp: string | undefined) =>
    (sdp ?? '')
      .split(/\r?\n/)
      .filter((l) => /^(m=|a=mid:|a=(sendrecv|sendonly|recvonly|inactive)$|a=ice-ufrag:)/.test(l))
      .join(' ');
  class Probed extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      const entry = { pc: this as RTCPeerConnection, log: [] as string[] };
      w.__g2gPcs.push(entry);
      entry.log.push(`${at()} created`);
      const setL = this.setLocalDescription.bind(this);
      const setR = this.setRemoteDescription.bind(this);
      this.setLocalDescription = (async (d?: RTCSessionDescriptionInit) => {
        const r = await setL(d as RTCSessionDescriptionInit);
        entry.log.push(`${at()} local ${this.localDescription?.type} ${summary(this.localDescription?.sdp)}`);
        return r;
      }) as RTCPeerConnection['setLocalDescription'];
      this.setRemoteDescription = (async (d: RTCSessionDescriptionInit) => {
        entry.log.push(`${at()} remote ${d.type} ${summary(d.sdp)}`);
        return setR(d);
      }) as RTCPeerConnection['setRemoteDescription'];
      this.addEventListener('connectionstatechange', () =>
        entry.log.push(`${at()} connection ${this.connectionState}`),
      );
      this.addEventListener('track', (e) =>
        entry.log.push(`${at()} track ${e.track.kind} mid=${e.transceiver.mid}`),
      );
    }
  }
  window.RTCPeerConnection = Probed as unknown as typeof RTCPeerConnection;
  // Which local track each sender was given, and when (replaceTrack is how an SDK publishes).
  const replace = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = function (this: RTCRtpSender, track) {
    const entry = w.__g2gPcs.find(({ pc }) => pc.getSenders().includes(this));
    entry?.log.push(`${at()} replaceTrack ${track ? `${track.kind}:${track.id.slice(0, 8)}` : 'null'}`);
    return replace.call(this, track);
  };
  (w as unknown as { __g2gMark: (what: string) => void }).__g2gMark = (what: string) => {
    for (const e of w.__g2gPcs) e.log.push(`${at()} [test] ${what}`);
  };
}

/** What a page's media looks like now: peer connections, inbound video, the remote <video>. */
export async function mediaReport(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const w = window as unknown as {
      __g2gPcs?: { pc: RTCPeerConnection; log: string[] }[];
    };
    const pcs = await Promise.all(
      (w.__g2gPcs ?? []).map(async ({ pc, log }) => {
        const stats = await pc.getStats();
        const inbound: unknown[] = [];
        const outbound: unknown[] = [];
        let pair: unknown = null;
        stats.forEach((s) => {
          if (s.type === 'inbound-rtp')
            inbound.push({
              kind: s.kind,
              mid: s.mid,
              ssrc: s.ssrc,
              bytes: s.bytesReceived,
              packets: s.packetsReceived,
              framesDecoded: s.framesDecoded,
              framesReceived: s.framesReceived,
              keyFrames: s.keyFramesDecoded,
              width: s.frameWidth,
              pli: s.pliCount,
            });
          if (s.type === 'outbound-rtp')
            outbound.push({
              kind: s.kind,
              mid: s.mid,
              bytes: s.bytesSent,
              frames: s.framesEncoded,
              width: s.frameWidth,
            });
          if (s.type === 'transport' && s.selectedCandidatePairId) {
            const p = stats.get(s.selectedCandidatePairId);
            pair = p && { state: p.state, nominated: p.nominated, bytesReceived: p.bytesReceived };
          }
        });
        return {
          state: pc.connectionState,
          signaling: pc.signalingState,
          transceivers: pc.getTransceivers().map((t) => ({
            mid: t.mid,
            direction: t.direction,
            current: t.currentDirection,
            recvTrack: `${t.receiver.track.kind}:${t.receiver.track.readyState}:${t.receiver.track.muted ? 'muted' : 'unmuted'}`,
            sendTrack: t.sender.track
              ? `${t.sender.track.kind}:${t.sender.track.readyState}:${t.sender.track.enabled}`
              : null,
          })),
          inbound,
          outbound,
          pair,
          log,
        };
      }),
    );
    const videos = [...document.querySelectorAll('video')].map((v) => ({
      where: v.closest('[data-g2g-remote]') ? 'remote' : v.closest('[data-g2g-self]') ? 'self' : v.closest('figure')?.className,
      readyState: v.readyState,
      paused: v.paused,
      width: v.videoWidth,
      tracks: (v.srcObject as MediaStream | null)
        ?.getTracks()
        .map((t) => `${t.kind}:${t.id.slice(0, 8)}:${t.readyState}:${t.muted ? 'muted' : 'unmuted'}`),
    }));
    return { visibility: document.visibilityState, pcs, videos };
  });
}
