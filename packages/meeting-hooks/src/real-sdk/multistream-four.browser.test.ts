// Four people in a multistream meeting, each in their own Chromium browser
// context with the fake camera and microphone, each on the real webex@3
// through the hooks' core, against the simulator answering as Homer. What
// each one sees is what the hooks give it, rendered into <video> elements
// whose frames are counted (multistream-harness.ts):
// - a pane per other participant, named by its memberId (the SDK maps a
//   pane's csi to a member through Locus `devices[].csis`), frames advancing;
// - a muted camera: webex@3 asks for live video only, so the pane that showed
//   it has no source; a pane pinned to it shows camera off (avatar);
// - the active speaker follows whoever's microphone is on (the fake
//   microphone beeps; everyone else is muted);
// - a screen share switches everyone to the share layout, with its sharer.
// Then a webex@2.60.4 guest joins transcoded beside them: it receives their
// audio and video (the relay answers transcoded offers H264 where it answers
// multistream), and they see it in the roster and in a pane (the relay gives
// its streams CSIs). See the simulator README, "Multistream".
//
// Heavy (five pages decoding video on a 2-core machine): every wait is a
// bound on a hang, never a speed target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUp, type SimMeeting } from './kit';
import {
  closeAll,
  openPerson,
  untilAll as untilAllPeople,
  type Look,
  type Person as HarnessPerson,
} from './harness-people';

const STEP = 240_000;

let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('hooks-multistream-four');
  await env.sim.configure({ multistream: true });
}, 120_000);
afterAll(async () => {
  await env?.sim.close();
});

interface Person extends HarnessPerson {
  id: string;
}

const untilAll = (
  people: readonly Person[],
  ok: (look: Look, person: Person) => boolean,
  what: string,
  ms?: number,
) => untilAllPeople(people, ok, what, ms);

/** The panes showing someone (a memberId), by memberId. */
const shown = (l: Look) => new Map(l.panes.filter((p) => p.memberId).map((p) => [p.memberId!, p]));

