import { lazy, Suspense, useEffect, useId, useInsertionEffect, useState } from 'react';
import type { MultistreamSnapshot } from '@g2g/meeting-hooks';
import {
  useJoinState,
  useMultistream,
  useRemoteMedia,
  useRoster,
  useSession,
} from '@g2g/meeting-hooks/react';
import { Spinner, StepHeading, type PartProps } from '../join/shared';
import type * as TilesModule from '../tiles';
import { ParticipantTile } from '../media/ParticipantTile';
import { VideoRenderer } from '../media/VideoRenderer';
import { MeetingControls } from './Controls';
import { DeviceSettings } from './DeviceSettings';
import { useInMeetingMessages } from './messages';
import { present, Roster } from './Roster';
import { MeetingTimer, QualityIndicator, ReconnectingBanner, useKnockAlerts } from './Status';
import { injectInMeetingStyles } from './styles';

/**
 * Props of {@link InMeeting}.
 * @public
 */
export interface InMeetingProps extends PartProps {
  /** Chime when someone knocks (hosts only). Default `true`; `false` for silence. */
  knockSound?: boolean;
  /** "(1) " in the tab title while someone waits (hosts only). Default `true`. */
  titleBadge?: boolean;
}

// The video tiles load on demand (their own chunk, the `@g2g/meeting-ui/tiles`
// entry): a transcoded meeting (webex@2.60.4, or a media server that refused
// multistream) shows one composed video and never needs them.
let tiles: Promise<typeof TilesModule> | undefined;
const loadTiles = () =>
  (tiles ??= import('../tiles').catch((error: unknown) => {
    tiles = undefined; // a failed download is tried again on the next render
    throw error;
  }));
const VideoTiles = lazy(() => loadTiles().then((mod) => ({ default: mod.VideoTiles })));
const selectMode = (s: MultistreamSnapshot) => s.mode;

/**
 * The others' video. In a multistream meeting, a tile per participant
 * (`VideoTiles`, loaded on demand; you among them). Otherwise the video
 * as Webex composes it and, when someone shares, the shared screen first
 * (larger, first in reading order), then your own tile.
 * @public
 */
export function Stage({ session, messages }: PartProps) {
  const active = useSession({ session });
  const mode = useMultistream({ session: active, select: selectMode }).state;
  // Fetched while media connects (webex@3 asks for multistream first), not after.
  useEffect(() => {
    if (mode !== 'transcoded') void loadTiles().catch(() => {});
  }, [mode]);
  if (mode === 'multistream')
    return (
      <div className="g2g-stage g2g-stage--tiles">
        <Suspense fallback={<Spinner />}>
          <VideoTiles session={active} messages={messages} />
        </Suspense>
      </div>
    );
  return <ComposedStage session={active} messages={messages} />;
}

function ComposedStage({ session, messages }: PartProps) {
  const m = useInMeetingMessages(messages);
  const remote = useRemoteMedia({ session }).state;
  return (
    <div className="g2g-stage" data-g2g-share={!!remote.share}>
      {remote.share && (
        <figure className="g2g-video" data-g2g-share="">
          <VideoRenderer stream={remote.share} aria-label={m.remoteShare} />
          <figcaption className="g2g-video__label">{m.remoteShare}</figcaption>
        </figure>
      )}
      <figure className="g2g-video" data-g2g-camera-off={!remote.video} data-g2g-remote="">
        {remote.video ? (
          <VideoRenderer stream={remote.video} aria-label={m.remoteVideo} />
        ) : (
          <span className="g2g-tile__placeholder">{m.noRemoteVideo}</span>
        )}
        <figcaption className="g2g-video__label">{m.remoteVideo}</figcaption>
      </figure>
      <ParticipantTile session={session} messages={messages} />
    </div>
  );
}

const selectPresent = (r: { participants: Parameters<typeof present>[0] }) =>
  present(r.participants).length;

/**
 * In the meeting: the title, time and connection; a banner while
 * reconnecting; the stage (share first, the others, you); the roster with
 * the lobby; device settings; and the controls, kept on screen (sticky) on
 * small screens. A host hears, sees and is told when someone knocks.
 * @public
 */
export function InMeeting({ session, messages, knockSound, titleBadge }: InMeetingProps) {
  useInsertionEffect(() => injectInMeetingStyles(), []);
  const m = useInMeetingMessages(messages);
  const active = useSession({ session });
  const { state } = useJoinState({ session: active });
  const count = useRoster({ session: active, select: selectPresent }).state;
  const [settings, setSettings] = useState(false);
  const settingsId = useId();
  const settingsHeading = useId();
  const { announcement } = useKnockAlerts({
    session: active,
    messages,
    ...(knockSound !== undefined ? { sound: knockSound } : {}),
    ...(titleBadge !== undefined ? { titleBadge } : {}),
  });
  const status: string = state.status;
  if (status !== 'joined' && status !== 'reconnecting') return null;
  const title = (state as { title?: string | null }).title ?? m.meeting;
  const parts = { session: active, messages };
  return (
    <div className="g2g-step g2g-in-meeting">
      <div className="g2g-meeting__top">
        <StepHeading>
          <span title={title}>{title}</span>
        </StepHeading>
        <div className="g2g-meeting__meta">
          <MeetingTimer {...parts} />
          <span data-g2g-count={count}>{m.im.participantsPresent(count)}</span>
          <QualityIndicator {...parts} />
        </div>
      </div>
      <ReconnectingBanner {...parts} />
      <p className="g2g-notice" aria-live="assertive" data-g2g-knock="">
        {announcement}
      </p>
      <div className="g2g-meeting">
        <Stage {...parts} />
        <Roster {...parts} />
      </div>
      {settings && (
        <section id={settingsId} className="g2g-settings" aria-labelledby={settingsHeading}>
          <h3 id={settingsHeading} className="g2g-label">
            {m.im.settings}
          </h3>
          <DeviceSettings {...parts} />
        </section>
      )}
      <MeetingControls
        {...parts}
        settingsId={settingsId}
        settingsOpen={settings}
        onToggleSettings={() => setSettings((s) => !s)}
      />
    </div>
  );
}
