// A browser-safe client for the simulator's control API (`/_sim/*`): what
// browser tests, Storybook and the demo's offline mode use. No Node imports.
import { discoveryFor, type ServiceDiscovery } from '@g2g/webex-spec';
import type { CreateServiceAppInput, ProvisionedApp } from './control/control';
import type { Fault, FaultSpec } from './faults';
import type { LoggedRequest, RequestFilter } from './requestLog';
import type { SimOptions } from './world/options';
import type { ClientLogUpload } from './world/types';
import type { ParticipantMedia } from './media';

export { G2G_SCOPES } from './world/scopes';
export { SDK_HARD_CODED_URLS, isSdkHardCodedUrl } from './sdk/hard-coded-urls';
export type { HardCodedUrl } from './sdk/hard-coded-urls';

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
}

/** Thrown when the control API answers with an error. */
export class SimClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimClientError';
  }
}

export interface SimClient {
  url: string;
  /** SDK discovery config pointing the real `webex` SDK at this simulator. */
  discovery: ServiceDiscovery;
  reset(options?: Partial<SimOptions>): Promise<void>;
  configure(options: Partial<SimOptions>): Promise<SimOptions>;
  /** A new org with its guest-to-guest site (another customer authorizing the same Service App). */
  createOrg(name?: string): Promise<{ id: string; name: string; siteUrl: string }>;
  createServiceApp(input?: CreateServiceAppInput): Promise<Required<ProvisionedApp>>;
  /** Whether this simulator knows the Service App (a restarted one has forgotten it). */
  hasServiceApp(clientId: string): Promise<boolean>;
  authorize(clientId: string, orgId?: string): Promise<NonNullable<ProvisionedApp['tokens']>>;
  deauthorize(clientId: string, orgId?: string): Promise<void>;
  createUser(input: {
    orgId: string;
    displayName: string;
    email: string;
    licensed?: boolean;
  }): Promise<{ personId: string; email: string; accessToken: string }>;
  advanceClock(ms: number): Promise<number>;
  expireToken(token: string): Promise<boolean>;
  addFault(spec: FaultSpec): Promise<Fault>;
  removeFault(id: string): Promise<void>;
  clearFaults(): Promise<void>;
  requests(filter?: RequestFilter): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  dropWebsockets(): Promise<number>;
  meeting(id: string): Promise<SimMeetingState>;
  admit(meetingId: string, participantIds?: string[]): Promise<string[]>;
  endMeeting(meetingId: string): Promise<void>;
  captchaCode(captchaId: string): Promise<string>;
  /** The client-log uploads the SDKs made (on leave), oldest first. */
  clientLogs(): Promise<ClientLogUpload[]>;
  /** Fault: close a participant's media connection and keep it down until {@link SimClient.restoreMedia}. */
  dropMedia(participantId: string): Promise<boolean>;
  restoreMedia(participantId: string): Promise<void>;
  /** Fault: close a participant's Mercury socket and refuse reconnects until {@link SimClient.restoreMercury}. */
  dropMercury(participantId: string): Promise<Fault>;
  restoreMercury(participantId: string): Promise<void>;
  /** Calls the REST face (`/v1${path}`) with a bearer token; returns status and parsed body. */
  rest<T = unknown>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
}

/** Talks to a running simulator at `url` (from `startSim()` or `pnpm sim`). */
export function createSimClient(url: string): SimClient {
  const base = url.replace(/\/$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const message = (parsed as { message?: string } | undefined)?.message ?? res.statusText;
      throw new SimClientError(res.status, `${method} ${path}: ${res.status} ${message}`);
    }
    return parsed as T;
  };
  return {
    url: base,
    discovery: discoveryFor(base),
    reset: async (options) => void (await call('POST', '/_sim/reset', options ? { options } : {})),
    configure: (options) => call('PUT', '/_sim/options', options),
    createOrg: (name) => call('POST', '/_sim/orgs', name ? { name } : {}),
    createServiceApp: (input = {}) => call('POST', '/_sim/service-apps', input),
    hasServiceApp: async (clientId) =>
      (await fetch(`${base}/_sim/service-apps/${encodeURIComponent(clientId)}`)).ok,
    authorize: (clientId, orgId) =>
      call(
        'POST',
        `/_sim/service-apps/${encodeURIComponent(clientId)}/authorize`,
        orgId ? { orgId } : {},
      ),
    deauthorize: async (clientId, orgId) =>
      void (await call(
        'POST',
        `/_sim/service-apps/${encodeURIComponent(clientId)}/deauthorize`,
        orgId ? { orgId } : {},
      )),
    createUser: (input) => call('POST', '/_sim/users', input),
    advanceClock: async (ms) =>
      (await call<{ now: number }>('POST', '/_sim/clock/advance', { ms })).now,
    expireToken: async (token) =>
      (await call<{ expired: boolean }>('POST', '/_sim/tokens/expire', { token })).expired,
    addFault: (spec) => call('POST', '/_sim/faults', spec),
    removeFault: async (id) =>
      void (await call('DELETE', `/_sim/faults/${encodeURIComponent(id)}`)),
    clearFaults: async () => void (await call('DELETE', '/_sim/faults')),
    requests: async (filter = {}) => {
      const q = new URLSearchParams(
        Object.entries(filter)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]): [string, string] => [k, String(v)]),
      );
      return (await call<{ items: LoggedRequest[] }>('GET', `/_sim/requests?${q}`)).items;
    },
    clearRequests: async () => void (await call('DELETE', '/_sim/requests')),
    dropWebsockets: async () =>
      (await call<{ dropped: number }>('POST', '/_sim/websockets/drop')).dropped,
    meeting: (id) => call('GET', `/_sim/meetings/${encodeURIComponent(id)}`),
    admit: async (meetingId, participantIds) =>
      (
        await call<{ admitted: string[] }>(
          'POST',
          `/_sim/meetings/${encodeURIComponent(meetingId)}/admit`,
          participantIds ? { participantIds } : {},
        )
      ).admitted,
    endMeeting: async (meetingId) =>
      void (await call('POST', `/_sim/meetings/${encodeURIComponent(meetingId)}/end`)),
    dropMedia: async (id) =>
      (
        await call<{ dropped: boolean }>(
          'POST',
          `/_sim/participants/${encodeURIComponent(id)}/media/drop`,
        )
      ).dropped,
    restoreMedia: async (id) =>
      void (await call('POST', `/_sim/participants/${encodeURIComponent(id)}/media/restore`)),
    dropMercury: (id) => call('POST', `/_sim/participants/${encodeURIComponent(id)}/mercury/drop`),
    restoreMercury: async (id) =>
      void (await call('POST', `/_sim/participants/${encodeURIComponent(id)}/mercury/restore`)),
    captchaCode: async (captchaId) =>
      (await call<{ code: string }>('GET', `/_sim/captchas/${encodeURIComponent(captchaId)}`)).code,
    clientLogs: async () =>
      (await call<{ items: ClientLogUpload[] }>('GET', '/_sim/client-logs')).items,
    rest: async <T>(token: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}
