/**
 * `@g2g/service-app`: server-side Webex Service App orchestration for
 * guest-to-guest meetings — tokens, webhooks, guests, meetings, join links,
 * spaces, Instant Connect and the licence meter. Node ≥ 20, `fetch`, no HTTP
 * framework.
 *
 * @packageDocumentation
 */
export { createServiceApp, type ServiceApp, type ServiceAppOptions } from './service-app';
export {
  WebexHttpClient,
  DEFAULT_BASE_URL,
  parseRetryAfter,
  type AccessTokenProvider,
  type CallRecord,
  type HttpClientOptions,
  type HttpMethod,
  type RequestAuth,
  type WebexRequest,
  type WebexResponse,
} from './http-client';
export {
  TokenManager,
  type OrgTokenStatus,
  type RefreshLock,
  type TokenManagerOptions,
  type TokenResponse,
} from './token-manager';
export { MemoryTokenStore, type StoredTokens, type TokenStore } from './token-store';
export {
  WebhookReceiver,
  MemoryDeliveryLog,
  deliveryId,
  deliveryTime,
  parseWebhookEnvelope,
  verifyWebhookSignature,
  type DeliveryLog,
  type WebhookEnvelope,
  type WebhookOutcome,
  type WebhookReceiverOptions,
} from './webhooks';
export {
  AuthorizationHandler,
  type AcceptOrg,
  type AuthorizationEvent,
  type AuthorizationOutcome,
} from './authorization';
export { GuestsApi, cleanDisplayName, guestSubject, type GuestToken } from './guests';
export {
  MeetingsApi,
  MAX_TITLE,
  NO_HOST_JOIN_BEFORE_MINUTES,
  cleanTitle,
  type MeetingMode,
  type ScheduleInput,
  type SchedulingOptions,
  type WebexMeeting,
  type WebexMeetingListItem,
  type WebexMeetingSeries,
} from './meetings';
export { JoinLinksApi, type JoinLinkInput, type JoinLinks } from './join-links';
export { SpacesApi, type SpaceMeeting } from './spaces';
export {
  InstantConnectApi,
  INSTANT_CONNECT_AUD,
  DEFAULT_INSTANT_CONNECT_URL,
  DEFAULT_INSTANT_CONNECT_LINK_BASE,
  type InstantConnectInput,
  type InstantConnectLinks,
} from './instant-connect';
export {
  LicenceMeter,
  LIST_LAG_MS,
  MemoryMeterStore,
  meetingOf,
  type LicenceUsage,
  type MeterStore,
  type RunningMeeting,
} from './licence-meter';
export { applicationIdFor, canonicalOrgId, decodeHydraId } from './ids';
export { silentLogger, type Logger } from './logger';
export {
  ServiceAppError,
  WebexApiError,
  WebexResponseError,
  WebexTimeoutError,
  WebexNetworkError,
  NotAuthorizedError,
  ReauthorizationRequiredError,
  WebhookSignatureError,
  WebhookPayloadError,
  WebhookStaleError,
  TokenUnavailableError,
  MeetingPreferencesError,
  LicenceLimitError,
  InvalidInputError,
  isServiceAppError,
  type ServiceAppErrorCode,
  type WebexErrorDetails,
} from './errors';