describe('four webex@3 participants in multistream, four browser contexts', () => {
  let meeting: SimMeeting;
  const people: Person[] = [];
  const names = ['Dr Ada Host', 'Ben Guest', 'Cy Guest', 'Di Guest'];
  const others = (p: Person) => people.filter((q) => q !== p);

  beforeAll(async () => {
    meeting = await env.meeting({
      unlockedMeetingJoinSecurity: 'allowJoin',
      enabledJoinBeforeHost: true,
    });
    for (const [i, name] of names.entries()) {
      const peer = await openPerson();
      await peer.call('join', {
        simUrl: env.sim.url,
        accessToken: await env.guestToken(`four-${i}`, name),
        sdk: 'webex@3',
        destination: meeting.meetingNumber,
        displayName: name,
        ...(i === 0 ? { hostKey: meeting.hostKey } : { password: meeting.password }),
      });
      people.push({ name, peer, id: '' });
    }
    const joined = await untilAll(
      people,
      (l) => l.status === 'joined' && !!l.selfId,
      'joins',
      400_000,
    );
    joined.forEach((l, i) => (people[i]!.id = l.selfId!));
    // Only Ada's microphone is on: the others' fake microphones beep too.
    for (const [i, p] of people.entries())
      expect(await p.peer.call('connectMedia', i !== 0), p.name).toBeNull();
  }, 600_000);

  afterAll(() => closeAll(people));

  it(
    'each sees the three others in panes named by memberId, frames advancing, and its own camera',
    async () => {
      await untilAll(people, (l) => l.mode === 'multistream', 'multistream mode');
      const first = await untilAll(
        people,
        (l, p) => {
          const s = shown(l);
          return (
            others(p).every((o) => s.get(o.id)?.sourceState === 'live' && s.get(o.id)!.width > 0) &&
            l.local.width > 0
          );
        },
        'three live panes with memberIds',
      );
      // Every memberId is one of the others, with the name the roster gives it.
      for (const [i, l] of first.entries()) {
        const p = people[i]!;
        expect([...shown(l).keys()].sort()).toEqual(
          others(p)
            .map((o) => o.id)
            .sort(),
        );
        for (const o of others(p)) expect(l.roster.find((r) => r.id === o.id)?.name).toBe(o.name);
      }
      // Frames keep coming on every pane and on the local preview.
      await untilAll(
        people,
        (l, p) => {
          const before = first[people.indexOf(p)]!;
          const was = shown(before);
          const now = shown(l);
          return (
            others(p).every((o) => now.get(o.id)!.frames >= was.get(o.id)!.frames + 20) &&
            l.local.frames >= before.local.frames + 20
          );
        },
        'frames advancing on every pane',
      );
    },
    STEP,
  );

  it(
    'the active speaker is whoever’s microphone is on, and moves when another speaks instead',
    async () => {
      const [ada, ben] = people as [Person, Person];
      await untilAll(
        others(ada),
        (l) => l.activeSpeakerIds[0] === ada.id,
        `${ada.name} as the active speaker`,
      );
      expect(await ben.peer.call('setMuted', 'microphone', false)).toBeNull();
      expect(await ada.peer.call('setMuted', 'microphone', true)).toBeNull();
      await untilAll(
        others(ben),
        (l) => l.activeSpeakerIds[0] === ben.id,
        `${ben.name} as the active speaker`,
      );
      expect(await ben.peer.call('setMuted', 'microphone', true)).toBeNull();
    },
    STEP,
  );

  it(
    'a muted camera: no pane shows it for the others (webex@3 asks for live video only, a pane goes no-source), a pinned pane shows camera off',
    async () => {
      const [ada, , cy] = people as [Person, Person, Person];
      // Ada pins Cy: a pane that asks for Cy by csi, whatever Cy's camera does.
      await ada.peer.call('pin', cy.id);
      await untilAll(
        others(cy),
        (l) => shown(l).get(cy.id)?.sourceState === 'live',
        `${cy.name} live (pinned by ${ada.name})`,
      );
      expect(await cy.peer.call('setMuted', 'camera', true)).toBeNull();
      const off = await untilAll(
        others(cy),
        (l, p) =>
          // Pinned: the pane keeps Cy, camera off (Homer's `avatar`). Not pinned:
          // the SDK trims its active-speaker request to the live sources, so a
          // pane goes without source, no pane shows Cy, and the others stay live.
          p === ada
            ? l.panes.some((x) => x.memberId === cy.id && x.sourceState === 'avoided')
            : !shown(l).has(cy.id) &&
              l.panes.some((x) => x.sourceState === 'no-source') &&
              others(p)
                .filter((o) => o !== cy)
                .every((o) => shown(l).get(o.id)?.sourceState === 'live'),
        `${cy.name}'s pane camera-off`,
      );
      expect(off).toHaveLength(3);
      // Locus says so too (webex@3's LocalMute in its media request), a little later.
      await untilAll(
        others(cy),
        (l) => l.roster.find((r) => r.id === cy.id)?.videoMuted === true,
        `${cy.name} video-muted in the rosters`,
      );
      expect(await cy.peer.call('setMuted', 'camera', false)).toBeNull();
      await ada.peer.call('pin', null);
      await untilAll(
        others(cy),
        (l, p) =>
          shown(l).get(cy.id)?.sourceState === 'live' &&
          others(p).every((o) => shown(l).get(o.id)?.sourceState === 'live'),
        `${cy.name}'s pane live again, and everyone's`,
      );
    },
    STEP,
  );

  it(
    'a screen share puts everyone in the share layout with its sharer, and back when it stops',
    async () => {
      const di = people[3]!;
      expect(await di.peer.call('startShare')).toBeNull();
      const sharing = await untilAll(
        others(di),
        (l) => l.layout === 'share' && l.share?.sharerId === di.id && l.share.width > 0,
        `${di.name}'s share on screen`,
      );
      await untilAll(
        others(di),
        (l, p) => l.share!.frames >= sharing[others(di).indexOf(p)]!.share!.frames + 10,
        'share frames advancing',
      );
      expect(await di.peer.call('stopShare')).toBeNull();
      await untilAll(others(di), (l) => l.layout !== 'share' && l.share === null, 'share gone');
    },
    STEP,
  );

  describe('webex@2.60.4 joins transcoded beside them', () => {
    let legacy: Person;
    afterAll(() => closeAll([legacy]));

    it(
      'gets media, and the multistream participants see it in the roster',
      async () => {
        const peer = await openPerson();
        legacy = { name: 'Lee Legacy', peer, id: '' };
        await peer.call('join', {
          simUrl: env.sim.url,
          accessToken: await env.guestToken('four-legacy', legacy.name),
          sdk: 'webex@2.60.4',
          destination: meeting.meetingNumber,
          displayName: legacy.name,
          password: meeting.password,
        });
        const [joined] = await untilAll(
          [legacy],
          (l) => l.status === 'joined' && !!l.selfId,
          'the legacy join',
          300_000,
        );
        expect(joined!.sdkVersion.startsWith('2.60.')).toBe(true);
        legacy.id = joined!.selfId!;
        expect(await peer.call('connectMedia', false)).toBeNull();
        // Someone speaks, so there is sound to receive (muted webex@3 microphones send none).
        expect(await people[0]!.peer.call('setMuted', 'microphone', false)).toBeNull();
        await untilAll(
          people,
          (l) => l.roster.some((r) => r.id === legacy.id),
          'legacy in rosters',
        );
        const [start] = await untilAll(
          [legacy],
          (l) => l.mode === 'transcoded' && l.connection === 'connected' && l.audioBytes > 0,
          'legacy media connected',
        );
        await untilAll(
          [legacy],
          (l) => l.audioBytes > start!.audioBytes + 1000,
          'legacy audio bytes growing',
        );
        // Multistream video reaches it (the relay answers it H264, the codec of multistream offers)…
        await untilAll(
          [legacy],
          (l) => l.remote.width > 0 && l.remote.frames >= start!.remote.frames + 20,
          'legacy remote video frames advancing',
        );
        // …and its video reaches them, in a pane named by its memberId (its CSIs are the relay's).
        const seen = await untilAll(
          people,
          (l) =>
            shown(l).get(legacy.id)?.sourceState === 'live' && shown(l).get(legacy.id)!.width > 0,
          'the legacy guest in a live pane',
        );
        await untilAll(
          people,
          (l, p) =>
            shown(l).get(legacy.id)!.frames >=
            shown(seen[people.indexOf(p)]!).get(legacy.id)!.frames + 20,
          'legacy pane frames advancing',
        );
      },
      600_000,
    );
  });
});
