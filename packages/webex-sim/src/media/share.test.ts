// The share path of the relay, with two werift peers standing in for the
// browsers (the real SDKs in Chromium: meeting-hooks' in-meeting browser
// test). Offers are shaped as both SDK versions' transcoded offers are: main
// audio, main video, and a `content:slides` video m-line that only receives
// until its participant shares, then is re-offered sendrecv.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
} from 'werift';
import { MediaRelay } from './index';

const MEETING = 'locus-share';
const WAIT = { timeout: 30_000, interval: 50 };

/** A participant: a werift peer with audio, video and a share m-line. */
function peer() {
  const pc = new RTCPeerConnection({
    codecs: {
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
      video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000 })],
    },
    iceUseIpv6: false,
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    bundlePolicy: 'max-bundle',
  });
  pc.addTransceiver('audio', { direction: 'sendrecv' });
  pc.addTransceiver('video', { direction: 'sendrecv' });
  const share = pc.addTransceiver('video', { direction: 'recvonly' });
  const received = { share: 0 };
  pc.ontrack = ({ track, transceiver }) => {
    if (transceiver === share) track.onReceiveRtp.subscribe(() => received.share++);
  };
  return { pc, share, received };
}

/**
 * As a browser offers it: the share m-line marked `a=content:slides` (both
 * SDKs), and no SSRC on it while it only receives (werift names its sender's
 * SSRC on every m-line; Chromium only on m-lines that send, so the share's
 * SSRC first appears in the re-offer that starts the share).
 */
const asSdk = (sdp: string) =>
  sdp
    .split(/\r\n(?=m=)/)
    .map((section) => {
      if (!/^a=mid:2$/m.test(section)) return section;
      const lines = section.split('\r\n');
      const receiving = lines.includes('a=recvonly');
      return lines
        .filter((l) => !(receiving && /^a=(ssrc|ssrc-group|msid):/.test(l)))
        .flatMap((l) => (l === 'a=mid:2' ? [l, 'a=content:slides'] : [l]))
        .join('\r\n');
    })
    .join('\r\n');

async function negotiate(relay: MediaRelay, id: string, pc: RTCPeerConnection) {
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve());
  });
  const answer = await relay.negotiate(MEETING, id, asSdk(pc.localDescription!.sdp));
  await pc.setRemoteDescription({ type: 'answer', sdp: answer });
}

function sendFrames(t: RTCRtpTransceiver) {
  let seq = 0;
  const timer = setInterval(() => {
    const header = new RtpHeader({
      payloadType: 96,
      sequenceNumber: seq++,
      timestamp: seq * 3000,
      marker: true,
    });
    void t.sender.sendRtp(new RtpPacket(header, Buffer.alloc(200, 1))).catch(() => {});
  }, 30);
  return () => clearInterval(timer);
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('relayed screen share', () => {
  it('a share started by re-offering the slides m-line reaches the other participant while the floor is held', async () => {
    const relay = new MediaRelay(() => false);
    const host = peer();
    const guest = peer();
    let stop = () => {};
    cleanup = async () => {
      stop();
      relay.close();
      await Promise.all([host.pc.close(), guest.pc.close()]);
    };
    await negotiate(relay, 'host', host.pc);
    await negotiate(relay, 'guest', guest.pc);
    await vi.waitFor(
      () =>
        expect([host.pc, guest.pc].map((p) => p.connectionState)).toEqual([
          'connected',
          'connected',
        ]),
      WAIT,
    );
    // Start sharing: the m-line now sends, then Locus grants the floor.
    guest.share.setDirection('sendrecv');
    await negotiate(relay, 'guest', guest.pc);
    relay.setShareOwner(MEETING, 'guest');
    stop = sendFrames(guest.share);
    await vi.waitFor(() => {
      expect(relay.participant('guest')!.sent.share).toBeGreaterThan(10);
      expect(host.received.share).toBeGreaterThan(10);
    }, WAIT);
    expect(relay.participant('host')!.received.share).toMatchObject({ from: 'guest' });
    // Nobody gets their own share back.
    expect(relay.participant('guest')!.received.share).toMatchObject({ from: null });
    expect(guest.received.share).toBe(0);
    // The floor released: the host's share slot is fed nothing, though the guest still sends.
    relay.setShareOwner(MEETING, null);
    expect(relay.participant('host')!.received.share).toMatchObject({ from: null });
    const after = relay.participant('host')!.received.share!.packets;
    const sent = relay.participant('guest')!.sent.share!;
    await vi.waitFor(
      () => expect(relay.participant('guest')!.sent.share).toBeGreaterThan(sent + 5),
      WAIT,
    );
    expect(relay.participant('host')!.received.share!.packets).toBe(after);
  }, 60_000);
});
