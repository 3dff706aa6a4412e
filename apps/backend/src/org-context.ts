import type { ServiceApp } from '@g2g/service-app';
import { Person } from '@g2g/webex-spec/rest';
import { ApiError } from './http-errors';

/** What the backend knows (or learns once and caches) about an org. */
export interface OrgHints {
  siteUrl?: string;
  machineAccountEmail?: string;
}

/**
 * Per-org Webex facts: the guest-to-guest site, the app's machine account,
 * and meeting preferences checked once, so that creating a consultation
 * costs only the calls that create it. Caches are per org: nothing learned
 * about one tenant is used for another.
 */
export class OrgContext {
  private readonly sites = new Map<string, string>();
  private readonly machineAccounts = new Map<string, string>();
  private readonly preferencesChecked = new Map<string, Promise<unknown>>();
  private readonly hints = new Map<string, OrgHints>();

  constructor(private readonly sa: ServiceApp) {}

  /** Records what is already known about an org (sim provisioning, configuration). */
  hint(orgId: string, hints: OrgHints): void {
    this.hints.set(orgId, { ...this.hints.get(orgId), ...hints });
  }

  async siteUrl(orgId: string): Promise<string> {
    const cached = this.sites.get(orgId);
    if (cached) return cached;
    const status = await this.sa.tokens.status(orgId);
    let site = ('siteUrl' in status ? status.siteUrl : undefined) ?? this.hints.get(orgId)?.siteUrl;
    if (!site) {
      const sites = await this.sa.meetings.sites(orgId);
      site = (sites.find((s) => s.default) ?? sites[0])?.siteUrl;
    }
    if (!site) throw new ApiError(503, 'no-site', 'The org has no guest-to-guest site.');
    this.sites.set(orgId, site);
    return site;
  }

  async machineAccountEmail(orgId: string): Promise<string> {
    const cached = this.machineAccounts.get(orgId) ?? this.hints.get(orgId)?.machineAccountEmail;
    if (cached) return cached;
    const me = await this.sa.http.request({
      method: 'GET',
      path: '/people/me',
      auth: { kind: 'org', orgId },
      schema: Person,
    });
    const email = me.body.emails[0];
    if (!email) throw new ApiError(503, 'no-machine-account', 'The Service App has no email.');
    this.machineAccounts.set(orgId, email);
    return email;
  }

  /** Join before host must be on for meetings nobody hosts; checked (and fixed) once per org. */
  async ensureNoHostPreferences(orgId: string): Promise<void> {
    let check = this.preferencesChecked.get(orgId);
    if (!check) {
      check = this.sa.meetings.ensureNoHostPreferences(orgId, { fix: true });
      this.preferencesChecked.set(orgId, check);
      check.catch(() => this.preferencesChecked.delete(orgId));
    }
    await check;
  }

  /** Learns everything up front (at start-up), so the first consultation is as fast as the rest. */
  async warm(orgId: string): Promise<void> {
    await Promise.all([
      this.siteUrl(orgId),
      this.machineAccountEmail(orgId),
      this.ensureNoHostPreferences(orgId),
    ]);
  }
}
