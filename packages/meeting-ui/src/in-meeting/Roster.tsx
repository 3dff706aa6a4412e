import { useId, useState } from 'react';
import type { Participant } from '@g2g/meeting-hooks';
import { useJoinState, useRoster } from '@g2g/meeting-hooks/react';
import type { PartProps } from '../join/shared';
import { ConfirmButton } from './Confirm';
import { useInMeetingMessages } from './messages';

/**
 * A name that may be very long: one line, cut with an ellipsis, the whole
 * name in `title` (a tooltip) and for assistive technology.
 * @public
 */
export function ParticipantName({ name }: { name: string }) {
  return (
    <span className="g2g-name" title={name}>
      {name}
    </span>
  );
}

/** Who is in the meeting (the lobby does not count) and who waits. */
export const present = (people: readonly Participant[]) => people.filter((p) => !p.inLobby);
export const waiting = (people: readonly Participant[]) => people.filter((p) => p.inLobby);

/**
 * Everyone in the meeting, with their microphone and camera as Locus reports
 * them, then the lobby. A host can mute and remove people and let them in.
 * @public
 */
export function Roster({ session, messages }: PartProps) {
  const m = useInMeetingMessages(messages);
  const { state: roster } = useRoster({ session });
  const { state, actions } = useJoinState({ session });
  const isHost = state.status === 'joined' && state.isHost;
  const [failed, setFailed] = useState(false);
  const id = useId();
  const lobbyId = useId();
  const act = (work: Promise<void>) => {
    setFailed(false);
    work.catch(() => setFailed(true));
  };
  const inMeeting = present(roster.participants);
  const lobby = waiting(roster.participants);
  return (
    <section aria-labelledby={id} className="g2g-roster-panel">
      <h3 id={id} className="g2g-label">
        {m.im.participantsPresent(inMeeting.length)}
      </h3>
      <ul className="g2g-roster">
        {inMeeting.map((p) => (
          <li
            key={p.id}
            className="g2g-roster__item"
            data-g2g-audio-muted={p.audioMuted}
            data-g2g-camera-off={p.videoMuted}
          >
            <ParticipantName name={p.name} />
            {p.isSelf && <span className="g2g-badge">{m.you}</span>}
            {p.isHost && <span className="g2g-badge">{m.host}</span>}
            {p.audioMuted && <span className="g2g-badge">{m.muted}</span>}
            {p.videoMuted && <span className="g2g-badge">{m.im.cameraOffBadge}</span>}
            {isHost && !p.isSelf && (
              <span className="g2g-roster__actions">
                {!p.audioMuted && (
                  <button
                    type="button"
                    className="g2g-button g2g-button--small"
                    aria-label={m.im.muteParticipant(p.name)}
                    onClick={() => act(actions.muteParticipant(p.id))}
                  >
                    {m.mute}
                  </button>
                )}
                <ConfirmButton
                  className="g2g-button g2g-button--small"
                  question={m.im.removeConfirm(p.name)}
                  confirmClassName="g2g-button--danger"
                  cancelLabel={m.im.stay}
                  onConfirm={() => act(actions.removeParticipant(p.id))}
                >
                  <span aria-hidden="true">{m.im.remove}</span>
                  <span className="g2g-sr-only">{m.im.removeParticipant(p.name)}</span>
                </ConfirmButton>
              </span>
            )}
          </li>
        ))}
      </ul>
      {lobby.length > 0 && (
        <>
          <h3 id={lobbyId} className="g2g-label">
            {m.im.waitingCount(lobby.length)}
          </h3>
          <ul className="g2g-roster" aria-labelledby={lobbyId}>
            {lobby.map((p) => (
              <li key={p.id} className="g2g-roster__item" data-g2g-lobby="">
                <ParticipantName name={p.name} />
                <span className="g2g-badge">{m.waiting}</span>
                {isHost && (
                  <button
                    type="button"
                    className="g2g-button g2g-button--small g2g-button--primary"
                    title={m.admit(p.name)}
                    onClick={() => act(actions.admit(p.id))}
                  >
                    <span className="g2g-ellipsis">{m.admit(p.name)}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {failed && (
        <p className="g2g-error" role="alert">
          {m.hostActionFailed}
        </p>
      )}
    </section>
  );
}
