import { requireToken } from '../http/auth';
import { jsonBody } from '../http/body';
import { HttpError, badRequest, notFound } from '../http/errors';
import type { Router } from '../http/router';
import type { SimRequest } from '../http/types';
import { LOCUS_EVENT, type LocusEventType } from '../world/locus-events';
import type { Meeting, Participant, ShareFloor } from '../world/types';
import type { World, WorldEvent } from '../world/world';
import { mediaEstablished } from '../world/meetings';
import type { MediaRelay } from '../media';
import { emitParticipantEvent } from '../webhooks/participants';
import type { MercuryHub } from './mercury';
import { locusUrlFor } from './meeting-info';
import { verifyPermissionToken } from './permission-token';
import { LOCUS_CODES, cleanDisplayName } from '@g2g/webex-spec';
import { mediaConnection, parseMediaRequest, roapStep } from './roap';

/** Locus errors carry `errorCode`; the SDK maps some of them (e.g. 2423005 intent-to-join). */
const locusError = (status: number, errorCode: number, message: string) =>
  new HttpError(status, message, [message], {}, { errorCode, message });

/** Websocket path of the meeting data channel (see {@link MercuryHub.handleDataChannel}). */
export const DATA_CHANNEL_PATH = '/llm/ws';

/**
 * `info.displayHints`: what plugin-meetings lets a user do (`locus-info/infoUtils.js`,
 * `meeting/util.js` canUserLock…). Everyone sees the lock state; moderators get the controls.
 */
function displayHints(locked: boolean) {
  return {
    joined: [
      locked ? 'LOCK_STATUS_LOCKED' : 'LOCK_STATUS_UNLOCKED',
      'SHARE_CONTROL',
      'SHARE_DESKTOP',
    ],
    moderator: [locked ? 'LOCK_CONTROL_UNLOCK' : 'LOCK_CONTROL_LOCK', 'MUTE_ALL', 'UNMUTE_ALL'],
  };
}

