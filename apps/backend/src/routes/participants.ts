import { guestSubject } from '@g2g/service-app';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { bearer } from '../auth';
import { ApiError } from '../http-errors';
import { serve } from './register';

/** Participant routes: joining with a capability, and guest tokens bound to a walk-in pass. */
export async function participantRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  serve(app, 'join', async ({ params, body, req }) =>
    deps.consultations.join(params.id, bearer(req), body.displayName, (reason) =>
      deps.auth.failed(req, 'capability', reason),
    ),
  );

  // Was open to anyone, minting org guest tokens for the world. Now each token is
  // bound to a walk-in pass an operator handed out: one org, one guest, until it expires.
  serve(
    app,
    'guestToken',
    async ({ body, req }) => {
      const check = deps.passes.verify(bearer(req));
      if (!check.ok) {
        await deps.auth.failed(req, 'walk-in-pass', check.reason);
        throw check.reason === 'expired'
          ? new ApiError(401, 'link-expired', 'This walk-in link has expired. Ask for a new one.')
          : new ApiError(401, 'unauthorized', 'A walk-in link from the organiser is needed.');
      }
      const { orgId, passId } = check.value;
      if (!(await deps.tenants.isAccepted(orgId))) {
        throw new ApiError(403, 'forbidden', 'This walk-in link no longer works.');
      }
      const guest = await deps.sa.guests.mint(orgId, {
        subject: guestSubject('walk-in', passId),
        displayName: body.displayName,
      });
      return {
        accessToken: guest.accessToken,
        expiresAt: new Date(guest.expiresAt).toISOString(),
        displayName: guest.displayName,
      };
    },
    { config: { rateLimit: deps.guestTokenRateLimit } },
  );
}
