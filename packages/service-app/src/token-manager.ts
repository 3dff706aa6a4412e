import {
  isServiceAppError,
  NotAuthorizedError,
  ReauthorizationRequiredError,
  ServiceAppError,
  TokenUnavailableError,
  WebexApiError,
} from './errors';
import type { AccessTokenProvider, WebexHttpClient } from './http-client';
import { canonicalOrgId } from './ids';
import { silentLogger, type Logger } from './logger';
import type { StoredTokens, TokenStore } from './token-store';
import {
  TokenResponse as TokenPair,
  type AppTokenRequest,
  type RefreshTokenRequest,
} from '@g2g/webex-spec/rest';

/** The token answer of `/access_token` and `/applications/{id}/token` (`@g2g/webex-spec/rest`). */
export type TokenResponse = TokenPair;

/** Where an org stands, for status pages. Contains no token. */
export type OrgTokenStatus =
  | { state: 'not-authorized'; orgId: string }
  | {
      state: 'authorized';
      orgId: string;
      siteUrl?: string;
      scopes: string[];
      accessTokenExpiresAt: number;
      refreshTokenExpiresAt: number;
      refreshing: boolean;
      /** Set while refreshes are backed off: when the next one may go (epoch ms)… */
      refreshRetryAt?: number;
      /** …and why the last one failed, in words. */
      refreshProblem?: string;
    }
  | {
      state: 'reauthorization-required';
      orgId: string;
      siteUrl?: string;
      scopes: string[];
      /** Why, in words an operator can act on. */
      reason: string;
      since: number;
    };

/**
 * Where refreshes of one org are serialised. The default serialises within
 * this process (the manager's single-flight does that already); a deployment
 * with several replicas passes one backed by its database (an advisory lock),
 * so that one refresh per org runs across all of them. `fn` re-reads the
 * stored tokens once it holds the lock and refreshes only if still due.
 */
export interface RefreshLock {
  run<T>(orgId: string, fn: () => Promise<T>): Promise<T>;
}

const inProcess: RefreshLock = { run: (_orgId, fn) => fn() };

/** Settings of {@link TokenManager}. */
export interface TokenManagerOptions {
  http: WebexHttpClient;
  store: TokenStore;
  clientId: string;
  clientSecret: string;
  /** The Service App's application id (for `/applications/{id}/token`). */
  applicationId: string;
  /** Refresh this long before the access token expires; default 10 minutes. */
  refreshMarginMs?: number;
  /** First back-off after a failed refresh without `Retry-After` (doubles, with jitter); default 5 s. */
  refreshBackoffMs?: number;
  /** Back-off ceiling without `Retry-After`; default 5 minutes. `Retry-After` is honoured whatever its length. */
  refreshBackoffMaxMs?: number;
  /** The clock tokens are judged by (epoch ms); default `Date.now`. */
  now?: () => number;
  /** Jitter source; default `Math.random`. */
  random?: () => number;
  /** Cross-replica serialisation of refreshes; default in-process only. */
  lock?: RefreshLock;
  logger?: Logger;
}

/** A token closer than this to expiry is not handed out: the call it is for would outlive it. */
const MIN_VALIDITY_MS = 30_000;

/**
 * Service App tokens per org, built for Webex's bad days:
 *
 * - refreshed ahead of expiry (`refreshMarginMs`) and after a 401,
 *   **single-flight** (one refresh call however many requests wait), each
 *   rotated token persisted through the {@link TokenStore} before use;
 * - a refresh that fails while the current token is still valid (5xx, 429, a
 *   timeout) fails nothing: the current token keeps being served, and the org
 *   backs off — honouring `Retry-After` whatever its length, else exponential
 *   with jitter — until the next attempt. Requests fail only once the token
 *   has really expired ({@link TokenUnavailableError});
 * - a refresh token Webex refuses (400/401) is recovered first with the
 *   client credentials (`POST /applications/{id}/token`); only when that is
 *   refused too is the org parked in `reauthorization-required`, with the
 *   reason in words, where nothing is retried until new tokens arrive;
 * - a refresh that was in flight when the process died is never replayed
 *   (Webex may already have rotated that refresh token): the next use
 *   recovers with the client credentials instead.
 */
