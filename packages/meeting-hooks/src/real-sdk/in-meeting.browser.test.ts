// The meeting itself, through the hooks core, with the real SDK (webex@3 and
// webex@2.60.4, each against itself) on Chromium's fake camera and
// microphone, against the simulator's WebRTC relay: frames that advance,
// audio bytes that grow, a screen share that arrives and stops, host
// controls seen by the other side, and a ghost dropped by presence.
//
// Two SDK instances (two clients, two devices, two Mercury sockets) in one
// page: each is its own participant to Locus and the relay.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { until } from '@g2g/webex-sim/testing/browser';
import type { JoinSession } from '../core';
import { JOIN_BOUND as JOIN, setUp, untilJoined, type Side, type SimMeeting } from './kit';
import { fakeScreen, inboundBytes, mediaConnection } from './page-kit';

/* eslint-disable @typescript-eslint/no-explicit-any -- SDK internals for stats */
let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('hooks-in-meeting');
  // Transcoded media (one remote stream per kind) for both SDKs: webex@3's
  // multistream panes have their own file (multistream.browser.test.ts).
  await env.sim.configure({ multistream: false });
});
afterAll(async () => {
  await env?.sim.close();
});

const LONG = { timeout: 45_000, interval: 100 };

async function joinWithMedia(
  meeting: SimMeeting,
  name: string,
  legacy: boolean,
  host: boolean,
): Promise<Side> {
  const client = env.client({
    // Generous: the first connect of a file loads and registers the SDK, slow on a busy machine.
    timeouts: { connecting: 120_000, resolving: 60_000, joining: 60_000 },
    accessToken: await env.guestToken(`${name}-${legacy ? 2 : 3}`, name),
    ...(legacy ? { sdk: () => import('webex-legacy') } : {}),
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

/** Counts decoded frames of a stream (requestVideoFrameCallback) and reads its size. */
function watch(stream: () => MediaStream | null) {
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  document.body.append(video);
  let frames = 0;
  let attached: MediaStream | null = null;
  const tick = () => {
    frames++;
    video.requestVideoFrameCallback(tick);
  };
  video.requestVideoFrameCallback(tick);
  return {
    frames: () => {
      const s = stream();
      if (s !== attached) video.srcObject = attached = s;
      return frames;
    },
    width: () => video.videoWidth,
    remove: () => video.remove(),
  };
}

/** WebRTC stats of the meeting's connection, whichever SDK version made it. */
function stats(session: JoinSession): Promise<RTCStatsReport> {
  return mediaConnection(session)!.getStats();
}

/** The remote address of the selected ICE pair: the relay on loopback. */
async function remoteAddress(session: JoinSession) {
  // The transport's selected pair, else any succeeded one: after a fallback or
  // a reconnection the first pair may not be the nominated one, and a loaded
  // machine can report the pair a moment after frames already flow.
  const pick = async () => {
    const report = await stats(session);
    let selected: string | undefined;
    let pair: any;
    report.forEach((r: any) => {
      if (r.type === 'transport' && r.selectedCandidatePairId) selected = r.selectedCandidatePairId;
    });
    report.forEach((r: any) => {
      if (r.type !== 'candidate-pair') return;
      if (r.id === selected || (!pair && r.state === 'succeeded')) pair = r;
    });
    return pair ? (report.get(pair.remoteCandidateId) as any)?.address : undefined;
  };
  let address: string | undefined;
  await vi.waitFor(
    async () => {
      address = await pick();
      if (!address) throw new Error('no connected candidate pair yet');
    },
    { timeout: 30_000, interval: 500 },
  );
  return address;
}

for (const legacy of [false, true]) {
  describe(`${legacy ? 'webex@2.60.4' : 'webex@3'} through the hooks core`, () => {
    let meeting: SimMeeting;
    let host: Side;
    let guest: Side;

    beforeAll(async () => {
      meeting = await env.meeting({
        unlockedMeetingJoinSecurity: 'allowJoin',
        enabledJoinBeforeHost: true,
      });
      host = await joinWithMedia(meeting, 'Dr Host', legacy, true);
      guest = await joinWithMedia(meeting, 'Pat Guest', legacy, false);
    }, 400_000);

    afterAll(async () => {
      await guest?.client.dispose();
      await host?.client.dispose();
    });

    it('each side sees the other one’s video frames advance and hears its audio', async () => {
      const views = [host, guest].map((s) =>
        watch(() => s.session.remoteMedia.getSnapshot().video),
      );
      const start = await Promise.all([host, guest].map((s) => inboundBytes(s.session, 'audio')));
      const first = views.map((v) => v.frames());
      await until(
        () => views.every((v, i) => v.frames() > first[i]! + 10 && v.width() > 0),
        () => `frames ${views.map((v) => v.frames())}, widths ${views.map((v) => v.width())}`,
        45_000,
      );
      await vi.waitFor(async () => {
        const now = await Promise.all([host, guest].map((s) => inboundBytes(s.session, 'audio')));
        expect(now.every((b, i) => b > start[i]! + 1000)).toBe(true);
      }, LONG);
      for (const s of [host, guest]) expect(await remoteAddress(s.session)).toBe('127.0.0.1');
      views.forEach((v) => v.remove());
    }, 60_000);

    it('a screen share reaches the other side and stops', async () => {
      const state = () => env.sim.meeting(meeting.id);
      const guestId = guest.session.roster.getSnapshot().self!.id;
      const hostId = host.session.roster.getSnapshot().self!.id;
      // What the relay feeds the host's share slot (from whom, how many packets).
      const hostShare = async (s?: Awaited<ReturnType<typeof state>>) =>
        (s ?? (await state())).participants.find((p) => p.id === hostId)?.media?.received.share;
      expect((await state()).sharing).toBeNull();
      expect(await guest.session.localMedia.startShare(fakeScreen(320, 240))).toBeNull();
      expect(guest.session.localMedia.getSnapshot().share.status).toBe('on');
      const view = watch(() => host.session.remoteMedia.getSnapshot().share);
      await until(
        () => view.frames() > 10 && view.width() > 0,
        () => `share frames ${view.frames()}, width ${view.width()}`,
        60_000,
      );
      // Locus's floor names the sharer, and the relay feeds the host's share slot from it.
      const during = await state();
      expect(during.sharing).toBe(guestId);
      expect(await hostShare(during)).toMatchObject({ from: guestId });
      expect((await hostShare(during))!.packets).toBeGreaterThan(0);
      expect(await guest.session.localMedia.stopShare()).toBeNull();
      expect(guest.session.localMedia.getSnapshot().share.status).toBe('off');
      await vi.waitFor(async () => expect((await state()).sharing).toBeNull(), LONG);
      expect(await hostShare()).toMatchObject({ from: null });
      // Once the floor is released the relay stops feeding the share: frames stop.
      await vi.waitFor(async () => {
        const before = view.frames();
        await new Promise((r) => setTimeout(r, 1500));
        expect(view.frames()).toBe(before);
      }, LONG);
      view.remove();
    }, 120_000);

    // Both SDKs: PATCH {locusUrl}/participant/<id>/controls {audio: {muted: true}}
    // (members/util.js); the guest's SDK reads its controls.audio.muted.
    it('the host mutes the guest, and the guest’s roster says so', async () => {
      const guestSelf = () => guest.session.roster.getSnapshot().self;
      const guestId = guestSelf()!.id;
      await host.session.muteParticipant(guestId);
      await vi.waitFor(() => expect(guestSelf()?.audioMuted).toBe(true), LONG);
      await vi.waitFor(
        () =>
          expect(
            host.session.roster.getSnapshot().participants.find((p) => p.id === guestId)
              ?.audioMuted,
          ).toBe(true),
        LONG,
      );
    }, 60_000);

    // Both SDKs: PATCH {locusUrl}/controls {lock: {locked}}, which webex@2.60.4 only
    // sends when info.displayHints lets it (meeting/util.js canUserLock/canUserUnlock).
    it('the host locks and unlocks the meeting, and the guest’s SDK hears it', async () => {
      const events: string[] = [];
      const m = guest.session.meeting as any;
      m.on('meeting:locked', () => events.push('locked'));
      m.on('meeting:unlocked', () => events.push('unlocked'));
      await host.session.setLocked(true);
      await vi.waitFor(() => expect(events).toContain('locked'), LONG);
      expect((await env.sim.meeting(meeting.id)).participants).toHaveLength(2);
      await host.session.setLocked(false);
      await vi.waitFor(() => expect(events).toContain('unlocked'), LONG);
    }, 60_000);

    // Both SDKs: PUT {locusUrl}/participant/<id>/leave {reason: 'FORCED'} for someone else.
    it('the host removes the guest, whose session ends as removed', async () => {
      const guestId = guest.session.roster.getSnapshot().self!.id;
      await host.session.removeParticipant(guestId);
      await vi.waitFor(
        () =>
          expect(guest.session.getSnapshot()).toMatchObject({
            status: 'left',
            reason: 'removed',
          }),
        LONG,
      );
      await vi.waitFor(
        () =>
          expect(host.session.roster.getSnapshot().participants.map((p) => p.name)).toEqual([
            'Dr Host',
          ]),
        LONG,
      );
    }, 60_000);
  });
}

describe('presence', () => {
  it('a participant whose device goes quiet is dropped after the grace period; the host sees it', async () => {
    await env.sim.configure({ presenceGraceMs: 1_000 });
    const meeting = await env.meeting({
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: true,
    });
    const host = await joinWithMedia(meeting, 'Dr Host', false, true);
    const client = env.client({ accessToken: await env.guestToken('ghost', 'Ghost') });
    const ghost = client.join(meeting.meetingNumber, {
      displayName: 'Ghost',
      password: meeting.password,
    });
    await vi.waitFor(() => expect(ghost.getSnapshot().status).toBe('joined'), LONG);
    const names = () =>
      host.session.roster
        .getSnapshot()
        .participants.map((p) => p.name)
        .sort();
    await vi.waitFor(() => expect(names()).toEqual(['Dr Host', 'Ghost']), LONG);
    // The tab "closes": its Mercury socket goes and never comes back; no leave is sent.
    const ghostId = ghost.roster.getSnapshot().self!.id;
    await env.sim.dropMercury(ghostId);
    await vi.waitFor(() => expect(names()).toEqual(['Dr Host']), LONG);
    // Let the ghost's SDK reconnect before disposing it: webex@3 leaves the
    // abort of a pending Mercury reconnect as an unhandled rejection.
    const mark = (await env.sim.requests()).at(-1)?.seq ?? 0;
    await env.sim.restoreMercury(ghostId);
    await vi.waitFor(async () => {
      const upgrades = await env.sim.requests({ path: '/mercury/*', since: mark });
      expect(upgrades.some((r) => r.status === 101)).toBe(true);
    }, JOIN);
    await env.sim.configure({ presenceGraceMs: 30_000 });
    await client.dispose();
    await host.client.dispose();
  }, 400_000);
});
