import {
  LOCUS_CODES,
  MEETING_INFO_CODES,
  MEETING_INFO_POLICY_CODES,
  SDK_ERROR_CODES,
} from '@g2g/webex-spec';
import { JoinError, MediaError, isJoinError, type JoinErrorCode } from './errors';

const SPACE_ID = SDK_ERROR_CODES.SPACE_ID_DEPRECATED;
const NOT_FOUND = MEETING_INFO_CODES.MEETING_NOT_FOUND;
const JBH_NOT_YET = MEETING_INFO_CODES.JOIN_BEFORE_HOST_NOT_YET;
// Real Webex does not document its licence code, so any licence wording counts as well.
const LICENCE = LOCUS_CODES.LICENCE_EXCEEDED;

interface Details {
  name: string;
  text: string;
  status?: number;
  codes: number[];
}

/** Flattens an SDK error and what it wraps (`JoinMeetingError.error`, `cause`) into what the mapping reads. */
function details(error: unknown): Details {
  const d: Details = { name: '', text: '', codes: [] };
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const o = e as Record<string, unknown>;
    const body = (o.body && typeof o.body === 'object' ? o.body : {}) as Record<string, unknown>;
    if (!d.name && typeof o.name === 'string') d.name = o.name;
    if (typeof o.statusCode === 'number' && d.status === undefined) d.status = o.statusCode;
    for (const c of [o.wbxAppApiCode, body.code, body.errorCode, o.code]) {
      if (typeof c === 'number') d.codes.push(c);
    }
    d.text += ` ${String(o.message ?? '')} ${String(body.message ?? '')} ${String(o.sdkMessage ?? '')} ${String(o.name ?? '')}`;
    e = o.error ?? o.cause;
  }
  if (typeof error === 'string') d.text = error;
  return d;
}

const make = (
  code: JoinErrorCode,
  message: string,
  cause: unknown,
  retryable = false,
  webexCode?: number,
) => new JoinError(code, message, { cause, retryable, webexCode });

/** Context the mapping cannot read from the error itself. */
export interface ErrorContext {
  /** Whether the access token in use is known to have expired: turns a 401 into `token-expired`. */
  tokenExpired?: boolean;
}

/**
 * Maps anything the SDK throws (or a meetingInfo code) to a {@link JoinError}
 * with a stable code. Tolerant by design: the SDK wraps server errors
 * (`JoinMeetingError.error`), and licence and Locus codes are undocumented.
 */
export function toJoinError(error: unknown, context: ErrorContext = {}): JoinError {
  if (isJoinError(error)) return error;
  const { name, text, status, codes } = details(error);
  const has = (code: number) => codes.includes(code);

  if (has(SPACE_ID) || name === 'SpaceIDDeprecatedError') {
    return make(
      'space-id-not-supported',
      'Webex no longer starts meetings from a space id: use the meeting number, SIP address or link.',
      error,
      false,
      SPACE_ID,
    );
  }
  if (has(LICENCE) || /licen[cs]e/i.test(text)) {
    return make(
      'license-exceeded',
      'The meeting cannot start: all licensed meetings are in use. Try again when one has ended.',
      error,
      true,
      LICENCE,
    );
  }
  if (has(NOT_FOUND) || status === 404 || name === 'NoMeetingInfo') {
    return make(
      'not-found',
      'No meeting has this number or address. Check the invitation.',
      error,
      false,
      has(NOT_FOUND) ? NOT_FOUND : undefined,
    );
  }
  if (has(JBH_NOT_YET) || /NOT_REACH_JBH/.test(text)) {
    return make(
      'join-before-host-not-allowed',
      'This meeting does not open to guests yet: try again closer to its start time.',
      error,
      true,
      JBH_NOT_YET,
    );
  }
  if (status === 401 || /not a valid format|access token/i.test(text)) {
    return context.tokenExpired
      ? make('token-expired', 'Your access has expired. Reload to get a new one.', error, true)
      : make('token-invalid', 'Your access token was refused.', error);
  }
  if (
    status === 0 ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    /NetworkOrCORS|Failed to fetch|ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|network/i.test(text)
  ) {
    return make(
      'network',
      'Webex could not be reached. Check the connection and try again.',
      error,
      true,
    );
  }
  if (
    status === 403 ||
    MEETING_INFO_POLICY_CODES.some(has) ||
    /JoinForbidden|PermissionError|WEBINAR|JoinWebinar|JOIN_FORBIDDEN|POLICY/.test(text)
  ) {
    return make('forbidden', 'You are not allowed to join this meeting.', error);
  }
  return make('unknown', 'Something went wrong while joining. Try again.', error, true);
}

/**
 * Maps a microphone or camera failure (a `DOMException` from getUserMedia,
 * or v3's `WebrtcCoreError`, which keeps the DOM name only in its message).
 */
export function toMediaError(error: unknown): MediaError {
  if (error instanceof MediaError) return error;
  const { name, text } = details(error);
  const all = `${name} ${text}`;
  if (/NotAllowed|Permission|Security|DEVICE_PERMISSION_DENIED/i.test(all)) {
    return new MediaError(
      'permission-denied',
      'Allow this site to use your microphone and camera.',
      error,
    );
  }
  if (/NotReadable|TrackStart|in use|Could not start|AbortError/i.test(all)) {
    return new MediaError('device-in-use', 'The device is in use by another application.', error);
  }
  if (/NotSupported|getUserMedia/i.test(all)) {
    return new MediaError(
      'not-supported',
      'This browser cannot use a microphone or camera here.',
      error,
    );
  }
  if (/NotFound|Overconstrained|DevicesNotFound/i.test(all)) {
    return new MediaError('device-not-found', 'No such microphone or camera was found.', error);
  }
  return new MediaError('unknown', 'The microphone or camera could not be started.', error);
}
