import {
  NotAuthorizedError,
  ReauthorizationRequiredError,
  ServiceAppError,
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
    }
  | {
      state: 'reauthorization-required';
      orgId: string;
      siteUrl?: string;
      scopes: string[];
      reason: string;
      since: number;
    };

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
  /** The clock tokens are judged by (epoch ms); default `Date.now`. */
  now?: () => number;
  logger?: Logger;
}

/**
 * Service App tokens per org: refreshed ahead of expiry and after a 401,
 * **single-flight** (one refresh call however many requests wait), persisted
 * through the {@link TokenStore} before use, and parked in
 * `reauthorization-required` when the refresh token is dead, where nothing is
 * retried until new tokens arrive.
 *
 * A refresh that was in flight when the process died is never replayed (Webex
 * may already have rotated that refresh token): the org's tokens are
 * retrieved again with the client credentials instead.
 */
export class TokenManager implements AccessTokenProvider {
  private readonly cache = new Map<string, StoredTokens | null>();
  private readonly flights = new Map<string, Promise<StoredTokens>>();
  private readonly http: WebexHttpClient;
  private readonly store: TokenStore;
  private readonly margin: number;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly creds: { clientId: string; clientSecret: string; applicationId: string };

  constructor(options: TokenManagerOptions) {
    this.http = options.http;
    this.store = options.store;
    this.margin = options.refreshMarginMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
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
    const inFlight = this.flights.get(orgId);
    if (inFlight) return (await inFlight).accessToken;
    const t = this.usable(orgId, await this.current(orgId));
    if (t.refreshStartedAt !== undefined) {
      return (await this.singleFlight(orgId, () => this.recover(orgId, 'interrupted refresh')))
        .accessToken;
    }
    if (t.accessTokenExpiresAt - this.margin <= this.now()) {
      return (await this.singleFlight(orgId, () => this.refresh(orgId, t.accessToken))).accessToken;
    }
    return t.accessToken;
  }

  /** Webex answered 401 to `rejected`: refresh once (shared by every caller) and hand back the new token. */
  async tokenRejected(orgIdInput: string, rejected: string): Promise<string> {
    const orgId = canonicalOrgId(orgIdInput);
    const inFlight = this.flights.get(orgId);
    if (inFlight) return (await inFlight).accessToken;
    const t = this.usable(orgId, await this.current(orgId));
    if (t.accessToken !== rejected) return t.accessToken;
    return (await this.singleFlight(orgId, () => this.refresh(orgId, rejected))).accessToken;
  }

  /** Forces a refresh now (single-flight); mostly for operators and tests. */
  async refreshNow(orgIdInput: string): Promise<void> {
    const orgId = canonicalOrgId(orgIdInput);
    const t = this.usable(orgId, await this.current(orgId));
    await this.singleFlight(orgId, () => this.refresh(orgId, t.accessToken));
  }

  /**
   * Takes tokens handed over at authorization (or configured at start-up) and
   * saves them; clears `reauthorization-required`.
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
    return {
      state: 'authorized',
      orgId,
      ...site,
      scopes: t.scopes,
      accessTokenExpiresAt: t.accessTokenExpiresAt,
      refreshTokenExpiresAt: t.refreshTokenExpiresAt,
      refreshing: this.flights.has(orgId),
    };
  }

  private usable(orgId: string, t: StoredTokens | null | undefined): StoredTokens {
    if (!t) throw new NotAuthorizedError(orgId);
    if (t.state === 'reauthorization-required') {
      throw new ReauthorizationRequiredError(orgId, t.reason ?? 'the refresh token was refused');
    }
    return t;
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

  private async refresh(orgId: string, seenAccessToken: string): Promise<StoredTokens> {
    const t = this.usable(orgId, await this.current(orgId));
    // Someone else's refresh finished between our read and this flight: use its result.
    if (t.accessToken !== seenAccessToken && t.accessTokenExpiresAt - this.margin > this.now()) {
      return t;
    }
    if (t.refreshTokenExpiresAt <= this.now()) {
      return this.requireReauthorization(t, 'the refresh token has expired');
    }
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
        })
      ).body;
    } catch (error) {
      if (error instanceof WebexApiError && (error.status === 400 || error.status === 401)) {
        return this.requireReauthorization(t, 'Webex refused the refresh token');
      }
      if (error instanceof WebexApiError) {
        // Webex answered (5xx/429): nothing was rotated, so the old refresh token is still good.
        await this.persist({ ...t, refreshStartedAt: undefined });
      }
      // Timeouts and network errors keep the marker: the next use recovers without replaying.
      this.logger.warn(
        { orgId, code: error instanceof ServiceAppError ? error.code : 'unknown' },
        'service app token refresh failed',
      );
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
    });
  }

  private async recover(orgId: string, why: string): Promise<StoredTokens> {
    const t = this.usable(orgId, await this.current(orgId));
    if (t.refreshStartedAt === undefined) return t;
    this.logger.warn({ orgId, why }, 'recovering service app tokens with client credentials');
    try {
      const res = await this.requestAppTokens(orgId);
      const next = this.record(orgId, res.body, t, {});
      await this.persist(next);
      return next;
    } catch (error) {
      if (error instanceof WebexApiError && error.status >= 400 && error.status < 500) {
        return this.requireReauthorization(
          t,
          'an interrupted refresh could not be recovered: the Service App is no longer authorized',
        );
      }
      throw error;
    }
  }

  private async requireReauthorization(t: StoredTokens, reason: string): Promise<never> {
    await this.persist({
      ...t,
      state: 'reauthorization-required',
      reason,
      refreshStartedAt: undefined,
      updatedAt: this.now(),
    });
    this.logger.warn({ orgId: t.orgId, reason }, 'service app needs re-authorization');
    throw new ReauthorizationRequiredError(t.orgId, reason);
  }
}
