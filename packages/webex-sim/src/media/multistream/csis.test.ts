// CSIs in Locus: each multistream participant's `devices[].csis` are the
// CSIs of its offer's `a=jmp-source` lines, and they are the values the relay
// names its streams by over JMP (the media request asking it to send, the
// statuses of the panes showing it), so webex@3 can map a pane to a member.
// The clients are werift peer connections on loopback with offers shaped as
// webex@3 words them (a=jmp:v1, a=jmp-source, a data channel); the joins and
// the ROAP offers go over the SDK face's HTTP protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RTCPeerConnection, type RTCDataChannel } from 'werift';
import { joinOverHttp, startSim, type HeadlessParticipant, type Sim } from '../../index';
import { client, meetingBody, provision } from '../../rest/testkit';

let sim: Sim;
let call: ReturnType<typeof client>;
beforeAll(async () => {
  sim = await startSim({ seed: 'csis', options: { multistream: true } });
  call = client(sim);
});
afterAll(() => sim.close());

interface Device {
  csis?: number[];
}
interface LocusView {
  self?: { id: string; devices: Device[] };
  participants: { id: string; devices: Device[] }[];
}

/** A frame as webex@3 sends it on the data channel. */
const frame = (type: string, msgType: string, payload: object) => {
  const [mediaFamily, mediaContent] = type.split('-');
  return JSON.stringify({
    msgType: 'multistream',
    payload: { mediaFamily, mediaContent, payload: { msgType, payload } },
  });
};

interface JmpIn {
  type: string;
  msgType: string;
  payload: Record<string, unknown>;
}

/** One multistream client: a werift peer connection whose offer carries webex@3's JMP lines. */
async function multistreamClient(csi: { video: number; audio: number }) {
  const pc = new RTCPeerConnection({
    iceUseIpv6: false,
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    bundlePolicy: 'max-bundle',
  });
  pc.addTransceiver('video', { direction: 'sendrecv' });
  pc.addTransceiver('audio', { direction: 'sendrecv' });
  const channel: RTCDataChannel = pc.createDataChannel('datachannel', {
    ordered: false,
    maxRetransmits: 0,
  });
  const received: JmpIn[] = [];
  channel.onMessage.subscribe((data) => {
    const msg = JSON.parse(String(data)) as {
      payload: {
        mediaFamily: string;
        mediaContent: string;
        payload: { msgType: string; payload: Record<string, unknown> };
      };
    };
    const { mediaFamily, mediaContent, payload } = msg.payload;
    received.push({ type: `${mediaFamily}-${mediaContent}`, ...payload });
  });
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve());
  });
  // webex@3's lines on each send m-line (its MultistreamConnection's offer).
  const offer = pc
    .localDescription!.sdp.split(/\r\n(?=m=)/)
    .map((block) => {
      const kind = /^m=(audio|video) /.exec(block)?.[1];
      const mid = /^a=mid:(\S+)/m.exec(block)?.[1];
      if (!kind) return block;
      return `${block.replace(/\r\n$/, '')}\r\na=jmp:v1\r\na=jmp-source:${mid} csi=${csi[kind as 'audio' | 'video']}\r\na=jmp-stream-id-mode:SSRC\r\n`;
    })
    .join('\r\n');
  const ssrcs = pc.getTransceivers().map((t) => t.sender.ssrc);
  return {
    offer,
    received,
    ssrcs,
    async accept(sdp: string) {
      await pc.setRemoteDescription({ type: 'answer', sdp });
    },
    open: () => channel.readyState === 'open',
    send: (type: string, msgType: string, payload: object) =>
      channel.send(frame(type, msgType, payload)),
    close: () => pc.close(),
  };
}

/** A ROAP offer as webex@3 makes it; the relay's answer and the Locus. */
async function offer(p: HeadlessParticipant, sdp: string) {
  const { status, answer, locus } = await p.offerMedia(sdp);
  expect(status).toBe(200);
  return { answer: answer!, locus: locus as unknown as LocusView };
}

