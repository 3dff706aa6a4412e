// The demo, end to end, as people use it: an operator schedules a
// consultation, a host and a guest join from their links in two browsers.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { joinOverHttp } from '@g2g/webex-sim';
import { SHOTS as SHOTS_DIR, startE2E, type E2E } from './harness';
import { axeViolations } from './axe';
import { mediaReport } from './media-probe';

/** Frames the remote video shows in 2 s (requestVideoFrameCallback), and its width. */
async function remoteFrames(page: Page): Promise<{ frames: number; width: number }> {
  return page.evaluate(
    () =>
      new Promise<{ frames: number; width: number }>((resolve) => {
        const v = document.querySelector<HTMLVideoElement>('[data-g2g-remote] video');
        if (!v) return resolve({ frames: 0, width: 0 });
        let frames = 0;
        const tick = () => {
          frames++;
          v.requestVideoFrameCallback(tick);
        };
        v.requestVideoFrameCallback(tick);
        setTimeout(() => resolve({ frames, width: v.videoWidth }), 2000);
      }),
  );
}

const UI = { timeout: 60_000 };
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };
let e2e: E2E;
let hostLink: string;
let guestLink: string;
let host: Page;
let guest: Page;
/** The operator's console, left open through the consultation: its live status follows. */
let watcher: Page;

beforeAll(async () => {
  e2e = await startE2E();
});
// The network guard: a request off loopback fails the test that made it, by URL.
afterEach(() => e2e?.checkNetwork());
afterAll(async () => {
  // The production headers held for the whole suite: nothing was refused.
  const violations = e2e?.cspViolations ?? [];
  await e2e?.close();
  expect(violations).toEqual([]);
});

describe('the landing page', () => {
  it('loads no SDK and no widget code', async () => {
    const page = await e2e.person();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(e2e.stack.demoUrl);
    await page.getByRole('heading', { name: /Video consultations/ }).waitFor(UI);
    await page.waitForLoadState('networkidle');
    expect(scripts.length).toBeGreaterThan(0);
    // Lazy chunks are named after their entry module: the SDK's `dist`/`index.browser`, the widget's `stock-widget`, the engine.
    expect(
      scripts.filter((s) =>
        /stock-widget|index\.browser|\/dist-|engine-|Participant|ManualJoin|Operator/.test(s),
      ),
    ).toEqual([]);
    const headers = (await page.request.get(e2e.stack.demoUrl)).headers();
    expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(headers['x-frame-options']).toBe('DENY');
    await e2e.shot(page, '00-landing');
    await page.close();
  });

  it('ships at most 70 KB gzip of JS on the landing route (React included)', () => {
    const dist = new URL('../dist/', import.meta.url).pathname;
    const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8')) as Record<
      string,
      { file: string; isEntry?: boolean; imports?: string[] }
    >;
    const seen = new Set<string>();
    const walk = (key: string) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const dep of manifest[key].imports ?? []) walk(dep);
    };
    walk(Object.keys(manifest).find((k) => manifest[k]!.isEntry)!);
    const bytes = [...seen].reduce(
      (sum, k) => sum + gzipSync(readFileSync(`${dist}${manifest[k]!.file}`)).length,
      0,
    );
    expect(bytes).toBeLessThanOrEqual(70 * 1024);
  });
});

async function operatorPage(key = e2e.stack.operatorKey): Promise<Page> {
  const page = await e2e.person();
  await page.goto(`${e2e.stack.demoUrl}/operator`);
  await page.getByLabel('Operator API key').fill(key);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Consultations' }).waitFor(UI);
  // The live stream is connected: what follows arrives without polling.
  await page.getByTestId('stream').filter({ hasText: 'Live' }).waitFor(UI);
  return page;
}

