import { randomUUID } from 'node:crypto';
import {
  cleanDisplayName,
  guestSubject,
  isServiceAppError,
  WebexApiError,
  type LicenceMeter,
  type ServiceApp,
  type WebexMeeting,
} from '@g2g/service-app';
import type { Logger } from 'pino';
import type { Capabilities, Role } from './capabilities';
import type {
  ConsultationLinks,
  ConsultationView,
  CreatedConsultation,
  JoinResult,
  ParticipantLink,
} from './contract';
import type { createConsultationBody } from './contract';
import { ApiError } from './http-errors';
import { publicLive, scheduledLive, type LiveFeed } from './live';
import type { OrgContext } from './org-context';
import type { ConsultationRecord, Store } from './store/store';
import type { z } from 'zod';

const MINUTE = 60_000;
const iso = (t: number) => new Date(t).toISOString();

/** Input of {@link Consultations.create}: the route's body, defaults applied. */
export type CreateConsultationInput = z.output<typeof createConsultationBody>;

/**
 * Consultations of one tenant each: a Webex meeting on the tenant's
 * guest-to-guest site plus role-scoped participant links.
 *
 * Creating one costs one Webex call (`POST /meetings`), bounded as a whole by
 * `createTimeoutMs`; whatever a failed create made in Webex is deleted.
 * Joining costs one (`POST /guests/token`), plus, for the host of a
 * host-guest consultation, a start link minted there and then
 * (`POST /meetings/join`), so it is fresh whenever the host arrives.
 */
export class Consultations {
  constructor(
    private readonly deps: {
      sa: ServiceApp;
      store: Store;
      meter: LicenceMeter;
      caps: Capabilities;
      org: OrgContext;
      live: LiveFeed;
      logger: Logger;
      now: () => number;
      joinBaseUrl: string;
      /** The whole create, every Webex call included; default 20 s. */
      createTimeoutMs: number;
    },
  ) {}

