import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import type { LiveEvent } from '../contract';
import { authorizationView } from '../tenants';
import { serve } from './register';

/** Keep-alive comments on the event stream, well inside proxies' and the server's idle timeouts. */
const HEARTBEAT_MS = 20_000;

/**
 * Operator routes. Each acts for the tenant of the operator key (`operator.orgId`)
 * and sees nothing of any other: another org's consultation is a 404.
 */
export async function operatorRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  serve(app, 'tenant', async ({ operator }) => {
    const { orgId } = operator;
    const t = await deps.tenants.get(orgId);
    const status = await deps.sa.tokens.status(orgId);
    const site = ('siteUrl' in status ? status.siteUrl : undefined) ?? t?.siteUrl;
    return {
      mode: deps.mode,
      orgId,
      ...(t?.name ? { name: t.name } : {}),
      ...(site ? { siteUrl: site } : {}),
      authorization: authorizationView(status),
      ...(site ? { licence: await deps.meter.usage(site) } : {}),
    };
  });

  serve(app, 'events', async ({ operator, req, reply }) => {
    const { orgId } = operator;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    const send = (e: LiveEvent) => raw.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    raw.write(': connected\n\n');
    const unsubscribe = deps.live.subscribe(orgId, send);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    req.raw.once('close', stop);
    deps.onClose(() => {
      stop();
      raw.end();
    });
  });

  serve(app, 'createConsultation', async ({ operator, body, reply }) => {
    reply.status(201);
    return deps.consultations.create(operator.orgId, body);
  });

  serve(app, 'listConsultations', async ({ operator }) => ({
    items: await deps.consultations.list(operator.orgId),
  }));

  serve(app, 'getConsultation', async ({ operator, params }) =>
    deps.consultations.get(operator.orgId, params.id),
  );

  serve(app, 'consultationLinks', async ({ operator, params }) =>
    deps.consultations.links(operator.orgId, params.id),
  );

  serve(app, 'endConsultation', async ({ operator, params }) =>
    deps.consultations.end(operator.orgId, params.id),
  );

  serve(app, 'cancelConsultation', async ({ operator, params }) =>
    deps.consultations.delete(operator.orgId, params.id),
  );

  serve(app, 'walkInPass', async ({ body, operator }) => {
    const exp = deps.now() + body.validMinutes * 60_000;
    const pass = deps.passes.issue({ orgId: operator.orgId, passId: randomUUID(), exp });
    return {
      pass,
      url: `${deps.joinBaseUrl}/manual#pass=${pass}`,
      expiresAt: new Date(exp).toISOString(),
    };
  });

  serve(app, 'instantConnect', async ({ operator, body }) => {
    const subject = body.subject ?? `g2g-ic-${randomUUID()}`;
    const links = await deps.sa.instantConnect.createLinks(operator.orgId, {
      subject,
      verticalType: body.verticalType,
      short: body.short,
      loginUrlForHost: body.loginUrlForHost,
      numHost: body.numHost,
      numGuest: body.numGuest,
    });
    return {
      subject,
      host: links.host.map((url) => ({ url })),
      guest: links.guest.map((url) => ({ url })),
    };
  });
}
