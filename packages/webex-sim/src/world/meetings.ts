import { emitParticipantEvent } from '../webhooks/participants';
import type { WorldContext } from './context';
import type { Identity } from './identity';
import { LOCUS_EVENT, type LocusEventType } from './locus-events';
import type { Locus, Meeting, Participant } from './types';

/** One key → the meetings that share it (an app's, a host's, a room's). */
class MultiIndex {
  private readonly map = new Map<string, Set<Meeting>>();
  add(key: string | undefined, m: Meeting): void {
    if (key === undefined) return;
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(m);
  }
  remove(key: string | undefined, m: Meeting): void {
    if (key === undefined) return;
    const set = this.map.get(key);
    if (set?.delete(m) && set.size === 0) this.map.delete(key);
  }
  get(key: string): ReadonlySet<Meeting> {
    return this.map.get(key) ?? EMPTY;
  }
  clear(): void {
    this.map.clear();
  }
}
const EMPTY: ReadonlySet<Meeting> = new Set();

/** What identifies a meeting to meetingInfo and Locus's `call`. */
export interface MeetingAddress {
  meetingKey?: string;
  sipUrl?: string;
  meetingUrl?: string;
}

/**
 * Meetings and their Locus: scheduling, the lifecycle (active → inProgress
 * → ended), the licence's concurrency, lobby admission, and the indexes
 * every lookup goes through. Everything that changes a meeting's indexed
 * fields (its Locus id, its participants) happens here, so the indexes
 * cannot drift from the data.
 */
/** How many ended loci stay addressable; bounded so a long soak cannot grow it. */
const ENDED_LOCI_KEPT = 1000;

export class Meetings {
  private readonly byId = new Map<string, Meeting>();
  private readonly byNumber = new Map<string, Meeting>();
  /** {@link normaliseLink} of the webLink. */
  private readonly byLink = new Map<string, Meeting>();
  /**
   * Lower-cased SIP address: the one the REST face hands out, and the site's
   * own three-label one that Webex issues ({@link siteSip}).
   */
  private readonly bySip = new Map<string, Meeting>();
  /** The Locus id handed out for the current (or next) instance. */
  private readonly byLocusId = new Map<string, Meeting>();
  private readonly byApp = new MultiIndex();
  private readonly byHost = new MultiIndex();
  private readonly byOrg = new MultiIndex();
  private readonly byRoom = new MultiIndex();
  /** Meetings of the current Locus instances a person or device is in (or was, until it ends). */
  private readonly byPerson = new MultiIndex();
  private readonly byDevice = new MultiIndex();
  /** Participant id → its meeting, while that Locus lives. */
  private readonly byParticipant = new Map<string, Meeting>();
  /** In-progress meetings per licensing app (the licence counts these). */
  private readonly running = new Map<string, number>();
  /**
   * Ended Locus id → its meeting, oldest first, at most {@link ENDED_LOCI_KEPT}.
   * Ended loci stay addressable for a while, as Webex's do: the SDK still talks
   * to them (data channel, sync, leave) while it tears its meeting down.
   */
  private readonly endedLoci = new Map<string, string>();

  constructor(private readonly ctx: WorldContext & { readonly identity: Identity }) {}

  clear(): void {
    for (const map of [
      this.byId,
      this.byNumber,
      this.byLink,
      this.bySip,
      this.byLocusId,
      this.byParticipant,
      this.running,
      this.endedLoci,
    ])
      map.clear();
    for (const index of [
      this.byApp,
      this.byHost,
      this.byOrg,
      this.byRoom,
      this.byPerson,
      this.byDevice,
    ])
      index.clear();
  }

  // ---------------------------------------------------------------- storage and lookups

