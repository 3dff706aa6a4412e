/**
 * Stable, machine-readable codes for everything that can stop a guest from
 * joining. UIs switch on `code`; the message is for people and may change.
 * @public
 */
export type JoinErrorCode =
  | 'invalid-destination'
  | 'invalid-display-name'
  | 'space-id-not-supported'
  | 'not-found'
  | 'token-invalid'
  | 'token-expired'
  | 'network'
  | 'timeout'
  | 'license-exceeded'
  | 'forbidden'
  | 'join-before-host-not-allowed'
  | 'unknown';

/**
 * Options accepted by the {@link JoinError} constructor.
 * @public
 */
export interface JoinErrorOptions {
  /** The underlying error or SDK payload, kept for logs and debugging. */
  cause?: unknown;
  /** Whether trying the same action again may succeed (network blips, timeouts). */
  retryable?: boolean;
  /** Webex's own numeric code when one is known (for example 30105). */
  webexCode?: number;
  /** A finer, still stable sub-reason within `code` (for example `'too-long'`). */
  reason?: string;
}

/**
 * The one error type the join flow reports. Never thrown for a user's own
 * mistake without a message a person can act on.
 * @public
 */
export class JoinError extends Error {
  override readonly name = 'JoinError';
  readonly code: JoinErrorCode;
  readonly retryable: boolean;
  readonly webexCode: number | undefined;
  readonly reason: string | undefined;

  constructor(code: JoinErrorCode, message: string, options: JoinErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.webexCode = options.webexCode;
    this.reason = options.reason;
  }
}

/**
 * Narrows an unknown value to a {@link JoinError}, across realms and bundles.
 * @public
 */
export function isJoinError(value: unknown): value is JoinError {
  return (
    value instanceof JoinError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'JoinError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/**
 * Stable codes for microphone and camera failures.
 * @public
 */
export type MediaErrorCode =
  | 'permission-denied'
  | 'device-in-use'
  | 'device-not-found'
  | 'not-supported'
  | 'not-joined'
  | 'unknown';

/**
 * A microphone or camera problem. Media is optional: a `MediaError` never
 * fails a join, it is reported on the local media state instead.
 * @public
 */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}
