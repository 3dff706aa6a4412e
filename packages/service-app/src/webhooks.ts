import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookDelivery, checkShape } from '@g2g/webex-spec/rest';
import { WebhookPayloadError, WebhookSignatureError, WebhookStaleError } from './errors';

/** The JSON Webex POSTs to a webhook target (`WebhookDelivery` of `@g2g/webex-spec/rest`). */
export type WebhookEnvelope = WebhookDelivery;

/**
 * Verifies `X-Spark-Signature` (lowercase hex HMAC-SHA1 of the exact body
 * bytes, keyed with the webhook secret) in constant time. Call it on the raw
 * bytes, before parsing. Throws {@link WebhookSignatureError}.
 */
export function verifyWebhookSignature(
  rawBody: Uint8Array,
  signatureHeader: string | string[] | undefined,
  secret: string,
): void {
  if (!secret) throw new WebhookSignatureError('no-secret');
  const header = Array.isArray(signatureHeader) ? signatureHeader[0] : signatureHeader;
  if (!header) throw new WebhookSignatureError('missing');
  const expected = createHmac('sha1', secret).update(rawBody).digest();
  const given = /^[0-9a-fA-F]{40}$/.test(header.trim())
    ? Buffer.from(header.trim(), 'hex')
    : undefined;
  // Lengths are public (always 20 bytes); only the comparison must be constant-time.
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WebhookSignatureError('mismatch');
  }
}

/** Parses a verified body into a {@link WebhookEnvelope}. Throws {@link WebhookPayloadError}. */
export function parseWebhookEnvelope(rawBody: Uint8Array): WebhookEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(rawBody).toString('utf8'));
  } catch {
    throw new WebhookPayloadError('The webhook body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WebhookPayloadError('The webhook body is not a JSON object.');
  }
  const check = checkShape(WebhookDelivery, parsed);
  if (!check.ok) {
    throw new WebhookPayloadError(
      `The webhook body is not a Webex webhook delivery: ${check.problems.join('; ')}.`,
    );
  }
  // Unknown fields are kept for handlers that read more than the schema names.
  return { ...(parsed as Record<string, unknown>), ...check.data } as WebhookEnvelope;
}

/**
 * The delivery's own time (epoch ms), read from the payload, or undefined when
 * it carries none. Webex documents no delivery timestamp on the envelope
 * (`created` there is the *webhook's* creation), so the event's time is read
 * from `data`: `created` (resources created by the event, and `serviceApp`
 * events [inferred]), `joinedTime`/`leftTime` (`meetingParticipants`; Webex
 * writes `1970-01-01T00:00:00.000Z` for "none"), `start`/`end` (`meetings`
 * `started`/`ended`, whose data is the meeting instance).
 */
export function deliveryTime(envelope: WebhookEnvelope): number | undefined {
  const d = envelope.data;
  const byEvent: Record<string, unknown> = {
    joined: d.joinedTime,
    left: d.leftTime,
    started: d.start,
    ended: d.end,
  };
  for (const value of [d.created, byEvent[envelope.event]]) {
    if (typeof value !== 'string') continue;
    const t = Date.parse(value);
    if (Number.isFinite(t) && t > 0) return t;
  }
  return undefined;
}

/**
 * Which deliveries were already taken, so each is processed once — across
 * restarts when the log is persistent (the backend keeps it in its database;
 * a replica set shares it). Ids are opaque strings.
 */
export interface DeliveryLog {
  /** Takes the id; false when it was taken before (processed, or in flight elsewhere). */
  claim(id: string, receivedAt: number): Promise<boolean>;
  /** The handler failed: give the id back, so Webex's retry runs it. */
  release(id: string): Promise<void>;
}

/** A {@link DeliveryLog} in memory, bounded (oldest forgotten first). Lost on restart. */
export class MemoryDeliveryLog implements DeliveryLog {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  async claim(id: string): Promise<boolean> {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    // Sets iterate in insertion order: the first id is the oldest.
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }

  async release(id: string): Promise<void> {
    this.ids.delete(id);
  }
}

/**
 * A delivery's id: the SHA-256 of its signed bytes. Webex's retries resend the
 * same bytes; two events never share them (the envelope names the webhook and
 * the data the event).
 */
export function deliveryId(rawBody: Uint8Array): string {
  return createHash('sha256').update(rawBody).digest('hex');
}

/** What {@link WebhookReceiver.receive} did with a delivery. */
export type WebhookOutcome<R> =
  | { kind: 'processed'; envelope: WebhookEnvelope; result: R }
  | { kind: 'duplicate'; envelope: WebhookEnvelope };

/** Settings of {@link WebhookReceiver}. */
export interface WebhookReceiverOptions {
  /** The secret given when the webhook was registered. */
  secret: string;
  /** Where processed delivery ids are kept; default in memory (10,000). */
  deliveries?: DeliveryLog;
  /**
   * Deliveries whose own time ({@link deliveryTime}) is older than this are
   * refused with {@link WebhookStaleError}; default 15 minutes.
   */
  maxAgeMs?: number;
  /** How far in the future a delivery may be dated (clock skew); default 5 minutes. */
  maxSkewMs?: number;
  /** The clock deliveries are judged by (epoch ms); default `Date.now`. */
  now?: () => number;
}

/**
 * Receives webhook deliveries: verifies the signature over the raw bytes,
 * parses, refuses a delivery dated outside the window, and processes each
 * distinct delivery **once** — a redelivery (same bytes, as Webex retries
 * send), a concurrent duplicate or a replay after a restart (with a
 * persistent {@link DeliveryLog}) is reported as `duplicate` without running
 * the handler. A delivery whose handler throws is released, so Webex's retry
 * gets another chance.
 */
export class WebhookReceiver {
  private readonly secret: string;
  private readonly deliveries: DeliveryLog;
  private readonly maxAgeMs: number;
  private readonly maxSkewMs: number;
  private readonly now: () => number;

  constructor(options: WebhookReceiverOptions) {
    this.secret = options.secret;
    this.deliveries = options.deliveries ?? new MemoryDeliveryLog();
    this.maxAgeMs = options.maxAgeMs ?? 15 * 60_000;
    this.maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async receive<R>(
    rawBody: Uint8Array,
    signatureHeader: string | string[] | undefined,
    handler: (envelope: WebhookEnvelope) => Promise<R> | R,
  ): Promise<WebhookOutcome<R>> {
    verifyWebhookSignature(rawBody, signatureHeader, this.secret);
    const envelope = parseWebhookEnvelope(rawBody);
    const now = this.now();
    const at = deliveryTime(envelope);
    if (at !== undefined && (now - at > this.maxAgeMs || at - now > this.maxSkewMs)) {
      throw new WebhookStaleError(at, now - at);
    }
    const id = deliveryId(rawBody);
    if (!(await this.deliveries.claim(id, now))) return { kind: 'duplicate', envelope };
    try {
      const result = await handler(envelope);
      return { kind: 'processed', envelope, result };
    } catch (error) {
      await this.deliveries.release(id);
      throw error;
    }
  }
}
