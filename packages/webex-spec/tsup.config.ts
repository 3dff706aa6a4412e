import { defineConfig } from 'tsup';
import { libraryBuild } from '../../scripts/tsup-preset';

export default defineConfig(
  libraryBuild({ index: 'src/index.ts', 'rest/index': 'src/rest/index.ts' }),
);
