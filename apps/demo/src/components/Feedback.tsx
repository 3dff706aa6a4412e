import type { ReactNode } from 'react';
import { Button } from '@g2g/meeting-ui';
import { ApiError } from '../api';
import { useT } from '../i18n';

/** A wait the person can see (and a screen reader hears). */
export function Loading({ children }: { children?: ReactNode }) {
  const t = useT();
  return (
    <p className="demo-loading" role="status" aria-live="polite">
      <span className="g2g-spinner" aria-hidden="true" />
      {children ?? t.loading}
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
  const t = useT();
  const message =
    error instanceof ApiError
      ? t.apiError(error)
      : error instanceof Error
        ? error.message
        : t.somethingWrong;
  const retryable = error instanceof ApiError ? error.retryable : true;
  return (
    <div className="demo-error" role="alert">
      <p>{message}</p>
      <div className="demo-row">
        {onRetry && retryable && (
          <Button variant="primary" onClick={onRetry}>
            {t.retry}
          </Button>
        )}
        {children}
      </div>
    </div>
  );
}
