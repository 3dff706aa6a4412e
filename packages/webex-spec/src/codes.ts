/*
 * Webex's numeric error codes, once, with what each means and where the fact
 * comes from (tagged [sdk], [doc] or [inferred]). The simulator answers with them, the scripted fake throws them,
 * and @g2g/meeting-hooks maps them to its stable `JoinError` codes, so a code
 * that changes meaning changes here and everywhere at once.
 *
 * Tags: [sdk] = read in the shipped @webex/plugin-meetings 3.12.0 / 2.60.4
 * (`src/constants.ts`, `src/meeting-info/meeting-info-v2.ts`,
 * `src/meeting/index.ts` and their unit tests); [doc] = Webex's developer
 * documentation; [inferred] = not published, chosen by this project and
 * answered by the simulator (clients must stay tolerant of the real value).
 */

/**
 * Codes of `POST {webex-appapi-service}/meetingInfo` (body `{code, message}`),
 * the lookup behind `webex.meetings.create()` and `meeting.verifyPassword()`.
 * [doc] unless tagged otherwise. Both SDK versions read any other 403 as
 * "password required" and any 423 as "captcha required".
 */
export const MEETING_INFO_CODES = {
  /** 403: not yet the join-before-host time (v3: `NOT_REACH_JBH`, `JoinForbiddenError`). [sdk] */
  JOIN_BEFORE_HOST_NOT_YET: 403003,
  /** 403: the password was empty. */
  EMPTY_PASSWORD: 403004,
  /** 403: wrong password. */
  WRONG_PASSWORD: 403028,
  /** 403: a password or host key is required (partial meeting info in `data.meetingInfo`). */
  PASSWORD_OR_HOST_KEY_REQUIRED: 403036,
  /** 403: wrong password or host key. */
  WRONG_PASSWORD_OR_HOST_KEY: 403038,
  /** 403: a PIN is required. */
  PIN_REQUIRED: 403041,
  /** 404: no such meeting, or it has ended. */
  MEETING_NOT_FOUND: 404006,
  /** 423: too many requests, a captcha is required. */
  CAPTCHA_REQUIRED_TOO_MANY_REQUESTS: 423001,
  /** 423: wrong password too many times, a captcha (with the password) is required. */
  CAPTCHA_REQUIRED_WRONG_PASSWORD: 423005,
  /**
   * 423: a captcha (with the password) is required again. The SDK treats it
   * as 423005; the simulator sends it after a wrong captcha code. [doc, sdk]
   */
  CAPTCHA_REQUIRED_AGAIN: 423006,
  /** 423: webinar registration id entered too often, a captcha is required. */
  CAPTCHA_REQUIRED_REGISTRATION_ID: 423007,
  /** 423: wrong password, sent with a right captcha: a new captcha comes with it. */
  WRONG_PASSWORD_WITH_CAPTCHA: 423010,
  /** 423: password error with a forced captcha. */
  PASSWORD_ERROR_FORCED_CAPTCHA: 423012,
  /** 423: password error with a forced captcha (variant). */
  PASSWORD_ERROR_FORCED_CAPTCHA_2: 423013,
  /** 404: the captcha to refresh is unknown or expired. [inferred] */
  CAPTCHA_NOT_FOUND: 404021,
} as const;

/** Policy codes v3 turns into `MEETING_INFO_FAILURE_REASON.POLICY` (`PermissionError`). [sdk] */
export const MEETING_INFO_POLICY_CODES: readonly number[] = [
  403049, 403104, 403103, 403048, 403102, 403101,
];

/** Webinar codes v3 turns into `JoinWebinarError` (registration, webcast-only). [sdk] */
export const MEETING_INFO_WEBINAR_CODES: readonly number[] = [
  403021, 403022, 403024, 403026, 403037, 403137, 423007,
];

/** 423 codes after which the SDK also asks for the password (`isPasswordRequired`). [sdk] */
export const CAPTCHA_WITH_PASSWORD_CODES: readonly number[] = [
  MEETING_INFO_CODES.CAPTCHA_REQUIRED_WRONG_PASSWORD,
  MEETING_INFO_CODES.CAPTCHA_REQUIRED_AGAIN,
];