export class TokenManager implements AccessTokenProvider {
  private readonly cache = new Map<string, StoredTokens | null>();
  private readonly flights = new Map<string, Promise<StoredTokens>>();
  private readonly http: WebexHttpClient;
  private readonly store: TokenStore;
  private readonly margin: number;
  private readonly backoffMs: number;
  private readonly backoffMaxMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly lock: RefreshLock;
  private readonly logger: Logger;
  private readonly creds: { clientId: string; clientSecret: string; applicationId: string };

  constructor(options: TokenManagerOptions) {
    this.http = options.http;
    this.store = options.store;
    this.margin = options.refreshMarginMs ?? 10 * 60_000;
    this.backoffMs = options.refreshBackoffMs ?? 5_000;
    this.backoffMaxMs = options.refreshBackoffMaxMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.lock = options.lock ?? inProcess;
    this.logger = options.logger ?? silentLogger;
    this.creds = {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      applicationId: options.applicationId,
    };
  }

  /** A usable access token for the org, refreshed first when it is within the margin of expiry. */
  async accessToken(orgIdInput: string): Promise<string> {
    const orgId = canonicalOrgId(orgIdInput);
    const t = this.usable(orgId, await this.current(orgId));
    const now = this.now();
    const valid = t.accessTokenExpiresAt - MIN_VALIDITY_MS > now;
    const due = t.refreshStartedAt !== undefined || t.accessTokenExpiresAt - this.margin <= now;
    if (!due) return t.accessToken;
    // Inside the margin, a valid token is served while a refresh runs or is backed off.
    if (valid && (this.flights.has(orgId) || this.backingOff(t, now))) return t.accessToken;
    if (this.backingOff(t, now)) throw this.unavailable(t);
    try {
      return (await this.singleFlight(orgId, () => this.renew(orgId, t.accessToken))).accessToken;
    } catch (error) {
      if (isServiceAppError(error, 'reauthorization-required')) throw error;
      if (valid) return t.accessToken;
      // Expired, and the refresh just failed and was backed off: say when it is tried again.
      const after = this.cache.get(orgId);
      if (after?.refreshRetryAt !== undefined) throw this.unavailable(after);
      throw error;
    }
  }

  /** Webex answered 401 to `rejected`: refresh once (shared by every caller) and hand back the new token. */
  async tokenRejected(orgIdInput: string, rejected: string): Promise<string> {
    const orgId = canonicalOrgId(orgIdInput);
    const inFlight = this.flights.get(orgId);
    if (inFlight) return (await inFlight).accessToken;
    const t = this.usable(orgId, await this.current(orgId));
    if (t.accessToken !== rejected) return t.accessToken;
    if (this.backingOff(t, this.now())) throw this.unavailable(t);
    return (await this.singleFlight(orgId, () => this.renew(orgId, rejected, true))).accessToken;
  }

  /** Forces a refresh now (single-flight), ignoring any back-off; for operators and tests. */
  async refreshNow(orgIdInput: string): Promise<void> {
    const orgId = canonicalOrgId(orgIdInput);
    const t = this.usable(orgId, await this.current(orgId));
    await this.singleFlight(orgId, () => this.renew(orgId, t.accessToken, true));
  }

  /**
   * Takes tokens handed over at authorization (or configured at start-up) and
   * saves them; clears `reauthorization-required` and any back-off.
   */
  async adopt(
    orgIdInput: string,
    tokens: TokenResponse,
    meta: { scopes?: string[]; siteUrl?: string } = {},
  ): Promise<void> {
    const orgId = canonicalOrgId(orgIdInput);
    const previous = await this.current(orgId);
    await this.persist(this.record(orgId, tokens, previous ?? undefined, meta));
    this.logger.info({ orgId }, 'service app tokens adopted');
  }

  /**
   * Retrieves the org's tokens with the client credentials
   * (`POST /applications/{id}/token`), as on a `serviceApp:authorized` webhook.
   */
  async retrieve(
    orgIdInput: string,
    meta: { scopes?: string[]; siteUrl?: string } = {},
  ): Promise<void> {
    const orgId = canonicalOrgId(orgIdInput);
    await this.singleFlight(orgId, async () => {
      const previous = await this.current(orgId);
      const res = await this.requestAppTokens(orgId);
      const next = this.record(orgId, res.body, previous ?? undefined, meta);
      await this.persist(next);
      this.logger.info({ orgId }, 'service app tokens retrieved');
      return next;
    });
  }

