import { SDK_ERROR_CODES, isWebexHost } from '@g2g/webex-spec';
import { JoinError } from './errors';

/**
 * What `webex.meetings.create(value, type)` needs. Only the three types a
 * guest can sensibly join are produced; the SDK's other types (conversation
 * URLs, locus ids, person ids) need a licensed caller or are internal.
 * @public
 */
export type DestinationType = 'MEETING_ID' | 'SIP_URI' | 'MEETING_LINK';

/**
 * A validated, normalised destination, safe to hand to the SDK.
 * @public
 */
export interface Destination {
  type: DestinationType;
  value: string;
}

/**
 * The outcome of {@link parseDestination}: a destination, or a {@link JoinError} saying why not.
 * @public
 */
export type ParseDestinationResult =
  { ok: true; destination: Destination } | { ok: false; error: JoinError };

/**
 * Options for {@link parseDestination}.
 * @public
 */
export interface ParseDestinationOptions {
  /**
   * Extra domains (each with its subdomains) accepted as Webex in meeting
   * links and SIP addresses, on top of `webex.com` and the other domains the
   * SDK itself treats as Webex (`WEBEX_DOMAINS` of `@g2g/webex-spec`). The
   * guest's access token is sent to these hosts: add only domains that are
   * Webex's, such as a partner or test domain.
   */
  webexDomains?: readonly string[];
}

/**
 * Longest input we look at; anything longer is not something a person pasted on purpose.
 * @public
 */
export const MAX_DESTINATION_LENGTH = 1000;

/**
 * Webex meeting numbers (access codes) have 9 to 11 digits; the parser
 * accepts exactly that range and its message says so.
 * @public
 */
export const MEETING_NUMBER_DIGITS = { min: 9, max: 11 } as const;

/**
 * Webex's own code for the space-id error (`SpaceIDDeprecatedError`).
 * @public
 */
export const SPACE_ID_NOT_SUPPORTED_CODE = SDK_ERROR_CODES.SPACE_ID_DEPRECATED;

const MIGRATION_GUIDE =
  'https://github.com/webex/webex-js-sdk/wiki/Migration-to-Unified-Space-Meetings';

// Path segments the SDK treats as meeting links. The SDK itself matches
// `pathname.includes('/m')`, which also accepts `/meetings` or `/marketing`;
// we require a whole segment instead.
const LINK_SEGMENTS = new Set(['meet', 'm', 'join', 'cisco', 'co']);

// RFC 4122 UUID, as the SDK checks the last part of a Hydra id.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// A host name: dot-separated labels of letters, digits and inner hyphens.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
// The user part of a SIP URI: unreserved characters and the escapes RFC 3261 allows.
const SIP_USER = /^[a-z0-9\-_.!~*'()&=+$,;?/%]+$/i;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/;

function fail(reason: string, message: string): ParseDestinationResult {
  return { ok: false, error: new JoinError('invalid-destination', message, { reason }) };
}

function spaceIdError(): ParseDestinationResult {
  return {
    ok: false,
    error: new JoinError(
      'space-id-not-supported',
      'This looks like a Webex space (room) id. Webex no longer starts meetings from a space id: ' +
        `use the meeting number, SIP address or meeting link instead. See ${MIGRATION_GUIDE}`,
      { webexCode: SPACE_ID_NOT_SUPPORTED_CODE, reason: 'room-id' },
    ),
  };
}

function ok(type: DestinationType, value: string): ParseDestinationResult {
  return { ok: true, destination: { type, value } };
}

/** Decodes base64 or base64url without Node's Buffer, so it runs in any runtime. */
function decodeBase64(input: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(input) || input.length < 16) return undefined;
  const standard = input.replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
  try {
    return atob(padded);
  } catch {
    return undefined;
  }
}

type HydraKind = { kind: 'room' } | { kind: 'people' } | { kind: 'other'; type: string };

/** Recognises Hydra ids, raw (`ciscospark://us/ROOM/<uuid>`) or base64-encoded. */
function hydraKind(input: string): HydraKind | undefined {
  const raw = /^ciscospark:\/\//i.test(input) ? input : decodeBase64(input);
  if (!raw) return undefined;
  const match = /^ciscospark:\/\/[^/]+\/([A-Z_]+)\/([^/]+)$/i.exec(raw);
  if (!match || !UUID.test(match[2] ?? '')) return undefined;
  const type = (match[1] ?? '').toUpperCase();
  if (type === 'ROOM') return { kind: 'room' };
  if (type === 'PEOPLE') return { kind: 'people' };
  return { kind: 'other', type };
}

/** How an error names the domains it accepts: Webex's own, then the integrator's. */
const domainList = (extra: readonly string[]) => ['webex.com', ...extra].join(' or ');

