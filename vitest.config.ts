import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import react from '@vitejs/plugin-react';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
// Relative on purpose: the config is bundled by Vite, and this pulls the
// simulator in from source (no build needed) for the browser commands.
import { simCommands } from './packages/webex-sim/src/testing/vitest-commands';
import { isKnownSdkDefect } from './packages/webex-sim/src/testing/known-sdk-defects';

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

// The hooks and UI also serve React 19 (the workspace runs 18.3.1, the stock
// widget's exact peer): their jsdom and server-rendering suites run a second
// time with react, react-dom and @testing-library/react taken from
// tests/react19, a package of its own so react-dom 19 resolves react 19.
const REACT19 = fileURLToPath(new URL('./tests/react19/node_modules/', import.meta.url));
const react19 = {
  alias: [
    { find: /^react-dom(\/.*)?$/, replacement: `${REACT19}react-dom$1` },
    { find: /^react(\/.*)?$/, replacement: `${REACT19}react$1` },
    { find: /^@testing-library\/react$/, replacement: `${REACT19}@testing-library/react` },
  ],
};
const REACT_SUITES = 'packages/{meeting-hooks,meeting-ui}/src';
const WIDGET = '**/widget/**'; // the stock widget needs React 18.3.1 exactly

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    // Bounds on a hang, never speed assertions: CI machines are shared, and a
    // test that passes only on an idle machine is a flaky test. Vitest's 5 s
    // default is far inside what a loaded 2-core box needs for a file's first
    // test (module transforms, a simulator start). Heavier tests set their own.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Every simulator a test starts (directly, through a kit, or inside the
    // backend or the demo's stack) holds its REST answers to the shared
    // schemas of @g2g/webex-spec/rest, so a wrong shape fails the test.
    env: { WEBEX_SIM_VALIDATE_RESPONSES: '1' },
    // Prints, once per run, whether live mode (real Webex) is on.
    globalSetup: ['tests/live-mode.setup.ts'],
    // How long expect.poll waits before failing; a bound on waiting, never a speed assertion.
    expect: { poll: { timeout: 15_000 } },
    // How long a browser test file's page may take to connect: a bound on a
    // hang, not speed. On a loaded 2-core machine the first page (Vite
    // transforming its imports) takes minutes, past Vitest's 60 s default.
    // Read from the root config only, whatever the project says.
    browser: { connectTimeout: 300_000 },
    // Only the SDK defects listed by name are ignored (webex@2.60.4's calendar
    // plugin prefetches a KMS key on `ready` with no catch; there is no KMS offline).
    onUnhandledError: (error) => !isKnownSdkDefect(`${error?.message} ${error?.stack}`),
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
        // The demo end to end: simulator + backend + a production build of the
        // SPA, driven by Playwright in Chromium (apps/demo/e2e).
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['apps/demo/e2e/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
          exclude: IGNORED,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          setupFiles: ['tests/setup-dom.ts'],
          include: [`{packages,apps}/*/src/${DOM}`],
          exclude: IGNORED,
        },
      },
      {
        extends: true,
        plugins: [react()],
        resolve: react19,
        test: {
          name: 'jsdom-react19',
          environment: 'jsdom',
          setupFiles: ['tests/setup-dom.ts'],
          include: [`${REACT_SUITES}/${DOM}`],
          exclude: [...IGNORED, WIDGET],
          env: { G2G_REACT_MAJOR: '19' },
        },
      },
      {
        extends: true,
        resolve: react19,
        test: {
          name: 'node-react19',
          environment: 'node',
          include: [`${REACT_SUITES}/**/*ssr.test.tsx`],
          exclude: [...IGNORED, WIDGET],
          env: { G2G_REACT_MAJOR: '19' },
        },
      },
      {
        extends: true,
        plugins: [
          react(),
          nodePolyfills({ globals: { Buffer: true, global: true, process: true } }),
        ],
        // Pre-bundled up front: a runtime-discovered import('webex') makes
        // Vite re-optimise and reload the page in the middle of a test file.
        optimizeDeps: {
          include: [
            'react',
            'react-dom',
            'react-dom/client',
            'react/jsx-dev-runtime',
            'webex',
            'webex/meetings',
            'webex-legacy',
          ],
        },
        test: {
          name: 'chromium',
          include: [`{packages,apps}/*/src/${BROWSER}`, `tests/${BROWSER}`],
          exclude: IGNORED,
          // The network guard, for every file: nothing leaves loopback.
          setupFiles: ['tests/setup-browser.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
            commands: simCommands,
          },
          // The SDK is large: importing it alone takes 20 s and more in Chromium
          // on a loaded 2-core machine, before any journey starts.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
