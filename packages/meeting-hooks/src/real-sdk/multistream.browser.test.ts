// Multistream with the real webex@3 against the simulator's relay answering
// as Homer (Webex's multistream media server): the SDK stays in multistream
// (no fallback) with the simulator's `multistream` option on, and falls back
// to transcoded by itself with it off. Media flows over JMP panes: each
// participant receives the others' video frames, seen in inbound-rtp stats.
//
// Several SDK instances in one page: each is its own participant to Locus
// and the relay.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { until } from '@g2g/webex-sim/testing/browser';
import type { JoinSession } from '../core';
import { setUp, untilJoined, type Side, type SimMeeting } from './kit';

/* eslint-disable @typescript-eslint/no-explicit-any -- SDK internals for stats */
let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('hooks-multistream');
  await env.sim.configure({ multistream: true });
});
afterAll(async () => {
  await env?.sim.close();
});

async function joinWithMedia(meeting: SimMeeting, name: string, host: boolean): Promise<Side> {
  const client = env.client({
    timeouts: { connecting: 120_000, resolving: 60_000, joining: 60_000 },
    accessToken: await env.guestToken(`${name}-ms`, name),
  });
  const session = client.join(meeting.meetingNumber, {
    displayName: name,
    ...(host ? { hostKey: meeting.hostKey } : { password: meeting.password }),
  });
  await untilJoined(session, name);
  const media = session.localMedia;
  expect(await media.start('microphone')).toBeNull();
  expect(await media.start('camera')).toBeNull();
  expect(await media.connect()).toBeNull();
  return { client, session };
}

const modeOf = (s: Side) => s.session.multistream.getSnapshot().mode;

/** Decoded video frames and bytes over every inbound video stream of the connection. */
async function inboundVideo(session: JoinSession) {
  const report: RTCStatsReport = await (
    session.meeting as any
  ).mediaProperties.webrtcMediaConnection.getStats();
  let frames = 0;
  let streams = 0;
  report.forEach((r: any) => {
    if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
    if ((r.framesDecoded ?? 0) > 0) streams++;
    frames += r.framesDecoded ?? 0;
  });
  return { frames, streams };
}

describe('webex@3 multistream against the relay', () => {
  let meeting: SimMeeting;
  const sides: Side[] = [];

  beforeAll(async () => {
    meeting = await env.meeting({
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: true,
    });
    sides.push(await joinWithMedia(meeting, 'Dr Host', true));
    sides.push(await joinWithMedia(meeting, 'Pat Guest', false));
    sides.push(await joinWithMedia(meeting, 'Sam Guest', false));
  }, 500_000);

  afterAll(async () => {
    for (const s of sides) await s.client.dispose();
  });

  it('ends in multistream mode (the answer is taken as Homer’s, no fallback)', async () => {
    await vi.waitFor(
      () => expect(sides.map(modeOf)).toEqual(['multistream', 'multistream', 'multistream']),
      { timeout: 60_000, interval: 200 },
    );
    for (const s of sides) expect((s.session.meeting as any).isMultistream).toBe(true);
  });

  it('each participant decodes the two others’ video on two streams, frames advancing', async () => {
    const start = await Promise.all(sides.map((s) => inboundVideo(s.session)));
    let now = start;
    await until(
      async () => {
        now = await Promise.all(sides.map((s) => inboundVideo(s.session)));
        return now.every((v, i) => v.streams >= 2 && v.frames > start[i]!.frames + 20);
      },
      () => `video ${JSON.stringify(now)}`,
      90_000,
    );
  }, 120_000);
});

describe('with the simulator’s multistream option off', () => {
  let side: Side | undefined;
  afterAll(async () => {
    await side?.client.dispose();
    await env.sim.configure({ multistream: true });
  });

  it('webex@3 falls back to transcoded by itself', async () => {
    await env.sim.configure({ multistream: false });
    const meeting = await env.meeting({
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: true,
    });
    side = await joinWithMedia(meeting, 'Tess Solo', true);
    await vi.waitFor(() => expect(modeOf(side!)).toBe('transcoded'), {
      timeout: 60_000,
      interval: 200,
    });
    expect((side.session.meeting as any).isMultistream).toBe(false);
  }, 300_000);
});
