import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type HTMLAttributes,
  type CSSProperties,
} from 'react';
import type { MultistreamSnapshot, RosterSnapshot, VideoLayout } from '@g2g/meeting-hooks';
import {
  useMultistream,
  useParticipant,
  useRoster,
  useSession,
  useSelf,
} from '@g2g/meeting-hooks/react';
import { useTilesMessages, type TilesMessages } from '../i18n/tiles';
import type { PartProps } from '../join/shared';
import { VideoRenderer } from '../media/VideoRenderer';
import { arrange, clampPage, columns, MEDIUM, perPage, WIDE } from './layout';
import { useTilesStyles } from './styles';
import { VideoTile } from './VideoTile';

/**
 * Props of {@link VideoTiles}.
 * @public
 */
export interface VideoTilesProps extends PartProps, HTMLAttributes<HTMLDivElement> {
  /** Your own tile too (last). Default `true`. */
  self?: boolean;
  /** The layout buttons (grid, speaker, and shared screen while someone shares). Default `true`. */
  layoutControls?: boolean;
}

/** What the tiles' frame re-renders for: never a single pane's source or stream. */
interface View {
  layout: VideoLayout;
  pinnedId: string | null;
  sharerId: string | null;
  shareStream: MediaStream | null;
  hasShare: boolean;
  /** The loudest speaker, read only in the stage (elsewhere speakers change no layout). */
  speakerId: string | null;
  /** Members the media server gives a pane, as one string (cheap to compare). */
  withVideo: string;
}
const selectView = (s: MultistreamSnapshot): View => ({
  layout: s.layout,
  pinnedId: s.pinnedId,
  sharerId: s.share?.sharerId ?? null,
  shareStream: s.share?.stream ?? null,
  hasShare: !!s.share,
  speakerId: s.layout === 'stage' ? (s.activeSpeakerIds[0] ?? null) : null,
  withVideo: s.panes
    .map((p) => p.memberId)
    .filter(Boolean)
    .join('\n'),
});
const selectOthers = (r: RosterSnapshot) =>
  r.participants.filter((p) => !p.isSelf && !p.inLobby).map((p) => p.id);

type Width = 'wide' | 'medium' | 'narrow';
const PX: Record<Width, number> = { wide: WIDE, medium: MEDIUM, narrow: 0 };
const widthOf = (px: number): Width => (px >= WIDE ? 'wide' : px >= MEDIUM ? 'medium' : 'narrow');

/** The width class of an element's box, re-measured as it resizes (wide where nothing measures). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<Width>('wide');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => setWidth(widthOf(el.getBoundingClientRect().width));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

const SELF = '\u0000self';

function Pager(props: {
  m: TilesMessages;
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const { m, page, pages, onPage } = props;
  if (pages <= 1) return null;
  // aria-disabled, not disabled: the focused button stays focused at either end.
  const step = (to: number) => () => {
    if (to >= 0 && to < pages) onPage(to);
  };
  return (
    <div className="g2g-tiles__pager">
      <button
        type="button"
        className="g2g-button g2g-tiles__btn"
        aria-label={m.previousPage}
        title={m.previousPage}
        aria-disabled={page === 0}
        onClick={step(page - 1)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <span aria-live="polite" data-g2g-page={page + 1}>
        {m.page(page + 1, pages)}
      </span>
      <button
        type="button"
        className="g2g-button g2g-tiles__btn"
        aria-label={m.nextPage}
        title={m.nextPage}
        aria-disabled={page >= pages - 1}
        onClick={step(page + 1)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
  );
}

function ShareView({
  m,
  session,
  sharerId,
  stream,
}: Pick<PartProps, 'session'> & {
  m: TilesMessages;
  sharerId: string | null;
  stream: MediaStream | null;
}) {
  const sharer = useParticipant(sharerId ?? '', { session }).state;
  const label = m.share(sharer?.name ?? null);
  return (
    <figure
      className="g2g-vtile g2g-vtile--large g2g-vtile--share"
      aria-label={label}
      data-g2g-share=""
    >
      {stream && <VideoRenderer stream={stream} aria-hidden="true" />}
      <figcaption className="g2g-vtile__name" title={label} aria-hidden="true">
        <span className="g2g-vtile__text">{label}</span>
      </figcaption>
    </figure>
  );
}

/**
 * Video tiles for everyone in a multistream meeting, in three layouts: a
 * responsive `grid`; the `stage` (the pinned participant, else the active
 * speaker, big, the others in a strip); and `share` (the shared screen big,
 * the participants in a strip). The session chooses (share while someone
 * shares, else grid); the layout buttons and pinning (which goes to the
 * stage) change it through the session's multistream actions. Past what
 * fits (9 a page when wide, fewer when narrow) tiles come in pages, with
 * previous and next buttons and "page x of y".
 *
 * Each tile subscribes to its own member's pane and is memoized: a change
 * to one pane re-renders that tile alone. Remote audio is not played here:
 * render one `AudioRenderer` for the meeting (GuestJoin does).
 * @public
 */