  async create(orgId: string, input: CreateConsultationInput): Promise<CreatedConsultation> {
    const { now } = this.deps;
    const startAt = input.startsAt
      ? Math.ceil(Date.parse(input.startsAt) / MINUTE) * MINUTE
      : Math.ceil((now() + 1) / MINUTE) * MINUTE;
    if (startAt < Math.floor(now() / MINUTE) * MINUTE) {
      throw new ApiError(400, 'invalid-request', 'startsAt must not be in the past.');
    }
    const made: Made = {};
    let settled = false;
    const work = this.make(orgId, input, startAt, made).finally(() => (settled = true));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ApiError(
              504,
              'create-timeout',
              `Webex did not finish creating the meeting within ${Math.round(this.deps.createTimeoutMs / 1000)} s; nothing was kept. Try again.`,
            ),
          ),
        this.deps.createTimeoutMs,
      );
      timer.unref();
    });
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      made.abandoned = true;
      const undo = () => this.undo(orgId, made);
      if (settled) {
        await undo();
      } else {
        // Still waiting for Webex: whatever it makes is deleted when its answer arrives.
        work.then(undo, undo).catch(() => undefined);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async make(
    orgId: string,
    input: CreateConsultationInput,
    startAt: number,
    made: Made,
  ): Promise<CreatedConsultation> {
    const { sa, org, meter, now } = this.deps;
    const siteUrl = await org.siteUrl(orgId);
    await meter.check(siteUrl);
    if (input.mode === 'no-host') await org.ensureNoHostPreferences(orgId);
    const endAt = startAt + input.durationMinutes * MINUTE;

    let meeting: WebexMeeting;
    let roomId: string | undefined;
    if (input.space) {
      const room = await sa.spaces.createRoom(orgId, input.title);
      roomId = room.id;
      made.roomId = room.id;
      await Promise.all(
        input.space.memberEmails.map((personEmail) =>
          sa.spaces.addMember(orgId, room.id, { personEmail }),
        ),
      );
      meeting = await sa.spaces.adhocMeeting(orgId, room.id);
    } else {
      meeting = await sa.meetings.schedule(orgId, {
        title: input.title,
        start: iso(startAt),
        end: iso(endAt),
        mode: input.mode,
        siteUrl,
        ...(input.hostEmail ? { hostEmail: input.hostEmail } : {}),
      });
      made.meetingId = meeting.id;
    }
    if (made.abandoned) throw new Error('abandoned');

    const id = randomUUID();
    const meetingEnd = Date.parse(meeting.end) || endAt;
    const createdAt = now();
    const record: ConsultationRecord = {
      id,
      orgId,
      title: meeting.title || input.title,
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
      createdAt,
      state: { kind: 'scheduled' },
      live: scheduledLive(createdAt),
      secrets: {
        ...(meeting.password ? { password: meeting.password } : {}),
        ...(meeting.hostKey ? { hostKey: meeting.hostKey } : {}),
      },
    };
    await this.deps.store.consultations.put(record);
    if (made.abandoned) {
      await this.deps.store.consultations.put({ ...record, state: { kind: 'deleted', at: now() } });
      throw new Error('abandoned');
    }
    return { consultation: view(record), links: this.linksOf(record) };
  }

  /** Deletes what a failed create left in Webex (best effort, logged). */
  private async undo(orgId: string, made: Made): Promise<void> {
    const { meetingId, roomId } = made;
    made.meetingId = undefined;
    made.roomId = undefined;
    const steps: [string, string | undefined, () => Promise<unknown>][] = [
      ['meeting', meetingId, () => this.deps.sa.meetings.delete(orgId, meetingId!)],
      ['room', roomId, () => this.deps.sa.spaces.deleteRoom(orgId, roomId!)],
    ];
    for (const [what, id, remove] of steps) {
      if (!id) continue;
      try {
        await remove();
        this.deps.logger.info({ orgId, [what]: id }, `deleted the ${what} of a failed create`);
      } catch (error) {
        this.deps.logger.error(
          { orgId, [what]: id, code: isServiceAppError(error) ? error.code : 'unknown' },
          `could not delete the ${what} of a failed create: delete it in Webex`,
        );
      }
    }
  }

  async get(orgId: string, id: string): Promise<ConsultationView> {
    return view(await this.record(orgId, id));
  }

  async list(orgId: string): Promise<ConsultationView[]> {
    return (await this.deps.store.consultations.list(orgId)).map(view);
  }

  /** The participant links again (they are derived, so every operator session gets the same). */
  async links(orgId: string, id: string): Promise<ConsultationLinks> {
    const c = await this.record(orgId, id);
    if (c.state.kind === 'deleted') {
      throw new ApiError(410, 'consultation-deleted', 'This consultation was cancelled.');
    }
    return this.linksOf(c);
  }

  /** Ends the running meeting for everyone; the consultation can start again until its end time. */
  async end(orgId: string, id: string): Promise<ConsultationView> {
    const c = await this.record(orgId, id);
    if (c.state.kind === 'deleted') {
      throw new ApiError(410, 'consultation-deleted', 'This consultation was cancelled.');
    }
    const outcome = await this.deps.sa.meetings.end(orgId, c.meetingId);
    await this.deps.meter.running(c.siteUrl).then(async (running) => {
      if (running.some((r) => r.meetingId === c.meetingId)) {
        await this.deps.meter.onWebhook({
          id: 'local',
          resource: 'meetings',
          event: 'ended',
          orgId,
          data: { id: c.meetingId, siteUrl: c.siteUrl },
        });
      }
    });
    const at = this.deps.now();
    const next = await this.deps.store.consultations.update(orgId, id, (cur) =>
      cur.live.state === 'ended'
        ? undefined
        : {
            ...cur,
            live: { ...cur.live, state: 'ended', participants: [], endedAt: at, updatedAt: at },
          },
    );
    this.deps.logger.info({ orgId, consultation: id, outcome }, 'meeting ended by the operator');
    const v = view(next ?? c);
    this.deps.live.publish(orgId, { type: 'consultation', consultation: v });
    this.deps.live.publish(orgId, {
      type: 'licence',
      licence: await this.deps.meter.usage(c.siteUrl),
    });
    return v;
  }

  async delete(orgId: string, id: string): Promise<ConsultationView> {
    const c = await this.record(orgId, id);
    if (c.state.kind === 'deleted') return view(c);
    const running = new ApiError(
      409,
      'meeting-in-progress',
      'This consultation is running: end the meeting first, then cancel it.',
    );
    if (c.live.state === 'in-progress') throw running;
    // An ad-hoc space meeting ends with its space; only scheduled meetings are deleted.
    if (c.kind === 'scheduled') {
      try {
        await this.deps.sa.meetings.delete(c.orgId, c.meetingId);
      } catch (error) {
        // Webex refuses to delete a meeting in progress (the webhook may not have arrived yet).
        if (error instanceof WebexApiError && error.status === 409) throw running;
        throw error;
      }
    }
    const at = this.deps.now();
    const deleted = await this.deps.store.consultations.update(orgId, id, (cur) => ({
      ...cur,
      state: { kind: 'deleted', at },
    }));
    const v = view(deleted ?? c);
    this.deps.live.publish(orgId, { type: 'consultation', consultation: v });
    return v;
  }

  /**
   * Verifies the capability, then mints the participant's own guest token
   * (one Webex call); the host of a host-guest consultation also gets a start
   * link minted now, in parallel.
   */
  async join(
    consultationId: string,
    capability: string | undefined,
    rawName: string,
    onRefused: (reason: string) => Promise<void>,
  ): Promise<JoinResult> {
    const check = this.deps.caps.verify(capability, consultationId);
    if (!check.ok) {
      await onRefused(check.reason);
      throw check.reason === 'wrong-consultation'
        ? new ApiError(403, 'forbidden', 'This link is for another consultation.')
        : check.reason === 'expired'
          ? new ApiError(401, 'link-expired', 'This link has expired.')
          : new ApiError(401, 'unauthorized', 'A valid participant link is required.');
    }
    const c = await this.deps.store.consultations.find(consultationId);
    if (!c) throw new ApiError(404, 'not-found', 'No such consultation.');
    if (c.state.kind === 'deleted') {
      throw new ApiError(410, 'consultation-deleted', 'This consultation was cancelled.');
    }
    const { role, participant } = check.value;
    if (role === 'host' && c.mode === 'no-host') {
      throw new ApiError(403, 'forbidden', 'Nobody hosts this consultation.');
    }
    const displayName = cleanDisplayName(rawName);
    const wantsStartLink = role === 'host' && c.mode === 'host-guest' && c.kind === 'scheduled';
    const [guest, startLink] = await Promise.all([
      this.deps.sa.guests.mint(c.orgId, {
        subject: guestSubject('consultation', c.id, participant),
        displayName,
      }),
      wantsStartLink ? this.startLink(c) : Promise.resolve(undefined),
    ]);
    return {
      role,
      participant,
      displayName: guest.displayName,
      accessToken: guest.accessToken,
      expiresAt: iso(guest.expiresAt),
      destination: { type: 'MEETING_ID', value: c.meetingNumber },
      sipAddress: c.sipAddress,
      ...(c.secrets.password ? { password: c.secrets.password } : {}),
      ...(role === 'host' && c.secrets.hostKey ? { hostKey: c.secrets.hostKey } : {}),
      ...(startLink ? { startLink } : {}),
    };
  }

  /** A start link valid from now: the licensed host's, or the app's machine account's. */
  private async startLink(c: ConsultationRecord): Promise<string | undefined> {
    const links = await this.deps.sa.joinLinks.create(c.orgId, {
      meetingId: c.meetingId,
      hostEmail: c.hostEmail ?? (await this.deps.org.machineAccountEmail(c.orgId)),
      expirationMinutes: 60,
    });
    return links.startLink;
  }

  private async record(orgId: string, id: string): Promise<ConsultationRecord> {
    const c = await this.deps.store.consultations.get(orgId, id);
    // Another tenant's consultation is as absent as one that never existed.
    if (!c) throw new ApiError(404, 'not-found', 'No such consultation.');
    return c;
  }

  private linksOf(c: ConsultationRecord): ConsultationLinks {
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
      // Nobody holds the host role in a no-host consultation: no host link at all.
      ...(c.mode === 'host-guest' ? { host: link('host', 'host') } : {}),
      guests: Array.from({ length: c.guestSlots }, (_, i) => link('guest', `guest-${i + 1}`)),
    };
  }
}

