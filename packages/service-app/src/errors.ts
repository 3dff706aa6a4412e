/**
 * Every failure this package raises is a {@link ServiceAppError} with a stable
 * `code`, so callers branch on codes rather than on message text. Messages are
 * written for people and never carry tokens or the client secret.
 */

/** Stable error codes. New codes may be added; existing ones never change meaning. */
export type ServiceAppErrorCode =
  | 'webex-api'
  | 'unexpected-response'
  | 'timeout'
  | 'network'
  | 'rate-limited'
  | 'not-authorized'
  | 'reauthorization-required'
  | 'token-unavailable'
  | 'webhook-signature'
  | 'webhook-payload'
  | 'webhook-stale'
  | 'meeting-preferences'
  | 'licence-limit'
  | 'invalid-input';

/** Base class of every error thrown by `@g2g/service-app`. */
export class ServiceAppError extends Error {
  /** A stable, machine-readable code. */
  readonly code: ServiceAppErrorCode;

  constructor(code: ServiceAppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** What a Webex error response said, as far as it is safe to repeat. */
export interface WebexErrorDetails {
  /** HTTP status of the final attempt. */
  status: number;
  /** `message` of the Webex error envelope (or the OAuth `error_description`). */
  webexMessage: string;
  /** `errors[].description` of the envelope. */
  descriptions: string[];
  /** The `Trackingid` Webex answered with (quote it to Webex support). */
  trackingId: string;
  /** HTTP method and path (no query, no host) of the failed call. */
  method: string;
  path: string;
  /** Retries made before giving up. */
  retries: number;
  /** What Webex's `Retry-After` asked for (429, 503), in ms, when it said. */
  retryAfterMs?: number;
}

/** Webex answered with a non-success status. */
export class WebexApiError extends ServiceAppError {
  readonly status: number;
  readonly webexMessage: string;
  readonly descriptions: string[];
  readonly trackingId: string;
  readonly method: string;
  readonly path: string;
  readonly retries: number;
  readonly retryAfterMs: number | undefined;

  constructor(details: WebexErrorDetails, code: ServiceAppErrorCode = 'webex-api') {
    const why = [details.webexMessage, ...details.descriptions].filter(Boolean).join(' ');
    super(
      code,
      `Webex ${details.method} ${details.path} answered ${details.status}${why ? `: ${why}` : ''} (TrackingID ${details.trackingId})`,
    );
    this.status = details.status;
    this.webexMessage = details.webexMessage;
    this.descriptions = details.descriptions;
    this.trackingId = details.trackingId;
    this.method = details.method;
    this.path = details.path;
    this.retries = details.retries;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * Webex answered with a success status, but the body is not the shape the
 * Webex REST spec gives it (`@g2g/webex-spec/rest`): nothing of it is used.
 * `problems` name the fields and what was expected, never their values.
 */
export class WebexResponseError extends ServiceAppError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly trackingId: string;
  readonly retries: number;
  readonly problems: string[];

  constructor(details: {
    status: number;
    method: string;
    path: string;
    trackingId: string;
    retries: number;
    problems: string[];
  }) {
    const shown = details.problems.slice(0, 5).join('; ');
    const more = details.problems.length > 5 ? ` (+${details.problems.length - 5} more)` : '';
    super(
      'unexpected-response',
      `Webex ${details.method} ${details.path} answered ${details.status} with a body that does not match the Webex REST spec: ${shown}${more} (TrackingID ${details.trackingId})`,
    );
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.trackingId = details.trackingId;
    this.retries = details.retries;
    this.problems = details.problems;
  }
}

/** A call to Webex took longer than its timeout (after any retries). */
export class WebexTimeoutError extends ServiceAppError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly timeoutMs: number,
    readonly trackingId: string,
    readonly retries: number,
  ) {
    super(
      'timeout',
      `Webex ${method} ${path} did not answer within ${timeoutMs} ms (TrackingID ${trackingId})`,
    );
  }
}

/** Webex could not be reached (connection refused, reset, DNS…). */
export class WebexNetworkError extends ServiceAppError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly trackingId: string,
    readonly retries: number,
    cause: unknown,
  ) {
    super('network', `Webex ${method} ${path} could not be reached (TrackingID ${trackingId})`, {
      cause,
    });
  }
}

