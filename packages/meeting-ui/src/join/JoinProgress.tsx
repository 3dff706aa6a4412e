import { useJoinState } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { Spinner, StepHeading, type PartProps } from './shared';
import { progressMessage } from './steps';

/**
 * Connecting, finding the meeting, joining: progress, with nothing to do but wait.
 * @public
 */
export function JoinProgress({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const { state } = useJoinState({ session });
  return (
    <div className="g2g-step" aria-busy="true">
      <StepHeading>{progressMessage(m, state)}</StepHeading>
      <Spinner />
    </div>
  );
}
