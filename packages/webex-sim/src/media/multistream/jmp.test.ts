import { describe, expect, it } from 'vitest';
import {
  JmpSession,
  decodeFrame,
  encodeFrame,
  streamRequests,
  type JmpMessage,
  type StreamRequest,
} from './jmp';
import { selectSources, type Candidate } from './select';
import { RtpHeader, RtpPacket } from 'werift';
import { jmpSources, keepSsrcs } from '../sdp';
import { speaking } from '../endpoint';

/** A frame as webex@3's MultistreamConnection sends it (HomerMsg around a JmpMsg). */
const sdkFrame = (type: string, msgType: string, payload: Record<string, unknown>) => {
  const [mediaFamily, mediaContent] = type.split('-');
  return JSON.stringify({
    msgType: 'multistream',
    payload: { mediaFamily, mediaContent, payload: { msgType, payload } },
  });
};

const asRequest = (
  ids: number[],
  policy: 'active-speaker' | 'receiver-selected',
  info: object,
): StreamRequest => ({
  policy,
  policySpecificInfo: info as StreamRequest['policySpecificInfo'],
  ids: ids.map((ssrc) => ({ ssrc })),
  maxPayloadBitsPerSecond: 4_000_000,
  codecInfos: [],
});
const AS = (priority = 255, extra: object = {}) => ({
  priority,
  crossPriorityDuplication: false,
  crossPolicyDuplication: false,
  preferLiveVideo: true,
  ...extra,
});

describe('JMP frames', () => {
  it('decodes what the SDK sends and rejects what is not JMP', () => {
    const msg = decodeFrame(
      sdkFrame('VIDEO-MAIN', 'mediaRequest', {
        seqNum: 3,
        requests: [asRequest([7], 'active-speaker', AS())],
      }),
    );
    expect(msg).toMatchObject({
      mediaFamily: 'VIDEO',
      mediaContent: 'MAIN',
      payload: { msgType: 'mediaRequest', payload: { seqNum: 3 } },
    });
    expect(decodeFrame('not json')).toBeUndefined();
    expect(decodeFrame(JSON.stringify({ msgType: 'other', payload: {} }))).toBeUndefined();
    expect(decodeFrame(sdkFrame('VIDEO-OTHER', 'mediaRequest', { seqNum: 1 }))).toBeUndefined();
    expect(decodeFrame(sdkFrame('AUDIO-MAIN', 'bogus', { seqNum: 1 }))).toBeUndefined();
    expect(
      decodeFrame(
        Buffer.from(sdkFrame('AUDIO-MAIN', 'mediaRequestAck', { mediaRequestSeqNum: 1 })),
      ),
    ).toBeDefined();
  });

  it('encodes in the shape the SDK reads back', () => {
    const frame = JSON.parse(
      encodeFrame('AUDIO-SLIDES', 'sourceAdvertisement', {
        seqNum: 1,
        numTotalSources: 2,
        numLiveSources: 1,
      }),
    );
    expect(frame).toEqual({
      msgType: 'multistream',
      payload: {
        mediaFamily: 'AUDIO',
        mediaContent: 'SLIDES',
        payload: {
          msgType: 'sourceAdvertisement',
          payload: { seqNum: 1, numTotalSources: 2, numLiveSources: 1 },
        },
      },
    });
  });

  it('keeps only well-formed SSRC stream requests', () => {
    expect(
      streamRequests({
        requests: [
          asRequest([1, 2], 'active-speaker', AS()),
          { policy: 'nope', policySpecificInfo: {}, ids: [] },
          {
            policy: 'receiver-selected',
            policySpecificInfo: { csi: 5 },
            ids: [{ mid: '3' }, { ssrc: 9 }],
          },
        ],
      }).map((r) => [r.policy, r.ids.map((i) => i.ssrc)]),
    ).toEqual([
      ['active-speaker', [1, 2]],
      ['receiver-selected', [9]],
    ]);
  });
});

