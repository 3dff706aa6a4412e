import { randomUUID } from 'node:crypto';
import {
  cleanDisplayName,
  guestSubject,
  type LicenceMeter,
  type MeetingMode,
  type ServiceApp,
  type WebexMeeting,
} from '@g2g/service-app';
import type { Capabilities, Role } from './capabilities';
import { ApiError } from './http-errors';
import type { OrgContext } from './org-context';
import type { ConsultationRecord, Store } from './store/store';

const MINUTE = 60_000;

/** Input of {@link Consultations.create} (validated by the route). */
export interface CreateConsultationInput {
  title: string;
  mode: MeetingMode;
  guests: number;
  startsAt?: string;
  durationMinutes: number;
  /** Schedule on behalf of this licensed user (admin scope); they get the start link. */
  hostEmail?: string;
  /** Back the consultation with a space whose members are these people. */
  space?: { memberEmails: string[] };
  /** How long participant links stay valid after the meeting ends; default 60 min. */
  linkGraceMinutes: number;
}

/** A participant link: the capability and a ready-made URL for the SPA. */
export interface ParticipantLink {
  participant: string;
  role: Role;
  capability: string;
  url: string;
}

/** What the operator sees of a consultation: no password, host key or Webex links. */
export interface ConsultationView {
  id: string;
  title: string;
  mode: MeetingMode;
  kind: 'scheduled' | 'space';
  state: 'scheduled' | 'deleted';
  meetingNumber: string;
  sipAddress: string;
  siteUrl: string;
  start: string;
  end: string;
  guests: number;
  linksExpireAt: string;
  createdAt: string;
}

/** What a participant receives on joining. */
export interface JoinResult {
  role: Role;
  participant: string;
  displayName: string;
  accessToken: string;
  expiresAt: string;
  destination: { type: 'MEETING_ID'; value: string };
  sipAddress: string;
  password?: string;
  hostKey?: string;
  startLink?: string;
}

/**
 * Consultations: a Webex meeting on the guest-to-guest site plus role-scoped
 * participant links. Creating one costs two sequential Webex calls
 * (`POST /meetings`, then `POST /meetings/join`); joining costs one
 * (`POST /guests/token`) — everything else is cached at creation.
 */
export class Consultations {
  constructor(
    private readonly deps: {
      sa: ServiceApp;
      store: Store;
      meter: LicenceMeter;
      caps: Capabilities;
      org: OrgContext;
      now: () => number;
      joinBaseUrl: string;
    },
  ) {}

  async create(input: CreateConsultationInput): Promise<{
    consultation: ConsultationView;
    links: { host: ParticipantLink; guests: ParticipantLink[] };
  }> {
    const { sa, org, meter, now } = this.deps;
    const orgId = await org.orgId();
    const siteUrl = await org.siteUrl(orgId);
    meter.check(siteUrl);
    if (input.mode === 'no-host') await org.ensureNoHostPreferences(orgId);

    const id = randomUUID();
    const startAt = input.startsAt
      ? Math.ceil(Date.parse(input.startsAt) / MINUTE) * MINUTE
      : Math.ceil((now() + 1) / MINUTE) * MINUTE;
    if (startAt < Math.floor(now() / MINUTE) * MINUTE) {
      throw new ApiError(400, 'invalid-request', 'startsAt must not be in the past.');
    }
    const endAt = startAt + input.durationMinutes * MINUTE;

    let meeting: WebexMeeting;
    let roomId: string | undefined;
    let secrets: ConsultationRecord['secrets'];
    if (input.space) {
      const room = await sa.spaces.createRoom(orgId, input.title);
      roomId = room.id;
      await Promise.all(
        input.space.memberEmails.map((personEmail) =>
          sa.spaces.addMember(orgId, room.id, { personEmail }),
        ),
      );
      meeting = await sa.spaces.adhocMeeting(orgId, room.id);
      secrets = {
        ...(meeting.password ? { password: meeting.password } : {}),
        ...(meeting.hostKey ? { hostKey: meeting.hostKey } : {}),
      };
    } else {
      meeting = await sa.meetings.schedule(orgId, {
        title: input.title,
        start: new Date(startAt).toISOString(),
        end: new Date(endAt).toISOString(),
        mode: input.mode,
        siteUrl,
        ...(input.hostEmail ? { hostEmail: input.hostEmail } : {}),
      });
      const links = await sa.joinLinks.create(orgId, {
        meetingId: meeting.id,
        hostEmail: input.hostEmail ?? (await org.machineAccountEmail(orgId)),
        expirationMinutes: 60,
      });
      secrets = {
        ...(meeting.password ? { password: meeting.password } : {}),
        ...(meeting.hostKey ? { hostKey: meeting.hostKey } : {}),
        joinLink: links.joinLink,
        ...(links.startLink ? { startLink: links.startLink } : {}),
      };
    }

    const meetingEnd = Date.parse(meeting.end) || endAt;
    const record: ConsultationRecord = {
      id,
      orgId,
      title: input.title,
      mode: input.mode,
      kind: input.space ? 'space' : 'scheduled',
      meetingId: meeting.id,
      meetingNumber: meeting.meetingNumber,
      sipAddress: meeting.sipAddress,
      webLink: meeting.webLink,
      siteUrl: meeting.siteUrl ?? siteUrl,
      start: Date.parse(meeting.start) || startAt,
      end: meetingEnd,
      guestSlots: input.guests,
      ...(roomId ? { roomId } : {}),
      ...(input.hostEmail ? { hostEmail: input.hostEmail } : {}),
      capabilityExpiresAt: meetingEnd + input.linkGraceMinutes * MINUTE,
      createdAt: now(),
      state: { kind: 'scheduled' },
      secrets,
    };
    this.deps.store.putConsultation(record);
    return { consultation: view(record), links: this.links(record) };
  }