  /** Stores a new meeting. Its number, link and SIP address must be unused. */
  add(meeting: Meeting): Meeting {
    if (this.numberTaken(meeting.meetingNumber))
      throw new Error(`meeting number ${meeting.meetingNumber} is taken`);
    this.byId.set(meeting.id, meeting);
    this.byNumber.set(meeting.meetingNumber, meeting);
    this.byLink.set(normaliseLink(meeting.webLink), meeting);
    this.bySip.set(meeting.sipAddress.toLowerCase(), meeting);
    this.bySip.set(siteSip(meeting), meeting);
    if (meeting.locusId) this.byLocusId.set(meeting.locusId, meeting);
    this.byApp.add(meeting.appClientId, meeting);
    this.byHost.add(meeting.hostUserId, meeting);
    this.byOrg.add(meeting.orgId, meeting);
    this.byRoom.add(meeting.roomId, meeting);
    if (meeting.state === 'inProgress') this.countRunning(meeting, +1);
    return meeting;
  }

  /** Forgets a meeting (REST delete, pruning). A running one stops counting against its licence. */
  delete(id: string): boolean {
    const meeting = this.byId.get(id);
    if (!meeting) return false;
    this.forgetLocus(meeting);
    if (meeting.state === 'inProgress') this.countRunning(meeting, -1);
    this.byId.delete(id);
    this.byNumber.delete(meeting.meetingNumber);
    this.byLink.delete(normaliseLink(meeting.webLink));
    this.bySip.delete(meeting.sipAddress.toLowerCase());
    this.bySip.delete(siteSip(meeting));
    this.byApp.remove(meeting.appClientId, meeting);
    this.byHost.remove(meeting.hostUserId, meeting);
    this.byOrg.remove(meeting.orgId, meeting);
    this.byRoom.remove(meeting.roomId, meeting);
    return true;
  }

  get(id: string): Meeting | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** A meeting by id or by meeting number (the control API takes either). */
  byIdOrNumber(idOrNumber: string): Meeting | undefined {
    return this.byId.get(idOrNumber) ?? this.byNumber.get(idOrNumber);
  }

  /** The meeting with this number, whatever its state (the REST list's lookup). */
  byNumberOf(meetingNumber: string): Meeting | undefined {
    return this.byNumber.get(meetingNumber);
  }

  /** The meeting with this link, any scheme or trailing slash, whatever its state. */
  byWebLink(link: string): Meeting | undefined {
    return this.byLink.get(normaliseLink(link));
  }

  /** Whether a meeting number is in use (scheduling draws again until it is not). */
  numberTaken(meetingNumber: string): boolean {
    return this.byNumber.has(meetingNumber);
  }

  values(): IterableIterator<Meeting> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  ofApp(appClientId: string): ReadonlySet<Meeting> {
    return this.byApp.get(appClientId);
  }

  ofHost(personId: string): ReadonlySet<Meeting> {
    return this.byHost.get(personId);
  }

  ofOrg(orgId: string): ReadonlySet<Meeting> {
    return this.byOrg.get(orgId);
  }

  inRoom(roomId: string): ReadonlySet<Meeting> {
    return this.byRoom.get(roomId);
  }

  /** A meeting by the number, link or SIP address it is known by; over meetings stay unfound. */
  find(by: MeetingAddress): Meeting | undefined {
    const key = by.meetingKey?.replace(/\D/g, '');
    const sip = by.sipUrl?.replace(/^sips?:/i, '').toLowerCase();
    const link = by.meetingUrl ? normaliseLink(by.meetingUrl) : undefined;
    for (const m of [
      key ? this.byNumber.get(key) : undefined,
      sip ? this.bySip.get(sip) : undefined,
      link ? this.byLink.get(link) : undefined,
    ]) {
      if (m && !this.isOver(m)) return m;
    }
    return undefined;
  }

  /** A scheduled meeting past its end that has ended cannot be joined any more. */
  private isOver(m: Meeting): boolean {
    return m.state === 'ended' && !m.adhoc && m.end <= this.ctx.now();
  }

  // ---------------------------------------------------------------- Locus

  /** The Locus id meetingInfo hands out: the current instance's, or the next one's. */
  locusIdOf(meeting: Meeting): string {
    if (!meeting.locusId) {
      meeting.locusId = this.ctx.ids.uuid();
      this.byLocusId.set(meeting.locusId, meeting);
    }
    return meeting.locusId;
  }

