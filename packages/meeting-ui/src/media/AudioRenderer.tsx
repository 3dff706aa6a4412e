import { useEffect, useRef, type ButtonHTMLAttributes } from 'react';
import type { MultistreamSnapshot } from '@g2g/meeting-hooks';
import { mergeProps, useMultistream, useRemoteMedia, useSession } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import type { PartProps } from '../join/shared';
import { applySink, playbackOf, tryPlay, usePlayback } from './audio-playback';
import { realStream } from './VideoRenderer';

/**
 * Plays the meeting's remote audio: render one per meeting (not per tile),
 * anywhere inside it, so audio keeps playing whatever panel is shown. If the
 * browser refuses autoplay, {@link StartAudio} appears. In a multistream
 * meeting it plays every remote audio stream (Webex sends the loudest few,
 * not one per tile), combined into one.
 * @public
 */
export function AudioRenderer({ session }: Pick<PartProps, 'session'>) {
  const active = useSession({ session });
  const multistream = useMultistream({ session: active, select: multistreamAudio }).state;
  const transcoded = useRemoteMedia({ session: active }).state.audio;
  const stream = realStream(multistream === undefined ? transcoded : multistream);
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const playback = playbackOf(active);
    const { elements } = playback;
    elements.add(el);
    void applySink(playback, el);
    el.srcObject = stream;
    if (stream) void tryPlay(active, el);
    return () => void elements.delete(el);
  }, [active, stream]);
  return <audio ref={ref} autoPlay hidden data-g2g-audio={stream ? 'live' : 'none'} />;
}

/** The multistream audio, or `undefined` when media is not multistream. */
const multistreamAudio = (s: MultistreamSnapshot) =>
  s.mode === 'multistream' ? s.audio : undefined;

/**
 * Whether the browser blocked the meeting's audio, and the button props that
 * start it (a click is the user gesture autoplay needs).
 * @public
 */
export function useStartAudio(options: Pick<PartProps, 'session'> = {}): {
  state: { blocked: boolean };
  actions: { start(): Promise<void> };
  buttonProps: ButtonHTMLAttributes<HTMLButtonElement>;
} {
  const { blocked, start } = usePlayback(useSession(options));
  return {
    state: { blocked },
    actions: { start },
    buttonProps: { type: 'button', hidden: !blocked, onClick: () => void start() },
  };
}

/**
 * Props of {@link StartAudio}.
 * @public
 */
export interface StartAudioProps extends PartProps, ButtonHTMLAttributes<HTMLButtonElement> {}

/**
 * "Start audio": shown only while the browser blocks the meeting's audio.
 * @public
 */
export function StartAudio({ session, messages, children, ...props }: StartAudioProps) {
  const m = useMessages(messages);
  const { state, buttonProps } = useStartAudio({ session });
  if (!state.blocked) return null;
  return (
    <button {...mergeProps(buttonProps, { className: 'g2g-button g2g-button--primary' }, props)}>
      {children ?? m.startAudio}
    </button>
  );
}
