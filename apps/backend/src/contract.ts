// The backend's wire contract: every body, parameter and answer of every
// route, as zod schemas. The routes are registered from this table (their
// handlers are typed by it and their answers checked against it), the OpenAPI
// document is generated from it, and the demo's client takes its types from
// it (`import type … from '@g2g/backend/contract'`). Nothing is copied by hand.
//
// Browser-safe: zod only, no Node or server code.
import { z } from 'zod';

const iso = z.iso.datetime({ offset: true });
const email = z.email().max(320);

// ------------------------------------------------------------------ inputs

/** A consultation id in a path. */
export const consultationParams = z.object({
  id: z.uuid({ error: 'must be a consultation id' }),
});

/** An org id in a path: a uuid or a Hydra id. */
export const orgParams = z.object({
  orgId: z.string().regex(/^[A-Za-z0-9+/=_-]{8,200}$/, 'must be an org id'),
});

/** An operator key id in a path. */
export const operatorKeyParams = z.object({
  keyId: z.string().regex(/^[a-f0-9]{16}$/, 'must be an operator key id'),
});

export const createConsultationBody = z
  .object({
    title: z.string().trim().min(1).max(128).default('Consultation'),
    mode: z.enum(['no-host', 'host-guest']).default('no-host'),
    guests: z.number().int().min(1).max(20).default(1),
    /** When it starts; default: now (the next whole minute). */
    startsAt: iso.optional(),
    durationMinutes: z
      .number()
      .int()
      .min(10)
      .max(23 * 60 + 59)
      .default(30),
    /** Schedule on behalf of this licensed host (needs `meeting:admin_schedule_write`). */
    hostEmail: email.optional(),
    space: z
      .object({ memberEmails: z.array(email).min(1).max(20) })
      .strict()
      .optional(),
    /** How long participant links stay valid after the meeting ends. */
    linkGraceMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(60),
  })
  .strict()
  .refine((b) => !(b.space && b.hostEmail), {
    error: 'space and hostEmail cannot be combined',
  })
  .refine((b) => !(b.hostEmail && b.mode === 'no-host'), {
    error: 'a licensed host (hostEmail) needs mode "host-guest"',
  });

// No second limit here: the name's one rule (@g2g/webex-spec, 1–128 code
// points after cleaning) is applied once, when service-app mints the token,
// and a refusal is a 400 `invalid-input` in the rule's own words.
const displayName = z.string();

export const joinBody = z.object({ displayName }).strict();

export const guestTokenBody = z.object({ displayName }).strict();

export const walkInPassBody = z
  .object({
    /** How long the walk-in link works; default 60 minutes. */
    validMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
  })
  .strict();

export const instantConnectBody = z
  .object({
    subject: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 of A–Z a–z 0–9 . _ : -')
      .optional(),
    verticalType: z.enum(['gen', 'hc']).default('gen'),
    short: z.boolean().default(true),
    loginUrlForHost: z.boolean().default(false),
    numHost: z.number().int().min(0).max(5).default(1),
    numGuest: z.number().int().min(0).max(20).default(1),
  })
  .strict()
  .refine((b) => b.numHost + b.numGuest >= 1, { error: 'ask for at least one link' });

export const acceptTenantBody = z
  .object({
    name: z.string().trim().min(1).max(128).optional(),
    licenceLimit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const operatorKeyBody = z
  .object({ label: z.string().trim().min(1).max(128).optional() })
  .strict();

/** `Authorization: Bearer <token>` (operator or admin key, capability, walk-in pass). */
export const bearerHeader = z
  .string()
  .max(2048)
  .regex(/^Bearer [A-Za-z0-9._~+/=-]+$/, 'must be "Bearer <token>"');

// ------------------------------------------------------------------ answers

export const errorBody = z.object({
  /** A stable code (`invalid-request`, `licence-limit`, `meeting-in-progress`, …). */
  error: z.string(),
  /** For people: what happened and what to do. */
  message: z.string(),
  /** Webex's TrackingID, when Webex was involved (quote it to Webex support). */
  trackingId: z.string().optional(),
});

export const role = z.enum(['host', 'guest']);

export const participantLink = z.object({
  participant: z.string(),
  role,
  capability: z.string(),
  url: z.string(),
});

/** Who is in a running consultation and who waits in the lobby. */
export const liveParticipant = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(['lobby', 'joined']),
  host: z.boolean(),
  since: iso,
});

/** Live status, from the `meetings` and `meetingParticipants` webhooks. */
export const liveStatus = z.object({
  state: z.enum(['scheduled', 'in-progress', 'ended']),
  participants: z.array(liveParticipant),
  startedAt: iso.optional(),
  endedAt: iso.optional(),
  updatedAt: iso,
});