/** What a create made so far, so that a failed one can be undone. */
interface Made {
  meetingId?: string | undefined;
  /** A space-backed create's room: deleting it ends its ad-hoc meeting and memberships too. */
  roomId?: string | undefined;
  abandoned?: boolean;
}

/** What the operator sees of a consultation: no password, host key or Webex links. */
export function view(c: ConsultationRecord): ConsultationView {
  const live = publicLive(c.live);
  return {
    id: c.id,
    title: c.title,
    mode: c.mode,
    kind: c.kind,
    state: c.state.kind,
    meetingNumber: c.meetingNumber,
    sipAddress: c.sipAddress,
    siteUrl: c.siteUrl,
    start: iso(c.start),
    end: iso(c.end),
    guests: c.guestSlots,
    ...(c.hostEmail ? { hostEmail: c.hostEmail } : {}),
    linksExpireAt: iso(c.capabilityExpiresAt),
    createdAt: iso(c.createdAt),
    live: {
      state: live.state,
      participants: live.participants.map((p) => ({ ...p, since: iso(p.since) })),
      ...(live.startedAt !== undefined ? { startedAt: iso(live.startedAt) } : {}),
      ...(live.endedAt !== undefined ? { endedAt: iso(live.endedAt) } : {}),
      updatedAt: iso(live.updatedAt),
    },
  };
}
