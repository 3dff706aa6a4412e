// The in-meeting screen's layout in real Chromium, on a phone (375×667) and a
// desktop, in English and French: a 5,000-character name (one word, the
// hardest to wrap) never pushes the page sideways and is always there whole
// (tooltip, accessible name); labels and badges are not cut off; the
// controls stay on screen. A fixture session: no join is driven.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { page, userEvent } from 'vitest/browser';
import type { JoinState } from '@g2g/meeting-hooks';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import { createSessionFixture } from '@g2g/meeting-hooks/testing';
import { MessagesProvider } from '../i18n/context';
import { en, type Messages } from '../i18n/en';
import { fr } from '../i18n/fr';
import { JOINED, testPattern } from '../stories/fixture';
import { checkState } from '../test-support/quality';
import { MeetingUiRoot } from '../theme/Root';
import { injectMeetingUiStyles } from '../theme/styles';
import { InMeeting } from './InMeetingView';
import { inMeetingEn, inMeetingFr, type InMeetingMessages } from './messages';

const LONG = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(143).slice(0, 5000);
const DEVICES = { phone: [375, 667], desktop: [1280, 800] } as const;
const LANGS: Record<string, [Messages, InMeetingMessages]> = {
  en: [en, inMeetingEn],
  fr: [fr, inMeetingFr],
};

afterEach(() => cleanup());
// As in GuestJoin, where the in-meeting screen loads after the root's stylesheet is
// in: rendered first thing, InMeeting's insertion effect would run before the root's.
injectMeetingUiStyles();

/** Elements inside `root` that stick out to the right, where no ancestor clips them. */
function sticksOut(root: Element): string[] {
  const width = document.documentElement.clientWidth;
  const clipped = (el: Element | null): boolean => {
    for (let a = el?.parentElement; a && a !== root; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  return [...root.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
    .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
}

/** Text cut off (an ellipsis or clipping) in these elements. */
const cut = (els: Iterable<Element>) =>
  [...els].filter((el) => el.scrollWidth > el.clientWidth + 0.5).map((el) => el.textContent ?? '');

for (const [lang, [messages, im]] of Object.entries(LANGS)) {
  for (const [device, [width, height]] of Object.entries(DEVICES)) {
    describe(`${lang}, ${device}`, () => {
      it('a 5,000-character name: cut with the whole name in title and aria; nothing overflows', async () => {
        await page.viewport(width, height);
        await expect.poll(() => document.documentElement.clientWidth).toBe(width);
        const session = createSessionFixture({
          state: { ...JOINED, isHost: true, title: 'T'.repeat(300) } as JoinState,
          participants: [
            { id: 'me', name: 'Dr Jones', isSelf: true, isHost: true, audioMuted: true },
            { id: 'x', name: LONG, audioMuted: true, videoMuted: true },
          ],
          remoteMedia: { video: testPattern(20) },
          localMedia: {
            camera: {
              status: 'on',
              muted: false,
              deviceId: 'default',
              stream: testPattern(280),
              error: null,
            },
            microphone: {
              status: 'on',
              muted: true,
              deviceId: 'default',
              error: null,
              stream: null,
            },
          },
        });
        const { container } = render(
          <MeetingUiRoot label="Meeting">
            <MessagesProvider messages={messages}>
              <JoinSessionProvider session={session}>
                <InMeeting knockSound={false} titleBadge={false} />
              </JoinSessionProvider>
            </MessagesProvider>
          </MeetingUiRoot>,
        );
        const root = container.querySelector('.g2g-root')!;
        await screen.findByRole('heading', { name: im.participantsPresent(2) });
        // Someone with the long name knocks: the notice, the lobby, the admit button.
        act(() =>
          session.setParticipants([
            { id: 'me', name: 'Dr Jones', isSelf: true, isHost: true, audioMuted: true },
            { id: 'x', name: LONG, audioMuted: true, videoMuted: true },
            { id: 'y', name: `${LONG}2`, inLobby: true },
          ]),
        );
        const admit = await screen.findByRole('button', { name: messages.admit(`${LONG}2`) });
        expect(admit.getAttribute('title')).toBe(messages.admit(`${LONG}2`));
        // The name, whole, in each place it is cut short.
        const names = [...root.querySelectorAll('.g2g-name')].map((n) => n.getAttribute('title'));
        expect(names).toEqual(expect.arrayContaining([LONG, `${LONG}2`]));
        // The knock notice: at most a few lines, its whole text read out (a live region).
        const notice = root.querySelector<HTMLElement>('[data-g2g-knock]')!;
        expect(notice.textContent).toBe(im.knock([`${LONG}2`]));
        expect(notice.getBoundingClientRect().height).toBeLessThan(120);
        expect(sticksOut(root)).toEqual([]);
        expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(width);
        // Your own tile's label and the badges are whole, not "Your vi…".
        expect(cut(root.querySelectorAll('.g2g-tile__name, .g2g-badge'))).toEqual([]);
        const self = root.querySelector('[data-g2g-self=true] .g2g-video__label')!;
        expect(self.textContent).toContain(messages.selfView);
        expect(self.textContent).toContain(messages.muted);
        // The controls are on screen.
        const leave = screen.getByRole('button', { name: messages.leave });
        expect(leave.getBoundingClientRect().bottom).toBeLessThanOrEqual(height);
        await checkState(`long-name-${lang}-${device}`, root);

        // Removing them asks first, naming them: a few lines, the whole question in title and aria.
        const remove = screen.getByRole('button', { name: im.removeParticipant(LONG) });
        await userEvent.click(remove);
        const question = await screen.findByRole('group', { name: im.removeConfirm(LONG) });
        const text = within(question).getByText(im.removeConfirm(LONG));
        expect(text.getAttribute('title')).toBe(im.removeConfirm(LONG));
        expect(text.getBoundingClientRect().height).toBeLessThan(120);
        expect(sticksOut(root)).toEqual([]);
        expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(width);
        await checkState(`long-name-confirm-${lang}-${device}`, root);
      });
    });
  }
}
