import type { cleanDisplayName } from '@g2g/webex-spec';
import type { Destination, ParseDestinationResult } from './destination';
import { JoinError, isJoinError } from './errors';
import type { SdkMeeting, SdkWebex } from './sdk-types';
import {
  EMPTY_ROSTER,
  IDLE,
  NO_LOCAL_MEDIA,
  NO_MULTISTREAM,
  NO_REMOTE_MEDIA,
  UNKNOWN_NETWORK_QUALITY,
  type JoinState,
  type LocalMedia,
  type LocalMediaActions,
  type LocalMediaState,
  type Multistream,
  type MultistreamActions,
  type MultistreamSnapshot,
  type NetworkQualitySnapshot,
  type RemoteMediaSnapshot,
  type RosterSnapshot,
} from './state';
import { createStore, type ReadableStore, type WritableStore } from './store';
import type { JoinTimeouts } from './timeout';
import type * as EngineModule from './engine';

/**
 * Options of {@link JoinSession.join}.
 * @public
 */
export interface JoinOptions {
  /**
   * A name to show others instead of the one in the guest token (the SDK's
   * `alias`). Leave it out when your server named the guest at token mint:
   * the name then has one owner and is cleaned once, there. When given, it
   * is cleaned by the same rule (`cleanDisplayName` of `@g2g/webex-spec`);
   * a name that rule refuses fails the join with `invalid-display-name`.
   */
  displayName?: string;
  /** Tried once, automatically, if the meeting asks for a password. */
  password?: string;
  /**
   * Join as host: tried once as the password if one is asked for (Webex
   * accepts a host key there), else sent as the PIN; joins as moderator.
   */
  hostKey?: string;
  /**
   * Open a media connection once joined (send started devices, receive
   * remote audio and video). Off by default: joining needs no media.
   */
  media?: boolean;
  /**
   * Receive a video pane per participant (Webex multistream) rather than one
   * composed stream. On by default with webex@3; webex@2.60.4 has no
   * multistream and ignores it. If the media server refuses, the SDK falls
   * back to transcoded by itself and `multistream.mode` says `transcoded`.
   */
  multistream?: boolean;
}

/**
 * The actions of a session that run in the lazily loaded engine.
 * @public
 */
export interface SessionActions {
  /** Sends the password (and the captcha code when one is shown). */
  submitPassword(password: string, captchaCode?: string): Promise<void>;
  /**
   * Sends a host key instead of the password, then joins as host. Only while
   * `password-required`; to join as host where no password is asked, pass
   * `hostKey` in the join options (it is then sent as the PIN).
   */
  submitHostKey(hostKey: string, captchaCode?: string): Promise<void>;
  /** Fetches a new captcha image, then republishes `password-required`. */
  refreshCaptcha(): Promise<void>;
  /** Leaves (or abandons the join), releasing devices. Safe in any state. */
  leave(): Promise<void>;
  /** Host only: ends the meeting for everyone. Rejects with a {@link JoinError}. */
  endForAll(): Promise<void>;
  /** Host only: lets people in from the lobby. Rejects with a {@link JoinError}. */
  admit(memberIds: string | readonly string[]): Promise<void>;
  /**
   * Host only: mutes someone's microphone (`meeting.mute`). Webex lets a host
   * mute others, not unmute them. Rejects with a {@link JoinError}.
   */
  muteParticipant(memberId: string): Promise<void>;
  /** Host only: removes someone from the meeting (`meeting.remove`). Rejects with a {@link JoinError}. */
  removeParticipant(memberId: string): Promise<void>;
  /**
   * Host only: locks the meeting (later guests wait in the lobby) or unlocks
   * it. Rejects with a {@link JoinError}.
   */
  setLocked(locked: boolean): Promise<void>;
  /** Starts over with the same destination, renewing the token first if it expired. */
  retry(): Promise<void>;
}

/**
 * One attempt to be in one meeting: a store of {@link JoinState} for
 * `useSyncExternalStore`, plus the actions that move it along. Join problems
 * never reject: they end in the `failed` state. Only the host actions reject.
 * @public
 */
