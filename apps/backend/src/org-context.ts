import type { ServiceApp } from '@g2g/service-app';
import { Person } from '@g2g/webex-spec/rest';
import { ApiError } from './http-errors';

/** What the backend knows (or learns once and caches) about the org it serves. */
export interface OrgHints {
  orgId?: string;
  siteUrl?: string;
  machineAccountEmail?: string;
}

/**
 * Resolves the org, its guest-to-guest site and the app's machine account,
 * and checks meeting preferences — once, so that creating a consultation
 * costs only the calls that create it.
 */
export class OrgContext {
  private readonly sites = new Map<string, string>();
  private readonly machineAccounts = new Map<string, string>();
  private readonly preferencesChecked = new Map<string, Promise<unknown>>();

  constructor(
    private readonly sa: ServiceApp,
    private readonly hints: OrgHints = {},
  ) {}

  /** Updates hints (sim provisioning learns them after start). */
  set(hints: OrgHints): void {
    Object.assign(this.hints, hints);
  }

  /** The configured org, else the first org holding tokens. */
  async orgId(): Promise<string> {
    if (this.hints.orgId) return this.hints.orgId;
    const statuses = await this.sa.tokens.statuses();
    const org = statuses.find((s) => s.state === 'authorized') ?? statuses[0];
    if (!org) {
      throw new ApiError(
        503,
        'not-authorized',
        'No org has authorized the Service App yet: an admin must authorize it in Control Hub.',
      );
    }
    return org.orgId;
  }

  async siteUrl(orgId: string): Promise<string> {
    const cached = this.sites.get(orgId);
    if (cached) return cached;
    const status = await this.sa.tokens.status(orgId);
    let site = ('siteUrl' in status ? status.siteUrl : undefined) ?? this.hints.siteUrl;
    if (!site) {
      const sites = await this.sa.meetings.sites(orgId);
      site = (sites.find((s) => s.default) ?? sites[0])?.siteUrl;
    }
    if (!site) throw new ApiError(503, 'no-site', 'The org has no guest-to-guest site.');
    this.sites.set(orgId, site);
    return site;
  }

  async machineAccountEmail(orgId: string): Promise<string> {
    const cached = this.machineAccounts.get(orgId) ?? this.hints.machineAccountEmail;
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
  async warm(): Promise<void> {
    const orgId = await this.orgId();
    await Promise.all([
      this.siteUrl(orgId),
      this.machineAccountEmail(orgId),
      this.ensureNoHostPreferences(orgId),
    ]);
  }
}
