import { useId, useState, type FormEvent } from 'react';
import type { MediaError } from '@g2g/meeting-hooks';
import { cleanDisplayName } from '@g2g/webex-spec';
import { useLocalMedia } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import type { Messages } from '../i18n/en';
import { DeviceSelect } from '../media/DeviceSelect';
import { MediaToggle } from '../media/MediaToggle';
import { VideoRenderer } from '../media/VideoRenderer';
import { StepHeading, type PartProps } from './shared';

/**
 * Props of {@link PreJoin}.
 * @public
 */
export interface PreJoinProps extends PartProps {
  /**
   * The name field's value. The field shows only with `onNameChange`: by
   * default the guest token carries the name, and nothing asks for it again.
   */
  name?: string;
  onNameChange?: (name: string) => void;
  /** Called on "Join" (with a usable name, when the field shows). */
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

/**
 * Before joining: a camera preview, microphone and camera switches, device
 * pickers and, with `onNameChange`, a name field. Devices start only when asked (the browser's
 * permission prompt follows a click, not page load); a refused permission is
 * explained, and joining without the device stays possible. Inside
 * `<WebexMeeting join={false}>` (as in `GuestJoin`) the client connects and
 * looks the meeting up meanwhile.
 * @public
 */
export function PreJoin({ session, messages, name = '', onNameChange, onJoin }: PreJoinProps) {
  const m = useMessages(messages);
  const { state: media } = useLocalMedia({ session });
  const [nameError, setNameError] = useState<string | null>(null);
  const askName = !!onNameChange;
  const nameId = useId();
  const cameraOn = media.camera.status === 'on';
  const parts = { session, messages };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The one display-name rule (@g2g/webex-spec), before anything is sent.
    const checked = askName ? cleanDisplayName(name) : undefined;
    if (checked && !checked.ok) {
      setNameError(checked.problem === 'empty' ? m.displayNameRequired : checked.message);
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
          <VideoRenderer stream={media.camera.stream} mirror aria-label={m.previewLabel} />
        ) : (
          <span>{m.cameraOff}</span>
        )}
      </figure>
      <div className="g2g-row">
        <MediaToggle kind="microphone" mode="device" {...parts} />
        <MediaToggle kind="camera" {...parts} />
      </div>
      {problem && (
        <p className="g2g-error" role="alert">
          {problem}
        </p>
      )}
      <div className="g2g-row">
        <DeviceSelect kind="camera" {...parts} />
        <DeviceSelect kind="microphone" {...parts} />
      </div>
      {askName && (
        <div className="g2g-field">
          <label className="g2g-label" htmlFor={nameId}>
            {m.displayName}
          </label>
          {/* No maxLength: it counts UTF-16 units, the rule counts code points. */}
          <input
            id={nameId}
            className="g2g-input"
            name="displayName"
            autoComplete="name"
            required
            value={name}
            aria-invalid={!!nameError}
            aria-describedby={`${nameId}-hint`}
            onChange={(e) => {
              onNameChange(e.target.value);
              setNameError(null);
            }}
          />
          <p id={`${nameId}-hint`} className={nameError ? 'g2g-error' : 'g2g-muted'}>
            {nameError ?? m.displayNameHint}
          </p>
        </div>
      )}
      <div className="g2g-row">
        <button type="submit" className="g2g-button g2g-button--primary">
          {m.join}
        </button>
      </div>
    </form>
  );
}
