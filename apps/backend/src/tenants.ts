import { timingSafeEqual } from 'node:crypto';
import { canonicalOrgId, type OrgTokenStatus, type ServiceApp } from '@g2g/service-app';
import type { Logger } from 'pino';
import type { AuthorizationView, TenantView } from './contract';
import { hmac } from './crypto';
import { ApiError } from './http-errors';
import { newOperatorKey, operatorKeyId } from './operator-keys';
import type { OperatorKeyRecord, Store, TenantRecord } from './store/store';

const iso = (t: number) => new Date(t).toISOString();

/** What a new tenant looks like before anything is known. */
function blank(orgId: string, now: number): TenantRecord {
  return { orgId, status: 'pending', scopes: [], firstSeenAt: now, updatedAt: now };
}

/**
 * Tenants: each org that authorizes the Service App. An org is `accepted`
 * when it is on the allowlist (configuration, the simulator's orgs) or when
 * the admin accepts it; only then are its tokens retrieved, and only then can
 * its operators work. Every other org is recorded, and nothing more.
 * Operator keys belong to one tenant; the stored MAC never reveals the key.
 */
export class Tenants {
  private readonly allowlist: Set<string>;
  /** Licence limits by site, for the meter's synchronous lookup; filled as tenants load. */
  private readonly limits = new Map<string, number>();

  constructor(
    private readonly deps: {
      store: Store;
      sa: ServiceApp;
      logger: Logger;
      now: () => number;
      /** Orgs accepted as soon as they authorize (canonical or Hydra ids). */
      allowlist: string[];
      /** Concurrent meetings per tenant unless the tenant says otherwise. */
      defaultLicenceLimit: number;
      /** Key of the operator-key MACs. */
      keyMacKey: Buffer;
      /** Called when a tenant becomes usable (register its webhooks, warm its caches). */
      onReady: (orgId: string) => Promise<void>;
    },
  ) {
    this.allowlist = new Set(deps.allowlist.map(canonicalOrgId));
  }

  /** Loads what the meter needs to know at start. */
  async load(): Promise<TenantRecord[]> {
    const all = await this.deps.store.tenants.list();
    for (const t of all) this.remember(t);
    return all;
  }

  async get(orgIdInput: string): Promise<TenantRecord | undefined> {
    return this.deps.store.tenants.get(canonicalOrgId(orgIdInput));
  }

  async accepted(): Promise<TenantRecord[]> {
    return (await this.deps.store.tenants.list()).filter((t) => t.status === 'accepted');
  }

  async isAccepted(orgId: string): Promise<boolean> {
    return (await this.get(orgId))?.status === 'accepted';
  }

  /** The licence limit of the tenant that owns `siteUrl`. */
  limitFor(siteUrl: string): number {
    return this.limits.get(siteUrl.toLowerCase()) ?? this.deps.defaultLicenceLimit;
  }

  /**
   * Records a configured tenant (home org, simulator orgs) as accepted,
   * keeping what is already known about it.
   */
  async ensureAccepted(
    orgIdInput: string,
    fields: { name?: string; siteUrl?: string; scopes?: string[]; decidedBy: string },
  ): Promise<TenantRecord> {
    const orgId = canonicalOrgId(orgIdInput);
    const now = this.deps.now();
    const t = (await this.deps.store.tenants.get(orgId)) ?? blank(orgId, now);
    const next: TenantRecord = {
      ...t,
      status: 'accepted',
      ...(fields.name ? { name: fields.name } : {}),
      ...(fields.siteUrl ? { siteUrl: fields.siteUrl } : {}),
      ...(fields.scopes ? { scopes: fields.scopes } : {}),
      decidedBy: t.status === 'accepted' ? (t.decidedBy ?? fields.decidedBy) : fields.decidedBy,
      updatedAt: now,
    };
    this.allowlist.add(orgId);
    await this.put(next);
    return next;
  }