/** The backend's API, as the operator (tests set things up faster than a UI could). */
async function backendApi<T>(
  path: string,
  body?: unknown,
  token = e2e.stack.operatorKey,
): Promise<T> {
  const res = await fetch(`${e2e.stack.backendUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as T;
}

/** A consultation someone has joined (over the SDK protocol, headless): it is in progress. */
async function runningConsultation(title: string) {
  const created = await backendApi<{
    consultation: { id: string; meetingNumber: string };
    links: { guests: { capability: string }[] };
  }>('/api/consultations', { title, mode: 'no-host' });
  const join = await backendApi<{
    accessToken: string;
    destination: { value: string };
    password: string;
  }>(
    `/api/consultations/${created.consultation.id}/join`,
    { displayName: `Guest of ${title}` },
    created.links.guests[0]!.capability,
  );
  const participant = await joinOverHttp({
    url: e2e.stack.simUrl,
    token: join.accessToken,
    meetingNumber: join.destination.value,
    password: join.password,
    alias: `Guest of ${title}`,
    listen: false,
  });
  return { ...created, participant };
}

/** A walk-in link (the manual-join page with a pass) made by the operator. */
const walkInUrl = async () =>
  (await backendApi<{ url: string }>('/api/walk-in-passes', { validMinutes: 60 })).url;

async function joinFromLink(page: Page, link: string, name: string) {
  await page.goto(link);
  await page.getByLabel('Your name (others will see it)').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Join meeting' }).click(UI);
}

/** Both pages' media and the simulator's view of it, to a JSON file in the artifacts dir. */
async function dumpMedia(label: string, waitedMs: number) {
  const meetings = e2e.stack.sim.control
    .requests({ path: '*/media' })
    .map((r) => `${r.seq} ${r.method} ${r.path} ${r.status} ${r.personId ?? ''}`);
  const items = (
    await backendApi<{ items: { title: string; meetingNumber?: string; consultation?: unknown }[] }>(
      '/api/consultations',
    )
  ).items;
  let sim: unknown;
  try {
    const knee = items.find((c) => c.title === 'Knee follow-up') as { meetingNumber: string };
    sim = e2e.stack.sim.control.meetingState(knee.meetingNumber);
  } catch (e) {
    sim = String(e);
  }
  const report = {
    label,
    waitedMs,
    host: await mediaReport(host),
    guest: await mediaReport(guest),
    sim,
    mediaRequests: meetings,
  };
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${SHOTS_DIR}/media-${label}-${Date.now()}.json`, JSON.stringify(report, null, 1));
}

