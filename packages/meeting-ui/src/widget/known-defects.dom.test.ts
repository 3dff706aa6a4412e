import { afterEach, describe, expect, it, vi } from 'vitest';
import { LATE_MS, containWidgetDefects } from './known-defects';

/** Dispatches an uncaught-rejection event as the browser would; true if it was contained. */
function contained(reason: unknown): boolean {
  const event = new Event('unhandledrejection', { cancelable: true }) as PromiseRejectionEvent;
  Object.defineProperty(event, 'reason', { value: reason });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

const catalogTimeout = new Error(
  "services: timeout occured while waiting for 'preauth' catalog to populate",
);
const network = Object.assign(new Error('offline'), { name: 'NetworkOrCORSError' });

afterEach(() => vi.useRealTimers());

describe('the widget’s known uncaught errors', () => {
  it('are contained while a widget is mounted; anything else passes through', () => {
    const stop = containWidgetDefects();
    expect(contained(network)).toBe(true);
    expect(contained(catalogTimeout)).toBe(true);
    expect(contained(new Error('the app’s own'))).toBe(false);
    expect(contained(Object.assign(new Error('x'), { name: 'TypeError' }))).toBe(false);
    stop();
  });

  it('webex-core’s late catalog timeout stays contained after unmount, for its 60 s wait only', () => {
    vi.useFakeTimers();
    const stop = containWidgetDefects();
    stop();
    stop(); // idempotent
    // The widget is gone: its SDK's general failures are the app's business again…
    expect(contained(network)).toBe(false);
    // …but the catalog wait it left armed may still fire.
    vi.advanceTimersByTime(LATE_MS - 1);
    expect(contained(catalogTimeout)).toBe(true);
    vi.advanceTimersByTime(1);
    expect(contained(catalogTimeout)).toBe(false);
  });

  it('a widget mounted during the late window keeps everything contained', () => {
    vi.useFakeTimers();
    containWidgetDefects()();
    vi.advanceTimersByTime(LATE_MS / 2);
    const stop = containWidgetDefects();
    vi.advanceTimersByTime(LATE_MS);
    expect(contained(network)).toBe(true);
    expect(contained(catalogTimeout)).toBe(true);
    stop();
    vi.advanceTimersByTime(LATE_MS);
    expect(contained(catalogTimeout)).toBe(false);
  });
});
