import type { JoinError } from '@g2g/meeting-hooks';
import { useJoinState } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { StepHeading, type PartProps } from './shared';

/**
 * The ways out of a dead end that the app provides: both optional.
 * @public
 */
export interface WayForward {
  /** Go back where the person came from (a "Back" button). */
  onBack?: () => void;
  /** Let the person pick another meeting (a "Change meeting" button). */
  onChangeDestination?: () => void;
}

/**
 * Props of {@link JoinErrorView}.
 * @public
 */
export interface JoinErrorViewProps extends PartProps, WayForward {
  /** Show this error instead of the session's (e.g. a destination refused before joining). */
  error?: JoinError;
}

/**
 * A human message per `JoinError` code, and always a way forward: "Try
 * again" (first, where trying again can help; otherwise last, as a start
 * over), "Change meeting" and "Back" when the app gives them.
 * @public
 */
export function JoinErrorView({
  session,
  messages,
  error,
  onBack,
  onChangeDestination,
}: JoinErrorViewProps) {
  const m = useMessages(messages);
  const { state, actions } = useJoinState({ session });
  const shown = error ?? (state.status === 'failed' ? state.error : null);
  if (!shown) return null;
  // Retrying the session's own failure can always start over; a foreign error cannot.
  const canRetry = !error;
  const retryFirst = canRetry && shown.retryable;
  const retry = (primary: boolean) => (
    <button
      type="button"
      className={primary ? 'g2g-button g2g-button--primary' : 'g2g-button'}
      onClick={() => void actions.retry()}
    >
      {m.retry}
    </button>
  );
  return (
    <div className="g2g-step">
      <StepHeading>{m.errorHeading}</StepHeading>
      <p className="g2g-text" data-g2g-error-code={shown.code}>
        {m.errors[shown.code]}
      </p>
      <div className="g2g-row">
        {retryFirst && retry(true)}
        {onChangeDestination && (
          <button
            type="button"
            className={retryFirst ? 'g2g-button' : 'g2g-button g2g-button--primary'}
            onClick={onChangeDestination}
          >
            {m.changeDestination}
          </button>
        )}
        {onBack && (
          <button type="button" className="g2g-button" onClick={onBack}>
            {m.back}
          </button>
        )}
        {canRetry && !retryFirst && retry(!onChangeDestination)}
      </div>
    </div>
  );
}
