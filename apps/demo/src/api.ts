// The demo talks only to apps/backend, through this client. Every failure
// becomes an ApiError with a message a person can act on.

// The wire types are the backend's own (type-only: no server code reaches the SPA).
import type { ConsultationView, JoinResult, ParticipantLink } from '@g2g/backend';

export type { ConsultationView, JoinResult, ParticipantLink };

export interface CreatedConsultation {
  consultation: ConsultationView;
  links: { host: ParticipantLink; guests: ParticipantLink[] };
}

export interface BackendStatus {
  mode: 'sim' | 'webex';
  orgs?: { orgId?: string; state: string; siteUrl?: string }[];
  authorization?: { state: string; siteUrl?: string }[];
  licence: { inProgress: number; limit: number };
}

export interface InstantConnectLinks {
  subject: string;
  host: { url: string }[];
  guest: { url: string }[];
}

/** A failed backend call. `kind` drives the way forward the UI offers. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind:
      | 'unreachable'
      | 'unauthorized'
      | 'expired'
      | 'not-found'
      | 'licence'
      | 'rate-limited'
      | 'invalid'
      | 'server',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
  /** Worth offering "try again" for. */
  get retryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'server' || this.kind === 'rate-limited';
  }
}

const BASE = '/api';

async function request<T>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers: {
        ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  } catch {
    throw new ApiError(
      'unreachable',
      'The consultation service cannot be reached. Check your connection, then try again.',
    );
  }
  const text = await res.text();
  let body: { message?: string; error?: string; code?: string } & Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // A proxy's HTML error page: the backend itself is down.
    if (!res.ok)
      throw new ApiError(
        'unreachable',
        'The consultation service is not answering. Try again in a moment.',
        res.status,
      );
  }
  if (res.ok) return body as T;
  const said = typeof body.message === 'string' ? body.message : undefined;
  // A 5xx without our JSON body came from a proxy in front of a backend that is down.
  if (res.status >= 500 && !said) {
    throw new ApiError(
      'unreachable',
      'The consultation service cannot be reached. Try again in a moment.',
      res.status,
    );
  }
  switch (res.status) {
    case 400:
      throw new ApiError('invalid', said ?? 'Some of the details are not valid.', 400);
    case 401:
      throw body.code === 'link-expired' || /expired/i.test(said ?? '')
        ? new ApiError('expired', 'This link has expired. Ask the organiser for a new one.', 401)
        : new ApiError(
            'unauthorized',
            said ?? 'You are not allowed to do this. Check the key or link.',
            401,
          );
    case 403:
      throw new ApiError('unauthorized', said ?? 'This link does not allow that.', 403);
    case 404:
    case 410:
      throw new ApiError('not-found', said ?? 'That consultation no longer exists.', res.status);
    case 409:
      throw new ApiError(
        /licen[cs]e/i.test(said ?? '') ? 'licence' : 'invalid',
        said ?? 'That cannot be done right now.',
        409,
      );
    case 429:
      throw new ApiError('rate-limited', 'Too many attempts. Wait a minute, then try again.', 429);
    case 502:
    case 503:
    case 504:
      throw new ApiError(
        'unreachable',
        said ?? 'Webex did not answer in time. Try again in a moment.',
        res.status,
      );
    default:
      throw new ApiError(
        'server',
        said ?? 'Something went wrong on our side. Try again.',
        res.status,
      );
  }
}

export const api = {
  status: () => request<BackendStatus>('GET', '/status'),
  listConsultations: (key: string) =>
    request<{ items: ConsultationView[] }>('GET', '/consultations', { token: key }),
  createConsultation: (
    key: string,
    body: {
      title: string;
      mode: 'no-host' | 'host-guest';
      durationMinutes: number;
      guests: number;
    },
  ) => request<CreatedConsultation>('POST', '/consultations', { token: key, body }),
  cancelConsultation: (key: string, id: string) =>
    request<unknown>('DELETE', `/consultations/${encodeURIComponent(id)}`, { token: key }),
  join: (id: string, capability: string, displayName: string) =>
    request<JoinResult>('POST', `/consultations/${encodeURIComponent(id)}/join`, {
      token: capability,
      body: { displayName },
    }),
  guestToken: (displayName: string) =>
    request<{ accessToken: string; expiresAt: string; displayName: string }>(
      'POST',
      '/guest-tokens',
      { body: { displayName } },
    ),
  instantConnect: (key: string) =>
    request<InstantConnectLinks>('POST', '/instant-connect', { token: key, body: {} }),
};
