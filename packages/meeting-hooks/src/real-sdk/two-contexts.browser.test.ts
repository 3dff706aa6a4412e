// Two people, each in their own Chromium browser context (their own
// storage, devices and peer connection) with the fake camera and microphone,
// on the real SDK through the hooks' core, against the simulator's relay in
// a transcoded meeting, for webex@3 and for webex@2.60.4: each side's remote
// <video> shows frames that advance (requestVideoFrameCallback) with a
// non-zero videoWidth, each side's inbound audio bytes grow (getStats), and
// a screen share reaches the other side and stops (multistream-harness.ts
// renders what the hooks give and counts its frames).
//
// Heavy (two pages decoding video on a 2-core machine): every wait is a bound
// on a hang, never a speed target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUp, type SimMeeting } from './kit';
import { closeAll, openPerson, sleep, untilAll, WAIT_MS, type Person } from './harness-people';

const STEP = 300_000;

let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('hooks-two-contexts');
  // Transcoded for both SDKs (webex@3's multistream panes: multistream-four).
  await env.sim.configure({ multistream: false });
}, 120_000);
afterAll(async () => {
  await env?.sim.close();
});

describe.each(['webex@3', 'webex@2.60.4'] as const)('two browser contexts, %s', (sdk) => {
  let meeting: SimMeeting;
  const people: Person[] = [];
  const tag = sdk === 'webex@3' ? 'v3' : 'v2';

  beforeAll(async () => {
    meeting = await env.meeting({
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: true,
    });
    for (const [i, name] of ['Dr Host', 'Pat Guest'].entries()) {
      const peer = await openPerson();
      await peer.call('join', {
        simUrl: env.sim.url,
        accessToken: await env.guestToken(`two-${tag}-${i}`, name),
        sdk,
        destination: meeting.meetingNumber,
        displayName: name,
        ...(i === 0 ? { hostKey: meeting.hostKey } : { password: meeting.password }),
      });
      people.push({ name, peer });
    }
    const joined = await untilAll(people, (l) => l.status === 'joined', 'joins', 400_000);
    for (const l of joined)
      expect(l.sdkVersion.startsWith(sdk === 'webex@3' ? '3.' : '2.60.')).toBe(true);
    // Both microphones on: each side has sound to receive from the other.
    for (const p of people) expect(await p.peer.call('connectMedia', false), p.name).toBeNull();
  }, 600_000);

  afterAll(() => closeAll(people));

  it(
    'each side sees the other’s video frames advance and receives its audio',
    async () => {
      const start = await untilAll(
        people,
        (l) =>
          l.mode === 'transcoded' &&
          l.connection === 'connected' &&
          l.remote.hasStream &&
          l.remote.width > 0,
        'media connected, the other’s video shown',
      );
      await untilAll(
        people,
        (l, _p, i) =>
          l.remote.frames >= start[i]!.remote.frames + 20 &&
          l.audioBytes > start[i]!.audioBytes + 1000,
        'video frames advancing and audio bytes growing on both sides',
      );
    },
    STEP,
  );

  it(
    'a screen share reaches the other side and stops',
    async () => {
      const [host, guest] = people as [Person, Person];
      expect(await guest.peer.call('startShare')).toBeNull();
      const [first] = await untilAll(
        [host],
        (l) => l.remoteShare.hasStream && l.remoteShare.width > 0,
        'the share shown on the host’s side',
      );
      await untilAll(
        [host],
        (l) => l.remoteShare.frames >= first!.remoteShare.frames + 10,
        'share frames advancing',
      );
      expect(await guest.peer.call('stopShare')).toBeNull();
      // Stopped: no share stream, or one whose frames no longer advance.
      const end = Date.now() + WAIT_MS;
      for (;;) {
        const a = await host.peer.call('look');
        await sleep(2000);
        const b = await host.peer.call('look');
        if (!b.remoteShare.hasStream || b.remoteShare.frames === a.remoteShare.frames) break;
        if (Date.now() > end)
          throw new Error(`the share still plays: ${JSON.stringify(b.remoteShare)}`);
      }
    },
    STEP,
  );
});
