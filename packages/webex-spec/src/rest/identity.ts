import * as z from 'zod/mini';
import { Email, Id, Max, listOf } from './common';

// Guests and Service App tokens: public-spec/webex-admin.json. People: the
// `Person` object of public-spec/webex-messaging.json (the same in
// webex-meeting.json and webex-admin.json).

/** `POST /guests/token` body; both fields required, scope `guest-issuer:write`. */
export const GuestTokenRequest = z.object({
  subject: z.string().check(z.minLength(1)).check(z.maxLength(1024)),
  displayName: z.string().check(z.minLength(1)).check(z.maxLength(128)),
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
  accessToken: z.string().check(z.minLength(1)),
  /** Seconds from issuance. */
  expiresIn: z.number().check(z.positive()),
});
export type GuestToken = z.infer<typeof GuestToken>;

/**
 * `GET /guests/count`. The spec says `text/plain` and gives a schema that is
 * an object with one property named `112` (its example value), so it is
 * wrong either way. [inferred] a bare number; `{count}` is accepted too
 * (WEBEX-REFERENCE §3).
 */
export const GuestCount = z.union([
  z.int().check(z.nonnegative()),
  // The text/plain body read as text rather than as JSON.
  z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number)),
  z.object({ count: z.int().check(z.nonnegative()) }),
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
  clientId: z.string().check(z.minLength(1)),
  clientSecret: z.string().check(z.minLength(1)),
  targetOrgId: z.string().check(z.minLength(1)),
});
export type AppTokenRequest = z.infer<typeof AppTokenRequest>;

/**
 * `POST /access_token` form (refresh grant). Not in any spec file: it is
 * the OAuth endpoint of the integrations guide (WEBEX-REFERENCE §3).
 */
export const RefreshTokenRequest = z.object({
  grant_type: z.literal('refresh_token'),
  client_id: z.string().check(z.minLength(1)),
  client_secret: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
});
export type RefreshTokenRequest = z.infer<typeof RefreshTokenRequest>;

/**
 * The token pair of `/access_token` and `/applications/{id}/token` (the
 * latter's anonymous 200 schema in webex-admin.json, all fields optional
 * there). [observed] every field is present (WEBEX-REFERENCE §3).
 */
export const TokenResponse = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.int().check(z.positive()),
  refresh_token: z.string().check(z.minLength(1)),
  refresh_token_expires_in: z.int().check(z.positive()),
  token_type: z.optional(z.string()),
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
  phoneNumbers: z.optional(
    z.array(
      z.object({
        type: z.optional(z.string()),
        value: z.optional(z.string()),
        primary: z.optional(z.boolean()),
      }),
    ),
  ),
  extension: z.optional(z.string()),
  locationId: z.optional(z.string()),
  displayName: z.string(),
  nickName: z.optional(z.string()),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  avatar: z.optional(z.string()),
  orgId: Id,
  roles: z.optional(z.array(z.string())),
  licenses: z.optional(z.array(z.string())),
  department: z.optional(z.string()),
  manager: z.optional(z.string()),
  managerId: z.optional(z.string()),
  title: z.optional(z.string()),
  addresses: z.optional(z.array(z.looseObject({}))),
  created: z.string(),
  lastModified: z.optional(z.string()),
  timezone: z.optional(z.string()),
  lastActivity: z.optional(z.string()),
  siteUrls: z.optional(z.array(z.string())),
  sipAddresses: z.optional(z.array(z.looseObject({}))),
  xmppFederationJid: z.optional(z.string()),
  status: z.optional(z.string()),
  invitePending: z.optional(z.enum(['true', 'false'])),
  loginEnabled: z.optional(z.enum(['true', 'false'])),
  type: PersonType,
});
export type Person = z.infer<typeof Person>;

/** `GET /people` → `PersonCollectionResponse`. */
export const PersonList = z.extend(listOf(Person), {
  notFoundIds: z.optional(z.array(z.string())),
});
export type PersonList = z.infer<typeof PersonList>;

/**
 * `GET /people` query. A non-admin caller must give `email`, `displayName`
 * or `id` (up to 85 comma-separated ids).
 */
export const ListPeopleQuery = z
  .object({
    email: z.optional(Email),
    displayName: z.optional(z.string()),
    id: z.optional(z.string().check(z.refine((v) => v.split(',').length <= 85, 'At most 85 ids.'))),
    orgId: z.optional(z.string()),
    roles: z.optional(z.string()),
    callingData: z.optional(z.stringbool()),
    locationId: z.optional(z.string()),
    max: z.optional(Max(1000)),
    excludeStatus: z.optional(z.stringbool()),
  })
  .check(
    z.refine((q) => q.email || q.displayName || q.id, {
      message: 'Give email, displayName or id.',
    }),
  );
