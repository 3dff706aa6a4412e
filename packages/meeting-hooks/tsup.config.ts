import { defineConfig } from 'tsup';
import { libraryBuild } from '../../scripts/tsup-preset';

// The React and testing entries are client modules; the core has no
// directive: it is framework-free and usable from server code.
export default defineConfig(
  libraryBuild(
    {
      'core/index': 'src/core/index.ts',
      'react/index': 'src/react/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    { clientEntries: ['dist/react/index.js', 'dist/testing/index.js'] },
  ),
);