export interface JoinSession extends ReadableStore<JoinState>, SessionActions {
  /** Everyone present or waiting, and self. A separate store: roster churn never touches the join state. */
  readonly roster: ReadableStore<RosterSnapshot>;
  /** Microphone, camera and the media connection. */
  readonly localMedia: LocalMedia;
  /** Remote audio, video and share streams (transcoded: one of each). */
  readonly remoteMedia: ReadableStore<RemoteMediaSnapshot>;
  /** Multistream: a pane per participant, the layout, active speakers, the share; and which mode media runs in. */
  readonly multistream: Multistream;
  /** Network quality of the media connection, as the SDK reports it (`network:quality`). */
  readonly networkQuality: ReadableStore<NetworkQualitySnapshot>;
  /** The SDK meeting object, for what this package does not cover. */
  readonly meeting: unknown;
  /**
   * Gets ready to join `destination` without joining: connects the client
   * (init, register, websocket) and looks the meeting up (meetingInfo), so a
   * later {@link JoinSession.join} of the same destination goes straight to
   * the password prompt or into the meeting. Only while `idle`; the state does
   * not change. Never rejects: a failed preparation is simply redone by the
   * join. {@link JoinSession.dispose} (or the client's) cancels it.
   */
  prepare(destination: string | Destination): Promise<void>;
  /**
   * Starts joining. Ignored while a join is under way, so a double mount or
   * a double click joins once. The destination is parsed first: invalid
   * input and space ids fail here, before anything loads.
   */
  join(destination: string | Destination, options?: JoinOptions): Promise<void>;
  /** Leaves and forgets this session. */
  dispose(): Promise<void>;
}

/**
 * What a session needs from its client.
 * @internal
 */
export interface SessionHost {
  readonly timeouts: Readonly<JoinTimeouts>;
  readonly webexDomains: readonly string[];
  connect(): Promise<SdkWebex>;
  tokenExpired(): boolean;
  renewToken(): Promise<void>;
  /** Loads the engine (the code that drives the SDK), with the SDK. */
  load(): Promise<typeof EngineModule>;
  activate(session: JoinSession): void;
  release(session: JoinSession): void;
}

/**
 * The stores a session's engine writes to.
 * @internal
 */
export interface SessionStores {
  state: WritableStore<JoinState>;
  roster: WritableStore<RosterSnapshot>;
  remote: WritableStore<RemoteMediaSnapshot>;
  media: WritableStore<LocalMediaState>;
  multistream: WritableStore<MultistreamSnapshot>;
  network: WritableStore<NetworkQualitySnapshot>;
}

/**
 * What the engine gives a session.
 * @internal
 */
export interface SessionEngine extends SessionActions, LocalMediaActions, MultistreamActions {
  readonly meeting: SdkMeeting | undefined;
  parse(input: string, webexDomains: readonly string[] | undefined): ParseDestinationResult;
  cleanName: typeof cleanDisplayName;
  prepare(destination: Destination): Promise<void>;
  begin(destination: Destination, options: JoinOptions): Promise<void>;
}

const MEDIA_ACTIONS = [
  'start',
  'stop',
  'setMuted',
  'switchDevice',
  'listDevices',
  'connect',
  'startShare',
  'stopShare',
] as const;
const MULTISTREAM_ACTIONS = ['setLayout', 'pin', 'unpin'] as const;
const SESSION_ACTIONS = [
  'submitPassword',
  'submitHostKey',
  'refreshCaptcha',
  'endForAll',
  'admit',
  'muteParticipant',
  'removeParticipant',
  'setLocked',
] as const;

/**
 * Creates a join session. Use `client.createSession()`. Pure: the stores
 * exist at once, the engine loads on the first action.
 * @internal
 */
