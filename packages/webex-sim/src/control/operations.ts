// The control API (`/_sim/*`), declared once. Each operation says how its
// call travels over HTTP (method, path, arguments in and out) and what it
// answers; `control.ts` implements each one against the world, and the three
// faces are derived from this table:
// - the HTTP routes (`routes.ts`): parse → implementation → answer;
// - the in-process control (`Sim.control`): the implementations, bound;
// - the browser client (`client.ts`): arguments → request → result.
// Browser-safe: no Node imports (the client bundles this file).
import { bool, int, str, strArray } from '../http/body';
import { badRequest } from '../http/errors';
import type { Fault, FaultSpec } from '../faults';
import type { ParticipantMedia } from '../media';
import type { LoggedRequest, RequestFilter } from '../requestLog';
import type { JoinLinkClaims } from '../rest/joinLinks';
import type { SimOptions } from '../world/options';
import type { ClientLogUpload } from '../world/types';

/** What the control API returns for a provisioned Service App. */
export interface ProvisionedApp {
  clientId: string;
  clientSecret: string;
  applicationId: string;
  name: string;
  orgId: string;
  orgName: string;
  /** The guest-to-guest site (`*.webex.com` host name) the app schedules on. */
  siteUrl: string;
  /** The app's machine account, used as `hostEmail` for join links. */
  machineAccountEmail: string;
  licenceLimit: number;
  tokens?: AppTokens;
}

/** A Service App's tokens in one org. */
export interface AppTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresIn: number;
}

export interface CreateServiceAppInput {
  name?: string;
  /** An existing org to authorize in; a new one is created when omitted. */
  orgId?: string;
  orgName?: string;
  scopes?: string[];
  licenceLimit?: number;
  /** Authorize it right away (fires `serviceApp:authorized`). Default true. */
  authorize?: boolean;
}

/** An app created with `authorize` left on comes with its tokens. */
export type ProvisionedAppFor<I extends CreateServiceAppInput> = I extends { authorize: false }
  ? ProvisionedApp
  : Required<ProvisionedApp>;

export interface SimOrg {
  id: string;
  name: string;
  siteUrl: string;
}

export interface CreateUserInput {
  orgId: string;
  displayName: string;
  email: string;
  licensed?: boolean;
}

export interface SimUser {
  personId: string;
  email: string;
  accessToken: string;
}

export interface SimMeetingState {
  id: string;
  meetingNumber: string;
  state: 'active' | 'inProgress' | 'ended';
  participants: {
    id: string;
    personId: string;
    name: string;
    isHost: boolean;
    inLobby: boolean;
    state: string;
    /** The participant's media connection to the relay, once it offered. */
    media: ParticipantMedia | null;
  }[];
  /**
   * Who holds Locus's content (screen-share) floor: the participant id while
   * the floor is granted, null when it was released or never asked for.
   */
  sharing: string | null;
}

/** An HTTP request as an operation builds it from its arguments. */
export interface WireRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/** An HTTP request as an operation reads its arguments from it. */
export interface WireInput {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON object body (`{}` when empty); a malformed one is a 400. */
  body(): Record<string, unknown>;
}

