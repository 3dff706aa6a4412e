import { JoinError } from './errors';

/**
 * How long each phase may take, in milliseconds. `0` (or a negative or
 * non-finite number) means no limit. A phase that runs out ends in `failed`
 * with a retryable `timeout` error instead of hanging.
 * @public
 */
export interface JoinTimeouts {
  /** Loading, initialising and registering the SDK. */
  connecting: number;
  /** Looking the meeting up (`meetings.create`). */
  resolving: number;
  /** Checking a password, host key or captcha, and refreshing a captcha. */
  verifying: number;
  /** Joining the meeting (Locus), up to being admitted or placed in the lobby. */
  joining: number;
  /**
   * Waiting in the lobby for a host. No limit by default: a person waiting
   * for a late host is not a hang, and the UI can offer to leave.
   */
  lobby: number;
  /** Leaving, ending the meeting for all, unregistering. */
  leaving: number;
  /**
   * Being `reconnecting` (media path or signalling socket lost) before the
   * session gives up with a retryable `network` failure and leaves.
   */
  reconnecting: number;
}

/**
 * The limits used when {@link JoinTimeouts} are not given.
 * @public
 */
export const DEFAULT_TIMEOUTS: Readonly<JoinTimeouts> = {
  connecting: 30_000,
  resolving: 20_000,
  verifying: 20_000,
  joining: 30_000,
  lobby: 0,
  leaving: 10_000,
  reconnecting: 60_000,
};

/**
 * Settles like `promise`, or rejects with a retryable `timeout` {@link JoinError}
 * once `ms` have passed. Uses `setTimeout`, so fake timers control it in tests.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  phase: keyof JoinTimeouts,
): Promise<T> {
  if (!(ms > 0 && ms < Infinity)) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new JoinError('timeout', `Webex did not answer in time (${phase}). Try again.`, {
            retryable: true,
            reason: phase,
          }),
        ),
      ms,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
