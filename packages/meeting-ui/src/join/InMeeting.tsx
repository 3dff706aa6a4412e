import { useId, useState } from 'react';
import {
  useActiveSession,
  useJoinState,
  useLocalMedia,
  useRemoteMedia,
  useRoster,
} from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { MediaSink, StepHeading, type PartProps } from './shared';

/** Your own camera, or a placeholder while it is off. */
export function SelfView({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const { state } = useLocalMedia(useActiveSession(session));
  const on = state.camera.status === 'on';
  return (
    <figure className="g2g-video">
      {on ? <MediaSink stream={state.camera.stream} muted label={m.selfView} /> : m.cameraOff}
      <figcaption className="g2g-video__label">{m.selfView}</figcaption>
    </figure>
  );
}

/** The others' video (a shared screen first) and their audio. */
export function RemoteMedia({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const remote = useRemoteMedia(useActiveSession(session));
  const stream = remote.share ?? remote.video;
  const label = remote.share ? m.remoteShare : m.remoteVideo;
  return (
    <figure className="g2g-video">
      {stream ? <MediaSink stream={stream} label={label} /> : m.noRemoteVideo}
      <figcaption className="g2g-video__label">{label}</figcaption>
      <MediaSink stream={remote.audio} kind="audio" />
    </figure>
  );
}

/** Everyone present or waiting; a host can let people in from the lobby. */
export function Roster({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const active = useActiveSession(session);
  const people = useRoster(active);
  const state = useJoinState(active);
  const isHost = state.status === 'joined' && state.isHost;
  const [failed, setFailed] = useState(false);
  const id = useId();
  const admit = (memberId: string) => {
    setFailed(false);
    active?.admit(memberId).catch(() => setFailed(true));
  };
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="g2g-label">
        {m.participants(people.length)}
      </h3>
      <ul className="g2g-roster">
        {people.map((p) => (
          <li key={p.id} className="g2g-roster__item">
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

/** Mute, camera, leave, and for the host: end for everyone. */
export function MeetingControls({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const active = useActiveSession(session);
  const state = useJoinState(active);
  const { state: media, actions } = useLocalMedia(active);
  const [failed, setFailed] = useState(false);
  const mic = media.microphone;
  const camOn = media.camera.status === 'on';
  const micButton =
    mic.status === 'on' ? (
      <button
        type="button"
        className="g2g-button"
        aria-pressed={mic.muted}
        onClick={() => void actions.setMuted('microphone', !mic.muted)}
      >
        {m.mute}
      </button>
    ) : (
      <button type="button" className="g2g-button" onClick={() => void actions.start('microphone')}>
        {m.turnOnMicrophone}
      </button>
    );
  return (
    <div role="group" aria-label={m.controls} className="g2g-row">
      {micButton}
      <button
        type="button"
        className="g2g-button"
        onClick={() => void (camOn ? actions.stop('camera') : actions.start('camera'))}
      >
        {camOn ? m.stopVideo : m.startVideo}
      </button>
      <button
        type="button"
        className="g2g-button g2g-button--danger"
        onClick={() => void active?.leave()}
      >
        {m.leave}
      </button>
      {state.status === 'joined' && state.isHost && (
        <button
          type="button"
          className="g2g-button"
          onClick={() => {
            setFailed(false);
            active?.endForAll().catch(() => setFailed(true));
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

/** In the meeting: remote and self video, the roster, and the controls. */
export function InMeeting({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const active = useActiveSession(session);
  const state = useJoinState(active);
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
