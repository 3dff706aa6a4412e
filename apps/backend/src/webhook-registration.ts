import type { ServiceApp } from '@g2g/service-app';
import { Webhook, WebhookList, type CreateWebhookRequest } from '@g2g/webex-spec/rest';

/** Name prefix of the webhooks this backend owns (replaced on every start). */
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
 * Points one tenant's webhooks at `targetUrl`: removes the ones an earlier
 * run registered (its port may differ) and registers one per subscription,
 * signed with `secret`. `meetings` `started`/`ended` are registered one by
 * one: the `all` firehose omits them. The home org also gets the
 * `serviceApp` subscriptions, which tell of authorizations by other orgs.
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
  await Promise.all(
    existing.body.items
      .filter((w) => w.name.startsWith(WEBHOOK_NAME))
      .map((w) =>
        sa.http.request({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(w.id)}`, auth }),
      ),
  );
  const wanted = [...TENANT_SUBSCRIPTIONS, ...(options.home ? HOME_SUBSCRIPTIONS : [])];
  await Promise.all(
    wanted.map(([resource, event]) => {
      const json: CreateWebhookRequest = {
        name: `${WEBHOOK_NAME} ${resource}:${event}`,
        targetUrl,
        resource,
        event,
        secret,
      };
      return sa.http.request({ method: 'POST', path: '/webhooks', json, auth, schema: Webhook });
    }),
  );
  return wanted.length;
}