function parseUrl(input: string, extra: readonly string[]): ParseDestinationResult {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail(
      'malformed-url',
      'That link could not be read. Copy the whole meeting link and paste it again.',
    );
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'webexteams' || (scheme === 'webex' && /space|room/i.test(url.href))) {
    return spaceIdError();
  }
  if (scheme !== 'https' && scheme !== 'http') {
    return fail(
      'unsafe-scheme',
      `Links starting with "${scheme}:" are not meeting links. Paste a https:// Webex meeting link, a meeting number or a SIP address.`,
    );
  }
  if (url.username || url.password) {
    return fail(
      'not-webex-url',
      'Meeting links never contain a user name or password before the host. Check the link.',
    );
  }
  if (!isWebexHost(url.hostname, extra)) {
    return fail(
      'not-webex-url',
      `${url.hostname} is not a Webex address. Paste the link from the meeting invitation (it ends in ${domainList(extra)}).`,
    );
  }
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => s.toLowerCase());
  const isLink =
    segments.some((s) => LINK_SEGMENTS.has(s)) ||
    (segments.at(-1) === 'j.php' && url.searchParams.has('MTID')) ||
    url.searchParams.has('MTID');
  if (/(^|\/)(spaces?|rooms?)(\/|$)/i.test(url.pathname) && !isLink) return spaceIdError();
  if (!isLink) {
    return fail(
      'not-meeting-link',
      'That Webex address is not a meeting link. Meeting links contain /meet/, /join/, /m/ or j.php?MTID=.',
    );
  }
  // Links are identifiers to Webex; always send the secure form, without fragments.
  url.protocol = 'https:';
  url.hash = '';
  return ok('MEETING_LINK', url.toString());
}

function parseSip(input: string, extra: readonly string[]): ParseDestinationResult {
  const withoutScheme = input.replace(/^sips?:/i, '');
  // URI parameters and headers (`;transport=tls`, `?subject=…`) mean nothing to
  // meeting info, and the SDK's own regex would keep them in the lookup key.
  const address = withoutScheme.split(/[;?]/, 1)[0] ?? '';
  const at = address.lastIndexOf('@');
  const user = address.slice(0, at);
  let host = address.slice(at + 1);
  const port = /:(\d{1,5})$/.exec(host);
  if (port) host = host.slice(0, -port[0].length);
  if (!user || !SIP_USER.test(user) || user.includes('@')) {
    return fail(
      'bad-sip-uri',
      'That SIP address has an invalid part before the "@". It should look like 123456789@example.webex.com.',
    );
  }
  if (!HOST_NAME.test(host)) {
    return fail(
      'bad-sip-uri',
      `"${host}" is not a valid domain. A SIP address looks like 123456789@example.webex.com.`,
    );
  }
  // The SDK sends meetingInfo, with the guest's token, straight to a
  // three-label SIP domain, and webex-core adds the token to any host that
  // merely contains "webex.com": only Webex's own domains may pass.
  if (!isWebexHost(host, extra)) {
    return fail(
      'not-webex-sip',
      `${host.toLowerCase()} is not a Webex address, and joining would send your access to it. Webex SIP addresses end in ${domainList(extra)}, like 123456789@example.webex.com.`,
    );
  }
  return ok('SIP_URI', `${user}@${host.toLowerCase()}`);
}

// Separators people type inside numbers: spaces, dots and the dash family.
const NUMBER_SEPARATORS = /[\s.\-\u2010-\u2015]+/;

/**
 * Whether digits are laid out like a North American phone number rather than
 * a meeting number: `408-555-1234`, `1-800-553-6387` (and, checked before
 * brackets are trimmed, `(408) 555-1234`).
 * Webex prints meeting numbers in groups of 4-3-4 (11 digits) or 3-3-3 (9),
 * never 3-3-4 or 1-3-3-4, so those groupings are read as the dial-in number
 * an invitation also carries. Ungrouped digits are always a meeting number.
 */
function looksLikePhoneNumber(input: string): boolean {
  const groups = input.split(NUMBER_SEPARATORS).map((g) => g.length);
  const shape = groups.join('-');
  return shape === '3-3-4' || (shape === '1-3-3-4' && input.trimStart().startsWith('1'));
}

function phoneNumber(): ParseDestinationResult {
  return fail(
    'phone-number',
    `That looks like a phone (dial-in) number. Guests join with the meeting number (${MEETING_NUMBER_DIGITS.min} to ${MEETING_NUMBER_DIGITS.max} digits, like 2516 666 1234), the SIP address or the meeting link. If it is the meeting number, type only its digits.`,
  );
}