  /**
   * Asks Webex whether the app is still authorized in the org before anything
   * is deleted (a `deauthorized` delivery may be a replay): token retrieval
   * with the client credentials either works — still authorized, and the
   * fresh tokens are kept if the org had any — or is refused, and the tokens
   * are deleted. Other failures (outage) throw, so the delivery is retried.
   */
  async confirmDeauthorization(orgIdInput: string): Promise<'deauthorized' | 'still-authorized'> {
    const orgId = canonicalOrgId(orgIdInput);
    let res: { body: TokenResponse };
    try {
      res = await this.requestAppTokens(orgId);
    } catch (error) {
      if (error instanceof WebexApiError && isRefusal(error.status)) {
        await this.forget(orgId);
        return 'deauthorized';
      }
      throw error;
    }
    const previous = await this.current(orgId);
    if (previous) await this.persist(this.record(orgId, res.body, previous, {}));
    return 'still-authorized';
  }

  /** Deletes the org's tokens (deauthorization). */
  async forget(orgIdInput: string): Promise<void> {
    const orgId = canonicalOrgId(orgIdInput);
    await this.store.delete(orgId);
    this.cache.set(orgId, null);
    this.logger.info({ orgId }, 'service app tokens deleted');
  }

  /** The org's authorization state, without any token. */
  async status(orgIdInput: string): Promise<OrgTokenStatus> {
    const orgId = canonicalOrgId(orgIdInput);
    return this.statusOf(orgId, await this.current(orgId));
  }

  /** Every org the store knows, with its state. */
  async statuses(): Promise<OrgTokenStatus[]> {
    const all = await this.store.list();
    return all.map((t) => this.statusOf(t.orgId, this.cache.get(t.orgId) ?? t));
  }

  /** Org ids with tokens (in any state). */
  async orgIds(): Promise<string[]> {
    return (await this.store.list()).map((t) => t.orgId);
  }

  private statusOf(orgId: string, t: StoredTokens | null | undefined): OrgTokenStatus {
    if (!t) return { state: 'not-authorized', orgId };
    const site = t.siteUrl !== undefined ? { siteUrl: t.siteUrl } : {};
    if (t.state === 'reauthorization-required') {
      return {
        state: 'reauthorization-required',
        orgId,
        ...site,
        scopes: t.scopes,
        reason: t.reason ?? 'the refresh token was refused',
        since: t.updatedAt,
      };
    }
    const backoff = this.backingOff(t, this.now());
    return {
      state: 'authorized',
      orgId,
      ...site,
      scopes: t.scopes,
      accessTokenExpiresAt: t.accessTokenExpiresAt,
      refreshTokenExpiresAt: t.refreshTokenExpiresAt,
      refreshing: this.flights.has(orgId),
      ...(backoff ? { refreshRetryAt: t.refreshRetryAt! } : {}),
      ...(backoff && t.refreshProblem ? { refreshProblem: t.refreshProblem } : {}),
    };
  }

  private usable(orgId: string, t: StoredTokens | null | undefined): StoredTokens {
    if (!t) throw new NotAuthorizedError(orgId);
    if (t.state === 'reauthorization-required') {
      throw new ReauthorizationRequiredError(orgId, t.reason ?? 'the refresh token was refused');
    }
    return t;
  }

  private backingOff(t: StoredTokens, now: number): boolean {
    return t.refreshRetryAt !== undefined && t.refreshRetryAt > now;
  }

  private unavailable(t: StoredTokens): TokenUnavailableError {
    return new TokenUnavailableError(
      t.orgId,
      t.refreshRetryAt ?? this.now(),
      t.refreshProblem ?? 'Webex did not complete the last refresh',
    );
  }