/** The slice of a media request's `localMedias[0].localSdp` (a JSON string) that carries mute state. */
function localMuteOf(body: Record<string, unknown>): {
  audioMuted?: boolean;
  videoMuted?: boolean;
} {
  const first = (body.localMedias as { localSdp?: unknown }[] | undefined)?.[0];
  if (typeof first?.localSdp !== 'string') return {};
  try {
    const sdp = JSON.parse(first.localSdp) as { audioMuted?: unknown; videoMuted?: unknown };
    return {
      ...(typeof sdp.audioMuted === 'boolean' ? { audioMuted: sdp.audioMuted } : {}),
      ...(typeof sdp.videoMuted === 'boolean' ? { videoMuted: sdp.videoMuted } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * `devices[].mediaSessions`: the media a device joined with. Both SDKs read
 * the main audio and video sessions of their own device as
 * `currentMediaStatus` (`locus-info/selfUtils.js#getMediaStatus`, lower-case
 * `mediaType`/`mediaContent`) and refuse to reconnect a meeting whose media
 * is not established (`meeting.reconnect`, "Media has not established to
 * reconnect"). Kept `active` while connected: an `inactive` one would be
 * Locus saying media stopped (`MEDIA_INACTIVITY`, which makes the SDK
 * reconnect by itself).
 */
function mediaSessions(connected: boolean) {
  if (!connected) return [];
  return (['audio', 'video'] as const).map((mediaType) => ({
    mediaType,
    mediaContent: 'main',
    state: 'active',
    direction: 'sendrecv',
  }));
}

const mediaStatus = (connected: boolean, muted: boolean | undefined) =>
  !connected || muted === undefined ? 'INACTIVE' : muted ? 'RECVONLY' : 'SENDRECV';

/**
 * Locus: the meeting's live state. Joins, leaves, lobby admission, mutes and
 * "end for all" change it; every change is rendered from each device's
 * point of view (its `self`) and pushed over Mercury as
 * `{eventType, locusUrl, locus}`: webex@2.60.4 finds the meeting object by
 * that top-level `locusUrl` (or by the device's `correlationId` in
 * `self.devices`), and creates a phantom meeting for an event it cannot
 * place.
 */
export class LocusService {
  constructor(
    private readonly world: World,
    private readonly mercury: MercuryHub,
    private readonly permissionSecret: string,
    private readonly media: MediaRelay,
    private baseUrl = '',
  ) {
    world.events.on('event', (e: WorldEvent) => {
      if (e.type === 'locus' && e.meeting.locus?.state === 'INACTIVE')
        this.media.releaseMeeting(e.meeting.locus.id);
      if (e.type === 'locus') this.publish(e.meeting, e.eventType, e);
    });
  }

  setBaseUrl(url: string): void {
    this.baseUrl = url;
  }

  routes(r: Router): void {
    // What the SDK asks on every Mercury (re)connect to find meetings it is in.
    r.get('/locus/api/v1/loci', (req) => {
      const token = requireToken(this.world, req);
      const loci = [...this.world.meetings.withPerson(token.personId)]
        .filter(
          (m) =>
            m.locus &&
            [...m.locus.participants.values()].some(
              (p) => p.personId === token.personId && p.state !== 'LEFT',
            ),
        )
        .map((m) => this.render(m, this.selfFor(m, token.personId)));
      return { status: 200, body: { loci, locusUrls: loci.map((l) => l.url) } };
    });

    r.get('/locus/api/v1/loci/:locusId', (req, p) => {
      const token = requireToken(this.world, req);
      const m = this.meetingByLocus(p.locusId!);
      return { status: 200, body: this.render(m, this.selfFor(m, token.personId)) };
    });

    // The delta sync (`syncUrl`): nothing when the caller is up to date,
    // else everything since its sequence as a delta (`baseSequence`), which
    // both SDKs merge participant by participant.
    r.get('/locus/api/v1/loci/:locusId/sync', (req, p) => {
      const token = requireToken(this.world, req);
      const m = this.meetingByLocus(p.locusId!);
      const since = Number(req.query.get('since'));
      const view = this.render(m, this.selfFor(m, token.personId));
      const current = view.sequence.entries[0]!;
      if (Number.isFinite(since) && since >= current) return { status: 200 };
      const base = Number.isFinite(since) && since > 0 ? since : current - 1;
      return {
        status: 200,
        body: { ...view, baseSequence: { entries: [base], rangeStart: 0, rangeEnd: 0 } },
      };
    });

    // Join by Locus URL (after meetingInfo) or by invitee (`wbxmn:<number>`).
    r.post('/locus/api/v1/loci/:locusId/participant', (req, p) =>
      this.join(req, this.meetingByLocus(p.locusId!, true)),
    );
    r.post('/locus/api/v1/loci/call', (req) => {
      const body = jsonBody(req);
      const address = String((body.invitee as { address?: unknown } | undefined)?.address ?? '');
      const meeting = this.world.meetings.find(
        address.startsWith('wbxmn:') ? { meetingKey: address.slice(6) } : { sipUrl: address },
      );
      if (!meeting)
        throw locusError(404, LOCUS_CODES.NO_MEETING_FOR_ADDRESS, 'No meeting for that address.');
      this.world.meetings.locusIdOf(meeting);
      return this.join(req, meeting);
    });

    r.put('/locus/api/v1/loci/:locusId/participant/:pid/leave', (req, p) => {
      const token = requireToken(this.world, req);
      const m = this.meetingByLocus(p.locusId!);
      const participant = m.locus?.participants.get(p.pid!);
      if (!participant) throw notFound('Participant not found.');
      if (participant.personId === token.personId)
        return { status: 200, body: { locus: this.leave(m, participant) } };
      // A host removing someone (`meeting.remove(memberId)`, reason FORCED).
      this.requireHost(m, token.personId);
      if (participant.state !== 'LEFT') this.leave(m, participant, { removed: true });
      return { status: 200, body: { locus: this.render(m, this.selfFor(m, token.personId)) } };
    });

    // Admission is a PUT, lock and unlock (`meeting.lockMeeting()`) a PATCH.
    const controls = (req: SimRequest, p: Record<string, string | undefined>) => {
      const token = requireToken(this.world, req);
      const m = this.meetingByLocus(p.locusId!);
      this.requireHost(m, token.personId);
      const body = jsonBody(req);
      const admit = (body.admit as { participantIds?: unknown } | undefined)?.participantIds;
      if (Array.isArray(admit))
        this.world.meetings.admit(
          m,
          admit.filter((x): x is string => typeof x === 'string'),
        );
      const lock = (body.lock as { locked?: unknown } | undefined)?.locked;
      if (typeof lock === 'boolean' && m.locus && m.locus.locked !== lock) {
        m.locus.locked = lock;
        this.changed(m, LOCUS_EVENT.controlsUpdated);
      }
      return { status: 200, body: { locus: this.render(m, this.selfFor(m, token.personId)) } };
    };
    r.put('/locus/api/v1/loci/:locusId/controls', controls);
    r.patch('/locus/api/v1/loci/:locusId/controls', controls);

    r.post('/locus/api/v1/loci/:locusId/end', (req, p) => {
      const token = requireToken(this.world, req);
      const m = this.meetingByLocus(p.locusId!);
      this.requireHost(m, token.personId);
      const self = this.selfFor(m, token.personId);
      this.world.meetings.end(m, token.personId, self?.deviceUrl);
      return { status: 200, body: { locus: self ? this.renderEnded(m, self) : {} } };
    });

    // The data channel: registering answers with a websocket the SDK then opens.
    r.post('/locus/api/v1/loci/:locusId/datachannel', (req, p) => {
      requireToken(this.world, req);
      this.meetingByLocus(p.locusId!);
      return {
        status: 200,
        body: {
          webSocketUrl: `${req.baseUrl.replace(/^http/, 'ws')}${DATA_CHANNEL_PATH}/${p.locusId}`,
          binding: p.locusId,
        },
      };
    });

    // ROAP offers are answered by the media relay (roap.ts, both SDK versions). Every media request (ROAP offers and webex@3's `LocalMute`, webex@2.60.4's
    // mute toggles) carries the sender's mute state in `localMedias[0].localSdp`.
    r.put('/locus/api/v1/loci/:locusId/participant/:pid/media', async (req, p) => {
      const token = requireToken(this.world, req);
      const m = this.meetingByLocus(p.locusId!);
      const participant = this.ownParticipant(m, p.pid!, token.personId);
      const body = jsonBody(req);
      const established = mediaEstablished(participant);
      const event = this.world.meetings.setLocalMute(participant, localMuteOf(body));
      // With the first offer the device's own media sessions appear, and Locus
      // tells that device too: neither SDK takes its self from a media answer
      // (webex@2.60.4's sendRoapMediaRequest drops the answer's locus), and both
      // reconnect media only once they have seen them (`currentMediaStatus`).
      if (event) this.changed(m, event, established ? participant.deviceUrl : undefined);
      const answer =
        participant.state === 'LEFT' || !m.locus
          ? undefined
          : await roapStep(
              parseMediaRequest(body),
              {
                locusId: m.locus.id,
                locusUrl: locusUrlFor(this.baseUrl, m.locus.id),
                participantId: participant.id,
                deviceUrl: participant.deviceUrl,
              },
              { media: this.media, mercury: this.mercury },
            );
      // The answer settles which streams (CSIs) the participant sends in multistream.
      const csis = this.world.meetings.setCsis(participant, this.media.csisOf(participant.id));
      if (csis) this.changed(m, csis, participant.deviceUrl);
      return {
        status: 200,
        body: {
          locus: this.render(m, participant),
          mediaConnections: [mediaConnection(participant.id, answer)],
        },
      };
    });

    // Participant controls: `{audio|video: {muted}}` is a remote mute
    // (`meeting.mute(memberId)`, members/util.js in both versions); the
    // participant's own unmute lifts it (webex@3's MuteState does so when the
    // user unmutes). Other controls (`hand`, …) are accepted as no-ops, and so
    // is a participant's own video layout, which webex@2.60.4 (the stock
    // widget's `changeVideoLayout`) PUTs rather than PATCHes: `{layout: {type}}`.
    const participantControls = (
      req: Parameters<typeof jsonBody>[0],
      p: Record<string, string | undefined>,
    ) => {
      const token = requireToken(this.world, req);
      const m = this.meetingByLocus(p.locusId!);
      const target = m.locus?.participants.get(p.pid!);
      if (!target || target.state === 'LEFT') throw notFound('Participant not found.');
      if (target.personId !== token.personId) this.requireHost(m, token.personId);
      const body = jsonBody(req);
      const audio = (body.audio as { muted?: unknown } | undefined)?.muted;
      const video = (body.video as { muted?: unknown } | undefined)?.muted;
      const bySelf = target.personId === token.personId;
      // As in Webex, a host can mute others but only they can unmute themselves.
      if (!bySelf && (audio === false || video === false))
        throw locusError(403, LOCUS_CODES.HOST_ONLY, 'Only the participant can unmute.');
      let changed = false;
      if (typeof audio === 'boolean' && audio !== target.remoteAudioMuted) {
        target.remoteAudioMuted = audio;
        changed = true;
      }
      if (typeof video === 'boolean' && video !== target.remoteVideoMuted) {
        target.remoteVideoMuted = video;
        changed = true;
      }
      if (changed) target.mutedBy = token.personId;
      if (changed) this.changed(m, LOCUS_EVENT.participantControlsUpdated);
      return { status: 200, body: { locus: this.render(m, this.selfFor(m, token.personId)) } };
    };
    r.patch('/locus/api/v1/loci/:locusId/participant/:pid/controls', participantControls);
    r.put('/locus/api/v1/loci/:locusId/participant/:pid/controls', participantControls);

    // The content floor: `PUT {mediaShares[content].url}` grants or releases screen share.
    r.put('/locus/api/v1/loci/:locusId/mediashares/:shareId', (req, p) => {
      const token = requireToken(this.world, req);
      const m = this.meetingByLocus(p.locusId!);
      const self = this.selfFor(m, token.personId);
      if (!self || self.state !== 'JOINED' || !m.locus)
        throw locusError(403, LOCUS_CODES.HOST_ONLY, 'Only participants in the meeting can share.');
      if (p.shareId !== 'content') throw notFound('No such media share.');
      const floor = (jsonBody(req).floor ?? {}) as {
        disposition?: unknown;
        beneficiary?: { url?: unknown; devices?: { url?: unknown }[] };
        shareInstanceId?: unknown;
      };
      const shareInstanceId =
        typeof floor.shareInstanceId === 'string' ? floor.shareInstanceId : undefined;
      if (floor.disposition === 'GRANTED') {
        const deviceUrl = floor.beneficiary?.devices?.[0]?.url;
        this.setFloor(m, {
          disposition: 'GRANTED',
          participantId: self.id,
          deviceUrl: typeof deviceUrl === 'string' ? deviceUrl : self.deviceUrl,
          ...(shareInstanceId ? { shareInstanceId } : {}),
          at: this.world.now(),
        });
      } else if (floor.disposition === 'RELEASED') {
        const current = m.locus.share;
        if (current?.disposition === 'GRANTED' && current.participantId !== self.id)
          this.requireHost(m, token.personId);
        if (current?.disposition === 'GRANTED') this.releaseFloor(m);
      } else {
        throw badRequest('floor.disposition must be GRANTED or RELEASED.');
      }
      return { status: 200, body: { locus: this.render(m, self) } };
    });
  }

  private meetingByLocus(locusId: string, forJoin = false): Meeting {
    const live = this.world.meetings.byLocus(locusId);
    if (live) return live;
    const endedMeeting = forJoin ? undefined : this.world.meetings.byEndedLocus(locusId);
    if (endedMeeting) return endedMeeting;
    throw forJoin
      ? locusError(404, LOCUS_CODES.MEETING_ENDED, 'The meeting has ended.')
      : notFound('Locus not found.');
  }

  private requireHost(m: Meeting, personId: string): void {
    const me = this.selfFor(m, personId);
    if (!me?.isHost || me.state !== 'JOINED')
      throw locusError(403, LOCUS_CODES.HOST_ONLY, 'Only the host can do that.');
  }

  private ownParticipant(m: Meeting, pid: string, personId: string): Participant {
    const participant = m.locus?.participants.get(pid);
    if (!participant || participant.personId !== personId || participant.state === 'LEFT')
      throw notFound('Participant not found.');
    return participant;
  }

  private selfFor(m: Meeting, personId: string): Participant | undefined {
    const mine = [...(m.locus?.participants.values() ?? [])].filter((p) => p.personId === personId);
    return mine.find((p) => p.state !== 'LEFT') ?? mine.at(-1);
  }

  /** A change to the Locus: a new sequence number, and a push to everyone in it. */
  private changed(m: Meeting, eventType: LocusEventType, answeredDevice?: string): void {
    if (!m.locus) return;
    m.locus.sequence = this.world.nextLocusSequence();
    this.publish(m, eventType, answeredDevice ? { answeredDevice } : {});
  }

  private join(req: SimRequest, meeting: Meeting) {
    const token = requireToken(this.world, req);
    const body = jsonBody(req);
    const device = body.device as { url?: unknown; deviceType?: unknown } | undefined;
    const deviceUrl = typeof device?.url === 'string' ? device.url : '';
    if (!this.world.devices.byDeviceUrl(deviceUrl))
      throw locusError(400, LOCUS_CODES.DEVICE_REQUIRED, 'Join needs a registered device url.');
    const now = this.world.now();

    const claims = verifyPermissionToken(this.permissionSecret, body.permissionToken, now);
    const pin =
      typeof body.pin === 'string' || typeof body.pin === 'number' ? String(body.pin) : undefined;
    const isHost =
      claims?.role === 'host' || pin === meeting.hostKey || token.personId === meeting.hostUserId;
    // Without a verified password (or the host's own account) Locus refuses the join.
    if (
      meeting.password &&
      !isHost &&
      (!claims || claims.meetingId !== meeting.id || claims.personId !== token.personId)
    ) {
      throw locusError(
        403,
        LOCUS_CODES.PERMISSION_REQUIRED,
        'The meeting password has not been verified.',
      );
    }
    if (meeting.unlockedMeetingJoinSecurity === 'blockFromJoin' && !isHost) {
      throw locusError(403, LOCUS_CODES.GUESTS_BLOCKED, 'This meeting does not let guests join.');
    }
    if (
      meeting.locus &&
      this.world.meetings.activeParticipants(meeting).length >= this.world.options.maxParticipants
    ) {
      throw locusError(
        403,
        LOCUS_CODES.MEETING_FULL,
        `The meeting is full (${this.world.options.maxParticipants} participants).`,
      );
    }

    const hostPresent = this.world.meetings
      .activeParticipants(meeting)
      .some((p) => p.isHost && p.state === 'JOINED');
    const jbhOpen =
      meeting.enabledJoinBeforeHost &&
      now >= meeting.start - meeting.joinBeforeHostMinutes * 60_000;
    // A locked meeting sends everyone but hosts to the lobby, as Webex does.
    const inLobby =
      !isHost &&
      (meeting.unlockedMeetingJoinSecurity === 'allowJoinWithLobby' ||
        (!hostPresent && !jbhOpen) ||
        !!meeting.locus?.locked);
    if (!inLobby && this.world.meetings.wouldExceedLicence(meeting)) {
      const app = this.world.identity.app(meeting.appClientId!);
      throw locusError(
        403,
        LOCUS_CODES.LICENCE_EXCEEDED,
        `The meeting cannot start: the Service App's licence allows ${app?.licenceLimit} concurrent meetings.`,
      );
    }

    const locus = this.world.meetings.openLocus(meeting);
    // Rejoining from the same device replaces the old participant.
    for (const p of locus.participants.values()) {
      if (p.deviceUrl === deviceUrl && p.state !== 'LEFT') {
        p.state = 'LEFT';
        p.leftAt = now;
        this.media.release(p.id);
        emitParticipantEvent(this.world, meeting, p, 'left');
      }
    }
    const person = this.world.identity.person(token.personId);
    // The display-name rule of @g2g/webex-spec; without a usable alias Locus
    // shows the name the token was minted with.
    const cleaned = body.alias === undefined ? undefined : cleanDisplayName(body.alias);
    const alias = cleaned?.ok ? cleaned.name : undefined;
    const participant: Participant = {
      id: this.world.ids.uuid(),
      personId: token.personId,
      name: alias ?? person?.displayName ?? 'Guest',
      isHost,
      state: inLobby ? 'IDLE' : 'JOINED',
      inLobby,
      guest: person?.type !== 'person',
      deviceUrl,
      deviceType: typeof device?.deviceType === 'string' ? device.deviceType : 'WEB',
      ...(typeof body.correlationId === 'string' ? { correlationId: body.correlationId } : {}),
      joinedAt: now,
      remoteAudioMuted: false,
      remoteVideoMuted: false,
    };
    this.world.meetings.addParticipant(meeting, participant);
    if (!inLobby) this.world.meetings.start(meeting, token.personId);
    emitParticipantEvent(this.world, meeting, participant, 'joined');
    // Guests waiting only for the host go in when the host arrives (join before host off, no lobby).
    if (isHost && meeting.unlockedMeetingJoinSecurity === 'allowJoin') {
      for (const p of locus.participants.values()) {
        if (p.inLobby && p.state === 'IDLE') {
          p.inLobby = false;
          p.state = 'JOINED';
          emitParticipantEvent(this.world, meeting, p, 'joined');
        }
      }
    }
    // The joiner learns of its join from this answer; an event as well would
    // reach webex@2.60.4 before the answer, while its meeting still ignores changes.
    this.changed(meeting, LOCUS_EVENT.participantJoined, deviceUrl);
    // webex@2.60.4 reads mediaConnections[0] unconditionally; its mediaId goes on every ROAP message.
    return {
      status: 200,
      body: {
        locus: this.render(meeting, participant),
        mediaConnections: [mediaConnection(participant.id)],
      },
    };
  }

  /**
   * A participant leaves: by itself, removed by a host (`removed`), or
   * dropped by presence. Whoever did not ask hears it over Mercury.
   */
  private leave(m: Meeting, participant: Participant, how: { removed?: boolean } = {}) {
    participant.state = 'LEFT';
    participant.leftAt = this.world.now();
    this.media.release(participant.id);
    emitParticipantEvent(this.world, m, participant, 'left');
    const locus = m.locus!;
    if (locus.share?.disposition === 'GRANTED' && locus.share.participantId === participant.id)
      this.releaseFloor(m, false);
    if (!this.world.meetings.activeParticipants(m).some((p) => p.state === 'JOINED')) {
      // The last one out ends the meeting; lobby waiters are sent away with it.
      // (Rendered first: an ended meeting forgets its Locus.)
      locus.sequence = this.world.nextLocusSequence();
      const view = this.render(m, participant);
      this.world.meetings.end(m, participant.personId, participant.deviceUrl);
      return view;
    }
    // Whoever did not ask (removed by a host, dropped by presence) hears it over Mercury.
    locus.sequence = this.world.nextLocusSequence();
    this.publish(
      m,
      LOCUS_EVENT.participantLeft,
      how.removed ? { notify: [participant.id] } : { answeredDevice: participant.deviceUrl },
    );
    return this.render(m, participant);
  }

  /** Drops every participant joined from a device (presence: its Mercury socket is gone). */
  dropDevice(deviceUrl: string): number {
    let dropped = 0;
    for (const m of [...this.world.meetings.withDevice(deviceUrl)]) {
      for (const p of [...(m.locus?.participants.values() ?? [])]) {
        if (p.deviceUrl !== deviceUrl || p.state === 'LEFT' || m.locus?.state !== 'ACTIVE')
          continue;
        this.leave(m, p, { removed: true });
        dropped++;
      }
    }
    return dropped;
  }

  private setFloor(m: Meeting, floor: ShareFloor): void {
    m.locus!.share = floor;
    this.media.setShareOwner(m.locus!.id, floor.participantId);
    this.changed(m, LOCUS_EVENT.floorGranted);
  }

  private releaseFloor(m: Meeting, announce = true): void {
    const share = m.locus!.share!;
    m.locus!.share = { ...share, disposition: 'RELEASED', at: this.world.now() };
    this.media.setShareOwner(m.locus!.id, null);
    if (announce) this.changed(m, LOCUS_EVENT.floorReleased);
  }

  /**
   * Pushes the Locus to each device with someone in it, plus those this
   * change sent away (`notify`). A device sees itself as its latest
   * participant, so a device that left and joined again never receives its
   * old, removed self (which would tear its new meeting down).
   */
  private publish(
    m: Meeting,
    eventType: LocusEventType,
    { notify = [], answeredDevice }: { notify?: string[]; answeredDevice?: string },
  ): void {
    const participants = [...(m.locus?.participants.values() ?? [])];
    const byDevice = new Map<string, Participant>();
    for (const p of participants) {
      if (p.state === 'LEFT' && !notify.includes(p.id)) continue;
      const seen = byDevice.get(p.deviceUrl);
      if (!seen || seen.joinedAt <= p.joinedAt) byDevice.set(p.deviceUrl, p);
    }
    const ended = m.locus?.state !== 'ACTIVE';
    for (const [deviceUrl, self] of byDevice) {
      if (deviceUrl === answeredDevice) continue;
      const locus = ended ? this.renderEnded(m, self) : this.render(m, self);
      this.mercury.push(deviceUrl, { eventType, locusUrl: locus.url, locus });
    }
  }

  private renderEnded(m: Meeting, self: Participant) {
    const view = this.render(m, self);
    return {
      ...view,
      fullState: { ...view.fullState, active: false, state: 'INACTIVE', count: 0 },
      self: { ...view.self, state: 'LEFT', removed: true },
    };
  }

  private participantView(m: Meeting, p: Participant, locusUrl: string) {
    const mediaConnected = mediaEstablished(p);
    return {
      id: p.id,
      url: `${locusUrl}/participant/${p.id}`,
      state: p.state,
      type: 'USER',
      person: {
        id: p.personId,
        name: p.name,
        displayName: p.name,
        orgId: m.orgId,
        isExternal: p.guest,
        incomingCallProtocols: [],
      },
      identity: p.personId,
      guest: p.guest,
      moderator: p.isHost,
      isCreator: p.personId === m.hostUserId,
      devices: [
        {
          url: p.deviceUrl,
          deviceType: p.deviceType,
          state: p.state,
          ...(p.correlationId ? { correlationId: p.correlationId } : {}),
          ...(p.inLobby && p.state === 'IDLE'
            ? { intent: { type: 'WAIT', reason: 'ON_HOLD_LOBBY' } }
            : {}),
          // webex@3 finds the member behind a CSI here (`members.findMemberByCsi`).
          csis: p.csis ?? [],
          mediaSessions: mediaSessions(mediaConnected),
        },
      ],
      status: {
        audioStatus: mediaStatus(mediaConnected, p.audioMuted),
        videoStatus: mediaStatus(mediaConnected, p.videoMuted),
      },
      controls: {
        audio: {
          muted: p.remoteAudioMuted,
          requestedToUnmute: false,
          ...(p.mutedBy ? { meta: { modifiedBy: p.mutedBy } } : {}),
        },
        video: {
          muted: p.remoteVideoMuted,
          ...(p.mutedBy ? { meta: { modifiedBy: p.mutedBy } } : {}),
        },
        role: {
          roles: [
            { type: 'MODERATOR', hasRole: p.isHost },
            { type: 'ATTENDEE', hasRole: !p.isHost },
          ],
        },
      },
    };
  }

  /** `mediaShares` as plugin-meetings reads it (`locus-info/mediaSharesUtils.js`): content and whiteboard. */
  private mediaShares(m: Meeting, locusUrl: string) {
    const share = m.locus?.share;
    const sharer = share ? m.locus?.participants.get(share.participantId) : undefined;
    const who = sharer && {
      id: sharer.id,
      url: `${locusUrl}/participant/${sharer.id}`,
      devices: [{ url: share!.deviceUrl, deviceType: 'WEB' }],
    };
    const at = share ? this.world.clock.iso(share.at) : undefined;
    return [
      {
        name: 'content',
        url: `${locusUrl}/mediashares/content`,
        floor: share
          ? {
              disposition: share.disposition,
              beneficiary: who,
              requester: who && { id: who.id, url: who.url },
              ...(share.disposition === 'GRANTED' ? { granted: at } : { released: at }),
              ...(share.shareInstanceId ? { shareInstanceId: share.shareInstanceId } : {}),
            }
          : { disposition: 'RELEASED' },
      },
      {
        name: 'whiteboard',
        url: `${locusUrl}/mediashares/whiteboard`,
        floor: { disposition: 'RELEASED' },
      },
    ];
  }

  /** The Locus DTO as one participant sees it (WEBEX-REFERENCE §1 "Minimal Locus DTO"). */
  render(m: Meeting, self: Participant | undefined) {
    const locus = m.locus;
    const locusUrl = locusUrlFor(this.baseUrl, m.locusId ?? locus?.id ?? 'none');
    const participants = locus ? [...locus.participants.values()] : [];
    // Only a participant holding the role is the host; never fall back to whoever came first.
    const host = participants.find((p) => p.isHost && p.state !== 'LEFT');
    const seq = locus?.sequence ?? 0;
    return {
      url: locusUrl,
      created: this.world.clock.iso(locus?.startedAt ?? this.world.now()),
      fullState: {
        active: locus?.state === 'ACTIVE',
        state: locus?.state ?? 'INACTIVE',
        type: 'MEETING',
        count: participants.filter((p) => p.state === 'JOINED').length,
        locked: locus?.locked ?? false,
        lastActive: this.world.clock.iso(),
        sessionId: m.id,
      },
      info: {
        webExMeetingId: m.meetingNumber,
        webExMeetingName: m.title,
        webExSite: m.siteUrl,
        sipUri: m.sipAddress,
        locusType: 'MEETING',
        displayName: m.title,
        datachannelUrl: `${locusUrl}/datachannel`,
        owner: m.hostUserId,
        isWebinar: false,
        displayHints: displayHints(locus?.locked ?? false),
      },
      host: host
        ? { id: host.personId, name: host.name, orgId: m.orgId, incomingCallProtocols: [] }
        : { id: m.hostUserId, name: m.hostDisplayName, orgId: m.orgId },
      self: self
        ? { ...this.participantView(m, self, locusUrl), removed: self.state === 'LEFT' }
        : undefined,
      participants: participants.map((p) => this.participantView(m, p, locusUrl)),
      controls: { lock: { locked: locus?.locked ?? false }, meetingFull: { meetingFull: false } },
      mediaShares: this.mediaShares(m, locusUrl),
      embeddedApps: [],
      links: {},
      sequence: { entries: [seq], rangeStart: 0, rangeEnd: 0 },
      syncUrl: `${locusUrl}/sync?since=${seq}`,
    };
  }
}
