import { useJoinState } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { StepHeading, type PartProps } from './shared';
import { leftMessage } from './steps';

/**
 * After leaving, being removed, or the meeting ending: says which, and offers to rejoin.
 * @public
 */
export function LeftScreen({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const { state, actions } = useJoinState({ session });
  if (state.status !== 'left') return null;
  return (
    <div className="g2g-step">
      <StepHeading>{m.leftHeading}</StepHeading>
      <p className="g2g-text">{leftMessage(m, state.reason)}</p>
      {state.reason !== 'ended' && (
        <div className="g2g-row">
          <button type="button" className="g2g-button" onClick={() => void actions.retry()}>
            {m.rejoin}
          </button>
        </div>
      )}
    </div>
  );
}
