import { canonicalOrgId, decodeHydraId } from './ids';
import { silentLogger, type Logger } from './logger';
import type { TokenManager } from './token-manager';
import type { WebhookEnvelope } from './webhooks';

/** What an authorization webhook changed. */
export type AuthorizationOutcome =
  | { kind: 'authorized'; orgId: string; scopes: string[]; siteUrl?: string }
  | { kind: 'deauthorized'; orgId: string }
  | { kind: 'ignored'; reason: string };

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * Acts on `serviceApp:authorized` / `deauthorized` webhooks: on authorization,
 * retrieves the org's tokens (`/applications/{id}/token`) and records the
 * granted scopes and guest-to-guest site; on deauthorization, deletes them.
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

  async handle(envelope: WebhookEnvelope): Promise<AuthorizationOutcome> {
    if (envelope.resource !== 'serviceApp') return { kind: 'ignored', reason: 'not serviceApp' };
    const data = envelope.data;
    if (!this.isOurs(data)) return { kind: 'ignored', reason: 'another application' };
    const orgId = canonicalOrgId(
      typeof data.authorizerOrgId === 'string' ? data.authorizerOrgId : envelope.orgId,
    );
    if (envelope.event === 'authorized') {
      const scopes = strings(data.scopes);
      const siteUrl = strings(data.trainSiteNames)[0] ?? strings(data.siteUrls)[0];
      await this.tokens.retrieve(orgId, {
        ...(scopes.length ? { scopes } : {}),
        ...(siteUrl !== undefined ? { siteUrl } : {}),
      });
      this.logger.info({ orgId, scopes, siteUrl }, 'service app authorized');
      return { kind: 'authorized', orgId, scopes, ...(siteUrl !== undefined ? { siteUrl } : {}) };
    }
    if (envelope.event === 'deauthorized') {
      await this.tokens.forget(orgId);
      this.logger.info({ orgId }, 'service app deauthorized');
      return { kind: 'deauthorized', orgId };
    }
    return { kind: 'ignored', reason: `event ${envelope.event}` };
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
