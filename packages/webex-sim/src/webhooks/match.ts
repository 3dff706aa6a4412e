import { hydraId } from '../ids';
import type { Webhook } from '../world/types';
import type { World, WorldEvent } from '../world/world';
import { firehoseCarries, parseFilter } from './resources';

type WebhookEvent = Extract<WorldEvent, { type: 'webhook' }>;

/**
 * Whether `w` hears `e`. A webhook made with a Service App token belongs to
 * that app in that org; `serviceApp` events also reach the app's webhooks in
 * its owner org, which is where an app learns of authorizations elsewhere.
 * `data` is the REST-form payload, which filters are matched against.
 */
export function hears(
  world: World,
  w: Webhook,
  e: WebhookEvent,
  data: Record<string, unknown>,
): boolean {
  if (w.status !== 'active') return false;
  if (w.resource === 'all' ? !firehoseCarries(e.resource, e.event) : w.resource !== e.resource)
    return false;
  if (w.event !== 'all' && w.event !== e.event) return false;
  if (!inScope(world, w, e, data)) return false;
  const pairs = w.filter ? parseFilter(w.filter) : [];
  return (pairs ?? []).every(([k, v]) => data[k] !== undefined && String(data[k]) === v);
}

function inScope(
  world: World,
  w: Webhook,
  e: WebhookEvent,
  data: Record<string, unknown>,
): boolean {
  if (w.appClientId) {
    if (w.appClientId !== e.appClientId) return false;
    if (w.orgId === e.orgId) return true;
    return e.resource === 'serviceApp' && world.identity.app(w.appClientId)?.ownerOrgId === w.orgId;
  }
  if (w.orgId !== e.orgId) return false;
  // A user's own webhook hears what they did or what happens in meetings they host.
  return (
    w.ownedBy === 'org' ||
    e.actorId === w.createdBy ||
    data.hostUserId === hydraId('PEOPLE', w.createdBy)
  );
}
