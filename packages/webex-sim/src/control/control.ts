import type { SimServer } from '../server';
import { globToRegExp, type Fault, type FaultSpec, type Faults } from '../faults';
import { badRequest, notFound } from '../http/errors';
import type { LoggedRequest, RequestFilter, RequestLog } from '../requestLog';
import type { SimOptions } from '../world/options';
import type { ClientLogUpload, Meeting, Participant } from '../world/types';
import { mercuryPath } from '../sdk/urls';
import type { World } from '../world/world';
import type { WebhookDelivery } from '../webhooks/delivery';
import type { MediaRelay } from '../media';

/** What the control API returns for a provisioned Service App. */
export interface ProvisionedApp {
  clientId: string;
  clientSecret: string;
  applicationId: string;
  name: string;
  orgId: string;
  orgName: string;
  /** The guest-to-guest site (`*.webex.com` host name) the app schedules on. */
  siteUrl: string;
  /** The app's machine account, used as `hostEmail` for join links. */
  machineAccountEmail: string;
  licenceLimit: number;
  tokens?: {
    accessToken: string;
    expiresIn: number;
    refreshToken: string;
    refreshTokenExpiresIn: number;
  };
}

export interface CreateServiceAppInput {
  name?: string;
  /** An existing org to authorize in; a new one is created when omitted. */
  orgId?: string;
  orgName?: string;
  scopes?: string[];
  licenceLimit?: number;
  /** Authorize it right away (fires `serviceApp:authorized`). Default true. */
  authorize?: boolean;
}

/**
 * Test and demo control over the simulated cloud. The same object backs the
 * `/_sim/*` HTTP routes, so in-process and out-of-process callers agree.
 */
export class SimControl {
  constructor(
    private readonly world: World,
    private readonly faults: Faults,
    private readonly log: RequestLog,
    private readonly server: SimServer,
    private readonly webhooks?: WebhookDelivery,
    private readonly media?: MediaRelay,
  ) {}

  /** Forgets every org, app, token, meeting, fault and logged request. */
  reset(options: Partial<SimOptions> = {}): void {
    this.server.dropSockets();
    this.world.reset(options);
    this.faults.clear();
    this.log.clear();
  }

  /** Changes options on the running world (e.g. `captchaAfterFailures`). */
  configure(options: Partial<SimOptions>): SimOptions {
    Object.assign(this.world.options, options);
    return { ...this.world.options };
  }

  createOrg(name?: string) {
    return this.world.createOrg(name);
  }

  createServiceApp(input: CreateServiceAppInput = {}): ProvisionedApp {
    const org = input.orgId
      ? this.world.orgs.get(input.orgId)
      : this.world.createOrg(input.orgName);
    if (!org) throw notFound(`Unknown org ${input.orgId}`);
    const app = this.world.createServiceApp({
      orgId: org.id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
      ...(input.licenceLimit !== undefined ? { licenceLimit: input.licenceLimit } : {}),
    });
    const result: ProvisionedApp = {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      applicationId: app.applicationId,
      name: app.name,
      orgId: org.id,
      orgName: org.name,
      siteUrl: org.siteUrl,
      machineAccountEmail: this.world.machineAccount(app, org.id).emails[0]!,
      licenceLimit: app.licenceLimit,
    };
    if (input.authorize === false) return result;
    return { ...result, tokens: this.authorize(app.clientId, org.id) };
  }

  /** Whether this world knows the app (a restarted simulator forgets everything). */
  hasServiceApp(clientId: string): boolean {
    return (
      this.world.apps.has(clientId) || this.world.findAppByApplicationId(clientId) !== undefined
    );
  }

  /** Authorizes an app in an org (its owner org by default) and returns fresh tokens. */
  authorize(clientId: string, orgId?: string): NonNullable<ProvisionedApp['tokens']> {
    const app = this.app(clientId);
    const target = orgId ?? app.ownerOrgId;
    this.world.authorize(app, target);
    const { access, refresh } = this.world.issueTokens(
      'service-app',
      app,
      target,
      this.world.machineAccount(app, target).id,
      app.scopes,
    );
    return {
      accessToken: access.value,
      expiresIn: Math.round((access.expiresAt - this.world.now()) / 1000),
      refreshToken: refresh.value,
      refreshTokenExpiresIn: Math.round((refresh.expiresAt - this.world.now()) / 1000),
    };
  }

  deauthorize(clientId: string, orgId?: string): void {
    const app = this.app(clientId);
    this.world.deauthorize(app, orgId ?? app.ownerOrgId);
  }

  /** A licensed Webex user in an org (for scheduling on someone's behalf), with a token. */
  createUser(input: { orgId: string; displayName: string; email: string; licensed?: boolean }) {
    if (!this.world.orgs.has(input.orgId)) throw notFound(`Unknown org ${input.orgId}`);
    const person = this.world.createPerson({
      displayName: input.displayName,
      emails: [input.email],
      orgId: input.orgId,
      type: 'person',
      licensed: input.licensed ?? true,
    });
    const token = this.world.issueAccessToken(
      'user',
      input.orgId,
      person.id,
      ['spark:all', 'meeting:schedules_read', 'meeting:schedules_write'],
      this.world.options.accessTokenTtlSec,
    );
    return { personId: person.id, email: input.email, accessToken: token.value };
  }