/** What the operator sees of a consultation: no password, host key or Webex links. */
export const consultationView = z.object({
  id: z.uuid(),
  title: z.string(),
  mode: z.enum(['no-host', 'host-guest']),
  kind: z.enum(['scheduled', 'space']),
  state: z.enum(['scheduled', 'deleted']),
  meetingNumber: z.string(),
  sipAddress: z.string(),
  siteUrl: z.string(),
  start: iso,
  end: iso,
  guests: z.number().int(),
  /** The licensed host it was scheduled for, if any. */
  hostEmail: z.string().optional(),
  linksExpireAt: iso,
  createdAt: iso,
  live: liveStatus,
});

/** Participant links; `host` only in host-guest mode. */
export const consultationLinks = z.object({
  host: participantLink.optional(),
  guests: z.array(participantLink),
});

export const createdConsultation = z.object({
  consultation: consultationView,
  links: consultationLinks,
});

export const consultationList = z.object({ items: z.array(consultationView) });

/** What a participant receives on joining. */
export const joinResult = z.object({
  role,
  participant: z.string(),
  displayName: z.string(),
  accessToken: z.string(),
  expiresAt: iso,
  destination: z.object({ type: z.literal('MEETING_ID'), value: z.string() }),
  sipAddress: z.string(),
  password: z.string().optional(),
  /** Host only. */
  hostKey: z.string().optional(),
  /** Host of a host-guest consultation: a start link minted for this join. */
  startLink: z.string().optional(),
});

export const guestTokenResult = z.object({
  accessToken: z.string(),
  expiresAt: iso,
  displayName: z.string(),
});

export const walkInPass = z.object({
  pass: z.string(),
  /** The demo's manual-join page with the pass in its fragment. */
  url: z.string(),
  expiresAt: iso,
});

export const instantConnectLink = z.object({ url: z.string() });

export const instantConnectLinks = z.object({
  subject: z.string(),
  host: z.array(instantConnectLink),
  guest: z.array(instantConnectLink),
});

/** The public health answer: nothing about tenants, tokens or scopes. */
export const publicStatus = z.object({ status: z.enum(['ok', 'degraded']) });

/** Up, and which database answered (a replica that cannot reach its database answers 503). */
export const healthz = z.object({
  ok: z.literal(true),
  database: z.enum(['sqlite', 'postgres']),
});

export const licenceUsage = z.object({
  siteUrl: z.string(),
  inProgress: z.number().int(),
  limit: z.number().int(),
});

/** A tenant's Webex authorization, in words for the operator. */
export const authorizationView = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-authorized') }),
  z.object({
    state: z.literal('authorized'),
    scopes: z.array(z.string()),
    accessTokenExpiresAt: iso,
    /** Set while token refreshes are backed off: why, and when the next one goes. */
    refreshProblem: z.string().optional(),
    refreshRetryAt: iso.optional(),
  }),
  z.object({
    state: z.literal('reauthorization-required'),
    scopes: z.array(z.string()),
    reason: z.string(),
    since: iso,
  }),
]);

/** `GET /api/tenant`: the operator's own tenant. */
export const tenantStatus = z.object({
  mode: z.enum(['sim', 'webex']),
  orgId: z.string(),
  name: z.string().optional(),
  siteUrl: z.string().optional(),
  authorization: authorizationView,
  /** Absent until the org's site is known (before authorization). */
  licence: licenceUsage.optional(),
});

export const tenantView = z.object({
  orgId: z.string(),
  status: z.enum(['pending', 'accepted', 'refused']),
  name: z.string().optional(),
  siteUrl: z.string().optional(),
  scopes: z.array(z.string()),
  licenceLimit: z.number().int().optional(),
  firstSeenAt: iso,
  authorizedAt: iso.optional(),
  deauthorizedAt: iso.optional(),
  decidedBy: z.string().optional(),
  authorization: authorizationView,
});

export const tenantList = z.object({ items: z.array(tenantView) });

export const operatorKeyView = z.object({
  id: z.string(),
  orgId: z.string(),
  label: z.string().optional(),
  createdAt: iso,
  revokedAt: iso.optional(),
});

export const operatorKeyList = z.object({ items: z.array(operatorKeyView) });

/** A new operator key: shown once, never stored in the clear. */
export const issuedOperatorKey = operatorKeyView.extend({ key: z.string() });

/** One Server-Sent Event of `GET /api/events` (its `data`, as JSON). */
export const liveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('consultation'), consultation: consultationView }),
  z.object({ type: z.literal('licence'), licence: licenceUsage }),
]);

