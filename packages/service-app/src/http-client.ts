import { randomUUID } from 'node:crypto';
import {
  ErrorEnvelope,
  OAuthError,
  checkShape,
  type Parsed,
  type Schema,
} from '@g2g/webex-spec/rest';
import {
  WebexApiError,
  WebexNetworkError,
  WebexResponseError,
  WebexTimeoutError,
  type ServiceAppErrorCode,
} from './errors';
import { silentLogger, type Logger } from './logger';

/** The public Webex REST base. */
export const DEFAULT_BASE_URL = 'https://webexapis.com/v1';

/** HTTP methods the Webex APIs used here need. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Where a request's bearer token comes from. `org` asks the token provider
 * (and lets a 401 trigger one refresh and one retry); `none` sends no
 * `Authorization` header (OAuth endpoints authenticate with the client secret).
 */
export type RequestAuth = { kind: 'org'; orgId: string } | { kind: 'none' };

/** What the HTTP client needs from token management. */
export interface AccessTokenProvider {
  /** A usable access token for the org (refreshed ahead of expiry when due). */
  accessToken(orgId: string): Promise<string>;
  /** Webex refused `rejected` with a 401: return a fresh token (refreshing at most once). */
  tokenRejected(orgId: string, rejected: string): Promise<string>;
}

/** One Webex call. */
export interface WebexRequest {
  method: HttpMethod;
  /** A path under the base URL (`/meetings`), or an absolute URL (Instant Connect). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  auth: RequestAuth;
  /**
   * Whether repeating the call is harmless. Only idempotent calls are retried
   * after a 5xx, a timeout or a network error (the first attempt may have
   * taken effect). Defaults to true for GET/PUT/DELETE and false for POST.
   */
  idempotent?: boolean;
  /** Overrides the client's per-call timeout. */
  timeoutMs?: number;
  /**
   * The shape a successful answer must have (from `@g2g/webex-spec/rest`).
   * The body is parsed with it; an answer that does not match fails the call
   * with {@link WebexResponseError} instead of reaching the caller half-read.
   */
  schema?: Schema;
  /**
   * Overrides how many 429s are waited out inside this call. `0` hands every
   * 429 straight back (with `retryAfterMs`), for callers that keep their own
   * back-off, such as token refresh.
   */
  maxRateLimitRetries?: number;
}

/** A successful Webex answer. */
export interface WebexResponse<T> {
  status: number;
  body: T;
  headers: Headers;
  /** The `TrackingID` sent (and echoed back by Webex). */
  trackingId: string;
  /** Retries made before this answer (429 waits, 5xx/network retries, the 401 retry). */
  retries: number;
}

/** What {@link WebexHttpClient} reports about each call, for metrics and benchmarks. */
export interface CallRecord {
  method: HttpMethod;
  /** The path without query, relative to the base URL when under it. */
  path: string;
  /** Final HTTP status, or 0 when no answer came back. */
  status: number;
  retries: number;
  trackingId: string;
  /** `performance.now()` at the start of the first attempt and the end of the last. */
  startedAt: number;
  endedAt: number;
}