/** Locus codes (body `{errorCode, message}`) of join, controls and end. */
export const LOCUS_CODES = {
  /** 400: the join named no registered device. [inferred] */
  DEVICE_REQUIRED: 2400001,
  /** 403: the meeting password was never verified (no valid `permissionToken`). [inferred] */
  PERMISSION_REQUIRED: 2403001,
  /**
   * 403: guests may not join (`unlockedMeetingJoinSecurity: blockFromJoin`). [inferred]
   * Note: plugin-meetings 3.12 reads a 409 with this code, from its hash-tree
   * sync, as "the meeting has ended".
   */
  GUESTS_BLOCKED: 2403004,
  /** 403: only a host may do that (admit, lock, end). [inferred] */
  HOST_ONLY: 2403010,
  /** 403: the sponsoring licence has no free concurrent-meeting slot. [inferred] */
  LICENCE_EXCEEDED: 2403050,
  /** 403: the meeting is full. [inferred] */
  MEETING_FULL: 2403051,
  /** 404: no meeting for that address. [inferred] */
  NO_MEETING_FOR_ADDRESS: 2404001,
  /** 404: the meeting has ended. [inferred] */
  MEETING_ENDED: 2404004,
} as const;

/** Locus codes the SDK turns into `IntentToJoinError`. [sdk: `INTENT_TO_JOIN`] */
export const LOCUS_INTENT_TO_JOIN_CODES: readonly number[] = [
  2423005, 2423006, 2423016, 2423017, 2423018,
];

/**
 * The SDK's own error codes (`err.code` of its named errors, from
 * plugin-meetings' `ERROR_DICTIONARY`, the same in 2.60.4 and 3.12). [sdk]
 */
export const SDK_ERROR_CODES = {
  /** `IntentToJoinError`. */
  INTENT_TO_JOIN: 1,
  /** `JoinMeetingError`: Locus refused the join; the server's error is in `.error`. */
  JOIN_MEETING: 2,
  /** `PermissionError`: a meetingInfo policy code (v3). */
  PERMISSION: 5,
  /** `PasswordError`: join() while a password is pending. */
  PASSWORD: 7,
  /** `CaptchaError`: join() while a captcha is pending. */
  CAPTCHA: 8,
  /** `NoMeetingInfoError` (v3, with `failOnMissingMeetingInfo`). */
  NO_MEETING_INFO: 10,
  /** `JoinWebinarError` (v3). */
  JOIN_WEBINAR: 16,
  /** `JoinForbiddenError` (v3, e.g. 403003). */
  JOIN_FORBIDDEN: 18,
  /**
   * `SpaceIDDeprecatedError`: a space (room) id given as a destination; v3
   * only (2.60.4 silently turns it into a conversation).
   */
  SPACE_ID_DEPRECATED: 30105,
} as const;

/** What a meetingInfo answer asks of the guest, as both SDK versions act on it. */
export type MeetingInfoOutcome =
  | 'password-required'
  | 'wrong-password'
  | 'captcha-required'
  | 'join-before-host-not-yet'
  | 'not-found'
  | 'policy'
  | 'webinar'
  | 'unknown';

/** Reads a meetingInfo error code the way plugin-meetings does (v3's `fetchMeetingInfo`). */
export function meetingInfoOutcome(code: number | undefined): MeetingInfoOutcome {
  const c = MEETING_INFO_CODES;
  if (code === undefined) return 'unknown';
  if (code === c.MEETING_NOT_FOUND) return 'not-found';
  if (code === c.JOIN_BEFORE_HOST_NOT_YET) return 'join-before-host-not-yet';
  if (MEETING_INFO_POLICY_CODES.includes(code)) return 'policy';
  if (MEETING_INFO_WEBINAR_CODES.includes(code)) return 'webinar';
  if (Math.floor(code / 1000) === 423) return 'captcha-required';
  if (
    code === c.WRONG_PASSWORD ||
    code === c.WRONG_PASSWORD_OR_HOST_KEY ||
    code === c.EMPTY_PASSWORD
  )
    return 'wrong-password';
  if (Math.floor(code / 1000) === 403) return 'password-required';
  return 'unknown';
}
