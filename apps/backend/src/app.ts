import type { Socket } from 'node:net';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { LicenceMeter, ServiceApp, WebhookReceiver } from '@g2g/service-app';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import type { Authenticator } from './auth';
import type { WalkInPasses } from './capabilities';
import type { Consultations } from './consultations';
import type { DatabaseHealth } from './db-health';
import { ApiError, toHttpError, type HttpFailure } from './http-errors';
import type { LiveFeed } from './live';
import { adminRoutes } from './routes/admin';
import { operatorRoutes } from './routes/operator';
import { participantRoutes } from './routes/participants';
import { systemRoutes } from './routes/system';
import { webhookRoutes } from './routes/webhooks';
import { StoreUnavailableError, type Store } from './store/store';
import type { Tenants } from './tenants';
import type { WebhookHandler } from './webhook-handler';

/** Rate limit of one bucket: `max` requests per `timeWindow` ms per client address. */
export interface RateLimit {
  max: number;
  timeWindow: number;
}

/**
 * Socket and request bounds against slow clients (slowloris): the headers
 * must arrive within `headersMs`, the whole request within `requestMs`, and
 * an idle socket closes after `idleMs`.
 */
export interface Timeouts {
  headersMs: number;
  requestMs: number;
  idleMs: number;
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 60_000,
  // Fastify's default: longer than clients' and proxies' own keep-alive, so the
  // server never closes a socket a client is just reusing (a reset under load).
  keepAliveMs: 72_000,
};

/**
 * Whom to believe about the client's address (`X-Forwarded-For`): Fastify's
 * `trustProxy` — `false` (default: the socket's address), `true`, a hop
 * count, or the proxies' addresses/CIDRs. Rate limits and lock-outs key on it.
 */
export type TrustProxy = boolean | number | string[];

/** What the HTTP layer needs; {@link startBackend} builds it. */
export interface AppDeps {
  mode: 'sim' | 'webex';
  sa: ServiceApp;
  meter: LicenceMeter;
  tenants: Tenants;
  consultations: Consultations;
  receiver: WebhookReceiver;
  webhooks: WebhookHandler;
  auth: Authenticator;
  passes: WalkInPasses;
  live: LiveFeed;
  logger: Logger;
  now: () => number;
  joinBaseUrl: string;
  corsOrigins: string[];
  /** Global limit, or false to switch rate limiting off (benchmarks, load tests). */
  rateLimit: RateLimit | false;
  /** The stricter bucket of `POST /api/guest-tokens`. */
  guestTokenRateLimit: RateLimit | false;
  /** The webhook route's own bucket. */
  webhookRateLimit: RateLimit | false;
  trustProxy: TrustProxy;
  timeouts: Timeouts;
  /** Registers work to do when the server closes (event streams). */
  onClose: (fn: () => void) => void;
  store: Store;
  /** Whether the database answers: while it does not, everything but `/healthz` is a 503. */
  health: DatabaseHealth;
  /** Where rate-limit counters live; default this process's memory. */
  rateLimitStore?: FastifyRateLimitStoreCtor;
}

/** API bodies are small; anything larger is refused with 413 before parsing. */
export const BODY_LIMIT = 16 * 1024;

/** The headers every answer carries, also the ones Fastify writes before any hook runs. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-site',
  'Cache-Control': 'no-store',
};

/**
 * Builds the Fastify app: timeouts, security headers, CORS allowlist, rate
 * limits, body limits, authentication with counted failures, the routes of
 * the contract, and one error handler that turns every failure — the
 * framework's own included — into a JSON `{error, message}` with the right
 * status (never a stack trace, never an echo of the request).
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const t = deps.timeouts;
  const send = (reply: FastifyReply, f: HttpFailure) => {
    reply.headers({ ...SECURITY_HEADERS, ...f.headers });
    return reply.status(f.status).send(f.body);
  };
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // A request id from a header could be forged into logs; generate our own.
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    // A hop count means "the address that many proxies back" (proxy-addr's integer rule).
    trustProxy:
      typeof deps.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(deps.trustProxy)
        : deps.trustProxy,
    requestTimeout: t.requestMs,
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    http: {
      headersTimeout: t.headersMs,
      requestTimeout: t.requestMs,
      // How often Node enforces the two above; its default (30 s) lets a slow client hang on longer.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(t.headersMs / 4))),
    },
    // Bad URLs and the like never reach hooks or the error handler otherwise.
    frameworkErrors: (error, req, reply) => {
      req.log.info({ code: (error as { code?: string }).code }, 'request refused by the framework');
      return send(reply, toHttpError(error));
    },
    // Malformed HTTP and timed-out requests, answered on the socket itself.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      deps.logger.info({ code: error.code }, 'client error answered on the socket');
      const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const status = timeout ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify(
        timeout
          ? { error: 'request-timeout', message: 'The request took too long to arrive.' }
          : { error: 'bad-request', message: 'The request is not valid HTTP.' },
      );
      const headers = Object.entries({
        ...SECURITY_HEADERS,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        Connection: 'close',
      })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n');
      if (socket.writable)
        socket.write(
          `HTTP/1.1 ${status} ${timeout ? 'Request Timeout' : 'Bad Request'}\r\n${headers}\r\n\r\n${body}`,
        );
      socket.destroy();
    },
  });

  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    // Without its database a replica serves nothing, not even from caches:
    // a token or a record it cannot persist or re-read may be stale.
    if (!deps.health.up && req.url !== '/healthz') throw new StoreUnavailableError();
  });
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin === undefined || deps.corsOrigins.includes(origin)),
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  // Registered even when the global limit is off, so the per-route buckets still apply.
  await app.register(rateLimit, {
    global: deps.rateLimit !== false,
    max: deps.rateLimit ? deps.rateLimit.max : Number.MAX_SAFE_INTEGER,
    timeWindow: deps.rateLimit ? deps.rateLimit.timeWindow : 60_000,
    ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
    errorResponseBuilder: (_req, ctx) =>
      new ApiError(429, 'rate-limited', `Too many requests; retry in ${ctx.after}.`),
  });
  // Added after the rate limiter's own onRoute hook, so authentication runs after it.
  app.addHook('onRoute', (route) => {
    const auth = route.config?.auth;
    if (!auth || auth === 'none') return;
    const check = async (req: FastifyRequest, reply: FastifyReply) => {
      if (auth === 'operator') req.operator = await deps.auth.operator(req, reply);
      else if (auth === 'admin') await deps.auth.admin(req, reply);
      else await deps.auth.notLocked(req, reply, auth);
    };
    const existing = route.onRequest;
    route.onRequest = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), check];
  });

  app.setErrorHandler((error, req, reply) => {
    if (error instanceof StoreUnavailableError) deps.health.lost();
    const failure = toHttpError(error);
    if (failure.status >= 500)
      req.log.error({ err: error, status: failure.status }, 'request failed');
    else req.log.info({ status: failure.status, error: failure.body.error }, 'request refused');
    return send(reply, failure);
  });
  app.setNotFoundHandler((_req, reply) =>
    send(reply, { status: 404, body: { error: 'not-found', message: 'No such route.' } }),
  );

  await app.register(async (scope) => systemRoutes(scope, deps));
  await app.register(async (scope) => participantRoutes(scope, deps));
  await app.register(async (scope) => operatorRoutes(scope, deps));
  await app.register(async (scope) => adminRoutes(scope, deps));
  await app.register(async (scope) => webhookRoutes(scope, deps));
  return app;
}