const until = async (ok: () => boolean, what: () => string, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const csisIn = (locus: LocusView, id: string) =>
  locus.participants.find((p) => p.id === id)?.devices[0]?.csis;

describe('CSIs in Locus (multistream)', () => {
  const people: { p: HeadlessParticipant; c: Awaited<ReturnType<typeof multistreamClient>> }[] = [];
  afterAll(async () => {
    for (const { p, c } of people) {
      await c.close();
      await p.close();
    }
  });

  it('devices[].csis are the offer’s jmp-source CSIs, pushed to the others, and the relay’s JMP uses the same values', async () => {
    const app = provision(sim);
    const m = await call('POST', '/v1/meetings', {
      token: app.tokens.accessToken,
      body: meetingBody(sim, {
        unlockedMeetingJoinSecurity: 'allowJoin',
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 15,
      }),
    });
    const meeting = m.body as { meetingNumber: string; password: string };
    const csi = [
      { video: 1001, audio: 1000 },
      { video: 2003, audio: 2002 },
    ];
    for (const [i, c] of csi.entries()) {
      const token = (
        await call('POST', '/v1/guests/token', {
          token: app.tokens.accessToken,
          body: { subject: `csi-${i}`, displayName: `Csi ${i}` },
        })
      ).body.accessToken as string;
      const p = await joinOverHttp({
        url: sim.url,
        token,
        meetingNumber: meeting.meetingNumber,
        password: meeting.password,
      });
      const mc = await multistreamClient(c);
      const { answer, locus } = await offer(p, mc.offer);
      expect(answer).toMatch(/^o=homer /m);
      // The offerer's own answer already carries them, in self and in participants.
      expect(locus.self?.devices[0]?.csis).toEqual([c.video, c.audio]);
      expect(csisIn(locus, p.participantId)).toEqual([c.video, c.audio]);
      await mc.accept(answer);
      people.push({ p, c: mc });
    }
    const [a, b] = people;
    // The first participant learns the second's CSIs from a Locus push.
    await until(
      () =>
        a!.p.events.some(
          (e) => csisIn(e.locus as unknown as LocusView, b!.p.participantId)?.length === 2,
        ),
      () => JSON.stringify(a!.p.events.map((e) => e.eventType)),
    );
    const last = a!.p.events.at(-1)!.locus as unknown as LocusView;
    expect(csisIn(last, b!.p.participantId)).toEqual([2003, 2002]);
    expect(csisIn(last, a!.p.participantId)).toEqual([1001, 1000]);

    // Over JMP: each is asked to send its own streams by those CSIs…
    await until(
      () => people.every(({ c }) => c.open()),
      () => 'data channels open',
    );
    await until(
      () =>
        people.every(({ c }) =>
          ['VIDEO-MAIN', 'AUDIO-MAIN'].every((t) =>
            c.received.some((r) => r.type === t && r.msgType === 'mediaRequest'),
          ),
        ),
      () => JSON.stringify(people.map(({ c }) => c.received.map((r) => r.msgType))),
    );
    const askedCsi = (i: number, type: string) =>
      (
        people[i]!.c.received.find((r) => r.type === type && r.msgType === 'mediaRequest')!
          .payload as { requests: { policySpecificInfo: { csi: number } }[] }
      ).requests[0]!.policySpecificInfo.csi;
    expect([askedCsi(0, 'VIDEO-MAIN'), askedCsi(0, 'AUDIO-MAIN')]).toEqual([1001, 1000]);
    expect([askedCsi(1, 'VIDEO-MAIN'), askedCsi(1, 'AUDIO-MAIN')]).toEqual([2003, 2002]);

    // …and a pane the first asks for shows the second by its Locus CSI.
    a!.c.send('VIDEO-MAIN', 'mediaRequest', {
      seqNum: 1,
      requests: [
        {
          policy: 'receiver-selected',
          policySpecificInfo: { csi: 2003 },
          ids: [{ ssrc: 777 }],
          maxPayloadBitsPerSecond: 2_000_000,
          codecInfos: [],
        },
      ],
    });
    const status = () =>
      a!.c.received.find(
        (r) =>
          r.type === 'VIDEO-MAIN' &&
          r.msgType === 'mediaRequestStatus' &&
          (r.payload.streamStates as { id: { ssrc: number } }[]).some((s) => s.id.ssrc === 777),
      );
    await until(
      () => !!status(),
      () => JSON.stringify(a!.c.received.map((r) => r.msgType)),
    );
    const state = (status()!.payload.streamStates as { id: { ssrc: number }; csi?: number }[])[0]!;
    expect(state.csi).toBe(2003);
    expect(csisIn(last, b!.p.participantId)).toContain(state.csi);
  }, 90_000);

  it('a transcoded participant gets CSIs of the relay’s choosing (one scene), none with multistream off', async () => {
    const app = provision(sim);
    const m = await call('POST', '/v1/meetings', {
      token: app.tokens.accessToken,
      body: meetingBody(sim, {
        unlockedMeetingJoinSecurity: 'allowJoin',
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 15,
      }),
    });
    const meeting = m.body as { meetingNumber: string; password: string };
    const token = (
      await call('POST', '/v1/guests/token', {
        token: app.tokens.accessToken,
        body: { subject: 'csi-transcoded', displayName: 'Tran' },
      })
    ).body.accessToken as string;
    const p = await joinOverHttp({
      url: sim.url,
      token,
      meetingNumber: meeting.meetingNumber,
      password: meeting.password,
      listen: false,
    });
    const mc = await multistreamClient({ video: 5, audio: 4 });
    const plain = mc.offer.replace(/^a=jmp.*\r\n/gm, '');
    const { answer, locus } = await offer(p, plain);
    expect(answer).not.toMatch(/^o=homer /m);
    const [audio, video] = locus.self!.devices[0]!.csis!;
    expect(audio! > 0 && video === audio! + 1).toBe(true);
    // The same participant id always gets the same CSIs.
    expect((await offer(p, plain)).locus.self?.devices[0]?.csis).toEqual([audio, video]);
    await mc.close();
    await p.close();

    // With multistream off nobody has CSIs.
    sim.control.configure({ multistream: false });
    try {
      const q = await joinOverHttp({
        url: sim.url,
        token,
        meetingNumber: meeting.meetingNumber,
        password: meeting.password,
        listen: false,
      });
      const other = await multistreamClient({ video: 7, audio: 6 });
      const off = await offer(q, other.offer);
      expect(off.answer).not.toMatch(/^o=homer /m);
      expect(off.locus.self?.devices[0]?.csis).toEqual([]);
      await other.close();
      await q.close();
    } finally {
      sim.control.configure({ multistream: true });
    }
  }, 60_000);
});
