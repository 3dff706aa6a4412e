import type { DeliveryLog, MeetingMode, MeterStore, TokenStore } from '@g2g/service-app';

/**
 * Everything the backend persists, behind one asynchronous interface so that
 * SQLite (the embedded default) and a shared database (PostgreSQL, for
 * replicas) are interchangeable. Implementations encrypt tokens and
 * consultation secrets at rest and survive restarts. Every consultation
 * operation names the tenant (org) it belongs to: nothing crosses tenants.
 */
export interface Store {
  /** Which database: `sqlite` (one process) or `postgres` (any number of replicas). */
  readonly kind: 'sqlite' | 'postgres';
  /** Service App tokens, per org (for `@g2g/service-app`). */
  readonly tokens: TokenStore;
  /** Webhook delivery ids already taken (replays after a restart are refused). */
  readonly deliveries: PersistentDeliveryLog;
  /** Meetings the licence meter counts as running, per site. */
  readonly meter: MeterStore;
  readonly tenants: TenantStore;
  readonly operatorKeys: OperatorKeyStore;
  readonly consultations: ConsultationStore;
  /**
   * Fixed-window counters every replica shares (rate limits, lock-outs);
   * absent where one process is the whole deployment (SQLite), which counts
   * in memory.
   */
  readonly counters?: WindowCounters;
  /** Small settings (provisioned sim app, webhook ids); `secret` values are encrypted. */
  getMeta(key: string, options?: { secret?: boolean }): Promise<string | undefined>;
  setMeta(key: string, value: string, options?: { secret?: boolean }): Promise<void>;
  /** Resolves when the database answers; rejects with {@link StoreUnavailableError} when not. */
  ping(): Promise<void>;
  /**
   * Runs `fn` while holding the lock `name` for the whole deployment: within
   * this process for SQLite, across replicas for PostgreSQL. What `fn`
   * writes through the store commits on its own (a marker written inside
   * survives the holder's death; the lock does not).
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database cannot be reached (connection refused or lost): a 503, retried later. */
export class StoreUnavailableError extends Error {
  readonly code = 'database-unavailable';
  constructor(cause?: unknown) {
    super('The database is unavailable.', cause !== undefined ? { cause } : undefined);
    this.name = 'StoreUnavailableError';
  }
}

/** Counts hits per key in fixed windows, atomically across replicas. */
export interface WindowCounters {
  /** Counts one hit at `now`; a window older than `windowMs` starts again. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; start: number }>;
  /** The current window of `key` without counting, if one is open at `now`. */
  peek(
    key: string,
    windowMs: number,
    now: number,
  ): Promise<{ count: number; start: number } | undefined>;
  /** Forgets windows started before `before`. */
  prune(before: number): Promise<number>;
}

export interface PersistentDeliveryLog extends DeliveryLog {
  /** Forgets ids received before `before` (epoch ms); returns how many. */
  prune(before: number): Promise<number>;
}

/** Where an org stands with this deployment (not with Webex: that is the token state). */
export type TenantStatus = 'pending' | 'accepted' | 'refused';

/**
 * An org that authorized the Service App (or was configured). Only
 * `accepted` tenants get tokens, consultations and operators; a `pending` or
 * `refused` one is a record and nothing more.
 */
export interface TenantRecord {
  /** Canonical (bare uuid) org id. */
  orgId: string;
  status: TenantStatus;
  /** A label for people (the admin's, or the simulator's org name). */
  name?: string;
  /** The guest-to-guest site the authorization granted, when known. */
  siteUrl?: string;
  scopes: string[];
  /** Concurrent meetings this tenant's licence allows; default: the deployment's. */
  licenceLimit?: number;
  firstSeenAt: number;
  updatedAt: number;
  authorizedAt?: number;
  deauthorizedAt?: number;
  /** Who decided and how: `allowlist`, `admin`, `configured`, `sim`. */
  decidedBy?: string;
}

export interface TenantStore {
  get(orgId: string): Promise<TenantRecord | undefined>;
  list(): Promise<TenantRecord[]>;
  put(t: TenantRecord): Promise<void>;
}

/** An operator credential of one tenant. The key itself is never stored, only its MAC. */
export interface OperatorKeyRecord {
  id: string;
  orgId: string;
  /** HMAC-SHA256 of the whole key (hex) under a server key. */
  mac: string;
  label?: string;
  createdAt: number;
  revokedAt?: number;
}

export interface OperatorKeyStore {
  get(id: string): Promise<OperatorKeyRecord | undefined>;
  listFor(orgId: string): Promise<OperatorKeyRecord[]>;
  put(k: OperatorKeyRecord): Promise<void>;
}

/** Secret parts of a consultation: encrypted at rest, never in operator listings. */
export interface ConsultationSecrets {
  password?: string;
  hostKey?: string;
}

/** Who is in a running consultation, from `meetingParticipants` webhooks. */
export interface LiveParticipant {
  /** Webex's participant id. */
  id: string;
  name: string;
  state: 'lobby' | 'joined';
  host: boolean;
  /** Since when in this state (epoch ms). */
  since: number;
}

/**
 * A consultation's live state, driven by the `meetings` and
 * `meetingParticipants` webhooks (never by polling Webex).
 */
export interface LiveState {
  state: 'scheduled' | 'in-progress' | 'ended';
  participants: LiveParticipant[];
  startedAt?: number;
  endedAt?: number;
  /** Time of the newest event applied (epoch ms); older events are ignored. */
  updatedAt: number;
}

/** A consultation: one Webex meeting plus its participant slots. Times are epoch ms. */
export interface ConsultationRecord {
  id: string;
  orgId: string;
  title: string;
  mode: MeetingMode;
  kind: 'scheduled' | 'space';
  meetingId: string;
  meetingNumber: string;
  sipAddress: string;
  webLink: string;
  siteUrl: string;
  start: number;
  end: number;
  guestSlots: number;
  roomId?: string;
  hostEmail?: string;
  capabilityExpiresAt: number;
  createdAt: number;
  state: { kind: 'scheduled' } | { kind: 'deleted'; at: number };
  live: LiveState;
  secrets: ConsultationSecrets;
}

export interface ConsultationStore {
  put(c: ConsultationRecord): Promise<void>;
  get(orgId: string, id: string): Promise<ConsultationRecord | undefined>;
  /** A consultation by id whatever its tenant (participant links carry only the id). */
  find(id: string): Promise<ConsultationRecord | undefined>;
  /** The tenant's consultation for a Webex meeting (series) id. */
  findByMeeting(orgId: string, meetingId: string): Promise<ConsultationRecord | undefined>;
  list(
    orgId: string,
    options?: { includeDeleted?: boolean; limit?: number },
  ): Promise<ConsultationRecord[]>;
  /**
   * Read-modify-write in one step (one transaction): `change` gets the
   * current record and returns the next one, or undefined to leave it.
   */
  update(
    orgId: string,
    id: string,
    change: (c: ConsultationRecord) => ConsultationRecord | undefined,
  ): Promise<ConsultationRecord | undefined>;
}
