import { defineConfig } from 'tsup';
import { libraryBuild } from '../../scripts/tsup-preset';

// esbuild and tsup's tree-shaking pass both drop module-level directives, so
// "use client" is put back on the built React and testing entry files once
// they are written. It goes on the first line, without a newline, so the
// source maps' line numbers stay right. The core entry has none: it is
// framework-free and usable from server code.
const CLIENT_ENTRIES = ['dist/react/index.js', 'dist/testing/index.js'];
const DIRECTIVE = '"use client";';

// Loaded by name: this package type-checks without Node's types (its code
// runs in browsers), and only this build step needs the file system.
const FS_MODULE = 'node:fs/promises';

async function addUseClient() {
  const { readFile, writeFile } = (await import(FS_MODULE)) as {
    readFile(path: string, encoding: 'utf8'): Promise<string>;
    writeFile(path: string, data: string): Promise<void>;
  };
  for (const file of CLIENT_ENTRIES) {
    const code = await readFile(file, 'utf8');
    if (!code.startsWith(DIRECTIVE)) await writeFile(file, DIRECTIVE + code);
  }
}

export default defineConfig(
  libraryBuild(
    {
      'core/index': 'src/core/index.ts',
      'react/index': 'src/react/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    { onSuccess: addUseClient },
  ),
);
