import type * as z from 'zod/mini';
import { ErrorEnvelope, OAuthError, SPEC_SOURCE } from './common';
import {
  AppTokenRequest,
  GuestCount,
  GuestTokenRequest,
  GuestToken,
  ListPeopleQuery,
  Person,
  PersonList,
  RefreshTokenRequest,
  TokenResponse,
} from './identity';
import { JoseEncryptRequest, JoseEncryptResponse } from './instant-connect';
import {
  CreateMeetingRequest,
  DeleteMeetingQuery,
  EndMeetingRequest,
  GetMeetingQuery,
  JoinMeetingLinks,
  JoinMeetingRequest,
  ListMeetingsQuery,
  Meeting,
  MeetingList,
} from './meetings';
import {
  MeetingPreferences,
  PreferencesQuery,
  SchedulingOptions,
  Sites,
  UpdateSchedulingOptionsRequest,
} from './preferences';
import {
  CreateMembershipRequest,
  CreateRoomRequest,
  ListMembershipsQuery,
  ListRoomsQuery,
  Membership,
  MembershipList,
  Room,
  RoomList,
} from './spaces';
import {
  CreateWebhookRequest,
  ListWebhooksQuery,
  UpdateWebhookRequest,
  Webhook,
  WebhookList,
} from './webhooks';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One REST operation the project uses, as the spec declares it. The
 * simulator checks each answer against `responses` (or `errors` for a
 * 4xx/5xx); clients parse with the same schemas.
 */
export interface Endpoint {
  /** Stable name, e.g. `meetings.list`. */
  name: string;
  method: HttpMethod;
  /** Path under the service's base, `{name}` for parameters: `/meetings/{meetingId}`. */
  path: string;
  /** `rest`: `https://webexapis.com/v1`; `instantConnect`: the Instant Connect broker. */
  base: 'rest' | 'instantConnect';
  /** Where the shape is written: a spec file, or the guide it comes from. */
  source: string;
  query?: z.core.$ZodType;
  body?: z.core.$ZodType;
  /** Each success status and its body (`null`: no body, e.g. 204 or a redirect). */
  responses: Readonly<Record<number, z.core.$ZodType | null>>;
  /** The body of a 4xx/5xx; {@link ErrorEnvelope} unless stated. */
  errors?: z.core.$ZodType;
}

const { meetings: MEETINGS, messaging: MESSAGING, admin: ADMIN } = SPEC_SOURCE.files;
const OAUTH_GUIDE = 'the OAuth integrations guide (WEBEX-REFERENCE §3; in no spec file)';

const rest = (
  name: string,
  method: HttpMethod,
  path: string,
  source: string,
  responses: Endpoint['responses'],
  extra: Partial<Pick<Endpoint, 'query' | 'body' | 'errors'>> = {},
): Endpoint => ({ name, method, path, base: 'rest', source, responses, ...extra });

