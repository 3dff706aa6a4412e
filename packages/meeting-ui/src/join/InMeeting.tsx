import { useId, useState } from 'react';
import { useJoinState, useRemoteMedia, useRoster, useSession } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { MediaToggle } from '../media/MediaToggle';
import { ParticipantTile } from '../media/ParticipantTile';
import { VideoRenderer } from '../media/VideoRenderer';
import { StepHeading, type PartProps } from './shared';

/**
 * Your own tile: your camera, or a placeholder while it is off.
 * @public
 */
export function SelfView(props: PartProps) {
  return <ParticipantTile {...props} />;
}

/**
 * The others' video as Webex composes it (a shared screen first). Their
 * audio is played by `AudioRenderer`, once per meeting.
 * @public
 */
export function RemoteMedia({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const remote = useRemoteMedia({ session }).state;
  const stream = remote.share ?? remote.video;
  const label = remote.share ? m.remoteShare : m.remoteVideo;
  return (
    <figure className="g2g-video" data-g2g-camera-off={!stream}>
      {stream ? <VideoRenderer stream={stream} aria-label={label} /> : m.noRemoteVideo}
      <figcaption className="g2g-video__label">{label}</figcaption>
    </figure>
  );
}

/**
 * Everyone present or waiting; a host can let people in from the lobby.
 * @public
 */
export function Roster({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const { state: roster, actions } = useRoster({ session });
  const { state } = useJoinState({ session });
  const people = roster.participants;
  const isHost = state.status === 'joined' && state.isHost;
  const [failed, setFailed] = useState(false);
  const id = useId();
  const admit = (memberId: string) => {
    setFailed(false);
    actions.admit(memberId).catch(() => setFailed(true));
  };
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="g2g-label">
        {m.participants(people.length)}
      </h3>
      <ul className="g2g-roster">
        {people.map((p) => (
          <li
            key={p.id}
            className="g2g-roster__item"
            data-g2g-audio-muted={p.audioMuted}
            data-g2g-camera-off={p.videoMuted}
          >
            <span>{p.name}</span>
            {p.isSelf && <span className="g2g-badge">{m.you}</span>}
            {p.isHost && <span className="g2g-badge">{m.host}</span>}
            {p.inLobby && <span className="g2g-badge">{m.waiting}</span>}
            {p.audioMuted && <span className="g2g-badge">{m.muted}</span>}
            {isHost && p.inLobby && (
              <button type="button" className="g2g-button" onClick={() => admit(p.id)}>
                {m.admit(p.name)}
              </button>
            )}
          </li>
        ))}
      </ul>
      {failed && (
        <p className="g2g-error" role="alert">
          {m.hostActionFailed}
        </p>
      )}
    </section>
  );
}

/**
 * Microphone, camera, leave, and for the host: end for everyone.
 * @public
 */
export function MeetingControls({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const { state, actions } = useJoinState({ session });
  const [failed, setFailed] = useState(false);
  const parts = { session, messages };
  return (
    <div role="group" aria-label={m.controls} className="g2g-row g2g-controls">
      <MediaToggle kind="microphone" {...parts} />
      <MediaToggle kind="camera" {...parts} />
      <button
        type="button"
        className="g2g-button g2g-button--danger"
        onClick={() => void actions.leave()}
      >
        {m.leave}
      </button>
      {state.status === 'joined' && state.isHost && (
        <button
          type="button"
          className="g2g-button"
          onClick={() => {
            setFailed(false);
            actions.endForAll().catch(() => setFailed(true));
          }}
        >
          {m.endForAll}
        </button>
      )}
      {failed && (
        <p className="g2g-error" role="alert">
          {m.hostActionFailed}
        </p>
      )}
    </div>
  );
}

/**
 * In the meeting: remote and self video, the roster, and the controls.
 * @public
 */
export function InMeeting({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const active = useSession({ session });
  const { state } = useJoinState({ session: active });
  if (state.status !== 'joined') return null;
  const parts = { session: active, messages };
  return (
    <div className="g2g-step">
      <StepHeading>{state.title ?? m.meeting}</StepHeading>
      <div className="g2g-meeting">
        <div className="g2g-grid">
          <RemoteMedia {...parts} />
          <SelfView {...parts} />
        </div>
        <Roster {...parts} />
      </div>
      <MeetingControls {...parts} />
    </div>
  );
}