  get(id: string): ConsultationView {
    return view(this.record(id));
  }

  list(): ConsultationView[] {
    return this.deps.store.listConsultations().map(view);
  }

  async delete(id: string): Promise<ConsultationView> {
    const c = this.record(id);
    if (c.state.kind === 'deleted') return view(c);
    // An ad-hoc space meeting ends with its space; only scheduled meetings are deleted.
    if (c.kind === 'scheduled') await this.deps.sa.meetings.delete(c.orgId, c.meetingId);
    const deleted: ConsultationRecord = { ...c, state: { kind: 'deleted', at: this.deps.now() } };
    this.deps.store.putConsultation(deleted);
    return view(deleted);
  }

  /** Verifies the capability, then mints the participant's own guest token (one Webex call). */
  async join(id: string, capability: string | undefined, rawName: string): Promise<JoinResult> {
    const check = this.deps.caps.verify(capability, id);
    if (!check.ok) {
      throw check.reason === 'wrong-consultation'
        ? new ApiError(403, 'forbidden', 'This link is for another consultation.')
        : check.reason === 'expired'
          ? new ApiError(401, 'link-expired', 'This link has expired.')
          : new ApiError(401, 'unauthorized', 'A valid participant link is required.');
    }
    const c = this.record(id);
    if (c.state.kind === 'deleted') {
      throw new ApiError(410, 'consultation-deleted', 'This consultation was cancelled.');
    }
    const { role, participant } = check.capability;
    const displayName = cleanDisplayName(rawName);
    const guest = await this.deps.sa.guests.mint(c.orgId, {
      subject: guestSubject('consultation', c.id, participant),
      displayName,
    });
    return {
      role,
      participant,
      displayName: guest.displayName,
      accessToken: guest.accessToken,
      expiresAt: new Date(guest.expiresAt).toISOString(),
      destination: { type: 'MEETING_ID', value: c.meetingNumber },
      sipAddress: c.sipAddress,
      ...(c.secrets.password ? { password: c.secrets.password } : {}),
      ...(role === 'host' && c.secrets.hostKey ? { hostKey: c.secrets.hostKey } : {}),
      ...(role === 'host' && c.mode === 'host-guest' && c.secrets.startLink
        ? { startLink: c.secrets.startLink }
        : {}),
    };
  }

  private record(id: string): ConsultationRecord {
    const c = this.deps.store.getConsultation(id);
    if (!c) throw new ApiError(404, 'not-found', 'No such consultation.');
    return c;
  }

  private links(c: ConsultationRecord): { host: ParticipantLink; guests: ParticipantLink[] } {
    const link = (role: Role, participant: string): ParticipantLink => {
      const capability = this.deps.caps.issue({
        consultationId: c.id,
        role,
        participant,
        exp: c.capabilityExpiresAt,
      });
      return {
        participant,
        role,
        capability,
        url: `${this.deps.joinBaseUrl}/join/${c.id}#${role}=${capability}`,
      };
    };
    return {
      host: link('host', 'host'),
      guests: Array.from({ length: c.guestSlots }, (_, i) => link('guest', `guest-${i + 1}`)),
    };
  }
}

function view(c: ConsultationRecord): ConsultationView {
  return {
    id: c.id,
    title: c.title,
    mode: c.mode,
    kind: c.kind,
    state: c.state.kind,
    meetingNumber: c.meetingNumber,
    sipAddress: c.sipAddress,
    siteUrl: c.siteUrl,
    start: new Date(c.start).toISOString(),
    end: new Date(c.end).toISOString(),
    guests: c.guestSlots,
    linksExpireAt: new Date(c.capabilityExpiresAt).toISOString(),
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
