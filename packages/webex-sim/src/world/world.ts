import { EventEmitter } from 'node:events';
import { Clock } from '../clock';
import { Ids, hydraId } from '../ids';
import { DEFAULT_OPTIONS, type SimOptions } from './options';
import type {
  AccessToken,
  ClientLogUpload,
  Device,
  Guest,
  Meeting,
  Membership,
  Org,
  Participant,
  Person,
  RefreshToken,
  Room,
  SchedulingOptions,
  ServiceApp,
  TokenKind,
  Webhook,
} from './types';
import { G2G_SCOPES } from './scopes';
import { LOCUS_EVENT, type LocusEventType } from './locus-events';
import { emitParticipantEvent } from '../webhooks/participants';

/** Client-log uploads kept for tests to read: the newest ones. */
const CLIENT_LOGS_KEPT = 200;

/** What guest tokens may do: use the SDK as the guest. */
const GUEST_SCOPES = ['spark:all', 'spark:people_read', 'meeting:participants_read'];

/** Things the outside world hears about: webhooks and Locus pushes. */
export type WorldEvent =
  | {
      type: 'webhook';
      resource: string;
      event: string;
      orgId: string;
      appClientId?: string;
      actorId: string;
      data: Record<string, unknown>;
    }
  | {
      type: 'locus';
      meeting: Meeting;
      eventType: LocusEventType;
      /** Participants told although they are no longer in (those this change sent away). */
      notify?: string[];
      /** A device that hears of this change in its HTTP answer instead (e.g. the joiner's). */
      answeredDevice?: string;
    };

export interface IssuedTokens {
  access: AccessToken;
  refresh: RefreshToken;
}

/**
 * The one state behind both faces of the simulator: REST (`/v1`) and the
 * SDK's cloud protocol. Faces validate input; the world keeps invariants
 * (token expiry, licence limits, meeting lifecycle) and announces changes.
 */
export class World {
  readonly clock = new Clock();
  readonly events = new EventEmitter<{ event: [WorldEvent] }>();
  ids: Ids;
  options: SimOptions;

  orgs = new Map<string, Org>();
  apps = new Map<string, ServiceApp>();
  tokens = new Map<string, AccessToken>();
  refreshTokens = new Map<string, RefreshToken>();
  people = new Map<string, Person>();
  guests = new Map<string, Guest>(); // key: `${appClientId}|${subject}`
  meetings = new Map<string, Meeting>();
  webhooks = new Map<string, Webhook>();
  rooms = new Map<string, Room>();
  memberships = new Map<string, Membership>();
  devices = new Map<string, Device>();
  /** Wrong meetingInfo passwords per `${meetingId}|${personId}`. */
  passwordFailures = new Map<string, number>();
  /** Open captcha challenges by id. */
  captchas = new Map<
    string,
    { code: string; meetingId: string; personId: string; created: number }
  >();
  /** The newest client-log uploads (the SDK's, on leave), oldest first. */
  clientLogs: ClientLogUpload[] = [];
  /** Machine-account person of each (app, org) pair. */
  private machineAccounts = new Map<string, string>();
  private lastLocusSequence = 0;

