import type { HTMLAttributes } from 'react';
import { useLocalMedia, useParticipant, useSelf, useSession } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import type { PartProps } from '../join/shared';
import { VideoRenderer } from './VideoRenderer';

/**
 * Props of {@link ParticipantTile}.
 * @public
 */
export interface ParticipantTileProps extends PartProps, HTMLAttributes<HTMLElement> {
  /** Whose tile; self when omitted. */
  participantId?: string;
  /**
   * The video to show. Self's tile defaults to the local camera; for others,
   * pass their stream (per-participant streams come with multistream).
   */
  stream?: MediaStream | null;
  /** Whether this person is speaking now (an active-speaker source sets it). */
  speaking?: boolean;
}

/**
 * One person: their video (or a placeholder with their name), their name,
 * and their state as data attributes for styling and tests:
 * `data-g2g-speaking`, `data-g2g-audio-muted`, `data-g2g-camera-off`,
 * `data-g2g-self`.
 * @public
 */
export function ParticipantTile({
  session,
  messages,
  participantId,
  stream,
  speaking = false,
  className,
  ...rest
}: ParticipantTileProps) {
  const m = useMessages(messages);
  const active = useSession({ session });
  const self = useSelf({ session: active }).state;
  const other = useParticipant(participantId ?? '', { session: active }).state;
  const local = useLocalMedia({ session: active }).state;
  const isSelf = participantId === undefined || participantId === self?.id;
  const person = isSelf ? self : other;
  const video = stream !== undefined ? stream : isSelf ? local.camera.stream : null;
  const cameraOff = isSelf ? local.camera.status !== 'on' : !!person?.videoMuted || !video;
  const audioMuted = isSelf
    ? local.microphone.status !== 'on' || local.microphone.muted
    : !!person?.audioMuted;
  const name = isSelf ? m.selfView : (person?.name ?? '');
  return (
    <figure
      {...rest}
      className={['g2g-video g2g-tile', className].filter(Boolean).join(' ')}
      data-g2g-speaking={speaking}
      data-g2g-audio-muted={audioMuted}
      data-g2g-camera-off={cameraOff}
      data-g2g-self={isSelf}
    >
      {!cameraOff && video ? (
        <VideoRenderer stream={video} mirror={isSelf} aria-label={name} />
      ) : (
        <span className="g2g-tile__placeholder">{isSelf ? m.cameraOff : name}</span>
      )}
      {/* The name and the badge wrap onto two lines rather than cut each
          other off; a name too long for its line ends in an ellipsis, whole
          in its tooltip (and in the figure's accessible name). */}
      <figcaption className="g2g-video__label g2g-tile__label">
        <span className="g2g-tile__name" title={name}>
          {name}
        </span>
        {audioMuted && (
          <>
            {' '}
            <span className="g2g-badge">{m.muted}</span>
          </>
        )}
      </figcaption>
    </figure>
  );
}
