// Every screen of the demo as a new user meets it, in English and French, on a
// desktop (1280×800) and a phone (375×667): landing, operator sign-in and
// console, the destination form, the participant's name form, pre-join,
// password, the host-key form, captcha, the lobby (host not there yet, then
// there), the meeting with the host's and the guest's cameras both playing, the
// meeting under its reconnecting banner (signalling dropped), the Leave and End for
// everyone confirmations, the closing screens and an error with its way
// forward. Each gets axe (no violations), a full-page screenshot
// (test-results/e2e/screens/<lang>-<device>-<screen>.png), no horizontal
// scroll, and a keyboard walk: Tab reaches every control in reading order and
// each shows a visible focus ring.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { axeViolations } from './axe';
import { SHOTS, startE2E, type E2E } from './harness';

const UI = { timeout: 60_000 };
const DIR = join(SHOTS, 'screens');
const DEVICES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 667 },
} as const;
// What the test looks for, in each language (the pages' own tables say the rest).
const WORDS = {
  en: {
    landing: 'Video consultations, no Webex account needed',
    signIn: 'Operator sign-in',
    key: 'Operator API key',
    continue: 'Continue',
    console: 'Consultations',
    showLinks: 'Show links',
    manual: 'Join by number or link',
    name: 'Your name (others will see it)',
    preJoin: 'Ready to join?',
    destination: 'Meeting number, SIP address or link',
    yourName: 'Your name',
    joinForm: 'Join',
    join: 'Join meeting',
    cameraOn: 'Turn camera on',
    password: 'Meeting password',
    iAmTheHost: 'I am the host',
    hostKey: 'Host key',
    backToPassword: 'Back to the password',
    wrongPassword: /That password is not right/,
    captchaImage: /Security code image/,
    captchaHeading: 'Type the code you see',
    lobby: 'Waiting to be let in',
    lobbyNoHost: /has not joined yet/,
    lobbyHost: /knows you are here/,
    admit: (name: string) => `Let ${name} in`,
    inMeeting: '2 in the meeting',
    reconnecting: 'Connection lost. Reconnecting…',
    leave: 'Leave',
    confirmLeave: 'Leave the meeting?',
    endForAll: 'End for everyone',
    confirmEnd: 'End the meeting for everyone?',
    endNow: 'End meeting',
    cancel: 'Cancel',
    leftSelf: 'You left the meeting.',
    leftEnded: 'The meeting has ended.',
    errorHeading: 'Could not join',
    notFound: /No meeting was found/,
    changeMeeting: 'Change meeting',
  },
  fr: {
    landing: 'Des consultations vidéo, sans compte Webex',
    signIn: 'Connexion opérateur',
    key: 'Clé d’API opérateur',
    continue: 'Continuer',
    console: 'Consultations',
    showLinks: 'Afficher les liens',
    manual: 'Rejoindre par numéro ou lien',
    name: 'Votre nom (visible par les autres)',
    preJoin: 'Prêt à rejoindre ?',
    destination: 'Numéro de réunion, adresse SIP ou lien',
    yourName: 'Votre nom',
    joinForm: 'Rejoindre',
    join: 'Rejoindre la réunion',
    cameraOn: 'Allumer la caméra',
    password: 'Mot de passe de la réunion',
    iAmTheHost: 'Je suis l’organisateur',
    hostKey: 'Clé d’organisateur',
    backToPassword: 'Retour au mot de passe',
    wrongPassword: /Ce mot de passe est incorrect/,
    captchaImage: /Image du code de sécurité/,
    captchaHeading: 'Saisissez le code affiché',
    lobby: 'En attente d’admission',
    lobbyNoHost: /n’est pas encore arrivé/,
    lobbyHost: /sait que vous êtes là/,
    admit: (name: string) => `Faire entrer ${name}`,
    inMeeting: '2 dans la réunion',
    reconnecting: 'Connexion perdue. Reconnexion…',
    leave: 'Quitter',
    confirmLeave: 'Quitter la réunion ?',
    endForAll: 'Terminer pour tous',
    confirmEnd: 'Terminer la réunion pour tout le monde ?',
    endNow: 'Terminer la réunion',
    cancel: 'Annuler',
    leftSelf: 'Vous avez quitté la réunion.',
    leftEnded: 'La réunion est terminée.',
    errorHeading: 'Impossible de rejoindre',
    notFound: /Aucune réunion à cette adresse/,
    changeMeeting: 'Changer de réunion',
  },
} as const;
type Lang = keyof typeof WORDS;

let e2e: E2E;
let guestLink: string;
let walkIn: string;

/** The backend's API, as the operator (faster than the console for setting things up). */
async function api<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${e2e.stack.backendUrl}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${e2e.stack.operatorKey}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

