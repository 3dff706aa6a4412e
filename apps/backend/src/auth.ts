import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AttemptLimiter } from './attempt-limiter';
import { bearerHeader } from './contract';
import { safeEqual } from './crypto';
import { ApiError } from './http-errors';
import type { Tenants } from './tenants';

/** The bearer token of a request, or undefined when the header is absent or malformed. */
export function bearer(req: FastifyRequest): string | undefined {
  const raw = req.headers.authorization;
  if (typeof raw !== 'string') return undefined;
  const parsed = bearerHeader.safeParse(raw);
  return parsed.success ? parsed.data.slice('Bearer '.length) : undefined;
}

/** What kind of credential failed (logged; the credential itself never is). */
export type CredentialKind = 'operator' | 'admin' | 'capability' | 'walk-in-pass' | 'webhook';

/** Who an operator request acts for. */
export interface OperatorIdentity {
  orgId: string;
  keyId: string;
}

/**
 * Authentication for every route, with one rule for failures of any kind
 * (operator and admin keys, participant links, walk-in passes, webhook
 * signatures): each is counted per client address and logged — route,
 * address, kind, reason, never the credential — and once an address has
 * failed too often it gets 429 with `Retry-After` and no credential is even
 * looked at until the window passes. Webhook failures have their own bucket,
 * so a flood of forged deliveries locks out neither operators nor Webex.
 */
export class Authenticator {
  constructor(
    private readonly deps: {
      tenants: Tenants;
      adminKey: string;
      limiter: AttemptLimiter;
      now: () => number;
    },
  ) {}

  /** Throws 429 when the request's address is locked out for this kind of credential. */
  async notLocked(req: FastifyRequest, reply: FastifyReply, kind: CredentialKind): Promise<void> {
    const { locked, until } = await this.deps.limiter.locked(bucket(req, kind));
    if (!locked) return;
    const seconds = Math.max(1, Math.ceil((until - this.deps.now()) / 1000));
    reply.header('Retry-After', String(seconds));
    throw new ApiError(
      429,
      'too-many-failures',
      `Too many failed attempts from this address; try again in ${seconds} s.`,
    );
  }

  /** Counts and logs a failed authentication. */
  async failed(req: FastifyRequest, kind: CredentialKind, reason: string): Promise<void> {
    const r = await this.deps.limiter.fail(bucket(req, kind));
    req.log.warn(
      { auth: { kind, reason, ip: req.ip, route: req.routeOptions.url, failures: r.count } },
      r.locked ? 'authentication failed; address locked out' : 'authentication failed',
    );
  }

  /** `Authorization: Bearer <operator key>` → the tenant it belongs to. */
  async operator(req: FastifyRequest, reply: FastifyReply): Promise<OperatorIdentity> {
    await this.notLocked(req, reply, 'operator');
    const token = bearer(req);
    const identity = token ? await this.deps.tenants.verifyKey(token) : undefined;
    if (!identity) {
      await this.failed(req, 'operator', token ? 'unknown-key' : 'missing');
      throw new ApiError(
        401,
        'unauthorized',
        'This route needs an operator key of an accepted org.',
      );
    }
    return identity;
  }

  /** `Authorization: Bearer <admin key>`, compared in constant time. */
  async admin(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.notLocked(req, reply, 'admin');
    const token = bearer(req);
    if (!token || !safeEqual(token, this.deps.adminKey)) {
      await this.failed(req, 'admin', token ? 'wrong-key' : 'missing');
      throw new ApiError(401, 'unauthorized', 'This route needs the admin key.');
    }
  }
}

function bucket(req: FastifyRequest, kind: CredentialKind): string {
  return `${kind === 'webhook' ? 'webhook' : 'auth'}|${req.ip}`;
}