export function createJoinSession(host: SessionHost): JoinSession {
  const stores: SessionStores = {
    state: createStore(IDLE),
    roster: createStore(EMPTY_ROSTER),
    remote: createStore(NO_REMOTE_MEDIA),
    media: createStore(NO_LOCAL_MEDIA),
    multistream: createStore(NO_MULTISTREAM),
    network: createStore(UNKNOWN_NETWORK_QUALITY),
  };
  const { state } = stores;
  let loaded: SessionEngine | undefined;
  let loading: Promise<SessionEngine> | undefined;
  let lastJoin: [string | Destination, JoinOptions] | undefined;
  const engine = () =>
    (loading ??= host.load().then(
      (e) => (loaded = e.createSessionEngine(host, stores, session)),
      (error: unknown) => {
        loading = undefined; // a failed chunk load may succeed next time
        throw error;
      },
    ));
  // Each action runs in the engine: at once when it is loaded (so state changes
  // synchronously, as UIs expect), else once it has loaded.
  const forward = <K extends keyof SessionEngine>(names: readonly K[]) =>
    Object.fromEntries(
      names.map((name) => {
        const run = (e: SessionEngine, args: unknown[]) =>
          (e[name] as (...a: unknown[]) => Promise<unknown>)(...args);
        return [
          name,
          (...args: unknown[]) => (loaded ? run(loaded, args) : engine().then((e) => run(e, args))),
        ];
      }),
    ) as unknown as Pick<SessionEngine, K>;

  // Destinations are parsed in the engine (the parser is most of its weight),
  // which is loaded by then whenever the session was prepared; otherwise
  // parsing waits for that chunk, never for the SDK.
  const parse = (e: SessionEngine, input: string | Destination) =>
    typeof input === 'string'
      ? e.parse(input, host.webexDomains)
      : ({ ok: true, destination: input } as const);
  // At once when the engine is there (so state changes synchronously, as UIs expect).
  const withEngine = <T>(run: (e: SessionEngine) => T | Promise<T>): Promise<T> => {
    if (!loaded) return engine().then(run);
    try {
      return Promise.resolve(run(loaded));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  let starting = false;
  const busy = () => starting || !['idle', 'left', 'failed'].includes(state.getSnapshot().status);

  const session: JoinSession = {
    ...state,
    ...forward(SESSION_ACTIONS),
    roster: stores.roster,
    remoteMedia: stores.remote,
    networkQuality: stores.network,
    localMedia: { ...stores.media, ...forward(MEDIA_ACTIONS) },
    multistream: { ...stores.multistream, ...forward(MULTISTREAM_ACTIONS) },
    get meeting() {
      return loaded?.meeting;
    },
    prepare(input) {
      if (state.getSnapshot().status !== 'idle') return Promise.resolve();
      host.activate(session);
      return withEngine((e) => {
        const parsed = parse(e, input);
        // A destination that cannot be joined fails now, not on the click.
        if (!parsed.ok) return state.set({ status: 'failed', error: parsed.error });
        return e.prepare(parsed.destination);
      }).catch(() => undefined);
    },
    join(input, given = {}) {
      if (busy()) return Promise.resolve();
      starting = true; // a second join before the engine is there is ignored
      lastJoin = [input, given];
      return withEngine((e) => {
        starting = false;
        if (busy()) return;
        // The name rule (webex-spec) and the parser live in the engine chunk.
        let options = given;
        if (given.displayName !== undefined) {
          const name = e.cleanName(given.displayName);
          if (!name.ok) {
            return state.set({
              status: 'failed',
              error: new JoinError('invalid-display-name', name.message, { reason: name.problem }),
            });
          }
          options = { ...given, displayName: name.name };
        }
        const parsed = parse(e, input);
        if (!parsed.ok) return state.set({ status: 'failed', error: parsed.error });
        state.set({ status: 'connecting', destination: parsed.destination });
        host.activate(session);
        return e.begin(parsed.destination, options);
      }).catch((error: unknown) => {
        starting = false;
        state.set({
          status: 'failed',
          error: isJoinError(error)
            ? error
            : new JoinError('network', 'The meeting code could not be loaded. Try again.', {
                cause: error,
                retryable: true,
              }),
        });
      });
    },
    leave() {
      if (loaded) return loaded.leave();
      if (loading) return engine().then((e) => e.leave());
      if (state.getSnapshot().status !== 'idle') state.set({ status: 'left', reason: 'self' });
      return Promise.resolve();
    },
    retry() {
      // Before the engine ever loaded (its chunk failed to load), retrying is joining again.
      if (!loaded) return lastJoin ? session.join(...lastJoin) : Promise.resolve();
      return loaded.retry();
    },
    async dispose() {
      await session.leave();
      host.release(session);
    },
  };
  return session;
}