  private async current(orgId: string): Promise<StoredTokens | null> {
    if (this.cache.has(orgId)) return this.cache.get(orgId)!;
    const loaded = (await this.store.load(orgId)) ?? null;
    // Another caller may have filled the cache while the store answered.
    if (!this.cache.has(orgId)) this.cache.set(orgId, loaded);
    return this.cache.get(orgId)!;
  }

  private singleFlight(orgId: string, fn: () => Promise<StoredTokens>): Promise<StoredTokens> {
    const existing = this.flights.get(orgId);
    if (existing) return existing;
    const flight = fn().finally(() => this.flights.delete(orgId));
    this.flights.set(orgId, flight);
    return flight;
  }

  /** Saves first, then makes the tokens visible: no request ever uses an unsaved token. */
  private async persist(t: StoredTokens): Promise<void> {
    await this.store.save(t);
    this.cache.set(t.orgId, t);
  }

  private record(
    orgId: string,
    tokens: TokenResponse,
    previous: StoredTokens | undefined,
    meta: { scopes?: string[]; siteUrl?: string },
  ): StoredTokens {
    const now = this.now();
    const siteUrl = meta.siteUrl ?? previous?.siteUrl;
    return {
      orgId,
      accessToken: tokens.access_token,
      accessTokenExpiresAt: now + tokens.expires_in * 1000,
      refreshToken: tokens.refresh_token,
      refreshTokenExpiresAt: now + tokens.refresh_token_expires_in * 1000,
      scopes: meta.scopes ?? previous?.scopes ?? [],
      ...(siteUrl !== undefined ? { siteUrl } : {}),
      state: 'active',
      updatedAt: now,
    };
  }

  /**
   * One renewal, under the refresh lock: re-reads the stored tokens (another
   * replica may have renewed them), then refreshes, or recovers when the
   * refresh token must not be sent again.
   */
  private renew(orgId: string, seenAccessToken: string, force = false): Promise<StoredTokens> {
    return this.lock.run(orgId, async () => {
      const stored = (await this.store.load(orgId)) ?? null;
      this.cache.set(orgId, stored);
      const t = this.usable(orgId, stored);
      const now = this.now();
      const renewed = t.accessToken !== seenAccessToken;
      if (renewed && t.accessTokenExpiresAt - this.margin > now) return t;
      if (!force && this.backingOff(t, now)) throw this.unavailable(t);
      if (t.refreshStartedAt !== undefined) {
        return this.recover(t, 'a refresh was interrupted (its outcome is unknown)');
      }
      if (t.refreshTokenExpiresAt <= now) return this.recover(t, 'the refresh token has expired');
      return this.refresh(t);
    });
  }

  private async refresh(t: StoredTokens): Promise<StoredTokens> {
    const { orgId } = t;
    await this.persist({ ...t, refreshStartedAt: this.now() });
    let body: TokenResponse;
    const form: RefreshTokenRequest = {
      grant_type: 'refresh_token',
      client_id: this.creds.clientId,
      client_secret: this.creds.clientSecret,
      refresh_token: t.refreshToken,
    };
    try {
      body = (
        await this.http.request({
          method: 'POST',
          path: '/access_token',
          form,
          auth: { kind: 'none' },
          // A refresh rotates the refresh token: replaying it after an unknown outcome would kill it.
          idempotent: false,
          schema: TokenPair,
          // A 429 is backed off here, per org, not waited out inside one request.
          maxRateLimitRetries: 0,
        })
      ).body;
    } catch (error) {
      if (error instanceof WebexApiError && (error.status === 400 || error.status === 401)) {
        return this.recover(
          { ...t, refreshStartedAt: undefined },
          `Webex refused the refresh token (${error.status}${error.webexMessage ? `: ${error.webexMessage}` : ''})`,
        );
      }
      // Webex answered (429, 5xx): nothing was rotated, the refresh token is still good.
      // A timeout or network error keeps the marker: the outcome is unknown, so the
      // next attempt recovers rather than replaying a refresh token Webex may have rotated.
      const answered = error instanceof WebexApiError;
      await this.backOff({ ...t, ...(answered ? { refreshStartedAt: undefined } : {}) }, error);
      throw error;
    }
    const next = this.record(orgId, body, t, {});
    await this.persist(next);
    this.logger.info({ orgId }, 'service app token refreshed');
    return next;
  }

