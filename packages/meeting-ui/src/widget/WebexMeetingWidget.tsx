import { lazy, Suspense, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  JoinError,
  parseDestination,
  type JoinErrorCode,
  type ParseDestinationResult,
} from '@g2g/meeting-hooks';
import { useMessages, type MessageOverrides } from '../i18n/context';
import type { Messages } from '../i18n/en';
import { MeetingUiRoot, type Theme } from '../theme/Root';
import { observeWidgetState, type WidgetState } from './dom-states';
import { WidgetErrorBoundary } from './ErrorBoundary';
import { mountIsolated } from './isolated-root';
import { toStockLayout, type WidgetLayout } from './layout';
import { PREFILL_DELAY_MS, prefillGuestForm } from './prefill';
import { resolveWidgetToken } from './token';
import type { WidgetDiscovery } from './discovery';

const StockWidget = lazy(() => import('./stock-widget'));

/**
 * Props of {@link WebexMeetingWidget}. Give `accessToken` or `getAccessToken`.
 * @public
 */
export interface WebexMeetingWidgetProps {
  accessToken?: string;
  /** Called once per mount (and per retry) for the token the widget is given. */
  getAccessToken?: () => Promise<string> | string;
  /** Meeting number, SIP address or link; checked with `parseDestination` first. */
  destination: string;
  displayName?: string;
  /** Filled into the widget's own password form, so a wrong one is still asked again. */
  password?: string;
  layout?: WidgetLayout;
  /** Which controls to show, in the meeting (`true`) and before it. */
  controls?: (inMeeting: boolean) => string[];
  theme?: Theme;
  className?: string;
  style?: CSSProperties;
  /** How long the widget may show its loading logo before `onError(timeout)`. Default 30 s. */
  connectTimeoutMs?: number;
  onStateChange?: (state: WidgetState) => void;
  onJoined?: () => void;
  onLeft?: () => void;
  onError?: (error: JoinError) => void;
  messages?: MessageOverrides;
  /**
   * Extra domains accepted as Webex in links and SIP addresses, as for
   * `parseDestination`. Only Webex's own: the guest's token goes to them.
   */
  webexDomains?: readonly string[];
  /**
   * Where the widget's SDK discovers Webex's services (a local cloud such as
   * `@g2g/webex-sim`: `discoveryFor(simUrl)`). Works in every build: it is set
   * at run time, before the widget makes its SDK. Without it, Webex's own.
   * Every widget's SDK on the page shares these: the last one given applies.
   */
  discovery?: WidgetDiscovery;
}

type Problem = { error: JoinError; retry: boolean };

/**
 * Whether webex@2.60.4 (the widget's SDK) takes `link` for a meeting link.
 * It decides from the text alone, before asking Webex anything:
 * `MeetingInfoUtil.isMeetingLink` in @webex/plugin-meetings 2.60.4
 * (meeting-info/utilv2.js) wants a host containing `webex.com` and a path
 * containing `/meet`, `/m` or `/join`. Anything else, `j.php?MTID=` links
 * included, it takes for a 1:1 call: no meetingInfo, no password prompt, a
 * widget that never gets anywhere.
 */
function stockSdkTakesLink(link: string): boolean {
  const { hostname, pathname } = new URL(link);
  return (
    hostname.includes('webex.com') && ['/meet', '/m', '/join'].some((p) => pathname.includes(p))
  );
}

/**
 * `parseDestination`, narrowed to what the stock widget can join: it calls
 * `create()` without a type, so the SDK classifies the text itself. It never
 * recognises a bare meeting number, nor links it does not take for links
 * (see {@link stockSdkTakesLink}): the widget would spin forever. Say so instead.
 */
function widgetDestination(
  destination: string,
  webexDomains?: readonly string[],
): ParseDestinationResult {
  const parsed = parseDestination(destination, webexDomains ? { webexDomains } : {});
  if (!parsed.ok) return parsed;
  const { type, value } = parsed.destination;
  if (type === 'MEETING_ID')
    return {
      ok: false,
      error: new JoinError(
        'invalid-destination',
        'The Webex widget cannot join by meeting number. Use the meeting’s SIP address or link, or GuestJoin.',
        { reason: 'widget-meeting-number' },
      ),
    };
  if (type === 'MEETING_LINK' && !stockSdkTakesLink(value))
    return {
      ok: false,
      error: new JoinError(
        'invalid-destination',
        'The Webex widget cannot join by this kind of link (its SDK recognises only /meet/, /m/ and /join/ links). Use the meeting’s SIP address, or GuestJoin.',
        { reason: 'widget-link-form' },
      ),
    };
  return parsed;
}

const PROBLEM_TEXT: Partial<Record<JoinErrorCode, keyof Messages>> = {
  timeout: 'widgetTimeout',
  unknown: 'widgetCrashed',
};

