import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

// What an app that bundles the webex SDK needs (see @g2g/meeting-ui's README).
export default defineConfig({
  plugins: [
    react(),
    nodePolyfills({
      include: [
        'buffer',
        'events',
        'process',
        'stream',
        'string_decoder',
        'url',
        'util',
        'querystring',
      ],
      globals: { Buffer: true, global: true, process: true },
    }),
  ],
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
});
