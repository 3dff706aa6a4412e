// The whole demo on one machine: simulator + backend + SPA. Used by
// `pnpm dev`, the end-to-end tests and the benchmark.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackend, type Backend } from '@g2g/backend';
import { startSim, type Sim, type SimOptions } from '@g2g/webex-sim';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';

const demoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface StackOptions {
  /** `dev`: Vite dev server (HMR). `preview`: a production build, served with production headers. */
  serve: 'dev' | 'preview';
  simPort?: number;
  backendPort?: number;
  demoPort?: number;
  /** Backend data (SQLite, dev keys). Default `.g2g-data` in the repo root. */
  dataDir?: string;
  simOptions?: Partial<SimOptions>;
  logLevel?: string;
  /** Skip the production build when `dist/` is already built for the same simulator URL. */
  reuseBuild?: boolean;
}

export interface Stack {
  simUrl: string;
  backendUrl: string;
  demoUrl: string;
  /** The first simulated org's operator key. */
  operatorKey: string;
  /** One operator key per simulated org (each org a tenant of its own). */
  operatorKeys: { orgId: string; name?: string; key: string }[];
  adminKey: string;
  sim: Sim;
  backend: Backend;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const simPort = options.simPort ?? 8787;
  const backendPort = options.backendPort ?? 8788;
  const demoPort = options.demoPort ?? (options.serve === 'dev' ? 5173 : 4173);
  const dataDir = options.dataDir ?? join(demoRoot, '../../.g2g-data');
  mkdirSync(dataDir, { recursive: true });
  const demoUrl = `http://127.0.0.1:${demoPort}`;

  const sim = await startSim({
    port: simPort,
    ...(options.simOptions ? { options: options.simOptions } : {}),
  });
  let backend: Backend | undefined;
  let server: ViteDevServer | PreviewServer | undefined;
  try {
    backend = await startBackend({
      mode: 'sim',
      simUrl: sim.url,
      port: backendPort,
      dataDir,
      joinBaseUrl: demoUrl,
      corsOrigins: [demoUrl],
      logLevel: options.logLevel ?? 'warn',
    });
    // Read by vite.config.ts.
    process.env.G2G_BACKEND_URL = backend.url;
    process.env.VITE_G2G_SIM_URL = sim.url;
    const inline = {
      root: demoRoot,
      configFile: join(demoRoot, 'vite.config.ts'),
      configLoader: 'runner' as const,
      logLevel: 'warn' as const,
    };
    if (options.serve === 'dev') {
      server = await createServer({ ...inline, server: { port: demoPort } });
      await server.listen();
    } else {
      if (!options.reuseBuild) {
        // A production build whatever runs it: under Vitest NODE_ENV is `test`,
        // which would ship React's development build (twice the landing's size).
        const was = process.env.NODE_ENV;
        process.env.NODE_ENV = 'production';
        try {
          await build({ ...inline, mode: 'production' });
        } finally {
          process.env.NODE_ENV = was;
        }
      }
      server = await preview({ ...inline, preview: { port: demoPort } });
    }
  } catch (error) {
    await backend?.close();
    await sim.close();
    throw error;
  }
  const started = { backend, server };
  return {
    simUrl: sim.url,
    backendUrl: backend.url,
    demoUrl,
    operatorKey: backend.operatorKey!,
    operatorKeys: backend.operatorKeys,
    adminKey: backend.adminKey,
    sim,
    backend,
    async close() {
      // Tests may have stopped the backend on purpose (outage tests).
      await (started.server as { close(): Promise<void> }).close();
      await started.backend.close().catch(() => {});
      await sim.close();
    },
  };
}
