import type { ProvisionedApp } from '@g2g/webex-sim';
import type { Store } from './store/store';

/** A Service App provisioned on the simulator, as its control API returns it. */
export type SimApp = ProvisionedApp;

/**
 * Scopes the simulated Service App gets: the guest-to-guest set (WEBEX-REFERENCE
 * §3) plus `meeting:admin_schedule_write`, so scheduling on behalf of a
 * licensed user can be tried offline.
 */
export const SIM_APP_SCOPES = [
  'guest-meeting:rw',
  'meeting:schedules_read',
  'meeting:schedules_write',
  'meeting:preferences_read',
  'meeting:preferences_write',
  'meeting:admin_schedule_write',
  'guest-issuer:read',
  'guest-issuer:write',
  'spark:people_read',
  'spark:rooms_write',
  'spark:rooms_read',
  'spark:memberships_write',
];

async function control<T>(simUrl: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${simUrl}/_sim${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`The simulator's control API answered ${res.status} to ${path}.`);
  }
  return (await res.json()) as T;
}

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
  const key = `sim-app:${simUrl}`;
  const saved = store.getMeta(key, { secret: true });
  let stale: SimApp | undefined;
  if (saved) {
    const app = JSON.parse(saved) as SimApp;
    // A new simulator at the same URL (a second `pnpm dev`) has an empty
    // world: the saved app and its tokens mean nothing there any more.
    const known = await fetch(`${simUrl}/_sim/service-apps/${encodeURIComponent(app.clientId)}`);
    if (known.ok) return { app, fresh: false };
    stale = app;
  }
  const app = await control<SimApp>(simUrl, '/service-apps', {
    name: 'g2g backend',
    scopes: SIM_APP_SCOPES,
    ...(options.licenceLimit !== undefined ? { licenceLimit: options.licenceLimit } : {}),
  });
  const { tokens: _tokens, ...rest } = app;
  store.setMeta(key, JSON.stringify(rest), { secret: true });
  return { app, fresh: true, ...(stale ? { staleOrgId: stale.orgId } : {}) };
}
