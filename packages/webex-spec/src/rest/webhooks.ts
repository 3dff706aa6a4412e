import * as z from 'zod/mini';
import { DateTime, Id, Max, listOf } from './common';

// CRUD: public-spec/webex-messaging.json `/webhooks` (webex-meeting.json
// carries the same paths). The delivered envelope is in no spec file: it
// comes from the webhooks guide (WEBEX-REFERENCE §3).

/**
 * Resources a webhook can watch: the spec's enum, plus `all`, the firehose of
 * the webhooks guide, which the enum leaves out. (The spec's own `ownedBy`
 * description names further resources — `videoMeshAlerts`,
 * `controlHubAlerts`, `messaging` — that its enum lacks; answers therefore
 * read `resource` as any string.)
 */
export const WebhookResource = z.enum([
  'attachmentActions',
  'dataSources',
  'memberships',
  'messages',
  'rooms',
  'meetings',
  'recordings',
  'convergedRecordings',
  'meetingParticipants',
  'meetingTranscripts',
  'telephony_calls',
  'telephony_conference',
  'telephony_mwi',
  'uc_counters',
  'serviceApp',
  'adminBatchJobs',
  'all',
]);

/** Events: the spec's enum plus the guide's `all`. */
export const WebhookEvent = z.enum([
  'created',
  'updated',
  'deleted',
  'started',
  'ended',
  'joined',
  'left',
  'migrated',
  'authorized',
  'deauthorized',
  'statusChanged',
  'all',
]);

/**
 * Who owns a webhook. The spec names only `org` ("specify `org` when
 * creating an org/admin level webhook"); the default, shown in answers, is
 * `creator`.
 */
export const WebhookOwner = z.enum(['creator', 'org']);

/** Filter keys that make a webhook org-level: `ownedBy` must then be `org`. */
export const ORG_LEVEL_FILTER_KEYS = ['hostEmail', 'hostUserId', 'ownerEmail', 'ownerId'] as const;

/** `POST /webhooks` body. */
export const CreateWebhookRequest = z.object({
  name: z.string().check(z.minLength(1)),
  targetUrl: z.url({ protocol: /^https?$/ }),
  resource: WebhookResource,
  event: WebhookEvent,
  filter: z.optional(z.string()),
  secret: z.optional(z.string()),
  ownedBy: z.optional(WebhookOwner),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

/**
 * `PUT /webhooks/{webhookId}` body: `name` and `targetUrl` required; the only
 * `status` it accepts is `active` (to re-enable a disabled webhook).
 */
export const UpdateWebhookRequest = z.object({
  name: z.string().check(z.minLength(1)),
  targetUrl: z.url({ protocol: /^https?$/ }),
  secret: z.optional(z.string()),
  ownedBy: z.optional(WebhookOwner),
  status: z.optional(z.literal('active')),
});
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

/**
 * A webhook (`Webhook`). The spec marks nothing required and lists neither
 * `orgId`, `createdBy` nor `appId`. [inferred] Webex's answers carry the
 * same identity fields as its deliveries (WEBEX-REFERENCE §3), so they are
 * modelled, optional.
 */
export const Webhook = z.object({
  id: Id,
  name: z.string(),
  targetUrl: z.string(),
  resource: z.string(),
  event: z.string(),
  filter: z.optional(z.string()),
  secret: z.optional(z.string()),
  status: z.enum(['active', 'inactive']),
  created: DateTime,
  ownedBy: z.optional(WebhookOwner),
  orgId: z.optional(Id),
  createdBy: z.optional(Id),
  appId: z.optional(Id),
});
export type Webhook = z.infer<typeof Webhook>;

/** `GET /webhooks` → `WebhookCollectionResponse`. */
export const WebhookList = listOf(Webhook);
export type WebhookList = z.infer<typeof WebhookList>;

/** `GET /webhooks` query: `ownedBy` accepts only `org`. */
export const ListWebhooksQuery = z.object({
  max: z.optional(Max(1000)),
  ownedBy: z.optional(z.literal('org')),
});

/**
 * What Webex POSTs to a webhook's `targetUrl`. `data` depends on the
 * resource; for `serviceApp` its field names are unpublished ([inferred]
 * `id`, `authorizerOrgId`, `scopes`, `trainSiteNames`).
 */
export const WebhookDelivery = z.object({
  /** The webhook's id (not the delivery's). */
  id: Id,
  name: z.optional(z.string()),
  targetUrl: z.optional(z.string()),
  resource: z.string(),
  event: z.string(),
  filter: z.optional(z.string()),
  /** The org the event happened in (Hydra id). */
  orgId: Id,
  createdBy: z.optional(z.string()),
  appId: z.optional(z.string()),
  ownedBy: z.optional(z.string()),
  status: z.optional(z.string()),
  created: z.optional(z.string()),
  actorId: z.optional(z.string()),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