/** Tuning for {@link WebexHttpClient}. Every bound has a safe default. */
export interface HttpClientOptions {
  /** REST base URL; default {@link DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** Per-attempt timeout; default 10 s. */
  timeoutMs?: number;
  /** Retries of an idempotent call after 5xx/timeout/network errors; default 3. */
  maxRetries?: number;
  /** Retries after 429; default 3. */
  maxRateLimitRetries?: number;
  /** A `Retry-After` longer than this fails the call instead of waiting; default 30 s. */
  maxRetryAfterMs?: number;
  /** First backoff delay (doubles per retry, full jitter); default 200 ms. */
  backoffBaseMs?: number;
  /** Backoff ceiling; default 5 s. */
  backoffMaxMs?: number;
  /** Prefix of generated TrackingIDs; default `g2g`. */
  trackingIdPrefix?: string;
  logger?: Logger;
  /** Injected for tests: the `fetch` to use, the sleep between retries, the jitter source. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called once per call (not per attempt) when it settles. */
  onCall?: (record: CallRecord) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface Envelope {
  message: string;
  descriptions: string[];
}

/**
 * Reads the Webex error envelope, or the OAuth `{error, error_description}`
 * shape. Whatever else a failure carries (an empty 429, an HTML page from a
 * proxy) reads as no message: the status still says what happened.
 */
function readEnvelope(body: unknown): Envelope {
  const envelope = ErrorEnvelope.safeParse(body);
  if (envelope.success) {
    return {
      message: envelope.data.message,
      descriptions: envelope.data.errors.map((e) => e.description),
    };
  }
  const oauth = OAuthError.safeParse(body);
  if (oauth.success) {
    return { message: oauth.data.error_description ?? oauth.data.error, descriptions: [] };
  }
  const partial = body as { message?: unknown } | null;
  return {
    message: typeof partial?.message === 'string' ? partial.message : '',
    descriptions: [],
  };
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

type Attempt =
  | { kind: 'response'; res: Response; body: unknown }
  | { kind: 'timeout' }
  | { kind: 'network'; error: unknown };

/**
 * The one way this package talks to Webex: `fetch` with a TrackingID on every
 * request, a timeout on every attempt, bounded retries (429 honours
 * `Retry-After`; 5xx and network errors back off exponentially with jitter,
 * for idempotent calls only), one refresh-and-retry on a 401, and typed
 * errors. Each call is logged once with its retry count; no token, secret or
 * body is ever logged.
 */
export class WebexHttpClient {
  readonly baseUrl: string;
  private readonly o: Required<
    Omit<HttpClientOptions, 'baseUrl' | 'logger' | 'fetch' | 'sleep' | 'random' | 'onCall'>
  >;
  private readonly logger: Logger;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly onCall: ((record: CallRecord) => void) | undefined;
  private tokens: AccessTokenProvider | undefined;

  constructor(options: HttpClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.o = {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 3,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 3,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      backoffBaseMs: options.backoffBaseMs ?? 200,
      backoffMaxMs: options.backoffMaxMs ?? 5_000,
      trackingIdPrefix: options.trackingIdPrefix ?? 'g2g',
    };
    this.logger = options.logger ?? silentLogger;
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.onCall = options.onCall;
  }

  /** Connects token management (done once by `createServiceApp`). */
  useTokens(provider: AccessTokenProvider): void {
    this.tokens = provider;
  }

  /**
   * Performs one call, with retries; resolves with the body parsed by
   * `req.schema` (or as it came, without one) or throws a typed error.
   */
  async request<S extends Schema>(
    req: WebexRequest & { schema: S },
  ): Promise<WebexResponse<Parsed<S>>>;
  async request<T = unknown>(req: WebexRequest): Promise<WebexResponse<T>>;
  async request(req: WebexRequest): Promise<WebexResponse<unknown>> {
    const trackingId = `${this.o.trackingIdPrefix}_${randomUUID()}`;
    const url = this.url(req);
    const path = this.displayPath(url);
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const timeoutMs = req.timeoutMs ?? this.o.timeoutMs;
    const maxRateLimitRetries = req.maxRateLimitRetries ?? this.o.maxRateLimitRetries;
    const startedAt = performance.now();
    let retries = 0;
    let transientRetries = 0;
    let rateLimitRetries = 0;
    let refreshed = false;
    let token = req.auth.kind === 'org' ? await this.provider().accessToken(req.auth.orgId) : '';
    let status = 0;

    const settle = (level: 'info' | 'warn', outcome: string) => {
      const endedAt = performance.now();
      this.onCall?.({ method: req.method, path, status, retries, trackingId, startedAt, endedAt });
      this.logger[level](
        {
          webex: {
            method: req.method,
            path,
            status,
            retries,
            trackingId,
            ms: Math.round(endedAt - startedAt),
          },
        },
        `webex ${req.method} ${path} ${outcome}`,
      );
    };

    for (;;) {
      const attempt = await this.attempt(req, url, token, trackingId, timeoutMs);
      if (attempt.kind !== 'response') {
        if (idempotent && transientRetries < this.o.maxRetries) {
          await this.sleep(this.backoff(transientRetries++));
          retries++;
          continue;
        }
        settle('warn', attempt.kind === 'timeout' ? 'timed out' : 'unreachable');
        throw attempt.kind === 'timeout'
          ? new WebexTimeoutError(req.method, path, timeoutMs, trackingId, retries)
          : new WebexNetworkError(req.method, path, trackingId, retries, attempt.error);
      }
      const { res, body } = attempt;
      status = res.status;

      if (res.ok || (res.status >= 300 && res.status < 400)) {
        if (req.schema) {
          const check = checkShape(req.schema, body);
          if (!check.ok) {
            settle('warn', `${res.status} with an unexpected body`);
            throw new WebexResponseError({
              status: res.status,
              method: req.method,
              path,
              trackingId: res.headers.get('trackingid') ?? trackingId,
              retries,
              problems: check.problems,
            });
          }
          settle('info', `${res.status}`);
          return {
            status: res.status,
            body: check.data,
            headers: res.headers,
            trackingId,
            retries,
          };
        }
        settle('info', `${res.status}`);
        return { status: res.status, body, headers: res.headers, trackingId, retries };
      }
      if (res.status === 401 && req.auth.kind === 'org' && !refreshed) {
        refreshed = true;
        retries++;
        token = await this.provider().tokenRejected(req.auth.orgId, token);
        continue;
      }
      if (res.status === 429) {
        const wait =
          parseRetryAfter(res.headers.get('retry-after')) ?? this.backoff(rateLimitRetries);
        if (rateLimitRetries < maxRateLimitRetries && wait <= this.o.maxRetryAfterMs) {
          rateLimitRetries++;
          retries++;
          await this.sleep(wait);
          continue;
        }
        settle('warn', 'rate limited');
        throw this.apiError(req, path, res, body, trackingId, retries, 'rate-limited');
      }
      if (res.status >= 500 && idempotent && transientRetries < this.o.maxRetries) {
        await this.sleep(this.backoff(transientRetries++));
        retries++;
        continue;
      }
      settle('warn', `${res.status}`);
      throw this.apiError(req, path, res, body, trackingId, retries);
    }
  }

  private provider(): AccessTokenProvider {
    if (!this.tokens) throw new Error('WebexHttpClient: no token provider connected.');
    return this.tokens;
  }

  private url(req: WebexRequest): URL {
    const url = /^https?:\/\//.test(req.path)
      ? new URL(req.path)
      : new URL(`${this.baseUrl}${req.path.startsWith('/') ? '' : '/'}${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return url;
  }

  private displayPath(url: URL): string {
    const base = new URL(this.baseUrl);
    return url.origin === base.origin && url.pathname.startsWith(base.pathname)
      ? url.pathname.slice(base.pathname.replace(/\/$/, '').length) || '/'
      : url.pathname;
  }

  /** Full jitter: a random delay up to the exponential ceiling, at least half of it. */
  private backoff(n: number): number {
    const ceiling = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** n);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async attempt(
    req: WebexRequest,
    url: URL,
    token: string,
    trackingId: string,
    timeoutMs: number,
  ): Promise<Attempt> {
    const headers: Record<string, string> = { TrackingID: trackingId, Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (req.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    } else if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await this.fetchImpl(url, {
        method: req.method,
        headers,
        body,
        signal,
        redirect: 'manual',
      });
      return { kind: 'response', res, body: await readBody(res) };
    } catch (error) {
      return signal.aborted ? { kind: 'timeout' } : { kind: 'network', error };
    }
  }

  private apiError(
    req: WebexRequest,
    path: string,
    res: Response,
    body: unknown,
    trackingId: string,
    retries: number,
    code?: ServiceAppErrorCode,
  ): WebexApiError {
    const envelope = readEnvelope(body);
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    return new WebexApiError(
      {
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        status: res.status,
        webexMessage: envelope.message,
        descriptions: envelope.descriptions,
        trackingId: res.headers.get('trackingid') ?? trackingId,
        method: req.method,
        path,
        retries,
      },
      code,
    );
  }
}
