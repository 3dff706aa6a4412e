import type { Options } from 'tsup';

// Loaded by name: packages type-check without Node's types (their code runs
// in browsers), and only this build step needs the file system.
const FS_MODULE = 'node:fs/promises';
type Fs = {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
};

const DIRECTIVE = '"use client";';

/** What a library build adds to tsup's options. */
export interface LibraryExtras extends Partial<Options> {
  /**
   * Built entry files (e.g. `dist/react/index.js`) that get a `"use client"`
   * banner. esbuild and tsup's tree-shaking both drop module-level
   * directives, so it is put back once the files are written, on the first
   * line without a newline, so source maps stay right.
   */
  clientEntries?: readonly string[];
}

/**
 * The one build recipe for every library package: ESM + .d.ts, no bundled
 * dependencies, tree-shakeable output, and the repository's LICENSE copied in
 * (it is packed with the package). Packages pass only their entries.
 */
export function libraryBuild(
  entry: Record<string, string>,
  { clientEntries = [], onSuccess, ...extra }: LibraryExtras = {},
): Options {
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
    async onSuccess() {
      const fs = (await import(FS_MODULE)) as Fs;
      await fs.copyFile('../../LICENSE', 'LICENSE');
      for (const file of clientEntries) {
        const code = await fs.readFile(file, 'utf8');
        if (!code.startsWith(DIRECTIVE)) await fs.writeFile(file, DIRECTIVE + code);
      }
      if (typeof onSuccess === 'function') await onSuccess();
    },
  };
}
