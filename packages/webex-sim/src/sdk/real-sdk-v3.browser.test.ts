// The real, unmodified webex@3 SDK (full entry) against the simulator,
// configured only through services.discovery.
import Webex from 'webex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSim, type BrowserSim } from '../testing/browser';
import {
  loadImage,
  nextEvent,
  provision,
  sdkConfig,
  until,
  type CreatedMeeting,
} from './sdk-test-kit';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK ships no usable types for these objects */
type AnyWebex = any;
type AnyMeeting = any;

async function initSdk(sim: BrowserSim, accessToken: string): Promise<AnyWebex> {
  const webex: AnyWebex = (Webex as any).init({
    credentials: { access_token: accessToken },
    config: sdkConfig(sim),
  });
  if (!webex.ready) await nextEvent(webex, 'ready');
  return webex;
}

let sim: BrowserSim;
let kit: Awaited<ReturnType<typeof provision>>;
let byNumber: CreatedMeeting;
let guestSdk: AnyWebex;
let hostSdk: AnyWebex;
let guestMeeting: AnyMeeting;
let hostMeeting: AnyMeeting;

beforeAll(async () => {
  sim = await startBrowserSim({ seed: 'real-sdk-v3' });
  kit = await provision(sim);
  byNumber = await kit.meeting({ title: 'By number' });
});

afterAll(async () => {
  await guestSdk?.meetings.unregister().catch(() => {});
  await hostSdk?.meetings.unregister().catch(() => {});
  await sim?.close();
});

