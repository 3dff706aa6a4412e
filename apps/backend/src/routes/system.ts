import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { openApiDocument } from '../openapi';

/** Health, status and the OpenAPI document. None of them reveals a secret. */
export async function systemRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/api/status', async () => {
    const orgs = await deps.sa.tokens.statuses();
    let licence: { siteUrl: string; inProgress: number; limit: number } | undefined;
    try {
      const orgId = await deps.org.orgId();
      licence = deps.meter.usage(await deps.org.siteUrl(orgId));
    } catch {
      licence = undefined;
    }
    return {
      mode: deps.mode,
      authorization: orgs.length ? orgs : [{ state: 'not-authorized' }],
      ...(licence ? { licence } : {}),
    };
  });

  const doc = openApiDocument();
  app.get('/openapi.json', async () => doc);
}