  /** The meeting a Locus id (current or next instance) belongs to. */
  byLocus(locusId: string): Meeting | undefined {
    return this.byLocusId.get(locusId);
  }

  /** The meeting whose Locus this was, if that Locus ended recently (see {@link endedLoci}). */
  byEndedLocus(locusId: string): Meeting | undefined {
    const id = this.endedLoci.get(locusId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The meeting's live Locus, opened on first use. */
  openLocus(meeting: Meeting): Locus {
    return (meeting.locus ??= {
      id: this.locusIdOf(meeting),
      startedAt: this.ctx.now(),
      sequence: 0,
      locked: false,
      participants: new Map(),
      state: 'ACTIVE',
    });
  }

  /** Adds a participant to the meeting's Locus (opening it if needed). */
  addParticipant(meeting: Meeting, participant: Participant): void {
    this.openLocus(meeting).participants.set(participant.id, participant);
    this.byParticipant.set(participant.id, meeting);
    this.byPerson.add(participant.personId, meeting);
    this.byDevice.add(participant.deviceUrl, meeting);
  }

  /** A participant of a live Locus, with its meeting. */
  participant(id: string): { meeting: Meeting; participant: Participant } | undefined {
    const meeting = this.byParticipant.get(id);
    const participant = meeting?.locus?.participants.get(id);
    return meeting && participant ? { meeting, participant } : undefined;
  }

  /** Meetings whose live Locus a person has (or had) a participant in. */
  withPerson(personId: string): ReadonlySet<Meeting> {
    return this.byPerson.get(personId);
  }

  /** Meetings whose live Locus a device has (or had) joined. */
  withDevice(deviceUrl: string): ReadonlySet<Meeting> {
    return this.byDevice.get(deviceUrl);
  }

  /** Drops the meeting's Locus and what indexes it: the next start is a new Locus. */
  private forgetLocus(meeting: Meeting): void {
    for (const p of meeting.locus?.participants.values() ?? []) {
      this.byParticipant.delete(p.id);
      this.byPerson.remove(p.personId, meeting);
      this.byDevice.remove(p.deviceUrl, meeting);
    }
    if (meeting.locusId) this.byLocusId.delete(meeting.locusId);
    meeting.locus = undefined;
    meeting.locusId = undefined;
  }

  activeParticipants(meeting: Meeting): Participant[] {
    return [...(meeting.locus?.participants.values() ?? [])].filter((p) => p.state !== 'LEFT');
  }

  // ---------------------------------------------------------------- lifecycle and licence

  /** In-progress meetings licensed by one Service App. */
  inProgressCount(appClientId: string): number {
    return this.running.get(appClientId) ?? 0;
  }

  /** Whether starting this meeting now would exceed its Service App's licence. */
  wouldExceedLicence(meeting: Meeting): boolean {
    if (meeting.state === 'inProgress' || !meeting.appClientId) return false;
    const app = this.ctx.identity.app(meeting.appClientId);
    return !!app && this.inProgressCount(app.clientId) >= app.licenceLimit;
  }

  private countRunning(meeting: Meeting, delta: 1 | -1): void {
    if (!meeting.appClientId) return;
    const n = (this.running.get(meeting.appClientId) ?? 0) + delta;
    if (n > 0) this.running.set(meeting.appClientId, n);
    else this.running.delete(meeting.appClientId);
  }

  /** Moves a meeting to `inProgress` (first join) and announces it. */
  start(meeting: Meeting, actorId: string): void {
    if (meeting.state === 'inProgress') return;
    meeting.state = 'inProgress';
    meeting.startedAt = this.ctx.now();
    this.countRunning(meeting, +1);
    this.emitMeetingWebhook(meeting, 'started', actorId);
  }

  /** Ends a meeting: everyone leaves, Locus goes inactive, `meetings:ended` fires. */
  end(meeting: Meeting, actorId: string, answeredDevice?: string): void {
    if (meeting.state !== 'inProgress') return;
    const now = this.ctx.now();
    if (meeting.locus) {
      meeting.locus.state = 'INACTIVE';
      this.endedLoci.set(meeting.locus.id, meeting.id);
      if (this.endedLoci.size > ENDED_LOCI_KEPT)
        this.endedLoci.delete(this.endedLoci.keys().next().value!);
      const sentAway: string[] = [];
      for (const p of meeting.locus.participants.values()) {
        if (p.state !== 'LEFT') {
          p.state = 'LEFT';
          p.leftAt = now;
          sentAway.push(p.id);
          emitParticipantEvent(this.ctx, meeting, p, 'left');
        }
      }
      meeting.locus.sequence = this.ctx.nextLocusSequence();
      this.ctx.emit({
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
    this.countRunning(meeting, -1);
    this.emitMeetingWebhook(meeting, 'ended', actorId);
    this.forgetLocus(meeting);
  }

  private emitMeetingWebhook(meeting: Meeting, event: 'started' | 'ended', actorId: string): void {
    this.ctx.emit({
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
        ...(event === 'started' ? { start: this.ctx.clock.iso() } : { end: this.ctx.clock.iso() }),
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
        emitParticipantEvent(this.ctx, meeting, p, 'joined');
      }
    }
    if (admitted.length && meeting.locus) {
      meeting.locus.sequence = this.ctx.nextLocusSequence();
      // Admission is a join into the meeting proper (IDLE → JOINED).
      this.ctx.emit({ type: 'locus', meeting, eventType: LOCUS_EVENT.participantJoined });
    }
    return admitted;
  }

  /**
   * A participant's own mute state, from the `localSdp` of a media request.
   * Returns the Locus event to publish, or undefined when nothing changed.
   * The first request (the media offer) sets the state without a mute event:
   * nobody muted anything, the participant only started sending.
   */
  setLocalMute(
    participant: Participant,
    mute: { audioMuted?: boolean; videoMuted?: boolean },
  ): LocusEventType | undefined {
    const { audioMuted, videoMuted } = mute;
    const first = !mediaEstablished(participant);
    const before = [participant.audioMuted, participant.videoMuted];
    const event =
      audioMuted !== undefined && audioMuted !== participant.audioMuted && !first
        ? audioMuted
          ? LOCUS_EVENT.participantAudioMuted
          : LOCUS_EVENT.participantAudioUnmuted
        : videoMuted !== undefined && videoMuted !== participant.videoMuted && !first
          ? videoMuted
            ? LOCUS_EVENT.participantVideoMuted
            : LOCUS_EVENT.participantVideoUnmuted
          : LOCUS_EVENT.participantUpdated;
    if (audioMuted !== undefined) participant.audioMuted = audioMuted;
    if (videoMuted !== undefined) participant.videoMuted = videoMuted;
    participant.audioMuted ??= false;
    participant.videoMuted ??= false;
    const changed = before[0] !== participant.audioMuted || before[1] !== participant.videoMuted;
    return changed ? event : undefined;
  }

  /**
   * The participant's multistream CSIs, as its latest offer declared them
   * (the relay reads them). Returns the Locus event to publish when they
   * changed: the others' SDKs can then name the panes showing it.
   */
  setCsis(participant: Participant, csis: readonly number[]): LocusEventType | undefined {
    const before = participant.csis ?? [];
    if (before.length === csis.length && before.every((c, i) => c === csis[i])) return undefined;
    participant.csis = [...csis];
    return LOCUS_EVENT.participantUpdated;
  }

  /** Drops meetings over (ended, or scheduled and past their end) before `cutoff`; returns their ids. */
  prune(cutoff: number): string[] {
    const gone: string[] = [];
    for (const m of [...this.byId.values()]) {
      const over =
        m.state === 'ended' ? (m.endedAt ?? m.end) : m.state === 'active' ? m.end : Infinity;
      if (over < cutoff && this.delete(m.id)) gone.push(m.id);
    }
    return gone;
  }
}

/**
 * Whether a participant's media is established: its first media request (the
 * offer) has arrived, which is when {@link Meetings.setLocalMute} first sets
 * its mute state.
 */
export function mediaEstablished(p: Pick<Participant, 'audioMuted' | 'videoMuted'>): boolean {
  return p.audioMuted !== undefined || p.videoMuted !== undefined;
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