  constructor(
    private readonly seed?: string | number,
    options: Partial<SimOptions> = {},
  ) {
    this.ids = new Ids(seed);
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Forgets everything and starts the clock afresh; options go back to their start values. */
  reset(options: Partial<SimOptions> = {}): void {
    for (const map of [
      this.orgs,
      this.apps,
      this.tokens,
      this.refreshTokens,
      this.people,
      this.guests,
      this.meetings,
      this.webhooks,
      this.rooms,
      this.memberships,
      this.devices,
      this.passwordFailures,
      this.captchas,
      this.machineAccounts,
      this.schedulingPreferences,
    ]) {
      map.clear();
    }
    this.clientLogs = [];
    // lastLocusSequence survives: sequences stay increasing for SDKs that outlive a reset.
    this.clock.reset();
    this.ids = new Ids(this.seed);
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  now(): number {
    return this.clock.now();
  }

  emit(event: WorldEvent): void {
    this.events.emit('event', event);
  }

  /**
   * The next Locus sequence number: microseconds of real time, like Locus's
   * own, and strictly increasing across every meeting and restart of this
   * world, so an SDK that saw an earlier instance of a meeting never takes
   * a new one for stale.
   */
  nextLocusSequence(): number {
    this.lastLocusSequence = Math.max(this.lastLocusSequence + 1, Date.now() * 1000);
    return this.lastLocusSequence;
  }

  rememberClientLog(upload: ClientLogUpload): void {
    this.clientLogs.push(upload);
    if (this.clientLogs.length > CLIENT_LOGS_KEPT)
      this.clientLogs.splice(0, this.clientLogs.length - CLIENT_LOGS_KEPT);
  }

  // ---------------------------------------------------------------- orgs and people

  createOrg(name = 'Acme Health', sitePrefix?: string): Org {
    const id = this.ids.uuid();
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

  createPerson(input: Omit<Person, 'id' | 'created'>): Person {
    const person: Person = { ...input, id: this.ids.uuid(), created: this.now() };
    this.people.set(person.id, person);
    return person;
  }

  findPersonByEmail(email: string): Person | undefined {
    const e = email.toLowerCase();
    for (const p of this.people.values()) if (p.emails.some((x) => x.toLowerCase() === e)) return p;
    return undefined;
  }

  // ---------------------------------------------------------------- service apps

  createServiceApp(
    input: { name?: string; orgId?: string; scopes?: string[]; licenceLimit?: number } = {},
  ): ServiceApp {
    const ownerOrgId = input.orgId ?? this.createOrg().id;
    const clientId = `C${this.ids.hex(32)}`;
    const app: ServiceApp = {
      clientId,
      clientSecret: this.ids.hex(32),
      applicationId: hydraId('APPLICATION', clientId),
      name: input.name ?? 'g2g Service App',
      ownerOrgId,
      scopes: input.scopes ?? [...G2G_SCOPES],
      licenceLimit: input.licenceLimit ?? this.options.licenceLimit,
      authorizations: new Map(),
    };
    this.apps.set(clientId, app);
    return app;
  }

  findAppByApplicationId(applicationId: string): ServiceApp | undefined {
    for (const app of this.apps.values())
      if (app.applicationId === applicationId || app.clientId === applicationId) return app;
    return undefined;
  }

  /** The app's machine account in an org: the person Service App tokens act as. */
  machineAccount(app: ServiceApp, orgId: string): Person {
    const key = `${app.clientId}|${orgId}`;
    const existing = this.machineAccounts.get(key);
    if (existing) return this.people.get(existing)!;
    const person = this.createPerson({
      displayName: app.name,
      emails: [`${this.ids.uuid()}@appid.ciscospark.com`],
      orgId,
      type: 'appuser',
      licensed: false,
    });
    this.machineAccounts.set(key, person.id);
    return person;
  }

  authorize(app: ServiceApp, orgId: string): void {
    const org = this.orgs.get(orgId);
    if (!org) throw new Error(`unknown org ${orgId}`);
    app.authorizations.set(orgId, {
      orgId,
      siteUrl: org.siteUrl,
      scopes: [...app.scopes],
      authorizedAt: this.now(),
    });
    const actor = this.machineAccount(app, orgId);
    this.emit({
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
        created: this.clock.iso(),
      },
    });
  }

  /** Deauthorization revokes every token the app holds for the org. */
  deauthorize(app: ServiceApp, orgId: string): void {
    if (!app.authorizations.delete(orgId)) return;
    for (const [value, t] of this.tokens)
      if (t.appClientId === app.clientId && t.orgId === orgId && t.kind === 'service-app')
        this.tokens.delete(value);
    for (const [value, t] of this.refreshTokens)
      if (t.appClientId === app.clientId && t.orgId === orgId) this.refreshTokens.delete(value);
    this.emit({
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
        created: this.clock.iso(),
      },
    });
  }

  // ---------------------------------------------------------------- tokens

  issueTokens(
    kind: TokenKind,
    app: ServiceApp,
    orgId: string,
    personId: string,
    scopes: string[],
  ): IssuedTokens {
    const now = this.now();
    const refresh: RefreshToken = {
      value: this.ids.accessToken(orgId),
      kind,
      orgId,
      personId,
      appClientId: app.clientId,
      scopes,
      expiresAt: now + this.options.refreshTokenTtlSec * 1000,
    };
    this.refreshTokens.set(refresh.value, refresh);
    const access = this.issueAccessToken(
      kind,
      orgId,
      personId,
      scopes,
      this.options.accessTokenTtlSec,
      app.clientId,
    );
    access.refreshToken = refresh.value;
    return { access, refresh };
  }

  issueAccessToken(
    kind: TokenKind,
    orgId: string,
    personId: string,
    scopes: string[],
    ttlSec: number,
    appClientId?: string,
  ): AccessToken {
    const token: AccessToken = {
      value: this.ids.accessToken(orgId),
      kind,
      orgId,
      personId,
      scopes: new Set(scopes),
      expiresAt: this.now() + ttlSec * 1000,
      ...(appClientId ? { appClientId } : {}),
    };
    this.tokens.set(token.value, token);
    return token;
  }

  /**
   * Rotates a refresh token. The old one is superseded: Webex returns a new
   * refresh token on every refresh, and clients must store it.
   */
  refresh(value: string, app: ServiceApp): IssuedTokens | 'invalid' {
    const old = this.refreshTokens.get(value);
    if (
      !old ||
      old.appClientId !== app.clientId ||
      old.supersededAt !== undefined ||
      old.expiresAt <= this.now()
    ) {
      return 'invalid';
    }
    old.supersededAt = this.now();
    return this.issueTokens(old.kind, app, old.orgId, old.personId, old.scopes);
  }

  /** Looks a bearer token up: the token, `'expired'`, or undefined when unknown. */
  authenticate(authorization: string | undefined): AccessToken | 'expired' | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const token = this.tokens.get(match[1]!);
    if (!token) return undefined;
    return token.expiresAt <= this.now() ? 'expired' : token;
  }

