import { canonicalOrgId, decodeHydraId } from './ids';
import { silentLogger, type Logger } from './logger';
import type { TokenManager } from './token-manager';
import type { WebhookEnvelope } from './webhooks';

/** An authorization webhook, read. */
export type AuthorizationEvent =
  | { kind: 'authorized'; orgId: string; scopes: string[]; siteUrl?: string }
  | { kind: 'deauthorized'; orgId: string }
  | { kind: 'ignored'; reason: string };

/** What an authorization webhook changed. */
export type AuthorizationOutcome =
  | { kind: 'authorized'; orgId: string; scopes: string[]; siteUrl?: string }
  /** The org authorized the app but is not accepted: remembered by the caller, no token retrieved. */
  | { kind: 'recorded'; orgId: string; scopes: string[]; siteUrl?: string }
  | { kind: 'deauthorized'; orgId: string }
  /** A `deauthorized` delivery Webex does not confirm (a replay): nothing was deleted. */
  | { kind: 'still-authorized'; orgId: string }
  | { kind: 'ignored'; reason: string };

/** Decides, per org, whether an authorization is acted on (see {@link AuthorizationHandler.handle}). */
export type AcceptOrg = (event: {
  orgId: string;
  scopes: string[];
  siteUrl?: string;
}) => boolean | Promise<boolean>;

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * Acts on `serviceApp:authorized` / `deauthorized` webhooks.
 *
 * - On authorization of an org the caller accepts, retrieves its tokens
 *   (`/applications/{id}/token`) and records the granted scopes and
 *   guest-to-guest site. Any org can authorize a Service App; `accept` keeps
 *   the ones nobody approved from getting tokens (they are `recorded`).
 * - On deauthorization, asks Webex first: a replayed delivery must not delete
 *   the tokens of an org that is still authorized.
 *
 * The payload's field names are unpublished [inferred], so the envelope's
 * `orgId` is the fallback.
 */
export class AuthorizationHandler {
  constructor(
    private readonly tokens: TokenManager,
    private readonly app: { clientId: string; applicationId: string },
    private readonly logger: Logger = silentLogger,
  ) {}

  /** Whether a delivery is an authorization event at all. */
  static handles(envelope: WebhookEnvelope): boolean {
    return envelope.resource === 'serviceApp';
  }

  /** Reads an authorization delivery without acting on it. */
  read(envelope: WebhookEnvelope): AuthorizationEvent {
    if (envelope.resource !== 'serviceApp') return { kind: 'ignored', reason: 'not serviceApp' };
    const data = envelope.data;
    if (!this.isOurs(data)) return { kind: 'ignored', reason: 'another application' };
    const orgId = canonicalOrgId(
      typeof data.authorizerOrgId === 'string' ? data.authorizerOrgId : envelope.orgId,
    );
    if (envelope.event === 'authorized') {
      const scopes = strings(data.scopes);
      const siteUrl = strings(data.trainSiteNames)[0] ?? strings(data.siteUrls)[0];
      return { kind: 'authorized', orgId, scopes, ...(siteUrl !== undefined ? { siteUrl } : {}) };
    }
    if (envelope.event === 'deauthorized') return { kind: 'deauthorized', orgId };
    return { kind: 'ignored', reason: `event ${envelope.event}` };
  }

  /**
   * Acts on an authorization delivery. `accept` (default: every org) decides
   * whether an authorizing org gets its tokens retrieved.
   */
  async handle(
    envelope: WebhookEnvelope,
    options: { accept?: AcceptOrg } = {},
  ): Promise<AuthorizationOutcome> {
    const event = this.read(envelope);
    if (event.kind === 'ignored') return event;
    const { orgId } = event;
    if (event.kind === 'authorized') {
      const { scopes, siteUrl } = event;
      if (options.accept && !(await options.accept(event))) {
        this.logger.info(
          { orgId, scopes, siteUrl },
          'service app authorized by an org not accepted',
        );
        return { ...event, kind: 'recorded' };
      }
      await this.tokens.retrieve(orgId, {
        ...(scopes.length ? { scopes } : {}),
        ...(siteUrl !== undefined ? { siteUrl } : {}),
      });
      this.logger.info({ orgId, scopes, siteUrl }, 'service app authorized');
      return event;
    }
    if ((await this.tokens.confirmDeauthorization(orgId)) === 'still-authorized') {
      this.logger.warn({ orgId }, 'deauthorization not confirmed by Webex; nothing deleted');
      return { kind: 'still-authorized', orgId };
    }
    this.logger.info({ orgId }, 'service app deauthorized');
    return { kind: 'deauthorized', orgId };
  }

  private isOurs(data: Record<string, unknown>): boolean {
    if (typeof data.clientId === 'string') return data.clientId === this.app.clientId;
    if (typeof data.id !== 'string') return true;
    if (data.id === this.app.applicationId) return true;
    const a = decodeHydraId(data.id);
    const b = decodeHydraId(this.app.applicationId);
    return !!a && !!b && a.uuid === b.uuid;
  }
}
