// The demo talks only to apps/backend, through this client. Every failure
// becomes an ApiError with a message a person can act on.

// The wire types are the backend's contract (its zod schemas), type-only: no
// server code and no zod reach the SPA, and nothing is copied by hand.
import type { BodyOf, LiveEvent, ResponseOf } from '@g2g/backend/contract';

export type {
  ConsultationLinks,
  ConsultationView,
  CreatedConsultation,
  InstantConnectLinks,
  JoinResult,
  LiveEvent,
  ParticipantLink,
  TenantStatus,
  WalkInPass,
} from '@g2g/backend/contract';

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
      | 'conflict'
      | 'rate-limited'
      | 'invalid'
      | 'server',
    message: string,
    readonly status?: number,
    /** The backend's stable error code (`meeting-in-progress`, `licence-limit`…). */
    readonly code?: string,
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
  let body: { message?: string; error?: string } & Record<string, unknown> = {};
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
  const code = typeof body.error === 'string' ? body.error : undefined;
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
      throw new ApiError('invalid', said ?? 'Some of the details are not valid.', 400, code);
    case 401:
      throw code === 'link-expired'
        ? new ApiError(
            'expired',
            'This link has expired. Ask the organiser for a new one.',
            401,
            code,
          )
        : new ApiError(
            'unauthorized',
            said ?? 'You are not allowed to do this. Check the key or link.',
            401,
            code,
          );
    case 403:
      throw new ApiError('unauthorized', said ?? 'This link does not allow that.', 403, code);
    case 404:
    case 410:
      throw new ApiError(
        'not-found',
        said ?? 'That consultation no longer exists.',
        res.status,
        code,
      );
    case 409:
      throw new ApiError(
        code === 'licence-limit' ? 'licence' : 'conflict',
        said ?? 'That cannot be done right now.',
        409,
        code,
      );
    case 429:
      throw new ApiError(
        'rate-limited',
        'Too many attempts. Wait a minute, then try again.',
        429,
        code,
      );
    case 502:
    case 503:
    case 504:
      throw new ApiError(
        'unreachable',
        said ?? 'Webex did not answer in time. Try again in a moment.',
        res.status,
        code,
      );
    default:
      throw new ApiError(
        'server',
        said ?? 'Something went wrong on our side. Try again.',
        res.status,
        code,
      );
  }
}

const id = (s: string) => encodeURIComponent(s);

export const api = {
  tenant: (key: string) => request<ResponseOf<'tenant'>>('GET', '/tenant', { token: key }),
  listConsultations: (key: string) =>
    request<ResponseOf<'listConsultations'>>('GET', '/consultations', { token: key }),
  createConsultation: (key: string, body: BodyOf<'createConsultation'>) =>
    request<ResponseOf<'createConsultation'>>('POST', '/consultations', { token: key, body }),
  links: (key: string, consultationId: string) =>
    request<ResponseOf<'consultationLinks'>>('GET', `/consultations/${id(consultationId)}/links`, {
      token: key,
    }),
  endConsultation: (key: string, consultationId: string) =>
    request<ResponseOf<'endConsultation'>>('POST', `/consultations/${id(consultationId)}/end`, {
      token: key,
    }),
  cancelConsultation: (key: string, consultationId: string) =>
    request<ResponseOf<'cancelConsultation'>>('DELETE', `/consultations/${id(consultationId)}`, {
      token: key,
    }),
  join: (consultationId: string, capability: string, displayName: string) =>
    request<ResponseOf<'join'>>('POST', `/consultations/${id(consultationId)}/join`, {
      token: capability,
      body: { displayName } satisfies BodyOf<'join'>,
    }),
  walkInPass: (key: string, body: BodyOf<'walkInPass'> = {}) =>
    request<ResponseOf<'walkInPass'>>('POST', '/walk-in-passes', { token: key, body }),
  guestToken: (pass: string, displayName: string) =>
    request<ResponseOf<'guestToken'>>('POST', '/guest-tokens', {
      token: pass,
      body: { displayName } satisfies BodyOf<'guestToken'>,
    }),
  instantConnect: (key: string, body: BodyOf<'instantConnect'> = {}) =>
    request<ResponseOf<'instantConnect'>>('POST', '/instant-connect', { token: key, body }),
};

/** Where the live stream stands, for a small indicator. */
export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows `GET /api/events` (Server-Sent Events, read with `fetch` because
 * `EventSource` cannot send the operator key) and reconnects with a growing
 * pause when it drops. `onOpen` runs on every (re)connection: the moment to
 * reload what may have changed while disconnected. Returns `stop`.
 */
export function followEvents(
  key: string,
  handlers: {
    onEvent: (e: LiveEvent) => void;
    onOpen?: () => void;
    onState?: (s: StreamState) => void;
    onUnauthorized?: () => void;
  },
): () => void {
  const abort = new AbortController();
  let attempt = 0;
  const run = async () => {
    while (!abort.signal.aborted) {
      handlers.onState?.(attempt === 0 ? 'connecting' : 'reconnecting');
      try {
        const res = await fetch(`${BASE}/events`, {
          headers: { Authorization: `Bearer ${key}` },
          signal: abort.signal,
        });
        if (res.status === 401) {
          handlers.onUnauthorized?.();
          return;
        }
        if (!res.ok || !res.body) throw new Error(`events answered ${res.status}`);
        attempt = 0;
        handlers.onState?.('live');
        handlers.onOpen?.();
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = chunk
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (data) handlers.onEvent(JSON.parse(data) as LiveEvent);
          }
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      attempt++;
      const pause = Math.min(15_000, 500 * 2 ** Math.min(attempt, 5));
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
  void run();
  return () => abort.abort();
}
