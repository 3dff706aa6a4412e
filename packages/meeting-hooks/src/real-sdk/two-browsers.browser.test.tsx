// The whole journey, for each SDK version, with two real browsers: the guest
// here (React hooks), the host in a second Chromium context (the hooks'
// core), both on the real SDK against @g2g/webex-sim, nothing off loopback.
import { afterAll, beforeAll, describe, expect, it as base, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import { isKnownSdkDefect, openPeer, watchNetwork, type Peer } from '@g2g/webex-sim/testing/peer';
import { useJoinSession, useLocalMedia, useRoster } from '../react';
import { captchaIdOf, providerFor, setUp, type SimMeeting } from './kit';
import type * as Harness from './peer-harness';

const WAIT = { timeout: 90_000, interval: 50 };
// Each step may wait on a fresh page loading a 5 MB SDK: a generous bound on a busy machine.
const STEP_TIMEOUT = 180_000;
const it = (name: string, fn: () => Promise<void>) => base(name, fn, STEP_TIMEOUT);
const HARNESS = new URL('./peer-harness.ts', import.meta.url).pathname;
type HarnessApi = typeof Harness;

let env: Awaited<ReturnType<typeof setUp>>;
let network: Awaited<ReturnType<typeof watchNetwork>>;
const consoleErrors: string[] = [];

beforeAll(async () => {
  env = await setUp('two-browsers');
  network = await watchNetwork();
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const line = args.map(String).join(' ');
    if (!isKnownSdkDefect(line)) consoleErrors.push(line);
    original(...args);
  });
});
afterAll(async () => {
  cleanup();
  vi.restoreAllMocks();
  await env?.sim.close();
});

function useGuest(destination: string, name: string) {
  // Transcoded, as the simulator answers by default: no multistream attempt,
  // whose fallback webex@3 logs as errors (multistream has its own file).
  const { state, actions, session } = useJoinSession(destination, {
    displayName: name,
    multistream: false,
  });
  const roster = useRoster({ session }).state.participants;
  const media = useLocalMedia({ session });
  return { state, actions, roster, media };
}

/** The simulator's person id (a uuid) behind a token, to scope request-log assertions. */
async function personIdOf(token: string): Promise<string> {
  const me = await env.sim.rest<{ id: string }>(token, 'GET', '/people/me');
  return atob(me.body.id.replace(/-/g, '+').replace(/_/g, '/')).split('/').pop()!;
}

async function pngBytes(url: string | null): Promise<string> {
  const res = await fetch(url!);
  return Array.from(new Uint8Array(await res.arrayBuffer())).join(',');
}

