import { hydraId } from '../ids';
import type { WorldContext } from './context';
import { G2G_SCOPES } from './scopes';
import type { Tokens } from './tokens';
import type { Guest, Org, Person, ServiceApp } from './types';

/**
 * Who exists: orgs, people, Service Apps and their machine accounts, and the
 * guests apps mint. Indexed by everything the faces look people up by
 * (id, email, client id, application id), so no lookup scans.
 */
export class Identity {
  private readonly orgs = new Map<string, Org>();
  private readonly people = new Map<string, Person>();
  /** Lower-cased email → the first person created with it. */
  private readonly byEmail = new Map<string, Person>();
  private readonly apps = new Map<string, ServiceApp>();
  private readonly byApplicationId = new Map<string, ServiceApp>();
  /** Machine-account person of each `${clientId}|${orgId}`. */
  private readonly machineAccounts = new Map<string, string>();
  /** Guests by `${appClientId}|${subject}`. */
  private readonly guests = new Map<string, Guest>();
  private readonly guestsPerApp = new Map<string, number>();

  constructor(
    private readonly ctx: WorldContext,
    private readonly tokens: Tokens,
  ) {}

  clear(): void {
    for (const map of [
      this.orgs,
      this.people,
      this.byEmail,
      this.apps,
      this.byApplicationId,
      this.machineAccounts,
      this.guests,
      this.guestsPerApp,
    ])
      map.clear();
  }

  // ---------------------------------------------------------------- orgs

  createOrg(name = 'Acme Health', sitePrefix?: string): Org {
    const id = this.ctx.ids.uuid();
    const prefix =
      sitePrefix ??
      `${
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'org'
      }-g2g`;
    const org: Org = { id, name, siteUrl: `${prefix}.webex.com` };
    this.orgs.set(id, org);
    return org;
  }

  org(id: string): Org | undefined {
    return this.orgs.get(id);
  }

  // ---------------------------------------------------------------- people

  createPerson(input: Omit<Person, 'id' | 'created'>): Person {
    const person: Person = { ...input, id: this.ctx.ids.uuid(), created: this.ctx.now() };
    this.people.set(person.id, person);
    for (const email of person.emails) {
      const key = email.toLowerCase();
      if (!this.byEmail.has(key)) this.byEmail.set(key, person);
    }
    return person;
  }

  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  personByEmail(email: string): Person | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  /** Everyone, in creation order (the people list filters this). */
  allPeople(): IterableIterator<Person> {
    return this.people.values();
  }

  // ---------------------------------------------------------------- service apps

  createServiceApp(
    input: { name?: string; orgId?: string; scopes?: string[]; licenceLimit?: number } = {},
  ): ServiceApp {
    const ownerOrgId = input.orgId ?? this.createOrg().id;
    const clientId = `C${this.ctx.ids.hex(32)}`;
    const app: ServiceApp = {
      clientId,
      clientSecret: this.ctx.ids.hex(32),
      applicationId: hydraId('APPLICATION', clientId),
      name: input.name ?? 'g2g Service App',
      ownerOrgId,
      scopes: input.scopes ?? [...G2G_SCOPES],
      licenceLimit: input.licenceLimit ?? this.ctx.options.licenceLimit,
      authorizations: new Map(),
    };
    this.apps.set(clientId, app);
    this.byApplicationId.set(app.applicationId, app);
    return app;
  }

  /** An app by its client id. */
  app(clientId: string): ServiceApp | undefined {
    return this.apps.get(clientId);
  }

  /** An app by its application id, or by its client id (callers pass either). */
  appByApplicationId(id: string): ServiceApp | undefined {
    return this.byApplicationId.get(id) ?? this.apps.get(id);
  }

  allApps(): IterableIterator<ServiceApp> {
    return this.apps.values();
  }

  /** The app's machine account in an org: the person Service App tokens act as. */
  machineAccount(app: ServiceApp, orgId: string): Person {
    const key = `${app.clientId}|${orgId}`;
    const existing = this.machineAccounts.get(key);
    if (existing) return this.people.get(existing)!;
    const person = this.createPerson({
      displayName: app.name,
      emails: [`${this.ctx.ids.uuid()}@appid.ciscospark.com`],
      orgId,
      type: 'appuser',
      licensed: false,
    });
    this.machineAccounts.set(key, person.id);
    return person;
  }

  /** An org's admin authorizes the app: `serviceApp:authorized` fires. */
  authorize(app: ServiceApp, orgId: string): void {
    const org = this.orgs.get(orgId);
    if (!org) throw new Error(`unknown org ${orgId}`);
    app.authorizations.set(orgId, {
      orgId,
      siteUrl: org.siteUrl,
      scopes: [...app.scopes],
      authorizedAt: this.ctx.now(),
    });
    const actor = this.machineAccount(app, orgId);
    this.ctx.emit({
      type: 'webhook',
      resource: 'serviceApp',
      event: 'authorized',
      orgId,
      appClientId: app.clientId,
      actorId: actor.id,
      data: {
        id: app.applicationId,
        clientId: app.clientId,
        authorizerOrgId: orgId,
        scopes: [...app.scopes],
        trainSiteNames: [org.siteUrl],
        // When it happened [inferred: Webex publishes no field names here]; receivers judge freshness by it.
        created: this.ctx.clock.iso(),
      },
    });
  }

  /** Deauthorization revokes every token the app holds for the org. */
  deauthorize(app: ServiceApp, orgId: string): void {
    if (!app.authorizations.delete(orgId)) return;
    this.tokens.revokeApp(app.clientId, orgId);
    this.ctx.emit({
      type: 'webhook',
      resource: 'serviceApp',
      event: 'deauthorized',
      orgId,
      appClientId: app.clientId,
      actorId: this.machineAccount(app, orgId).id,
      data: {
        id: app.applicationId,
        clientId: app.clientId,
        authorizerOrgId: orgId,
        created: this.ctx.clock.iso(),
      },
    });
  }

  // ---------------------------------------------------------------- guests

  /**
   * The guest an app knows by `subject`: created on first sight, renamed on
   * every later mint (WEBEX-REFERENCE §3), person record included.
   */
  guest(app: ServiceApp, orgId: string, subject: string, displayName: string): Guest {
    const key = `${app.clientId}|${subject}`;
    const known = this.guests.get(key);
    if (known) {
      known.displayName = displayName;
      const person = this.people.get(known.personId);
      if (person) person.displayName = displayName;
      return known;
    }
    const email = `${this.ctx.ids.uuid()}@appid.ciscospark.com`;
    const person = this.createPerson({
      displayName,
      emails: [email],
      orgId,
      type: 'appuser',
      licensed: false,
    });
    const guest: Guest = {
      personId: person.id,
      subject,
      displayName,
      email,
      appClientId: app.clientId,
      orgId,
      created: this.ctx.now(),
    };
    this.guests.set(key, guest);
    this.guestsPerApp.set(app.clientId, (this.guestsPerApp.get(app.clientId) ?? 0) + 1);
    return guest;
  }

  guestCount(appClientId: string): number {
    return this.guestsPerApp.get(appClientId) ?? 0;
  }
}