  /** Moves the simulated clock forward; returns the new time (ms since epoch). */
  advanceClock(ms: number): number {
    return this.world.clock.advance(ms);
  }

  now(): number {
    return this.world.now();
  }

  /** Expires one access token now. */
  expireToken(token: string): boolean {
    return this.world.expireToken(token);
  }

  addFault(spec: FaultSpec): Fault {
    if (typeof spec.path !== 'string' || !spec.path)
      throw badRequest('A fault needs a path glob, e.g. "/v1/meetings*".');
    const fault = this.faults.add(spec);
    if (spec.dropWebsockets) this.server.dropSockets((path) => globToRegExp(spec.path).test(path));
    return fault;
  }

  removeFault(id: string): boolean {
    return this.faults.remove(id);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): Fault[] {
    return this.faults.all();
  }

  /** Requests received, oldest first; filter by method, path glob, `since` (a seq), person or `unmodelled`. */
  requests(filter: RequestFilter = {}): LoggedRequest[] {
    return this.log.list(filter);
  }

  clearRequests(): void {
    this.log.clear();
  }

  /** Drops every open websocket (Mercury reconnect tests). */
  dropWebsockets(): number {
    return this.server.dropSockets();
  }

  /** Admits lobby participants (all when no ids are given). */
  admit(meetingId: string, participantIds?: string[]): string[] {
    return this.world.admit(this.meeting(meetingId), participantIds);
  }

  /** Ends a meeting for everyone, as the host's "end for all" does. */
  endMeeting(meetingId: string): void {
    const meeting = this.meeting(meetingId);
    this.world.endMeeting(meeting, meeting.hostUserId);
  }

  /** The meeting's state and live participants. */
  meetingState(meetingId: string) {
    const m = this.meeting(meetingId);
    return {
      id: m.id,
      meetingNumber: m.meetingNumber,
      state: m.state,
      participants: this.world.activeParticipants(m).map((p) => ({
        id: p.id,
        personId: p.personId,
        name: p.name,
        isHost: p.isHost,
        inLobby: p.inLobby,
        state: p.state,
        media: this.media?.participant(p.id) ?? null,
      })),
    };
  }

  /** The client-log uploads the SDKs made (on leave), oldest first. */
  clientLogs(): ClientLogUpload[] {
    return this.world.clientLogs.map((u) => ({ ...u }));
  }

  /**
   * Fault: closes a participant's media connection (ICE and DTLS gone, as
   * when a media path dies) and keeps its renegotiations from connecting
   * until {@link restoreMedia}. Returns whether it had a connection.
   */
  dropMedia(participantId: string): boolean {
    this.participant(participantId);
    return this.media?.drop(participantId) ?? false;
  }

  /** Ends {@link dropMedia}: the SDK's next offer (its reconnection) connects. */
  restoreMedia(participantId: string): void {
    this.participant(participantId);
    this.media?.restore(participantId);
  }

  /**
   * Fault: closes the Mercury socket of a participant's device and refuses
   * its reconnections until {@link restoreMercury}. Past `presenceGraceMs`
   * the participant is dropped from the meeting, as Locus does.
   */
  dropMercury(participantId: string): Fault {
    const deviceId = this.participant(participantId).deviceUrl.split('/').pop()!;
    this.restoreMercury(participantId);
    return this.addFault({ path: `${mercuryPath}/${deviceId}/*`, dropWebsockets: true });
  }

  restoreMercury(participantId: string): void {
    const deviceId = this.participant(participantId).deviceUrl.split('/').pop()!;
    for (const f of this.faults.all())
      if (f.path === `${mercuryPath}/${deviceId}/*`) this.faults.remove(f.id);
  }

  /** The answer to a captcha, so tests can solve it. */
  captchaCode(captchaId: string): string | undefined {
    return this.world.captchas.get(captchaId)?.code;
  }

  prune() {
    return this.world.prune();
  }

  /** Resolves once every webhook delivery, retries included, has finished. */
  webhooksIdle(): Promise<void> {
    return this.webhooks?.idle() ?? Promise.resolve();
  }

  private app(clientId: string) {
    const app = this.world.apps.get(clientId) ?? this.world.findAppByApplicationId(clientId);
    if (!app) throw notFound(`Unknown Service App ${clientId}`);
    return app;
  }

  private participant(id: string): Participant {
    for (const m of this.world.meetings.values()) {
      const p = m.locus?.participants.get(id);
      if (p) return p;
    }
    throw notFound(`Unknown participant ${id}`);
  }

  private meeting(id: string): Meeting {
    const m =
      this.world.meetings.get(id) ??
      [...this.world.meetings.values()].find((x) => x.meetingNumber === id);
    if (!m) throw notFound(`Unknown meeting ${id}`);
    return m;
  }
}
