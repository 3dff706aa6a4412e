import type { ButtonHTMLAttributes, ReactNode } from 'react';
import type { TrackKind } from '@g2g/meeting-hooks';
import { useMediaToggle } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import type { PartProps } from '../join/shared';

/**
 * Props of {@link MediaToggle}.
 * @public
 */
export interface MediaToggleProps extends PartProps, ButtonHTMLAttributes<HTMLButtonElement> {
  kind: TrackKind;
  /** See `useMediaToggle`: `mute` (the microphone's default) or `device`. */
  mode?: 'mute' | 'device';
  /** Shown (with a spinner) while the device starts, e.g. "Starting camera…". */
  busyLabel?: ReactNode;
}

/**
 * A microphone or camera button on `useMediaToggle`: says what a click will
 * do, `aria-pressed` while sending, `aria-busy` while the device starts.
 * @public
 */
export function MediaToggle({
  session,
  messages,
  kind,
  mode,
  children,
  busyLabel,
  ...props
}: MediaToggleProps) {
  const m = useMessages(messages);
  const { enabled, pending, state, buttonProps } = useMediaToggle({
    kind,
    mode,
    session,
    props: { className: 'g2g-button', ...props },
  });
  const camera = kind === 'camera';
  const muting = (mode ?? (camera ? 'device' : 'mute')) === 'mute';
  const label =
    muting && state.status === 'on'
      ? enabled
        ? m.mute
        : m.unmute
      : enabled || state.status === 'on'
        ? camera
          ? m.turnOffCamera
          : m.turnOffMicrophone
        : camera
          ? m.turnOnCamera
          : m.turnOnMicrophone;
  if (pending && busyLabel)
    return (
      <button {...buttonProps} data-g2g-busy="">
        <span className="g2g-spinner g2g-spinner--small" aria-hidden="true" />
        {busyLabel}
      </button>
    );
  return <button {...buttonProps}>{children ?? label}</button>;
}
