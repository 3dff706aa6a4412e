import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

const config: StorybookConfig = {
  stories: ['../packages/*/src/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The webex SDK and widget expect Node globals (Buffer, global, process).
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      plugins: [nodePolyfills({ globals: { Buffer: true, global: true, process: true } })],
      resolve: { conditions: ['@g2g/source', 'module', 'browser', 'development|production'] },
    }),
};
export default config;
