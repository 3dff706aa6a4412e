import { useEffect } from 'react';
import { preloadMeetingSdk } from '@g2g/meeting-hooks';

/**
 * Starts loading the SDK once the browser is idle: a person on a join form
 * spends seconds typing, which is when the 1 MB download and its evaluation
 * should happen, not after the click.
 */
export function usePreloadWhenIdle(): void {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const id = idle(() => void preloadMeetingSdk());
    return () => cancel(id);
  }, []);
}

/** Props for a link that leads to joining: preload on hover or focus (intent). */
export const preloadOnIntent = {
  onPointerEnter: () => void preloadMeetingSdk(),
  onFocus: () => void preloadMeetingSdk(),
};
