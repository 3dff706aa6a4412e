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
});
