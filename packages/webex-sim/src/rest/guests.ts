import { requireApp, requireToken } from '../http/auth';
import { jsonBody, str } from '../http/body';
import { badRequest } from '../http/errors';
import type { Router } from '../http/router';
import { hydraId } from '../ids';
import type { World } from '../world/world';
import { DISPLAY_NAME_MAX, displayNameLength } from '@g2g/webex-spec';

export function guestRoutes(r: Router, world: World): void {
  // POST /v1/guests/token {subject, displayName} → a token the guest uses with the SDK.
  r.post('/v1/guests/token', (req) => {
    const token = requireToken(world, req, ['guest-issuer:write']);
    const app = requireApp(world, token);
    const body = jsonBody(req);
    const subject = str(body, 'subject', { required: true, max: 1024 });
    const displayName = str(body, 'displayName', { required: true });
    if (!displayName.trim()) throw badRequest('displayName must not be blank.');
    // Webex keeps names as given; only the limit (in code points) is checked.
    if (displayNameLength(displayName) > DISPLAY_NAME_MAX)
      throw badRequest(`displayName must be at most ${DISPLAY_NAME_MAX} characters.`);
    const guest = world.identity.guest(app, token.orgId, subject, displayName);
    const guestToken = world.tokens.issueGuest(guest, token.orgId);
    return {
      status: 200,
      body: {
        // The same Hydra PEOPLE id /v1/people/me shows the guest.
        id: hydraId('PEOPLE', guest.personId),
        subject: guest.subject,
        displayName: guest.displayName,
        email: guest.email,
        accessToken: guestToken.value,
        expiresIn: Math.round((guestToken.expiresAt - world.now()) / 1000),
      },
    };
  });

  // GET /v1/guests/count: the body shape is undocumented, so it is a setting. [inferred]
  r.get('/v1/guests/count', (req) => {
    const token = requireToken(world, req, ['guest-issuer:read', 'guest-issuer:write']);
    const app = requireApp(world, token);
    const count = world.identity.guestCount(app.clientId);
    return world.options.guestCountShape === 'number'
      ? {
          status: 200,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
          body: String(count),
        }
      : { status: 200, body: { count } };
  });
}
