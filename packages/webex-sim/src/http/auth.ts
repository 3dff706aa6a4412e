import type { World } from '../world/world';
import type { AccessToken, ServiceApp } from '../world/types';
import { forbidden, unauthorized, HttpError, MESSAGES } from './errors';
import type { SimRequest } from './types';

/**
 * The bearer token of a request, or the 401 Webex answers. With `scopes`,
 * any one of them is enough (Webex accepts e.g. either `spark:all` or the
 * specific scope); a missing scope is a 403.
 */
export function requireToken(world: World, req: SimRequest, scopes: string[] = []): AccessToken {
  const auth = world.tokens.authenticate(headerOf(req, 'authorization'));
  if (auth === undefined || auth === 'expired') throw unauthorized();
  if (scopes.length && !scopes.some((s) => auth.scopes.has(s))) {
    throw forbidden(`Missing required scope: ${scopes.join(' or ')}.`);
  }
  return auth;
}

/** The Service App behind an app token, or 403 for guest/user tokens. */
export function requireApp(world: World, token: AccessToken): ServiceApp {
  const app = token.appClientId ? world.identity.app(token.appClientId) : undefined;
  if (!app || token.kind !== 'service-app') throw forbidden('This API needs a Service App token.');
  if (!app.authorizations.has(token.orgId)) {
    throw new HttpError(403, MESSAGES.forbidden, [
      'The Service App is not authorized in this organization.',
    ]);
  }
  return app;
}

export function headerOf(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
