import { InvalidInputError } from './errors';
import type { WebexHttpClient } from './http-client';

/** Longest display name Webex accepts. */
export const MAX_DISPLAY_NAME = 128;

// Control characters, bidi overrides/isolates and zero-width characters: they
// let a name impersonate someone else or break the roster's layout.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A display name fit to show to others: Unicode-normalised, without control,
 * bidi-override or zero-width characters, whitespace collapsed, at most 128
 * characters. Throws {@link InvalidInputError} when nothing printable is left.
 */
export function cleanDisplayName(raw: unknown): string {
  if (typeof raw !== 'string') {
    throw new InvalidInputError('displayName', 'displayName must be a string.');
  }
  const cleaned = raw
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(UNSAFE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  const chars = Array.from(cleaned);
  const clipped = (chars.length > MAX_DISPLAY_NAME ? chars.slice(0, MAX_DISPLAY_NAME) : chars)
    .join('')
    .trim();
  if (!clipped) {
    throw new InvalidInputError('displayName', 'displayName must contain a visible character.');
  }
  return clipped;
}

/**
 * A guest subject derived from our own ids (never from user input), e.g.
 * `guestSubject('consultation', id, 'guest', '2')` → `g2g:consultation:<id>:guest:2`.
 * The same subject again yields another token for the same guest.
 */
export function guestSubject(...parts: string[]): string {
  if (parts.length === 0) throw new InvalidInputError('subject', 'A guest subject needs an id.');
  for (const p of parts) {
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(p)) {
      throw new InvalidInputError(
        'subject',
        'Guest subject parts must be 1–128 characters of A–Z, a–z, 0–9, ".", "_" or "-".',
      );
    }
  }
  return `g2g:${parts.join(':')}`;
}

/** A minted guest token. `expiresAt` is epoch ms. */
export interface GuestToken {
  /** The guest's person id (Hydra). */
  guestId: string;
  subject: string;
  displayName: string;
  accessToken: string;
  expiresAt: number;
}

/** Guest identities (`POST /guests/token`, `GET /guests/count`). */
export class GuestsApi {
  constructor(
    private readonly http: WebexHttpClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Mints a guest token; the display name is cleaned with {@link cleanDisplayName}. */
  async mint(orgId: string, input: { subject: string; displayName: string }): Promise<GuestToken> {
    const displayName = cleanDisplayName(input.displayName);
    if (!input.subject || input.subject.length > 1024) {
      throw new InvalidInputError('subject', 'subject must be 1–1024 characters.');
    }
    const res = await this.http.request<{
      id: string;
      subject: string;
      displayName: string;
      accessToken: string;
      expiresIn: number;
    }>({
      method: 'POST',
      path: '/guests/token',
      json: { subject: input.subject, displayName },
      auth: { kind: 'org', orgId },
      // Same subject again only re-issues a token for the same guest: safe to repeat.
      idempotent: true,
    });
    return {
      guestId: res.body.id,
      subject: res.body.subject,
      displayName: res.body.displayName,
      accessToken: res.body.accessToken,
      expiresAt: this.now() + res.body.expiresIn * 1000,
    };
  }

  /** Guests created so far. The body is undocumented: a bare number and `{count}` are both read. */
  async count(orgId: string): Promise<number> {
    const res = await this.http.request<unknown>({
      method: 'GET',
      path: '/guests/count',
      auth: { kind: 'org', orgId },
    });
    const b = res.body;
    if (typeof b === 'number') return b;
    if (
      typeof b === 'object' &&
      b !== null &&
      typeof (b as { count?: unknown }).count === 'number'
    ) {
      return (b as { count: number }).count;
    }
    return Number(b) || 0;
  }
}
