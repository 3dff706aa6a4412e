// Sim mode across restarts: the backend keeps its data, the simulator may not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSim } from '@g2g/webex-sim';
import { startBackend } from './backend';

const dataDir = mkdtempSync(join(tmpdir(), 'g2g-sim-mode-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function consultationWorks(backend: Awaited<ReturnType<typeof startBackend>>) {
  const res = await fetch(`${backend.url}/api/consultations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${backend.operatorKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'After restart' }),
  });
  return res.status;
}

/** The backend in sim mode against the simulator at `simUrl`, keeping its data in `dir`. */
const backendOn = (simUrl: string, dir: string) =>
  startBackend({
    mode: 'sim',
    simUrl,
    port: 0,
    dataDir: dir,
    logLevel: 'silent',
    rateLimit: false,
  });

describe('sim mode', () => {
  it('re-provisions when a new simulator at the same URL has forgotten the saved Service App', async () => {
    // First run: a simulator on a fixed port, as `pnpm dev` uses.
    let sim = await startSim({ port: 0 });
    const port = Number(new URL(sim.url).port);
    let backend = await backendOn(sim.url, dataDir);
    const firstApp = backend.simApp!.clientId;
    const firstKey = backend.operatorKey;
    expect(await consultationWorks(backend)).toBe(201);
    await backend.close();
    await sim.close();
    // In one process, fetch's connection pool may still hold sockets to the old
    // server on this port; let it see them close (separate runs never share one).
    await new Promise((r) => setTimeout(r, 200));

    // Second run: same data directory, same simulator URL, but a fresh world.
    sim = await startSim({ port });
    backend = await backendOn(sim.url, dataDir);
    try {
      expect(backend.simApp!.clientId).not.toBe(firstApp);
      // The operator key a developer pasted keeps working: it now belongs to the new first org.
      expect(backend.operatorKey).toBe(firstKey);
      expect(await consultationWorks(backend)).toBe(201);
      const status = (await (await fetch(`${backend.url}/api/status`)).json()) as {
        status: string;
      };
      expect(status.status).toBe('ok');
      // The previous simulator's orgs are gone with its world: recorded as refused, not degrading.
      const tenants = (await (
        await fetch(`${backend.url}/api/admin/tenants`, {
          headers: { Authorization: `Bearer ${backend.adminKey}` },
        })
      ).json()) as { items: { status: string; decidedBy?: string }[] };
      expect(tenants.items.map((t) => t.status).sort()).toEqual([
        'accepted',
        'accepted',
        'refused',
        'refused',
      ]);
    } finally {
      await backend.close();
      await sim.close();
    }
  });

  it('keeps the saved Service App while the same simulator still knows it', async () => {
    const sim = await startSim({ port: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'g2g-sim-mode-same-'));
    try {
      const a = await backendOn(sim.url, dir);
      const clientId = a.simApp!.clientId;
      await a.close();
      const b = await backendOn(sim.url, dir);
      expect(b.simApp!.clientId).toBe(clientId);
      expect(await consultationWorks(b)).toBe(201);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await sim.close();
    }
  });
});
