import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FakeWebex } from '@g2g/meeting-hooks/testing';
import { FakeJoin } from '../stories/fake';
import { fr } from '../i18n/fr';
import { STYLE_ELEMENT_ID, meetingUiCss } from '../theme/styles';

afterEach(cleanup);

describe('GuestJoin (jsdom, fake SDK)', () => {
  it('moves focus to the new step and announces a wrong password', async () => {
    render(<FakeJoin media={false} scenario={{ meeting: { password: 'secret' } }} />);
    // No name field: the guest token carries the name.
    expect(screen.queryByLabelText('Your name')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Join meeting' }));
    const heading = await screen.findByRole('heading', { name: 'This meeting needs a password' });
    expect(document.activeElement).toBe(heading);
    fireEvent.change(screen.getByLabelText('Meeting password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('That password is not right. Try again.'),
    );
    expect(screen.getByLabelText('Meeting password').getAttribute('aria-invalid')).toBe('true');
  });

  it('takes a replacement for one screen and keeps the rest of the flow', async () => {
    const MyLobby = () => <h2>Custom lobby</h2>;
    const events: string[] = [];
    let fake: FakeWebex | undefined;
    render(
      <FakeJoin
        media={false}
        skipPreJoin
        displayName="Ada"
        scenario={{ meeting: { lobby: true } }}
        components={{ Lobby: MyLobby }}
        onStateChange={(s) => {
          events.push(s.status);
          // Let them in once they wait (in a macrotask: not during React's commit).
          if (s.status === 'lobby') setTimeout(() => fake?.admitSelf());
        }}
        onFake={(f) => (fake = f)}
        onJoined={() => events.push('onJoined')}
      />,
    );
    await screen.findByRole('heading', { name: 'Custom lobby' });
    await screen.findByRole('button', { name: 'Leave' });
    expect(events).toContain('lobby');
    expect(events).toContain('onJoined');
  });

  it('reports an invalid destination through onError without loading anything', async () => {
    const codes: string[] = [];
    render(<FakeJoin media={false} destination="hello" onError={(e) => codes.push(e.code)} />);
    await screen.findByRole('heading', { name: 'Could not join' });
    expect(codes).toEqual(['invalid-destination']);
  });

  it('with askName, asks for a name before joining and sends it as the alias', async () => {
    let fake: FakeWebex | undefined;
    render(<FakeJoin media={false} askName onFake={(f) => (fake = f)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Join meeting' }));
    const field = screen.getByLabelText('Your name');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Ready to join?' })).toBeTruthy();
    fireEvent.change(field, { target: { value: ' Ada\u200b  Lovelace ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join meeting' }));
    await screen.findByRole('heading', { name: 'Consultation' });
    // Cleaned by the one rule of @g2g/webex-spec before it is sent.
    expect(fake!.joinArgs.at(-1)).toMatchObject({ alias: 'Ada Lovelace' });
  });

  it('without askName or displayName, sends no alias: Locus shows the token’s name', async () => {
    let fake: FakeWebex | undefined;
    render(<FakeJoin media={false} skipPreJoin onFake={(f) => (fake = f)} />);
    await screen.findByRole('heading', { name: 'Consultation' });
    expect(fake!.joinArgs.at(-1)).not.toHaveProperty('alias');
  });

  it('speaks French when given fr', async () => {
    render(<FakeJoin media={false} messages={fr} skipPreJoin displayName="Zoé" />);
    await screen.findByRole('heading', { name: 'Consultation' });
    expect(screen.getByRole('button', { name: 'Quitter' })).toBeTruthy();
  });

  it('switches language in the meeting without remounting it (the timer and panels keep their state)', async () => {
    const view = render(<FakeJoin media={false} skipPreJoin displayName="Zoé" />);
    const leave = await screen.findByRole('button', { name: 'Leave' });
    view.rerender(<FakeJoin media={false} skipPreJoin displayName="Zoé" messages={fr} />);
    const quitter = await screen.findByRole('button', { name: 'Quitter' });
    // The same element, relabelled: nothing below GuestJoin was torn down.
    expect(quitter).toBe(leave);
    view.rerender(<FakeJoin media={false} skipPreJoin displayName="Zoé" />);
    expect(await screen.findByRole('button', { name: 'Leave' })).toBe(leave);
  });

  it('while reconnecting, keeps the meeting on screen under its banner (nothing torn down), then carries on', async () => {
    let fake: FakeWebex | undefined;
    render(<FakeJoin media={false} skipPreJoin displayName="Zoé" onFake={(f) => (fake = f)} />);
    const leave = await screen.findByRole('button', { name: 'Leave' });
    act(() => fake!.dropMercury());
    await screen.findByText('Connection lost. Reconnecting…');
    // The same Leave button: the in-meeting view stayed mounted.
    expect(screen.getByRole('button', { name: 'Leave' })).toBe(leave);
    expect(document.querySelector('[data-g2g-step]')?.getAttribute('data-g2g-step')).toBe('joined');
    act(() => fake!.restoreMercury());
    await screen.findByText('Reconnected.');
    expect(screen.queryByText('Connection lost. Reconnecting…')).toBeNull();
    expect(screen.getByRole('button', { name: 'Leave' })).toBe(leave);
  });

  it('in a multistream meeting, shows a video tile per participant (loaded on demand) instead of the composed box', async () => {
    let fake: FakeWebex | undefined;
    const ada = { id: 'p-ada', name: 'Ada' };
    render(
      <FakeJoin
        skipPreJoin
        scenario={{ meeting: { participants: [ada] } }}
        onFake={(f) => (fake = f)}
      />,
    );
    const tile = await screen.findByRole('figure', { name: 'Ada' });
    expect(tile.closest('.g2g-in-meeting')).not.toBeNull();
    expect(screen.queryByText('Video of the others')).toBeNull();
    expect(fake!.joinArgs.at(-1)).toMatchObject({ enableMultistream: true });
    // One audio element for the meeting, not one per tile.
    expect(document.querySelectorAll('audio')).toHaveLength(1);
  });

  it('in a transcoded meeting, keeps the one composed video of the others', async () => {
    const ada = { id: 'p-ada', name: 'Ada' };
    render(
      <FakeJoin skipPreJoin scenario={{ multistream: false, meeting: { participants: [ada] } }} />,
    );
    await screen.findByText('Video of the others');
    await screen.findByText('No video from the others yet');
    expect(screen.queryByRole('figure', { name: 'Ada' })).toBeNull();
  });

  it('injects its contained stylesheet once', () => {
    render(
      <>
        <FakeJoin media={false} />
        <FakeJoin media={false} theme="dark" />
      </>,
    );
    expect(document.querySelectorAll(`#${STYLE_ELEMENT_ID}`)).toHaveLength(1);
    // Every rule is scoped to a g2g- class (or a keyframes/media block).
    const selectors = meetingUiCss.match(/(^|})\s*([^{}@]+)\{/g) ?? [];
    for (const s of selectors) {
      const list = s.replace(/^}/, '').replace(/\{$/, '').split(',');
      for (const sel of list)
        if (sel.trim() && !/^to$/.test(sel.trim())) expect(sel).toMatch(/g2g-/);
    }
  });
});
