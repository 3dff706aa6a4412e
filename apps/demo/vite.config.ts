import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import { securityHeaders } from './security-headers';

// Set by scripts/stack.ts (`pnpm dev`, the e2e tests and the benchmark):
//   G2G_BACKEND_URL    where /api is proxied (default http://127.0.0.1:8788)
//   VITE_G2G_SIM_URL   the simulator, in sim mode; unset means real Webex
const backend = process.env.G2G_BACKEND_URL ?? 'http://127.0.0.1:8788';
const simUrl = process.env.VITE_G2G_SIM_URL || undefined;

export default defineConfig({
  plugins: [react(), nodePolyfills({ globals: { Buffer: true, global: true, process: true } })],
  // Workspace packages are consumed from source, so `pnpm dev` needs no build.
  resolve: { conditions: ['@g2g/source', ...defaultClientConditions] },
  // The stock widget builds its own SDK, which reads these at module load:
  // the only way to point it at the simulator.
  define: simUrl
    ? {
        'process.env.U2C_SERVICE_URL': JSON.stringify(`${simUrl}/u2c/api/v1`),
        'process.env.HYDRA_SERVICE_URL': JSON.stringify(`${simUrl}/v1`),
      }
    : {},
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
  },
});