describe('JMP session (server side)', () => {
  const setUp = () => {
    const sent: JmpMessage[] = [];
    const session = new JmpSession('VIDEO-MAIN', (f) => sent.push(decodeFrame(f)!));
    const receive = (msgType: string, payload: Record<string, unknown>) =>
      session.receive(decodeFrame(sdkFrame('VIDEO-MAIN', msgType, payload))!);
    return { sent, session, receive };
  };

  it('acks each media request; a repeat is re-acked, an older one ignored; the newest is kept', () => {
    const { sent, session, receive } = setUp();
    expect(
      receive('mediaRequest', { seqNum: 1, requests: [asRequest([11], 'active-speaker', AS())] }),
    ).toBe('new');
    expect(
      receive('mediaRequest', {
        seqNum: 2,
        requests: [asRequest([12, 13], 'active-speaker', AS())],
      }),
    ).toBe('new');
    expect(receive('mediaRequest', { seqNum: 2, requests: [] })).toBe('duplicate');
    expect(receive('mediaRequest', { seqNum: 1, requests: [] })).toBe('old');
    expect(sent.map((m) => [m.payload.msgType, m.payload.payload.mediaRequestSeqNum])).toEqual([
      ['mediaRequestAck', 1],
      ['mediaRequestAck', 2],
      ['mediaRequestAck', 2],
    ]);
    expect(session.requests.flatMap((r) => r.ids.map((i) => i.ssrc))).toEqual([12, 13]);
  });

  it('keeps the client’s word on its own stream: live sources advertised, and its status (avatar while its camera is muted)', () => {
    const { session, receive } = setUp();
    expect(session.clientLive).toBeUndefined();
    expect(
      receive('sourceAdvertisement', { seqNum: 1, numTotalSources: 1, numLiveSources: 1 }),
    ).toBe('new');
    receive('mediaRequestStatus', {
      seqNum: 1,
      streamStates: [{ id: { ssrc: 5 }, state: 'live', csi: 9 }],
    });
    expect([session.clientLive, session.clientState]).toEqual([true, 'live']);
    receive('sourceAdvertisement', { seqNum: 2, numTotalSources: 1, numLiveSources: 0 });
    receive('mediaRequestStatus', {
      seqNum: 2,
      streamStates: [{ id: { ssrc: 5 }, state: 'avatar', csi: 9 }],
    });
    expect([session.clientLive, session.clientState]).toEqual([false, 'avatar']);
    // An older (retransmitted) message changes nothing; an unknown state is dropped.
    expect(
      receive('sourceAdvertisement', { seqNum: 1, numTotalSources: 1, numLiveSources: 1 }),
    ).toBe('old');
    expect(session.clientLive).toBe(false);
    receive('mediaRequestStatus', {
      seqNum: 3,
      streamStates: [{ id: { ssrc: 5 }, state: 'nope' }],
    });
    expect(session.clientState).toBeUndefined();
  });

  it('acks source advertisements and statuses, numbers its own per kind, and retransmits until acked', () => {
    const { sent, session, receive } = setUp();
    receive('sourceAdvertisement', { seqNum: 1, numTotalSources: 1, numLiveSources: 1 });
    receive('mediaRequestStatus', { seqNum: 1, streamStates: [] });
    expect(sent.map((m) => m.payload)).toEqual([
      { msgType: 'sourceAdvertisementAck', payload: { sourceAdvertisementSeqNum: 1 } },
      { msgType: 'mediaRequestStatusAck', payload: { mediaRequestStatusSeqNum: 1 } },
    ]);
    sent.length = 0;
    expect(
      session.sendNumbered('sourceAdvertisement', { numTotalSources: 2, numLiveSources: 0 }),
    ).toBe(1);
    expect(
      session.sendNumbered('sourceAdvertisement', { numTotalSources: 2, numLiveSources: 2 }),
    ).toBe(2);
    expect(session.sendNumbered('mediaRequest', { requests: [] })).toBe(1);
    sent.length = 0;
    session.retransmit();
    expect(sent.map((m) => [m.payload.msgType, m.payload.payload.seqNum])).toEqual([
      ['sourceAdvertisement', 2],
      ['mediaRequest', 1],
    ]);
    receive('sourceAdvertisementAck', { sourceAdvertisementSeqNum: 2 });
    receive('mediaRequestAck', { mediaRequestSeqNum: 1 });
    sent.length = 0;
    session.retransmit();
    expect(sent).toEqual([]);
  });
});

