/** Shared helpers for the benchmark parts: plain numbers, plain lines. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * Runs `total` calls of `once(i)` with at most `concurrency` in flight and
 * returns calls per second. Every call must succeed: a benchmark of errors
 * would measure the wrong thing.
 */
export async function throughput(
  total: number,
  concurrency: number,
  once: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await once(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** One benchmark part: returns the lines it wants printed. */
export type BenchPart = () => Promise<string[]>;