describe('a consultation from scheduling to the end', () => {
  it('1. the operator creates a consultation and sees its links and licence usage', async () => {
    const page = (watcher = await operatorPage());
    await expect
      .poll(() => page.getByTestId('licence').textContent(), UI)
      .toMatch(/0 of 10 concurrent meetings/);
    await page.getByLabel('Title').fill('Knee follow-up');
    await page.getByRole('button', { name: 'Create consultation' }).click();
    const card = page.getByTestId('consultation').filter({ hasText: 'Knee follow-up' });
    await card.waitFor(UI);
    hostLink = (await card.getByTestId('link-host').getByRole('link').getAttribute('href'))!;
    guestLink = (await card.getByTestId('link-guest').getByRole('link').getAttribute('href'))!;
    expect(hostLink).toMatch(/\/join\/[0-9a-f-]+#host=/);
    expect(guestLink).toMatch(/\/join\/[0-9a-f-]+#guest=/);
    // The QR codes render (the encoder loads with the operator view).
    await card.getByRole('img', { name: 'QR code of the host link' }).locator('svg').waitFor(UI);
    await card.getByRole('img', { name: 'QR code of the guest link' }).locator('svg').waitFor(UI);
    await expect.poll(() => card.getByTestId('live-state').textContent(), UI).toBe('Scheduled');
    await e2e.shot(page, '01-operator-created');
  });

  it('2. the host opens the host link, and the guest the guest link, in separate browsers', async () => {
    host = await e2e.person();
    guest = await e2e.person();
    await joinFromLink(host, hostLink, 'Dr Hale');
    await host.getByRole('button', { name: 'End for everyone' }).waitFor(UI);
    await e2e.shot(host, '02-host-joined');
    await joinFromLink(guest, guestLink, 'Pat Quinn');
  });

  it('3. the guest waits in the lobby and the host admits them; the operator sees both, live', async () => {
    await guest.getByRole('heading', { name: 'Waiting to be let in' }).waitFor(UI);
    await e2e.shot(guest, '03-guest-lobby');
    const card = watcher.getByTestId('consultation').filter({ hasText: 'Knee follow-up' });
    await card.getByTestId('live-waiting').filter({ hasText: 'Pat Quinn' }).waitFor(UI);
    expect(await card.getByTestId('live-state').textContent()).toBe('In progress');
    expect(await card.getByTestId('live-in').textContent()).toMatch(/Dr Hale \(host\)/);
    await e2e.shot(watcher, '03-operator-live-lobby');
    await host.getByRole('button', { name: 'Let Pat Quinn in' }).click(UI);
    await card.getByTestId('live-in').filter({ hasText: 'Pat Quinn' }).waitFor(UI);
    await card.getByTestId('live-waiting').waitFor({ state: 'detached', ...UI });
  });

  it('4. both see two people in the roster', async () => {
    for (const page of [host, guest]) {
      await page.getByRole('heading', { name: '2 in the meeting' }).waitFor(UI);
      const roster = await page.locator('.g2g-roster').textContent();
      expect(roster).toContain('Dr Hale');
      expect(roster).toContain('Pat Quinn');
    }
    await e2e.shot(guest, '04-guest-in-meeting');
    await e2e.shot(host, '04-host-in-meeting');
  });

  it('4b. with cameras on, each sees the other move; axe is clean; desktop, phone and French screenshots', async () => {
    for (const page of [host, guest]) {
      await page.getByRole('button', { name: 'Turn camera on' }).click(UI);
      await page.getByRole('button', { name: 'Turn camera off' }).waitFor(UI);
    }
    for (const page of [host, guest]) {
      await page.locator('[data-g2g-remote] video').waitFor(UI);
      // Host and guest are pages of one browser: the one behind is backgrounded,
      // and Chromium stops requestVideoFrameCallback there. Look as a person would.
      await page.bringToFront();
      // Frames advance: requestVideoFrameCallback fires more than once in the window.
      const t0 = Date.now();
      try {
        await expect
          .poll(async () => (await remoteFrames(page)).frames, { timeout: 90_000 })
          .toBeGreaterThan(1);
      } finally {
        await dumpMedia(page === host ? 'host' : 'guest', Date.now() - t0);
      }
      expect((await remoteFrames(page)).width).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
    }
    for (const page of [host, guest]) await page.setViewportSize(DESKTOP);
    await e2e.shot(host, '04b-host-both-videos-desktop');
    await e2e.shot(guest, '04b-guest-both-videos-desktop');
    for (const page of [host, guest]) {
      await page.setViewportSize(PHONE);
      // The controls stay on screen on a phone, not below the fold.
      const leave = await page.getByRole('button', { name: 'Leave', exact: true }).boundingBox();
      expect(leave).not.toBeNull();
      expect(leave!.y + leave!.height).toBeLessThanOrEqual(PHONE.height);
      expect(await axeViolations(page)).toEqual([]);
    }
    await host.screenshot({ path: `${SHOTS_DIR}/04b-host-phone-viewport.png` });
    await guest.screenshot({ path: `${SHOTS_DIR}/04b-guest-phone-viewport.png` });
    await e2e.shot(guest, '04b-guest-phone-full');
    // The same screen in French, switched in the page (the meeting stays up).
    await guest.locator('.demo-lang select').selectOption('fr');
    await guest.getByRole('heading', { name: '2 dans la réunion' }).waitFor(UI);
    expect(await axeViolations(guest)).toEqual([]);
    await guest.screenshot({ path: `${SHOTS_DIR}/04b-guest-phone-viewport-fr.png` });
    await guest.setViewportSize(DESKTOP);
    await e2e.shot(guest, '04b-guest-desktop-fr');
    await guest.locator('.demo-lang select').selectOption('en');
    await guest.getByRole('heading', { name: '2 in the meeting' }).waitFor(UI);
    await host.setViewportSize(DESKTOP);
  }, 240_000);

  it('5. the host ends the meeting and the guest sees that it ended; so does the operator', async () => {
    await host.getByRole('button', { name: 'End for everyone' }).click();
    await host.getByRole('button', { name: 'End meeting' }).click();
    await guest.getByText('The meeting has ended.').first().waitFor(UI);
    expect(await axeViolations(guest)).toEqual([]);
    await e2e.shot(guest, '05-guest-ended');
    const card = watcher.getByTestId('consultation').filter({ hasText: 'Knee follow-up' });
    await card.getByTestId('live-state').filter({ hasText: 'Ended' }).waitFor(UI);
    await e2e.shot(watcher, '05-operator-ended');
    await watcher.close();
  });
});

describe('the operator console', () => {
  it('shows Instant Connect links', async () => {
    const page = await operatorPage();
    await page.getByRole('button', { name: 'Get Instant Connect links' }).click();
    const list = page.getByTestId('instant-connect');
    await list.waitFor(UI);
    const hrefs = await list
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toHaveLength(2);
    for (const h of hrefs) expect(h).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mtg-broker/);
    expect(await list.textContent()).toMatch(/Host: http.*Guest: http/);
    await e2e.shot(page, '11-operator-instant-connect');
    await page.close();
  });

  it('ends a running consultation, and asks before cancelling one', async () => {
    const page = await operatorPage();
    const running = await runningConsultation('Running visit');
    const card = page.getByTestId('consultation').filter({ hasText: 'Running visit' });
    await card.getByTestId('live-in').filter({ hasText: 'Guest of Running visit' }).waitFor(UI);
    // Cancelling waits until the meeting is over.
    expect(await card.getByRole('button', { name: 'Cancel consultation' }).isDisabled()).toBe(true);
    await e2e.shot(page, '12-operator-running');
    await card.getByRole('button', { name: 'End meeting' }).click();
    await card.getByTestId('live-state').filter({ hasText: 'Ended' }).waitFor(UI);
    expect(
      (await e2e.stack.sim.control.meetingState(running.consultation.meetingNumber)).participants,
    ).toEqual([]);
    await card.getByRole('button', { name: 'Cancel consultation' }).click();
    await card.getByText(/Cancel “Running visit”\? Its links stop working/).waitFor(UI);
    await e2e.shot(page, '13-operator-confirm-cancel');
    await card.getByRole('button', { name: 'Keep it' }).click();
    expect(await card.isVisible()).toBe(true);
    await card.getByRole('button', { name: 'Cancel consultation' }).click();
    await card.getByRole('button', { name: 'Yes, cancel it' }).click();
    await card.waitFor({ state: 'detached', ...UI });
    await page.close();
  });

  it('shows the links again in another session; a no-host consultation has no host link', async () => {
    const first = await operatorPage();
    await first.getByLabel('Title').fill('Later visit');
    await first.getByLabel('Later').check();
    await first
      .getByLabel('Start time')
      .fill(
        new Date(Date.now() + 26 * 3600_000 - new Date().getTimezoneOffset() * 60_000)
          .toISOString()
          .slice(0, 16),
      );
    await first.getByLabel('No host: everyone joins directly with their link').check();
    await first.getByRole('button', { name: 'Create consultation' }).click();
    const made = first.getByTestId('consultation').filter({ hasText: 'Later visit' });
    await made.getByTestId('link-guest').waitFor(UI);
    expect(await made.getByTestId('link-host').count()).toBe(0);
    expect(await made.textContent()).not.toMatch(/host link|\(host\)/i);
    const guestHref = await made.getByTestId('link-guest').getByRole('link').getAttribute('href');
    await first.close();

    const second = await operatorPage();
    const card = second.getByTestId('consultation').filter({ hasText: 'Later visit' });
    await card.getByRole('button', { name: 'Show links' }).click();
    await card.getByTestId('link-guest').waitFor(UI);
    expect(await card.getByTestId('link-guest').getByRole('link').getAttribute('href')).toBe(
      guestHref,
    );
    expect(await card.getByTestId('live-state').textContent()).toBe('Scheduled');
    await e2e.shot(second, '14-operator-links-again');
    await second.close();
  });

  it('fits a phone (375×667) and works from the keyboard alone', async () => {
    const page = await operatorPage();
    await page.setViewportSize({ width: 375, height: 667 });
    await page.getByLabel('Title').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Phone visit');
    // Tab to the create button and press it, no pointer involved.
    for (let i = 0; i < 12; i++) {
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (focused.includes('Create consultation')) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    const card = page.getByTestId('consultation').filter({ hasText: 'Phone visit' });
    await card.getByTestId('link-guest').waitFor(UI);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await e2e.shot(page, '16-operator-phone');
    await page.close();
  });

  it('another org’s operator sees none of this org’s consultations', async () => {
    const other = e2e.stack.operatorKeys[1]!;
    const page = await operatorPage(other.key);
    await page.getByText(other.name!).first().waitFor(UI);
    await page.getByText('No consultations yet. Create one above.').waitFor(UI);
    expect(await page.getByTestId('consultation').count()).toBe(0);
    await e2e.shot(page, '15-operator-other-org');
    await page.close();
  });
});

describe('manual join', () => {
  it('three wrong passwords bring a captcha; a new code, then the right password and code, join', async () => {
    // A meeting scheduled straight on the simulator, so the test knows its password.
    const meeting = await e2e.simMeeting('Walk-in');

    const page = await e2e.person();
    await page.goto(await walkInUrl());
    await page.getByLabel('Meeting number, SIP address or link').fill(meeting.meetingNumber);
    await page.getByLabel('Your name').fill('Walk In');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('button', { name: 'Join meeting' }).click(UI);
    await page.getByLabel('Meeting password').waitFor(UI);
    const infoCalls = () =>
      e2e.stack.sim.control.requests({ path: '/wbxappapi/v1/meetingInfo' }).length;
    for (const wrong of ['wrong-1', 'wrong-2', 'wrong-3']) {
      const before = infoCalls();
      await page.getByLabel('Meeting password').fill(wrong);
      await page.getByRole('button', { name: 'Continue' }).click();
      // Wait for Webex's answer, then for the form to say so.
      await expect.poll(infoCalls, UI).toBeGreaterThan(before);
      await page
        .locator('.g2g-error')
        .filter({ hasText: /That password is not right/ })
        .waitFor(UI);
    }
    const image = page.getByRole('img', { name: /Security code image/ });
    await image.waitFor(UI);
    await e2e.shot(page, '06-manual-captcha');
    const firstSrc = await image.getAttribute('src');
    await page.getByRole('button', { name: 'New code' }).click();
    await expect.poll(() => image.getAttribute('src'), UI).not.toBe(firstSrc);
    const captchaId = /\/captchas\/([^/]+)\/image\.png/.exec(
      (await image.getAttribute('src'))!,
    )![1]!;
    const code = e2e.stack.sim.control.captchaCode(captchaId)!;
    await page.getByLabel('Meeting password').fill(meeting.password);
    await page.getByLabel('Code from the image').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Leave' }).waitFor(UI);
    await e2e.shot(page, '07-manual-joined');
    await page.getByRole('button', { name: 'Leave' }).click();
    await page
      .getByRole('group', { name: 'Leave the meeting?' })
      .getByRole('button', { name: 'Leave' })
      .click();
    await page.locator('p.g2g-text', { hasText: 'You left the meeting.' }).waitFor(UI);
    await page.close();
  });

  it('a pasted room id gets a clear error and never reaches Webex', async () => {
    const page = await e2e.person();
    await page.goto(await walkInUrl());
    const lookups = () =>
      e2e.stack.sim.control.requests({ path: '/wbxappapi/v1/meetingInfo' }).length;
    const before = lookups();
    await page
      .getByLabel('Meeting number, SIP address or link')
      .fill(btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59'));
    await page.getByLabel('Your name').fill('Rae');
    await page.getByRole('button', { name: 'Join' }).click();
    await page
      .getByText(/no longer starts meetings from a space id/)
      .first()
      .waitFor(UI);
    await e2e.shot(page, '08-manual-room-id');
    // Refused before any meeting lookup: nothing about the space reached Webex.
    expect(lookups()).toBe(before);
    await page.close();
  });
});

/** Where the wrapper mounts the stock widget's own DOM. */
const WIDGET_DOM = '.g2g-widget__host';

describe('the stock Webex widget, in the production build', () => {
  it('by SIP address: wrong and right password, lobby, admitted, the other’s video, left', async () => {
    const meeting = await e2e.simMeeting('Widget walk-in', 'allowJoinWithLobby');
    const inLobby = () =>
      e2e.stack.sim.control.meetingState(meeting.id).participants.filter((p) => p.inLobby);

    // Someone already in, camera on, through the in-page UI.
    const other = await e2e.person();
    await other.goto(await walkInUrl());
    await other.getByLabel('Meeting number, SIP address or link').fill(meeting.meetingNumber);
    await other.getByLabel('Your name').fill('Olga Other');
    await other.getByRole('button', { name: 'Join' }).click();
    await other.getByRole('button', { name: 'Turn camera on' }).click(UI);
    await other.getByRole('button', { name: 'Join meeting' }).click(UI);
    await other.getByLabel('Meeting password').fill(meeting.password);
    await other.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => inLobby().length, UI).toBe(1);
    e2e.stack.sim.control.admit(meeting.id);
    await other.getByRole('button', { name: 'Leave' }).waitFor(UI);

    // The guest, through the wrapper and the stock widget, by the SIP address the
    // simulator hands out. (Not the site's own three-label form: its SDK would send
    // meetingInfo to https://<site>.webex.com, which the demo's sim-mode CSP rightly
    // refuses; the wrapper's Chromium test covers that form.)
    const guest = await e2e.person();
    await guest.goto(await walkInUrl());
    await guest.getByLabel('Meeting number, SIP address or link').fill(meeting.sipAddress);
    await guest.getByLabel('Your name').fill('Wendy Widget');
    await guest.getByRole('radio', { name: 'Webex widget' }).check();
    await guest.getByRole('button', { name: 'Join' }).click();
    const state = guest.getByTestId('widget-state');
    await state.filter({ hasText: 'password-required' }).waitFor(UI);
    // Our page around the widget is axe-clean at every step; the widget's own markup is Cisco's.
    const ours = async () => expect(await axeViolations(guest, [WIDGET_DOM])).toEqual([]);
    await ours();
    const password = guest.locator('.wxc-meeting-guest-authentication input[name="password"]');
    const startButton = guest.locator('.wxc-meeting-guest-authentication__start-button');
    await password.fill('not-the-password');
    await startButton.click();
    await guest.getByText('Incorrect password').waitFor(UI);
    await e2e.shot(guest, '20-widget-wrong-password');
    await password.fill(meeting.password);
    await startButton.click();
    await state.filter({ hasText: 'lobby' }).waitFor(UI);
    await e2e.shot(guest, '21-widget-lobby');
    await ours();
    await expect.poll(() => inLobby().map((p) => p.name), UI).toEqual(['Wendy Widget']);
    e2e.stack.sim.control.admit(meeting.id);
    await state.filter({ hasText: 'joined' }).waitFor(UI);

    // The other person's camera, relayed by the simulator, plays in the widget.
    const remote = guest.locator('video[class*="remote-video"]');
    await remote.waitFor({ state: 'attached', ...UI });
    await remote.evaluate((v: HTMLVideoElement) => {
      const w = window as unknown as { __frames: number };
      w.__frames = 0;
      const tick = () => {
        w.__frames++;
        v.requestVideoFrameCallback(tick);
      };
      v.requestVideoFrameCallback(tick);
    });
    await expect
      .poll(() => guest.evaluate(() => (window as unknown as { __frames: number }).__frames), UI)
      .toBeGreaterThanOrEqual(10);
    expect(await remote.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    await e2e.shot(guest, '22-widget-joined-with-video');
    await ours();

    await guest
      .locator('.wxc-meeting-control-bar__controls button[aria-label="Leave meeting"]')
      .first()
      .click();
    await state.filter({ hasText: 'left' }).waitFor(UI);
    await expect
      .poll(
        () =>
          e2e.stack.sim.control
            .meetingState(meeting.id)
            .participants.some((p) => p.name === 'Wendy Widget'),
        UI,
      )
      .toBe(false);
    await other.getByRole('button', { name: 'Leave' }).click();
    await other
      .getByRole('group', { name: 'Leave the meeting?' })
      .getByRole('button', { name: 'Leave' })
      .click();
    await guest.close();
    await other.close();
  });
});

describe('limits and outages', () => {
  it('at 10 of 10 the console offers to end one; ending it frees the licence for the next', async () => {
    const page = await operatorPage();
    // Ten consultations in progress: someone joins each over the SDK protocol.
    for (let i = 0; i < 10; i++) await runningConsultation(`Busy ${i + 1}`);
    await expect
      .poll(() => page.getByTestId('licence').textContent(), UI)
      .toMatch(/10 of 10 concurrent meetings/);
    await page.getByLabel('Title').fill('One too many');
    await page.getByRole('button', { name: 'Create consultation' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /licen[cs]e|concurrent/i })
      .waitFor(UI);
    const full = page.getByTestId('licence-full');
    await full.waitFor(UI);
    await e2e.shot(page, '09-operator-licence-limit');
    await full.getByRole('button', { name: 'End “Busy 1”' }).click();
    await expect
      .poll(() => page.getByTestId('licence').textContent(), UI)
      .toMatch(/9 of 10 concurrent meetings/);
    await full.waitFor({ state: 'detached', ...UI });
    await page.getByRole('button', { name: 'Create consultation' }).click();
    await page.getByTestId('consultation').filter({ hasText: 'One too many' }).waitFor(UI);
    await e2e.shot(page, '09b-operator-licence-freed');
    // Leave the licence as it was for the tests that follow.
    for (const c of await backendApi<{ items: { id: string; live: { state: string } }[] }>(
      '/api/consultations',
    ).then((r) => r.items)) {
      if (c.live.state === 'in-progress') await backendApi(`/api/consultations/${c.id}/end`, {});
    }
    await page.close();
  });

  it('with the backend down, the user gets a clear error and a retry', async () => {
    const page = await e2e.person();
    await page.goto(await walkInUrl());
    await e2e.stack.backend.close();
    await page.getByLabel('Meeting number, SIP address or link').fill('2516 666 1234');
    await page.getByLabel('Your name').fill('Offline Olly');
    await page.getByRole('button', { name: 'Join' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor(UI);
    expect(await alert.textContent()).toMatch(/cannot be reached|not answering/);
    await alert.getByRole('button', { name: 'Try again' }).waitFor(UI);
    await e2e.shot(page, '10-backend-down');
    await page.close();
  });
});
