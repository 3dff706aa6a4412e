import { z } from 'zod';
import { createConsultationBody, guestTokenBody, instantConnectBody, joinBody } from './schemas';

const json = (schema: z.ZodType) => ({
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } },
});
const error = { $ref: '#/components/responses/Error' };
const idParam = [
  { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
];

/** The OpenAPI 3.1 document served at `/openapi.json`, built from the same zod schemas the routes use. */
export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'g2g backend',
      version: '0.0.0',
      description:
        'Thin server for guest-to-guest Webex consultations on @g2g/service-app. Operator routes need `Authorization: Bearer <operator key>`; participant joins need `Authorization: Bearer <capability>` from a participant link.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        operatorKey: { type: 'http', scheme: 'bearer', description: 'The operator API key.' },
        capability: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A participant capability (HMAC-signed, expiring, one consultation, one role).',
        },
      },
      responses: {
        Error: {
          description: 'An error with a stable code.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['error', 'message'],
                properties: {
                  error: { type: 'string' },
                  message: { type: 'string' },
                  trackingId: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
    paths: {
      '/api/consultations': {
        post: {
          summary: 'Create a consultation (schedules the Webex meeting, returns participant links)',
          security: [{ operatorKey: [] }],
          requestBody: { required: false, ...json(createConsultationBody) },
          responses: {
            '201': { description: 'Created: `{consultation, links:{host, guests[]}}`' },
            '400': error,
            '401': error,
            '409': { description: 'Licence limit reached', ...error },
            '502': error,
            '503': error,
          },
        },
        get: {
          summary: 'List consultations',
          security: [{ operatorKey: [] }],
          responses: { '200': { description: '`{items}`' }, '401': error },
        },
      },
      '/api/consultations/{id}': {
        get: {
          summary: 'One consultation',
          security: [{ operatorKey: [] }],
          parameters: idParam,
          responses: { '200': { description: 'The consultation' }, '404': error },
        },
        delete: {
          summary: 'Cancel a consultation (deletes the Webex meeting)',
          security: [{ operatorKey: [] }],
          parameters: idParam,
          responses: {
            '200': { description: 'Deleted' },
            '404': error,
            '409': { description: 'The meeting is in progress', ...error },
          },
        },
      },
      '/api/consultations/{id}/join': {
        post: {
          summary: 'Join as a participant: a guest token and the destination',
          security: [{ capability: [] }],
          parameters: idParam,
          requestBody: { required: true, ...json(joinBody) },
          responses: {
            '200': {
              description:
                '`{accessToken, expiresAt, destination:{type:"MEETING_ID", value}, sipAddress, password?, hostKey? (host only), role, participant, displayName}`',
            },
            '400': error,
            '401': error,
            '403': error,
            '404': error,
            '410': error,
          },
        },
      },
      '/api/guest-tokens': {
        post: {
          summary: 'A guest token for a manual join (rate-limited)',
          requestBody: { required: true, ...json(guestTokenBody) },
          responses: {
            '200': { description: '`{accessToken, expiresAt, displayName}`' },
            '400': error,
            '429': error,
          },
        },
      },
      '/api/instant-connect': {
        post: {
          summary: 'Instant Connect host and guest links',
          security: [{ operatorKey: [] }],
          requestBody: { required: false, ...json(instantConnectBody) },
          responses: { '200': { description: '`{subject, host[], guest[]}`' }, '400': error },
        },
      },
      '/webhooks/webex': {
        post: {
          summary: 'Webex webhook deliveries (X-Spark-Signature verified over the raw body)',
          responses: {
            '200': { description: 'Processed or duplicate' },
            '400': error,
            '401': error,
          },
        },
      },
      '/api/status': {
        get: {
          summary: 'Authorization state and licence usage (no secrets)',
          responses: { '200': { description: '`{mode, orgs[], licence}`' } },
        },
      },
      '/healthz': { get: { summary: 'Health check', responses: { '200': { description: 'ok' } } } },
      '/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
    },
  };
}