  /** Expires a token now (control API and tests). */
  expireToken(value: string): boolean {
    const token = this.tokens.get(value);
    if (!token) return false;
    token.expiresAt = this.now() - 1;
    return true;
  }

  // ---------------------------------------------------------------- guests

  mintGuest(
    app: ServiceApp,
    orgId: string,
    subject: string,
    displayName: string,
  ): { guest: Guest; token: AccessToken } {
    const key = `${app.clientId}|${subject}`;
    let guest = this.guests.get(key);
    if (!guest) {
      const email = `${this.ids.uuid()}@appid.ciscospark.com`;
      const person = this.createPerson({
        displayName,
        emails: [email],
        orgId,
        type: 'appuser',
        licensed: false,
      });
      guest = {
        personId: person.id,
        subject,
        displayName,
        email,
        appClientId: app.clientId,
        orgId,
        created: this.now(),
      };
      this.guests.set(key, guest);
    } else {
      // The same subject again renames the guest (WEBEX-REFERENCE §3).
      guest.displayName = displayName;
      const person = this.people.get(guest.personId);
      if (person) person.displayName = displayName;
    }
    const token = this.issueAccessToken(
      'guest',
      orgId,
      guest.personId,
      GUEST_SCOPES,
      this.options.guestTokenTtlSec,
      app.clientId,
    );
    return { guest, token };
  }

  guestCount(appClientId: string): number {
    let n = 0;
    for (const g of this.guests.values()) if (g.appClientId === appClientId) n++;
    return n;
  }

  // ---------------------------------------------------------------- meetings

  addMeeting(meeting: Meeting): Meeting {
    this.meetings.set(meeting.id, meeting);
    return meeting;
  }

