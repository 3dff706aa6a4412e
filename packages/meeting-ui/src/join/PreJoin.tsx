import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MediaError, TrackKind } from '@g2g/meeting-hooks';
import { useActiveSession, useLocalMedia } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import type { Messages } from '../i18n/en';
import { MediaSink, StepHeading, type PartProps } from './shared';

/** Props of {@link PreJoin}. */
export interface PreJoinProps extends PartProps {
  name: string;
  onNameChange: (name: string) => void;
  /** Called with a non-empty name. */
  onJoin: () => void;
}

const mediaProblem = (m: Messages, error: MediaError | null) =>
  !error
    ? null
    : error.code === 'permission-denied'
      ? m.permissionDenied
      : error.code === 'device-in-use'
        ? m.deviceInUse
        : error.code === 'device-not-found'
          ? m.deviceNotFound
          : m.deviceProblem;

function DevicePicker({
  kind,
  label,
  devices,
  value,
  onPick,
}: {
  kind: MediaDeviceKind;
  label: string;
  devices: readonly MediaDeviceInfo[];
  value: string | null;
  onPick: (id: string) => void;
}) {
  const id = useId();
  const options = devices.filter((d) => d.kind === kind);
  if (!options.length) return null;
  return (
    <div className="g2g-field">
      <label className="g2g-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="g2g-select"
        value={value ?? ''}
        onChange={(e) => onPick(e.target.value)}
      >
        {value == null && <option value="">—</option>}
        {options.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Before joining: the display name, a camera preview, microphone and camera
 * switches and device pickers. Devices start only when asked (the browser's
 * permission prompt follows a click, not page load); a refused permission is
 * explained, and joining without the device stays possible.
 */
export function PreJoin({ session, messages, name, onNameChange, onJoin }: PreJoinProps) {
  const m = useMessages(messages);
  const active = useActiveSession(session);
  const { state: media, actions } = useLocalMedia(active);
  const [nameError, setNameError] = useState(false);
  const nameId = useId();
  const cameraOn = media.camera.status === 'on';
  const micOn = media.microphone.status === 'on';
  const anyOn = cameraOn || micOn;

  // Device labels are only readable once a permission was granted.
  useEffect(() => {
    if (anyOn) void actions.listDevices();
  }, [anyOn, actions]);

  const toggle = (kind: TrackKind, on: boolean) =>
    void (on ? actions.stop(kind) : actions.start(kind));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(true);
      document.getElementById(nameId)?.focus();
      return;
    }
    onJoin();
  };
  const problem = mediaProblem(m, media.camera.error) ?? mediaProblem(m, media.microphone.error);

  return (
    <form className="g2g-step" onSubmit={submit} noValidate>
      <StepHeading>{m.preJoinHeading}</StepHeading>
      <figure className="g2g-video">
        {cameraOn ? (
          <MediaSink stream={media.camera.stream} muted label={m.previewLabel} />
        ) : (
          <span>{m.cameraOff}</span>
        )}
      </figure>
      <div className="g2g-row">
        <button
          type="button"
          className="g2g-button"
          aria-pressed={micOn}
          onClick={() => toggle('microphone', micOn)}
        >
          {micOn ? m.turnOffMicrophone : m.turnOnMicrophone}
        </button>
        <button
          type="button"
          className="g2g-button"
          aria-pressed={cameraOn}
          onClick={() => toggle('camera', cameraOn)}
        >
          {cameraOn ? m.turnOffCamera : m.turnOnCamera}
        </button>
      </div>
      {problem && (
        <p className="g2g-error" role="alert">
          {problem}
        </p>
      )}
      <div className="g2g-row">
        <DevicePicker
          kind="videoinput"
          label={m.camera}
          devices={media.devices}
          value={media.camera.deviceId}
          onPick={(id) => void actions.switchDevice('camera', id)}
        />
        <DevicePicker
          kind="audioinput"
          label={m.microphone}
          devices={media.devices}
          value={media.microphone.deviceId}
          onPick={(id) => void actions.switchDevice('microphone', id)}
        />
      </div>
      <div className="g2g-field">
        <label className="g2g-label" htmlFor={nameId}>
          {m.displayName}
        </label>
        <input
          id={nameId}
          className="g2g-input"
          name="displayName"
          autoComplete="name"
          required
          value={name}
          aria-invalid={nameError && !name.trim()}
          aria-describedby={`${nameId}-hint`}
          onChange={(e) => {
            onNameChange(e.target.value);
            setNameError(false);
          }}
        />
        <p id={`${nameId}-hint`} className="g2g-muted">
          {m.displayNameHint}
        </p>
      </div>
      <div className="g2g-row">
        <button type="submit" className="g2g-button g2g-button--primary">
          {m.join}
        </button>
      </div>
    </form>
  );
}
