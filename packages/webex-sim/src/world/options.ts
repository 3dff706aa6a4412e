/**
 * Behaviour switches for the simulated cloud. Several are marked [inferred]
 * in WEBEX-REFERENCE.md (undocumented by Webex), so they are settings here.
 */
export interface SimOptions {
  /** Wrong passwords (per client and meeting) before meetingInfo demands a captcha. */
  captchaAfterFailures: number;
  /** Default concurrent in-progress meetings per Service App (the sandbox figure). */
  licenceLimit: number;
  /** Participants allowed in one meeting. */
  maxParticipants: number;
  /** Service App and user access token lifetime (Webex docs example: 14 days). */
  accessTokenTtlSec: number;
  /** Refresh token lifetime (docs example: 90 days). */
  refreshTokenTtlSec: number;
  /** Guest access token lifetime. */
  guestTokenTtlSec: number;
  /** How long ended meetings and expired tokens stay before pruning. */
  retentionMs: number;
  /**
   * `GET /guests/count` answers a bare number as `text/plain` (`'number'`, the
   * spec's content type) or JSON `{count}` (`'object'`). [inferred]: the
   * spec's schema for it is garbled.
   */
  guestCountShape: 'number' | 'object';
  /** Webhook delivery: attempts per event and the first retry delay (doubles each time). */
  webhookAttempts: number;
  webhookRetryDelayMs: number;
  /** Path prefix of the Instant Connect (mtg-broker) surface. */
  instantConnectBase: string;
  /**
   * How long a participant's device may have no Mercury socket (a closed
   * tab, a dead network) before Locus drops it from the meeting. [inferred]
   */
  presenceGraceMs: number;
  /**
   * Answer webex@3's multistream offers (`join({enableMultistream: true})`)
   * as Webex's multistream media servers (Homer) do: a pane per participant,
   * chosen over JMP on the data channel. `false`: every offer gets today's
   * transcoded answer, and webex@3 falls back to transcoded by itself.
   * Off by default: the relay now forwards media to multistream panes, but
   * the demo and the widget still render webex@3's transcoded remote stream
   * (demo e2e 4b, the widget's host video), which multistream never fills.
   * On, transcoded participants beside multistream ones are answered H264
   * where they offer it and get relay-chosen CSIs, so media crosses between
   * the modes (README "Multistream", mixed meetings).
   */
  multistream: boolean;
}

export const DEFAULT_OPTIONS: SimOptions = {
  captchaAfterFailures: 3,
  licenceLimit: 10,
  maxParticipants: 400,
  accessTokenTtlSec: 14 * 24 * 3600,
  refreshTokenTtlSec: 90 * 24 * 3600,
  guestTokenTtlSec: 24 * 3600,
  retentionMs: 10 * 60 * 1000,
  guestCountShape: 'number',
  webhookAttempts: 5,
  webhookRetryDelayMs: 200,
  instantConnectBase: '/mtg-broker',
  presenceGraceMs: 30_000,
  multistream: false,
};
