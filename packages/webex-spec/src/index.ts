/*
 * @g2g/webex-spec: what Webex is, written once and browser-safe. The
 * simulator, the hooks, the widget wrapper, service-app, the backend and the
 * scripted fake all import their Webex facts from here, so a rule changed
 * here changes everywhere. REST shapes live in `@g2g/webex-spec/rest`.
 */
export {
  CAPTCHA_WITH_PASSWORD_CODES,
  LOCUS_CODES,
  LOCUS_INTENT_TO_JOIN_CODES,
  MEETING_INFO_CODES,
  MEETING_INFO_POLICY_CODES,
  MEETING_INFO_WEBINAR_CODES,
  SDK_ERROR_CODES,
  meetingInfoOutcome,
} from './codes';
export type { MeetingInfoOutcome } from './codes';
export { DISPLAY_NAME_MAX, cleanDisplayName, displayNameLength } from './display-name';
export type { DisplayNameProblem, DisplayNameResult } from './display-name';
export { isWebexTokenFormat, jwtClaims, tokenExpiresAt } from './token';
export {
  DISCOVERY_ENV,
  DISCOVERY_PATHS,
  WEBEX_DISCOVERY,
  discoveryEnv,
  discoveryFor,
} from './discovery';
export type { ServiceDiscovery } from './discovery';
export { WEBEX_DOMAINS, isHostInDomain, isWebexHost, sdkDirectMeetingInfoHost } from './domains';
