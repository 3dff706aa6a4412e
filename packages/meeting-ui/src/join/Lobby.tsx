import { useJoinState } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { Spinner, StepHeading, type PartProps } from './shared';

/**
 * Waiting in the lobby until a host lets the guest in; leaving stays possible.
 * @public
 */
export function Lobby({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const { actions } = useJoinState({ session });
  return (
    <div className="g2g-step">
      <StepHeading>{m.lobbyHeading}</StepHeading>
      <p className="g2g-text">{m.lobbyBody}</p>
      <Spinner />
      <div className="g2g-row">
        <button type="button" className="g2g-button" onClick={() => void actions.leave()}>
          {m.leaveLobby}
        </button>
      </div>
    </div>
  );
}
