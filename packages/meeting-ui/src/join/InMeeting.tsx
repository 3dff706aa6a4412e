import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { useRemoteMedia } from '@g2g/meeting-hooks/react';
import { useMessages } from '../i18n/context';
import { ParticipantTile } from '../media/ParticipantTile';
import { VideoRenderer } from '../media/VideoRenderer';
import type { InMeetingProps, MeetingControlsProps } from '../in-meeting';
import type * as InMeetingModule from '../in-meeting';
import { Spinner, type PartProps } from './shared';

/**
 * Your own tile: your camera, or a placeholder while it is off.
 * @public
 */
export function SelfView(props: PartProps) {
  return <ParticipantTile {...props} />;
}

/**
 * The others' video as Webex composes it (a shared screen first). Their
 * audio is played by `AudioRenderer`, once per meeting.
 * @public
 */
export function RemoteMedia({ session, messages }: PartProps) {
  const m = useMessages(messages);
  const remote = useRemoteMedia({ session }).state;
  const stream = remote.share ?? remote.video;
  const label = remote.share ? m.remoteShare : m.remoteVideo;
  return (
    <figure className="g2g-video" data-g2g-camera-off={!stream}>
      {stream ? <VideoRenderer stream={stream} aria-label={label} /> : m.noRemoteVideo}
      <figcaption className="g2g-video__label">{label}</figcaption>
    </figure>
  );
}

// The in-meeting screen loads on demand (its own chunk, also the
// `@g2g/meeting-ui/in-meeting` entry): a guest at the pre-join screen has not
// downloaded it, and GuestJoin starts the download when joining starts.
let loading: Promise<typeof InMeetingModule> | undefined;
/**
 * Starts loading the in-meeting screen (GuestJoin does it when joining starts).
 * @public
 */
export const preloadInMeeting = () => (loading ??= import('../in-meeting'));

function onDemand<P extends object>(pick: (mod: typeof InMeetingModule) => ComponentType<P>) {
  const Lazy = lazy(() =>
    preloadInMeeting().then((mod) => ({ default: pick(mod) as ComponentType<object> })),
  );
  return function OnDemand(props: P) {
    return (
      <Suspense fallback={<Spinner />}>
        <Lazy {...(props as object)} />
      </Suspense>
    );
  };
}

/**
 * In the meeting: title, timer, connection, the stage (share first), the
 * roster with the lobby, device settings and the controls. Loaded on demand;
 * see `@g2g/meeting-ui/in-meeting` for the parts.
 * @public
 */
export const InMeeting: (props: InMeetingProps) => ReactElement = onDemand((m) => m.InMeeting);

/**
 * Everyone in the meeting (the lobby not counted), then the lobby; host
 * actions. Loaded on demand.
 * @public
 */
export const Roster: (props: PartProps) => ReactElement = onDemand((m) => m.Roster);

/**
 * Microphone, camera, share, settings, leave and, for a host, lock and end
 * for everyone (with confirmations). Loaded on demand.
 * @public
 */
export const MeetingControls: (props: MeetingControlsProps) => ReactElement = onDemand(
  (m) => m.MeetingControls,
);
