/**
 * Where Service App tokens live between calls and across restarts. The
 * package never keeps the only copy of a rotated token in memory: a refresh
 * result is saved here before any request uses it.
 */

/** One org's tokens, as persisted. Times are epoch milliseconds. */
export interface StoredTokens {
  /** Canonical (bare uuid) org id. */
  orgId: string;
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  /** Scopes granted at authorization. */
  scopes: string[];
  /** The guest-to-guest site the authorization granted, when known. */
  siteUrl?: string;
  /**
   * `reauthorization-required` once the refresh token is dead; nothing is
   * retried for the org until new tokens are adopted.
   */
  state: 'active' | 'reauthorization-required';
  /** Why re-authorization is required (no secret in it). */
  reason?: string;
  /**
   * Set (and saved) just before a refresh is sent, cleared when its result is
   * saved. Still set at start-up means the process died mid-refresh: Webex may
   * have rotated the refresh token, so it must not be sent again.
   */
  refreshStartedAt?: number;
  /**
   * Set after a refresh Webex did not complete (429, 5xx, a timeout): no
   * refresh is tried before this time (epoch ms), honouring `Retry-After`.
   * The access token keeps being served until it really expires.
   */
  refreshRetryAt?: number;
  /** Failed refreshes in a row (drives the exponential back-off). */
  refreshFailures?: number;
  /** Why the last refresh failed, in words (no secret in it). */
  refreshProblem?: string;
  updatedAt: number;
}

/** Persistence for {@link StoredTokens}, one record per org. Implementations encrypt at rest. */
export interface TokenStore {
  load(orgId: string): Promise<StoredTokens | undefined>;
  /** Must be durable when the promise resolves. */
  save(tokens: StoredTokens): Promise<void>;
  delete(orgId: string): Promise<void>;
  list(): Promise<StoredTokens[]>;
}

/** An in-memory {@link TokenStore}, for tests and scripts. Loses everything on exit. */
export class MemoryTokenStore implements TokenStore {
  private readonly records = new Map<string, StoredTokens>();

  async load(orgId: string): Promise<StoredTokens | undefined> {
    const t = this.records.get(orgId);
    return t ? { ...t, scopes: [...t.scopes] } : undefined;
  }

  async save(tokens: StoredTokens): Promise<void> {
    this.records.set(tokens.orgId, { ...tokens, scopes: [...tokens.scopes] });
  }

  async delete(orgId: string): Promise<void> {
    this.records.delete(orgId);
  }

  async list(): Promise<StoredTokens[]> {
    return [...this.records.values()].map((t) => ({ ...t, scopes: [...t.scopes] }));
  }
}