// ------------------------------------------------------------------ routes

/** Who may call a route. */
export type RouteAuth = 'none' | 'operator' | 'admin' | 'capability' | 'walk-in-pass' | 'webhook';

/** One route of the contract. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Fastify-style path (`/api/consultations/:id`). */
  path: string;
  auth: RouteAuth;
  summary: string;
  params?: z.ZodType;
  body?: z.ZodType;
  /** The success status and its body; `stream` for Server-Sent Events. */
  status: number;
  response: z.ZodType | 'stream';
  /** Error statuses the route may answer (documented in the OpenAPI document). */
  errors: number[];
}

const route = <R extends RouteSpec>(r: R): R => r;

/** Every route the backend serves. */
export const ROUTES = {
  healthz: route({
    method: 'GET',
    path: '/healthz',
    auth: 'none',
    summary: 'Health check: the process and its database (503 while the database is unreachable)',
    status: 200,
    response: healthz,
    errors: [503],
  }),
  status: route({
    method: 'GET',
    path: '/api/status',
    auth: 'none',
    summary: '"ok" or "degraded" (details need operator auth: GET /api/tenant)',
    status: 200,
    response: publicStatus,
    errors: [],
  }),
  tenant: route({
    method: 'GET',
    path: '/api/tenant',
    auth: 'operator',
    summary: "The operator's own org: authorization state (in words) and licence usage",
    status: 200,
    response: tenantStatus,
    errors: [401, 429],
  }),
  events: route({
    method: 'GET',
    path: '/api/events',
    auth: 'operator',
    summary:
      'Server-Sent Events: `consultation` (live status changed) and `licence` (usage changed), for this org only',
    status: 200,
    response: 'stream',
    errors: [401, 429],
  }),
  createConsultation: route({
    method: 'POST',
    path: '/api/consultations',
    auth: 'operator',
    summary: 'Create a consultation (schedules the Webex meeting, returns participant links)',
    body: createConsultationBody,
    status: 201,
    response: createdConsultation,
    errors: [400, 401, 409, 429, 502, 503, 504],
  }),
  listConsultations: route({
    method: 'GET',
    path: '/api/consultations',
    auth: 'operator',
    summary: "This org's consultations, newest first, with live status",
    status: 200,
    response: consultationList,
    errors: [401, 429],
  }),
  getConsultation: route({
    method: 'GET',
    path: '/api/consultations/:id',
    auth: 'operator',
    summary: 'One consultation',
    params: consultationParams,
    status: 200,
    response: consultationView,
    errors: [400, 401, 404, 429],
  }),
  consultationLinks: route({
    method: 'GET',
    path: '/api/consultations/:id/links',
    auth: 'operator',
    summary: 'The participant links again (any operator session of the org)',
    params: consultationParams,
    status: 200,
    response: consultationLinks,
    errors: [400, 401, 404, 410, 429],
  }),
  endConsultation: route({
    method: 'POST',
    path: '/api/consultations/:id/end',
    auth: 'operator',
    summary: 'End the running meeting for everyone (the consultation stays scheduled)',
    params: consultationParams,
    status: 200,
    response: consultationView,
    errors: [400, 401, 404, 410, 429, 502, 503],
  }),
  cancelConsultation: route({
    method: 'DELETE',
    path: '/api/consultations/:id',
    auth: 'operator',
    summary: 'Cancel a consultation (deletes the Webex meeting; 409 while it runs: end it first)',
    params: consultationParams,
    status: 200,
    response: consultationView,
    errors: [400, 401, 404, 409, 429, 502, 503],
  }),
  join: route({
    method: 'POST',
    path: '/api/consultations/:id/join',
    auth: 'capability',
    summary: "Join as a participant: the participant's own guest token and the destination",
    params: consultationParams,
    body: joinBody,
    status: 200,
    response: joinResult,
    errors: [400, 401, 403, 404, 410, 429, 502, 503],
  }),
  walkInPass: route({
    method: 'POST',
    path: '/api/walk-in-passes',
    auth: 'operator',
    summary: 'A walk-in pass: lets one person join any meeting by number or link, for a while',
    body: walkInPassBody,
    status: 201,
    response: walkInPass,
    errors: [400, 401, 429],
  }),
  guestToken: route({
    method: 'POST',
    path: '/api/guest-tokens',
    auth: 'walk-in-pass',
    summary: 'A guest token for a manual join, bound to a walk-in pass (one guest per pass)',
    body: guestTokenBody,
    status: 200,
    response: guestTokenResult,
    errors: [400, 401, 429, 502, 503],
  }),
  instantConnect: route({
    method: 'POST',
    path: '/api/instant-connect',
    auth: 'operator',
    summary: 'Instant Connect host and guest links',
    body: instantConnectBody,
    status: 200,
    response: instantConnectLinks,
    errors: [400, 401, 429, 502, 503],
  }),
  listTenants: route({
    method: 'GET',
    path: '/api/admin/tenants',
    auth: 'admin',
    summary: 'Every org that authorized the Service App, accepted or not',
    status: 200,
    response: tenantList,
    errors: [401, 429],
  }),
  acceptTenant: route({
    method: 'POST',
    path: '/api/admin/tenants/:orgId/accept',
    auth: 'admin',
    summary: 'Accept an org: its tokens are retrieved and its operators can work',
    params: orgParams,
    body: acceptTenantBody,
    status: 200,
    response: tenantView,
    errors: [400, 401, 404, 429, 502, 503],
  }),
  refuseTenant: route({
    method: 'POST',
    path: '/api/admin/tenants/:orgId/refuse',
    auth: 'admin',
    summary: "Refuse an org: its tokens are deleted and its operators' keys stop working",
    params: orgParams,
    status: 200,
    response: tenantView,
    errors: [400, 401, 404, 429],
  }),
  listOperatorKeys: route({
    method: 'GET',
    path: '/api/admin/tenants/:orgId/operator-keys',
    auth: 'admin',
    summary: "An org's operator keys (never the keys themselves)",
    params: orgParams,
    status: 200,
    response: operatorKeyList,
    errors: [400, 401, 404, 429],
  }),
  createOperatorKey: route({
    method: 'POST',
    path: '/api/admin/tenants/:orgId/operator-keys',
    auth: 'admin',
    summary: 'A new operator key for an accepted org (shown once)',
    params: orgParams,
    body: operatorKeyBody,
    status: 201,
    response: issuedOperatorKey,
    errors: [400, 401, 404, 409, 429],
  }),
  revokeOperatorKey: route({
    method: 'DELETE',
    path: '/api/admin/operator-keys/:keyId',
    auth: 'admin',
    summary: 'Revoke an operator key',
    params: operatorKeyParams,
    status: 200,
    response: operatorKeyView,
    errors: [400, 401, 404, 429],
  }),
  webhook: route({
    method: 'POST',
    path: '/webhooks/webex',
    auth: 'webhook',
    summary:
      'Webex webhook deliveries (X-Spark-Signature over the raw body; stale, duplicate and unaccepted-org deliveries are answered 200 and ignored)',
    status: 200,
    response: z.object({
      ok: z.literal(true),
      outcome: z.enum(['processed', 'duplicate', 'stale']),
    }),
    errors: [400, 401, 413, 429, 503],
  }),
} satisfies Record<string, RouteSpec>;

