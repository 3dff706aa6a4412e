import { useEffect, useId, type SelectHTMLAttributes } from 'react';
import type { TrackKind } from '@g2g/meeting-hooks';
import { mergeProps, useLocalMedia } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import type { PartProps } from '../join/shared';

/**
 * Props of {@link DeviceSelect}.
 * @public
 */
export interface DeviceSelectProps extends PartProps, SelectHTMLAttributes<HTMLSelectElement> {
  kind: TrackKind;
  /** Visible label; default "Camera" or "Microphone". */
  label?: string;
}

/**
 * A labelled picker of cameras or microphones that switches the device in
 * use (in the meeting too). Shown once the browser lists devices of that
 * kind; names appear after a permission was granted.
 * @public
 */
export function DeviceSelect({ session, messages, kind, label, ...props }: DeviceSelectProps) {
  const m = useMessages(messages);
  const id = useId();
  const { state, actions } = useLocalMedia({ session });
  const deviceKind = kind === 'camera' ? 'videoinput' : 'audioinput';
  const options = state.devices.filter((d) => d.kind === deviceKind);
  const anyOn = state.camera.status === 'on' || state.microphone.status === 'on';
  // Device labels are only readable once a permission was granted.
  useEffect(() => {
    if (anyOn) void actions.listDevices();
  }, [anyOn, actions]);
  if (!options.length) return null;
  const text = label ?? (kind === 'camera' ? m.camera : m.microphone);
  const value = state[kind].deviceId;
  return (
    <div className="g2g-field">
      <label className="g2g-label" htmlFor={id}>
        {text}
      </label>
      <select
        {...mergeProps<SelectHTMLAttributes<HTMLSelectElement>>(
          {
            id,
            className: 'g2g-select',
            value: value ?? '',
            onChange: (e) => void actions.switchDevice(kind, e.target.value),
          },
          props,
        )}
      >
        {value == null && <option value="">—</option>}
        {options.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${text} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
