import type { ProvisionedApp } from '@g2g/webex-sim';
// The browser-safe entry: the control client, without the simulator's server code.
import { createSimClient, G2G_SCOPES } from '@g2g/webex-sim/client';
import type { Store } from './store/store';

/**
 * Scopes the simulated Service App gets: the guest-to-guest set (WEBEX-REFERENCE
 * §3), `meeting:participants_read` for the `meetingParticipants` webhooks that
 * drive live status, and `meeting:admin_schedule_write`, so scheduling on
 * behalf of a licensed user can be tried offline.
 */
export const SIM_APP_SCOPES = [
  ...G2G_SCOPES,
  'meeting:participants_read',
  'meeting:admin_schedule_write',
];

/** The names of the simulated customer orgs, in order (the first owns the app). */
export const SIM_ORG_NAMES = [
  'Acme Health',
  'Beacon Clinic',
  'Cedar Care',
  'Dune Dental',
  'Elm Physio',
];

/** One simulated org that authorized the app. */
export interface SimOrg {
  orgId: string;
  name: string;
  siteUrl: string;
  /** Known for the owner org; learned from `/people/me` for the others. */
  machineAccountEmail?: string;
  /** Set when the org was authorized in this run: the tokens to adopt. */
  tokens?: NonNullable<ProvisionedApp['tokens']>;
}

/** The Service App as the control API returns it (secrets included; never logged). */
export type SimApp = Omit<ProvisionedApp, 'tokens'>;

interface Saved {
  app: SimApp;
  orgs: Omit<SimOrg, 'tokens'>[];
}

/**
 * The Service App this backend uses on the simulator at `simUrl`, authorized
 * by `orgs` customer orgs (tenants): the one provisioned before (kept
 * encrypted in the store, so a restart keeps its tokens), topped up with more
 * orgs when asked for more, or a new app from the control API.
 */
export async function provisionSimApp(
  store: Store,
  simUrl: string,
  options: { orgs: number; licenceLimit?: number },
): Promise<{ app: SimApp; orgs: SimOrg[]; staleOrgIds: string[] }> {
  const sim = createSimClient(simUrl);
  const key = `sim-app:${simUrl}`;
  const raw = await store.getMeta(key, { secret: true });
  let saved = raw ? (JSON.parse(raw) as Saved | SimApp) : undefined;
  // Before tenants the saved value was the app alone.
  if (saved && !('app' in saved)) saved = { app: saved, orgs: [ownerOrg(saved)] };
  let staleOrgIds: string[] = [];
  let app: SimApp;
  let orgs: SimOrg[];
  // A new simulator at the same URL (a second `pnpm dev`) has an empty world:
  // the saved app and its tokens mean nothing there any more.
  if (saved && (await sim.hasServiceApp(saved.app.clientId))) {
    app = saved.app;
    orgs = saved.orgs;
  } else {
    staleOrgIds = saved?.orgs.map((o) => o.orgId) ?? [];
    const created = await sim.createServiceApp({
      name: 'g2g backend',
      orgName: SIM_ORG_NAMES[0]!,
      scopes: SIM_APP_SCOPES,
      ...(options.licenceLimit !== undefined ? { licenceLimit: options.licenceLimit } : {}),
    });
    const { tokens, ...rest } = created;
    app = rest;
    orgs = [{ ...ownerOrg(app), tokens }];
  }
  for (let i = orgs.length; i < options.orgs; i++) {
    const name = SIM_ORG_NAMES[i] ?? `Clinic ${i + 1}`;
    const org = await sim.createOrg(name);
    const tokens = await sim.authorize(app.clientId, org.id);
    orgs.push({ orgId: org.id, name, siteUrl: org.siteUrl, tokens });
  }
  const toSave: Saved = { app, orgs: orgs.map(({ tokens: _t, ...o }) => o) };
  await store.setMeta(key, JSON.stringify(toSave), { secret: true });
  return { app, orgs, staleOrgIds };
}

function ownerOrg(app: SimApp): Omit<SimOrg, 'tokens'> {
  return {
    orgId: app.orgId,
    name: app.orgName,
    siteUrl: app.siteUrl,
    machineAccountEmail: app.machineAccountEmail,
  };
}
