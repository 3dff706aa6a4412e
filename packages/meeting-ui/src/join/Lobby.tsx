import { useJoinState, useRoster } from '@g2g/meeting-hooks/react';
import type { RosterSnapshot } from '@g2g/meeting-hooks';
import { useMessages } from '../i18n/context';
import { Spinner, StepHeading, type PartProps } from './shared';

// A host is "there" once one is in the meeting itself (not waiting, not self).
const hostPresent = (r: RosterSnapshot) =>
  r.participants.some((p) => p.isHost && !p.inLobby && !p.isSelf);

/**
 * Waiting in the lobby until a host lets the guest in; leaving stays
 * possible. Says so honestly: "the host knows you are here" only while a
 * host is in the meeting, otherwise that the host has not joined yet. When
 * the meeting ends, the session leaves the lobby (the closing screen says so).
 * @public
 */
export function Lobby({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const { actions } = useJoinState({ session });
  const host = useRoster({ session, select: hostPresent }).state;
  return (
    <div className="g2g-step">
      <StepHeading>{m.lobbyHeading}</StepHeading>
      <p className="g2g-text" data-g2g-host-present={host}>
        {host ? m.lobbyBody : m.lobbyNoHost}
      </p>
      <Spinner />
      <div className="g2g-row">
        <button type="button" className="g2g-button" onClick={() => void actions.leave()}>
          {m.leaveLobby}
        </button>
      </div>
    </div>
  );
}
