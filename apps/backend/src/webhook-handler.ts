import {
  AuthorizationHandler,
  canonicalOrgId,
  meetingOf,
  type LicenceMeter,
  type ServiceApp,
  type WebhookEnvelope,
} from '@g2g/service-app';
import type { Logger } from 'pino';
import { view } from './consultations';
import { applyLiveEvent, meetingIdOf, type LiveFeed } from './live';
import type { Store } from './store/store';
import type { Tenants } from './tenants';

/** What a delivery did, for the log line. */
export type WebhookResult =
  | 'authorized'
  | 'recorded'
  | 'deauthorized'
  | 'still-authorized'
  | 'counted'
  | 'live'
  | 'ignored'
  | 'not-accepted';

/**
 * Acts on verified, fresh, first-seen deliveries:
 * - `serviceApp`: tenants decide (allowlist, admin approval); a
 *   deauthorization is confirmed with Webex before anything is deleted;
 * - `meetings` and `meetingParticipants` of an accepted tenant: the licence
 *   meter and the live status of the tenant's consultation, pushed to its
 *   operators. Deliveries of orgs that are not accepted change nothing.
 */
export class WebhookHandler {
  constructor(
    private readonly deps: {
      sa: ServiceApp;
      tenants: Tenants;
      meter: LicenceMeter;
      store: Store;
      live: LiveFeed;
      logger: Logger;
      now: () => number;
    },
  ) {}

  async handle(envelope: WebhookEnvelope): Promise<WebhookResult> {
    const { sa, tenants } = this.deps;
    if (AuthorizationHandler.handles(envelope)) {
      const outcome = await sa.authorization.handle(envelope, {
        accept: (event) => tenants.onAuthorized(event),
      });
      if (outcome.kind === 'deauthorized') await tenants.onDeauthorized(outcome.orgId);
      if (outcome.kind === 'authorized') {
        // Registering webhooks and warming caches may take a while: not on Webex's clock.
        void this.ready(outcome.orgId);
      }
      return outcome.kind === 'ignored' ? 'ignored' : outcome.kind;
    }
    const orgId = canonicalOrgId(envelope.orgId);
    const tenant = await tenants.get(orgId);
    if (tenant?.status !== 'accepted') return 'not-accepted';
    if (envelope.resource === 'meetings') {
      // A site belongs to one org: another org's site in this tenant's delivery is not counted.
      const m = meetingOf(envelope);
      const ownSite = !tenant.siteUrl || m?.siteUrl === tenant.siteUrl.toLowerCase();
      const counted = ownSite && (await this.deps.meter.onWebhook(envelope));
      const live = await this.applyLive(orgId, envelope);
      if (counted && m) {
        this.deps.live.publish(orgId, {
          type: 'licence',
          licence: await this.deps.meter.usage(m.siteUrl),
        });
      }
      return counted ? 'counted' : live ? 'live' : 'ignored';
    }
    if (envelope.resource === 'meetingParticipants') {
      return (await this.applyLive(orgId, envelope)) ? 'live' : 'ignored';
    }
    return 'ignored';
  }

  /** Updates the live status of the tenant's consultation for this meeting, and tells its operators. */
  private async applyLive(orgId: string, envelope: WebhookEnvelope): Promise<boolean> {
    const meetingId = meetingIdOf(envelope);
    if (!meetingId) return false;
    const c = await this.deps.store.consultations.findByMeeting(orgId, meetingId);
    if (!c) return false;
    let changed = false;
    const next = await this.deps.store.consultations.update(orgId, c.id, (cur) => {
      const live = applyLiveEvent(cur.live, envelope, this.deps.now());
      changed = live !== undefined;
      return live ? { ...cur, live } : undefined;
    });
    if (changed && next) {
      this.deps.live.publish(orgId, { type: 'consultation', consultation: view(next) });
    }
    return changed;
  }

  private async ready(orgId: string): Promise<void> {
    try {
      await this.deps.tenants.markReady(orgId);
    } catch (error) {
      this.deps.logger.warn({ orgId, err: error }, 'tenant set-up after authorization incomplete');
    }
  }
}
