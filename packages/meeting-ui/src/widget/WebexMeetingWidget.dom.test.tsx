// The wrapper's logic with the stock widget replaced by a stand-in that
// renders the widget's classes (the real one runs in the Chromium tests).
import { StrictMode, useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';

const mounts = vi.hoisted(() => ({
  count: 0,
  tokens: [] as string[],
  last: null as null | Record<string, unknown>,
}));
vi.mock('./stock-widget', () => ({
  default: function StandIn(props: { accessToken: string; className: string; layout: string }) {
    mounts.last = props;
    useEffect(() => {
      mounts.count++;
      mounts.tokens.push(props.accessToken);
    }, [props.accessToken]);
    return (
      <div className={`webex-meetings-widget ${props.className}`} data-layout={props.layout}>
        <div className="wxc-in-meeting" />
      </div>
    );
  },
}));

import { WebexMeetingWidget } from './WebexMeetingWidget';
import { settleIsolatedRoots } from './isolated-root';

// A bound on waiting for async UI, not a speed assertion (vi.waitFor defaults to 1 s).
const WAIT = { timeout: 15_000 };

afterEach(() => {
  cleanup();
  // The widget's root unmounts 750 ms after the wrapper's: now, while jsdom's
  // window still exists (a late unmount after the file's teardown threw
  // "window is not defined" under .ci/run --stress).
  act(() => settleIsolatedRoots());
  mounts.count = 0;
  mounts.tokens = [];
  mounts.last = null;
});

const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));

describe('WebexMeetingWidget (jsdom, stand-in widget)', () => {
  it('refuses a bare meeting number, which the stock widget can never resolve, without mounting it', async () => {
    const onError = vi.fn();
    render(
      <WebexMeetingWidget accessToken="a_b_c" destination="2516 666 1234" onError={onError} />,
    );
    await settle();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'invalid-destination', reason: 'widget-meeting-number' }),
    );
    expect(screen.getByRole('alert').textContent).toMatch(/cannot join by meeting number/);
    expect(mounts.count).toBe(0);
  });

  it('refuses a j.php link, which the widget’s SDK takes for a 1:1 call, without mounting it', async () => {
    const onError = vi.fn();
    render(
      <WebexMeetingWidget
        accessToken="a_b_c"
        destination="https://acme.webex.com/acme/j.php?MTID=m0123456789abcdef"
        onError={onError}
      />,
    );
    await settle();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'invalid-destination', reason: 'widget-link-form' }),
    );
    expect(screen.getByRole('alert').textContent).toMatch(/SIP address/);
    expect(mounts.count).toBe(0);
  });

  it('hands the widget the normalised destination and the discovery it was given', async () => {
    const discovery = { u2c: 'http://127.0.0.1:1/u2c/api/v1', hydra: 'http://127.0.0.1:1/v1' };
    render(
      <WebexMeetingWidget
        accessToken="a_b_c"
        destination="  <sip:25166661234@acme.webex.com;transport=tls>  "
        discovery={discovery}
      />,
    );
    await vi.waitFor(() => expect(mounts.count).toBe(1), WAIT);
    expect(mounts.last).toMatchObject({
      meetingDestination: '25166661234@acme.webex.com',
      discovery,
    });
    cleanup();
    // A /meet/ link, which the widget's SDK does take, goes through in its https form.
    render(<WebexMeetingWidget accessToken="a_b_c" destination="acme.webex.com/meet/ana" />);
    await vi.waitFor(() => expect(mounts.count).toBe(2), WAIT);
    expect(mounts.last).toMatchObject({ meetingDestination: 'https://acme.webex.com/meet/ana' });
  });

  it('mounts the widget once under StrictMode and reports what it shows', async () => {
    const onStateChange = vi.fn();
    const onJoined = vi.fn();
    render(
      <StrictMode>
        <WebexMeetingWidget
          accessToken="a_b_c"
          destination="25166661234@acme.sim.webex.com"
          layout="focus"
          theme="dark"
          className="mine"
          onStateChange={onStateChange}
          onJoined={onJoined}
        />
      </StrictMode>,
    );
    await vi.waitFor(() => expect(onJoined).toHaveBeenCalledTimes(1), WAIT);
    expect(onStateChange).toHaveBeenCalledWith('joined');
    // The wrapper sees the widget's DOM before React runs the stand-in's passive
    // effect (on a busy machine, well before): wait for the mount, then make
    // sure no second one follows.
    await vi.waitFor(() => expect(mounts.count).toBeGreaterThan(0), WAIT);
    await settle();
    expect(mounts.count).toBe(1);
    const widget = document.querySelector('.webex-meetings-widget')!;
    expect(widget.className).toContain('wxc-theme-dark');
    expect(widget.className).toContain('mine');
    expect(widget.getAttribute('data-layout')).toBe('Focus');
  });

  it('remounts with a new token', async () => {
    const { rerender } = render(
      <WebexMeetingWidget accessToken="a_b_c" destination="25166661234@acme.sim.webex.com" />,
    );
    await vi.waitFor(() => expect(mounts.tokens).toEqual(['a_b_c']), WAIT);
    rerender(
      <WebexMeetingWidget accessToken="d_e_f" destination="25166661234@acme.sim.webex.com" />,
    );
    await vi.waitFor(() => expect(mounts.tokens).toEqual(['a_b_c', 'd_e_f']), WAIT);
    await settle();
  });

  it('refuses a malformed token without mounting', async () => {
    const onError = vi.fn();
    render(
      <WebexMeetingWidget
        accessToken="nope"
        destination="25166661234@acme.sim.webex.com"
        onError={onError}
      />,
    );
    await vi.waitFor(() => expect(onError).toHaveBeenCalled(), WAIT);
    expect(onError.mock.calls[0]![0].code).toBe('token-invalid');
    expect(screen.getByRole('alert')).toBeTruthy();
    await settle();
    expect(mounts.count).toBe(0);
  });
});
