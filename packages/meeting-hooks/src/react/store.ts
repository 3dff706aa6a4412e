import { useMemo, useSyncExternalStore } from 'react';
import type { ReadableStore } from '../core/store';

/** Subscribes to a store (server snapshot = client snapshot, so hydration matches). */
export function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * Equal when `Object.is`, or when both are arrays (or plain objects) whose
 * items (or own values) are `Object.is`-equal: what a selector over
 * identity-preserving snapshots needs.
 * @public
 */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * A slice of a store: re-renders only when `isEqual` says the selection
 * changed. The selection is remembered per snapshot, so an inline selector
 * costs one call per change, not one per render.
 */
export function useStoreSelector<T, U>(
  store: ReadableStore<T>,
  select: (snapshot: T) => U,
  isEqual: (a: U, b: U) => boolean = shallowEqual,
): U {
  const get = useMemo(() => {
    let memo: { snapshot: T; selection: U } | undefined;
    return () => {
      const snapshot = store.getSnapshot();
      if (memo && Object.is(memo.snapshot, snapshot)) return memo.selection;
      const next = select(snapshot);
      const selection = memo && isEqual(memo.selection, next) ? memo.selection : next;
      memo = { snapshot, selection };
      return selection;
    };
  }, [store, select, isEqual]);
  return useSyncExternalStore(store.subscribe, get, get);
}
