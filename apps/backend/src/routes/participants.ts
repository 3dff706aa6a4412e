import { randomUUID } from 'node:crypto';
import { guestSubject } from '@g2g/service-app';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { bearer } from '../auth';
import { parseOr400 } from '../http-errors';
import { consultationId, guestTokenBody, joinBody } from '../schemas';

/** Participant routes: joining with a capability, and manual guest tokens. */
export async function participantRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.post('/api/consultations/:id/join', async (req) => {
    const { id } = parseOr400(consultationId, req.params, 'path');
    const body = parseOr400(joinBody, req.body, 'body');
    return deps.consultations.join(id, bearer(req), body.displayName);
  });

  app.post(
    '/api/guest-tokens',
    { config: { rateLimit: deps.guestTokenRateLimit } },
    async (req) => {
      const body = parseOr400(guestTokenBody, req.body, 'body');
      const orgId = await deps.org.orgId();
      const guest = await deps.sa.guests.mint(orgId, {
        subject: guestSubject('manual', randomUUID()),
        displayName: body.displayName,
      });
      return {
        accessToken: guest.accessToken,
        expiresAt: new Date(guest.expiresAt).toISOString(),
        displayName: guest.displayName,
      };
    },
  );
}
