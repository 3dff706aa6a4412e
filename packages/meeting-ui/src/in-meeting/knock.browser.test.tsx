// A knock announced to the host, with the real SDK (webex@3 and webex@2.60.4)
// in Chromium against the simulator: the host's in-meeting screen, on a
// session joined through the hooks core, says who waits in an assertive live
// region, badges the tab title and chimes (unless the integrator turns the
// sound off); once the host lets the guest in from the roster, both clear.
// A second guest knocks with the sound off and the French words.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from 'vitest/browser';
import type { JoinSession } from '@g2g/meeting-hooks';
import { startBrowserSim, type BrowserSim } from '@g2g/webex-sim/testing/browser';
import { provision, simClients, type SimMeeting } from '../test-support/sim';
import { fr } from '../i18n/fr';
import { InMeeting } from './index';

let sim: BrowserSim;
let kit: Awaited<ReturnType<typeof provision>>;
let clients: ReturnType<typeof simClients>;
// Bounds on a hang, not on speed: the first connect imports the 5 MB SDK (20 s+ under load).
const SLOW = { timeout: 120_000, interval: 100 };
const TITLE = 'Clinic';

/** Counts AudioContexts made: the chime makes one per knock (nothing else here plays sound). */
let chimes = 0;
const RealAudioContext = globalThis.AudioContext;

beforeAll(async () => {
  sim = await startBrowserSim({ seed: 'meeting-ui-knock' });
  kit = await provision(sim);
  clients = simClients(sim);
  globalThis.AudioContext = class extends RealAudioContext {
    constructor(...args: ConstructorParameters<typeof AudioContext>) {
      super(...args);
      chimes++;
    }
  };
});
afterEach(() => cleanup());
afterAll(async () => {
  globalThis.AudioContext = RealAudioContext;
  await clients?.disposeAll();
  await sim?.close();
});

async function until(session: JoinSession, status: string, name: string) {
  await waitFor(() => {
    const st = session.getSnapshot();
    if (st.status === 'failed') throw new Error(`${name} failed: ${st.error.code}`);
    expect(st.status).toBe(status);
  }, SLOW);
}

const knockRegion = () => document.querySelector<HTMLElement>('[data-g2g-knock]')!;

describe.each([false, true])('a knock announced to the host (legacy SDK: %s)', (legacy) => {
  const sdk = legacy ? 2 : 3;
  let meeting: SimMeeting;
  let host: JoinSession;

  beforeAll(async () => {
    // The simulator's default: guests wait in the lobby until a host admits them.
    meeting = await kit.meeting({ title: `Knocks ${sdk}` });
    host = clients
      .make(await kit.guest(`knock-host-${sdk}`, 'Dr Host'), legacy)
      .join(meeting.meetingNumber, { displayName: 'Dr Host', hostKey: meeting.hostKey });
    await until(host, 'joined', 'the host');
  }, 300_000);
  afterAll(() => clients.disposeAll());

  async function knock(name: string): Promise<JoinSession> {
    const guest = clients
      .make(await kit.guest(`${name}-${sdk}`, name), legacy)
      .join(meeting.meetingNumber, { displayName: name, password: meeting.password });
    await until(guest, 'lobby', name);
    return guest;
  }

  it('live region, title badge and chime on a knock; all clear once the guest is let in', async () => {
    document.title = TITLE;
    const chimesBefore = chimes;
    render(<InMeeting session={host} />);
    await waitFor(() => expect(knockRegion()).not.toBeNull(), SLOW);
    expect(knockRegion().getAttribute('aria-live')).toBe('assertive');
    expect(knockRegion().textContent).toBe('');
    expect(document.title).toBe(TITLE);

    const guest = await knock('Pat Guest');
    await waitFor(
      () => expect(knockRegion().textContent).toBe('Pat Guest is waiting in the lobby.'),
      SLOW,
    );
    expect(document.title).toBe(`(1) ${TITLE}`);
    expect(chimes).toBe(chimesBefore + 1);

    await userEvent.click(await screen.findByRole('button', { name: 'Let Pat Guest in' }, SLOW));
    await until(guest, 'joined', 'Pat Guest');
    await waitFor(() => expect(knockRegion().textContent).toBe(''), SLOW);
    expect(document.title).toBe(TITLE);
    expect(chimes).toBe(chimesBefore + 1);
  }, 400_000);

  it('with the sound off and French words: the same announcement, no chime', async () => {
    document.title = TITLE;
    const chimesBefore = chimes;
    render(<InMeeting session={host} messages={fr} knockSound={false} />);
    await waitFor(() => expect(knockRegion()).not.toBeNull(), SLOW);

    const guest = await knock('Sam Guest');
    await waitFor(
      () => expect(knockRegion().textContent).toBe('Sam Guest attend en salle d’attente.'),
      SLOW,
    );
    expect(document.title).toBe(`(1) ${TITLE}`);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Faire entrer Sam Guest' }, SLOW),
    );
    await until(guest, 'joined', 'Sam Guest');
    await waitFor(() => expect(knockRegion().textContent).toBe(''), SLOW);
    expect(document.title).toBe(TITLE);
    expect(chimes).toBe(chimesBefore);
  }, 400_000);
});
