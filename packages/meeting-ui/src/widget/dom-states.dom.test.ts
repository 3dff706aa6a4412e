import { describe, expect, it, vi } from 'vitest';
import { observeWidgetState, readWidgetState } from './dom-states';
import { toStockLayout } from './layout';

const html = (markup: string) => {
  const root = document.createElement('div');
  root.innerHTML = markup;
  return root;
};

describe('readWidgetState', () => {
  it('reads each of the stock widget’s views', () => {
    expect(readWidgetState(html('<div class="wxc-meeting__loading-logo"></div>'))).toBe('loading');
    expect(readWidgetState(html('<div class="wxc-interstitial-meeting"></div>'))).toBe('ready');
    // The password modal sits over the interstitial: the modal wins.
    expect(
      readWidgetState(
        html(
          '<div class="wxc-interstitial-meeting"></div><div class="wxc-meeting-guest-authentication"></div>',
        ),
      ),
    ).toBe('password-required');
    expect(readWidgetState(html('<div class="wxc-meeting-host-authentication"></div>'))).toBe(
      'host-key-required',
    );
    expect(readWidgetState(html('<div class="wxc-waiting-for-host"></div>'))).toBe('lobby');
    expect(readWidgetState(html('<div class="wxc-in-meeting"></div>'))).toBe('joined');
    expect(readWidgetState(html('<div class="wxc-meeting__centered"></div>'))).toBe('left');
    expect(readWidgetState(html('<div class="wxc-media-access"></div>'))).toBe('permission');
    expect(readWidgetState(html('<div></div>'))).toBeNull();
  });

  it('reports changes once each, as the DOM changes', async () => {
    const root = html('<div class="wxc-meeting__loading-logo"></div>');
    const seen = vi.fn();
    const stop = observeWidgetState(root, seen);
    root.innerHTML = '<div class="wxc-interstitial-meeting"></div>';
    await Promise.resolve();
    root.firstElementChild!.setAttribute('title', 'unrelated');
    await Promise.resolve();
    root.innerHTML = '<div class="wxc-in-meeting"></div>';
    await Promise.resolve();
    stop();
    expect(seen.mock.calls.map((c) => c[0])).toEqual(['loading', 'ready', 'joined']);
  });
});

it('maps layouts to the widget’s case-sensitive names', () => {
  expect(toStockLayout('focus')).toBe('Focus');
  expect(toStockLayout()).toBe('Grid');
});
