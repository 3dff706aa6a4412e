import type { ButtonHTMLAttributes } from 'react';
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
  ...props
}: MediaToggleProps) {
  const m = useMessages(messages);
  const { enabled, state, buttonProps } = useMediaToggle({
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
  return <button {...buttonProps}>{children ?? label}</button>;
}