  /** `POST /applications/{id}/token`: new tokens from the client credentials. */
  private requestAppTokens(orgId: string) {
    const json: AppTokenRequest = {
      clientId: this.creds.clientId,
      clientSecret: this.creds.clientSecret,
      targetOrgId: orgId,
    };
    return this.http.request({
      method: 'POST',
      path: `/applications/${encodeURIComponent(this.creds.applicationId)}/token`,
      json,
      auth: { kind: 'none' },
      idempotent: true,
      schema: TokenPair,
      maxRateLimitRetries: 0,
    });
  }

  /**
   * The Service App token-retrieval recovery: new tokens from the client
   * credentials. Parks the org only when Webex refuses that too; an outage
   * backs off and keeps the refresh token out of use (`refreshStartedAt`).
   */
  private async recover(t: StoredTokens, why: string): Promise<StoredTokens> {
    const { orgId } = t;
    this.logger.warn({ orgId, why }, 'recovering service app tokens with client credentials');
    try {
      const res = await this.requestAppTokens(orgId);
      const next = this.record(orgId, res.body, t, {});
      await this.persist(next);
      this.logger.info({ orgId }, 'service app tokens recovered');
      return next;
    } catch (error) {
      if (error instanceof WebexApiError && isRefusal(error.status)) {
        return this.park(
          t,
          `${capitalise(why)}, and retrieving new tokens with the client credentials was refused too: ${refusalInWords(error.status)}`,
        );
      }
      await this.backOff({ ...t, refreshStartedAt: t.refreshStartedAt ?? this.now() }, error);
      throw error;
    }
  }

  /** Records a failed renewal: no new attempt before `Retry-After` (or the exponential back-off). */
  private async backOff(t: StoredTokens, error: unknown): Promise<void> {
    const failures = (t.refreshFailures ?? 0) + 1;
    const ceiling = Math.min(this.backoffMaxMs, this.backoffMs * 2 ** (failures - 1));
    const exponential = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    const retryAfter = error instanceof WebexApiError ? error.retryAfterMs : undefined;
    const wait = retryAfter !== undefined ? Math.max(retryAfter, 1_000) : exponential;
    const problem = problemInWords(error);
    await this.persist({
      ...t,
      refreshRetryAt: this.now() + wait,
      refreshFailures: failures,
      refreshProblem: problem,
    });
    this.logger.warn(
      {
        orgId: t.orgId,
        code: error instanceof ServiceAppError ? error.code : 'unknown',
        failures,
        retryInMs: wait,
      },
      'service app token refresh failed; backing off',
    );
  }

  private async park(t: StoredTokens, reason: string): Promise<never> {
    await this.persist({
      ...t,
      state: 'reauthorization-required',
      reason,
      refreshStartedAt: undefined,
      refreshRetryAt: undefined,
      refreshFailures: undefined,
      refreshProblem: undefined,
      updatedAt: this.now(),
    });
    this.logger.warn({ orgId: t.orgId, reason }, 'service app needs re-authorization');
    throw new ReauthorizationRequiredError(t.orgId, reason);
  }
}

/** Webex refusing the app's credentials or authorization (not an outage, not a rate limit). */
function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function refusalInWords(status: number): string {
  if (status === 403) return 'the Service App is no longer authorized in this org (403)';
  if (status === 404) return 'Webex does not know this Service App (404)';
  if (status === 400 || status === 401)
    return `the client id or secret was not accepted (${status})`;
  return `Webex answered ${status}`;
}

function problemInWords(error: unknown): string {
  if (error instanceof WebexApiError) {
    if (error.status === 429) {
      return error.retryAfterMs !== undefined
        ? `Webex is rate-limiting token refreshes (429, Retry-After ${Math.round(error.retryAfterMs / 1000)} s)`
        : 'Webex is rate-limiting token refreshes (429)';
    }
    return `Webex answered ${error.status} to the token refresh`;
  }
  if (isServiceAppError(error, 'timeout')) return 'the token refresh timed out';
  if (isServiceAppError(error, 'network'))
    return 'Webex could not be reached for the token refresh';
  return 'the token refresh failed';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