/** A consultation with a host: its host and guest links. */
async function consultation(title: string) {
  const made = await api<{
    consultation: { meetingNumber: string };
    links: { host?: { url: string }; guests: { url: string }[] };
  }>('/api/consultations', { title, mode: 'host-guest' });
  return {
    host: made.links.host!.url,
    guest: made.links.guests[0]!.url,
    meetingNumber: made.consultation.meetingNumber,
  };
}

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  e2e = await startE2E();
  guestLink = (await consultation('Knee follow-up')).guest;
  walkIn = (await api<{ url: string }>('/api/walk-in-passes', { validMinutes: 60 })).url;
});
// The network guard: a request off loopback fails the test that made it, by URL.
afterEach(() => e2e?.checkNetwork());
afterAll(async () => {
  await e2e?.close();
});

/**
 * Frames a video shows in 2 s (requestVideoFrameCallback) and its width. The
 * page is brought to the front first: Chromium stops the callback in a
 * backgrounded page, and host and guest are pages of one browser.
 */
async function frames(page: Page, selector: string): Promise<{ frames: number; width: number }> {
  await page.bringToFront();
  return page.evaluate(
    (sel) =>
      new Promise<{ frames: number; width: number }>((resolve) => {
        const v = document.querySelector<HTMLVideoElement>(sel);
        if (!v) return resolve({ frames: 0, width: 0 });
        let n = 0;
        const tick = () => {
          n++;
          v.requestVideoFrameCallback(tick);
        };
        v.requestVideoFrameCallback(tick);
        setTimeout(() => resolve({ frames: n, width: v.videoWidth }), 2000);
      }),
    selector,
  );
}

/** Both cameras play on `page`: the others' video and one's own, real frames each. */
async function expectBothVideosPlaying(page: Page) {
  for (const sel of ['[data-g2g-remote] video', '[data-g2g-self=true] video']) {
    await page.locator(sel).waitFor(UI);
    await expect
      .poll(async () => (await frames(page, sel)).frames, { timeout: 90_000 })
      .toBeGreaterThan(1);
    expect((await frames(page, sel)).width, sel).toBeGreaterThan(0);
  }
}

/** axe on the whole page; the stock widget's DOM is not ours (and is never shown here). */
async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/**
 * Moves the keyboard's starting point to the top of the page (a blur alone
 * leaves it where focus was, e.g. on an open confirmation's Cancel).
 */
async function fromTheTop(page: Page) {
  await page.evaluate(() => {
    const body = document.body;
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute('tabindex');
  });
}

/**
 * Tabs from the top of the page through every focusable element (at most
 * `max` stops), checking each one shows a focus ring; returns what was reached.
 */
async function keyboardWalk(page: Page, max = 40): Promise<string[]> {
  await fromTheTop(page);
  await page.mouse.move(0, 0);
  const reached: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
        style.boxShadow !== 'none';
      const name =
        el.getAttribute('aria-label') ??
        ((el as HTMLInputElement).labels?.[0]?.textContent ||
          el.textContent ||
          el.getAttribute('name') ||
          '');
      return { key: `${el.tagName.toLowerCase()}:${name.trim().slice(0, 40)}`, ring };
    });
    if (!stop) break;
    if (reached.includes(stop.key) && reached[0] === stop.key) break; // wrapped around
    expect(stop.ring, `no visible focus on ${stop.key}`).toBe(true);
    reached.push(stop.key);
  }
  return reached;
}

async function check(page: Page, lang: Lang, device: keyof typeof DEVICES, screen: string) {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal scroll').toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  // Scrolled to the end first: the meeting's controls are sticky, and a full-page
  // shot taken from the top shows them over the roster, where the viewport ended.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.screenshot({ path: join(DIR, `${lang}-${device}-${screen}.png`), fullPage: true });
  const walk = await keyboardWalk(page);
  expect(walk.length).toBeGreaterThan(0);
  return walk;
}

