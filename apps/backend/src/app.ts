import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { LicenceMeter, ServiceApp, WebhookReceiver } from '@g2g/service-app';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Consultations } from './consultations';
import { toHttpError } from './http-errors';
import type { OrgContext } from './org-context';
import { operatorRoutes } from './routes/operator';
import { participantRoutes } from './routes/participants';
import { systemRoutes } from './routes/system';
import { webhookRoutes } from './routes/webhooks';

/** Rate limit of one bucket: `max` requests per `timeWindowMs` per client IP. */
export interface RateLimit {
  max: number;
  timeWindow: number;
}

/** What the HTTP layer needs; {@link startBackend} builds it. */
export interface AppDeps {
  mode: 'sim' | 'webex';
  sa: ServiceApp;
  meter: LicenceMeter;
  org: OrgContext;
  consultations: Consultations;
  receiver: WebhookReceiver;
  operatorKey: string;
  logger: Logger;
  corsOrigins: string[];
  /** Global limit, or false to switch rate limiting off (benchmarks, load tests). */
  rateLimit: RateLimit | false;
  /** The stricter bucket of `POST /api/guest-tokens`. */
  guestTokenRateLimit: RateLimit | false;
}

/** API bodies are small; anything larger is refused with 413 before parsing. */
export const BODY_LIMIT = 16 * 1024;

/**
 * Builds the Fastify app: security headers, CORS allowlist, rate limits, body
 * limits, the routes, and one error handler that turns every failure into a
 * JSON `{error, message}` with the right status (never a stack trace).
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // A request id from a header could be forged into logs; generate our own.
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
  });

  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin === undefined || deps.corsOrigins.includes(origin)),
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  // Registered even when the global limit is off, so the stricter per-route buckets still apply.
  await app.register(rateLimit, {
    global: deps.rateLimit !== false,
    max: deps.rateLimit ? deps.rateLimit.max : Number.MAX_SAFE_INTEGER,
    timeWindow: deps.rateLimit ? deps.rateLimit.timeWindow : 60_000,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'rate-limited',
      message: `Too many requests; retry in ${ctx.after}.`,
    }),
  });

  app.setErrorHandler((error, req, reply) => {
    const { status, body } = toHttpError(error);
    if (status >= 500) req.log.error({ err: error, status }, 'request failed');
    else req.log.info({ status, error: body.error }, 'request refused');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.status(404).send({ error: 'not-found', message: 'No such route.' }),
  );

  await app.register(async (scope) => systemRoutes(scope, deps));
  await app.register(async (scope) => participantRoutes(scope, deps));
  await app.register(async (scope) => operatorRoutes(scope, deps));
  await app.register(async (scope) => webhookRoutes(scope, deps));
  return app;
}
