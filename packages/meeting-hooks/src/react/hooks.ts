import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
} from 'react';
// Straight from the modules, not the core index: the React entry then depends
// on the shared chunks it uses and nothing else (no bare cross-chunk imports).
import type { Destination } from '../core/destination';
import type { MediaError } from '../core/errors';
import type { JoinOptions, JoinSession, SessionActions } from '../core/session';
import type {
  JoinState,
  LocalDeviceState,
  LocalMediaActions,
  LocalMediaState,
  MultistreamActions,
  MultistreamSnapshot,
  NetworkQualitySnapshot,
  Participant,
  RemoteMediaSnapshot,
  VideoPane,
  RosterSnapshot,
  TrackKind,
} from '../core/state';
import { useMeetingClient, useSession, type ClientOption, type SessionOption } from './context';
import { mergeProps } from './merge-props';
import {
  captchaFieldProps,
  passwordFieldProps,
  submitProps,
  type PropGetter,
} from './prop-getters';
import { useStore, useStoreSelector } from './store';

type InputProps = InputHTMLAttributes<HTMLInputElement>;
type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

/**
 * What the actions of a session are, bound and stable for its life.
 * @public
 */
export type JoinActions = Readonly<SessionActions>;

const actionsOf = (session: JoinSession): JoinActions => ({
  submitPassword: session.submitPassword,
  submitHostKey: session.submitHostKey,
  refreshCaptcha: session.refreshCaptcha,
  leave: session.leave,
  endForAll: session.endForAll,
  admit: session.admit,
  muteParticipant: session.muteParticipant,
  removeParticipant: session.removeParticipant,
  setLocked: session.setLocked,
  retry: session.retry,
});
const useActions = (session: JoinSession) => useMemo(() => actionsOf(session), [session]);

/**
 * The join state and the actions that move it along. Re-renders on join-state
 * changes only (never for roster churn).
 * @public
 */
export function useJoinState(options: SessionOption = {}): {
  state: JoinState;
  actions: JoinActions;
} {
  const session = useSession(options);
  return { state: useStore(session), actions: useActions(session) };
}

/**
 * What a host can do with the people in the roster.
 * @public
 */
export interface RosterActions {
  /** Lets people in from the lobby (host only; rejects with a `JoinError`). */
  admit: SessionActions['admit'];
}

/**
 * Options of {@link useRoster}.
 * @public
 */
export interface UseRosterOptions<T> extends SessionOption {
  /**
   * Picks what this component shows, e.g. `r => r.participants.filter(p => p.inLobby)`:
   * it then re-renders only when that changes. Default: the whole roster.
   */
  select?: (roster: RosterSnapshot) => T;
  /** How two selections compare. Default {@link shallowEqual}. */
  isEqual?: (a: T, b: T) => boolean;
}

const identity = <T>(x: T) => x;

/**
 * The roster (everyone present or waiting, and self), or the slice `select`
 * picks of it. Participants keep their identity until they change, so a
 * selector over a large roster re-renders only for the people it shows.
 * @public
 */
export function useRoster<T = RosterSnapshot>(
  options: UseRosterOptions<T> = {},
): { state: T; actions: RosterActions } {
  const session = useSession(options);
  const select = (options.select ?? identity) as (r: RosterSnapshot) => T;
  const state = useStoreSelector(session.roster, select, options.isEqual);
  const actions = useMemo(() => ({ admit: session.admit }), [session]);
  return { state, actions };
}

// One id index per roster snapshot, shared by every tile that looks someone up.
const indexes = new WeakMap<RosterSnapshot, Map<string, Participant>>();
function byId(roster: RosterSnapshot, id: string): Participant | null {
  let index = indexes.get(roster);
  if (!index) indexes.set(roster, (index = new Map(roster.participants.map((p) => [p.id, p]))));
  return index.get(id) ?? null;
}

/**
 * One participant by id (`null` when not, or no longer, in the roster).
 * Re-renders only when that participant changes.
 * @public
 */
export function useParticipant(
  id: string,
  options: SessionOption = {},
): { state: Participant | null; actions: RosterActions } {
  const select = useCallback((r: RosterSnapshot) => byId(r, id), [id]);
  return useRoster({ ...options, select, isEqual: Object.is });
}

const selectSelf = (r: RosterSnapshot) => r.self;

/**
 * Self as the roster sees it (`null` until the roster names self).
 * @public
 */
export function useSelf(options: SessionOption = {}): { state: Participant | null } {
  return { state: useRoster({ ...options, select: selectSelf, isEqual: Object.is }).state };
}

/**
 * Local microphone and camera: their state and the actions that change them.
 * @public
 */
