import { defineConfig } from 'tsup';
import { libraryBuild } from '../../scripts/tsup-preset';

export default defineConfig(
  libraryBuild(
    {
      index: 'src/index.ts',
      client: 'src/client.ts',
      'testing/browser': 'src/testing/browser.ts',
      'testing/live': 'src/testing/live.ts',
      'testing/network-guard': 'src/testing/network-guard.ts',
      'testing/peer': 'src/testing/peer.ts',
      'testing/webex-sites': 'src/testing/webex-sites.ts',
      'testing/world': 'src/testing/world.ts',
    },
    { platform: 'node', external: ['vitest', 'vitest/browser', 'playwright'] },
  ),
);