/** An answer on the wire. */
export interface WireAnswer {
  status: number;
  body?: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any signature
type AnySignature = (...args: any[]) => unknown;

/** One operation: `F` is its in-process signature (the client's returns a promise of the same). */
export interface Operation<F extends AnySignature> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/_sim/...`, with `:name` segments filled from {@link WireRequest.params}. */
  path: string;
  /** The call's arguments as an HTTP request (client side). */
  request(...args: Parameters<F>): WireRequest;
  /** The HTTP request back into arguments (route side); bad input throws a 400. */
  parse(input: WireInput): Parameters<F>;
  /** The result as the HTTP answer. Default: 200 with the result as body (204 when there is none). */
  reply?(result: Awaited<ReturnType<F>>, ...args: Parameters<F>): WireAnswer;
  /** A successful HTTP answer back into the result (client side). Default: its body. */
  read?(body: unknown, status: number): Awaited<ReturnType<F>>;
  /** The result a 404 stands for, when a 404 is an answer rather than an error. */
  notFoundMeans?: Awaited<ReturnType<F>>;
  /** Marks the signature for type derivation; never set. */
  readonly signature?: F;
}

/** Any operation, for code that handles them all alike (the route and client loops). */
export type AnyOperation = Operation<AnySignature>;

const op =
  <F extends AnySignature>() =>
  (spec: Omit<Operation<F>, 'signature'>): Operation<F> =>
    spec;

/** An answer `{[key]: true}` for an operation with no result (kept for HTTP callers). */
const done = (key: string) => ({
  reply: (): WireAnswer => ({ status: 200, body: { [key]: true } }),
  read: (): void => undefined,
});

/** An answer `{[key]: result}`. */
const wrapped = <R>(key: string, status = 200) => ({
  reply: (result: R): WireAnswer => ({ status, body: { [key]: result } }),
  read: (body: unknown): R => (body as Record<string, R>)[key]!,
});

const created = { reply: (result: unknown): WireAnswer => ({ status: 201, body: result }) };

const clock = {
  reply: (now: number): WireAnswer => ({
    status: 200,
    body: { now, iso: new Date(now).toISOString() },
  }),
  read: (body: unknown): number => (body as { now: number }).now,
};

/** `{[key]: value}` only when the value is defined (exactOptionalPropertyTypes-friendly). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const maybe = <T>(value: T | undefined): [T?] => (value === undefined ? [] : [value]);

/** Every control operation, by the name both the in-process control and the client use. */
export const CONTROL_OPERATIONS = {
  /** Forgets every org, app, token, meeting, fault and logged request. */
  reset: op<(options?: Partial<SimOptions>) => void>()({
    method: 'POST',
    path: '/_sim/reset',
    request: (options) => ({ body: options ? { options } : {} }),
    parse: (i) => maybe(i.body().options as Partial<SimOptions> | undefined),
    ...done('reset'),
  }),
  /** Changes options on the running world (e.g. `captchaAfterFailures`); returns them all. */
  configure: op<(options: Partial<SimOptions>) => SimOptions>()({
    method: 'PUT',
    path: '/_sim/options',
    request: (options) => ({ body: options }),
    parse: (i) => [i.body() as Partial<SimOptions>],
  }),
  /** A new org with its guest-to-guest site (another customer authorizing the same Service App). */
  createOrg: op<(name?: string) => SimOrg>()({
    method: 'POST',
    path: '/_sim/orgs',
    request: (name) => ({ body: name ? { name } : {} }),
    parse: (i) => maybe(str(i.body(), 'name')),
    ...created,
  }),
  /** A Service App in a new (or given) org, authorized with tokens unless `authorize: false`. */
  createServiceApp: op<
    <I extends CreateServiceAppInput = Record<never, never>>(input?: I) => ProvisionedAppFor<I>
  >()({
    method: 'POST',
    path: '/_sim/service-apps',
    request: (input) => ({ body: input ?? {} }),
    parse: (i) => {
      const b = i.body();
      return [
        {
          ...opt('name', str(b, 'name')),
          ...opt('orgId', str(b, 'orgId')),
          ...opt('orgName', str(b, 'orgName')),
          ...opt('scopes', strArray(b, 'scopes')),
          ...opt('licenceLimit', int(b, 'licenceLimit')),
          ...opt('authorize', bool(b, 'authorize')),
        },
      ];
    },
    ...created,
  }),
  /** Whether this simulator knows the Service App (a restarted one has forgotten it). */
  hasServiceApp: op<(clientId: string) => boolean>()({
    method: 'GET',
    path: '/_sim/service-apps/:clientId',
    request: (clientId) => ({ params: { clientId } }),
    parse: (i) => [i.params.clientId!],
    reply: (known, clientId) =>
      known
        ? { status: 200, body: { clientId, known: true } }
        : { status: 404, body: { message: 'This simulator does not know that Service App.' } },
    read: () => true,
    notFoundMeans: false,
  }),
  /** Authorizes an app in an org (its owner org by default) and returns fresh tokens. */
  authorize: op<(clientId: string, orgId?: string) => AppTokens>()({
    method: 'POST',
    path: '/_sim/service-apps/:clientId/authorize',
    request: (clientId, orgId) => ({ params: { clientId }, body: orgId ? { orgId } : {} }),
    parse: (i) => [i.params.clientId!, ...maybe(str(i.body(), 'orgId'))],
  }),
  /** Revokes the app's tokens in the org and fires `serviceApp:deauthorized`. */
  deauthorize: op<(clientId: string, orgId?: string) => void>()({
    method: 'POST',
    path: '/_sim/service-apps/:clientId/deauthorize',
    request: (clientId, orgId) => ({ params: { clientId }, body: orgId ? { orgId } : {} }),
    parse: (i) => [i.params.clientId!, ...maybe(str(i.body(), 'orgId'))],
    ...done('deauthorized'),
  }),
  /** A licensed Webex user in an org (for scheduling on someone's behalf), with a token. */
  createUser: op<(input: CreateUserInput) => SimUser>()({
    method: 'POST',
    path: '/_sim/users',
    request: (input) => ({ body: input }),
    parse: (i) => {
      const b = i.body();
      return [
        {
          orgId: str(b, 'orgId', { required: true }),
          displayName: str(b, 'displayName', { required: true }),
          email: str(b, 'email', { required: true }),
          ...opt('licensed', bool(b, 'licensed')),
        },
      ];
    },
    ...created,
  }),
  /** The simulated time (ms since epoch). */
  now: op<() => number>()({
    method: 'GET',
    path: '/_sim/clock',
    request: () => ({}),
    parse: () => [],
    ...clock,
  }),
  /** Moves the simulated clock forward; returns the new time. Over HTTP, `seconds` works too. */
  advanceClock: op<(ms: number) => number>()({
    method: 'POST',
    path: '/_sim/clock/advance',
    request: (ms) => ({ body: { ms } }),
    parse: (i) => {
      const b = i.body();
      const ms = int(b, 'ms') ?? (int(b, 'seconds') ?? NaN) * 1000;
      if (!Number.isFinite(ms)) throw badRequest('Give ms or seconds.');
      return [ms];
    },
    ...clock,
  }),
  /** Expires one access token now. */
  expireToken: op<(token: string) => boolean>()({
    method: 'POST',
    path: '/_sim/tokens/expire',
    request: (token) => ({ body: { token } }),
    parse: (i) => [str(i.body(), 'token', { required: true })],
    ...wrapped<boolean>('expired'),
  }),
  listFaults: op<() => Fault[]>()({
    method: 'GET',
    path: '/_sim/faults',
    request: () => ({}),
    parse: () => [],
    ...wrapped<Fault[]>('items'),
  }),
  /** Injects a failure (status, latency, dropped websockets) on paths matching a glob. */
  addFault: op<(spec: FaultSpec) => Fault>()({
    method: 'POST',
    path: '/_sim/faults',
    request: (spec) => ({ body: spec }),
    parse: (i) => {
      const b = i.body();
      return [
        {
          path: str(b, 'path', { required: true }),
          ...opt('method', str(b, 'method')),
          ...opt('status', int(b, 'status')),
          ...opt('retryAfter', int(b, 'retryAfter')),
          ...opt('latencyMs', int(b, 'latencyMs')),
          ...opt('dropWebsockets', bool(b, 'dropWebsockets')),
          ...opt('count', int(b, 'count')),
        },
      ];
    },
    ...created,
  }),
  clearFaults: op<() => void>()({
    method: 'DELETE',
    path: '/_sim/faults',
    request: () => ({}),
    parse: () => [],
  }),
  /** Removes one fault; false (a 404 over HTTP) when there is none by that id. */
  removeFault: op<(id: string) => boolean>()({
    method: 'DELETE',
    path: '/_sim/faults/:id',
    request: (id) => ({ params: { id } }),
    parse: (i) => [i.params.id!],
    reply: (removed) => ({ status: removed ? 204 : 404 }),
    read: () => true,
  }),
  /** Requests received, oldest first; filter by method, path glob, `since` (a seq), person or `unmodelled`. */
  requests: op<(filter?: RequestFilter) => LoggedRequest[]>()({
    method: 'GET',
    path: '/_sim/requests',
    request: (filter = {}) => ({
      query: Object.fromEntries(
        Object.entries(filter)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]): [string, string] => [k, String(v)]),
      ),
    }),
    parse: ({ query: q }) => {
      const since = q.get('since');
      return [
        {
          ...opt('method', q.get('method') ?? undefined),
          ...opt('path', q.get('path') ?? undefined),
          ...opt('since', since ? Number(since) : undefined),
          ...opt('personId', q.get('personId') ?? undefined),
          ...opt('unmodelled', q.has('unmodelled') ? q.get('unmodelled') !== 'false' : undefined),
        },
      ];
    },
    ...wrapped<LoggedRequest[]>('items'),
  }),
  clearRequests: op<() => void>()({
    method: 'DELETE',
    path: '/_sim/requests',
    request: () => ({}),
    parse: () => [],
  }),
  /** Drops every open websocket (Mercury reconnect tests); returns how many. */
  dropWebsockets: op<() => number>()({
    method: 'POST',
    path: '/_sim/websockets/drop',
    request: () => ({}),
    parse: () => [],
    ...wrapped<number>('dropped'),
  }),
  /** The meeting's state and live participants, by id or meeting number. */
  meetingState: op<(meetingId: string) => SimMeetingState>()({
    method: 'GET',
    path: '/_sim/meetings/:id',
    request: (id) => ({ params: { id } }),
    parse: (i) => [i.params.id!],
  }),
  /** Admits lobby participants (all when no ids are given); returns those admitted. */
  admit: op<(meetingId: string, participantIds?: string[]) => string[]>()({
    method: 'POST',
    path: '/_sim/meetings/:id/admit',
    request: (id, participantIds) => ({
      params: { id },
      body: participantIds ? { participantIds } : {},
    }),
    parse: (i) => [i.params.id!, ...maybe(strArray(i.body(), 'participantIds'))],
    ...wrapped<string[]>('admitted'),
  }),
  /** Ends a meeting for everyone, as the host's "end for all" does. */
  endMeeting: op<(meetingId: string) => void>()({
    method: 'POST',
    path: '/_sim/meetings/:id/end',
    request: (id) => ({ params: { id } }),
    parse: (i) => [i.params.id!],
    ...done('ended'),
  }),
  /**
   * Fault: closes a participant's media connection (ICE and DTLS gone, as
   * when a media path dies) and keeps its renegotiations from connecting
   * until `restoreMedia`. Returns whether it had a connection.
   */
  dropMedia: op<(participantId: string) => boolean>()({
    method: 'POST',
    path: '/_sim/participants/:id/media/drop',
    request: (id) => ({ params: { id } }),
    parse: (i) => [i.params.id!],
    ...wrapped<boolean>('dropped'),
  }),
  /** Ends `dropMedia`: the SDK's next offer (its reconnection) connects. */
  restoreMedia: op<(participantId: string) => void>()({
    method: 'POST',
    path: '/_sim/participants/:id/media/restore',
    request: (id) => ({ params: { id } }),
    parse: (i) => [i.params.id!],
    ...done('restored'),
  }),
  /**
   * Fault: closes the Mercury socket of a participant's device and refuses
   * its reconnections until `restoreMercury`. Past `presenceGraceMs` the
   * participant is dropped from the meeting, as Locus does.
   */
  dropMercury: op<(participantId: string) => Fault>()({
    method: 'POST',
    path: '/_sim/participants/:id/mercury/drop',
    request: (id) => ({ params: { id } }),
    parse: (i) => [i.params.id!],
    ...created,
  }),
  restoreMercury: op<(participantId: string) => void>()({
    method: 'POST',
    path: '/_sim/participants/:id/mercury/restore',
    request: (id) => ({ params: { id } }),
    parse: (i) => [i.params.id!],
    ...done('restored'),
  }),
  /** The answer to a captcha, so tests can solve it (404 when there is no such captcha). */
  captchaCode: op<(captchaId: string) => string>()({
    method: 'GET',
    path: '/_sim/captchas/:id',
    request: (id) => ({ params: { id } }),
    parse: (i) => [i.params.id!],
    reply: (code, captchaId) => ({ status: 200, body: { captchaId, code } }),
    read: (body) => (body as { code: string }).code,
  }),
  /**
   * What a join or start link (or its bare token) the simulator issued
   * grants, and whether it has expired by the simulated clock; undefined
   * (a 404 over HTTP) for anything else.
   */
  readJoinLink: op<(link: string) => (JoinLinkClaims & { expired: boolean }) | undefined>()({
    method: 'POST',
    path: '/_sim/join-links/read',
    request: (link) => ({ body: { link } }),
    parse: (i) => [str(i.body(), 'link', { required: true })],
    reply: (claims) =>
      claims
        ? { status: 200, body: claims }
        : { status: 404, body: { message: 'The simulator did not issue that link.' } },
    notFoundMeans: undefined,
  }),
  /** The client-log uploads the SDKs made (on leave), oldest first. */
  clientLogs: op<() => ClientLogUpload[]>()({
    method: 'GET',
    path: '/_sim/client-logs',
    request: () => ({}),
    parse: () => [],
    ...wrapped<ClientLogUpload[]>('items'),
  }),
  /** Drops expired tokens and old ended meetings now. */
  prune: op<() => { tokens: number; meetings: number }>()({
    method: 'POST',
    path: '/_sim/prune',
    request: () => ({}),
    parse: () => [],
  }),
  /** Resolves once every webhook delivery, retries included, has finished. */
  webhooksIdle: op<() => Promise<void>>()({
    method: 'POST',
    path: '/_sim/webhooks/idle',
    request: () => ({}),
    parse: () => [],
    ...done('idle'),
  }),
};

export type ControlOperations = typeof CONTROL_OPERATIONS;
export type OperationName = keyof ControlOperations;

/** The in-process signature of an operation. */
export type SignatureOf<K extends OperationName> =
  ControlOperations[K] extends Operation<infer F> ? F : never;

/** The in-process control: every operation, synchronous where it can be. */
export type ControlApi = { [K in OperationName]: SignatureOf<K> };

/** The same operations over HTTP: each answers a promise. */
export type RemoteControlApi = {
  [K in OperationName]: (
    ...args: Parameters<SignatureOf<K>>
  ) => Promise<Awaited<ReturnType<SignatureOf<K>>>>;
};

/** Fills `:name` path segments. */
export function operationPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The default answer: the result as JSON, or 204 when there is none. */
export function defaultReply(result: unknown): WireAnswer {
  return result === undefined ? { status: 204 } : { status: 200, body: result };
}