export type Routes = typeof ROUTES;
export type RouteName = keyof Routes;

/** The body a route answers with (its success status). */
export type ResponseOf<N extends RouteName> = Routes[N]['response'] extends z.ZodType
  ? z.output<Routes[N]['response']>
  : never;

/** The body a route takes, as a client may send it (defaults still to apply). */
export type BodyOf<N extends RouteName> = Routes[N] extends { body: z.ZodType }
  ? z.input<Routes[N]['body']>
  : never;

export type ErrorBody = z.output<typeof errorBody>;
export type ParticipantLink = z.output<typeof participantLink>;
export type LiveParticipantView = z.output<typeof liveParticipant>;
export type LiveStatus = z.output<typeof liveStatus>;
export type ConsultationView = z.output<typeof consultationView>;
export type ConsultationLinks = z.output<typeof consultationLinks>;
export type CreatedConsultation = z.output<typeof createdConsultation>;
export type JoinResult = z.output<typeof joinResult>;
export type GuestTokenResult = z.output<typeof guestTokenResult>;
export type WalkInPass = z.output<typeof walkInPass>;
export type InstantConnectLinks = z.output<typeof instantConnectLinks>;
export type PublicStatus = z.output<typeof publicStatus>;
export type TenantStatus = z.output<typeof tenantStatus>;
export type AuthorizationView = z.output<typeof authorizationView>;
export type LicenceUsageView = z.output<typeof licenceUsage>;
export type TenantView = z.output<typeof tenantView>;
export type OperatorKeyView = z.output<typeof operatorKeyView>;
export type IssuedOperatorKey = z.output<typeof issuedOperatorKey>;
export type LiveEvent = z.output<typeof liveEvent>;
export type CreateConsultationInput = z.input<typeof createConsultationBody>;