export function useLocalMedia(options: SessionOption = {}): {
  state: LocalMediaState;
  actions: LocalMediaActions;
} {
  const media = useSession(options).localMedia;
  const state = useStore<LocalMediaState>(media);
  const actions = useMemo<LocalMediaActions>(
    () => ({
      start: media.start,
      stop: media.stop,
      setMuted: media.setMuted,
      switchDevice: media.switchDevice,
      listDevices: media.listDevices,
      connect: media.connect,
      startShare: media.startShare,
      stopShare: media.stopShare,
    }),
    [media],
  );
  return { state, actions };
}

/**
 * Remote audio, video and share streams.
 * @public
 */
export function useRemoteMedia(options: SessionOption = {}): { state: RemoteMediaSnapshot } {
  return { state: useStore(useSession(options).remoteMedia) };
}

/**
 * Options of {@link useMultistream}: a `select`ion re-renders only when it changes.
 * @public
 */
export interface UseMultistreamOptions<T> extends SessionOption {
  select?: (snapshot: MultistreamSnapshot) => T;
  isEqual?: (a: T, b: T) => boolean;
}

const whole = (s: MultistreamSnapshot) => s;

/**
 * Remote panes (multistream): which mode media runs in, the layout, the
 * panes, active speakers, the share and the meeting's one remote audio
 * stream; and the layout and pin actions.
 * @public
 */
export function useMultistream<T = MultistreamSnapshot>(
  options: UseMultistreamOptions<T> = {},
): { state: T; actions: MultistreamActions } {
  const ms = useSession(options).multistream;
  const state = useStoreSelector(
    ms,
    (options.select ?? whole) as (s: MultistreamSnapshot) => T,
    options.isEqual,
  );
  const actions = useMemo<MultistreamActions>(
    () => ({ setLayout: ms.setLayout, pin: ms.pin, unpin: ms.unpin }),
    [ms],
  );
  return { state, actions };
}

/**
 * One video pane by id: re-renders only when that pane changes (the store
 * keeps every other pane's object), so a tile per pane re-renders alone.
 * @public
 */
export function useVideoPane(id: string, options: SessionOption = {}): VideoPane | null {
  const select = useCallback(
    (s: MultistreamSnapshot) => s.panes.find((p) => p.id === id) ?? null,
    [id],
  );
  return useMultistream({ ...options, select, isEqual: Object.is }).state;
}

/**
 * Network quality of the media connection (`overall`, `audio`, `video`:
 * `unknown`, `good` or `poor`), as the SDK reports it. For a quality
 * indicator; the join state's `reconnecting` says when the connection is down.
 * @public
 */
export function useNetworkQuality(options: SessionOption = {}): {
  state: NetworkQualitySnapshot;
} {
  return { state: useStore(useSession(options).networkQuality) };
}

/**
 * Options of {@link useMediaToggle}.
 * @public
 */
export interface UseMediaToggleOptions extends SessionOption {
  kind: TrackKind;
  /**
   * `mute` keeps the device running and mutes it (the microphone's default);
   * `device` starts and stops it (the camera's default: the light goes off).
   */
  mode?: 'mute' | 'device';
  /** Your button props, merged into `buttonProps`. */
  props?: ButtonProps;
}

/**
 * A microphone or camera switch: whether it is `enabled` (sending), whether a
 * change is `pending`, and `buttonProps` for a `<button>` (`aria-pressed`,
 * `aria-busy`, `data-g2g-enabled`, the click handler).
 * @public
 */
export function useMediaToggle(options: UseMediaToggleOptions): {
  state: LocalDeviceState;
  enabled: boolean;
  pending: boolean;
  actions: { toggle(): Promise<MediaError | null> };
  buttonProps: ButtonProps;
} {
  const { kind } = options;
  const mode = options.mode ?? (kind === 'microphone' ? 'mute' : 'device');
  const { state: media, actions: a } = useLocalMedia(options);
  const device = media[kind];
  const [busy, setBusy] = useState(false);
  const on = device.status === 'on';
  const enabled = on && !device.muted;
  const pending = busy || device.status === 'starting';
  const latest = useRef({ device, mode });
  latest.current = { device, mode };
  const toggle = useCallback(async () => {
    const { device: d, mode: m } = latest.current;
    setBusy(true);
    try {
      if (d.status !== 'on') {
        const error = await a.start(kind);
        if (!error && d.muted) return await a.setMuted(kind, false);
        return error;
      }
      return m === 'mute' ? await a.setMuted(kind, !d.muted) : await a.stop(kind);
    } finally {
      setBusy(false);
    }
  }, [a, kind]);
  const buttonProps = mergeProps<ButtonProps>(
    {
      type: 'button',
      'aria-pressed': enabled,
      'aria-busy': pending,
      'data-g2g-enabled': enabled,
      onClick: () => void toggle(),
    } as ButtonProps,
    options.props,
  );
  return { state: device, enabled, pending, actions: { toggle }, buttonProps };
}

