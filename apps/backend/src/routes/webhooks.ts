import { AuthorizationHandler, isServiceAppError } from '@g2g/service-app';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { ApiError } from '../http-errors';

/** Webhook deliveries may be larger than API bodies (meeting payloads). */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

/**
 * `POST /webhooks/webex`: the body is kept as raw bytes (the signature covers
 * exactly those), verified, then parsed. Each distinct delivery is processed
 * once; a handler failure answers 503 so Webex delivers it again.
 */
export async function webhookRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.post('/webhooks/webex', { config: { rateLimit: false } }, async (req) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const outcome = await deps.receiver.receive(
        raw,
        req.headers['x-spark-signature'],
        async (envelope) => {
          if (AuthorizationHandler.handles(envelope)) {
            const result = await deps.sa.authorization.handle(envelope);
            if (result.kind === 'authorized') deps.org.set({ orgId: result.orgId });
            return result.kind;
          }
          if (envelope.resource === 'meetings') {
            return deps.meter.onWebhook(envelope) ? 'counted' : 'ignored';
          }
          return 'ignored';
        },
      );
      req.log.info(
        {
          webhook: {
            resource: outcome.envelope.resource,
            event: outcome.envelope.event,
            outcome: outcome.kind === 'processed' ? outcome.result : 'duplicate',
          },
        },
        'webhook received',
      );
      return { ok: true, outcome: outcome.kind };
    } catch (error) {
      if (
        isServiceAppError(error, 'webhook-signature') ||
        isServiceAppError(error, 'webhook-payload')
      ) {
        throw error;
      }
      req.log.warn(
        { code: isServiceAppError(error) ? error.code : 'unknown' },
        'webhook handling failed; Webex will retry',
      );
      throw new ApiError(503, 'webhook-retry', 'The delivery could not be processed yet.');
    }
  });
}