function Notice({ problem, onRetry, m }: { problem: Problem; onRetry: () => void; m: Messages }) {
  const key =
    problem.error.reason === 'widget-meeting-number'
      ? 'widgetMeetingNumber'
      : problem.error.reason === 'widget-link-form'
        ? 'widgetLinkForm'
        : PROBLEM_TEXT[problem.error.code];
  const text = key ? (m[key] as string) : m.errors[problem.error.code];
  return (
    <div className="g2g-step">
      <p className="g2g-error" role="alert">
        {text}
      </p>
      {problem.retry && (
        <div className="g2g-row">
          <button type="button" className="g2g-button g2g-button--primary" onClick={onRetry}>
            {m.retry}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The stock Webex meetings widget (`@webex/widgets`), made safe: the
 * destination is checked before anything loads (a space id is refused with
 * the 30105 guidance), loading is bounded by `connectTimeoutMs`, crashes stay
 * inside, StrictMode makes one SDK, and what the widget shows is reported
 * through callbacks. The widget and its SDK load lazily on first render.
 *
 * The callbacks are derived from the widget's DOM, its only observable
 * surface: a MutationObserver on the wrapper reads which of the widget's
 * views is rendered (`.wxc-meeting__loading-logo`, `.wxc-interstitial-meeting`,
 * `.wxc-meeting-guest-authentication`, `.wxc-in-meeting`, …; see
 * `readWidgetState`). `onJoined` fires on entering `joined`, `onLeft` on
 * entering `left`.
 * @public
 */
export function WebexMeetingWidget(props: WebexMeetingWidgetProps) {
  const { accessToken, destination, theme = 'light', connectTimeoutMs = 30_000 } = props;
  const m = useMessages(props.messages);
  const latest = useRef(props);
  latest.current = props;
  const parsed = useMemo(
    () => widgetDestination(destination, props.webexDomains),
    [destination, props.webexDomains],
  );
  const [attempt, setAttempt] = useState(0);
  const [token, setToken] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const reached = useRef(false);

  const report = (error: JoinError, retry: boolean) => {
    setProblem({ error, retry });
    latest.current.onError?.(error);
  };
  const reportRef = useRef(report);
  reportRef.current = report;

  const valid = parsed.ok;
  useEffect(() => {
    if (!parsed.ok) latest.current.onError?.(parsed.error);
  }, [parsed]);

  // A new token, destination or retry starts a new attempt: fetch the token,
  // then mount (keyed, so the widget reads the new token) under a deadline.
  useEffect(() => {
    if (!valid) return;
    let live = true;
    reached.current = false;
    setToken(null);
    setProblem(null);
    const deadline =
      connectTimeoutMs > 0
        ? setTimeout(() => {
            if (live && !reached.current)
              reportRef.current(
                new JoinError('timeout', 'The meeting widget did not load in time.', {
                  retryable: true,
                  reason: 'widget',
                }),
                true,
              );
          }, connectTimeoutMs)
        : undefined;
    // connectTimeoutMs is read when an attempt starts; changing it does not restart one.
    resolveWidgetToken(accessToken, latest.current.getAccessToken).then(
      (t) => live && setToken(t),
      (error: JoinError) => {
        if (!live) return;
        clearTimeout(deadline);
        reportRef.current(error, error.retryable);
      },
    );
    return () => {
      live = false;
      clearTimeout(deadline);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see connectTimeoutMs above
  }, [valid, destination, accessToken, attempt]);

  const onState = (state: WidgetState) => {
    if (state !== 'loading') reached.current = true;
    const p = latest.current;
    if (state === 'password-required' && (p.displayName || p.password)) {
      setTimeout(() => {
        const el = host.current;
        if (el) prefillGuestForm(el, { name: p.displayName, password: p.password });
      }, PREFILL_DELAY_MS);
    }
    p.onStateChange?.(state);
    if (state === 'joined') p.onJoined?.();
    if (state === 'left') p.onLeft?.();
  };
  const onStateRef = useRef(onState);
  onStateRef.current = onState;

  const host = useRef<HTMLDivElement>(null);
  const mounted = !!token && !problem && valid;
  const stockProps = {
    accessToken: token ?? '',
    // What parseDestination normalised (`sip:` and `;transport` dropped,
    // brackets trimmed, links made https), not what the guest pasted.
    meetingDestination: parsed.ok ? parsed.destination.value : '',
    participantName: props.displayName,
    layout: toStockLayout(props.layout),
    controls: props.controls,
    className: [`wxc-theme-${theme}`, props.className].filter(Boolean).join(' '),
    style: props.style,
    discovery: props.discovery,
  };
  const render = () => (
    <WidgetErrorBoundary
      onError={(cause) =>
        reportRef.current(
          new JoinError('unknown', 'The meeting widget crashed.', { cause, retryable: true }),
          true,
        )
      }
    >
      <Suspense fallback={<p className="g2g-muted">{m.widgetLoading}</p>}>
        <StockWidget {...latestStock.current} />
      </Suspense>
    </WidgetErrorBoundary>
  );
  const latestStock = useRef(stockProps);
  latestStock.current = stockProps;
  const renderRef = useRef(render);
  renderRef.current = render;
  const mount = useRef<ReturnType<typeof mountIsolated> | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!mounted || !el) return;
    const stop = observeWidgetState(el, (s) => onStateRef.current(s));
    const isolated = mountIsolated(el, () => renderRef.current());
    mount.current = isolated;
    return () => {
      stop();
      mount.current = null;
      isolated.unmount();
    };
  }, [mounted, token, destination, attempt]);

  // Pass-through props (layout, controls, theme, style) re-render in place.
  useEffect(() => {
    mount.current?.update();
  });

  return (
    <MeetingUiRoot theme={theme} className="g2g-widget" label={m.widgetRegion}>
      {!parsed.ok ? (
        <Notice problem={{ error: parsed.error, retry: false }} onRetry={() => {}} m={m} />
      ) : problem ? (
        <Notice problem={problem} onRetry={() => setAttempt((a) => a + 1)} m={m} />
      ) : (
        <>
          {!token && (
            <p className="g2g-muted" role="status">
              {m.widgetLoading}
            </p>
          )}
          <div ref={host} className="g2g-widget__host" />
        </>
      )}
    </MeetingUiRoot>
  );
}
