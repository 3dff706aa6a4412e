// The demo in French leaks no English: every page (landing, operator sign-in
// and console, manual join, the participant's name form, not found) is
// rendered with the browser set to French, against a stubbed backend, and
// its visible text and accessible names are checked against the English
// table (./messages/en.ts) and a list of English-only words.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { en } from './messages/en';
import { fr } from './messages/fr';
import type { ConsultationView, TenantStatus } from './api';

const now = new Date('2026-12-02T10:00:00Z').toISOString();
const consultation = (over: Partial<ConsultationView>): ConsultationView => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Suivi du genou',
  mode: 'host-guest',
  kind: 'scheduled',
  state: 'scheduled',
  meetingNumber: '25166661234',
  sipAddress: '25166661234@example.webex.com',
  siteUrl: 'example.webex.com',
  start: now,
  end: now,
  guests: 1,
  hostEmail: 'hote@example.com',
  linksExpireAt: now,
  createdAt: now,
  live: { state: 'scheduled', participants: [], updatedAt: now },
  ...over,
});
const running = consultation({
  id: '00000000-0000-4000-8000-000000000002',
  title: 'Visite en cours',
  live: {
    state: 'in-progress',
    startedAt: now,
    updatedAt: now,
    participants: [
      { id: 'a', name: 'Dr Hale', state: 'joined', host: true, since: now },
      { id: 'b', name: 'Pat Quinn', state: 'lobby', host: false, since: now },
    ],
  },
});
const tenant: TenantStatus = {
  mode: 'sim',
  orgId: 'org',
  name: 'Clinique Exemple',
  authorization: { state: 'authorized', scopes: [], accessTokenExpiresAt: now },
  licence: { siteUrl: 'example.webex.com', inProgress: 1, limit: 1 },
};
const link = (role: 'host' | 'guest') => ({
  participant: role,
  role,
  capability: 'c',
  url: `http://demo.test/join/x#${role}=${'a'.repeat(40)}`,
});

/** The backend, as the operator console and the join pages call it. */
function backend(path: string): Response {
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  if (path === '/api/tenant') return json(tenant);
  if (path === '/api/consultations') return json({ items: [running, consultation({})] });
  if (path.endsWith('/links')) return json({ host: link('host'), guests: [link('guest')] });
  if (path === '/api/walk-in-passes')
    return json({ pass: 'p', url: 'http://demo.test/manual#pass=p', expiresAt: now });
  if (path === '/api/instant-connect')
    return json({
      subject: 's',
      host: [{ url: 'http://ic.test/h' }],
      guest: [{ url: 'http://ic.test/g' }],
    });
  if (path === '/api/guest-tokens') return json({ message: 'Too many attempts.' }, 429);
  // The live stream: refused, so the console says it is reconnecting (in French).
  return json({ message: 'nope' }, 503);
}

/** English-only words; product names and identifiers are removed first. */
const ENGLISH_WORDS =
  /(?<!\p{L})(the|and|your|you|with|this|that|from|for|of|to|is|are|not|has|link|links|meeting|meetings|join|copy|show|get|loading|cancel|end|sign|key|host|guest|now|later|live|title|starts?|name|continue|try|again)(?!\p{L})/iu;
const NAMES =
  /Instant Connect|Service App|Control Hub|meeting:admin_schedule_write|pnpm dev|Webex|g2g|https?:\/\/\S+|[\w.-]+@[\w.-]+|Dr Hale|Pat Quinn|English/g;

/** English phrases of the table, with each phrase builder called on sample arguments. */
function englishPhrases(): string[] {
  const out: string[] = [];
  const visit = (e: unknown, f: unknown) => {
    if (typeof e === 'string') {
      if (e !== f && e.trim().length > 3) out.push(e.trim());
    } else if (typeof e === 'function' && typeof f === 'function') {
      const args = ['§', '§'];
      const eText = String((e as (...a: unknown[]) => unknown)(...args));
      const fText = String((f as (...a: unknown[]) => unknown)(...args));
      // The fixed words around the arguments.
      for (const part of eText.split('§'))
        if (part.trim().length > 3 && !fText.includes(part)) out.push(part.trim());
    } else if (e && typeof e === 'object') {
      for (const k of Object.keys(e)) visit((e as never)[k], (f as never)[k]);
    }
  };
  for (const k of Object.keys(en) as (keyof typeof en)[])
    if (k !== 'apiError' && k !== 'nameTooLong') visit(en[k], fr[k]);
  return out;
}

/** What a person sees or hears: text, and the names and descriptions of elements. */
function perceivable(): string {
  const attrs = ['aria-label', 'title', 'alt', 'placeholder'];
  const extra = [...document.querySelectorAll('*')].flatMap((el) =>
    attrs.map((a) => el.getAttribute(a)).filter((v): v is string => !!v),
  );
  // Text node by text node: textContent would glue "Consultations" and "Sign out" into one word.
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) texts.push(walker.currentNode.nodeValue ?? '');
  return [document.title, ...texts, ...extra].join('\n');
}

