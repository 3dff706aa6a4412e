import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini keeps these schemas small (full zod would add ~90 kB gzipped to
// every server bundle); the English messages are the only locale loaded.
// Full zod (the backend's) configures the same locale, so this changes nothing for it.
z.config(en());

/**
 * Where the schemas come from: `webex/webex-openapi-specs`, `public-spec/*.json`
 * as of commit `1be8332` (2026-05-04). Each schema's TSDoc names its file and
 * component; `[observed]` comments mark where Webex answers differently from
 * what the spec says (WEBEX-REFERENCE.md §3), `[inferred]` where neither the
 * spec nor a documented observation settles it.
 */
export const SPEC_SOURCE = {
  repository: 'webex/webex-openapi-specs',
  commit: '1be8332',
  files: {
    meetings: 'public-spec/webex-meeting.json',
    messaging: 'public-spec/webex-messaging.json',
    admin: 'public-spec/webex-admin.json',
  },
} as const;

/**
 * An ISO-8601 date-time with `Z` or an offset, any fractional precision.
 * Webex writes all three forms: `2016-04-21T19:01:55.966Z` (rooms),
 * `2015-10-18T14:26:16+00:00` (webhooks), `2030-01-01T11:00:00+01:00`
 * (meetings in their time zone).
 */
export const DateTime = z.iso.datetime({ offset: true });

/**
 * A Webex id. REST shows people, orgs, rooms, memberships and webhooks as
 * Hydra ids (`base64url("ciscospark://us/<TYPE>/<uuid>")`) and meetings as 32
 * hex digits; the spec types them all as plain strings, and so do we.
 */
export const Id = z.string().check(z.minLength(1));

/** An email address as Webex accepts it (the spec types it as a string). */
export const Email = z.string().check(z.minLength(3)).check(z.includes('@'));

/** `{items: [...]}`: the list envelope of every Webex collection. */
export const listOf = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

/**
 * A nested object this project never reads. Kept open (unknown keys pass
 * through) so neither side fails on it, and so the simulator's strictness
 * check does not demand a model of it.
 */
export const Unmodelled = z.looseObject({});

/**
 * The 400/401/403/404/409/429/5xx body of every endpoint: the anonymous
 * object of each operation's error responses in the spec files, where all
 * three fields are optional. [observed] Webex fills all three
 * (WEBEX-REFERENCE §3); only a 429's body may be empty, and then there is no
 * body to parse at all.
 */
export const ErrorEnvelope = z.object({
  message: z.string(),
  errors: z.array(z.object({ description: z.string() })),
  trackingId: z.string(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/**
 * The failure body of the OAuth token endpoint (`/access_token`), which is in
 * no spec file. [inferred] RFC 6749 §5.2 `{error, error_description}`.
 */
export const OAuthError = z.object({
  error: z.string(),
  error_description: z.optional(z.string()),
});
export type OAuthError = z.infer<typeof OAuthError>;

/** The `max` query parameter of list endpoints. */
export const Max = (limit: number) =>
  z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(limit)));

/** Any schema of this module (so users need no direct zod import for signatures). */
export type Schema<T = unknown> = z.core.$ZodType<T>;
/** What a schema yields once parsed. */
export type Parsed<S extends z.core.$ZodType> = z.output<S>;
/** One problem a schema reports. */
export type SchemaIssue = z.core.$ZodIssue;

/**
 * A date or date-time query value (`from`, `to`): any ISO-8601 form
 * `Date.parse` reads, as the meetings list accepts.
 */
export const QueryDateTime = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, {
      error: 'must be an ISO-8601 date-time',
    }),
  )
  .check(z.refine((v) => !Number.isNaN(Date.parse(v)), { error: 'must be an ISO-8601 date-time' }));
