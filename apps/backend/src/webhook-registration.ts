import { createHash } from 'node:crypto';
import type { ServiceApp } from '@g2g/service-app';
import { Webhook, WebhookList, type CreateWebhookRequest } from '@g2g/webex-spec/rest';

/** Name prefix of the webhooks this backend owns. */
export const WEBHOOK_NAME = 'g2g-backend';

/** Deliveries about an org's own meetings: the licence meter and live status. */
export const TENANT_SUBSCRIPTIONS = [
  ['meetings', 'started'],
  ['meetings', 'ended'],
  ['meetingParticipants', 'joined'],
  ['meetingParticipants', 'left'],
] as const;

/** Authorization changes reach the app's webhooks in its home org. */
export const HOME_SUBSCRIPTIONS = [
  ['serviceApp', 'authorized'],
  ['serviceApp', 'deauthorized'],
] as const;

/**
 * The name a webhook gets: the subscription, and a fingerprint of the target
 * and the signing secret (a digest, which reveals neither), so a webhook
 * registered with another secret or to another URL is recognised as stale.
 */
export function webhookName(resource: string, event: string, targetUrl: string, secret: string) {
  const print = createHash('sha256').update(`${targetUrl}\0${secret}`).digest('hex').slice(0, 12);
  return `${WEBHOOK_NAME} ${resource}:${event} ${print}`;
}

/**
 * Makes one tenant's webhooks point at `targetUrl` — the deployment's public
 * URL, the same for every replica — idempotently: webhooks already there
 * (same subscription, URL and secret) are kept, ours that point elsewhere or
 * were signed with another secret (an earlier run, a moved deployment) are
 * deleted, and only missing ones are created. A second replica starting
 * finds everything in place and changes nothing. Callers serialise it per
 * org across replicas (the store's lock). `meetings` `started`/`ended` are
 * registered one by one: the `all` firehose omits them. The home org also
 * gets the `serviceApp` subscriptions, which tell of authorizations by other
 * orgs. Resolves with how many webhooks were created.
 */
export async function registerWebhooks(
  sa: ServiceApp,
  orgId: string,
  targetUrl: string,
  secret: string,
  options: { home: boolean },
): Promise<number> {
  const auth = { kind: 'org', orgId } as const;
  const existing = await sa.http.request({
    method: 'GET',
    path: '/webhooks',
    query: { max: 100 },
    auth,
    schema: WebhookList,
  });
  const wanted = [...TENANT_SUBSCRIPTIONS, ...(options.home ? HOME_SUBSCRIPTIONS : [])].map(
    ([resource, event]) => ({
      resource,
      event,
      name: webhookName(resource, event, targetUrl, secret),
    }),
  );
  const kept = new Set<string>();
  const stale = existing.body.items.filter((w) => {
    if (!w.name.startsWith(WEBHOOK_NAME)) return false;
    const match = wanted.find(
      (x) =>
        x.name === w.name &&
        w.targetUrl === targetUrl &&
        w.resource === x.resource &&
        w.event === x.event,
    );
    // A duplicate of one already kept is stale too.
    if (match && !kept.has(match.name)) {
      kept.add(match.name);
      return false;
    }
    return true;
  });
  await Promise.all(
    stale.map((w) =>
      sa.http.request({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(w.id)}`, auth }),
    ),
  );
  const missing = wanted.filter((x) => !kept.has(x.name));
  await Promise.all(
    missing.map(({ resource, event, name }) => {
      const json: CreateWebhookRequest = { name, targetUrl, resource, event, secret };
      return sa.http.request({ method: 'POST', path: '/webhooks', json, auth, schema: Webhook });
    }),
  );
  return missing.length;
}
