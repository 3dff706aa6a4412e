import { useJoinState } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import type { WayForward } from './JoinErrorView';
import { StepHeading, type PartProps } from './shared';
import { leftMessage } from './steps';

/**
 * After leaving, being removed, or the meeting ending: says which, and
 * offers to rejoin (unless it ended) and the app's way back, if given.
 * @public
 */
export function LeftScreen({ session, messages, onBack }: PartProps & Pick<WayForward, 'onBack'>) {
  const m = useMessages(messages);
  const { state, actions } = useJoinState({ session });
  if (state.status !== 'left') return null;
  return (
    <div className="g2g-step">
      <StepHeading>{m.leftHeading}</StepHeading>
      <p className="g2g-text">{leftMessage(m, state.reason)}</p>
      {(state.reason !== 'ended' || onBack) && (
        <div className="g2g-row">
          {state.reason !== 'ended' && (
            <button type="button" className="g2g-button" onClick={() => void actions.retry()}>
              {m.rejoin}
            </button>
          )}
          {onBack && (
            <button type="button" className="g2g-button" onClick={onBack}>
              {m.back}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
