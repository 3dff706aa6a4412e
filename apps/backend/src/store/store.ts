import type { MeetingMode, TokenStore } from '@g2g/service-app';

/** Secret parts of a consultation: encrypted at rest, never in operator listings. */
export interface ConsultationSecrets {
  password?: string;
  hostKey?: string;
  startLink?: string;
  joinLink?: string;
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
  secrets: ConsultationSecrets;
}

/**
 * Everything the backend persists. Implementations encrypt tokens and
 * consultation secrets at rest and survive restarts.
 */
export interface Store {
  /** Service App tokens, per org (for `@g2g/service-app`). */
  readonly tokens: TokenStore;
  putConsultation(c: ConsultationRecord): void;
  getConsultation(id: string): ConsultationRecord | undefined;
  listConsultations(options?: { includeDeleted?: boolean; limit?: number }): ConsultationRecord[];
  /** Small settings (provisioned app, webhook ids); `secret` values are encrypted. */
  getMeta(key: string, options?: { secret?: boolean }): string | undefined;
  setMeta(key: string, value: string, options?: { secret?: boolean }): void;
  close(): void;
}
