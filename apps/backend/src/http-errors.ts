import {
  isServiceAppError,
  TokenUnavailableError,
  WebexApiError,
  type ServiceAppErrorCode,
} from '@g2g/service-app';
import type { z } from 'zod';
import type { ErrorBody } from './contract';
import { StoreUnavailableError } from './store/store';

export type { ErrorBody };

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
): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, 'invalid-request', describeZodError(r.error, where));
  return r.data;
}

const SERVICE_APP_STATUS: Record<ServiceAppErrorCode, number> = {
  'invalid-input': 400,
  'licence-limit': 409,
  'not-authorized': 503,
  'reauthorization-required': 503,
  'token-unavailable': 503,
  'meeting-preferences': 503,
  'rate-limited': 503,
  'webhook-signature': 401,
  'webhook-payload': 400,
  'webhook-stale': 400,
  timeout: 504,
  network: 502,
  'webex-api': 502,
  // Webex answered success with a body off its spec: our upstream failed us.
  'unexpected-response': 502,
};

/**
 * Fastify's own client errors, each with a fixed message: theirs quote the
 * URL, the content type or a piece of the body, and nothing a client sent is
 * ever echoed back.
 */
const FRAMEWORK: Record<string, { status: number; error: string; message: string }> = {
  FST_ERR_BAD_URL: { status: 400, error: 'bad-url', message: 'The URL is not valid.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported-media-type',
    message: 'Send JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    error: 'body-too-large',
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    error: 'invalid-request',
    message: 'The body is empty but the content type says JSON.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    error: 'invalid-request',
    message: 'The Content-Length does not match the body.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    error: 'invalid-json',
    message: 'The body is not valid JSON.',
  },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, error: 'bad-request', message: 'Bad request.' },
};

/** The mapped status, body and extra headers of any thrown value. */
export interface HttpFailure {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

/**
 * Maps any thrown value to a status and body. Known failures get their own
 * status; anything else is a 500 with a generic message (details only in the
 * log). Messages come from typed errors, which never contain secrets, or from
 * the fixed table above; never from a framework's echo of the request.
 */
export function toHttpError(error: unknown): HttpFailure {
  if (error instanceof StoreUnavailableError) {
    return {
      status: 503,
      body: { error: error.code, message: 'The service cannot reach its database; retry shortly.' },
      headers: { 'Retry-After': '2' },
    };
  }
  if (error instanceof ApiError) {
    return { status: error.status, body: { error: error.code, message: error.message } };
  }
  if (isServiceAppError(error)) {
    let status = SERVICE_APP_STATUS[error.code] ?? 502;
    if (error instanceof WebexApiError && error.code === 'webex-api') {
      // Webex refusing what we asked is the caller's problem only for conflicts.
      if (error.status === 409) status = 409;
      if (error.status === 404) status = 404;
    }
    const retryAfter =
      error instanceof TokenUnavailableError
        ? Math.max(1, Math.ceil((error.retryAt - Date.now()) / 1000))
        : error instanceof WebexApiError && error.retryAfterMs !== undefined
          ? Math.max(1, Math.ceil(error.retryAfterMs / 1000))
          : undefined;
    return {
      status,
      body: {
        error: error.code,
        message: error.message,
        ...(error instanceof WebexApiError ? { trackingId: error.trackingId } : {}),
      },
      ...(retryAfter !== undefined && status === 503
        ? { headers: { 'Retry-After': String(retryAfter) } }
        : {}),
    };
  }
  const e = error as { statusCode?: unknown; code?: unknown };
  const known = typeof e?.code === 'string' ? FRAMEWORK[e.code] : undefined;
  if (known) return { status: known.status, body: { error: known.error, message: known.message } };
  if (error instanceof SyntaxError && typeof e?.statusCode === 'number') {
    return { status: 400, body: { error: 'invalid-json', message: 'The body is not valid JSON.' } };
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { error: 'bad-request', message: 'Bad request.' } };
  }
  return { status: 500, body: { error: 'internal', message: 'Internal error.' } };
}