  /** Finds a meeting by what the SDK sends to meetingInfo (`sipUrl` in either SIP form). */
  findMeeting(by: {
    meetingKey?: string;
    sipUrl?: string;
    meetingUrl?: string;
  }): Meeting | undefined {
    const key = by.meetingKey?.replace(/\D/g, '');
    const sip = by.sipUrl?.replace(/^sips?:/i, '').toLowerCase();
    const link = by.meetingUrl ? normaliseLink(by.meetingUrl) : undefined;
    for (const m of this.meetings.values()) {
      if (m.state === 'ended' && !m.adhoc && m.end <= this.now()) continue;
      if (key && m.meetingNumber === key) return m;
      // The address the REST face hands out, or the site's own three-label
      // one that Webex issues (`<number>@<site>.webex.com`).
      if (sip && (m.sipAddress.toLowerCase() === sip || siteSip(m) === sip)) return m;
      if (link && normaliseLink(m.webLink) === link) return m;
    }
    return undefined;
  }

  /** In-progress meetings licensed by one Service App. */
  inProgressCount(appClientId: string): number {
    let n = 0;
    for (const m of this.meetings.values())
      if (m.appClientId === appClientId && m.state === 'inProgress') n++;
    return n;
  }

  /** Whether starting this meeting now would exceed its Service App's licence. */
  wouldExceedLicence(meeting: Meeting): boolean {
    if (meeting.state === 'inProgress' || !meeting.appClientId) return false;
    const app = this.apps.get(meeting.appClientId);
    return !!app && this.inProgressCount(app.clientId) >= app.licenceLimit;
  }

  /** Moves a meeting to `inProgress` (first join) and announces it. */
  startMeeting(meeting: Meeting, actorId: string): void {
    if (meeting.state === 'inProgress') return;
    meeting.state = 'inProgress';
    meeting.startedAt = this.now();
    this.emitMeetingWebhook(meeting, 'started', actorId);
  }

  /** Ends a meeting: everyone leaves, Locus goes inactive, `meetings:ended` fires. */
  endMeeting(meeting: Meeting, actorId: string, answeredDevice?: string): void {
    if (meeting.state !== 'inProgress') return;
    const now = this.now();
    if (meeting.locus) {
      meeting.locus.state = 'INACTIVE';
      const sentAway: string[] = [];
      for (const p of meeting.locus.participants.values()) {
        if (p.state !== 'LEFT') {
          p.state = 'LEFT';
          p.leftAt = now;
          sentAway.push(p.id);
          emitParticipantEvent(this, meeting, p, 'left');
        }
      }
      meeting.locus.sequence = this.nextLocusSequence();
      this.emit({
        type: 'locus',
        meeting,
        eventType: LOCUS_EVENT.participantLeft,
        notify: sentAway,
        ...(answeredDevice ? { answeredDevice } : {}),
      });
    }
    // A scheduled series can be started again until its end time; an ad-hoc one is over.
    meeting.state = meeting.adhoc || meeting.end <= now ? 'ended' : 'active';
    meeting.endedAt = now;
    this.emitMeetingWebhook(meeting, 'ended', actorId);
    // The next start of a series is a new Locus.
    meeting.locus = undefined;
    meeting.locusId = undefined;
  }

  private emitMeetingWebhook(meeting: Meeting, event: 'started' | 'ended', actorId: string): void {
    this.emit({
      type: 'webhook',
      resource: 'meetings',
      event,
      orgId: meeting.orgId,
      ...(meeting.appClientId ? { appClientId: meeting.appClientId } : {}),
      actorId,
      data: {
        id: meeting.id,
        meetingSeriesId: meeting.id,
        meetingNumber: meeting.meetingNumber,
        title: meeting.title,
        siteUrl: meeting.siteUrl,
        hostUserId: meeting.hostUserId,
        state: event === 'started' ? 'inProgress' : 'ended',
        meetingType: 'meeting',
        ...(event === 'started' ? { start: this.clock.iso() } : { end: this.clock.iso() }),
      },
    });
  }