describe('webex@3 against webex-sim', () => {
  it('1. inits and registers (catalog, WDM device, Mercury)', async () => {
    guestSdk = await initSdk(sim, await kit.guest('patient-1', 'Pat Guest'));
    await guestSdk.meetings.register();
    expect(guestSdk.meetings.registered).toBe(true);
    expect(guestSdk.internal.device.url).toMatch(new RegExp(`^${sim.url}/wdm/api/v1/devices/`));
    expect(guestSdk.internal.mercury.connected).toBe(true);
    const paths = (await sim.requests()).map((r) => r.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/u2c/api/v1/limited/catalog',
        '/u2c/api/v1/catalog',
        '/v1/people/me',
        '/wdm/api/v1/devices',
      ]),
    );
  });

  it('2. creates meetings by MEETING_ID, SIP_URI and MEETING_LINK', async () => {
    const bySip = await kit.meeting({ title: 'By SIP' });
    const byLink = await kit.meeting({ title: 'By link' });
    guestMeeting = await guestSdk.meetings.create(byNumber.meetingNumber, 'MEETING_ID');
    const sipMeeting = await guestSdk.meetings.create(bySip.sipAddress, 'SIP_URI');
    const linkMeeting = await guestSdk.meetings.create(byLink.webLink, 'MEETING_LINK');
    for (const [m, expected] of [
      [guestMeeting, byNumber],
      [sipMeeting, bySip],
      [linkMeeting, byLink],
    ] as const) {
      expect(m.passwordStatus).toBe('REQUIRED');
      expect(m.meetingInfo?.meetingName ?? m.meetingInfo?.meetingNumber).toBeTruthy();
      expect(String(m.meetingInfo.meetingNumber)).toBe(expected.meetingNumber);
    }
    const bodies = (await sim.requests({ path: '/wbxappapi/v1/meetingInfo' })).length;
    expect(bodies).toBeGreaterThanOrEqual(3);
  });

  it('3. a wrong password gives WRONG_PASSWORD', async () => {
    const r = await guestMeeting.verifyPassword('not-the-password', '');
    expect(r.isPasswordValid).toBe(false);
    expect(r.failureReason).toBe('WRONG_PASSWORD');
    expect(r.requiredCaptcha).toBeNull();
  });

  it('4. the third wrong password brings a captcha whose image and audio load', async () => {
    await guestMeeting.verifyPassword('wrong-2', '');
    const r = await guestMeeting.verifyPassword('wrong-3', '');
    expect(r.isPasswordValid).toBe(false);
    expect(r.requiredCaptcha).toMatchObject({ captchaId: expect.any(String) });
    const img = await loadImage(r.requiredCaptcha.verificationImageURL);
    expect(img.naturalWidth).toBeGreaterThan(50);
    const audio = await fetch(r.requiredCaptcha.verificationAudioURL);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const ctx = new OfflineAudioContext(1, 8000, 8000);
    const decoded = await ctx.decodeAudioData(await audio.arrayBuffer());
    expect(decoded.duration).toBeGreaterThan(1);
  });

  it('5. a wrong captcha gives WRONG_CAPTCHA', async () => {
    const r = await guestMeeting.verifyPassword(byNumber.password, '000000');
    expect(r.isPasswordValid).toBe(false);
    expect(r.failureReason).toBe('WRONG_CAPTCHA');
    expect(r.requiredCaptcha?.captchaId).toBeTruthy();
  });

  it('6. refreshCaptcha() gives a new id', async () => {
    const before = guestMeeting.requiredCaptcha.captchaId;
    await guestMeeting.refreshCaptcha();
    expect(guestMeeting.requiredCaptcha.captchaId).toBeTruthy();
    expect(guestMeeting.requiredCaptcha.captchaId).not.toBe(before);
  });

  it('7. the right password and code give VERIFIED', async () => {
    const code = await sim.captchaCode(guestMeeting.requiredCaptcha.captchaId);
    const r = await guestMeeting.verifyPassword(byNumber.password, code);
    expect(r.isPasswordValid).toBe(true);
    expect(guestMeeting.passwordStatus).toBe('VERIFIED');
  });

  it('8. join lands in the lobby', async () => {
    const lobby = nextEvent(guestMeeting, 'meeting:self:lobbyWaiting');
    await guestMeeting.join({ alias: 'Pat Guest' });
    await lobby;
    expect(guestMeeting.isUserUnadmitted).toBe(true);
    const state = await sim.meeting(byNumber.id);
    expect(state.participants).toEqual([
      expect.objectContaining({ name: 'Pat Guest', inLobby: true, isHost: false }),
    ]);
  });

  it('9. a second SDK instance joins with the host key and admits the first', async () => {
    hostSdk = await initSdk(sim, await kit.guest('doctor-1', 'Dr Host'));
    await hostSdk.meetings.register();
    hostMeeting = await hostSdk.meetings.create(byNumber.meetingNumber, 'MEETING_ID');
    const verified = await hostMeeting.verifyPassword(byNumber.hostKey, '');
    expect(verified.isPasswordValid).toBe(true);
    await hostMeeting.join({ alias: 'Dr Host', moderator: true });
    await until(
      () =>
        Object.values(hostMeeting.members.membersCollection.getAll()).some((m: any) => m.isInLobby),
      'the host to see the lobby',
    );
    const waiting = Object.values(hostMeeting.members.membersCollection.getAll()).find(
      (m: any) => m.isInLobby,
    ) as any;
    const admitted = nextEvent(guestMeeting, 'meeting:self:guestAdmitted');
    await hostMeeting.admit([waiting.id]);
    await admitted;
    expect(guestMeeting.isUserUnadmitted).toBe(false);
    expect((await sim.meeting(byNumber.id)).participants.find((p) => p.isHost)?.name).toBe(
      'Dr Host',
    );
  });

  it('10. members:update shows both participants in the meeting', async () => {
    const inMeeting = (m: AnyMeeting) =>
      Object.values(m.members.membersCollection.getAll()).filter((x: any) => x.isInMeeting);
    await until(
      () => inMeeting(guestMeeting).length === 2 && inMeeting(hostMeeting).length === 2,
      'both rosters to show two',
    );
    const names = inMeeting(guestMeeting)
      .map((x: any) => x.name)
      .sort();
    expect(names).toEqual(['Dr Host', 'Pat Guest']);
    const host = inMeeting(guestMeeting).find((x: any) => x.name === 'Dr Host') as any;
    expect(host.isModerator ?? host.isHost).toBe(true);
  });

  it('11. admission opens the meeting data channel', async () => {
    // Also keeps the next leave from aborting a connection in progress,
    // which this SDK leaves as an unhandled rejection.
    await until(() => guestSdk.internal.llm.isConnected(), "the guest's data channel to connect");
    expect(await sim.requests({ path: '/locus/api/v1/loci/*/datachannel' })).not.toEqual([]);
  });

  it('12. leave produces meeting:removed', async () => {
    const removed = nextEvent<{ meetingId: string; reason: string }>(
      guestSdk.meetings,
      'meeting:removed',
    );
    await guestMeeting.leave();
    const event = await removed;
    expect(event.meetingId).toBe(guestMeeting.id);
    expect(event.reason).toBeTruthy();
    expect((await sim.meeting(byNumber.id)).participants.map((p) => p.name)).toEqual(['Dr Host']);
  });
});
