// A browser-safe client for the simulator's control API (`/_sim/*`): what
// browser tests, Storybook and the demo's offline mode use. No Node imports.
import { discoveryFor, type ServiceDiscovery } from '@g2g/webex-spec';
import {
  CONTROL_OPERATIONS,
  operationPath,
  type AnyOperation,
  type OperationName,
  type RemoteControlApi,
} from './control/operations';

export type {
  AppTokens,
  CreateServiceAppInput,
  CreateUserInput,
  ProvisionedApp,
  SimMeetingState,
  SimOrg,
  SimUser,
} from './control/operations';
export type { JoinLinkClaims } from './rest/joinLinks';
export { G2G_SCOPES } from './world/scopes';
export { SDK_HARD_CODED_URLS, isSdkHardCodedUrl } from './sdk/hard-coded-urls';
export type { HardCodedUrl } from './sdk/hard-coded-urls';

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

/**
 * The control API over HTTP: every operation of the in-process control
 * (`Sim.control`), answering promises, plus REST calls with a token.
 */
export interface SimClient extends RemoteControlApi {
  url: string;
  /** SDK discovery config pointing the real `webex` SDK at this simulator. */
  discovery: ServiceDiscovery;
  /** The meeting's state and live participants: {@link RemoteControlApi.meetingState}. */
  meeting: RemoteControlApi['meetingState'];
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
  const remote =
    (op: AnyOperation) =>
    async (...args: unknown[]): Promise<unknown> => {
      const wire = op.request(...args);
      const query = new URLSearchParams(wire.query ?? {}).toString();
      const path = `${operationPath(op.path, wire.params)}${query ? `?${query}` : ''}`;
      const res = await fetch(`${base}${path}`, {
        method: op.method,
        headers: wire.body === undefined ? {} : { 'Content-Type': 'application/json' },
        ...(wire.body === undefined ? {} : { body: JSON.stringify(wire.body) }),
      });
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (res.status === 404 && 'notFoundMeans' in op) return op.notFoundMeans;
      if (!res.ok) {
        const message = (parsed as { message?: string } | undefined)?.message ?? res.statusText;
        throw new SimClientError(res.status, `${op.method} ${path}: ${res.status} ${message}`);
      }
      return op.read ? op.read(parsed, res.status) : parsed;
    };
  const operations = Object.fromEntries(
    (Object.keys(CONTROL_OPERATIONS) as OperationName[]).map((name) => [
      name,
      remote(CONTROL_OPERATIONS[name]),
    ]),
  ) as unknown as RemoteControlApi;
  return {
    url: base,
    discovery: discoveryFor(base),
    ...operations,
    meeting: operations.meetingState,
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