function expectFrench() {
  const text = perceivable();
  for (const phrase of englishPhrases()) {
    // As whole words: "Continue" is inside "Continuer".
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(text, `English "${phrase}"`).not.toMatch(
      new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})`, 'u'),
    );
  }
  const rest = text.replace(NAMES, ' ');
  expect(rest.match(ENGLISH_WORDS)?.[0], rest).toBeUndefined();
  expect(document.documentElement.lang).toBe('fr');
}

async function open(path: string) {
  window.history.replaceState(null, '', path);
  await act(async () => {
    render(<App />);
  });
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'fr', 'en']);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) =>
      backend(new URL(String(input), 'http://demo.test').pathname),
    ),
  );
  // The QR encoder and the SDK preload are not what is checked here.
  vi.stubGlobal('requestIdleCallback', () => 0);
  vi.stubGlobal('cancelIdleCallback', () => {});
  Object.assign(navigator, { clipboard: { writeText: async () => {} } });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the demo in French', () => {
  it('follows the browser, and the switch changes it (kept for the next visit)', async () => {
    await open('/');
    await screen.findByRole('heading', { name: fr.landingTitle });
    expectFrench();
    fireEvent.change(screen.getByLabelText(fr.language), { target: { value: 'en' } });
    await screen.findByRole('heading', { name: en.landingTitle });
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('g2g-demo-lang')).toBe('en');
  });

  it('landing and not-found', async () => {
    await open('/');
    await screen.findByRole('heading', { name: fr.landingTitle });
    expectFrench();
    cleanup();
    await open('/nowhere');
    await screen.findByRole('heading', { name: fr.notFound });
    expectFrench();
  });

  it('operator sign-in, then the console with every part shown', async () => {
    await open('/operator');
    fireEvent.change(await screen.findByLabelText(fr.opKey), { target: { value: 'k' } });
    expectFrench();
    fireEvent.click(screen.getByRole('button', { name: fr.continue }));
    await screen.findByRole('heading', { name: fr.opTitle });
    await screen.findByText(fr.licenceUsage(1, 1));
    await screen.findByRole('heading', { name: fr.fullTitle });
    // Links, the cancel confirmation, walk-in and Instant Connect.
    const [show] = screen.getAllByRole('button', { name: fr.showLinks });
    fireEvent.click(show!);
    await screen.findAllByText(fr.linkOf.guest);
    const cancels = screen.getAllByRole('button', { name: fr.cancelConsultation });
    fireEvent.click(cancels.find((b) => !(b as HTMLButtonElement).disabled)!);
    await screen.findByText(fr.confirmCancel('Suivi du genou'));
    fireEvent.click(screen.getByRole('button', { name: fr.getWalkIn }));
    fireEvent.click(screen.getByRole('button', { name: fr.getIc }));
    await screen.findByRole('button', { name: fr.copyWalkIn });
    await screen.findAllByRole('button', { name: fr.copyLink.host });
    fireEvent.click(screen.getByLabelText(fr.later));
    await screen.findByLabelText(fr.startTime);
    expectFrench();
  });

  it('manual join: without a pass, and with one (an error from the backend in French)', async () => {
    await open('/manual');
    await screen.findByText(fr.needsWalkIn);
    expectFrench();
    cleanup();
    await open('/manual#pass=p');
    fireEvent.change(await screen.findByLabelText(fr.destinationLabel), {
      target: { value: '2516 666 1234' },
    });
    fireEvent.change(screen.getByLabelText(fr.yourName), { target: { value: 'Rae' } });
    await screen.findByText(`${fr.destinationTypes.MEETING_ID}: 25166661234`);
    fireEvent.click(screen.getByRole('button', { name: fr.join }));
    await screen.findByText(/Trop de tentatives/);
    expectFrench();
  });

  it('manual join: a destination that does not parse is explained in French', async () => {
    await open('/manual#pass=p');
    const field = await screen.findByLabelText(fr.destinationLabel);
    fireEvent.change(field, { target: { value: 'pas une réunion' } });
    fireEvent.blur(field);
    await screen.findByText(/Ce n’est ni un numéro de réunion/);
    expectFrench();
  });

  it('the participant’s name form, as host and as guest, and an incomplete link', async () => {
    for (const [hash, heading] of [
      ['#host=h', fr.joinAsHost],
      ['#guest=g', fr.joinConsultation],
    ] as const) {
      await open(`/join/abc${hash}`);
      await screen.findByRole('heading', { name: heading });
      fireEvent.change(screen.getByLabelText(fr.yourNameSeen), {
        target: { value: 'x'.repeat(200) },
      });
      await screen.findByText(/au plus 128 caractères/);
      expectFrench();
      cleanup();
    }
    await open('/join/abc');
    await screen.findByText(fr.incompleteLink);
    expectFrench();
  });
});