/**
 * The password (or host key) form of the current session: the state and
 * prop-getters for the secret field, the captcha field and the submit button.
 * @public
 */
export function usePasswordForm(options: SessionOption = {}): {
  state: JoinState;
  actions: JoinActions;
  getPasswordFieldProps: PropGetter<InputProps>;
  getCaptchaFieldProps: PropGetter<InputProps>;
  getSubmitProps: PropGetter<ButtonProps>;
} {
  const { state, actions } = useJoinState(options);
  return { state, actions, ...getters(state) };
}

const getters = (state: JoinState) => ({
  getPasswordFieldProps: (props?: InputProps) => passwordFieldProps(state, props),
  getCaptchaFieldProps: (props?: InputProps) => captchaFieldProps(state, props),
  getSubmitProps: (props?: ButtonProps) => submitProps(state, props),
});

/**
 * Options of {@link useJoinSession}.
 * @public
 */
export interface UseJoinSessionOptions extends Partial<JoinOptions>, ClientOption {
  /** Join as soon as there is a destination. Default `true`; else call `actions.join()`. */
  autoJoin?: boolean;
}

/**
 * What {@link useJoinSession} returns.
 * @public
 */
export interface UseJoinSessionResult {
  state: JoinState;
  actions: JoinActions & {
    /** Joins the hook's destination (with `autoJoin: false`, or after leaving). */
    join(): Promise<void>;
    /** Connects and looks the destination up without joining (see `JoinSession.prepare`). */
    prepare(): Promise<void>;
  };
  session: JoinSession;
  getPasswordFieldProps: PropGetter<InputProps>;
  getCaptchaFieldProps: PropGetter<InputProps>;
  getSubmitProps: PropGetter<ButtonProps>;
}

const keyOf = (d: string | Destination | null | undefined) =>
  d == null ? null : typeof d === 'string' ? d : `${d.type}:${d.value}`;

/**
 * A session for `destination` that lives as long as the component: it joins
 * on mount (unless `autoJoin: false`) and leaves on unmount, also mid-join.
 * StrictMode's mount-unmount-mount joins once: the unmount's leave is
 * deferred to a microtask and cancelled by the remount. A new destination
 * gets a new session; `null` waits. Most apps use `<WebexMeeting>`, which
 * calls this and provides the session to its children.
 * @public
 */
export function useJoinSession(
  destination: string | Destination | null | undefined,
  options: UseJoinSessionOptions = {},
): UseJoinSessionResult {
  const own = useOwnSession(destination, options);
  return { ...own, ...getters(own.state) };
}

/** {@link useJoinSession} without the prop-getters (what `<WebexMeeting>` needs). */
export function useOwnSession(
  destination: string | Destination | null | undefined,
  options: UseJoinSessionOptions,
): Omit<UseJoinSessionResult, keyof ReturnType<typeof getters>> {
  const client = useMeetingClient(options);
  const key = keyOf(destination);
  const session = useMemo(() => {
    void key; // a new destination gets a new session
    return client.createSession();
  }, [client, key]);
  const latest = useRef({ destination, options });
  latest.current = { destination, options };
  const pendingLeave = useRef<{ session: JoinSession; cancelled: boolean } | null>(null);

  const join = useCallback(() => {
    const { destination: d, options: o } = latest.current;
    const { client: _c, autoJoin: _a, ...joinOptions } = o;
    return d == null
      ? Promise.resolve()
      : // No default name: without displayName the guest token's name is shown.
        session.join(d, joinOptions);
  }, [session]);

  useEffect(() => {
    if (pendingLeave.current?.session === session) pendingLeave.current.cancelled = true;
    if (latest.current.options.autoJoin !== false) void join();
    return () => {
      const pending = { session, cancelled: false };
      pendingLeave.current = pending;
      queueMicrotask(() => {
        if (!pending.cancelled) void session.leave();
      });
    };
  }, [session, join]);

  const state = useStore(session);
  const base = useActions(session);
  const actions = useMemo(
    () => ({
      ...base,
      join,
      prepare: () => {
        const d = latest.current.destination;
        return d == null ? Promise.resolve() : session.prepare(d);
      },
    }),
    [base, join, session],
  );
  return { state, actions, session };
}
