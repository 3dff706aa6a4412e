import { defineConfig } from 'vite';
import { defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Workspace packages are consumed from source, so `pnpm dev` needs no build.
  resolve: { conditions: ['@g2g/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173 },
});
