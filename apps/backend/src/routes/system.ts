import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { openApiDocument } from '../openapi';
import { serve } from './register';
import { StoreUnavailableError } from '../store/store';

/** Health, the public status and the OpenAPI document. None of them says anything about a tenant. */
export async function systemRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  serve(app, 'healthz', async () => {
    if (!(await deps.health.check())) throw new StoreUnavailableError();
    return { ok: true as const, database: deps.store.kind };
  });

  // "degraded" when an accepted tenant cannot work (not authorized, re-authorization needed);
  // which one, and why, is for its operators (GET /api/tenant) and the admin.
  serve(app, 'status', async () => {
    const accepted = await deps.tenants.accepted();
    const states = await Promise.all(accepted.map((t) => deps.sa.tokens.status(t.orgId)));
    const ok = states.length > 0 && states.every((s) => s.state === 'authorized');
    return { status: ok ? ('ok' as const) : ('degraded' as const) };
  });

  const doc = openApiDocument();
  app.get('/openapi.json', async () => doc);
}