export function VideoTiles({
  session,
  messages,
  self = true,
  layoutControls = true,
  className,
  ...rest
}: VideoTilesProps) {
  useTilesStyles();
  const m = useTilesMessages(messages);
  const active = useSession({ session });
  const { state: view, actions } = useMultistream({ session: active, select: selectView });
  const people = useRoster({ session: active, select: selectOthers }).state;
  const selfId = useSelf({ session: active }).state?.id;
  const { ref, width } = useWidth();
  const [page, setPage] = useState(0);

  const layout = view.layout;
  const latestLayout = useRef(layout);
  latestLayout.current = layout;
  // Stable, so memoized tiles never re-render for it.
  const onPinChange = useCallback(
    (memberId: string, pin: boolean) => {
      const done = pin ? actions.pin(memberId) : actions.unpin();
      void done.catch(() => {});
      // Pinning someone puts them on the stage.
      if (pin && latestLayout.current === 'grid') void actions.setLayout('stage').catch(() => {});
    },
    [actions],
  );

  const withVideo = useMemo(() => new Set(view.withVideo.split('\n')), [view.withVideo]);
  const { main, rest: others } = arrange({
    layout,
    people,
    withVideo,
    pinnedId: view.pinnedId,
    speakerId: view.speakerId,
    selfId: self ? (selfId ?? SELF) : null,
  });
  const showsShare = layout === 'share';
  const area = showsShare || main ? 'strip' : 'grid';
  const per = perPage(area, PX[width]);
  const pages = Math.max(1, Math.ceil(others.length / per));
  const current = clampPage(page, pages);
  const shown = others.slice(current * per, current * per + per);
  const cols = area === 'strip' ? per : columns(shown.length, PX[width]);
  const parts = { session: active, messages, onPinChange };
  const tile = (id: string, large = false) =>
    id === SELF || id === selfId ? (
      <VideoTile key={SELF} session={active} messages={messages} large={large} />
    ) : (
      <VideoTile key={id} memberId={id} large={large} {...parts} />
    );

  const choices: VideoLayout[] = view.hasShare ? ['grid', 'stage', 'share'] : ['grid', 'stage'];
  return (
    <div
      {...rest}
      ref={ref}
      className={['g2g-tiles', className].filter(Boolean).join(' ')}
      data-g2g-layout={layout}
      data-g2g-width={width}
    >
      {layoutControls && (
        <div className="g2g-tiles__bar">
          <div className="g2g-tiles__layouts" role="group" aria-label={m.layout}>
            {choices.map((l) => (
              <button
                key={l}
                type="button"
                className="g2g-button g2g-tiles__btn"
                aria-pressed={layout === l}
                onClick={() => void actions.setLayout(l).catch(() => {})}
              >
                {m.layouts[l]}
              </button>
            ))}
          </div>
        </div>
      )}
      {showsShare && (
        <ShareView m={m} session={active} sharerId={view.sharerId} stream={view.shareStream} />
      )}
      {main && <div className="g2g-tiles__main">{tile(main, true)}</div>}
      {!people.length && <p className="g2g-tiles__empty">{m.nobody}</p>}
      {shown.length > 0 && (
        <ul
          className="g2g-tiles__list"
          aria-label={m.region}
          data-g2g-area={area}
          style={{ '--g2g-cols': cols } as CSSProperties}
        >
          {shown.map((id) => (
            <li key={id === selfId ? SELF : id}>{tile(id)}</li>
          ))}
        </ul>
      )}
      <Pager m={m} page={current} pages={pages} onPage={setPage} />
    </div>
  );
}
