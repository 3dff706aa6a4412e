/**
 * A value that can be read now and watched for changes: the shape `useSyncExternalStore` needs.
 * @public
 */
export interface ReadableStore<T> {
  /** The current value. Returns the same object until something changed. */
  getSnapshot(): T;
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void;
}

/** A {@link ReadableStore} its owner can write to. */
export interface WritableStore<T> extends ReadableStore<T> {
  /** Replaces the value and notifies, unless `next` is the current value. */
  set(next: T): void;
}

/**
 * The smallest store that React's `useSyncExternalStore` and plain callers
 * can share. Writing the same object twice notifies nobody, so callers keep
 * identity for unchanged values and subscribers re-render only on change.
 */
export function createStore<T>(initial: T): WritableStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      // A copy, so a listener that unsubscribes (or subscribes) mid-loop is safe.
      for (const listener of [...listeners]) listener();
    },
  };
}
