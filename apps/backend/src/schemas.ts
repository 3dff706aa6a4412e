import { z } from 'zod';

// Every body, param and header a route reads is described here, validated
// with zod (a failure is a 400 naming the field) and published in /openapi.json.

export const consultationId = z.object({ id: z.uuid({ error: 'must be a consultation id' }) });

export const createConsultationBody = z
  .object({
    title: z.string().trim().min(1).max(128).default('Consultation'),
    mode: z.enum(['no-host', 'host-guest']).default('no-host'),
    guests: z.number().int().min(1).max(20).default(1),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    durationMinutes: z
      .number()
      .int()
      .min(10)
      .max(23 * 60 + 59)
      .default(30),
    hostEmail: z.email().max(320).optional(),
    space: z
      .object({ memberEmails: z.array(z.email().max(320)).min(1).max(20) })
      .strict()
      .optional(),
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
  });

// No second limit here: the name's one rule (@g2g/webex-spec, 1–128 code
// points after cleaning) is applied once, when service-app mints the token,
// and a refusal is a 400 `invalid-input` in the rule's own words.
const displayName = z.string();

export const joinBody = z.object({ displayName }).strict();

export const guestTokenBody = z.object({ displayName }).strict();

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

/** `Authorization: Bearer <token>` (operator key or participant capability). */
export const bearerHeader = z
  .string()
  .max(2048)
  .regex(/^Bearer [A-Za-z0-9._~+/=-]+$/, 'must be "Bearer <token>"');
