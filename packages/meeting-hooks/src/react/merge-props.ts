/**
 * Merges prop objects left to right, as a prop-getter does with the
 * caller's props: event handlers (`onX`) are chained (each runs, in order),
 * `className`s are joined, `style`s are merged, and anything else is taken
 * from the last object that sets it (`undefined` does not override).
 * @public
 */
export function mergeProps<T extends object>(...sets: readonly (T | null | undefined)[]): T {
  const out: Record<string, unknown> = {};
  for (const set of sets) {
    if (!set) continue;
    for (const [key, value] of Object.entries(set)) {
      if (value === undefined) continue;
      const prev = out[key];
      if (/^on[A-Z]/.test(key) && typeof prev === 'function' && typeof value === 'function') {
        out[key] = (...args: unknown[]) => {
          (prev as (...a: unknown[]) => unknown)(...args);
          (value as (...a: unknown[]) => unknown)(...args);
        };
      } else if (key === 'className' && typeof prev === 'string' && typeof value === 'string') {
        out[key] = `${prev} ${value}`;
      } else if (key === 'style' && prev && typeof prev === 'object' && typeof value === 'object') {
        out[key] = { ...prev, ...value };
      } else out[key] = value;
    }
  }
  return out as T;
}
