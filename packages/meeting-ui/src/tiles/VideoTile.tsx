import { memo, useCallback, type HTMLAttributes } from 'react';
import type { MultistreamSnapshot, PaneSourceState, VideoPane } from '@g2g/meeting-hooks';
import {
  useLocalMedia,
  useMultistream,
  useParticipant,
  useSelf,
  useSession,
} from '@g2g/meeting-hooks/react';
import { useTilesMessages, type TilesMessages } from '../i18n/tiles';
import type { PartProps } from '../join/shared';
import { VideoRenderer } from '../media/VideoRenderer';
import { initials } from './layout';
import { useTilesStyles } from './styles';

/**
 * What a tile shows: `live` video, `camera-off` (initials), or why a pane
 * has no picture (`no-source`, `avoided`, `bandwidth-limited`).
 * @public
 */
export type TileState = PaneSourceState | 'camera-off';

/**
 * Props of {@link VideoTile}.
 * @public
 */
export interface VideoTileProps extends PartProps, HTMLAttributes<HTMLElement> {
  /** Whose tile (a roster id). Omitted, or self's id: your own camera. */
  memberId?: string;
  /** Offer the pin switch (others only). Default `true`. */
  pinnable?: boolean;
  /**
   * The pin switch was pressed. Default: pins or unpins through the session
   * (`VideoTiles` also moves to the stage).
   */
  onPinChange?: (memberId: string, pinned: boolean) => void;
  /** The stage's big tile: larger text. */
  large?: boolean;
}

interface Slice {
  pane: VideoPane | null;
  speaking: boolean;
  pinned: boolean;
}

/**
 * One member's slice of the multistream snapshot: their pane (kept by
 * identity while it does not change), whether they speak, whether pinned.
 * Compared field by field, so an update to another pane re-renders nothing here.
 */
function useMemberSlice(memberId: string, session: PartProps['session']): Slice {
  const select = useCallback(
    (s: MultistreamSnapshot): Slice => ({
      pane: memberId ? (s.panes.find((p) => p.memberId === memberId) ?? null) : null,
      speaking: !!memberId && s.activeSpeakerIds.includes(memberId),
      pinned: !!memberId && s.pinnedId === memberId,
    }),
    [memberId],
  );
  return useMultistream({ session, select }).state;
}

/**
 * The accessible name of a tile: "Alice, muted, camera off".
 * @public
 */
export function tileLabel(
  m: TilesMessages,
  t: { name: string; muted: boolean; state: TileState; speaking: boolean; pinned: boolean },
): string {
  return [
    t.name,
    t.muted && m.muted,
    t.state === 'camera-off' ? m.cameraOff : t.state !== 'live' && m.source[t.state],
    t.speaking && m.speaking,
    t.pinned && m.pinned,
  ]
    .filter(Boolean)
    .join(', ');
}

const MicOff = () => (
  <svg className="g2g-vtile__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 5.1 2.1M15 10V6a3 3 0 0 0-5.6-1.5M5 11a7 7 0 0 0 11.8 5.1M19 11a7 7 0 0 1-.6 2.8M12 18v3M4 4l16 16" />
  </svg>
);
const Pin = () => (
  <svg className="g2g-vtile__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M9 3h6l-1 6 4 4H6l4-4zM12 13v8" />
  </svg>
);

/**
 * One participant's video tile: their video, or their initials while the
 * camera is off or the media server sends nothing (with the reason as text);
 * the name (truncated, whole in its `title` and in the tile's accessible
 * name, e.g. "Alice, muted, camera off"); a ring while they speak; a muted
 * microphone icon; and a pin switch (`aria-pressed`). Reads its own slice of
 * the session, and is memoized: a change to another pane re-renders nothing
 * here. State as data attributes: `data-g2g-state`, `data-g2g-speaking`,
 * `data-g2g-audio-muted`, `data-g2g-pinned`, `data-g2g-self`.
 * @public
 */
export const VideoTile = memo(function VideoTile({
  session,
  messages,
  memberId,
  pinnable = true,
  onPinChange,
  large = false,
  className,
  ...rest
}: VideoTileProps) {
  useTilesStyles();
  const m = useTilesMessages(messages);
  const active = useSession({ session });
  const self = useSelf({ session: active }).state;
  const isSelf = memberId === undefined || memberId === self?.id;
  const id = isSelf ? '' : memberId;
  const person = useParticipant(id, { session: active }).state;
  const slice = useMemberSlice(id, active);
  const local = useLocalMedia({ session: active }).state;
  const { actions } = useMultistream({ session: active, select: noSelection });

  let state: TileState;
  let stream: MediaStream | null;
  let muted: boolean;
  if (isSelf) {
    stream = local.camera.status === 'on' ? local.camera.stream : null;
    state = stream ? 'live' : 'camera-off';
    muted = local.microphone.status !== 'on' || local.microphone.muted;
  } else {
    const pane = slice.pane;
    stream = pane?.stream ?? null;
    state = person?.videoMuted
      ? 'camera-off'
      : !pane
        ? 'no-source'
        : pane.sourceState === 'live' && !stream
          ? 'no-source'
          : pane.sourceState;
    muted = !!person?.audioMuted;
  }
  const fullName = isSelf ? m.self(self?.name || m.unnamed) : person?.name || m.unnamed;
  const plainName = (isSelf ? self?.name : person?.name) || m.unnamed;
  const speaking = isSelf ? false : slice.speaking;
  const pinned = slice.pinned;
  const label = tileLabel(m, { name: fullName, muted, state, speaking, pinned });
  const why = state === 'live' ? null : state === 'camera-off' ? m.cameraOff : m.source[state];

  const togglePin = () => {
    if (!memberId) return;
    if (onPinChange) return onPinChange(memberId, !pinned);
    void (pinned ? actions.unpin() : actions.pin(memberId)).catch(() => {});
  };

  return (
    <figure
      {...rest}
      className={['g2g-vtile', large && 'g2g-vtile--large', className].filter(Boolean).join(' ')}
      aria-label={label}
      data-g2g-state={state}
      data-g2g-speaking={speaking}
      data-g2g-audio-muted={muted}
      data-g2g-pinned={pinned}
      data-g2g-self={isSelf}
    >
      {state === 'live' ? (
        <VideoRenderer stream={stream} mirror={isSelf} aria-hidden="true" />
      ) : (
        <div className="g2g-vtile__off" aria-hidden="true">
          <span className="g2g-vtile__avatar">{initials(plainName)}</span>
          <span className="g2g-vtile__why" title={why ?? undefined}>
            {why}
          </span>
        </div>
      )}
      <figcaption className="g2g-vtile__name" title={fullName} aria-hidden="true">
        {muted && <MicOff />}
        <span className="g2g-vtile__text">{fullName}</span>
      </figcaption>
      {!isSelf && pinnable && (
        <button
          type="button"
          className="g2g-vtile__pin"
          aria-pressed={pinned}
          aria-label={m.pin(plainName)}
          title={m.pin(plainName)}
          onClick={togglePin}
        >
          <Pin />
        </button>
      )}
    </figure>
  );
});

const noSelection = () => null;