  /**
   * An authorization arrived: records the org and says whether to retrieve
   * its tokens (accepted: allowlisted, or accepted before).
   */
  async onAuthorized(event: {
    orgId: string;
    scopes: string[];
    siteUrl?: string;
  }): Promise<boolean> {
    const orgId = canonicalOrgId(event.orgId);
    const now = this.deps.now();
    const t = (await this.deps.store.tenants.get(orgId)) ?? blank(orgId, now);
    const allow = this.allowlist.has(orgId) && t.status !== 'refused';
    const next: TenantRecord = {
      ...t,
      status: allow ? 'accepted' : t.status,
      scopes: event.scopes.length ? event.scopes : t.scopes,
      ...(event.siteUrl ? { siteUrl: event.siteUrl } : {}),
      authorizedAt: now,
      ...(allow && t.status !== 'accepted' ? { decidedBy: 'allowlist' } : {}),
      updatedAt: now,
    };
    await this.put(next);
    if (next.status !== 'accepted') {
      this.deps.logger.info(
        { orgId, status: next.status },
        'authorization recorded; org not accepted',
      );
    }
    return next.status === 'accepted';
  }

  /** Sets up a tenant that became usable (its webhooks, its caches). */
  async markReady(orgIdInput: string): Promise<void> {
    await this.deps.onReady(canonicalOrgId(orgIdInput));
  }

  /** A deauthorization Webex confirmed. */
  async onDeauthorized(orgIdInput: string): Promise<void> {
    const orgId = canonicalOrgId(orgIdInput);
    const t = await this.deps.store.tenants.get(orgId);
    if (!t) return;
    await this.put({ ...t, deauthorizedAt: this.deps.now(), updatedAt: this.deps.now() });
  }

  /** The admin accepts an org: its tokens are retrieved when the app is authorized there. */
  async accept(
    orgIdInput: string,
    input: { name?: string; licenceLimit?: number },
  ): Promise<TenantRecord> {
    const orgId = canonicalOrgId(orgIdInput);
    const t = await this.deps.store.tenants.get(orgId);
    if (!t) {
      throw new ApiError(404, 'not-found', 'No such org: it has not authorized the Service App.');
    }
    const next: TenantRecord = {
      ...t,
      status: 'accepted',
      ...(input.name ? { name: input.name } : {}),
      ...(input.licenceLimit !== undefined ? { licenceLimit: input.licenceLimit } : {}),
      decidedBy: 'admin',
      updatedAt: this.deps.now(),
    };
    await this.put(next);
    this.deps.logger.info({ orgId }, 'tenant accepted by the admin');
    if ((await this.deps.sa.tokens.status(orgId)).state === 'not-authorized') {
      // Fails (and says so) when the app is no longer authorized there; the tenant stays accepted.
      await this.deps.sa.tokens.retrieve(orgId, {
        ...(next.scopes.length ? { scopes: next.scopes } : {}),
        ...(next.siteUrl ? { siteUrl: next.siteUrl } : {}),
      });
    }
    await this.deps.onReady(orgId);
    return next;
  }

  /** The admin refuses an org: its tokens go, its operator keys stop working. */
  async refuse(orgIdInput: string): Promise<TenantRecord> {
    const orgId = canonicalOrgId(orgIdInput);
    const t = await this.deps.store.tenants.get(orgId);
    if (!t) throw new ApiError(404, 'not-found', 'No such org.');
    const next: TenantRecord = {
      ...t,
      status: 'refused',
      decidedBy: 'admin',
      updatedAt: this.deps.now(),
    };
    this.allowlist.delete(orgId);
    await this.put(next);
    await this.deps.sa.tokens.forget(orgId);
    this.deps.logger.info({ orgId }, 'tenant refused by the admin');
    return next;
  }

  // ---------------------------------------------------------------- operator keys

  /** A new key for an accepted tenant. The key is returned once and never stored. */
  async issueKey(
    orgIdInput: string,
    label?: string,
  ): Promise<{ record: OperatorKeyRecord; key: string }> {
    const orgId = canonicalOrgId(orgIdInput);
    const t = await this.deps.store.tenants.get(orgId);
    if (!t) throw new ApiError(404, 'not-found', 'No such org.');
    if (t.status !== 'accepted') {
      throw new ApiError(
        409,
        'tenant-not-accepted',
        'Accept the org before giving it operator keys.',
      );
    }
    const key = newOperatorKey();
    const record = await this.registerKey(orgId, key, label);
    return { record, key };
  }