describe.each(['webex@3', 'webex@2.60.4'] as const)('%s, guest and host in two browsers', (sdk) => {
  let meeting: SimMeeting;
  let guest: ReturnType<typeof renderHook<ReturnType<typeof useGuest>, unknown>>;
  let host: Peer<HarnessApi>;
  const guestName = `Pat ${sdk}`;
  const hostName = `Dr Host ${sdk}`;
  const people: string[] = [];

  beforeAll(async () => {
    meeting = await env.meeting({ title: `Journey ${sdk}` });
  });
  afterAll(async () => {
    guest?.unmount();
    await host?.call('dispose').catch(() => {});
    await host?.close();
  });

  it('registers and is asked for the password', async () => {
    const accessToken = await env.guestToken(`patient-${sdk}`, guestName);
    people.push(await personIdOf(accessToken));
    const client = env.client({
      accessToken,
      // Leaving uploads the SDK's logs, as it does by default.
      config: { meetings: { reconnection: { enabled: false } }, logger: { level: 'error' } },
      ...(sdk === 'webex@2.60.4' ? { sdk: () => import('webex-legacy') } : {}),
      timeouts: { connecting: 120_000, resolving: 60_000, verifying: 60_000, joining: 60_000 },
    });
    guest = renderHook(() => useGuest(meeting.meetingNumber, guestName), {
      wrapper: providerFor(client),
    });
    await vi.waitFor(
      () => expect(guest.result.current.state).toMatchObject({ status: 'password-required' }),
      WAIT,
    );
    expect(
      (client.webex as { version: string }).version.startsWith(sdk === 'webex@3' ? '3.' : '2.60.'),
    ).toBe(true);
    expect((client.webex as { meetings: { registered: boolean } }).meetings.registered).toBe(true);
  });

  it('three wrong passwords bring a captcha; a refresh changes the image', async () => {
    for (const wrong of ['not-it', 'still-not', 'nope'])
      await act(() => guest.result.current.actions.submitPassword(wrong));
    const before = guest.result.current.state;
    if (before.status !== 'password-required') throw new Error(before.status);
    expect(before.captcha.required).toBe(true);
    await act(() => guest.result.current.actions.refreshCaptcha());
    const after = guest.result.current.state;
    if (after.status !== 'password-required') throw new Error(after.status);
    expect(captchaIdOf(after.captcha.imageUrl)).not.toBe(captchaIdOf(before.captcha.imageUrl));
    expect(await pngBytes(after.captcha.imageUrl)).not.toBe(
      await pngBytes(before.captcha.imageUrl),
    );
  });

  it('the right password and code put the guest in the lobby', async () => {
    const s = guest.result.current.state;
    if (s.status !== 'password-required') throw new Error(s.status);
    const code = await env.sim.captchaCode(captchaIdOf(s.captcha.imageUrl));
    await act(() => guest.result.current.actions.submitPassword(meeting.password, code));
    await vi.waitFor(() => expect(guest.result.current.state.status).toBe('lobby'), WAIT);
  });

  it('a host in a second browser joins with the host key and admits the guest', async () => {
    host = await openPeer<HarnessApi>(HARNESS);
    const accessToken = await env.guestToken(`doctor-${sdk}`, hostName);
    people.push(await personIdOf(accessToken));
    await host.call('join', {
      simUrl: env.sim.url,
      accessToken,
      sdk,
      destination: meeting.meetingNumber,
      displayName: hostName,
      hostKey: meeting.hostKey,
    });
    await vi.waitFor(async () => {
      expect(await host.call('state')).toMatchObject({ status: 'joined', isHost: true });
    }, WAIT);
    let waiting: { id: string; name: string } | undefined;
    await vi.waitFor(async () => {
      waiting = (await host.call('roster')).find((p) => p.inLobby);
      expect(waiting?.name).toBe(guestName);
    }, WAIT);
    await host.call('admit', [waiting!.id]);
    await vi.waitFor(() => expect(guest.result.current.state.status).toBe('joined'), WAIT);
  });

  it('both sides see both members in the meeting', async () => {
    const names = [guestName, hostName].sort();
    await vi.waitFor(() => {
      const inMeeting = guest.result.current.roster.filter((p) => !p.inLobby);
      expect(inMeeting.map((p) => p.name).sort()).toEqual(names);
    }, WAIT);
    await vi.waitFor(async () => {
      const inMeeting = (await host.call('roster')).filter((p) => !p.inLobby);
      expect(inMeeting.map((p) => p.name).sort()).toEqual(names);
    }, WAIT);
    expect(guest.result.current.roster.find((p) => p.name === hostName)?.isHost).toBe(true);
  });

  it('the host mutes the guest, and both sides see it', async () => {
    const guestId = guest.result.current.roster.find((p) => p.isSelf)!.id;
    await host.call('muteParticipant', guestId, true);
    await vi.waitFor(() => {
      expect(guest.result.current.roster.find((p) => p.isSelf)?.audioMuted).toBe(true);
    }, WAIT);
    await vi.waitFor(async () => {
      const seen = (await host.call('roster')).find((p) => p.id === guestId);
      expect(seen?.audioMuted).toBe(true);
    }, WAIT);
  });

  // Both SDKs carry a local mute in their media requests (`localSdp.audioMuted`):
  // webex@3's `LocalMute`, webex@2.60.4's `remoteAudioVideoToggle`. Those exist
  // only once the media connection is answered, so the guest connects first.
  it('the guest mutes and unmutes their microphone, and the host sees each', async () => {
    const guestId = guest.result.current.roster.find((p) => p.isSelf)!.id;
    const hostSees = (audioMuted: boolean) =>
      vi.waitFor(async () => {
        const seen = (await host.call('roster')).find((p) => p.id === guestId);
        expect(seen?.audioMuted).toBe(audioMuted);
      }, WAIT);
    const media = () => guest.result.current.media.actions;
    await act(async () => expect(await media().start('microphone')).toBeNull());
    await act(async () => expect(await media().connect()).toBeNull());
    for (const muted of [false, true, false]) {
      await act(() => media().setMuted('microphone', muted));
      await hostSees(muted);
      expect(guest.result.current.roster.find((p) => p.isSelf)?.audioMuted).toBe(muted);
    }
  });

  it('the guest leaves, and the host sees it', async () => {
    await act(() => guest.result.current.actions.leave());
    expect(guest.result.current.state).toEqual({ status: 'left', reason: 'self' });
    await vi.waitFor(async () => {
      const names = (await host.call('roster')).map((p) => p.name);
      expect(names).toEqual([hostName]);
    }, WAIT);
  });

  it('the host ends the meeting', async () => {
    await host.call('endForAll');
    expect(await host.call('state')).toEqual({ status: 'left', reason: 'ended' });
    expect((await env.sim.meeting(meeting.id)).state).not.toBe('inProgress');
  });

  it("the guest's leave uploaded its logs through the client-logs flow", async () => {
    await vi.waitFor(async () => {
      const logs = (await env.sim.clientLogs()).filter((l) => l.personId === people[0]);
      expect(logs.at(-1)).toMatchObject({
        bytes: expect.any(Number),
        metadata: expect.objectContaining({ correlationId: expect.any(String) }),
      });
    }, WAIT);
  });

  it('every request got a modelled answer, nothing left loopback, and no browser logged an error', async () => {
    for (const personId of people) {
      const mine = await env.sim.requests({ personId });
      expect(mine.length).toBeGreaterThan(10);
      expect(mine.filter((r) => r.unmodelled).map((r) => `${r.method} ${r.path}`)).toEqual([]);
      // 403/423 from meetingInfo are the password and captcha protocol; 501 is the absent KMS.
      const refused = mine.filter(
        (r) =>
          r.status >= 400 &&
          !(r.path === '/wbxappapi/v1/meetingInfo' && [403, 423].includes(r.status)) &&
          !(r.status === 501 && r.path.startsWith('/encryption/api/v1/kms/')),
      );
      expect(refused.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
    }
    // Requests without a token (catalog, captcha images, log uploads) too:
    // this file's simulator serves this file alone.
    expect((await env.sim.requests({ unmodelled: true })).map((r) => r.path)).toEqual([]);
    const here = await network();
    expect(here.offLoopback).toEqual([]);
    const report = await host.report();
    expect(report.offLoopback).toEqual([]);
    expect(report.pageErrors).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    // The only hard-coded call is webex@2.60.4's region lookup.
    const hardCoded = [...here.hardCoded, ...report.hardCoded];
    if (sdk === 'webex@3') expect(hardCoded).toEqual([]);
    else expect(new Set(hardCoded)).toEqual(new Set(['GET https://ds.ciscospark.com/v1/region']));
  });
});