  /** Lets lobby participants in. Returns the ids actually admitted. */
  admit(meeting: Meeting, participantIds?: string[]): string[] {
    const admitted: string[] = [];
    for (const p of meeting.locus?.participants.values() ?? []) {
      if (p.inLobby && p.state !== 'LEFT' && (!participantIds || participantIds.includes(p.id))) {
        p.inLobby = false;
        p.state = 'JOINED';
        admitted.push(p.id);
        emitParticipantEvent(this, meeting, p, 'joined');
      }
    }
    if (admitted.length && meeting.locus) {
      meeting.locus.sequence = this.nextLocusSequence();
      // Admission is a join into the meeting proper (IDLE → JOINED).
      this.emit({ type: 'locus', meeting, eventType: LOCUS_EVENT.participantJoined });
    }
    return admitted;
  }

  activeParticipants(meeting: Meeting): Participant[] {
    return [...(meeting.locus?.participants.values() ?? [])].filter((p) => p.state !== 'LEFT');
  }

  // ---------------------------------------------------------------- housekeeping

  /**
   * Drops what nobody can use any more, so memory stays bounded under load:
   * expired tokens, superseded refresh tokens, ended meetings and stale
   * captchas older than the retention window.
   */
  prune(): { tokens: number; meetings: number } {
    const cutoff = this.now() - this.options.retentionMs;
    let tokens = 0;
    let meetings = 0;
    for (const [k, t] of this.tokens) {
      if (t.expiresAt < cutoff && this.tokens.delete(k)) tokens++;
    }
    for (const [k, t] of this.refreshTokens) {
      const dead =
        t.expiresAt < cutoff || (t.supersededAt !== undefined && t.supersededAt < cutoff);
      if (dead && this.refreshTokens.delete(k)) tokens++;
    }
    for (const [k, m] of this.meetings) {
      // Past its end a scheduled meeting can't be joined any more either.
      const over =
        m.state === 'ended' ? (m.endedAt ?? m.end) : m.state === 'active' ? m.end : Infinity;
      if (over < cutoff) {
        this.meetings.delete(k);
        meetings++;
        for (const pk of this.passwordFailures.keys())
          if (pk.startsWith(`${k}|`)) this.passwordFailures.delete(pk);
      }
    }
    for (const [k, c] of this.captchas) if (c.created < cutoff) this.captchas.delete(k);
    return { tokens, meetings };
  }

  // ---------------------------------------------------------------- meeting preferences

  /** Per-org scheduling preferences; an org without an entry has Webex's defaults. */
  schedulingPreferences = new Map<string, SchedulingOptions>();

  /**
   * Join before host is off by default, as on a fresh Webex site: a caller
   * that wants meetings nobody hosts has to turn it on first.
   */
  schedulingOptions(orgId: string): SchedulingOptions {
    const stored = this.schedulingPreferences.get(orgId);
    return stored
      ? { ...stored, delegateEmails: [...stored.delegateEmails] }
      : {
          enabledJoinBeforeHost: false,
          joinBeforeHostMinutes: 0,
          enabledAutoShareRecording: false,
          enabledWebexAssistantByDefault: false,
          delegateEmails: [],
        };
  }

  setSchedulingOptions(orgId: string, patch: Partial<SchedulingOptions>): SchedulingOptions {
    const next = { ...this.schedulingOptions(orgId), ...patch };
    this.schedulingPreferences.set(orgId, next);
    return this.schedulingOptions(orgId);
  }
}

/** A meeting link reduced to what identifies it: host, path and query, any scheme. */
export function normaliseLink(link: string): string {
  try {
    const u = new URL(link);
    u.protocol = 'https:';
    u.hash = '';
    return `${u.host.toLowerCase()}${u.pathname.replace(/\/$/, '')}${u.search}`;
  } catch {
    return link;
  }
}

/** A meeting's SIP address on its site's own domain, as Webex issues it: `<number>@<site>`. */
export function siteSip(m: Pick<Meeting, 'meetingNumber' | 'siteUrl'>): string {
  return `${m.meetingNumber}@${m.siteUrl}`.toLowerCase();
}