  /** Registers a key made elsewhere (configuration, sim-mode dev keys) for a tenant. */
  async registerKey(orgIdInput: string, key: string, label?: string): Promise<OperatorKeyRecord> {
    const orgId = canonicalOrgId(orgIdInput);
    const id = operatorKeyId(key);
    const existing = await this.deps.store.operatorKeys.get(id);
    const record: OperatorKeyRecord = {
      id,
      orgId,
      mac: this.mac(key),
      ...(label ? { label } : existing?.label ? { label: existing.label } : {}),
      createdAt: existing?.createdAt ?? this.deps.now(),
    };
    await this.deps.store.operatorKeys.put(record);
    return record;
  }

  async listKeys(orgIdInput: string): Promise<OperatorKeyRecord[]> {
    const orgId = canonicalOrgId(orgIdInput);
    if (!(await this.deps.store.tenants.get(orgId)))
      throw new ApiError(404, 'not-found', 'No such org.');
    return this.deps.store.operatorKeys.listFor(orgId);
  }

  async revokeKey(id: string): Promise<OperatorKeyRecord> {
    const k = await this.deps.store.operatorKeys.get(id);
    if (!k) throw new ApiError(404, 'not-found', 'No such operator key.');
    const next = { ...k, revokedAt: k.revokedAt ?? this.deps.now() };
    await this.deps.store.operatorKeys.put(next);
    return next;
  }

  /** The accepted tenant an operator key belongs to, or undefined (unknown, revoked, tenant not accepted). */
  async verifyKey(key: string): Promise<{ orgId: string; keyId: string } | undefined> {
    const id = operatorKeyId(key);
    const record = await this.deps.store.operatorKeys.get(id);
    const given = this.mac(key);
    // Compare even when there is no record, so timing says nothing about which ids exist.
    const expected = record?.mac ?? given.replace(/./g, '0');
    const equal = timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
    if (!record || !equal || record.revokedAt !== undefined) return undefined;
    if (!(await this.isAccepted(record.orgId))) return undefined;
    return { orgId: record.orgId, keyId: record.id };
  }

  // ---------------------------------------------------------------- views

  async view(t: TenantRecord): Promise<TenantView> {
    return {
      orgId: t.orgId,
      status: t.status,
      ...(t.name ? { name: t.name } : {}),
      ...(t.siteUrl ? { siteUrl: t.siteUrl } : {}),
      scopes: t.scopes,
      ...(t.licenceLimit !== undefined ? { licenceLimit: t.licenceLimit } : {}),
      firstSeenAt: iso(t.firstSeenAt),
      ...(t.authorizedAt !== undefined ? { authorizedAt: iso(t.authorizedAt) } : {}),
      ...(t.deauthorizedAt !== undefined ? { deauthorizedAt: iso(t.deauthorizedAt) } : {}),
      ...(t.decidedBy ? { decidedBy: t.decidedBy } : {}),
      authorization: authorizationView(await this.deps.sa.tokens.status(t.orgId)),
    };
  }

  private async put(t: TenantRecord): Promise<void> {
    await this.deps.store.tenants.put(t);
    this.remember(t);
  }

  private remember(t: TenantRecord): void {
    if (t.siteUrl) {
      this.limits.set(t.siteUrl.toLowerCase(), t.licenceLimit ?? this.deps.defaultLicenceLimit);
    }
  }

  private mac(key: string): string {
    return hmac(this.deps.keyMacKey, key).toString('hex');
  }
}

/** A token status as the operator sees it: no token, expiry and back-off in ISO time. */
export function authorizationView(s: OrgTokenStatus): AuthorizationView {
  if (s.state === 'not-authorized') return { state: 'not-authorized' };
  if (s.state === 'reauthorization-required') {
    return { state: s.state, scopes: s.scopes, reason: s.reason, since: iso(s.since) };
  }
  return {
    state: 'authorized',
    scopes: s.scopes,
    accessTokenExpiresAt: iso(s.accessTokenExpiresAt),
    ...(s.refreshProblem ? { refreshProblem: s.refreshProblem } : {}),
    ...(s.refreshRetryAt !== undefined ? { refreshRetryAt: iso(s.refreshRetryAt) } : {}),
  };
}
