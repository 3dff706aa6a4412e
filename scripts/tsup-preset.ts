import type { Options } from 'tsup';

/**
 * The one build recipe for every library package: ESM + .d.ts, no bundled
 * dependencies, tree-shakeable output. Packages pass only their entries.
 */
export function libraryBuild(entry: Record<string, string>, extra: Partial<Options> = {}): Options {
  return {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: true,
    target: 'es2022',
    outDir: 'dist',
    ...extra,
  };
}