/** No tokens are held for this org: the Service App was never authorized there, or was deauthorized. */
export class NotAuthorizedError extends ServiceAppError {
  constructor(readonly orgId: string) {
    super(
      'not-authorized',
      `The Service App holds no tokens for org ${orgId}: an admin must authorize it in Control Hub.`,
    );
  }
}

/**
 * The refresh token is dead (expired, revoked or superseded). Nothing will be
 * retried for this org until an admin re-authorizes the Service App.
 */
export class ReauthorizationRequiredError extends ServiceAppError {
  constructor(
    readonly orgId: string,
    readonly reason: string,
  ) {
    super(
      'reauthorization-required',
      `The Service App must be re-authorized for org ${orgId} in Control Hub (${reason}).`,
    );
  }
}

/**
 * The org's access token has expired and cannot be refreshed yet: Webex is
 * refusing refreshes for now (a 429 or an outage) and the manager is backing
 * off. Nothing is wrong with the authorization; retry after `retryAt`.
 */
export class TokenUnavailableError extends ServiceAppError {
  constructor(
    readonly orgId: string,
    /** When the next refresh will be tried (epoch ms). */
    readonly retryAt: number,
    /** Why the last refresh failed, in words (no secret in it). */
    readonly why: string,
  ) {
    super(
      'token-unavailable',
      `The Service App's access token for org ${orgId} has expired and cannot be refreshed yet (${why}); the next attempt is at ${new Date(retryAt).toISOString()}.`,
    );
  }
}

/** A webhook delivery's `X-Spark-Signature` is missing or does not match. */
export class WebhookSignatureError extends ServiceAppError {
  constructor(readonly reason: 'missing' | 'mismatch' | 'no-secret') {
    super(
      'webhook-signature',
      reason === 'missing'
        ? 'The webhook delivery has no X-Spark-Signature header.'
        : reason === 'no-secret'
          ? 'No webhook secret is configured, so no delivery can be verified.'
          : 'The webhook delivery signature does not match.',
    );
  }
}

/** A (correctly signed) webhook delivery is not the JSON envelope Webex sends. */
export class WebhookPayloadError extends ServiceAppError {
  constructor(message: string) {
    super('webhook-payload', message);
  }
}

/**
 * A correctly signed delivery whose own timestamp lies outside the accepted
 * window: a replay of a captured delivery, or one Webex gave up on long ago.
 */
export class WebhookStaleError extends ServiceAppError {
  constructor(
    /** The delivery's own time (epoch ms). */
    readonly deliveredAt: number,
    /** How far it is from now (negative: in the future). */
    readonly ageMs: number,
  ) {
    super(
      'webhook-stale',
      ageMs >= 0
        ? `The webhook delivery is ${Math.round(ageMs / 1000)} s old, older than the accepted window: it was not processed.`
        : `The webhook delivery is dated ${Math.round(-ageMs / 1000)} s in the future: it was not processed.`,
    );
  }
}

/**
 * The site's meeting preferences forbid meetings nobody hosts, and the app may
 * not change them. The message names the Control Hub setting to change.
 */
export class MeetingPreferencesError extends ServiceAppError {
  constructor(message: string) {
    super('meeting-preferences', message);
  }
}

/** Starting another meeting would exceed the guest-to-guest licence's concurrent-meeting limit. */
export class LicenceLimitError extends ServiceAppError {
  constructor(
    readonly siteUrl: string,
    readonly inProgress: number,
    readonly limit: number,
  ) {
    super(
      'licence-limit',
      `The guest-to-guest licence of ${siteUrl} allows ${limit} meetings in progress at once and ${inProgress} are running; end one before starting another.`,
    );
  }
}

/** A caller passed a value this package refuses before any call is made. */
export class InvalidInputError extends ServiceAppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('invalid-input', message);
  }
}

/** Narrowing helper: `isServiceAppError(e, 'licence-limit')`. */
export function isServiceAppError<C extends ServiceAppErrorCode>(
  error: unknown,
  code?: C,
): error is ServiceAppError & { code: C } {
  return error instanceof ServiceAppError && (code === undefined || error.code === code);
}