describe('source selection', () => {
  const c = (participantId: string, csi: number, live = true): Candidate => ({
    participantId,
    csi,
    live,
  });
  const a = c('a', 100);
  const b = c('b', 200);
  const d = c('d', 300, false);

  it('active speaker: most recent speakers first, live video preferred, then join order; spare panes get no source', () => {
    const got = selectSources(
      [asRequest([1, 2, 3, 4], 'active-speaker', AS())],
      [a, b, d],
      ['d', 'b'],
    );
    expect([...got].map(([ssrc, s]) => [ssrc, s?.participantId ?? null])).toEqual([
      [1, 'b'],
      [2, 'a'],
      [3, 'd'],
      [4, null],
    ]);
    const anyVideo = selectSources(
      [asRequest([1], 'active-speaker', AS(255, { preferLiveVideo: false }))],
      [a, b, d],
      ['d'],
    );
    expect(anyVideo.get(1)?.participantId).toBe('d');
  });

  it('receiver-selected by CSI (either media family of the scene), and no duplicate in active-speaker panes', () => {
    const got = selectSources(
      [
        asRequest([5, 6], 'active-speaker', AS(100)),
        asRequest([9], 'receiver-selected', { csi: 201 }),
        asRequest([7], 'active-speaker', AS(255)),
      ],
      [a, b],
      ['b', 'a'],
    );
    expect(got.get(9)?.participantId).toBe('b');
    // Priority 255 is served first; b is taken by the receiver-selected pane.
    expect(got.get(7)?.participantId).toBe('a');
    expect(got.get(5)).toBeNull();
    expect(got.get(6)).toBeNull();
    expect(
      selectSources([asRequest([9], 'receiver-selected', { csi: 999 })], [a], []).get(9),
    ).toBeNull();
  });

  it('duplication when the request allows it', () => {
    const got = selectSources(
      [
        asRequest([1], 'active-speaker', AS(255)),
        asRequest([2], 'active-speaker', AS(100, { crossPriorityDuplication: true })),
      ],
      [a, b],
      ['a'],
    );
    expect(got.get(1)?.participantId).toBe('a');
    expect(got.get(2)?.participantId).toBe('a');
  });
});

describe('multistream SDP', () => {
  const offer = [
    'v=0',
    'm=video 9 UDP/TLS/RTP/SAVPF 102 103',
    'a=mid:0',
    'a=ssrc:11 cname:x',
    'a=ssrc:12 cname:x',
    'a=ssrc:21 cname:x',
    'a=ssrc:22 cname:x',
    'a=ssrc:31 cname:x',
    'a=ssrc:32 cname:x',
    'a=ssrc-group:FID 11 12',
    'a=ssrc-group:FID 21 22',
    'a=ssrc-group:FID 31 32',
    'a=ssrc-group:SIM 11 21 31',
    'a=jmp:v1',
    'a=jmp-source:0 csi=606734337',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=mid:1',
    'a=ssrc:41 cname:y',
    'a=jmp-source:1 csi=606734336',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'a=mid:2',
    '',
  ].join('\r\n');

  it('reads each send m-line’s CSI and takes the full-size simulcast layer with its RTX', () => {
    expect(jmpSources(offer)).toEqual([
      { mid: '0', kind: 'video', slides: false, csi: 606734337, ssrc: 31, rtxSsrc: 32 },
      { mid: '1', kind: 'audio', slides: false, csi: 606734336, ssrc: 41 },
    ]);
  });

  it('gives werift only the chosen SSRCs', () => {
    const lines = keepSsrcs(offer, jmpSources(offer)).split('\r\n');
    expect(lines.filter((l) => l.startsWith('a=ssrc'))).toEqual([
      'a=ssrc:31 cname:x',
      'a=ssrc:41 cname:y',
    ]);
  });
});

describe('audio level (RFC 6464)', () => {
  const packet = (level: number | undefined) =>
    new RtpPacket(
      new RtpHeader({
        extensions: level === undefined ? [] : [{ id: 12, payload: Buffer.from([0x80 | level]) }],
      }),
      Buffer.alloc(40),
    );
  it('reads speech from the level byte (voice-activity bit ignored), nothing without the extension', () => {
    expect(speaking(packet(10), 12)).toBe(true);
    expect(speaking(packet(127), 12)).toBe(false);
    expect(speaking(packet(90), 12)).toBe(false);
    expect(speaking(packet(undefined), 12)).toBeUndefined();
    expect(speaking(packet(10), 3)).toBeUndefined();
  });
});
