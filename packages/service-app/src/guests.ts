import { cleanDisplayName as cleanSpecName } from '@g2g/webex-spec';
import { GuestCount, GuestToken as GuestTokenBody, guestCountOf } from '@g2g/webex-spec/rest';
import { InvalidInputError } from './errors';
import type { WebexHttpClient } from './http-client';

/**
 * The one cleaning of a guest's display name (`cleanDisplayName` of
 * `@g2g/webex-spec`: NFC, no control, bidi-override or zero-width
 * characters, whitespace collapsed, 1–128 code points), done here, at token
 * mint, so the name has one owner. Throws {@link InvalidInputError} with the
 * rule's own message when it refuses the name.
 */
export function cleanDisplayName(raw: unknown): string {
  const result = cleanSpecName(raw);
  if (!result.ok) throw new InvalidInputError('displayName', result.message);
  return result.name;
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
    const res = await this.http.request({
      method: 'POST',
      path: '/guests/token',
      json: { subject: input.subject, displayName },
      auth: { kind: 'org', orgId },
      // Same subject again only re-issues a token for the same guest: safe to repeat.
      idempotent: true,
      schema: GuestTokenBody,
    });
    return {
      guestId: res.body.id,
      subject: res.body.subject,
      displayName: res.body.displayName,
      accessToken: res.body.accessToken,
      expiresAt: this.now() + res.body.expiresIn * 1000,
    };
  }

  /** Guests created so far. The spec's shape for it is garbled: a bare number and `{count}` are both read. */
  async count(orgId: string): Promise<number> {
    const res = await this.http.request({
      method: 'GET',
      path: '/guests/count',
      auth: { kind: 'org', orgId },
      schema: GuestCount,
    });
    return guestCountOf(res.body);
  }
}
