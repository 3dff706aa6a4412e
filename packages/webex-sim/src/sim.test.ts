import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type ProvisionedApp, type Sim } from './index';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ seed: 'smoke' });
});
afterAll(() => sim.close());

describe('startSim', () => {
  it('listens on loopback and answers the control and REST faces from one world', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${sim.url}/_sim/service-apps`, { method: 'POST', body: '{}' });
    const app = (await res.json()) as Required<ProvisionedApp>;
    expect(app.tokens.accessToken.split('_')[2]).toBe(app.orgId);
    const me = await fetch(`${sim.url}/v1/people/me`, {
      headers: { Authorization: `Bearer ${app.tokens.accessToken}`, TrackingID: 'T-123' },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('trackingid')).toBe('T-123');
    expect(await me.json()).toMatchObject({ type: 'appuser', emails: [app.machineAccountEmail] });
  });

  it('refuses to bind beyond loopback', async () => {
    await expect(startSim({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('refuses /_sim to pages from a foreign origin, and tells loopback pages it may be read', async () => {
    const before = sim.control.listFaults().length;
    const foreign = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      // A "simple" cross-origin request: no preflight would stop it in a browser.
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: JSON.stringify({ path: '/v1/*', status: 500 }),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await foreign.json()) as { message: string }).message).toMatch(/loopback/);
    expect(sim.control.listFaults()).toHaveLength(before);

    const preflight = await fetch(`${sim.url}/_sim/reset`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://attacker.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    for (const origin of ['null', 'file://', 'http://localhost.evil.example']) {
      const res = await fetch(`${sim.url}/_sim/clock`, { headers: { Origin: origin } });
      expect(res.status, origin).toBe(403);
    }

    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:6006', 'http://[::1]:3000']) {
      const res = await fetch(`${sim.url}/_sim/clock`, { headers: { Origin: origin } });
      expect(res.status, origin).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    }
    // Node callers send no Origin at all.
    expect((await fetch(`${sim.url}/_sim/clock`)).status).toBe(200);
    // The Webex faces stay open to any page: the SDK runs on the integrator's origin.
    const rest = await fetch(`${sim.url}/u2c/api/v1/limited/catalog?format=hostmap`, {
      headers: { Origin: 'https://app.example' },
    });
    expect(rest.status).toBe(200);
    expect(rest.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });
});