/** Every REST operation the project calls and the simulator serves. */
export const ENDPOINTS: readonly Endpoint[] = [
  rest(
    'oauth.refresh',
    'POST',
    '/access_token',
    OAUTH_GUIDE,
    { 200: TokenResponse },
    {
      body: RefreshTokenRequest,
      errors: OAuthError,
    },
  ),
  rest(
    'applications.token',
    'POST',
    '/applications/{applicationId}/token',
    ADMIN,
    { 200: TokenResponse },
    { body: AppTokenRequest },
  ),
  rest('people.me', 'GET', '/people/me', MESSAGING, { 200: Person }),
  rest('people.list', 'GET', '/people', MESSAGING, { 200: PersonList }, { query: ListPeopleQuery }),
  rest('people.get', 'GET', '/people/{personId}', MESSAGING, { 200: Person }),
  rest(
    'guests.token',
    'POST',
    '/guests/token',
    ADMIN,
    { 200: GuestToken },
    { body: GuestTokenRequest },
  ),
  rest('guests.count', 'GET', '/guests/count', ADMIN, { 200: GuestCount }),
  rest(
    'meetings.create',
    'POST',
    '/meetings',
    MEETINGS,
    { 200: Meeting },
    { body: CreateMeetingRequest },
  ),
  rest(
    'meetings.list',
    'GET',
    '/meetings',
    MEETINGS,
    { 200: MeetingList },
    { query: ListMeetingsQuery },
  ),
  rest(
    'meetings.get',
    'GET',
    '/meetings/{meetingId}',
    MEETINGS,
    { 200: Meeting },
    { query: GetMeetingQuery },
  ),
  rest(
    'meetings.delete',
    'DELETE',
    '/meetings/{meetingId}',
    MEETINGS,
    { 204: null },
    { query: DeleteMeetingQuery },
  ),
  rest(
    'meetings.end',
    'POST',
    '/meetings/{meetingId}/end',
    MEETINGS,
    { 204: null },
    { body: EndMeetingRequest },
  ),
  rest(
    'meetings.join',
    'POST',
    '/meetings/join',
    MEETINGS,
    // 302 with `joinDirectly` omitted or true: in the description, not in the responses.
    { 200: JoinMeetingLinks, 302: null },
    { body: JoinMeetingRequest },
  ),
  rest(
    'meetingPreferences.get',
    'GET',
    '/meetingPreferences',
    MEETINGS,
    { 200: MeetingPreferences },
    { query: PreferencesQuery },
  ),
  rest(
    'meetingPreferences.schedulingOptions.get',
    'GET',
    '/meetingPreferences/schedulingOptions',
    MEETINGS,
    { 200: SchedulingOptions },
    { query: PreferencesQuery },
  ),
  rest(
    'meetingPreferences.schedulingOptions.update',
    'PUT',
    '/meetingPreferences/schedulingOptions',
    MEETINGS,
    { 200: SchedulingOptions },
    { query: PreferencesQuery, body: UpdateSchedulingOptionsRequest },
  ),
  rest(
    'meetingPreferences.sites',
    'GET',
    '/meetingPreferences/sites',
    MEETINGS,
    { 200: Sites },
    { query: PreferencesQuery },
  ),
  rest('rooms.create', 'POST', '/rooms', MESSAGING, { 200: Room }, { body: CreateRoomRequest }),
  rest('rooms.list', 'GET', '/rooms', MESSAGING, { 200: RoomList }, { query: ListRoomsQuery }),
  rest('rooms.get', 'GET', '/rooms/{roomId}', MESSAGING, { 200: Room }),
  rest('rooms.delete', 'DELETE', '/rooms/{roomId}', MESSAGING, { 204: null }),
  rest(
    'memberships.create',
    'POST',
    '/memberships',
    MESSAGING,
    { 200: Membership },
    { body: CreateMembershipRequest },
  ),
  rest(
    'memberships.list',
    'GET',
    '/memberships',
    MESSAGING,
    { 200: MembershipList },
    { query: ListMembershipsQuery },
  ),
  rest(
    'webhooks.create',
    'POST',
    '/webhooks',
    MESSAGING,
    { 200: Webhook },
    { body: CreateWebhookRequest },
  ),
  rest(
    'webhooks.list',
    'GET',
    '/webhooks',
    MESSAGING,
    { 200: WebhookList },
    { query: ListWebhooksQuery },
  ),
  rest('webhooks.get', 'GET', '/webhooks/{webhookId}', MESSAGING, { 200: Webhook }),
  rest(
    'webhooks.update',
    'PUT',
    '/webhooks/{webhookId}',
    MESSAGING,
    { 200: Webhook },
    { body: UpdateWebhookRequest },
  ),
  rest('webhooks.delete', 'DELETE', '/webhooks/{webhookId}', MESSAGING, { 204: null }),
  {
    name: 'instantConnect.joseencrypt',
    method: 'POST',
    path: '/api/v2/joseencrypt',
    base: 'instantConnect',
    source: 'the Instant Connect guide (WEBEX-REFERENCE §3; in no spec file)',
    body: JoseEncryptRequest,
    responses: { 200: JoseEncryptResponse },
  },
];

interface Compiled {
  endpoint: Endpoint;
  segments: string[];
  literals: number;
}

const compiled: Compiled[] = ENDPOINTS.map((endpoint) => {
  const segments = endpoint.path.split('/').filter(Boolean);
  return { endpoint, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
})
  // Literal segments win: `/people/me` before `/people/{personId}`.
  .sort((a, b) => b.literals - a.literals);

/**
 * The endpoint a request is for. `path` is relative to the service's base
 * (`/meetings/abc`, not `/v1/meetings/abc`) and carries no query string.
 */
export function findEndpoint(
  method: string,
  path: string,
  base: Endpoint['base'] = 'rest',
): Endpoint | undefined {
  const parts = path.split('/').filter(Boolean);
  const upper = method.toUpperCase();
  return compiled.find(
    ({ endpoint, segments }) =>
      endpoint.base === base &&
      endpoint.method === upper &&
      segments.length === parts.length &&
      segments.every((s, i) => s.startsWith('{') || s === parts[i]),
  )?.endpoint;
}

/** The schema a response of `endpoint` with `status` must match (`null`: no body). */
export function responseSchema(
  endpoint: Endpoint,
  status: number,
): z.core.$ZodType | null | undefined {
  if (status >= 400) return endpoint.errors ?? ErrorEnvelope;
  return endpoint.responses[status];
}
