import { defineConfig } from 'vitest/config';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import react from '@vitejs/plugin-react';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

// Workspace packages resolve to their TypeScript sources through this export
// condition, so tests never need a prior build.
const SOURCE_CONDITION = '@g2g/source';

// Test files say where they run by their name:
//   *.test.ts(x)          Node
//   *.dom.test.ts(x)      jsdom
//   *.browser.test.ts(x)  real Chromium (Vitest browser mode)
const DOM = '**/*.dom.test.{ts,tsx}';
const BROWSER = '**/*.browser.test.{ts,tsx}';
const IGNORED = ['**/node_modules/**', '**/dist/**', '**/storybook-static/**'];

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['{packages,apps}/*/src/**/*.test.{ts,tsx}'],
          exclude: [...IGNORED, DOM, BROWSER],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: [`{packages,apps}/*/src/${DOM}`],
          exclude: IGNORED,
        },
      },
      {
        extends: true,
        plugins: [
          react(),
          nodePolyfills({ globals: { Buffer: true, global: true, process: true } }),
        ],
        optimizeDeps: {
          include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime'],
        },
        test: {
          name: 'chromium',
          include: [`{packages,apps}/*/src/${BROWSER}`, `tests/${BROWSER}`],
          exclude: IGNORED,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
