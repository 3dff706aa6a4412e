import { hmac } from './crypto';
import { timingSafeEqual } from 'node:crypto';

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

/** Why a capability was refused (never which part of the signature was wrong). */
export type CapabilityCheck =
  | { ok: true; capability: Capability }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-consultation' };

/**
 * HMAC-SHA256-signed, expiring capability tokens for participant links:
 * `<base64url(json)>.<base64url(mac)>`. Scoped to one consultation and one role.
 */
export class Capabilities {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  issue(cap: Capability): string {
    const payload = Buffer.from(
      JSON.stringify({ c: cap.consultationId, r: cap.role, p: cap.participant, e: cap.exp }),
    ).toString('base64url');
    return `${payload}.${hmac(this.key, payload).toString('base64url')}`;
  }

  verify(token: string | undefined, consultationId: string): CapabilityCheck {
    if (!token || token.length > 1024) return { ok: false, reason: 'malformed' };
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = hmac(this.key, payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'bad-signature' };
    }
    let claims: { c?: unknown; r?: unknown; p?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (
      typeof claims.c !== 'string' ||
      (claims.r !== 'host' && claims.r !== 'guest') ||
      typeof claims.p !== 'string' ||
      typeof claims.e !== 'number'
    ) {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.e <= this.now()) return { ok: false, reason: 'expired' };
    if (claims.c !== consultationId) return { ok: false, reason: 'wrong-consultation' };
    return {
      ok: true,
      capability: {
        consultationId: claims.c,
        role: claims.r,
        participant: claims.p,
        exp: claims.e,
      },
    };
  }
}
