import { timingSafeEqual } from 'node:crypto';
import { hmac } from './crypto';

/** Who a participant link is for. */
export type Role = 'host' | 'guest';

/** What a capability grants: one role in one consultation, for one participant slot, until `exp`. */
export interface Capability {
  consultationId: string;
  role: Role;
  /** `host`, `guest-1`, `guest-2`…: each link mints its own guest identity. */
  participant: string;
  /** Expiry, epoch ms. */
  exp: number;
}

/** What a walk-in pass grants: guest tokens of one org, for one walk-in guest, until `exp`. */
export interface WalkInPassClaims {
  orgId: string;
  /** The pass's own id: every token it mints is the same guest. */
  passId: string;
  exp: number;
}

/** Why a token was refused (never which part of the signature was wrong). */
export type CheckFailure = 'malformed' | 'bad-signature' | 'expired' | 'wrong-consultation';

export type Check<T> = { ok: true; value: T } | { ok: false; reason: CheckFailure };

/** Unpadded base64url only: one spelling per byte string, so a token has one valid form. */
const B64URL = /^[A-Za-z0-9_-]+$/;
/** An HMAC-SHA256 in unpadded base64url: 32 bytes, 43 characters. */
const MAC = /^[A-Za-z0-9_-]{43}$/;

/**
 * HMAC-SHA256-signed, expiring tokens: `<base64url(json)>.<base64url(mac)>`.
 * Canonical: standard base64, padding or a non-canonical final character is
 * refused, so no two strings verify as the same token. Each purpose (links,
 * walk-in passes) signs with its own derived key, so one never passes for
 * the other.
 */
export class SignedTokens {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  sign(claims: Record<string, unknown>): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${hmac(this.key, payload).toString('base64url')}`;
  }

  /** The verified claims with an expiry `e` still in the future, or why not. */
  open(token: string | undefined): Check<Record<string, unknown>> {
    if (!token || token.length > 1024) return { ok: false, reason: 'malformed' };
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined || !B64URL.test(payload) || !MAC.test(mac)) {
      return { ok: false, reason: 'malformed' };
    }
    const given = Buffer.from(mac, 'base64url');
    // 43 characters carry 258 bits: the last one must leave the 2 spare bits zero.
    if (given.toString('base64url') !== mac) return { ok: false, reason: 'malformed' };
    if (!timingSafeEqual(given, hmac(this.key, payload))) {
      return { ok: false, reason: 'bad-signature' };
    }
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
      return { ok: false, reason: 'malformed' };
    }
    const c = claims as Record<string, unknown>;
    if (typeof c.e !== 'number') return { ok: false, reason: 'malformed' };
    if (c.e <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, value: c };
  }
}

/** Participant links: one role in one consultation. */
export class Capabilities {
  private readonly tokens: SignedTokens;

  constructor(key: Buffer, now: () => number = Date.now) {
    this.tokens = new SignedTokens(key, now);
  }

  issue(cap: Capability): string {
    return this.tokens.sign({ c: cap.consultationId, r: cap.role, p: cap.participant, e: cap.exp });
  }

  verify(token: string | undefined, consultationId: string): Check<Capability> {
    const opened = this.tokens.open(token);
    if (!opened.ok) return opened;
    const { c, r, p, e } = opened.value;
    if (typeof c !== 'string' || (r !== 'host' && r !== 'guest') || typeof p !== 'string') {
      return { ok: false, reason: 'malformed' };
    }
    if (c !== consultationId) return { ok: false, reason: 'wrong-consultation' };
    return { ok: true, value: { consultationId: c, role: r, participant: p, exp: e as number } };
  }
}

/** Walk-in passes: guest tokens for manual joins, bound to one org and one guest. */
export class WalkInPasses {
  private readonly tokens: SignedTokens;

  constructor(key: Buffer, now: () => number = Date.now) {
    this.tokens = new SignedTokens(key, now);
  }

  issue(pass: WalkInPassClaims): string {
    return this.tokens.sign({ w: pass.orgId, p: pass.passId, e: pass.exp });
  }

  verify(token: string | undefined): Check<WalkInPassClaims> {
    const opened = this.tokens.open(token);
    if (!opened.ok) return opened;
    const { w, p, e } = opened.value;
    if (typeof w !== 'string' || typeof p !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(p)) {
      return { ok: false, reason: 'malformed' };
    }
    return { ok: true, value: { orgId: w, passId: p, exp: e as number } };
  }
}
