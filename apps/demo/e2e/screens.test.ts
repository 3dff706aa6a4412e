// The demo's own screens as a new user meets them, in English and French, on a
// desktop (1280×800) and a phone (375×667): landing, operator sign-in and
// console, manual join, the participant's name form and the meeting's
// pre-join. Each gets axe (no violations), a full-page screenshot
// (test-results/e2e/screens/<lang>-<device>-<screen>.png), no horizontal
// scroll, and a keyboard walk: Tab reaches every control in reading order and
// each shows a visible focus ring.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  },
} as const;
type Lang = keyof typeof WORDS;

let e2e: E2E;
let guestLink: string;
let walkIn: string;

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  e2e = await startE2E();
  const api = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${e2e.stack.backendUrl}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${e2e.stack.operatorKey}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  };
  const made = await api<{ links: { guests: { url: string }[] } }>('/api/consultations', {
    title: 'Knee follow-up',
    mode: 'host-guest',
  });
  guestLink = made.links.guests[0]!.url;
  walkIn = (await api<{ url: string }>('/api/walk-in-passes', { validMinutes: 60 })).url;
});
afterAll(async () => {
  await e2e?.close();
});

/** axe on the whole page; the stock widget's DOM is not ours (and is never shown here). */
async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/**
 * Tabs from the top of the page through every focusable element (at most
 * `max` stops), checking each one shows a focus ring; returns what was reached.
 */
async function keyboardWalk(page: Page, max = 40): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
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
        const context = await e2e.browser.newContext({
          locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
          viewport: DEVICES[device],
          permissions: ['camera', 'microphone'],
        });
        page = await context.newPage();
        page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
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
    });
  }
}
