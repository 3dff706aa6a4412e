import type { ReactNode } from 'react';
import { ApiError } from '../api';

/** A wait the person can see (and a screen reader hears). */
export function Loading({ children = 'Loading…' }: { children?: ReactNode }) {
  return (
    <p className="demo-loading" role="status" aria-live="polite">
      <span className="demo-spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

/** An error with a way forward: retry when it can help, or the given action. */
export function ErrorPanel({
  error,
  onRetry,
  children,
}: {
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const retryable = error instanceof ApiError ? error.retryable : true;
  return (
    <div className="demo-error" role="alert">
      <p>{message}</p>
      <div className="demo-row">
        {onRetry && retryable && (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )}
        {children}
      </div>
    </div>
  );
}
