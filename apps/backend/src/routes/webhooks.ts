import { isServiceAppError, WebhookSignatureError, WebhookStaleError } from '@g2g/service-app';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { ApiError } from '../http-errors';
import { serve } from './register';

/**
 * Webhook deliveries are small (a meeting, a participant): anything larger is
 * refused before the HMAC is computed over it.
 */
export const WEBHOOK_BODY_LIMIT = 32 * 1024;

/**
 * `POST /webhooks/webex`: the body is kept as raw bytes (the signature covers
 * exactly those), verified, checked for freshness, de-duplicated against the
 * persistent delivery log, then acted on. A handler failure answers 503 so
 * Webex delivers it again. Throttled per address, with signature failures
 * counted like any failed authentication.
 */
export async function webhookRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  serve(
    app,
    'webhook',
    async ({ req }) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let outcome;
      try {
        outcome = await deps.receiver.receive(raw, req.headers['x-spark-signature'], (envelope) =>
          deps.webhooks.handle(envelope),
        );
      } catch (error) {
        if (error instanceof WebhookSignatureError) {
          await deps.auth.failed(req, 'webhook', error.reason);
          throw error;
        }
        if (error instanceof WebhookStaleError) {
          // Answered 200 so Webex stops retrying (and never disables the webhook over it).
          req.log.warn(
            { webhook: { outcome: 'stale', ageMs: error.ageMs } },
            'stale webhook refused',
          );
          return { ok: true as const, outcome: 'stale' as const };
        }
        if (isServiceAppError(error, 'webhook-payload')) throw error;
        req.log.warn(
          { code: isServiceAppError(error) ? error.code : 'unknown' },
          'webhook handling failed; Webex will retry',
        );
        throw new ApiError(503, 'webhook-retry', 'The delivery could not be processed yet.');
      }
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
      return { ok: true as const, outcome: outcome.kind };
    },
    { bodyLimit: WEBHOOK_BODY_LIMIT, config: { rateLimit: deps.webhookRateLimit } },
  );
}
