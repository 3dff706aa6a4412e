import { defineConfig } from 'tsup';
import { libraryBuild } from '../../scripts/tsup-preset';

// The widget wrapper is its own entry: an app that only uses the join UI never
// bundles it, and inside it the 2 MB stock widget is a further lazy import.
export default defineConfig(
  libraryBuild({ index: 'src/index.ts', 'widget/index': 'src/widget/index.ts' }),
);
