import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { containWidgetDefects } from './known-defects';

const UNMOUNT_DELAY_MS = 750;
const RELEASE_DELAY_MS = 5000;

/** Unmounts still waiting for their delay, each as the function that finishes it now. */
const pending = new Set<() => void>();

/**
 * Finishes every delayed unmount now: roots unmounted, containment released.
 * For tests, whose environment (jsdom's `window`) is gone before a delay
 * would end; a page never needs it.
 */
export function settleIsolatedRoots(): void {
  for (const settle of [...pending]) settle();
}

/**
 * Renders into a React root of its own, under `host`, outside the app's tree.
 *
 * Why: the stock widget builds its SDK in an effect. StrictMode (a property
 * of a tree, inherited by everything mounted in it, however late) runs every
 * new effect twice, so inside the app's tree there would be two SDKs, two
 * device registrations and two Mercury sockets. A root of our own is not
 * strict. Creating it a macrotask later lets StrictMode's mount, unmount,
 * mount sequence cancel the first attempt before anything exists.
 */
export function mountIsolated(host: HTMLElement, render: () => ReactNode) {
  let root: Root | undefined;
  let container: HTMLDivElement | undefined;
  let release: (() => void) | undefined;
  const timer = setTimeout(() => {
    container = host.ownerDocument.createElement('div');
    container.className = 'g2g-widget__mount';
    host.appendChild(container);
    release = containWidgetDefects();
    root = createRoot(container);
    root.render(render());
  });
  return {
    update() {
      root?.render(render());
    },
    unmount() {
      clearTimeout(timer);
      const r = root;
      const c = container;
      const stop = release;
      root = undefined;
      if (!r) return;
      // Later, not now: React refuses to unmount a root while it commits the
      // parent tree (this runs from an effect cleanup), and the widget arms a
      // 700 ms timer on every mount that reads its own root without checking,
      // so an earlier unmount throws from inside the widget. Its SDK
      // unregisters after unmount; its failures are the widget's too, so the
      // containment stops later still.
      let unmounted = false;
      const unmountNow = () => {
        if (unmounted) return;
        unmounted = true;
        r.unmount();
        c?.remove();
      };
      const settle = () => {
        pending.delete(settle);
        clearTimeout(unmountTimer);
        clearTimeout(releaseTimer);
        unmountNow();
        stop?.();
      };
      pending.add(settle);
      const unmountTimer = setTimeout(unmountNow, UNMOUNT_DELAY_MS);
      const releaseTimer = setTimeout(settle, UNMOUNT_DELAY_MS + RELEASE_DELAY_MS);
    },
  };
}
