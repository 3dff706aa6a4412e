import { EventEmitter } from 'node:events';
import { Clock } from '../clock';
import { Ids } from '../ids';
import { Challenges } from './challenges';
import { ClientLogs } from './client-logs';
import type { WorldContext } from './context';
import { Devices } from './devices';
import type { WorldEvent } from './events';
import { Identity } from './identity';
import { Meetings } from './meetings';
import { DEFAULT_OPTIONS, type SimOptions } from './options';
import { Preferences } from './preferences';
import { Rooms } from './rooms';
import { Tokens } from './tokens';
import { Webhooks } from './webhooks';

export type { WorldEvent } from './events';
export type { IssuedTokens } from './tokens';
export { normaliseLink } from './meetings';

/**
 * The one state behind both faces of the simulator: REST (`/v1`) and the
 * SDK's cloud protocol. Faces validate input and render answers; the world's
 * parts each own one concern's data and invariants behind methods, and the
 * world announces changes (`events`) to webhook delivery and Locus pushes.
 *
 * - {@link Identity}: orgs, people, Service Apps, machine accounts, guests.
 * - {@link Tokens}: access and refresh tokens.
 * - {@link Meetings}: meetings, their Locus, lifecycle, licence and indexes.
 * - {@link Challenges}: wrong-password counts and captchas.
 * - {@link Preferences}: per-org meeting preferences.
 * - {@link Rooms}, {@link Devices}, {@link Webhooks}, {@link ClientLogs}.
 */
export class World implements WorldContext {
  readonly clock = new Clock();
  readonly events = new EventEmitter<{ event: [WorldEvent] }>();
  private currentIds: Ids;
  private currentOptions: SimOptions;
  private lastLocusSequence = 0;

  readonly tokens = new Tokens(this);
  readonly identity = new Identity(this, this.tokens);
  readonly meetings = new Meetings(this);
  readonly challenges = new Challenges(this);
  readonly preferences = new Preferences();
  readonly rooms = new Rooms(this);
  readonly devices = new Devices(this);
  readonly webhooks = new Webhooks();
  readonly clientLogs = new ClientLogs();

  constructor(
    private readonly seed?: string | number,
    options: Partial<SimOptions> = {},
  ) {
    this.currentIds = new Ids(seed);
    this.currentOptions = { ...DEFAULT_OPTIONS, ...options };
  }

  get ids(): Ids {
    return this.currentIds;
  }

  /** The live settings; {@link configure} changes them. */
  get options(): SimOptions {
    return this.currentOptions;
  }

  /** Changes settings on the running world; returns a copy of them all. */
  configure(options: Partial<SimOptions>): SimOptions {
    Object.assign(this.currentOptions, options);
    return { ...this.currentOptions };
  }

  /** Forgets everything and starts the clock afresh; options go back to their start values. */
  reset(options: Partial<SimOptions> = {}): void {
    for (const part of [
      this.tokens,
      this.identity,
      this.meetings,
      this.challenges,
      this.preferences,
      this.rooms,
      this.devices,
      this.webhooks,
      this.clientLogs,
    ])
      part.clear();
    // lastLocusSequence survives: sequences stay increasing for SDKs that outlive a reset.
    this.clock.reset();
    this.currentIds = new Ids(this.seed);
    this.currentOptions = { ...DEFAULT_OPTIONS, ...options };
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

  /**
   * Drops what nobody can use any more, so memory stays bounded under load:
   * expired tokens, superseded refresh tokens, ended meetings (with their
   * password counts) and stale captchas older than the retention window.
   */
  prune(): { tokens: number; meetings: number } {
    const cutoff = this.now() - this.options.retentionMs;
    const tokens = this.tokens.prune(cutoff);
    const gone = this.meetings.prune(cutoff);
    for (const id of gone) this.challenges.forgetMeeting(id);
    this.challenges.prune(cutoff);
    return { tokens, meetings: gone.length };
  }
}
