import type { ServiceDiscovery as SpecServiceDiscovery } from '@g2g/webex-spec';
import type { AccessTokenValue } from './auth';
import type { ClientEngine } from './connect';
import type { Destination } from './destination';
import { JoinError, isJoinError } from './errors';
import type { SdkWebex } from './sdk-types';
import { createJoinSession, type JoinOptions, type JoinSession } from './session';
import { createStore, type ReadableStore } from './store';
import { loadEngine } from './preload';
import { DEFAULT_TIMEOUTS, type JoinTimeouts } from './timeout';

/**
 * Where the SDK finds its cloud (`config.services.discovery`): how tests and
 * the demo point it at `@g2g/webex-sim` (`discoveryFor(simUrl)` of
 * `@g2g/webex-spec` lays the three URLs out).
 * @public
 */
export type ServiceDiscovery = Partial<SpecServiceDiscovery>;

/**
 * The SDK to use: the `webex` module (anything with `init`, such as an
 * installed `webex@2.60.4` alias), an already-initialised instance, or a
 * function that loads one of those lazily. Defaults to `import('webex/meetings')`.
 * Typed loosely on purpose: the SDK ships no types, and the part this package
 * uses is checked at run time.
 * @public
 */
export type SdkSource = object | (() => Promise<unknown>);

/**
 * Options of {@link createMeetingClient}. Give `accessToken` or `getAccessToken`.
 * @public
 */
export interface MeetingClientOptions {
  /** A fixed access token (a guest token is an ordinary access token). */
  accessToken?: string;
  /**
   * Returns a fresh token. Called to connect, and again whenever the SDK's
   * token expires or is refused with a 401, so long meetings outlive
   * short-lived guest tokens.
   */
  getAccessToken?: () => Promise<AccessTokenValue> | AccessTokenValue;
  sdk?: SdkSource;
  discovery?: ServiceDiscovery;
  /** Extra SDK configuration, merged over ours (e.g. `{meetings: {autoUploadLogs: false}}`). */
  config?: Record<string, unknown>;
  timeouts?: Partial<JoinTimeouts>;
  /**
   * Extra domains accepted as Webex in links and SIP addresses, as for
   * `parseDestination`. Only Webex's own: the guest's token goes to them.
   */
  webexDomains?: readonly string[];
}

/**
 * Where a client is: not yet connected, connecting, ready to join, failed, or disposed.
 * @public
 */
export type MeetingClientState =
  | { readonly status: 'idle' | 'connecting' | 'ready' | 'disposed' }
  | { readonly status: 'failed'; readonly error: JoinError };

/**
 * One SDK instance, initialised and registered once, shared by any number of
 * join sessions. Creating a client does nothing: the SDK (and the code that
 * drives it) loads on the first `connect()` or join, so it never lands in a
 * page's main chunk and server rendering never touches it.
 * @public
 */
export interface MeetingClient extends ReadableStore<MeetingClientState> {
  readonly timeouts: Readonly<JoinTimeouts>;
  /** The extra Webex domains its sessions accept (`MeetingClientOptions.webexDomains`). */
  readonly webexDomains: readonly string[];
  /** The SDK instance once connected (the `webex` object, for what this package does not cover). */
  readonly webex: unknown;
  /**
   * Loads, initialises and registers the SDK, once; later calls share the
   * result. Call it early (a pre-join screen does) so joining waits for nothing
   * but the person; {@link MeetingClient.dispose} undoes it.
   */
  connect(): Promise<void>;
  /** A new, idle session. Pure: nothing happens until it joins (safe to call while rendering). */
  createSession(): JoinSession;
  /** A new session, already joining. */
  join(destination: string | Destination, options?: JoinOptions): JoinSession;
  /** Fetches a fresh token through `getAccessToken` and hands it to the SDK. */
  renewToken(): Promise<void>;
  /**
   * Leaves every session, unregisters the device and closes its socket (also
   * when a connect is still under way). The client cannot be used afterwards.
   */
  dispose(): Promise<void>;
}

/**
 * Creates a meeting client. Nothing is loaded until it connects.
 *
 * Tokens: the SDK is initialised with the token and, when `getAccessToken`
 * is given, with a `credentials.refreshCallback` that calls it (plus a
 * placeholder refresh token, without which the SDK never calls back). The
 * SDK invokes that callback itself on a 401, then replays the request, and
 * shortly before a known expiry (`expiresAt`, or a JWT's `exp`), so renewal
 * needs no re-initialisation. An injected instance is used as it is.
 *
 * @example
 * ```ts
 * const client = createMeetingClient({ getAccessToken: () => fetchGuestToken() });
 * const session = client.join('2516 666 1234');
 * session.subscribe(() => console.log(session.getSnapshot()));
 * ```
 * @public
 */
export function createMeetingClient(options: MeetingClientOptions): MeetingClient {
  const timeouts: JoinTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const webexDomains = Object.freeze([...(options.webexDomains ?? [])]);
  const state = createStore<MeetingClientState>({ status: 'idle' });
  const sessions = new Set<JoinSession>();
  let engine: Promise<ClientEngine> | undefined;
  let loaded: ClientEngine | undefined;
  let connecting: Promise<SdkWebex> | undefined;
  let webex: SdkWebex | undefined;
  let disposed = false;

  const getEngine = () =>
    (engine ??= loadEngine().then(
      (e) => (loaded = e.createClientEngine(options, timeouts)),
      (error: unknown) => {
        engine = undefined;
        throw new JoinError('network', 'The meeting code could not be loaded. Try again.', {
          cause: error,
          retryable: true,
        });
      },
    ));

  function connect(): Promise<SdkWebex> {
    if (disposed)
      return Promise.reject(new JoinError('unknown', 'This meeting client has been disposed.'));
    if (!connecting) {
      state.set({ status: 'connecting' });
      connecting = getEngine()
        .then((e) => e.connect())
        .then(
          (instance) => {
            webex = instance;
            if (!disposed) state.set({ status: 'ready' });
            return instance;
          },
          (error: unknown) => {
            connecting = undefined; // the next attempt starts afresh
            const mapped = isJoinError(error)
              ? error
              : new JoinError('unknown', String(error), { cause: error });
            if (!disposed) state.set({ status: 'failed', error: mapped });
            throw mapped;
          },
        );
    }
    return connecting;
  }

  const client: MeetingClient = {
    ...state,
    timeouts,
    webexDomains,
    get webex() {
      return webex;
    },
    connect: () => connect().then(() => undefined),
    createSession: () =>
      createJoinSession({
        timeouts,
        webexDomains,
        connect,
        renewToken: client.renewToken,
        tokenExpired: () => !!loaded?.tokenExpired(),
        load: loadEngine,
        activate: (s) => void sessions.add(s),
        release: (s) => void sessions.delete(s),
      }),
    join(destination, joinOptions) {
      const session = client.createSession();
      void session.join(destination, joinOptions);
      return session;
    },
    renewToken: () => getEngine().then((e) => e.renewToken()),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await Promise.allSettled([...sessions].map((s) => s.dispose()));
      // A connect still under way may yet register: wait for it, then undo it.
      await connecting?.catch(() => undefined);
      state.set({ status: 'disposed' });
      await loaded?.unregister();
    },
  };
  return client;
}