for (const lang of ['en', 'fr'] as const) {
  for (const device of ['desktop', 'phone'] as const) {
    describe(`${lang}, ${device}`, () => {
      const w = WORDS[lang];
      let page: Page;
      beforeAll(async () => {
        page = await e2e.person({
          locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
          viewport: DEVICES[device],
        });
      });
      afterAll(async () => {
        await page?.context().close();
      });

      it('landing', async () => {
        await page.goto(e2e.stack.demoUrl);
        await page.getByRole('heading', { name: w.landing }).waitFor(UI);
        const walk = await check(page, lang, device, 'landing');
        // The skip link first, then the header, then the page.
        expect(walk[0]).toMatch(/^a:/);
        expect(walk.some((s) => s.startsWith('select:'))).toBe(true);
      });

      it('operator sign-in and console', async () => {
        await page.goto(`${e2e.stack.demoUrl}/operator`);
        await page.getByRole('heading', { name: w.signIn }).waitFor(UI);
        await check(page, lang, device, 'operator-sign-in');
        // Signed in from the keyboard: type the key, Enter submits.
        await page.getByLabel(w.key).focus();
        await page.keyboard.type(e2e.stack.operatorKey);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: w.console, level: 1 }).waitFor(UI);
        const card = page.getByTestId('consultation').filter({ hasText: 'Knee follow-up' });
        await card.getByRole('button', { name: w.showLinks }).click();
        await card.getByTestId('link-guest').locator('svg').waitFor(UI);
        await page
          .getByTestId('stream')
          .filter({ hasText: /Live|En direct/ })
          .waitFor(UI);
        await check(page, lang, device, 'operator-console');
      });

      it('manual join', async () => {
        await page.goto(walkIn);
        await page.getByRole('heading', { name: w.manual }).waitFor(UI);
        await check(page, lang, device, 'manual-join');
      });

      it('participant: the name form, then the meeting’s pre-join', async () => {
        await page.goto(guestLink);
        await page.getByLabel(w.name).waitFor(UI);
        await check(page, lang, device, 'participant-name');
        await page.getByLabel(w.name).fill('Pat Quinn');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: w.preJoin }).waitFor(UI);
        await check(page, lang, device, 'participant-pre-join');
      });

      it('an unknown meeting number: the error, and a way back to the destination form', async () => {
        await page.goto(walkIn);
        await page.getByLabel(w.destination).fill('1234 567 890');
        await page.getByLabel(w.yourName, { exact: true }).fill('Pat Quinn');
        await check(page, lang, device, 'destination-filled');
        await page.getByRole('button', { name: w.joinForm, exact: true }).click();
        await page.getByRole('button', { name: w.join }).click(UI);
        await page.getByRole('heading', { name: w.errorHeading }).waitFor(UI);
        await page.locator('p.g2g-text', { hasText: w.notFound }).waitFor(UI);
        await check(page, lang, device, 'error-not-found');
        await page.getByRole('button', { name: w.changeMeeting }).click();
        // Back on the form, what was typed kept.
        expect(await page.getByLabel(w.destination).inputValue()).toBe('1234 567 890');
      });

      it('the keyboard alone: Tab reaches Join, Enter joins; password, then captcha', async () => {
        const meeting = await e2e.simMeeting(`Walk-in ${lang} ${device}`);
        await page.goto(walkIn);
        await page.getByLabel(w.destination).fill(meeting.meetingNumber);
        await page.getByLabel(w.yourName, { exact: true }).fill('Pat Quinn');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: w.preJoin }).waitFor(UI);
        await check(page, lang, device, 'pre-join');
        // From the top of the page, Tab by Tab to the join button (a visible ring
        // on it), then Enter: the meeting asks for its password.
        await fromTheTop(page);
        let onJoin = false;
        for (let i = 0; i < 30 && !onJoin; i++) {
          await page.keyboard.press('Tab');
          onJoin = await page.evaluate(
            (label) => document.activeElement?.textContent?.trim() === label,
            w.join,
          );
        }
        expect(onJoin, 'Tab reaches the join button').toBe(true);
        expect(
          await page.evaluate(() => {
            const style = getComputedStyle(document.activeElement!);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
          }),
        ).toBe(true);
        await page.keyboard.press('Enter');
        await page.getByLabel(w.password).waitFor(UI);
        await check(page, lang, device, 'password');
        // "I am the host": the host-key form, then back to the password.
        await page.getByRole('button', { name: w.iAmTheHost }).click();
        await page.getByLabel(w.hostKey).waitFor(UI);
        await check(page, lang, device, 'host-key');
        await page.getByRole('button', { name: w.backToPassword }).click();
        await page.getByLabel(w.password).waitFor(UI);
        const infoCalls = () =>
          e2e.stack.sim.control.requests({ path: '/wbxappapi/v1/meetingInfo' }).length;
        for (const wrong of ['wrong-1', 'wrong-2', 'wrong-3']) {
          const before = infoCalls();
          await page.getByLabel(w.password).fill(wrong);
          await page.getByLabel(w.password).press('Enter');
          await expect.poll(infoCalls, UI).toBeGreaterThan(before);
          await page.locator('.g2g-error').filter({ hasText: w.wrongPassword }).waitFor(UI);
        }
        await page.getByRole('img', { name: w.captchaImage }).waitFor(UI);
        await page.getByRole('heading', { name: w.captchaHeading }).waitFor(UI);
        await check(page, lang, device, 'captcha');
      });

      describe('a consultation: lobby, meeting, confirmations, closing screens', () => {
        let host: Page;
        let links: { host: string; guest: string; meetingNumber: string };
        beforeAll(async () => {
          links = await consultation(`Visit ${lang} ${device}`);
          host = await e2e.person({
            locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
            viewport: DEVICES[device],
          });
        });
        afterAll(async () => {
          await host?.context().close();
        });

        const joinFromLink = async (p: Page, link: string, name: string) => {
          await p.goto(link);
          await p.getByLabel(w.name).fill(name);
          await p.keyboard.press('Enter');
          await p.getByRole('heading', { name: w.preJoin }).waitFor(UI);
          await p.getByRole('button', { name: w.cameraOn }).click();
          await p.locator('.g2g-step video').waitFor(UI);
          await p.getByRole('button', { name: w.join }).click();
        };

        it('lobby: the host has not joined yet, then is there', async () => {
          await joinFromLink(page, links.guest, 'Pat Quinn');
          await page.getByRole('heading', { name: w.lobby }).waitFor(UI);
          await page.getByText(w.lobbyNoHost).waitFor(UI);
          await check(page, lang, device, 'lobby-no-host');
          await joinFromLink(host, links.host, 'Dr Hale');
          await host.getByRole('button', { name: w.endForAll }).waitFor(UI);
          await page.getByText(w.lobbyHost).waitFor(UI);
          await check(page, lang, device, 'lobby-host-present');
          await check(host, lang, device, 'host-someone-waiting');
        });

        it('in the meeting: the host’s and the guest’s cameras both play, on both screens', async () => {
          await host.getByRole('button', { name: w.admit('Pat Quinn') }).click();
          for (const p of [page, host]) {
            await p.getByRole('heading', { name: w.inMeeting }).waitFor(UI);
            await expectBothVideosPlaying(p);
            // The controls stay on screen (sticky), not below the fold.
            const leave = await p.getByRole('button', { name: w.leave, exact: true }).boundingBox();
            expect(leave).not.toBeNull();
            expect(leave!.y + leave!.height).toBeLessThanOrEqual(DEVICES[device].height);
          }
          await page.screenshot({ path: join(DIR, `${lang}-${device}-in-meeting-viewport.png`) });
          await check(page, lang, device, 'in-meeting');
          await check(host, lang, device, 'in-meeting-host');
        }, 300_000);

        it('the signalling connection drops: the reconnecting banner, then the meeting again', async () => {
          const sim = e2e.stack.sim.control;
          const guestId = sim
            .meetingState(links.meetingNumber)
            .participants.find((p) => p.name === 'Pat Quinn')!.id;
          // A long presence grace: the guest must not be timed out while its socket is down.
          sim.configure({ presenceGraceMs: 300_000 });
          try {
            sim.dropMercury(guestId);
            const banner = page.locator('[data-g2g-banner=reconnecting]');
            await banner.filter({ hasText: w.reconnecting }).waitFor(UI);
            await check(page, lang, device, 'reconnecting');
            sim.restoreMercury(guestId);
            // The SDK's own backoff decides when it comes back.
            await banner.waitFor({ state: 'detached', timeout: 240_000 });
          } finally {
            sim.restoreMercury(guestId);
            sim.configure({ presenceGraceMs: 30_000 });
          }
          await page.getByRole('heading', { name: w.inMeeting }).waitFor(UI);
        }, 400_000);

        it('the confirmations: Leave, and End for everyone', async () => {
          await page.getByRole('button', { name: w.leave, exact: true }).click();
          const leave = page.getByRole('group', { name: w.confirmLeave });
          await leave.waitFor(UI);
          await check(page, lang, device, 'confirm-leave');
          await host.getByRole('button', { name: w.endForAll }).click();
          const end = host.getByRole('group', { name: w.confirmEnd });
          await end.waitFor(UI);
          await check(host, lang, device, 'confirm-end');
          // Cancel puts the button back.
          await end.getByRole('button', { name: w.cancel }).click();
          await host.getByRole('button', { name: w.endForAll }).waitFor(UI);
        });

        it('the closing screens: left, and ended for everyone', async () => {
          await page
            .getByRole('group', { name: w.confirmLeave })
            .getByRole('button', { name: w.leave })
            .click();
          await page.locator('p.g2g-text', { hasText: w.leftSelf }).waitFor(UI);
          await check(page, lang, device, 'left');
          await host.getByRole('button', { name: w.endForAll }).click();
          await host
            .getByRole('group', { name: w.confirmEnd })
            .getByRole('button', { name: w.endNow })
            .click();
          await host.locator('p.g2g-text', { hasText: w.leftEnded }).waitFor(UI);
          await check(host, lang, device, 'ended');
        });
      });
    });
  }
}
