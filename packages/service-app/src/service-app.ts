import { AuthorizationHandler } from './authorization';
import { GuestsApi } from './guests';
import { WebexHttpClient, type HttpClientOptions } from './http-client';
import { applicationIdFor } from './ids';
import { InstantConnectApi } from './instant-connect';
import { JoinLinksApi } from './join-links';
import { silentLogger, type Logger } from './logger';
import { MeetingsApi } from './meetings';
import { SpacesApi } from './spaces';
import { TokenManager, type RefreshLock } from './token-manager';
import { MemoryTokenStore, type TokenStore } from './token-store';

/** Settings of {@link createServiceApp}. Only the client credentials are required. */
export interface ServiceAppOptions {
  clientId: string;
  clientSecret: string;
  /** Default: base64 of `ciscospark://us/APPLICATION/<clientId>`. */
  applicationId?: string;
  /** REST base; default `https://webexapis.com/v1` (a simulator's `${url}/v1` offline). */
  baseUrl?: string;
  /** Instant Connect broker and long-link base (defaults: Webex's). */
  instantConnect?: { brokerUrl?: string; linkBase?: string };
  /** Where tokens persist; default in memory (lost on exit). */
  tokenStore?: TokenStore;
  /** Refresh this long before expiry; default 10 minutes. */
  refreshMarginMs?: number;
  /** Back-off after a failed refresh without `Retry-After`: first delay (default 5 s) and ceiling (5 min). */
  refreshBackoff?: { baseMs?: number; maxMs?: number };
  /** Serialises refreshes across replicas (an advisory lock); default in-process only. */
  refreshLock?: RefreshLock;
  /** Clock for token expiry (epoch ms); default `Date.now`. */
  now?: () => number;
  /** Timeouts, retry bounds and hooks of the HTTP client. */
  http?: Omit<HttpClientOptions, 'baseUrl' | 'logger'>;
  logger?: Logger;
}

/** Everything a guest-to-guest backend does with Webex, wired together. */
export interface ServiceApp {
  readonly clientId: string;
  readonly applicationId: string;
  readonly http: WebexHttpClient;
  readonly tokens: TokenManager;
  readonly authorization: AuthorizationHandler;
  readonly guests: GuestsApi;
  readonly meetings: MeetingsApi;
  readonly joinLinks: JoinLinksApi;
  readonly spaces: SpacesApi;
  readonly instantConnect: InstantConnectApi;
}

/**
 * Builds a {@link ServiceApp}: one HTTP client, one token manager (per-org,
 * single-flight refresh, persisted through `tokenStore`) and the API modules
 * on top.
 *
 * @example
 * ```ts
 * const app = createServiceApp({ clientId, clientSecret, tokenStore });
 * await app.tokens.adopt(orgId, initialTokens, { siteUrl });
 * const meeting = await app.meetings.schedule(orgId, { title, start, end, mode: 'no-host', siteUrl });
 * const guest = await app.guests.mint(orgId, { subject: guestSubject('visit', id), displayName });
 * ```
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const logger = options.logger ?? silentLogger;
  const applicationId = options.applicationId ?? applicationIdFor(options.clientId);
  const http = new WebexHttpClient({
    ...options.http,
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
    logger,
  });
  const now = options.now ?? Date.now;
  const tokens = new TokenManager({
    http,
    store: options.tokenStore ?? new MemoryTokenStore(),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    applicationId,
    now,
    logger,
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
    ...(options.refreshBackoff?.baseMs !== undefined
      ? { refreshBackoffMs: options.refreshBackoff.baseMs }
      : {}),
    ...(options.refreshBackoff?.maxMs !== undefined
      ? { refreshBackoffMaxMs: options.refreshBackoff.maxMs }
      : {}),
    ...(options.refreshLock ? { lock: options.refreshLock } : {}),
    ...(options.http?.random ? { random: options.http.random } : {}),
  });
  http.useTokens(tokens);
  return {
    clientId: options.clientId,
    applicationId,
    http,
    tokens,
    authorization: new AuthorizationHandler(
      tokens,
      { clientId: options.clientId, applicationId },
      logger,
    ),
    guests: new GuestsApi(http, now),
    meetings: new MeetingsApi(http),
    joinLinks: new JoinLinksApi(http),
    spaces: new SpacesApi(http),
    instantConnect: new InstantConnectApi(http, options.instantConnect ?? {}),
  };
}
