import { z } from 'zod';
import { errorBody, ROUTES, type RouteSpec } from './contract';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

const ERROR_RESPONSE = {
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const SECURITY: Partial<Record<RouteSpec['auth'], string>> = {
  operator: 'operatorKey',
  admin: 'adminKey',
  capability: 'capability',
  'walk-in-pass': 'walkInPass',
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (the message names the field)',
  401: 'Missing or wrong credentials',
  403: 'Not allowed',
  404: 'Not found (or another org’s)',
  409: 'Conflict (licence limit, meeting in progress, org not accepted)',
  410: 'Cancelled',
  413: 'Body too large',
  429: 'Too many requests or failed attempts (see Retry-After)',
  502: 'Webex failed',
  503: 'Not available yet (not authorized, token refresh backed off: see Retry-After)',
  504: 'Webex did not answer in time',
};

/** `/api/consultations/:id` → `/api/consultations/{id}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/**
 * The OpenAPI 3.1 document served at `/openapi.json`, generated from the
 * contract (`contract.ts`): the same zod schemas validate the requests, type
 * the handlers and check their answers.
 */
export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const path = openApiPath(spec.path);
    const params = spec.params
      ? Object.entries(
          (jsonSchema(spec.params, 'input') as { properties?: Record<string, unknown> })
            .properties ?? {},
        ).map(([n, schema]) => ({ name: n, in: 'path', required: true, schema }))
      : undefined;
    const success =
      spec.response === 'stream'
        ? { description: 'A Server-Sent Events stream', content: { 'text/event-stream': {} } }
        : {
            description: spec.summary,
            content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
          };
    const security = SECURITY[spec.auth];
    (paths[path] ??= {})[spec.method.toLowerCase()] = {
      operationId: name,
      summary: spec.summary,
      ...(security ? { security: [{ [security]: [] }] } : {}),
      ...(params ? { parameters: params } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: spec.method === 'POST' && spec.auth !== 'operator',
              content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(spec.status)]: success,
        ...Object.fromEntries(
          spec.errors.map((s) => [
            String(s),
            { description: DESCRIPTIONS[s] ?? 'Error', ...ERROR_RESPONSE },
          ]),
        ),
      },
    };
  }
  paths['/openapi.json'] = {
    get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'g2g backend',
      version: '0.0.0',
      description:
        'Thin server for guest-to-guest Webex consultations on @g2g/service-app. Each org that authorizes the Service App is a tenant; operator routes act for the org of their key. Participant joins need a capability from a participant link; manual guest tokens need a walk-in pass.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        operatorKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An operator key of one accepted org.',
        },
        adminKey: { type: 'http', scheme: 'bearer', description: 'The deployment admin key.' },
        capability: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A participant capability (HMAC-signed, expiring, one consultation, one role).',
        },
        walkInPass: {
          type: 'http',
          scheme: 'bearer',
          description: 'A walk-in pass from an operator (one org, one guest, expiring).',
        },
      },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
    paths,
  };
}