function parseMeetingNumber(input: string): ParseDestinationResult {
  if (looksLikePhoneNumber(input)) return phoneNumber();
  const digits = input.replace(new RegExp(NUMBER_SEPARATORS.source, 'g'), '');
  if (!/^\d+$/.test(digits)) {
    return fail(
      'bad-meeting-number',
      'A meeting number contains only digits (spaces and dashes are fine).',
    );
  }
  if (digits.length < MEETING_NUMBER_DIGITS.min || digits.length > MEETING_NUMBER_DIGITS.max) {
    return fail(
      'bad-meeting-number',
      `A Webex meeting number has ${MEETING_NUMBER_DIGITS.min} to ${MEETING_NUMBER_DIGITS.max} digits; this one has ${digits.length}. Check the number in your invitation.`,
    );
  }
  return ok('MEETING_ID', digits);
}

/**
 * Turns whatever a person pastes (meeting number, SIP address or Webex meeting
 * link) into the `{type, value}` that `webex.meetings.create(value, type)`
 * needs, before any network call.
 *
 * Why not let the SDK detect it: the SDK never recognises a bare meeting
 * number, treats any 10-digit number as a phone number, accepts any host
 * that merely contains "webex.com" (and sends it the guest's token), and
 * silently "assumes 1:1" for anything it cannot place. This parser is strict
 * and says what is wrong instead: links and SIP addresses must be on a Webex
 * domain (see {@link ParseDestinationOptions.webexDomains}), numbers grouped
 * like a phone number are refused as phone numbers, and meeting numbers have
 * 9 to 11 digits.
 *
 * @example
 * const r = parseDestination('2516 666 1234');
 * if (r.ok) webex.meetings.create(r.destination.value, r.destination.type);
 * else console.log(r.error.code, r.error.message);
 * @public
 */
export function parseDestination(
  input: string,
  options: ParseDestinationOptions = {},
): ParseDestinationResult {
  if (typeof input !== 'string') {
    return fail('not-a-string', 'Enter a meeting number, SIP address or meeting link.');
  }
  if (input.length > MAX_DESTINATION_LENGTH) {
    return fail(
      'too-long',
      `That is ${input.length} characters long; a meeting destination is never more than ${MAX_DESTINATION_LENGTH}.`,
    );
  }
  // Invitations are often pasted with surrounding brackets, quotes or a full stop.
  const trimmed = input.replace(/^[\s<"'([]+|[\s>"')\].,;]+$/g, '');
  // …but "(408) 555-1234" and "1 (800) 553-6387" keep their area-code parentheses.
  if (/^\s*(\+?1[\s.-]*)?\(\s*\d{3}\s*\)[\d\s.\-\u2010-\u2015]+$/.test(input)) return phoneNumber();
  if (CONTROL_CHARS.test(trimmed)) {
    return fail(
      'control-characters',
      'That contains invisible or control characters. Type it again, or paste it as plain text.',
    );
  }
  if (!trimmed) {
    return fail('empty', 'Enter a meeting number, SIP address or meeting link.');
  }

  const extra = options.webexDomains ?? [];
  const hydra = hydraKind(trimmed);
  if (hydra?.kind === 'room') return spaceIdError();
  if (hydra?.kind === 'people') {
    return fail(
      'person-id',
      'This is a Webex person id. Calling a person needs a licensed Webex user, which guests are not. Ask for the meeting number or link instead.',
    );
  }
  if (hydra?.kind === 'other') {
    return fail(
      'unsupported-hydra-id',
      `This is a Webex ${hydra.type.toLowerCase()} id, not a meeting. Ask for the meeting number or link.`,
    );
  }

  // A scheme followed by "//" or a known dangerous scheme is a URL; "sip:" is not.
  if (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ||
    /^(javascript|data|vbscript|file|blob|about|mailto|tel):/i.test(trimmed)
  ) {
    if (/^(mailto|tel):/i.test(trimmed)) {
      return fail(
        'unsafe-scheme',
        'That is an e-mail or phone link, not a meeting. Paste the meeting number, SIP address or meeting link.',
      );
    }
    return parseUrl(trimmed, extra);
  }
  // People often paste links without the scheme: "site.webex.com/meet/jane".
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+\/\S*$/i.test(trimmed) && !trimmed.includes('@')) {
    return parseUrl(`https://${trimmed}`, extra);
  }
  if (trimmed.includes('@') || /^sips?:/i.test(trimmed)) {
    if (!trimmed.includes('@')) {
      return fail('bad-sip-uri', 'A SIP address needs an "@", like 123456789@example.webex.com.');
    }
    return parseSip(trimmed, extra);
  }
  if (/^\+/.test(trimmed)) return phoneNumber();
  if (/^[\d\s.\-\u2010-\u2015]+$/.test(trimmed)) return parseMeetingNumber(trimmed);
  if (UUID.test(trimmed)) {
    return fail(
      'bare-uuid',
      'That is an internal Webex id. Ask for the meeting number or the meeting link.',
    );
  }
  return fail(
    'unrecognised',
    'That is not a meeting number, SIP address or Webex meeting link. Check your invitation and try again.',
  );
}
