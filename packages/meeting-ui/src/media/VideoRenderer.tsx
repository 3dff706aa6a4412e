import { useEffect, useRef, type VideoHTMLAttributes } from 'react';

/**
 * Props of {@link VideoRenderer}: any `<video>` attribute, plus the stream.
 * @public
 */
export interface VideoRendererProps extends VideoHTMLAttributes<HTMLVideoElement> {
  /** What to play; `null` shows nothing. Objects that are not MediaStreams are ignored. */
  stream: MediaStream | null;
  /** Flip horizontally, as people expect of their own camera. */
  mirror?: boolean;
}

export const realStream = (stream: unknown): MediaStream | null =>
  typeof MediaStream !== 'undefined' && stream instanceof MediaStream ? stream : null;

/**
 * A `<video>` that plays a MediaStream: muted and inline (so autoplay is
 * allowed), `srcObject` kept in sync. Renders a plain `<video>`, so your
 * props and classes apply.
 * @public
 */
export function VideoRenderer({ stream, mirror, className, style, ...rest }: VideoRendererProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const real = realStream(stream);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = real;
  }, [real]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      {...rest}
      className={['g2g-video-renderer', className].filter(Boolean).join(' ')}
      style={mirror ? { transform: 'scaleX(-1)', ...style } : style}
      data-g2g-stream={real ? 'live' : 'none'}
    />
  );
}
