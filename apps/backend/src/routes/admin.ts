import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import type { OperatorKeyRecord } from '../store/store';
import { serve } from './register';

const keyView = (k: OperatorKeyRecord) => ({
  id: k.id,
  orgId: k.orgId,
  ...(k.label ? { label: k.label } : {}),
  createdAt: new Date(k.createdAt).toISOString(),
  ...(k.revokedAt !== undefined ? { revokedAt: new Date(k.revokedAt).toISOString() } : {}),
});

/** The deployment admin (admin key): which orgs are tenants, and their operator keys. */
export async function adminRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { tenants } = deps;

  serve(app, 'listTenants', async () => ({
    items: await Promise.all((await tenants.load()).map((t) => tenants.view(t))),
  }));

  serve(app, 'acceptTenant', async ({ params, body }) =>
    tenants.view(
      await tenants.accept(params.orgId, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.licenceLimit !== undefined ? { licenceLimit: body.licenceLimit } : {}),
      }),
    ),
  );

  serve(app, 'refuseTenant', async ({ params }) =>
    tenants.view(await tenants.refuse(params.orgId)),
  );

  serve(app, 'listOperatorKeys', async ({ params }) => ({
    items: (await tenants.listKeys(params.orgId)).map(keyView),
  }));

  serve(app, 'createOperatorKey', async ({ params, body }) => {
    const { record, key } = await tenants.issueKey(params.orgId, body.label);
    return { ...keyView(record), key };
  });

  serve(app, 'revokeOperatorKey', async ({ params }) =>
    keyView(await tenants.revokeKey(params.keyId)),
  );
}
