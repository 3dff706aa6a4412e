import { z } from 'zod';
import { Email, Id, Max, listOf } from './common';

// Guests and Service App tokens: public-spec/webex-admin.json. People: the
// `Person` object of public-spec/webex-messaging.json (the same in
// webex-meeting.json and webex-admin.json).

/** `POST /guests/token` body; both fields required, scope `guest-issuer:write`. */
export const GuestTokenRequest = z.object({
  subject: z.string().min(1).max(1024),
  displayName: z.string().min(1).max(128),
});
export type GuestTokenRequest = z.infer<typeof GuestTokenRequest>;

/**
 * `POST /guests/token` → `Guest`. The spec marks no field required;
 * [observed] Webex fills all six (WEBEX-REFERENCE §3), and the project needs
 * each of them.
 */
export const GuestToken = z.object({
  /** The guest's person id (Hydra). */
  id: Id,
  subject: z.string(),
  displayName: z.string(),
  /** Synthetic: `<uuid>@appid.ciscospark.com`. */
  email: z.string(),
  accessToken: z.string().min(1),
  /** Seconds from issuance. */
  expiresIn: z.number().positive(),
});
export type GuestToken = z.infer<typeof GuestToken>;

/**
 * `GET /guests/count`. The spec says `text/plain` and gives a schema that is
 * an object with one property named `112` (its example value), so it is
 * wrong either way. [inferred] a bare number; `{count}` is accepted too
 * (WEBEX-REFERENCE §3).
 */
export const GuestCount = z.union([
  z.number().int().nonnegative(),
  // The text/plain body read as text rather than as JSON.
  z.string().regex(/^\d+$/).transform(Number),
  z.object({ count: z.number().int().nonnegative() }),
]);
export type GuestCount = z.output<typeof GuestCount>;

/** The number of guests, whichever shape {@link GuestCount} came in. */
export const guestCountOf = (body: GuestCount): number =>
  typeof body === 'number' ? body : body.count;

/**
 * `POST /applications/{applicationId}/token` body. The spec also requires a
 * bearer token of an integration with the `spark:applications_token` scope
 * on this call; the project sends none (WEBEX-REFERENCE §3 documents the
 * body alone). [inferred] until live mode settles it.
 */
export const AppTokenRequest = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  targetOrgId: z.string().min(1),
});
export type AppTokenRequest = z.infer<typeof AppTokenRequest>;

/**
 * `POST /access_token` form (refresh grant). Not in any spec file: it is
 * the OAuth endpoint of the integrations guide (WEBEX-REFERENCE §3).
 */
export const RefreshTokenRequest = z.object({
  grant_type: z.literal('refresh_token'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  refresh_token: z.string().min(1),
});
export type RefreshTokenRequest = z.infer<typeof RefreshTokenRequest>;

/**
 * The token pair of `/access_token` and `/applications/{id}/token` (the
 * latter's anonymous 200 schema in webex-admin.json, all fields optional
 * there). [observed] every field is present (WEBEX-REFERENCE §3).
 */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.number().int().positive(),
  token_type: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const PersonType = z.enum(['person', 'bot', 'appuser']);

/**
 * A person (`Person`). The spec marks nothing required. [observed] every
 * person, guests and machine accounts included, has `id`, `emails`,
 * `displayName`, `orgId`, `created` and `type` (the SDK's `register()`
 * reads `/people/me` for them); the rest depends on licences and admin
 * rights and stays optional.
 */
export const Person = z.object({
  id: Id,
  emails: z.array(z.string()),
  phoneNumbers: z
    .array(
      z.object({
        type: z.string().optional(),
        value: z.string().optional(),
        primary: z.boolean().optional(),
      }),
    )
    .optional(),
  extension: z.string().optional(),
  locationId: z.string().optional(),
  displayName: z.string(),
  nickName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  avatar: z.string().optional(),
  orgId: Id,
  roles: z.array(z.string()).optional(),
  licenses: z.array(z.string()).optional(),
  department: z.string().optional(),
  manager: z.string().optional(),
  managerId: z.string().optional(),
  title: z.string().optional(),
  addresses: z.array(z.looseObject({})).optional(),
  created: z.string(),
  lastModified: z.string().optional(),
  timezone: z.string().optional(),
  lastActivity: z.string().optional(),
  siteUrls: z.array(z.string()).optional(),
  sipAddresses: z.array(z.looseObject({})).optional(),
  xmppFederationJid: z.string().optional(),
  status: z.string().optional(),
  invitePending: z.enum(['true', 'false']).optional(),
  loginEnabled: z.enum(['true', 'false']).optional(),
  type: PersonType,
});
export type Person = z.infer<typeof Person>;

/** `GET /people` → `PersonCollectionResponse`. */
export const PersonList = listOf(Person).extend({
  notFoundIds: z.array(z.string()).optional(),
});
export type PersonList = z.infer<typeof PersonList>;

/**
 * `GET /people` query. A non-admin caller must give `email`, `displayName`
 * or `id` (up to 85 comma-separated ids).
 */
export const ListPeopleQuery = z
  .object({
    email: Email.optional(),
    displayName: z.string().optional(),
    id: z
      .string()
      .refine((v) => v.split(',').length <= 85, 'At most 85 ids.')
      .optional(),
    orgId: z.string().optional(),
    roles: z.string().optional(),
    callingData: z.stringbool().optional(),
    locationId: z.string().optional(),
    max: Max(1000).optional(),
    excludeStatus: z.stringbool().optional(),
  })
  .refine((q) => q.email || q.displayName || q.id, {
    message: 'Give email, displayName or id.',
  });
