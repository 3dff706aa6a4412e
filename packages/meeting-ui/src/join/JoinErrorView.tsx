import type { JoinError } from '@g2g/meeting-hooks';
import { useJoinState } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { StepHeading, type PartProps } from './shared';

/**
 * Props of {@link JoinErrorView}.
 * @public
 */
export interface JoinErrorViewProps extends PartProps {
  /** Show this error instead of the session's (e.g. a destination refused before joining). */
  error?: JoinError;
}

/**
 * A human message per `JoinError` code, with "Try again" where trying again can help.
 * @public
 */
export function JoinErrorView({ session, messages, error }: JoinErrorViewProps) {
  const m = useMessages(messages);
  const { state, actions } = useJoinState({ session });
  const shown = error ?? (state.status === 'failed' ? state.error : null);
  if (!shown) return null;
  return (
    <div className="g2g-step">
      <StepHeading>{m.errorHeading}</StepHeading>
      <p className="g2g-text" data-g2g-error-code={shown.code}>
        {m.errors[shown.code]}
      </p>
      {shown.retryable && !error && (
        <div className="g2g-row">
          <button
            type="button"
            className="g2g-button g2g-button--primary"
            onClick={() => void actions.retry()}
          >
            {m.retry}
          </button>
        </div>
      )}
    </div>
  );
}
