import { isServiceAppError, WebexApiError } from '@g2g/service-app';
import type { z } from 'zod';

/** The JSON error body every route answers with. `error` is a stable code. */
export interface ErrorBody {
  error: string;
  message: string;
  trackingId?: string;
}

/** An error a route throws on purpose, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A zod failure as one readable sentence: `displayName: Too big…; guests: …`. */
export function describeZodError(error: z.ZodError, where: string): string {
  const parts = error.issues.slice(0, 5).map((i) => {
    const path = i.path.map(String).join('.');
    return path ? `${path}: ${i.message}` : i.message;
  });
  return `Invalid ${where}: ${parts.join('; ')}`;
}

/** Validates `value` with `schema`, or throws a 400 {@link ApiError} naming the problem. */
export function parseOr400<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, 'invalid-request', describeZodError(r.error, where));
  return r.data;
}

/**
 * Maps any thrown value to a status and body. Known failures get their own
 * status; anything else is a 500 with a generic message (details only in the
 * log). Messages come from typed errors, which never contain secrets.
 */
export function toHttpError(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    return { status: error.status, body: { error: error.code, message: error.message } };
  }
  if (isServiceAppError(error)) {
    const status: Record<string, number> = {
      'invalid-input': 400,
      'licence-limit': 409,
      'not-authorized': 503,
      'reauthorization-required': 503,
      'meeting-preferences': 503,
      'rate-limited': 503,
      'webhook-signature': 401,
      'webhook-payload': 400,
      timeout: 504,
      network: 502,
      'webex-api': 502,
    };
    let code = status[error.code] ?? 502;
    if (error instanceof WebexApiError && error.code === 'webex-api') {
      // Webex refusing what we asked is the caller's problem only for conflicts.
      if (error.status === 409) code = 409;
      if (error.status === 404) code = 404;
    }
    return {
      status: code,
      body: {
        error: error.code,
        message: error.message,
        ...(error instanceof WebexApiError ? { trackingId: error.trackingId } : {}),
      },
    };
  }
  // Fastify's own client errors (bad JSON, too large, wrong content type…).
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: e.statusCode,
      body: {
        error: typeof e.code === 'string' ? e.code.toLowerCase() : 'bad-request',
        message: typeof e.message === 'string' ? e.message : 'Bad request.',
      },
    };
  }
  return { status: 500, body: { error: 'internal', message: 'Internal error.' } };
}
