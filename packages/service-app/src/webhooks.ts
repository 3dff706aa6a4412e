import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookDelivery, checkShape } from '@g2g/webex-spec/rest';
import { WebhookPayloadError, WebhookSignatureError } from './errors';

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

/** What {@link WebhookReceiver.receive} did with a delivery. */
export type WebhookOutcome<R> =
  | { kind: 'processed'; envelope: WebhookEnvelope; result: R }
  | { kind: 'duplicate'; envelope: WebhookEnvelope };

/** Settings of {@link WebhookReceiver}. */
export interface WebhookReceiverOptions {
  /** The secret given when the webhook was registered. */
  secret: string;
  /** Deliveries remembered for de-duplication; default 10,000. */
  rememberDeliveries?: number;
}

/**
 * Receives webhook deliveries: verifies the signature over the raw bytes,
 * parses, and processes each distinct delivery **once** — a redelivery (same
 * bytes, as Webex retries send) or a concurrent duplicate is reported as
 * `duplicate` without running the handler. A delivery whose handler throws is
 * not remembered, so Webex's retry gets another chance.
 */
export class WebhookReceiver {
  private readonly secret: string;
  private readonly capacity: number;
  private readonly done = new Set<string>();
  private readonly inFlight = new Set<string>();

  constructor(options: WebhookReceiverOptions) {
    this.secret = options.secret;
    this.capacity = options.rememberDeliveries ?? 10_000;
  }

  async receive<R>(
    rawBody: Uint8Array,
    signatureHeader: string | string[] | undefined,
    handler: (envelope: WebhookEnvelope) => Promise<R> | R,
  ): Promise<WebhookOutcome<R>> {
    verifyWebhookSignature(rawBody, signatureHeader, this.secret);
    const envelope = parseWebhookEnvelope(rawBody);
    const key = createHash('sha256').update(rawBody).digest('hex');
    if (this.done.has(key) || this.inFlight.has(key)) return { kind: 'duplicate', envelope };
    this.inFlight.add(key);
    try {
      const result = await handler(envelope);
      this.remember(key);
      return { kind: 'processed', envelope, result };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private remember(key: string): void {
    this.done.add(key);
    // Sets iterate in insertion order: the first key is the oldest.
    if (this.done.size > this.capacity) this.done.delete(this.done.values().next().value!);
  }
}
