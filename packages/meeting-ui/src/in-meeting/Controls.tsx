import { useState } from 'react';
import { useJoinState, useLocalMedia } from '@g2g/meeting-hooks/react';
import type { PartProps } from '../join/shared';
import { MediaToggle } from '../media/MediaToggle';
import { ConfirmButton } from './Confirm';
import { useInMeetingMessages } from './messages';

/**
 * Props of {@link MeetingControls}.
 * @public
 */
export interface MeetingControlsProps extends PartProps {
  /** The id of the settings panel the settings button opens; no button without it. */
  settingsId?: string;
  settingsOpen?: boolean;
  onToggleSettings?: () => void;
}

const canShare = () => typeof globalThis.navigator?.mediaDevices?.getDisplayMedia === 'function';

/**
 * Share a screen: "Share screen" / "Stop sharing" with `aria-pressed`, on
 * the session's local media. Hidden where the browser cannot capture a
 * screen (phones); disabled until the media connection is up.
 * @public
 */
export function ShareToggle({ session, messages }: PartProps) {
  const m = useInMeetingMessages(messages);
  const { state, actions } = useLocalMedia({ session });
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!canShare()) return null;
  const on = state.share.status === 'on';
  const pending = busy || state.share.status === 'starting';
  const toggle = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const error = on ? await actions.stopShare() : await actions.startShare();
      // Cancelling the browser's picker is a choice, not a failure.
      if (error && error.code !== 'permission-denied') setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="g2g-button"
        aria-pressed={on}
        aria-busy={pending}
        disabled={state.connection !== 'connected' && !on}
        onClick={() => void toggle()}
      >
        {on ? m.im.stopShare : m.im.share}
      </button>
      {failed && (
        <p className="g2g-error" role="alert">
          {m.im.shareFailed}
        </p>
      )}
    </>
  );
}

/**
 * Microphone, camera, share, settings, and leave (after a confirmation); for
 * a host also lock/unlock and end for everyone (after a confirmation).
 * @public
 */
export function MeetingControls({
  session,
  messages,
  settingsId,
  settingsOpen,
  onToggleSettings,
}: MeetingControlsProps) {
  const m = useInMeetingMessages(messages);
  const { state, actions } = useJoinState({ session });
  const [failed, setFailed] = useState(false);
  // Webex tells a guest host nothing about the lock it set, so the switch
  // shows what this host last did.
  const [locked, setLocked] = useState(false);
  const parts = { session, messages };
  const isHost = state.status === 'joined' && state.isHost;
  const host = (work: () => Promise<void>) => {
    setFailed(false);
    work().catch(() => setFailed(true));
  };
  return (
    <div role="group" aria-label={m.controls} className="g2g-controls">
      <div className="g2g-controls__row">
        <MediaToggle kind="microphone" busyLabel={m.im.startingMicrophone} {...parts} />
        <MediaToggle kind="camera" busyLabel={m.im.startingCamera} {...parts} />
        <ShareToggle {...parts} />
        {settingsId && (
          <button
            type="button"
            className="g2g-button"
            aria-expanded={!!settingsOpen}
            aria-controls={settingsId}
            onClick={onToggleSettings}
          >
            {m.im.settings}
          </button>
        )}
        {isHost && (
          <button
            type="button"
            className="g2g-button"
            aria-pressed={locked}
            data-g2g-locked={locked}
            onClick={() =>
              host(async () => {
                await actions.setLocked(!locked);
                setLocked(!locked);
              })
            }
          >
            {locked ? m.im.unlock : m.im.lock}
          </button>
        )}
        <ConfirmButton
          className="g2g-button g2g-button--danger"
          confirmClassName="g2g-button--danger"
          question={m.im.confirmLeave}
          cancelLabel={m.im.stay}
          onConfirm={() => void actions.leave()}
        >
          {m.leave}
        </ConfirmButton>
        {isHost && (
          <ConfirmButton
            question={m.im.confirmEnd}
            confirmLabel={m.im.endNow}
            confirmClassName="g2g-button--danger"
            cancelLabel={m.im.stay}
            onConfirm={() => host(() => actions.endForAll())}
          >
            {m.endForAll}
          </ConfirmButton>
        )}
      </div>
      {isHost && locked && <p className="g2g-muted">{m.im.lockedNote}</p>}
      {failed && (
        <p className="g2g-error" role="alert">
          {m.hostActionFailed}
        </p>
      )}
    </div>
  );
}
