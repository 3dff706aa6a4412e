import type { WorldContext } from './context';
import type { AccessToken, Guest, RefreshToken, ServiceApp, TokenKind } from './types';

/** What guest tokens may do: use the SDK as the guest. */
const GUEST_SCOPES = ['spark:all', 'spark:people_read', 'meeting:participants_read'];

export interface IssuedTokens {
  access: AccessToken;
  refresh: RefreshToken;
}

/**
 * Access and refresh tokens: issuing, rotation (a refresh token works once),
 * expiry, revocation when an org deauthorizes an app, and pruning.
 */
export class Tokens {
  private readonly access = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();

  constructor(private readonly ctx: WorldContext) {}

  clear(): void {
    this.access.clear();
    this.refreshTokens.clear();
  }

  /** An access token with its refresh token (Service App and OAuth grants). */
  issuePair(
    kind: TokenKind,
    app: ServiceApp,
    orgId: string,
    personId: string,
    scopes: string[],
  ): IssuedTokens {
    const refresh: RefreshToken = {
      value: this.ctx.ids.accessToken(orgId),
      kind,
      orgId,
      personId,
      appClientId: app.clientId,
      scopes,
      expiresAt: this.ctx.now() + this.ctx.options.refreshTokenTtlSec * 1000,
    };
    this.refreshTokens.set(refresh.value, refresh);
    const access = this.issueAccess(
      kind,
      orgId,
      personId,
      scopes,
      this.ctx.options.accessTokenTtlSec,
      app.clientId,
    );
    access.refreshToken = refresh.value;
    return { access, refresh };
  }

  issueAccess(
    kind: TokenKind,
    orgId: string,
    personId: string,
    scopes: string[],
    ttlSec: number,
    appClientId?: string,
  ): AccessToken {
    const token: AccessToken = {
      value: this.ctx.ids.accessToken(orgId),
      kind,
      orgId,
      personId,
      scopes: new Set(scopes),
      expiresAt: this.ctx.now() + ttlSec * 1000,
      ...(appClientId ? { appClientId } : {}),
    };
    this.access.set(token.value, token);
    return token;
  }

  /** A guest's access token (no refresh token: the backend mints a new one). */
  issueGuest(guest: Guest, orgId: string): AccessToken {
    return this.issueAccess(
      'guest',
      orgId,
      guest.personId,
      GUEST_SCOPES,
      this.ctx.options.guestTokenTtlSec,
      guest.appClientId,
    );
  }

  /**
   * Rotates a refresh token. The old one is superseded: Webex returns a new
   * refresh token on every refresh, and clients must store it.
   */
  refresh(value: string, app: ServiceApp): IssuedTokens | 'invalid' {
    const old = this.refreshTokens.get(value);
    const now = this.ctx.now();
    if (
      !old ||
      old.appClientId !== app.clientId ||
      old.supersededAt !== undefined ||
      old.expiresAt <= now
    ) {
      return 'invalid';
    }
    old.supersededAt = now;
    return this.issuePair(old.kind, app, old.orgId, old.personId, old.scopes);
  }

  /** Looks a bearer token up: the token, `'expired'`, or undefined when unknown. */
  authenticate(authorization: string | undefined): AccessToken | 'expired' | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const token = this.access.get(match[1]!);
    if (!token) return undefined;
    return token.expiresAt <= this.ctx.now() ? 'expired' : token;
  }

  /** Expires a token now (control API and tests). */
  expire(value: string): boolean {
    const token = this.access.get(value);
    if (!token) return false;
    token.expiresAt = this.ctx.now() - 1;
    return true;
  }

  /** Revokes every Service App token and refresh token an app holds for an org. */
  revokeApp(appClientId: string, orgId: string): void {
    for (const [value, t] of this.access)
      if (t.appClientId === appClientId && t.orgId === orgId && t.kind === 'service-app')
        this.access.delete(value);
    for (const [value, t] of this.refreshTokens)
      if (t.appClientId === appClientId && t.orgId === orgId) this.refreshTokens.delete(value);
  }

  /** Drops tokens expired (or superseded) before `cutoff`; returns how many. */
  prune(cutoff: number): number {
    let n = 0;
    for (const [k, t] of this.access) if (t.expiresAt < cutoff && this.access.delete(k)) n++;
    for (const [k, t] of this.refreshTokens) {
      const dead =
        t.expiresAt < cutoff || (t.supersededAt !== undefined && t.supersededAt < cutoff);
      if (dead && this.refreshTokens.delete(k)) n++;
    }
    return n;
  }

  /** Every live access token (test harnesses collect secrets from these). */
  allAccess(): IterableIterator<AccessToken> {
    return this.access.values();
  }

  allRefresh(): IterableIterator<RefreshToken> {
    return this.refreshTokens.values();
  }

  /** Access tokens held. */
  get size(): number {
    return this.access.size;
  }
}
