import { createHmac } from 'node:crypto';
import { hydraId } from '../ids';
import type { Webhook } from '../world/types';
import type { World, WorldEvent } from '../world/world';

type WebhookEvent = Extract<WorldEvent, { type: 'webhook' }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `appId` of webhooks made with user tokens: the sim's stand-in integration. [inferred] */
export const USER_TOKEN_APP_ID = hydraId('APPLICATION', 'webex-sim-user-token');

/** The world speaks uuids; the REST face shows people and orgs as Hydra ids. */
export function restData(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  if (typeof out.hostUserId === 'string' && UUID.test(out.hostUserId))
    out.hostUserId = hydraId('PEOPLE', out.hostUserId);
  if (typeof out.authorizerOrgId === 'string' && UUID.test(out.authorizerOrgId))
    out.authorizerOrgId = hydraId('ORGANIZATION', out.authorizerOrgId);
  return out;
}

export function appIdOf(world: World, w: Webhook): string {
  return (w.appClientId && world.identity.app(w.appClientId)?.applicationId) || USER_TOKEN_APP_ID;
}

/** The JSON Webex POSTs to a webhook's target. */
export function envelope(world: World, w: Webhook, e: WebhookEvent, data: Record<string, unknown>) {
  return {
    id: w.id,
    name: w.name,
    targetUrl: w.targetUrl,
    resource: e.resource,
    event: e.event,
    ...(w.filter !== undefined ? { filter: w.filter } : {}),
    orgId: hydraId('ORGANIZATION', e.orgId),
    createdBy: hydraId('PEOPLE', w.createdBy),
    appId: appIdOf(world, w),
    ownedBy: w.ownedBy,
    status: w.status,
    created: world.clock.iso(w.created),
    actorId: hydraId('PEOPLE', e.actorId),
    data,
  };
}

/** `X-Spark-Signature`: lowercase hex HMAC-SHA1 of the exact body bytes. */
export function signature(secret: string, rawBody: Buffer): string {
  return createHmac('sha1', secret).update(rawBody).digest('hex');
}
