import type { ProvisionedApp } from '@g2g/webex-sim';
// The browser-safe entry: the control client, without the simulator's server code.
import { createSimClient, G2G_SCOPES } from '@g2g/webex-sim/client';
import type { Store } from './store/store';

/** A Service App provisioned on the simulator, as its control API returns it. */
export type SimApp = ProvisionedApp;

/**
 * Scopes the simulated Service App gets: the guest-to-guest set (WEBEX-REFERENCE
 * §3) plus `meeting:admin_schedule_write`, so scheduling on behalf of a
 * licensed user can be tried offline.
 */
export const SIM_APP_SCOPES = [...G2G_SCOPES, 'meeting:admin_schedule_write'];

/**
 * The Service App this backend uses on the simulator at `simUrl`: the one it
 * provisioned before (kept encrypted in the store, so a restart keeps its
 * tokens) or a new, authorized one from the control API.
 */
export async function provisionSimApp(
  store: Store,
  simUrl: string,
  options: { licenceLimit?: number } = {},
): Promise<{ app: SimApp; fresh: boolean; staleOrgId?: string }> {
  const sim = createSimClient(simUrl);
  const key = `sim-app:${simUrl}`;
  const saved = store.getMeta(key, { secret: true });
  let stale: SimApp | undefined;
  if (saved) {
    const app = JSON.parse(saved) as SimApp;
    // A new simulator at the same URL (a second `pnpm dev`) has an empty
    // world: the saved app and its tokens mean nothing there any more.
    if (await sim.hasServiceApp(app.clientId)) return { app, fresh: false };
    stale = app;
  }
  const app = await sim.createServiceApp({
    name: 'g2g backend',
    scopes: SIM_APP_SCOPES,
    ...(options.licenceLimit !== undefined ? { licenceLimit: options.licenceLimit } : {}),
  });
  const { tokens: _tokens, ...rest } = app;
  store.setMeta(key, JSON.stringify(rest), { secret: true });
  return { app, fresh: true, ...(stale ? { staleOrgId: stale.orgId } : {}) };
}
