import { useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
// Straight from the modules, not the core index: the React entry then depends
// on the shared chunks it uses and nothing else (no bare cross-chunk imports).
import type { MeetingClient } from '../core/client';
import type { Destination } from '../core/destination';
import { MediaError } from '../core/errors';
import type { JoinOptions, JoinSession } from '../core/session';
import {
  EMPTY_ROSTER,
  IDLE,
  NO_LOCAL_MEDIA,
  NO_REMOTE_MEDIA,
  type JoinState,
  type LocalMedia,
  type LocalMediaActions,
  type LocalMediaState,
  type Participant,
  type RemoteMediaSnapshot,
  type RosterSnapshot,
} from '../core/state';
import type { ReadableStore } from '../core/store';
import { JoinSessionContext, MeetingClientContext, useMeetingClient } from './context';
import { getCaptchaFieldProps, getPasswordFieldProps, getSubmitProps } from './prop-getters';

/** A session, or a client whose active session to use. */
export type SessionSource = JoinSession | MeetingClient;

const constant = <T>(value: T): ReadableStore<T> => ({
  getSnapshot: () => value,
  subscribe: () => () => {},
});
const NO_SESSION = constant<JoinSession | null>(null);
const IDLE_STORE = constant<JoinState>(IDLE);
const NO_ROSTER = constant<RosterSnapshot>(EMPTY_ROSTER);
const NO_REMOTE = constant<RemoteMediaSnapshot>(NO_REMOTE_MEDIA);
const notJoined = () =>
  Promise.resolve(new MediaError('not-joined', 'There is no session to use media in.'));
// Without a session, local media is off and every action says so.
const NO_MEDIA: LocalMedia = {
  ...constant(NO_LOCAL_MEDIA),
  start: notJoined,
  stop: notJoined,
  setMuted: notJoined,
  switchDevice: notJoined,
  connect: notJoined,
  listDevices: () => Promise.resolve([]),
};

const isSession = (source: SessionSource): source is JoinSession => 'roster' in source;

/** Subscribes to a store with `useSyncExternalStore` (server snapshot = client snapshot). */
function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * The session a hook works on: `source` when it is a session, else the one
 * from `<JoinSessionProvider>`, else the active session of `source` (a
 * client) or of the `<MeetingClientProvider>` client. `null` when none.
 */
export function useActiveSession(source?: SessionSource | null): JoinSession | null {
  const contextSession = useContext(JoinSessionContext);
  const contextClient = useContext(MeetingClientContext);
  const client = source && !isSession(source) ? source : contextClient;
  const active = useStore(client?.activeSession ?? NO_SESSION);
  return (source && isSession(source) ? source : null) ?? contextSession ?? active;
}

/** The join state, re-rendering only when it changes (never for roster churn). */
export function useJoinState(source?: SessionSource | null): JoinState {
  return useStore(useActiveSession(source) ?? IDLE_STORE);
}

/** Everyone present or waiting in the lobby. The array keeps its identity until someone changes. */
export function useRoster(source?: SessionSource | null): readonly Participant[] {
  const session = useActiveSession(source);
  return useSyncExternalStore(
    (session?.roster ?? NO_ROSTER).subscribe,
    () => (session?.roster ?? NO_ROSTER).getSnapshot().participants,
    () => (session?.roster ?? NO_ROSTER).getSnapshot().participants,
  );
}

/** Self as the roster sees it, re-rendering only when self changes. */
export function useSelf(source?: SessionSource | null): Participant | null {
  const session = useActiveSession(source);
  const roster = session?.roster ?? NO_ROSTER;
  const read = () => roster.getSnapshot().self;
  return useSyncExternalStore(roster.subscribe, read, read);
}

/** Local microphone and camera: their state, and the actions to change them. */
export function useLocalMedia(source?: SessionSource | null): {
  state: LocalMediaState;
  actions: LocalMediaActions;
} {
  const media = useActiveSession(source)?.localMedia ?? NO_MEDIA;
  const state = useStore<LocalMediaState>(media);
  const actions = useMemo<LocalMediaActions>(
    () => ({
      start: media.start,
      stop: media.stop,
      setMuted: media.setMuted,
      switchDevice: media.switchDevice,
      listDevices: media.listDevices,
      connect: media.connect,
    }),
    [media],
  );
  return { state, actions };
}

/** Remote audio, video and share streams (for `<audio>`/`<video>` `srcObject`). */
export function useRemoteMedia(source?: SessionSource | null): RemoteMediaSnapshot {
  return useStore(useActiveSession(source)?.remoteMedia ?? NO_REMOTE);
}

/** Options of {@link useJoinSession}. */
export interface UseJoinSessionOptions extends JoinOptions {
  /** Use this client instead of the provider's. */
  client?: MeetingClient | null;
  /** Join as soon as there is a destination. Default `true`; else call `actions.join()`. */
  autoJoin?: boolean;
}

/** What a UI can do with a join session. Stable for the life of the session. */
export interface JoinSessionActions {
  /** Joins the hook's destination (only needed with `autoJoin: false`, or after leaving). */
  join(): Promise<void>;
  submitPassword: JoinSession['submitPassword'];
  submitHostKey: JoinSession['submitHostKey'];
  refreshCaptcha: JoinSession['refreshCaptcha'];
  leave: JoinSession['leave'];
  endForAll: JoinSession['endForAll'];
  admit: JoinSession['admit'];
  retry: JoinSession['retry'];
}

/** What {@link useJoinSession} returns. */
export interface UseJoinSessionResult {
  state: JoinState;
  actions: JoinSessionActions;
  session: JoinSession;
  /** Props for the password input (see {@link getPasswordFieldProps}). */
  getPasswordFieldProps: (
    props?: Parameters<typeof getPasswordFieldProps>[1],
  ) => ReturnType<typeof getPasswordFieldProps>;
  /** Props for the captcha input (see {@link getCaptchaFieldProps}). */
  getCaptchaFieldProps: (
    props?: Parameters<typeof getCaptchaFieldProps>[1],
  ) => ReturnType<typeof getCaptchaFieldProps>;
  /** Props for the submit button (see {@link getSubmitProps}). */
  getSubmitProps: (
    props?: Parameters<typeof getSubmitProps>[1],
  ) => ReturnType<typeof getSubmitProps>;
}

const keyOf = (d: string | Destination | null | undefined) =>
  d == null ? null : typeof d === 'string' ? d : `${d.type}:${d.value}`;

/**
 * Joins `destination` for as long as the component is mounted, and leaves
 * when it unmounts (also mid-join). StrictMode's mount-unmount-mount joins
 * once: the unmount's leave is deferred to a microtask and cancelled by the
 * remount. A new destination gets a new session. `null` waits.
 */
export function useJoinSession(
  destination: string | Destination | null | undefined,
  options: UseJoinSessionOptions,
): UseJoinSessionResult {
  const client = useMeetingClient(options.client);
  const key = keyOf(destination);
  const session = useMemo(() => {
    void key; // a new destination gets a new session
    return client.createSession();
  }, [client, key]);
  const latest = useRef({ destination, options });
  latest.current = { destination, options };
  const pendingLeave = useRef<{ session: JoinSession; cancelled: boolean } | null>(null);

  useEffect(() => {
    if (pendingLeave.current?.session === session) pendingLeave.current.cancelled = true;
    const { destination: d, options: o } = latest.current;
    if (d != null && o.autoJoin !== false) void session.join(d, o);
    return () => {
      const pending = { session, cancelled: false };
      pendingLeave.current = pending;
      queueMicrotask(() => {
        if (!pending.cancelled) void session.leave();
      });
    };
  }, [session]);

  const state = useStore(session);
  const actions = useMemo<JoinSessionActions>(
    () => ({
      join: () => {
        const { destination: d, options: o } = latest.current;
        return d == null ? Promise.resolve() : session.join(d, o);
      },
      submitPassword: session.submitPassword,
      submitHostKey: session.submitHostKey,
      refreshCaptcha: session.refreshCaptcha,
      leave: session.leave,
      endForAll: session.endForAll,
      admit: session.admit,
      retry: session.retry,
    }),
    [session],
  );
  return {
    state,
    actions,
    session,
    getPasswordFieldProps: (props) => getPasswordFieldProps(state, props),
    getCaptchaFieldProps: (props) => getCaptchaFieldProps(state, props),
    getSubmitProps: (props) => getSubmitProps(state, props),
  };
}
