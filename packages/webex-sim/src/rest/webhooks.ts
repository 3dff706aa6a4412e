import { ListWebhooksQuery, ORG_LEVEL_FILTER_KEYS } from '@g2g/webex-spec/rest';
import { jsonBody, str } from '../http/body';
import { parseQuery } from '../http/schema-input';
import { badRequest, notFound } from '../http/errors';
import type { Router } from '../http/router';
import { hydraId } from '../ids';
import type { Webhook } from '../world/types';
import type { World } from '../world/world';
import { requireCaller, type Caller } from './caller';
import { appIdOf } from '../webhooks/envelope';
import { invalidPair, parseFilter } from '../webhooks/resources';

function webhookView(world: World, w: Webhook) {
  return {
    id: w.id,
    name: w.name,
    targetUrl: w.targetUrl,
    resource: w.resource,
    event: w.event,
    ...(w.filter !== undefined ? { filter: w.filter } : {}),
    ...(w.secret !== undefined ? { secret: w.secret } : {}),
    orgId: hydraId('ORGANIZATION', w.orgId),
    createdBy: hydraId('PEOPLE', w.createdBy),
    appId: appIdOf(world, w),
    ownedBy: w.ownedBy,
    status: w.status,
    created: world.clock.iso(w.created),
  };
}

/** Webhooks a caller manages: its app's in its org, or a user's own. */
function owns(caller: Caller, w: Webhook): boolean {
  if (w.orgId !== caller.org.id) return false;
  return caller.app
    ? w.appClientId === caller.app.clientId
    : !w.appClientId && w.createdBy === caller.person.id;
}

function requireWebhook(world: World, caller: Caller, id: string): Webhook {
  const w = world.webhooks.get(id);
  if (!w || !owns(caller, w)) throw notFound('The webhook was not found.');
  return w;
}

function targetUrl(body: Record<string, unknown>): string {
  const value = str(body, 'targetUrl', { required: true, max: 2048 });
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw badRequest('targetUrl must be an http or https URL.');
  }
  return value;
}

function ownedBy(body: Record<string, unknown>): Webhook['ownedBy'] | undefined {
  const v = str(body, 'ownedBy');
  if (v !== undefined && v !== 'creator' && v !== 'org') {
    throw badRequest('ownedBy must be creator or org.');
  }
  return v;
}

function filterOf(body: Record<string, unknown>, owner: Webhook['ownedBy']): string | undefined {
  const filter = str(body, 'filter', { max: 1024 });
  if (filter === undefined) return undefined;
  const pairs = parseFilter(filter);
  if (!pairs) throw badRequest('filter must be key=value pairs joined by &.');
  const orgLevel = pairs.find(([k]) => (ORG_LEVEL_FILTER_KEYS as readonly string[]).includes(k));
  if (orgLevel && owner !== 'org') {
    throw badRequest(`A filter on ${orgLevel[0]} needs ownedBy set to org.`);
  }
  return filter;
}

export function webhookRoutes(r: Router, world: World): void {
  r.post('/v1/webhooks', (req) => {
    const caller = requireCaller(world, req, []);
    const body = jsonBody(req);
    const name = str(body, 'name', { required: true, max: 128 });
    const target = targetUrl(body);
    const resource = str(body, 'resource', { required: true });
    const event = str(body, 'event', { required: true });
    const problem = invalidPair(resource, event);
    if (problem) throw badRequest(problem);
    const owner = ownedBy(body) ?? 'creator';
    const filter = filterOf(body, owner);
    const secret = str(body, 'secret', { max: 256 });
    const w: Webhook = {
      id: hydraId('WEBHOOK', world.ids.uuid()),
      name,
      targetUrl: target,
      resource,
      event,
      ...(filter !== undefined ? { filter } : {}),
      ...(secret !== undefined ? { secret } : {}),
      ownedBy: owner,
      status: 'active',
      created: world.now(),
      orgId: caller.org.id,
      createdBy: caller.person.id,
      ...(caller.app ? { appClientId: caller.app.clientId } : {}),
      failures: [],
    };
    world.webhooks.add(w);
    return { status: 200, body: webhookView(world, w) };
  });

  r.get('/v1/webhooks', (req) => {
    const caller = requireCaller(world, req, []);
    const q = parseQuery(ListWebhooksQuery, req.query);
    const items = [...world.webhooks.values()]
      .filter((w) => owns(caller, w) && (q.ownedBy === undefined || w.ownedBy === q.ownedBy))
      .slice(0, q.max ?? 100)
      .map((w) => webhookView(world, w));
    return { status: 200, body: { items } };
  });

  r.get('/v1/webhooks/:id', (req, p) => {
    const caller = requireCaller(world, req, []);
    return { status: 200, body: webhookView(world, requireWebhook(world, caller, p.id!)) };
  });

  // PUT replaces name/targetUrl (both required, as Webex wants) and may reactivate.
  r.put('/v1/webhooks/:id', (req, p) => {
    const caller = requireCaller(world, req, []);
    const w = requireWebhook(world, caller, p.id!);
    const body = jsonBody(req);
    const name = str(body, 'name', { required: true, max: 128 });
    const target = targetUrl(body);
    const secret = str(body, 'secret', { max: 256 });
    const owner = ownedBy(body);
    // The spec's PUT takes only `active`: it re-enables a disabled webhook.
    const status = str(body, 'status');
    if (status !== undefined && status !== 'active') {
      throw badRequest('status can only be set to active.');
    }
    w.name = name;
    w.targetUrl = target;
    if (secret !== undefined) w.secret = secret;
    if (owner !== undefined) w.ownedBy = owner;
    if (status === 'active' && w.status !== 'active') w.failures = [];
    if (status !== undefined) w.status = status;
    return { status: 200, body: webhookView(world, w) };
  });

  r.delete('/v1/webhooks/:id', (req, p) => {
    const caller = requireCaller(world, req, []);
    world.webhooks.delete(requireWebhook(world, caller, p.id!).id);
    return { status: 204 };
  });
}
