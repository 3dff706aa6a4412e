import { defineConfig } from 'tsup';
import { libraryBuild } from '../../scripts/tsup-preset';

export default defineConfig(libraryBuild({ 'core/index': 'src/core/index.ts' }));
