import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import { securityHeaders } from './security-headers';

// Set by scripts/stack.ts (`pnpm dev`, the e2e tests and the benchmark):
//   G2G_BACKEND_URL    where /api is proxied (default http://127.0.0.1:8788)
//   VITE_G2G_SIM_URL   the simulator, in sim mode; unset means real Webex
const backend = process.env.G2G_BACKEND_URL ?? 'http://127.0.0.1:8788';
const simUrl = process.env.VITE_G2G_SIM_URL || undefined;

// The slimmer SDK path (see @g2g/meeting-ui's README, "Bundling the SDK"):
// - only the Node built-ins the SDK and the stock widget use at run time are
//   polyfilled (not the crypto family, zlib, http…);
// - @babel/polyfill (core-js 2, pulled in by `webex/meetings` for ES5
//   browsers) is dead weight for an es2022 build: an empty module replaces it;
// - webex@3's own packages are split into two chunks that download in
//   parallel (the media stack, plugin-meetings, the rest of webex@3); the
//   stock widget's webex@2.60.4 is left alone.
const EMPTY = fileURLToPath(new URL('./src/empty-module.ts', import.meta.url));
export const NODE_POLYFILLS = [
  'buffer',
  'events',
  'process',
  'stream',
  'string_decoder',
  'url',
  'util',
  'querystring',
] as const;

export default defineConfig({
  plugins: [
    react(),
    nodePolyfills({
      include: [...NODE_POLYFILLS],
      globals: { Buffer: true, global: true, process: true },
    }),
  ],
  // Workspace packages are consumed from source, so `pnpm dev` needs no build.
  resolve: {
    conditions: ['@g2g/source', ...defaultClientConditions],
    alias: { '@babel/polyfill': EMPTY },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': backend },
    headers: securityHeaders(simUrl, true),
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    proxy: { '/api': backend },
    headers: securityHeaders(simUrl),
  },
  build: {
    target: 'es2022',
    // Read by scripts/bench.ts to attribute chunks to routes.
    manifest: true,
    // The SDK and widget chunks are big by nature; they load only on join.
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      output: {
        codeSplitting: {
          // Only the matched modules: their third-party dependencies, some of
          // which the stock widget uses too, go to shared chunks, so the
          // widget never loads a webex@3 chunk.
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'webex-media',
              test: /[\\/]@webex\+(internal-media-core|web-client-media-engine|json-multistream|webrtc-core|media-helpers|web-capabilities|rtcstats|ladon-ts|web-media-effects)@[1-9]/,
              priority: 2,
            },
            { name: 'webex-meetings', test: /[\\/]@webex\+plugin-meetings@3\./, priority: 1 },
            { name: 'webex-core', test: /[\\/](@webex\+[^@/]+|webex)@3\./ },
          ],
        },
      },
    },
  },
});
