import * as z from 'zod/mini';

// Instant Connect's broker (`mtg-broker-a.wbx2.com/api/v2/joseencrypt`) is in
// no spec file. These come from the Instant Connect guide (WEBEX-REFERENCE
// §3 "Instant Connect", seeds/004).

/** The audience every `joseencrypt` request names. */
export const INSTANT_CONNECT_AUD = 'a4d886b0-979f-4e2c-a958-3e8c14605e51';

/** `POST …/api/v2/joseencrypt` body. `numHost + numGuest` is at most 25. */
export const JoseEncryptRequest = z
  .object({
    aud: z.literal(INSTANT_CONNECT_AUD),
    jwt: z.object({
      sub: z.string().check(z.minLength(1)),
      nbf: z.optional(z.int()),
      exp: z.optional(z.int()),
    }),
    provideShortUrls: z.optional(z.boolean()),
    verticalType: z.optional(z.enum(['gen', 'hc'])),
    loginUrlForHost: z.optional(z.boolean()),
    numHost: z.optional(z.int().check(z.gte(0))),
    numGuest: z.optional(z.int().check(z.gte(0))),
  })
  .check(
    z.refine((b) => (b.numHost ?? 1) + (b.numGuest ?? 1) <= 25, {
      message: 'numHost + numGuest must be at most 25.',
    }),
  );
export type JoseEncryptRequest = z.input<typeof JoseEncryptRequest>;

const Cipher = z.object({
  cipher: z.string().check(z.minLength(1)),
  short: z.optional(z.string()),
});

/** `joseencrypt` → one cipher per host and per guest, and the short-link base when asked for. */
export const JoseEncryptResponse = z.object({
  host: z.array(Cipher),
  guest: z.array(Cipher),
  baseUrl: z.optional(z.string()),
});
export type JoseEncryptResponse = z.infer<typeof JoseEncryptResponse>;
