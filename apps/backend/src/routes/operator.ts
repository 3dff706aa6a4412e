import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { requireOperator } from '../auth';
import { parseOr400 } from '../http-errors';
import { consultationId, createConsultationBody, instantConnectBody } from '../schemas';

/** Operator routes: consultations and Instant Connect links. */
export async function operatorRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('onRequest', requireOperator(deps.operatorKey));

  app.post('/api/consultations', async (req, reply) => {
    const body = parseOr400(createConsultationBody, req.body ?? {}, 'body');
    const created = await deps.consultations.create(body);
    return reply.status(201).send(created);
  });

  app.get('/api/consultations', async () => ({ items: deps.consultations.list() }));

  app.get('/api/consultations/:id', async (req) => {
    const { id } = parseOr400(consultationId, req.params, 'path');
    return deps.consultations.get(id);
  });

  app.delete('/api/consultations/:id', async (req) => {
    const { id } = parseOr400(consultationId, req.params, 'path');
    return deps.consultations.delete(id);
  });

  app.post('/api/instant-connect', async (req) => {
    const body = parseOr400(instantConnectBody, req.body ?? {}, 'body');
    const subject = body.subject ?? `g2g-ic-${randomUUID()}`;
    const orgId = await deps.org.orgId();
    const links = await deps.sa.instantConnect.createLinks(orgId, {
      subject,
      verticalType: body.verticalType,
      short: body.short,
      loginUrlForHost: body.loginUrlForHost,
      numHost: body.numHost,
      numGuest: body.numGuest,
    });
    return { subject, ...links };
  });
}
